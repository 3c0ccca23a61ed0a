"""The ``events`` stage: code the events of a parsed document (see ``extract`` for the rules)."""

from __future__ import annotations

import dataclasses

from ..document import Document, Event
from ..pipeline import Resources, register_stage
from .extract import extract_events
from .lexicon import load_lexicon

__all__ = ["code_events", "without_self_target"]


_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "himself",
        "herself",
        "itself",
        "themselves",
        "ourselves",
    ]
)


def without_self_target(event: Event) -> Event:
    """Drop a target that is the source itself, reached again through a pronoun or the same person's
    name ("Javid said he …", "France said it …"): an actor does not act on itself in CAMEO. A different
    mention with the same code ("Bosnian Serbs" … "Bosnia") is another actor and stays."""
    src, tgt = event.source, event.target
    if src is None or tgt is None or not src.name or (src.code, src.name) != (tgt.code, tgt.name):
        return event
    if tgt.text.lower() in _PRONOUNS or (src.kind == "person" and tgt.kind == "person"):
        return dataclasses.replace(event, target=None)
    return event


@register_stage("events", requires=("spacy_doc", "mentions"), assigns=("events",))
def code_events(doc: Document, res: Resources) -> Document:
    """Fill ``doc.events`` from ``doc.spacy_doc`` (the parse of ``doc.clean_text``, same offsets)."""
    if doc.spacy_doc is None:
        return doc
    lexicon = res.lexicon if res.lexicon is not None else load_lexicon()
    events = extract_events(doc.spacy_doc, doc.mentions, lexicon, doc.text)
    doc.events = [without_self_target(e) for e in events]
    return doc
