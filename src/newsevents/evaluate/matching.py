"""Match exported prediction rows to gold records (README section *Matching predictions to gold*).

A gold record's predictions are the rows whose ``article_id`` equals its ``id``. If that id has no rows but
its ``articles`` row has ``duplicate_of``, the rows of that article are used; if the id does not appear in
``articles`` at all, the exported article with byte-identical ``text`` is used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["group_rows", "predictions_for_records"]

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
