"""Turn a processed :class:`~newsevents.document.Document` into rows of the data contract's tables.

Pure functions, no I/O: each returns plain dicts whose keys are the table's columns (``COLUMNS``), with
``None`` for every missing value, so the store, the exporters and the tests see one shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .document import Actor, Article, Document, Event
from .tone.score import Tone, sentence_tone_at

Row = dict[str, Any]


@dataclass(frozen=True)
class Failure:
    """One input or article that could not be processed: a row of the ``failures`` table."""

    input: str
    article_id: str | None
    stage: str
    error: str  # "[E00x] one line"


class CameoLike(Protocol):
    """What :func:`event_rows` needs from ``newsevents.events.cameo.cameo_info(code)``."""

    @property
    def name(self) -> str: ...
    @property
    def goldstein(self) -> float | None: ...
    @property
    def quad_class(self) -> int | None: ...
    @property
    def plover_type(self) -> str | None: ...
    @property
    def plover_mode(self) -> str | None: ...


CameoLookup = Callable[[str], CameoLike | None]

#: Columns of each table, in order. The contract's fields come first; a few extra columns follow.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "article_id", "url", "title", "published", "source", "text", "content_hash", "duplicate_of",
        "language", "input", "tone", "positive", "negative", "polarity",
    ),
    "events": (
        "event_id", "article_id", "sentence_index", "evidence_start", "evidence_end",
        "source_text", "source_code", "source_country", "source_sector", "source_name",
        "target_text", "target_code", "target_country", "target_sector", "target_name",
        "cameo_code", "cameo_root", "goldstein", "quad_class", "plover_type", "plover_mode",
        "event_date", "date_text", "location_name", "location_country", "lat", "lon",
        "modality", "confidence", "quote_id", "cluster_id",
        "cameo_name", "trigger_text", "trigger_start", "trigger_end", "date_precision", "tone",
    ),
    "places": (
        "article_id", "text", "start", "end", "name", "country", "admin1", "lat", "lon", "geonameid",
        "feature",
    ),
    "dates": ("article_id", "text", "start", "end", "type", "value"),
    "quotes": (
        "quote_id", "article_id", "kind", "speaker_text", "speaker_start", "speaker_end", "speaker_code",
        "cue_text", "cue_start", "cue_end", "content_text", "content_start", "content_end",
    ),
    "failures": ("input", "article_id", "stage", "error"),
}  # fmt: skip

TABLES: tuple[str, ...] = tuple(COLUMNS)


def _round(value: float) -> float:
    return round(value, 4)


def article_row(
    article: Article,
    *,
    duplicate_of: str | None = None,
    language: str | None = None,
    tone: Tone | None = None,
) -> Row:
    return {
        "article_id": article.article_id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "text": article.text,
        "content_hash": article.content_hash,
        "duplicate_of": duplicate_of,
        "language": language,
        "input": article.input,
        "tone": _round(tone.tone) if tone else None,
        "positive": _round(tone.positive) if tone else None,
        "negative": _round(tone.negative) if tone else None,
        "polarity": _round(tone.polarity) if tone else None,
    }


def _actor_fields(prefix: str, actor: Actor | None) -> Row:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("text", "code", "country", "sector", "name")}
    return {
        f"{prefix}_text": actor.text,
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_name": actor.name,
    }


@lru_cache(maxsize=1)
def _default_cameo() -> CameoLookup:
    """``newsevents.events.cameo.cameo_info``, giving ``None`` for a code outside the CAMEO table."""
    from .events.cameo import all_codes, cameo_info  # lazy: the events package loads its tables

    known = frozenset(all_codes())

    def lookup(code: str) -> CameoLike | None:
        return cameo_info(code) if code in known else None

    return lookup


def event_row(article_id: str, n: int, event: Event, cameo: CameoLookup, *, tone: float | None = None) -> Row:
    info = cameo(event.cameo_code)
    row: Row = {
        "event_id": f"{article_id}:e{n}",
        "article_id": article_id,
        "sentence_index": event.sentence_index,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        **_actor_fields("source", event.source),
        **_actor_fields("target", event.target),
        "cameo_code": event.cameo_code,
        "cameo_root": event.cameo_code[:2] or None,
        "goldstein": info.goldstein if info else None,
        "quad_class": info.quad_class if info else None,
        "plover_type": info.plover_type if info else None,
        "plover_mode": info.plover_mode if info else None,
        "event_date": event.event_date,
        "date_text": event.date_text,
        "location_name": event.location_name,
        "location_country": event.location_country,
        "lat": event.lat,
        "lon": event.lon,
        "modality": event.modality,
        "confidence": event.confidence,
        "quote_id": event.quote_id,
        "cluster_id": None,  # set below from the row's own fields
        "cameo_name": info.name if info else None,
        "trigger_text": event.trigger_text or None,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "date_precision": event.date_precision,
        "tone": None if tone is None else _round(tone),  # of the evidence sentence
    }
    row["cluster_id"] = cluster_id(row)
    return row


def _dyad_side(row: Mapping[str, Any], side: str) -> str:
    code = row.get(f"{side}_code") or ""
    if code.startswith("IGO"):
        return str(code[:6])  # the organisation (IGOUNO), whatever its sector
    return str(row.get(f"{side}_country") or code)


def cluster_id(row: Mapping[str, Any]) -> str | None:
    """The id shared by the reports of one real-world event across articles (GDELT-style clustering).

    Two asserted events are one cluster when they fall on the same day, have the same CAMEO root and
    the same source and target (country, an IGO, else the actor code). ``None`` when the event is not
    asserted, not dated to the day, or has no actor on either side: such reports cannot be told apart.
    """
    date = str(row.get("event_date") or "")
    root = row.get("cameo_root")
    if row.get("modality") not in (None, "", "asserted") or not root or len(date) != 10:
        return None
    if row.get("date_precision") not in (None, "day"):
        return None
    source, target = _dyad_side(row, "source"), _dyad_side(row, "target")
    if not (source or target):
        return None
    key = "|".join((date, source, target, str(root)))
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_rows(doc: Document, *, cameo: CameoLookup | None = None) -> list[Row]:
    """One row per event; ``event_id`` is ``f"{article_id}:e{n}"`` (n from 0, in document order)."""
    if not doc.events:
        return []
    lookup = cameo or _default_cameo()
    aid = doc.article.article_id
    tone = doc.tone
    return [
        event_row(aid, n, ev, lookup, tone=sentence_tone_at(tone, ev.evidence_start))
        for n, ev in enumerate(doc.events)
    ]


def _project(table: str, article_id: str, item: Mapping[str, Any]) -> Row:
    row = {col: item.get(col) for col in COLUMNS[table]}
    row["article_id"] = article_id
    return row


def place_rows(doc: Document) -> list[Row]:
    rows = [_project("places", doc.article.article_id, p) for p in doc.places]
    for row in rows:  # GeoNames ids are kept as strings (as GeoNames dumps and the gold data spell them)
        if row["geonameid"] is not None:
            row["geonameid"] = str(row["geonameid"])
    return rows


def date_rows(doc: Document) -> list[Row]:
    return [_project("dates", doc.article.article_id, d) for d in doc.dates]


def quote_rows(doc: Document) -> list[Row]:
    rows = []
    for n, q in enumerate(doc.quotes):
        row = _project("quotes", doc.article.article_id, q)
        if row["quote_id"] is None:
            row["quote_id"] = f"{doc.article.article_id}:q{n}"
        rows.append(row)
    return rows


def failure_row(failure: Failure) -> Row:
    return {
        "input": failure.input,
        "article_id": failure.article_id,
        "stage": failure.stage,
        "error": failure.error,
    }


def _overall(doc: Document) -> Tone | None:
    tone = doc.tone
    return tone.overall if tone else None


def document_rows(doc: Document, *, cameo: CameoLookup | None = None) -> dict[str, list[Row]]:
    """Every row one processed document contributes, by table (``failures`` excluded)."""
    return {
        "articles": [article_row(doc.article, language=doc.language, tone=_overall(doc))],
        "events": event_rows(doc, cameo=cameo),
        "places": place_rows(doc),
        "dates": date_rows(doc),
        "quotes": quote_rows(doc),
    }
