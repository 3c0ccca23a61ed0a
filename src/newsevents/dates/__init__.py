"""The dates layer: time expressions (TIMEX3 type and value) and the date of each event.

Importing :mod:`newsevents.dates.stage` registers the ``dates`` stage.
"""

from __future__ import annotations

from .normalise import Timex, normalise, parse_number

__all__ = ["Timex", "normalise", "parse_number"]
