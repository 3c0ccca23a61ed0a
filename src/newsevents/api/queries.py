"""The SQL behind the read-only API: typed filters in, ``(sql, params)`` out.

Pure functions, no I/O. Every user value travels as a bound parameter; text matches use DuckDB's
``contains`` / ``starts_with`` (not ``LIKE``), so ``%`` and ``_`` in a filter are plain characters.
Filters combine with AND; an unset (``None``) filter does not restrict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..rows import COLUMNS
from ..store import DERIVED

__all__ = [
    "MODALITIES",
    "ClusterFilter",
    "EventFilter",
    "Page",
    "QuoteFilter",
    "SqlQuery",
    "StatsQueries",
    "article_counts_query",
    "article_meta_query",
    "article_query",
    "cluster_queries",
    "event_by_id_query",
    "event_queries",
    "quote_by_id_query",
    "quote_queries",
    "stats_queries",
]

SqlQuery = tuple[str, list[object]]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future")

#: The date an event is filed under: its own date, else its article's publication date.
DATE_EXPR = "coalesce(e.event_date, CAST(a.published AS VARCHAR))"
EVIDENCE_EXPR = "substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)"
_EVENT_COLUMNS = ", ".join(f'e."{c}"' for c in COLUMNS["events"])
_EVENT_FROM = "FROM events e JOIN articles a ON a.article_id = e.article_id"
_EVENT_SELECT = f"SELECT {_EVENT_COLUMNS}, {DATE_EXPR} AS date, {EVIDENCE_EXPR} AS evidence {_EVENT_FROM}"
_EVENT_ORDER = f"ORDER BY {DATE_EXPR} NULLS LAST, e.article_id, e.evidence_start, e.event_id"
_QUOTE_COLUMNS = ", ".join(f'q."{c}"' for c in COLUMNS["quotes"])
_CHILD_TABLES = ("events", "places", "dates", "quotes")
ARTICLE_META = ("article_id", "url", "title", "published", "source", "duplicate_of", "language")


@dataclass(frozen=True)
class Page:
    """``limit`` rows from row ``offset`` (the API bounds ``limit`` to 1..1000)."""

    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class EventFilter:
    """Filters of ``GET /api/events`` (and ``/api/stats``).

    ``source`` / ``target``: the actor's country (ISO3) or a prefix of its code (``USA``, ``PRKGOV``,
    ``IGOUNO``); ``dyad``: ``"SOURCE:TARGET"`` with the same meaning per side (either side may be empty);
    ``root``: CAMEO root (``"4"`` and ``"04"`` alike); ``code``: CAMEO code prefix (``"042"``);
    ``plover``: PLOVER event type; ``modality``: ``None`` for any; ``date_from`` / ``date_to``: the
    event's date (else its article's publication date) overlaps the range, so a month-precision date
    ``2018-07`` falls inside ``2018-07-15..2018-08-01``; ``country``: the event's location country;
    ``q``: a substring of the evidence sentence or of an actor's text or name (case-insensitive).
    """

    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    root: str | None = None
    code: str | None = None
    plover: str | None = None
    modality: str | None = "asserted"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    q: str | None = None
    cluster_id: str | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class QuoteFilter:
    """Filters of ``GET /api/quotes``: ``speaker`` is a substring of the speaker's text or code,
    ``country`` the country part (prefix) of the speaker code, ``q`` a substring of the content (all
    case-insensitive) -- the ``newsevents quotes`` filters (:func:`newsevents.quotes.query.filter_quotes`)
    in SQL."""

    speaker: str | None = None
    country: str | None = None
    q: str | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class ClusterFilter:
    """Filters of ``GET /api/clusters``: ``country`` matches the source, target or location country."""

    root: str | None = None
    country: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_articles: int | None = None


class _Where:
    """Collects AND-ed conditions and their parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[object] = []

    def add(self, condition: str, *params: object) -> None:
        self.parts.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


