"""Match exported prediction rows to gold records (README section *Matching predictions to gold*).

A gold record's predictions are the rows whose ``article_id`` equals its ``id``. If that id has no rows but
its ``articles`` row has ``duplicate_of``, the rows of that article are used; if the id does not appear in
``articles`` at all, the exported article with byte-identical ``text`` is used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["greedy_pairs", "group_rows", "match_overlapping_spans", "predictions_for_records"]

Row = Mapping[str, Any]


def group_rows(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Rows grouped by ``article_id`` (export order kept)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(row.get("article_id"))].append(row)
    return dict(grouped)


def predictions_for_records(
    records: Sequence[Row], articles: Sequence[Row], rows: Sequence[Row]
) -> dict[str, list[Row]]:
    """For every gold record id, the prediction rows (possibly empty) that belong to it."""
    by_article = group_rows(rows)
    article_by_id: dict[str, Row] = {}
    article_by_text: dict[str, Row] = {}
    for art in articles:
        article_by_id.setdefault(str(art.get("article_id")), art)
        text = art.get("text")
        if isinstance(text, str):
            article_by_text.setdefault(text, art)

    out: dict[str, list[Row]] = {}
    for rec in records:
        rid = str(rec.get("id"))
        if rid in by_article:
            out[rid] = by_article[rid]
            continue
        known = article_by_id.get(rid)
        if known is not None:
            dup = known.get("duplicate_of")
            out[rid] = by_article.get(str(dup), []) if dup else []
            continue
        text = rec.get("text")
        twin = article_by_text.get(text) if isinstance(text, str) else None
        if twin is None:
            out[rid] = []
            continue
        twin_id = str(twin.get("article_id"))
        dup = twin.get("duplicate_of")
        out[rid] = by_article.get(twin_id) or (by_article.get(str(dup), []) if dup else [])
    return out


def greedy_pairs(candidates: Iterable[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """One-to-one matching: ``candidates`` are ``(*sort_key, i, j)`` tuples; best (smallest) key first,
    each ``i`` and each ``j`` used at most once. Returns the ``(i, j)`` pairs in matching order."""
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for cand in sorted(candidates):
        i, j = cand[-2], cand[-1]
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        pairs.append((i, j))
    return pairs


def match_overlapping_spans(
    pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of spans overlapping by >= 1 character, best IoU first, then overlap
    length, then position. Returns ``(pred index, gold index)`` pairs."""
    cands = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            inter = min(pe, ge) - max(ps, gs)
            if inter >= 1:
                union = max(pe, ge) - min(ps, gs)
                cands.append((-(inter / union), -inter, i, j))
    return greedy_pairs(cands)
