"""The ``dates`` stage on a short article written for this test (loads the spaCy model)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import pytest

from newsevents.dates.stage import (
    attach_event_dates,
    event_date_precision,
    find_dates,
    find_time_expressions,
    resolved_date,
)
from newsevents.document import Article, Document, Event
from newsevents.pipeline import Resources

TEXT = (
    "The two foreign ministers met in Vienna on Sunday and agreed to resume the border talks. "
    "Their deputies will meet again next week, officials said. "
    "The dispute began in July, and the ministers talk weekly."
)


def _doc(published: dt.date | None) -> Document:
    article = Article("t1", TEXT, hashlib.sha256(TEXT.encode()).hexdigest(), published=published)
    return Document(article, clean_text=TEXT)


def _event(trigger: str) -> Event:
    start = TEXT.index(trigger)
    return Event(0, 0, len(TEXT), start, start + len(trigger), "040", trigger_text=trigger)


def test_precision_and_resolved_dates() -> None:
    assert event_date_precision("2018-10-07") == "day"
    assert event_date_precision("2018-10") == "month"
    assert event_date_precision("2018") == "year"
    assert event_date_precision(None) == "unknown"
    assert resolved_date("2018-W41", None) == "2018-10"
    assert resolved_date("2018-10-07TNI", None) == "2018-10-07"
    assert resolved_date("P3D", None) is None
    assert resolved_date("PRESENT_REF", dt.date(2018, 10, 10)) == "2018-10-10"


def test_attach_without_parse_falls_back_to_publication_date() -> None:
    events = attach_event_dates([_event("met")], None, [], dt.date(2018, 10, 10))
    assert events[0].event_date == "2018-10-10" and events[0].date_text is None


@pytest.mark.model
def test_stage_rows_and_event_dates() -> None:
    from newsevents.nlp import load_model

    nlp = load_model()
    doc = _doc(dt.date(2018, 10, 10))  # a Wednesday
    doc.spacy_doc = nlp(TEXT)
    doc.events = [_event("met"), _event("meet"), _event("began")]
    out = find_dates(doc, Resources(nlp=nlp))
    by_text = {row["text"]: row for row in out.dates}
    assert by_text["Sunday"]["value"] == "2018-10-07"
    assert by_text["next week"]["value"] == "2018-W42"
    assert by_text["July"]["value"] == "2018-07"
    assert by_text["weekly"]["type"] == "SET"
    for row in out.dates:
        assert TEXT[row["start"] : row["end"]] == row["text"] and row["article_id"] == "t1"
    spans = sorted((r["start"], r["end"]) for r in out.dates)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    met, meet, began = out.events
    assert (met.event_date, met.date_text) == ("2018-10-07", "Sunday")
    assert (meet.event_date, meet.date_text) == ("2018-10", "next week")
    assert (began.event_date, began.date_text) == ("2018-07", "July")
    assert event_date_precision(began.event_date) == "month"


@pytest.mark.model
def test_no_publication_date_never_invents_a_date() -> None:
    from newsevents.nlp import load_model

    nlp = load_model()
    sdoc = nlp(TEXT)
    timexes = find_time_expressions(sdoc, TEXT, None)
    values = {TEXT[s:e]: t.value for s, e, t in timexes}
    assert values["Sunday"] == "XXXX-WXX-7"
    assert values["July"] == "XXXX-07"
    (met,) = attach_event_dates([_event("met")], sdoc, timexes, None)
    assert met.event_date is None and met.date_text == "Sunday"
    assert event_date_precision(met.event_date) == "unknown"