def _norm(value: str | None) -> str | None:
    """``value`` stripped; ``None`` when empty (an empty query parameter does not filter)."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _lower_contains(columns: Sequence[str], value: str, where: _Where) -> None:
    ors = " OR ".join(f"contains(lower(coalesce({c}, '')), ?)" for c in columns)
    where.add(f"({ors})", *([value.lower()] * len(columns)))


def _actor_side(side: str, value: str, where: _Where) -> None:
    v = value.upper()
    where.add(
        f"(upper(coalesce(e.{side}_country, '')) = ? OR starts_with(upper(coalesce(e.{side}_code, '')), ?))",
        v,
        v,
    )


def _date_range(expr: str, date_from: dt.date | None, date_to: dt.date | None, where: _Where) -> None:
    # a partial date ("2018-07", "2018") overlaps the range when its own prefix does
    if date_from is not None:
        where.add(f"{expr} >= substr(?, 1, length({expr}))", date_from.isoformat())
    if date_to is not None:
        where.add(f"substr({expr}, 1, 10) <= ?", date_to.isoformat())


def _event_where(f: EventFilter) -> _Where:
    where = _Where()
    for side, value in (("source", _norm(f.source)), ("target", _norm(f.target))):
        if value:
            _actor_side(side, value, where)
    dyad = _norm(f.dyad)
    if dyad:
        src, _, tgt = dyad.partition(":")
        for side, value in (("source", src.strip()), ("target", tgt.strip())):
            if value:
                _actor_side(side, value, where)
    root = _norm(f.root)
    if root:
        where.add("e.cameo_root = ?", root.zfill(2))
    code = _norm(f.code)
    if code:
        where.add("starts_with(coalesce(e.cameo_code, ''), ?)", code)
    plover = _norm(f.plover)
    if plover:
        where.add("upper(e.plover_type) = ?", plover.upper())
    if f.modality:
        where.add("e.modality = ?", f.modality)
    _date_range(DATE_EXPR, f.date_from, f.date_to, where)
    country = _norm(f.country)
    if country:
        where.add("upper(e.location_country) = ?", country.upper())
    q = _norm(f.q)
    if q:
        cols = (EVIDENCE_EXPR, "e.source_text", "e.source_name", "e.target_text", "e.target_name")
        _lower_contains(cols, q, where)
    cluster = _norm(f.cluster_id)
    if cluster:
        where.add("e.cluster_id = ?", cluster)
    article = _norm(f.article_id)
    if article:
        where.add("e.article_id = ?", article)
    return where


def event_queries(f: EventFilter, page: Page) -> tuple[SqlQuery, SqlQuery]:
    """The page of matching events (contract fields, ``cameo_name``, ``trigger_*``, ``date`` -- the date
    filed under -- and the ``evidence`` sentence), and the count of all matching events."""
    where = _event_where(f)
    rows = f"{_EVENT_SELECT}{where.sql()} {_EVENT_ORDER} LIMIT ? OFFSET ?"
    count = f"SELECT count(*) AS n {_EVENT_FROM}{where.sql()}"
    return (rows, [*where.params, page.limit, page.offset]), (count, list(where.params))


def event_by_id_query(event_id: str) -> SqlQuery:
    return f"{_EVENT_SELECT} WHERE e.event_id = ?", [event_id]


def quote_by_id_query(quote_id: str) -> SqlQuery:
    return f"SELECT {_QUOTE_COLUMNS} FROM quotes q WHERE q.quote_id = ?", [quote_id]


def quote_queries(f: QuoteFilter, page: Page) -> tuple[SqlQuery, SqlQuery]:
    """The page of matching quotes (in stored order) and their count."""
    where = _Where()
    speaker = _norm(f.speaker)
    if speaker:
        _lower_contains(("q.speaker_text", "q.speaker_code"), speaker, where)
    country = _norm(f.country)
    if country:
        where.add("starts_with(upper(coalesce(q.speaker_code, '')), ?)", country.upper())
    q = _norm(f.q)
    if q:
        _lower_contains(("q.content_text",), q, where)
    article = _norm(f.article_id)
    if article:
        where.add("q.article_id = ?", article)
    rows = f"SELECT {_QUOTE_COLUMNS} FROM quotes q{where.sql()} ORDER BY q.rowid LIMIT ? OFFSET ?"
    count = f"SELECT count(*) AS n FROM quotes q{where.sql()}"
    return (rows, [*where.params, page.limit, page.offset]), (count, list(where.params))


def cluster_queries(f: ClusterFilter, page: Page) -> tuple[SqlQuery, SqlQuery]:
    """The page of matching rows of the derived ``clusters`` table (most mentioned first) and their count."""
    where = _Where()
    root = _norm(f.root)
    if root:
        where.add("c.cameo_root = ?", root.zfill(2))
    country = _norm(f.country)
    if country:
        cols = ("c.source_country", "c.target_country", "c.location_country")
        where.add("(" + " OR ".join(f"upper({c}) = ?" for c in cols) + ")", *([country.upper()] * 3))
    _date_range("c.event_date", f.date_from, f.date_to, where)
    if f.min_articles is not None:
        where.add("c.num_articles >= ?", f.min_articles)
    base = f"FROM ({DERIVED['clusters'][1]}) c{where.sql()}"
    rows = f"SELECT * {base} ORDER BY c.num_mentions DESC, c.event_date, c.cluster_id LIMIT ? OFFSET ?"
    return (rows, [*where.params, page.limit, page.offset]), (f"SELECT count(*) AS n {base}", where.params)


def article_query(article_id: str) -> SqlQuery:
    """The article's metadata, text and content hash."""
    cols = ", ".join(f'"{c}"' for c in (*ARTICLE_META, "text", "content_hash"))
    return f"SELECT {cols} FROM articles WHERE article_id = ?", [article_id]


