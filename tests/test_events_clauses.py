"""Which clauses carry the main event, and who its arguments are (sentences written for these tests; loads
the spaCy model)."""

from __future__ import annotations

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon

pytestmark = pytest.mark.model

ACTORS = {
    "Norwegian protesters": ("NOROPP", "NOR", "OPP"),
    "Chilean army": ("CHLMIL", "CHL", "MIL"),
    "Chilean police": ("CHLCOP", "CHL", "COP"),
    "Norway": ("NOR", "NOR", None),
    "Chile": ("CHL", "CHL", None),
}


def _mentions(text: str) -> list[Actor]:
    return mentions_from_table(text, ACTORS)


def _asserted(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    events = extract_events(nlp(text), _mentions(text), load_lexicon(), text)
    return [e for e in events if e.modality == "asserted"]


def _roots(events: list[Event]) -> set[str]:
    return {e.cameo_code[:2] for e in events}


def _pairs(events: list[Event], root: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
        if e.cameo_code.startswith(root)
    }


def test_relative_clause_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(
        nlp, "The Chilean army, which attacked Norwegian protesters last year, visited Norway on Monday."
    )
    assert _roots(evs) == {"04"}


def test_temporal_clause_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile restored diplomatic ties with Norway two years after Norwegian protesters burned its embassy."
    )
    evs = _asserted(nlp, text)
    assert _roots(evs) == {"05"}
    assert ("CHL", "NOR") in _pairs(evs, "05")


def test_when_clause_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "The Chilean army killed ten people when it bombed a village in Norway.")
    assert [e.trigger_text for e in evs] == ["killed"]


def test_participle_adjunct_elaborates_main_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Chile rejected the new proposal, urging Norway to sign the old treaty instead.")
    assert _roots(evs) == {"12"}


def test_material_participle_stays_an_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean police opened fire on Norwegian protesters in Santiago, killing one and arresting twelve."
    assert "17" in _roots(_asserted(nlp, text))


def test_protest_purpose_is_not_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Norwegian protesters staged a rally in Oslo to demand the resignation of the government."
    assert _roots(_asserted(nlp, text)) == {"14"}


def test_protest_participle_is_not_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Norwegian protesters blocked roads in Oslo, demanding that the government resign."
    assert _roots(_asserted(nlp, text)) == {"14"}


def test_accused_act_is_not_an_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(
        nlp, "Norway accused Chile of attacking Norwegian protesters and ignoring international law."
    )
    assert _roots(evs) == {"11"}
    assert ("NOR", "CHL") in _pairs(evs, "11")


def test_about_to_is_no_asserted_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _asserted(nlp, "Norway is about to restore full diplomatic ties with Chile.") == []


def test_future_reaches_down_a_complement_chain(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Chilean army prepared to resume shelling rebel positions in Norway."
    events = extract_events(nlp(text), _mentions(text), load_lexicon(), text)
    assert {e.modality for e in events if e.cameo_code.startswith("19")} == {"future"}


def test_noun_complement_is_not_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "07" not in _roots(_asserted(nlp, "Norway cancelled plans to sell weapons to Chile."))


def test_fronted_participle_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Criticized by Norway for weeks, Chile is slowly being drawn into the talks.")
    assert evs == []


def test_participle_used_as_noun_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Chilean police evacuated the wounded from a town in Norway.")
    assert not _roots(evs) & {"18", "19", "20"}


def test_own_object_is_not_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Norway has reinforced its troops in Chile.")
    assert evs and all(e.target is not None and e.target.code == "CHL" for e in evs)


def test_condition_names_the_threatened(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Norway threatened to break off the talks if Chile expels its ambassador.")
    assert ("NOR", "CHL") in _pairs(evs, "13")


def test_threat_without_condition_has_no_made_up_target(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Norway threatened to break off the talks.")
    assert _pairs(evs, "13") == {("NOR", None)}


def test_stranded_preposition_takes_the_later_object(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _asserted(nlp, "Chile has established diplomatic ties with and opened an embassy in Norway.")
    assert ("CHL", "NOR") in _pairs(evs, "05")


def test_negated_main_event_is_not_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _asserted(nlp, "Chile did not restore diplomatic ties with Norway after the election.") == []


def test_bare_sector_pronoun_is_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Chilean army rejected the plan and said they opposed any talks with Norway."
    start = text.index("they")
    mentions = [*_mentions(text), Actor("they", start, start + 4, "MIL", None, "MIL")]
    mentions.sort(key=lambda a: a.start)
    events = extract_events(nlp(text), mentions, load_lexicon(), text)
    opposed = [e for e in events if e.trigger_text == "opposed"]
    assert opposed and all(e.source is not None and e.source.code == "CHLMIL" for e in opposed)
