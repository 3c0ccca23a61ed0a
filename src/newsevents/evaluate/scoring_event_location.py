"""Event-location metric (README *Event-location metric*).

Pure scoring over gold records and exported ``events`` / ``places`` rows, plus :func:`run_event_location`,
which runs the pipeline in-process over the gold records of ``event_location.dev.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "EVENT_LOCATION_FILE",
    "location_correct",
    "nearest_event",
    "run_event_location",
    "score_event_location",
    "spans_for_name",
]

Row = Mapping[str, Any]
Score = float | int | None
Span = tuple[int, int]

EVENT_LOCATION_FILE = "event_location.dev.jsonl"
MAX_NAME_CHARS = 60


def _distance(a: Span, b: Span) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) >= 1


def _anchor(row: Row) -> Span | None:
    for s, e in (("trigger_start", "trigger_end"), ("evidence_start", "evidence_end")):
        if row.get(s) is not None and row.get(e) is not None:
            return int(row[s]), int(row[e])
    return None


def nearest_event(verb: Span, events: Sequence[Row]) -> Row | None:
    """The event nearest the gold verb; ties prefer one with a ``location_name``, then export order."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for order, ev in enumerate(events):
        anchor = _anchor(ev)
        if anchor is None:
            continue
        key = (_distance(verb, anchor), 0 if ev.get("location_name") else 1, order)
        if best is None or key < best:
            best, chosen = key, ev
    return chosen


def _word_spans(text: str, needle: str) -> list[Span]:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def spans_for_name(name: str, text: str, places: Sequence[Row], verb: Span) -> list[Span]:
    """The spans a ``location_name`` stands for: matching places rows plus whole-word occurrences of it
    (or of its part before the first comma), minus spans overlapping the gold verb."""
    low = name.casefold()
    spans: list[Span] = [
        (int(p["start"]), int(p["end"]))
        for p in places
        if p.get("start") is not None
        and p.get("end") is not None
        and (str(p.get("name") or "").casefold() == low or str(p.get("text") or "").casefold() == low)
    ]
    for needle in {name, name.split(",")[0].strip()}:
        if len(needle) >= 2:
            spans.extend(_word_spans(text, needle))
    return [s for s in spans if not _overlaps(s, verb)]


def location_correct(name: object, record: Row, places: Sequence[Row], verb: Span) -> bool:
    gold = [
        (int(x["start"]), int(x["end"]), str(x.get("text") or ""))
        for x in record.get("event_locations") or []
    ]
    if not gold:
        return not name
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_CHARS:
        return False
    spans = spans_for_name(name, str(record.get("text") or ""), places, verb)
    if spans:
        return any(_overlaps(s, (g[0], g[1])) for s in spans for g in gold)
    for needle in {name, name.split(",")[0].strip()}:
        for g in gold:
            if needle.casefold() == g[2].casefold():
                return True
            if len(needle) >= 3 and _word_spans(g[2], needle):
                return True
    return False


def score_event_location(
    records: Sequence[Row], events: Mapping[str, Sequence[Row]], places: Mapping[str, Sequence[Row]]
) -> dict[str, Score]:
    """Accuracy over gold records with a verb, also per subset (with / without a gold location)."""
    n = correct = covered = 0
    sub = {"with_location": [0, 0], "without_location": [0, 0]}
    for rec in records:
        if not rec.get("gold") or not rec.get("event_verbs"):
            continue
        verb_row = rec["event_verbs"][0]
        verb = (int(verb_row["start"]), int(verb_row["end"]))
        rid = str(rec.get("id"))
        evs = events.get(rid, ())
        covered += bool(evs)
        ev = nearest_event(verb, evs)
        ok = location_correct(ev.get("location_name") if ev else None, rec, places.get(rid, ()), verb)
        n += 1
        correct += ok
        key = "with_location" if rec.get("event_locations") else "without_location"
        sub[key][0] += 1
        sub[key][1] += ok
    out: dict[str, Score] = {
        "records": n,
        "accuracy": correct / n if n else None,
        "coverage": covered / n if n else None,
    }
    for key, (total, ok_count) in sub.items():
        out[f"{key}.records"] = total
        out[f"{key}.accuracy"] = ok_count / total if total else None
    return out


def run_event_location(eval_dir: Path) -> dict[str, Score]:
    """Run clean, actors, events and places in-process over the gold records and score them."""
    from .data import read_jsonl
    from .scoring_geo import process_records

    records = [r for r in read_jsonl(eval_dir / EVENT_LOCATION_FILE) if r.get("gold")]
    docs = process_records(records, ("clean", "actors", "events", "places"))
    events = {
        d.article.article_id: [
            {
                "trigger_start": e.trigger_start,
                "trigger_end": e.trigger_end,
                "evidence_start": e.evidence_start,
                "evidence_end": e.evidence_end,
                "location_name": e.location_name,
            }
            for e in d.events
        ]
        for d in docs
    }
    places = {d.article.article_id: d.places for d in docs}
    return score_event_location(records, events, places)