def article_meta_query(article_id: str) -> SqlQuery:
    """The article's metadata only (no text)."""
    cols = ", ".join(f'"{c}"' for c in ARTICLE_META)
    return f"SELECT {cols} FROM articles WHERE article_id = ?", [article_id]


def article_counts_query(article_id: str) -> SqlQuery:
    """Rows per child table (``events``, ``places``, ``dates``, ``quotes``) of one article."""
    parts = [f"(SELECT count(*) FROM {t} WHERE article_id = ?) AS {t}" for t in _CHILD_TABLES]
    return "SELECT " + ", ".join(parts), [article_id] * len(_CHILD_TABLES)


@dataclass(frozen=True)
class StatsQueries:
    total: SqlQuery
    by_root: SqlQuery
    by_quad_class: SqlQuery
    by_day: SqlQuery
    top_dyads: SqlQuery
    top_locations: SqlQuery


def stats_queries(f: EventFilter, *, top: int = 10) -> StatsQueries:
    """Aggregates over the matching events: total, per CAMEO root, per QuadClass, per day (events dated
    to the day), the ``top`` source/target code pairs and the ``top`` locations."""
    where = _event_where(f)
    w, p = where.sql(), where.params

    def grouped(select: str, extra: str, group: str, order: str, limit: int | None = None) -> SqlQuery:
        cond = (w + " AND " + extra) if (w and extra) else (w or (" WHERE " + extra if extra else ""))
        sql = f"SELECT {select}, count(*) AS n {_EVENT_FROM}{cond} GROUP BY {group} ORDER BY {order}"
        return (sql + " LIMIT ?", [*p, limit]) if limit else (sql, list(p))

    day = f"substr({DATE_EXPR}, 1, 10)"
    return StatsQueries(
        total=(f"SELECT count(*) AS n {_EVENT_FROM}{w}", list(p)),
        by_root=grouped("e.cameo_root AS root", "", "e.cameo_root", "e.cameo_root NULLS LAST"),
        by_quad_class=grouped("e.quad_class AS quad_class", "", "e.quad_class", "e.quad_class NULLS LAST"),
        by_day=grouped(f"{day} AS day", f"length({DATE_EXPR}) >= 10", day, day),
        top_dyads=grouped(
            "e.source_code AS source_code, e.target_code AS target_code",
            "e.source_code IS NOT NULL AND e.target_code IS NOT NULL",
            "e.source_code, e.target_code",
            "n DESC, e.source_code, e.target_code",
            top,
        ),
        top_locations=grouped(
            "e.location_name AS location_name, e.location_country AS location_country",
            "e.location_name IS NOT NULL",
            "e.location_name, e.location_country",
            "n DESC, e.location_name",
            top,
        ),
    )
