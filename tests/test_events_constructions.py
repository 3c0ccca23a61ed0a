"""Protest demands, third-location meetings and the other constructions that reach every CAMEO code, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon

pytestmark = pytest.mark.model

# surface -> (code, country, sector); longer surfaces first so they win overlaps
ACTORS = {
    "Chilean dockworkers": ("CHLLAB", "CHL", "LAB"),
    "Chilean students": ("CHLEDU", "CHL", "EDU"),
    "Chilean police": ("CHLCOP", "CHL", "COP"),
    "Chilean ministers": ("CHLGOV", "CHL", "GOV"),
    "Peruvian soldiers": ("PERMIL", "PER", "MIL"),
    "the president": ("GOV", None, "GOV"),
    "prisoners": ("CRM", None, "CRM"),
    "a farmer": ("CVL", None, "CVL"),
    "Santiago": ("CHL", "CHL", None),
    "Vienna": ("AUT", "AUT", None),
    "Lima": ("PER", "PER", None),
    "Chile": ("CHL", "CHL", None),
    "Peru": ("PER", "PER", None),
    "Ghana": ("GHA", "GHA", None),
}


def _mentions(text: str) -> list[Actor]:
    return mentions_from_table(text, ACTORS)


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return extract_events(nlp(text), _mentions(text), load_lexicon(), text)


def _codes(nlp, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.cameo_code for e in _events(nlp, text) if e.modality == "asserted"}


# ---------------------------------------------------------------- protests refined by their demand


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chilean students marched in Santiago demanding the resignation of the president.", "1411"),
        ("Chilean students rallied in Santiago to demand a change of policy on tuition.", "1412"),
        ("Chilean students held a rally in Santiago for democracy.", "1414"),
        ("Chilean dockworkers went on strike in Santiago calling for the ouster of the president.", "1431"),
        ("Chilean students blocked roads in Santiago, demanding a new constitution.", "1444"),
        ("Chilean students rioted in Santiago, saying the president must resign.", "1451"),
    ],
)
def test_protest_refined_by_its_demand(nlp, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert _codes(nlp, text) == {code}


def test_hunger_strike_for_rights(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "In Chile, prisoners went on hunger strike to demand the right to vote.")
    assert "1423" in got


def test_protest_without_a_codeable_demand_keeps_its_form(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _codes(nlp, "Chilean dockworkers went on strike in Santiago to demand higher wages.") == {"143"}


def test_protest_demand_clause_is_not_a_separate_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "Chilean students rioted in Santiago, saying the president must resign.")
    assert not any(c.startswith("10") for c in got)


def test_protest_after_an_unrelated_clause_is_not_refined(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean students rallied in Santiago after the president called for new elections."
    assert "1414" not in _codes(nlp, text)


def test_accession_to_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "Chilean ministers agreed to the students' demand for a new constitution.")
    assert got == {"0834"}


# ---------------------------------------------------------------- meetings at a third location


def test_meeting_in_a_third_state(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Chilean ministers met Peruvian soldiers in Vienna on Monday.")
    got = {(e.cameo_code, e.source.code if e.source else None, e.target.code if e.target else None)
           for e in events}  # fmt: skip
    assert got == {("044", "CHLGOV", "PERMIL")}


def test_meeting_of_two_states_in_a_third(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _codes(nlp, "Chile and Peru held talks in Vienna.") == {"044"}


def test_meeting_in_one_party_state_is_plain(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _codes(nlp, "Chilean ministers met Peruvian soldiers in Lima on Monday.") == {"040"}


def test_negated_third_location_meeting(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Chile and Peru did not meet in Vienna.")
    assert all(e.modality != "asserted" for e in events)


# ---------------------------------------------------------------- other codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chilean ministers laid a wreath at the memorial in Lima.", "017"),
        ("Chilean students held a candlelight vigil in Santiago.", "017"),
        ("Chile eased restrictions on the press.", "0811"),
        ("Chile legalized the Communist party.", "0812"),
        ("Chile handed back the seized trawlers to Peru.", "084"),
        ("Chilean ministers reversed their policy on Peru.", "0832"),
        ("Chile threatened to sue Peru.", "131"),
        ("Chile threatened legal action against Peru.", "131"),
        ("Chilean police were placed on high alert in Santiago.", "151"),
        ("Chile deployed riot police in Santiago.", "153"),
        ("Chile suspended military cooperation with Peru.", "160"),
        ("Chile expelled the staff of the Peruvian trade office.", "166"),
        ("Peruvian soldiers beat a farmer to death in Lima.", "1823"),
        ("Peruvian soldiers committed mass violence against civilians in Lima.", "200"),
        ("Peru used weapons of mass destruction against Chile.", "204"),
    ],
)
def test_construction(nlp, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert code in _codes(nlp, text)


def test_tear_gas_is_not_a_chemical_weapon(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "Chilean police used tear gas to disperse the students in Santiago.")
    assert "2041" not in got
    assert "175" in got


def test_conditional_threat_to_veto(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "Chile threatened to veto the resolution if Peru refused to negotiate.")
    assert "131" in got


def test_negated_symbolic_act_is_not_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "017" not in _codes(nlp, "Chilean ministers did not attend the funeral in Lima.")


def test_active_conjunct_of_a_passive_takes_the_passive_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Chile was criticized by Ghana and recalled its ambassador from Peru.")
    got = {(e.cameo_code, e.source.code if e.source else None) for e in events if e.modality == "asserted"}
    assert ("161", "CHL") in got
    assert ("161", "GHA") not in got


def _triples(nlp, text: str) -> set[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {
        (e.cameo_code, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in _events(nlp, text)
        if e.modality == "asserted"
    }


def test_capturing_a_named_place_is_occupying_territory(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _triples(nlp, "Peruvian soldiers captured Lima after a week of fighting.")
    assert ("192", "PERMIL", "PER") in got


def test_passive_capture_of_a_named_place_takes_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("192", "PERMIL", "PER") in _triples(nlp, "Lima was captured by Peruvian soldiers.")


def test_capturing_a_named_person_is_an_arrest(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _codes(nlp, "Chilean police captured Carlos Mendoza near the border.")
    assert "173" in got
    assert "192" not in got


def test_reduced_relative_victim_is_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _triples(nlp, "Two Peruvian soldiers killed in Santiago were buried on Sunday.")
    assert any(code == "190" and target == "PERMIL" for code, _, target in got)


def test_participle_object_is_the_target_of_the_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _triples(nlp, "Peruvian soldiers shelled the town, targeting Chilean police.")
    assert ("194", "PERMIL", "CHLCOP") in got
    assert len(got) == 1  # the participle stays folded into the attack


def test_victims_of_a_bombing_participle_are_its_target(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _triples(nlp, "A car bomb exploded in a market, killing four Chilean students.")
    assert {target for _, _, target in got} == {"CHLEDU"}
    assert "190" not in {code for code, _, _ in got}
