"""Shared fixtures, built by hand (no network, no shared/ data); only the `nlp` fixture loads the model."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newsevents.document import Actor, Article, Document, Event
from newsevents.pipeline import Resources

ARTICLE_TEXT = (
    "Talks resume in Geneva\n"
    "\n"
    "[ad_1]\n"
    "The foreign minister of Norway met the Chilean ambassador in Oslo on Tuesday, officials said.\n"
    "\u201cWe agreed to keep talking,\u201d the minister told reporters after the meeting.\n"
    "Share this article\n"
    "Rebels attacked a police station near the border, killing two officers.\n"
    "\n"
    "[ad_2]Source link\n"
)


@dataclass(frozen=True)
class FakeCameo:
    """Stands in for ``newsevents.events.cameo.cameo_info`` results."""

    code: str
    name: str
    goldstein: float | None
    quad_class: int | None
    plover_type: str | None
    plover_mode: str | None


def fake_cameo(code: str) -> FakeCameo:
    return FakeCameo(code, f"name of {code}", -2.5, 2, "CONSULT", None)


@pytest.fixture
def cameo() -> Callable[[str], FakeCameo]:
    return fake_cameo


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(
    text: str = ARTICLE_TEXT, article_id: str = "a1", published: dt.date | None = dt.date(2021, 3, 2)
) -> Article:
    return Article(article_id=article_id, text=text, content_hash=sha(text), published=published, input="t")


def make_document(text: str = ARTICLE_TEXT, article_id: str = "a1") -> Document:
    """A document with one coded event, as the actors/events stages would leave it."""
    doc = Document(article=make_article(text, article_id))
    start = text.index("The foreign minister")
    end = text.index("\n", start)
    src = Actor("The foreign minister of Norway", start, start + 30, "NORGOV", "NOR", "GOV", None, "agent")
    tgt_start = text.index("the Chilean ambassador")
    tgt = Actor("the Chilean ambassador", tgt_start, tgt_start + 22, "CHLGOV", "CHL", "GOV")
    verb = text.index("met", start)
    doc.events.append(
        Event(
            sentence_index=2,
            evidence_start=start,
            evidence_end=end,
            trigger_start=verb,
            trigger_end=verb + 3,
            cameo_code="040",
            source=src,
            target=tgt,
            trigger_text="met",
            location_name="Oslo",
            location_country="NOR",
            lat=59.91,
            lon=10.75,
            event_date="2021-03-02",
            date_text="Tuesday",
            confidence=0.8,
        )
    )
    oslo = text.index("Oslo")
    doc.places.append({"text": "Oslo", "start": oslo, "end": oslo + 4, "name": "Oslo", "country": "NOR",
                       "lat": 59.91, "lon": 10.75, "geonameid": 3143244, "feature": "PPLC"})  # fmt: skip
    tue = text.index("Tuesday")
    doc.dates.append({"text": "Tuesday", "start": tue, "end": tue + 7, "type": "DATE", "value": "2021-03-02"})
    return doc


@pytest.fixture
def article_text() -> str:
    return ARTICLE_TEXT


ActorTable = dict[str, tuple[str, str | None, str | None]]


def mentions_from_table(text: str, table: ActorTable) -> list[Actor]:
    """Hand-built actor mentions: every occurrence of each surface of ``table`` (surface -> code, country,
    sector; earlier surfaces win overlaps, so list longer ones first), sorted by start."""
    out: list[Actor] = []
    taken: list[tuple[int, int]] = []
    for surface, (code, country, sector) in table.items():
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                out.append(Actor(surface, start, end, code, country, sector))
            start = text.find(surface, end)
    return sorted(out, key=lambda a: a.start)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English spaCy pipeline, loaded once for all model-marked tests."""
    from newsevents.nlp import load_model

    return load_model()


@lru_cache(maxsize=1)
def model_resources() -> Resources:
    """The real resources (model, KB, lexicon, gazetteer), loaded once for model-marked tests."""
    from newsevents.pipeline import load_resources

    return load_resources()


def coded_quotes(text: str) -> list[dict[str, Any]]:
    """The quotes of ``text`` after the clean, actors, events and quotes stages."""
    from newsevents.pipeline import process

    (out,) = process([Document(Article("t", text, "h"))], model_resources(), stages=QUOTE_STAGES)
    return out.quotes


QUOTE_STAGES = ("clean", "actors", "events", "quotes")


def quote_by_cue(text: str, cue: str) -> dict[str, Any]:
    """The one quote of ``text`` whose cue is ``cue`` (fails when there are none or several)."""
    found = [q for q in coded_quotes(text) if q["cue_text"] == cue]
    assert len(found) == 1, coded_quotes(text)
    return found[0]


def gazetteer_row(
    name: str,
    country: str | None,
    admin1: str | None,
    lat: float,
    lon: float,
    pop: int,
    feature: str,
    gid: int = 0,
) -> dict[str, Any]:
    """One hand-made gazetteer row, as ``newsevents.places.gazetteer.gazetteer_from_rows`` takes them."""
    return {
        "name": name,
        "country": country,
        "admin1": admin1,
        "lat": lat,
        "lon": lon,
        "population": pop,
        "feature": feature,
        "geonameid": gid,
    }
