"""Tie events expressed by speech to the quote that carries them (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..document import Event

__all__ = ["SPEECH_ROOTS", "link_events"]

# CAMEO roots expressed by speech: statements, appeals, intentions, demands, criticism, rejections, threats
SPEECH_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})


def link_events(events: Sequence[Event], quotes: Sequence[Mapping[str, Any]]) -> list[Event]:
    """``events`` with ``quote_id`` set where a speech event's trigger is a quote's cue or lies in its
    content (the shortest such quote wins); other events are returned unchanged."""
    out = []
    for ev in events:
        if ev.cameo_code[:2] not in SPEECH_ROOTS:
            out.append(ev)
            continue
        best: tuple[int, str] | None = None
        for q in quotes:
            qid = q["quote_id"]
            cue_start, cue_end = q.get("cue_start"), q.get("cue_end")
            if (
                cue_start is not None
                and cue_end is not None
                and cue_start < ev.trigger_end
                and ev.trigger_start < cue_end
            ):
                best = (-1, qid)
                break
            start, end = q["content_start"], q["content_end"]
            if (
                start <= ev.trigger_start
                and ev.trigger_end <= end
                and (best is None or end - start < best[0])
            ):
                best = (end - start, qid)
        out.append(replace(ev, quote_id=best[1]) if best is not None else ev)
    return out
