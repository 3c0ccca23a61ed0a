"""Quotes: direct, indirect and mixed quotations with coded speakers, linked to the events they carry.

The ``quotes`` stage lives in :mod:`.stage` (importing it registers the stage).
"""

from __future__ import annotations

from .link import SPEECH_ROOTS, link_events
from .marks import QuoteSpan, quote_spans
from .query import filter_quotes

__all__ = ["SPEECH_ROOTS", "QuoteSpan", "filter_quotes", "link_events", "quote_spans"]
