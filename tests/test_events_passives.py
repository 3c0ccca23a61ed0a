"""Violent events in passives and reduced relatives, attributive participles, the place of an attack,
reciprocal subjects and renewed diplomatic ties, on sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon

pytestmark = pytest.mark.model

# surface -> (code, country, sector); longer surfaces first so they win overlaps
ACTORS = {
    "Ghanaian fishermen": ("GHACVL", "GHA", "CVL"),
    "Togolese gunmen": ("TGOUAF", "TGO", "UAF"),
    "Ghanaian": ("GHA", "GHA", None),
    "Togolese": ("TGO", "TGO", None),
    "Beninese": ("BEN", "BEN", None),
    "soldiers": ("MIL", None, "MIL"),
    "warships": ("MIL", None, "MIL"),
    "officials": ("GOV", None, "GOV"),
    "villagers": ("CVL", None, "CVL"),
    "engineers": ("BUS", None, "BUS"),
    "pirates": ("CRM", None, "CRM"),
    "rebels": ("REB", None, "REB"),
    "Ghana": ("GHA", "GHA", None),
    "Togo": ("TGO", "TGO", None),
    "Benin": ("BEN", "BEN", None),
    "Accra": ("GHA", "GHA", None),
    "Lome": ("TGO", "TGO", None),
}


def _mentions(text: str) -> list[Actor]:
    # bare states and cities are place-like mentions ("country" kind), as the actors stage gives them
    return [replace(a, kind="country") if a.sector is None else a for a in mentions_from_table(text, ACTORS)]


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return extract_events(nlp(text), _mentions(text), load_lexicon(), text)


def _asserted(nlp, text: str) -> set[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {
        (e.cameo_code[:2], e.source.code if e.source else None, e.target.code if e.target else None)
        for e in _events(nlp, text)
        if e.modality == "asserted"
    }


def _modalities(nlp, text: str, root: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.modality for e in _events(nlp, text) if e.cameo_code.startswith(root)}


# ---------------------------------------------------------------- passives and reduced relatives


def test_reduced_relative_with_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    """A participle with a "by" agent parsed as a main verb: the subject is the victim."""
    found = _asserted(nlp, "Two Ghanaian fishermen shot dead by Togolese gunmen were buried on Friday.")
    assert ("19", "TGOUAF", "GHACVL") in found


def test_passive_with_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("19", "TGOUAF", "GHACVL") in _asserted(
        nlp, "Two Ghanaian fishermen were shot by Togolese gunmen."
    )


def test_passive_attack_noun_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "wounded in an attack by X": the attacker is the "by" phrase of the attack noun."""
    found = _asserted(nlp, "Ghanaian fishermen were wounded in an attack by Togolese gunmen.")
    assert ("19", "TGOUAF", "GHACVL") in found


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Two Ghanaian fishermen were not shot by Togolese gunmen.", "negated"),
        ("Ghanaian fishermen could be shot by Togolese gunmen.", "hypothetical"),
    ],
)
def test_passive_negated_and_conditional(nlp, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    assert _modalities(nlp, text, "19") == {modality}


def test_passive_criticism(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("11", "TGO", "GHA") in _asserted(nlp, "Ghana was criticized by Togo for its fishing policy.")
    assert _modalities(nlp, "Ghana was never criticized by Togo.", "11") == {"negated"}


# ---------------------------------------------------------------- attributive participles


@pytest.mark.parametrize("verb", ["kidnapped", "abducted"])
def test_attributive_participle_reports_the_act(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, f"The {verb} Beninese engineers appeared in a video on Monday.")
    assert [e.cameo_code for e in events] == ["181"]
    assert events[0].target is not None and events[0].target.country == "BEN"


def test_attributive_participle_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    """The main event of the sentence wins over the scene-setting participle."""
    codes = {e.cameo_code for e in _events(nlp, "Togo released the kidnapped Beninese engineers.")}
    assert "181" not in codes and "0841" in codes


def test_ordinary_adjective_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, "The tired Beninese engineers appeared in a video on Monday.") == []


# ---------------------------------------------------------------- the place of an attack


def test_unnamed_victims_take_the_state_of_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _asserted(nlp, "Togolese gunmen killed five villagers in Accra.")
    assert ("19", "TGOUAF", "GHACVL") in found


def test_bombing_without_perpetrator_is_located(nlp) -> None:  # type: ignore[no-untyped-def]
    """A bomb with no named author: the place where it exploded is no source (the victims take its
    state); the victims from the participle clause come before the place."""
    found = _asserted(nlp, "A bomb exploded in a market in Lome, killing seven villagers.")
    assert ("18", None, "TGOCVL") in found
    assert not any(src == "TGO" for _, src, _ in found)


def test_perpetrator_of_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _asserted(nlp, "The rebels kidnapped two Beninese engineers in Togo.")
    assert ("18", "TGOREB", "BENBUS") in found


# ---------------------------------------------------------------- reciprocal subjects, measured nouns


def test_conjoined_state_adjectives_meet(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _asserted(nlp, "Ghanaian and Togolese officials held talks in Accra.")
    assert {("04", "GHAGOV", "TGOGOV"), ("04", "TGOGOV", "GHAGOV")} <= found


def test_measured_event_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "a series of exercises": the measure noun stands in the light verb's object position."""
    found = _asserted(nlp, "Ghanaian and Beninese warships held a series of naval exercises.")
    assert {("06", "GHAMIL", "BENMIL"), ("06", "BENMIL", "GHAMIL")} <= found


def test_each_other_is_reciprocal(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _asserted(nlp, "Ghana and Togo accused each other of violating the border.")
    assert {("11", "GHA", "TGO"), ("11", "TGO", "GHA")} <= found


# ---------------------------------------------------------------- diplomatic ties


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ghana and Benin renewed diplomatic ties on Monday.", "050"),
        ("Ghana and Benin restored diplomatic relations.", "050"),
        ("Ghana and Benin resumed diplomatic relations.", "050"),
        ("Ghana and Benin reestablished ties last year.", "050"),
        ("Ghana and Benin established diplomatic relations.", "054"),
    ],
)
def test_reciprocal_ties(nlp, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in _events(nlp, text) if e.modality == "asserted"]
    pairs = {
        (e.cameo_code, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
    }
    assert pairs == {(code, "GHA", "BEN"), (code, "BEN", "GHA")}


def test_ties_with_a_target(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("05", "GHA", "TGO") in _asserted(nlp, "Ghana renewed ties with Togo.")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Ghana did not renew ties with Togo.", "negated"),
        ("If Ghana restores ties with Togo, trade will grow.", "hypothetical"),
        ("Ghana might restore ties with Togo.", "hypothetical"),
        ("Ghana will restore ties with Togo.", "future"),
    ],
)
def test_ties_negated_and_conditional(nlp, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    assert modality in _modalities(nlp, text, "050")
    assert "asserted" not in _modalities(nlp, text, "050")
