"""Event extraction on sentences written for these tests (loads the spaCy model)."""

from __future__ import annotations

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Article, Document, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon
from newsevents.pipeline import Resources

pytestmark = pytest.mark.model

ACTORS = {
    "Norwegian foreign minister": ("NORGOV", "NOR", "GOV"),
    "Chilean ambassador": ("CHLGOV", "CHL", "GOV"),
    "Chilean army": ("CHLMIL", "CHL", "MIL"),
    "Chilean police": ("CHLCOP", "CHL", "COP"),
    "Norwegian protesters": ("NOROPP", "NOR", "OPP"),
    "Rebels": ("REB", None, "REB"),
    "Norway": ("NOR", "NOR", None),
    "Chile": ("CHL", "CHL", None),
}


def _mentions(text: str) -> list[Actor]:
    return mentions_from_table(text, ACTORS)


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return extract_events(nlp(text), _mentions(text), load_lexicon(), text)


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None, str]]:
    return {
        (e.cameo_code, e.source.code if e.source else None, e.target.code if e.target else None, e.modality)
        for e in events
    }


def test_visit(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Norwegian foreign minister visited Chile on Monday."
    evs = _events(nlp, text)
    assert ("042", "NORGOV", "CHL", "asserted") in _triples(evs)
    e = evs[0]
    assert text[e.trigger_start : e.trigger_end] == "visited" == e.trigger_text
    assert (e.evidence_start, e.evidence_end) == (0, len(text))
    assert 0.0 <= e.confidence <= 1.0


def test_condemn(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("111", "NOR", "CHL", "asserted") in _triples(_events(nlp, "Norway condemned Chile for the raid."))


def test_negated_meeting(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _triples(_events(nlp, "Chile did not meet Norway.")) == {("040", "CHL", "NOR", "negated")}


def test_threat_with_sanctions_is_not_a_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    codes = {e.cameo_code for e in _events(nlp, "Norway threatened to impose sanctions on Chile.")}
    assert "1312" in codes
    assert "163" not in codes


def test_denial_is_not_an_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    codes = {e.cameo_code[:2] for e in _events(nlp, "Norway denied attacking Chile.")}
    assert "01" in codes
    assert not codes & {"18", "19"}


def test_decline_to_comment(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _events(nlp, "The Chilean ambassador declined to comment on the dispute.")
    assert {e.cameo_code for e in evs} == {"011"}


def test_passive_agent_is_source(nlp) -> None:  # type: ignore[no-untyped-def]
    trip = _triples(_events(nlp, "Rebels were attacked by the Chilean army near the border."))
    # the rebels take the state of their attacker (domestic reading of a sector-only actor)
    assert any(c[:2] in ("18", "19") and s == "CHLMIL" and t == "CHLREB" for c, s, t, _ in trip)


def test_future_visit_is_also_an_intent(nlp) -> None:  # type: ignore[no-untyped-def]
    trip = _triples(_events(nlp, "Norway will visit Chile next week."))
    assert ("042", "NOR", "CHL", "future") in trip
    assert ("036", "NOR", "CHL", "asserted") in trip


def test_appeal_to_release(nlp) -> None:  # type: ignore[no-untyped-def]
    trip = _triples(_events(nlp, "Norway urged Chile to release the prisoners."))
    assert ("0253", "NOR", "CHL", "asserted") in trip
    assert not any(c.startswith("084") for c, *_ in trip)


def test_conjoined_signatories(nlp) -> None:  # type: ignore[no-untyped-def]
    trip = _triples(_events(nlp, "Norway and Chile signed a trade agreement on Friday."))
    assert ("057", "NOR", "CHL", "asserted") in trip
    assert ("057", "CHL", "NOR", "asserted") in trip


def test_several_events_per_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _events(nlp, "Chilean police arrested Norwegian protesters and the Chilean army shelled the town.")
    assert {"173", "194"} <= {e.cameo_code for e in evs}


def test_conditional_is_hypothetical(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = _events(nlp, "If Norway attacks Chile, the region will suffer.")
    assert evs and all(e.modality == "hypothetical" for e in evs if e.cameo_code[:2] == "19")


def test_no_actor_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, "The weather attacked the crops with frost.") == []


def test_stage_fills_document(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsevents.events.stage import code_events

    text = "Norway condemned Chile."
    doc = Document(Article("a1", text, "h"), clean_text=text, spacy_doc=nlp(text), mentions=_mentions(text))
    out = code_events(doc, Resources())
    assert [e.cameo_code for e in out.events] == ["111"]
    empty = code_events(Document(Article("a2", text, "h")), Resources())
    assert empty.events == []
