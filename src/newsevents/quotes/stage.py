"""The ``quotes`` stage: direct, indirect and mixed quotes with coded speakers, linked to speech events."""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..pipeline import Resources, register_stage
from .attribute import SpeakerResolver
from .cues import load_cues
from .extract import Attribution, find_attributions
from .link import link_events
from .marks import QuoteSpan, artifact_free, quote_spans

__all__ = ["build_quotes", "find_quotes", "quote_kind"]


@register_stage("quotes", requires=("spacy_doc", "mentions", "events"), assigns=("quotes", "events"))
def find_quotes(doc: Document, res: Resources) -> Document:
    """Fill ``doc.quotes`` (rows of the ``quotes`` table) and set ``quote_id`` on the events they carry."""
    if doc.spacy_doc is None:
        return doc
    clean = doc.clean_text or doc.text
    marks = quote_spans(clean)
    atts = find_attributions(doc.spacy_doc, clean, marks, load_cues())
    doc.quotes = build_quotes(doc, atts, marks)
    if doc.quotes and doc.events:
        doc.events = link_events(doc.events, doc.quotes)
    return doc


def quote_kind(start: int, end: int, clean: str, marks: list[QuoteSpan]) -> str:
    """``direct`` when the content is made of quoted spans (and the cue between them), ``mixed`` when it
    contains a quoted span beside reported words, else ``indirect``."""
    inside = [q for q in marks if start <= q.start and q.end <= end]
    if not inside:
        return "indirect"
    if inside[0].start == start and inside[-1].end == end:
        return "direct"
    return "mixed"


def build_quotes(doc: Document, atts: list[Attribution], marks: list[QuoteSpan]) -> list[dict[str, Any]]:
    """Rows of the ``quotes`` table for ``atts``, speakers resolved in text order."""
    text, clean = doc.text, doc.clean_text or doc.text
    aid = doc.article.article_id
    resolver = SpeakerResolver(doc.mentions, clean)
    speakers = {}
    for a in sorted(atts, key=lambda a: a.cue_start):
        if a.referent is not None:
            speakers[id(a)] = resolver.resolve(*a.referent)
        elif a.speaker_start is not None and a.speaker_end is not None:
            speakers[id(a)] = resolver.resolve(a.speaker_start, a.speaker_end, a.speaker_head)
    rows: list[dict[str, Any]] = []
    for a in atts:
        start, end = artifact_free(text, clean, a.content_start, a.content_end)
        if end - start < 2:
            continue
        actor = speakers.get(id(a))
        has_speaker = a.speaker_start is not None and a.speaker_end is not None
        rows.append(
            {
                "quote_id": f"{aid}:q{len(rows) + 1}",
                "article_id": aid,
                "kind": quote_kind(start, end, clean, marks),
                "speaker_text": text[a.speaker_start : a.speaker_end] if has_speaker else None,
                "speaker_start": a.speaker_start,
                "speaker_end": a.speaker_end,
                "speaker_code": actor.code if actor is not None else None,
                "cue_text": text[a.cue_start : a.cue_end],
                "cue_start": a.cue_start,
                "cue_end": a.cue_end,
                "content_text": text[start:end],
                "content_start": start,
                "content_end": end,
            }
        )
    return rows
