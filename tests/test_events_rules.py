"""Argument, sub-code and modality rules of the event coder, on sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon

pytestmark = pytest.mark.model

# surface -> (code, country, sector); longer surfaces first so they win overlaps
ACTORS = {
    "Portuguese fishermen": ("PRTCVL", "PRT", "CVL"),
    "Portuguese police": ("PRTCOP", "PRT", "COP"),
    "Kenyan ministers": ("KENGOV", "KEN", "GOV"),
    "Kenyan soldiers": ("KENMIL", "KEN", "MIL"),
    "rebel camps": ("REB", None, "REB"),
    "protesters": ("OPP", None, "OPP"),
    "The judge": ("JUD", None, "JUD"),
    "officials": ("GOV", None, "GOV"),
    "refugees": ("REF", None, "REF"),
    "troops": ("MIL", None, "MIL"),
    "Portugal": ("PRT", "PRT", None),
    "Lisbon": ("PRT", "PRT", None),
    "Kenya": ("KEN", "KEN", None),
    "Mali": ("MLI", "MLI", None),
}


def _mentions(text: str) -> list[Actor]:
    return mentions_from_table(text, ACTORS)


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return extract_events(nlp(text), _mentions(text), load_lexicon(), text)


def _asserted(nlp, text: str) -> set[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {
        (e.cameo_code, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in _events(nlp, text)
        if e.modality == "asserted"
    }


# ---------------------------------------------------------------- arguments


def test_recipient_beats_the_thing_given(nlp) -> None:  # type: ignore[no-untyped-def]
    # the object "troops" is what is sent, the "to" phrase is the target
    assert ("074", "KEN", "MLI") in _asserted(nlp, "Kenya offered troops to Mali on Monday.")


def test_recipient_attached_to_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("075", "PRT", "MLIREF") in _asserted(nlp, "Portugal granted asylum to refugees from Mali.")


def test_fire_against_conjoined_weapons(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Kenyan soldiers launched mortar and rocket fire against rebel camps.")
    assert ("194", "KENMIL", "KENREB") in got  # the rebels take the state of their attacker


def test_sector_only_actor_takes_the_counterpart_state(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "The judge opened a corruption investigation against Kenyan ministers.")
    assert ("091", "KENJUD", "KENGOV") in got


def test_no_state_for_sector_only_actor_when_two_states(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Protesters in Kenya condemned Portugal.")
    assert all(s != "PRTOPP" for _, s, _ in got)


def test_domestic_target_is_a_place_of_the_same_state(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Portuguese police arrested dozens of people in Lisbon on Friday.")
    assert ("173", "PRTCOP", "PRT") in got


def test_purpose_clause_merges_into_the_main_event(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Portuguese fishermen began a hunger strike to protest against Kenya.")
    assert got == {("142", "PRTCVL", "KEN")}


def test_participle_consequence_is_not_a_second_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Kenyan soldiers shelled the rebel camps, killing ten people.")
    assert {c for c, _, _ in got} == {"194"}


# ---------------------------------------------------------------- sub-codes


def test_bring_an_end_to_an_embargo(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("0254", "MLI", "KEN") in _asserted(nlp, "Mali appealed to Kenya to bring an end to the embargo.")


def test_compound_modifier_of_a_modifier(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Portugal suspended part of its military aid program for Mali.")
    assert any(c == "1622" for c, _, _ in got)


def test_establish_diplomatic_relations_is_recognition(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("054", "PRT", "MLI") in _asserted(nlp, "Portugal established diplomatic relations with Mali.")


def test_threat_to_ban_voting(nlp) -> None:  # type: ignore[no-untyped-def]
    assert any(c == "1321" for c, _, _ in _asserted(nlp, "Kenya threatened to ban voting in the north."))


def test_demand_constitutional_change(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _asserted(nlp, "Kenya demanded that Mali agree to constitutional changes.")
    assert any(c == "1044" for c, _, _ in got)


def test_attempt_to_assassinate(nlp) -> None:  # type: ignore[no-untyped-def]
    got = {c for c, _, _ in _asserted(nlp, "An attempt to assassinate Kenyan ministers failed in Kenya.")}
    assert "185" in got
    assert "186" not in got


# ---------------------------------------------------------------- modality and statements


def test_negated_recognition_is_not_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not any(
        c.startswith("05") for c, _, _ in _asserted(nlp, "Portugal did not establish relations with Mali.")
    )


def test_conditional_offer_of_troops_is_hypothetical(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _events(nlp, "If Mali asks, Kenya would send troops to Mali.")
    assert all(e.modality != "asserted" for e in evs if e.cameo_code.startswith(("07", "15")))


def test_plain_statement_needs_a_state_and_a_topic(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _asserted(nlp, "The weather was fine, officials said.") == set()
    assert ("010", "KEN", "MLI") in _asserted(nlp, "Kenya said Mali was calm.")
