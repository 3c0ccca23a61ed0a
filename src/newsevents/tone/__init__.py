"""The tone layer: GDELT-style tone of each article and of each event's evidence sentence.

Importing :mod:`newsevents.tone.stage` registers the ``tone`` stage.
"""

from __future__ import annotations

from .score import ArticleTone, Tone, score_doc, sentence_tone_at, text_tone

__all__ = [
    "ArticleTone",
    "Tone",
    "score_doc",
    "sentence_tone_at",
    "text_tone",
]
