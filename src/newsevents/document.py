"""The containers that flow through the pipeline.

One :class:`Document` is created per article by ``ingest`` and then passed through the named stages
(``clean``, ``nlp``, ``actors``, ``events`` ...). Each stage reads the fields it requires and fills the
fields it assigns; no stage changes ``Article.text``, so every character offset stays valid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .tone.score import ArticleTone


@dataclass(frozen=True)
class Article:
    """One input article exactly as stored in the ``articles`` table."""

    article_id: str
    text: str
    content_hash: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    input: str = ""  # where it came from (path, path:line, "-")


@dataclass(frozen=True)
class Actor:
    """A resolved actor: CAMEO-style ``code`` = country (ISO3 or IGO+org) + sector (GOV, MIL ...)."""

    text: str
    start: int
    end: int
    code: str | None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kind: str = "agent"  # country | igo | agent | person | org


@dataclass(frozen=True)
class Event:
    """One coded event. Offsets are into ``Article.text``."""

    sentence_index: int
    evidence_start: int
    evidence_end: int
    trigger_start: int
    trigger_end: int
    cameo_code: str
    source: Actor | None = None
    target: Actor | None = None
    modality: str = "asserted"  # asserted | negated | hypothetical | future
    confidence: float = 0.5
    trigger_text: str = ""
    event_date: str | None = None
    date_text: str | None = None
    date_precision: str | None = None  # day | month | year | unknown
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    quote_id: str | None = None


@dataclass
class Document:
    """An article on its way through the pipeline."""

    article: Article
    clean_text: str = ""  # same length as article.text; artifacts blanked with spaces
    language: str | None = None
    spacy_doc: Doc | None = None
    mentions: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    tone: ArticleTone | None = None  # the article's and each sentence's tone (``tone`` stage)

    @property
    def text(self) -> str:
        return self.article.text
