"""The places stage end to end on our own sentences (loads the spaCy model and the installed gazetteer)."""

from __future__ import annotations

import hashlib
import itertools

import pytest

from newsevents.document import Actor, Article, Document, Event
from newsevents.pipeline import Resources, get_stage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resources() -> Resources:
    from newsevents.nlp import load_model

    return Resources(nlp=load_model())


def _doc(text: str, res: Resources, events: list[Event] | None = None) -> Document:
    from newsevents.places import stage as _stage  # noqa: F401 - registers "places"

    assert res.nlp is not None
    art = Article("t", text, hashlib.sha256(text.encode()).hexdigest())
    doc = Document(art, clean_text=text, spacy_doc=res.nlp(text), events=events or [])
    return get_stage("places").func(doc, res)


def _event(text: str, trigger: str) -> Event:
    i = text.index(trigger)
    actor = Actor("Ministers", 0, 9, "GOV", sector="GOV")
    return Event(0, 0, len(text), i, i + len(trigger), "040", source=actor, trigger_text=trigger)


def test_places_rows_and_qualifier_pattern(resources: Resources) -> None:
    text = "The festival moved from Paris, Texas, to Houston last year, while Turkish officials watched."
    doc = _doc(text, resources)
    by_text = {p["text"]: p for p in doc.places}
    assert by_text["Paris"]["country"] == "USA" and by_text["Paris"]["admin1"] == "Texas"
    assert by_text["Turkish"]["country"] == "TUR"
    for p in doc.places:
        assert text[p["start"] : p["end"]] == p["text"]
    spans = sorted((p["start"], p["end"]) for p in doc.places)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_paris_alone_is_france(resources: Resources) -> None:
    doc = _doc("Diplomats gathered in Paris for the climate talks.", resources)
    (paris,) = [p for p in doc.places if p["text"] == "Paris"]
    assert paris["country"] == "FRA"


def test_event_location_from_the_governed_place(resources: Resources) -> None:
    text = "Ministers met their counterparts in Pyongyang on Sunday, Chinese media reported."
    doc = _doc(text, resources, [_event(text, "met")])
    (ev,) = doc.events
    assert ev.location_name == "Pyongyang" and ev.location_country == "PRK"
    assert ev.lat == pytest.approx(39.0, abs=0.2) and ev.lon == pytest.approx(125.75, abs=0.2)


def test_event_without_a_place_stays_unlocated(resources: Resources) -> None:
    text = "Ministers met their Chinese counterparts on Sunday."
    doc = _doc(text, resources, [_event(text, "met")])
    assert doc.events[0].location_name is None


def test_place_named_by_a_kind_of_place_noun(resources: Resources) -> None:
    # "Qaryat Zeta" is in no gazetteer; "the village of" makes it a toponym, placed near Aleppo.
    text = "Ministers were killed in the village of Qaryat Zeta near Aleppo in northern Syria."
    doc = _doc(text, resources, [_event(text, "killed")])
    village = next(p for p in doc.places if p["text"] == "Qaryat Zeta")
    assert village["geonameid"] is None and village["country"] == "SYR"
    assert doc.events[0].location_name == "Qaryat Zeta"


def test_premodifying_toponym_is_no_event_place(resources: Resources) -> None:
    # "US" premodifies the victim; the place is the one after "in".
    text = "Ministers said a US soldier was killed by a roadside bomb in Kandahar on Friday."
    doc = _doc(text, resources, [_event(text, "killed")])
    assert doc.events[0].location_name == "Kandahar"


def test_smaller_place_wins_inside_one_phrase(resources: Resources) -> None:
    text = "Ministers were attacked in Iraq's northern city of Mosul on Tuesday."
    doc = _doc(text, resources, [_event(text, "attacked")])
    assert doc.events[0].location_name == "Mosul"


def test_subordinate_clause_place_belongs_to_its_own_verb(resources: Resources) -> None:
    text = "Ministers demonstrated in Cairo on Sunday to demand that Germany release a cleric held in Berlin."
    doc = _doc(text, resources, [_event(text, "demonstrated")])
    assert doc.events[0].location_name == "Cairo"


def test_region_abbreviation_and_qualifier(resources: Resources) -> None:
    text = "The plant in Tacoma, Washington, closed, and a second one in Fresno, Calif., followed."
    doc = _doc(text, resources)
    by_text = {p["text"]: p for p in doc.places}
    assert by_text["Washington"]["feature"] == "ADM1" and by_text["Tacoma"]["admin1"] == "Washington"
    assert by_text["Calif."]["name"] == "California"
