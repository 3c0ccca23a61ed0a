"""Geo metrics (README *Geo metrics*): toponym detection P/R/F1, geocoding Acc@161, mean error, AUC.

Pure scoring functions over gold records and exported ``places`` rows, plus :func:`run_geo`, which runs
the pipeline in-process over ``geo.dev.jsonl`` and scores it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .matching import match_overlapping_spans

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "EARTH_RADIUS_KM",
    "GEO_FILE",
    "MAX_ERROR_KM",
    "GeoCounts",
    "auc",
    "haversine_km",
    "match_spans",
    "process_records",
    "run_geo",
    "score_geo",
    "score_record",
]

Row = Mapping[str, Any]
Score = float | int | None

GEO_FILE = "geo.dev.jsonl"
EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: Sequence[float]) -> float | None:
    """Gritta et al.'s AUC of the sorted log errors (0 perfect, 1 worst); None without errors."""
    if not errors:
        return None
    ys = [math.log1p(e) / math.log(MAX_ERROR_KM) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (len(ys) - 1)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of overlapping spans, best IoU first, then overlap length.
    Returns (pred index, gold index) pairs."""
    return match_overlapping_spans(pred, gold)


@dataclass
class GeoCounts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    rejected: int = 0
    without_offsets: int = 0
    ignored: int = 0
    errors: list[float] = field(default_factory=list)
    country_total: int = 0
    country_correct: int = 0
    gid_total: int = 0
    gid_correct: int = 0

    def add(self, other: GeoCounts) -> None:
        for name in (
            "predicted",
            "gold",
            "matched",
            "rejected",
            "without_offsets",
            "ignored",
            "country_total",
            "country_correct",
            "gid_total",
            "gid_correct",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def metrics(self) -> dict[str, Score]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        n = len(self.errors)
        return {
            "precision": p,
            "recall": r,
            "f1": f1,
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "pred_overlapping_rejected": self.rejected,
            "pred_without_offsets": self.without_offsets,
            "pred_ignored_unscorable": self.ignored,
            "geocoded": n,
            "acc161": sum(e < ACC_KM for e in self.errors) / n if n else None,
            "mean_error_km": sum(self.errors) / n if n else None,
            "auc": auc(self.errors),
            "country_accuracy": self.country_correct / self.country_total if self.country_total else None,
            "geonameid_accuracy": self.gid_correct / self.gid_total if self.gid_total else None,
        }


def _num(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def score_record(record: Row, rows: Iterable[Row]) -> GeoCounts:
    """Counts for one gold article and its predicted ``places`` rows."""
    c = GeoCounts()
    toponyms = record.get("toponyms") or []
    gold = [t for t in toponyms if t.get("scorable")]
    unscorable = [
        (int(t["start"]), int(t["end"]))
        for t in toponyms
        if not t.get("scorable") and t.get("start") is not None and t.get("end") is not None
    ]
    gold_spans = [(int(t["start"]), int(t["end"])) for t in gold]
    c.gold = len(gold)
    with_offsets = []
    for r in rows:
        if r.get("start") is None or r.get("end") is None:
            c.without_offsets += 1
        else:
            with_offsets.append(r)
    with_offsets.sort(key=lambda r: (int(r["start"]), int(r["end"])))
    kept: list[Row] = []
    last_end = -1
    for r in with_offsets:
        s, e = int(r["start"]), int(r["end"])
        if kept and s < last_end:
            c.rejected += 1
            continue
        kept.append(r)
        last_end = max(last_end, e)
    scored: list[Row] = []
    for r in kept:
        span = (int(r["start"]), int(r["end"]))
        if not any(_overlap(span, g) for g in gold_spans) and any(_overlap(span, u) for u in unscorable):
            c.ignored += 1
            continue
        scored.append(r)
    c.predicted = len(scored) + c.rejected
    pairs = match_spans([(int(r["start"]), int(r["end"])) for r in scored], gold_spans)
    c.matched = len(pairs)
    for i, j in pairs:
        g, p = gold[j], scored[i]
        glat, glon = _num(g.get("lat")), _num(g.get("lon"))
        if glat is not None and glon is not None:
            plat, plon = _num(p.get("lat")), _num(p.get("lon"))
            c.errors.append(
                MAX_ERROR_KM if plat is None or plon is None else haversine_km(glat, glon, plat, plon)
            )
        if g.get("country"):
            c.country_total += 1
            c.country_correct += str(p.get("country") or "").upper() == str(g["country"]).upper()
        if g.get("geonameid") not in (None, "") and p.get("geonameid") not in (None, ""):
            c.gid_total += 1
            c.gid_correct += str(g["geonameid"]) == str(p["geonameid"])
    return c


def score_geo(records: Sequence[Row], preds: Mapping[str, Sequence[Row]]) -> dict[str, Score]:
    """Metrics over all records and per ``corpus`` (``<corpus>.<metric>`` keys)."""
    total = GeoCounts()
    per: dict[str, GeoCounts] = {}
    for rec in records:
        c = score_record(rec, preds.get(str(rec.get("id")), ()))
        total.add(c)
        per.setdefault(str(rec.get("corpus") or "unknown"), GeoCounts()).add(c)
    out = total.metrics()
    out["records"] = len(records)
    for corpus, counts in sorted(per.items()):
        out.update({f"{corpus}.{k}": v for k, v in counts.metrics().items()})
    return out


def run_geo(eval_dir: Path) -> dict[str, Score]:
    """Run the pipeline in-process over ``geo.dev.jsonl`` and score its places rows."""
    from .data import read_jsonl

    records = read_jsonl(eval_dir / GEO_FILE)
    docs = process_records(records, ("clean", "actors", "places"))
    return score_geo(records, {d.article.article_id: d.places for d in docs})


def process_records(records: Sequence[Row], stages: tuple[str, ...]) -> list[Document]:
    """Run ``stages`` in-process over gold records (only the fields an outside user would feed)."""
    from ..document import Article, Document
    from ..pipeline import load_resources, process
    from ..places import stage as _places_stage  # noqa: F401 - registers the stage

    def article(rec: Row) -> Article:
        text = str(rec.get("text") or "")
        published = rec.get("published")
        return Article(
            article_id=str(rec.get("id")),
            text=text,
            content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            title=rec.get("title"),
            url=rec.get("url"),
            source=rec.get("source"),
            published=dt.date.fromisoformat(published) if isinstance(published, str) else None,
        )

    resources = load_resources()
    return list(process((Document(article(r)) for r in records), resources, stages=stages))
