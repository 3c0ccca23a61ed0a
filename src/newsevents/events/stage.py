"""The ``events`` stage: code the events of a parsed document (see ``extract`` for the rules)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Resources, register_stage
from .extract import extract_events
from .lexicon import load_lexicon

__all__ = ["code_events"]


@register_stage("events", requires=("spacy_doc", "mentions"), assigns=("events",))
def code_events(doc: Document, res: Resources) -> Document:
    """Fill ``doc.events`` from ``doc.spacy_doc`` (the parse of ``doc.clean_text``, same offsets)."""
    if doc.spacy_doc is None:
        return doc
    lexicon = res.lexicon if res.lexicon is not None else load_lexicon()
    doc.events = extract_events(doc.spacy_doc, doc.mentions, lexicon, doc.text)
    return doc
