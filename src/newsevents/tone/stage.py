"""The ``tone`` stage: GDELT-style tone of the article and of every sentence (see :mod:`.score`)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Resources, register_stage
from .score import score_doc

__all__ = ["find_tone"]


@register_stage("tone", requires=("spacy_doc",), assigns=("tone",))
def find_tone(doc: Document, res: Resources) -> Document:
    """Attach the article's :class:`~.score.ArticleTone` (``doc.tone``)."""
    if doc.spacy_doc is not None:
        doc.tone = score_doc(doc.spacy_doc)
    return doc
