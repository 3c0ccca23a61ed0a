"""Quote metrics (README section *Quotes metrics*), pure functions over plain dicts.

Gold records as in ``quotes.jsonl`` (``quotes``: ``sources``, ``cue``, ``contents`` parts with offsets) and
prediction rows of the ``quotes`` export (``content_start``/``content_end``, ``speaker_start``/``_end``).

- match: overlap of the predicted content span with the gold content parts >= 50 % of the shorter of the two
  (predicted length vs. total gold content length); one-to-one, greedy by that ratio, then IoU; a prediction
  repeating an earlier one's (content span, speaker span) cannot match;
- ``content_p/r/f1`` over matches; ``speaker_accuracy`` = matched pairs whose predicted speaker span overlaps
  a gold source part (gold without a source: no speaker predicted); ``attribution_p/r/f1`` count matched
  pairs with a correct speaker; ``content_char_p/r/f1`` compare per-article unions of characters;
  ``direct_quote_recall`` = recall on gold whose content contains a double quotation mark.

:func:`run_quotes` runs the pipeline in-process over ``quotes.dev.jsonl`` and scores it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .matching import greedy_pairs

__all__ = [
    "QUOTES_FILE",
    "QuoteCounts",
    "QuotesFn",
    "content_match_ratio",
    "interval_union",
    "match_quotes",
    "pipeline_quotes",
    "run_quotes",
    "score_quotes",
    "union_overlap",
]

Row = Mapping[str, Any]
Span = tuple[int, int]
QuotesFn = Callable[[Sequence[Row]], list[dict[str, Any]]]

QUOTES_FILE = "quotes.dev.jsonl"
_INPUT_FIELDS = ("id", "text", "published", "title", "url", "source")  # what the maintainers' scorer feeds
_DOUBLE_MARKS = ('"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb")


def interval_union(spans: Iterable[Span]) -> list[Span]:
    """Sorted, merged, non-empty intervals."""
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def union_overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two merged interval lists."""
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _parts(gold: Row, key: str) -> list[Span]:
    return [
        (int(p["start"]), int(p["end"])) for p in gold.get(key) or [] if p.get("end", 0) > p.get("start", 0)
    ]


def content_match_ratio(pred: Span, gold_parts: Sequence[Span]) -> tuple[float, float]:
    """(overlap / shorter of predicted length and total gold length, IoU) of one pair."""
    plen = pred[1] - pred[0]
    glen = sum(e - s for s, e in gold_parts)
    if plen <= 0 or glen <= 0:
        return 0.0, 0.0
    overlap = union_overlap([pred], interval_union(gold_parts))
    return overlap / min(plen, glen), overlap / (plen + glen - overlap)


def _has_speaker(row: Row) -> bool:
    return row.get("speaker_start") is not None and row.get("speaker_end") is not None


def _speaker_correct(row: Row, gold: Row) -> bool:
    sources = _parts(gold, "sources")
    if not sources:
        return not _has_speaker(row)
    if not _has_speaker(row):
        return False
    s, e = int(row["speaker_start"]), int(row["speaker_end"])
    return any(s < ge and gs < e for gs, ge in sources)


def match_quotes(preds: Sequence[Row], golds: Sequence[Row]) -> list[tuple[int, int]]:
    """One-to-one ``(pred index, gold index)`` matches of one article (README matching rule)."""
    seen: set[tuple[Any, ...]] = set()
    matchable: list[int] = []
    for i, p in enumerate(preds):
        key = (p["content_start"], p["content_end"], p.get("speaker_start"), p.get("speaker_end"))
        if key not in seen:
            matchable.append(i)
        seen.add(key)
    gold_parts = [_parts(g, "contents") for g in golds]
    cands = []
    for i in matchable:
        span = (int(preds[i]["content_start"]), int(preds[i]["content_end"]))
        for j, parts in enumerate(gold_parts):
            ratio, iou = content_match_ratio(span, parts)
            if ratio >= 0.5:
                cands.append((-ratio, -iou, i, j))
    return greedy_pairs(cands)


@dataclass
class QuoteCounts:
    pred: int = 0
    gold: int = 0
    matched: int = 0
    speaker_correct: int = 0
    matched_gold_source: int = 0
    speaker_correct_gold_source: int = 0
    gold_direct: int = 0
    matched_direct: int = 0
    char_pred: int = 0
    char_gold: int = 0
    char_overlap: int = 0


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _is_direct(gold: Row) -> bool:
    return any(m in str(part.get("text", "")) for part in gold.get("contents") or [] for m in _DOUBLE_MARKS)


