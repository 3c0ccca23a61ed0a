"""Temporal metrics (README *Temporal metrics*): TIMEX3 span, value and type scores, and the runner hook.

Per document, predicted spans are taken in (start, end) order; one overlapping an already kept predicted
span is not matchable (a false positive). Strict matches need identical offsets; relaxed matches pair
gold and prediction one-to-one when they overlap by at least one character, greedily by IoU, then
overlap length. On relaxed matches the value counts as correct when equal after removing whitespace
and upper-casing. Counts are micro-averaged over documents.

:func:`run_temporal` feeds ``temporal.dev.jsonl`` to a coding function (default: the product's own
``clean`` + spaCy + ``dates`` stages in-process) and scores the ``dates`` rows; :func:`dateparser_dates`
is the peer baseline (spaCy DATE entities normalised by ``dateparser`` against the publication date,
the NGEC method).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .data import read_jsonl
from .matching import match_overlapping_spans, predictions_for_records

__all__ = [
    "TEMPORAL_FILE",
    "DatesFn",
    "dateparser_dates",
    "match_relaxed",
    "pipeline_dates",
    "run_temporal",
    "score_temporal",
]

Row = Mapping[str, Any]
# (input records) -> (articles rows, dates rows)
DatesFn = Callable[[Sequence[Row]], tuple[list[dict[str, Any]], list[dict[str, Any]]]]
TEMPORAL_FILE = "temporal.dev.jsonl"
_WS = re.compile(r"\s+")


def _offsets(row: Row) -> tuple[int, int] | None:
    s, e = row.get("start"), row.get("end")
    if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and e > s:
        return s, e
    return None


def _kept_predictions(rows: Iterable[Row]) -> tuple[list[Row], int]:
    """Matchable predicted rows and the number of rows with offsets (overlapping ones included)."""
    with_offsets = sorted((r for r in rows if _offsets(r) is not None), key=lambda r: _offsets(r) or (0, 0))
    kept: list[Row] = []
    for row in with_offsets:
        s, _e = _offsets(row) or (0, 0)
        if kept and s < (_offsets(kept[-1]) or (0, 0))[1]:
            continue
        kept.append(row)
    return kept, len(with_offsets)


def match_relaxed(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs overlapping by >= 1 character; best IoU, then overlap."""
    return [(gi, pi) for pi, gi in match_overlapping_spans(pred, gold)]


def _norm_value(value: Any) -> str:
    return _WS.sub("", str(value)).upper() if value is not None else ""


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_temporal(records: Sequence[Row], predictions: Mapping[str, Sequence[Row]]) -> dict[str, float]:
    """Strict and relaxed span P/R/F1, value accuracy and P/R/F1, type accuracy (micro-averaged)."""
    n_gold = n_pred = strict_tp = relaxed_tp = value_ok = type_ok = rejected = 0
    for rec in records:
        gold_rows = [t for t in rec.get("timexes") or [] if _offsets(t) is not None]
        kept, n_with = _kept_predictions(predictions.get(str(rec.get("id")), []))
        n_gold += len(gold_rows)
        n_pred += n_with
        rejected += n_with - len(kept)
        gold = [_offsets(t) or (0, 0) for t in gold_rows]
        pred = [_offsets(p) or (0, 0) for p in kept]
        strict_tp += len(set(gold) & set(pred))
        for gi, pi in match_relaxed(gold, pred):
            relaxed_tp += 1
            g, p = gold_rows[gi], kept[pi]
            if _norm_value(g.get("value")) == _norm_value(p.get("value")) and _norm_value(g.get("value")):
                value_ok += 1
            if str(g.get("type") or "").upper() == str(p.get("type") or "").upper():
                type_ok += 1
    sp, sr, sf = _prf(strict_tp, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed_tp, n_pred, n_gold)
    vp, vr, vf = _prf(value_ok, n_pred, n_gold)
    return {
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "value_accuracy": value_ok / relaxed_tp if relaxed_tp else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
        "type_accuracy": type_ok / relaxed_tp if relaxed_tp else 0.0,
        "gold": float(n_gold), "predicted": float(n_pred), "pred_overlapping_rejected": float(rejected),
    }  # fmt: skip


def _published(rec: Row) -> dt.date | None:
    value = rec.get("published")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    return None


def _articles(records: Sequence[Row]) -> list[dict[str, Any]]:
    return [{"article_id": str(r.get("id")), "text": r.get("text"), "duplicate_of": None} for r in records]


def pipeline_dates(records: Sequence[Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The product's ``clean`` + spaCy + ``dates`` stages run in-process over ``records``."""
    import hashlib

    from ..dates import stage as _dates_stage  # noqa: F401 - registers the stage
    from ..document import Article, Document
    from ..nlp import load_model
    from ..pipeline import Resources, process

    docs = [
        Document(
            Article(
                article_id=str(r.get("id")),
                text=str(r.get("text") or ""),
                content_hash=hashlib.sha256(str(r.get("text") or "").encode("utf-8")).hexdigest(),
                published=_published(r),
            )
        )
        for r in records
    ]
    rows: list[dict[str, Any]] = []
    for doc in process(docs, Resources(nlp=load_model()), stages=("clean", "dates")):
        rows.extend(doc.dates)
    return _articles(records), rows


def dateparser_dates(records: Sequence[Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Peer baseline (NGEC method): spaCy DATE entities, each normalised by ``dateparser`` with
    ``RELATIVE_BASE`` = the publication date; entities dateparser cannot parse are dropped."""
    import dateparser

    from ..nlp import load_model

    nlp = load_model()
    rows: list[dict[str, Any]] = []
    texts = [str(r.get("text") or "") for r in records]
    for rec, sdoc in zip(records, nlp.pipe(texts, batch_size=32), strict=True):
        pub = _published(rec)
        settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
        if pub is not None:
            settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
        for ent in sdoc.ents:
            if ent.label_ != "DATE":
                continue
            parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
            if parsed is None:
                continue
            rows.append(
                {
                    "article_id": str(rec.get("id")),
                    "text": ent.text,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "type": "DATE",
                    "value": parsed.date().isoformat(),
                }
            )
    return _articles(records), rows


def run_temporal(eval_dir: Path, code_fn: DatesFn = pipeline_dates) -> dict[str, float]:
    """Score ``code_fn`` on ``eval_dir/temporal.dev.jsonl``; an empty dict when the file is absent."""
    path = eval_dir / TEMPORAL_FILE
    if not path.is_file():
        return {}
    records = read_jsonl(path)
    inputs: list[Row] = [
        {k: r[k] for k in ("id", "text", "published", "title", "url", "source") if k in r} for r in records
    ]
    articles, rows = code_fn(inputs)
    preds = predictions_for_records(records, articles, rows)
    return score_temporal(records, preds)