def score_quotes(records: Sequence[Row], rows: Sequence[Row]) -> dict[str, float | int | None]:
    """The quote metrics of ``rows`` (predictions) against the gold ``records``."""
    by_article: dict[str, list[Row]] = {}
    for row in rows:
        if row.get("content_start") is not None and row.get("content_end") is not None:
            by_article.setdefault(str(row["article_id"]), []).append(row)
    c = QuoteCounts()
    for rec in records:
        golds = [g for g in rec.get("quotes") or [] if _parts(g, "contents")]
        preds = by_article.get(str(rec["id"]), [])
        c.pred += len(preds)
        c.gold += len(golds)
        directs = {j for j, g in enumerate(golds) if _is_direct(g)}
        c.gold_direct += len(directs)
        for i, j in match_quotes(preds, golds):
            c.matched += 1
            ok = _speaker_correct(preds[i], golds[j])
            c.speaker_correct += ok
            if _parts(golds[j], "sources"):
                c.matched_gold_source += 1
                c.speaker_correct_gold_source += ok
            c.matched_direct += j in directs
        u_gold = interval_union(s for g in golds for s in _parts(g, "contents"))
        u_pred = interval_union((int(p["content_start"]), int(p["content_end"])) for p in preds)
        c.char_gold += sum(e - s for s, e in u_gold)
        c.char_pred += sum(e - s for s, e in u_pred)
        c.char_overlap += union_overlap(u_pred, u_gold)
    p, r = _ratio(c.matched, c.pred), _ratio(c.matched, c.gold)
    ap, ar = _ratio(c.speaker_correct, c.pred), _ratio(c.speaker_correct, c.gold)
    cp, cr = _ratio(c.char_overlap, c.char_pred), _ratio(c.char_overlap, c.char_gold)
    return {
        "content_p": p,
        "content_r": r,
        "content_f1": _f1(p, r),
        "speaker_accuracy": _ratio(c.speaker_correct, c.matched),
        "speaker_accuracy_gold_has_source": _ratio(c.speaker_correct_gold_source, c.matched_gold_source),
        "attribution_p": ap,
        "attribution_r": ar,
        "attribution_f1": _f1(ap, ar),
        "content_char_p": cp,
        "content_char_r": cr,
        "content_char_f1": _f1(cp, cr),
        "direct_quote_recall": _ratio(c.matched_direct, c.gold_direct),
        "predicted": c.pred,
        "gold": c.gold,
        "matched": c.matched,
        "records": len(records),
    }


# --- runner hook ------------------------------------------------------------------------------------------


def pipeline_quotes(records: Sequence[Row]) -> list[dict[str, Any]]:
    """Quote rows of the in-process pipeline (clean, actors, events, quotes) for gold ``records``."""
    from ..document import Article, Document
    from ..pipeline import load_resources, process
    from ..quotes import stage as _quotes_stage  # noqa: F401 - registers the stage

    def doc(rec: Row) -> Document:
        published = rec.get("published")
        article = Article(
            article_id=str(rec["id"]),
            text=str(rec["text"]),
            content_hash="",
            url=rec.get("url"),
            title=rec.get("title"),
            published=dt.date.fromisoformat(published) if isinstance(published, str) else None,
            source=rec.get("source"),
        )
        return Document(article)

    resources = load_resources()
    stages = ("clean", "actors", "events", "quotes")
    rows: list[dict[str, Any]] = []
    for d in process((doc(r) for r in records), resources, stages=stages, on_error=lambda *_: None):
        rows.extend(d.quotes)
    return rows


def run_quotes(
    eval_dir: Path, *, quotes_fn: QuotesFn = pipeline_quotes, sample: int | None = None, seed: int = 0
) -> dict[str, float | int | None]:
    """Score the pipeline on ``eval_dir/quotes.dev.jsonl`` (all records, or a seeded random ``sample``);
    empty when the file is absent."""
    path = Path(eval_dir) / QUOTES_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if sample is not None and sample < len(records):
        records = random.Random(seed).sample(records, sample)
    inputs = [{k: r[k] for k in _INPUT_FIELDS if k in r} for r in records]
    return score_quotes(records, quotes_fn(inputs))
