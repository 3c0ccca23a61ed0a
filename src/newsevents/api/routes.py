"""The JSON endpoints under ``/api`` (read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from .. import __version__
from ..rows import TABLES
from .database import Database
from .export import check_export, export_chunks, media_type
from .queries import (
    MODALITIES,
    ClusterFilter,
    EventFilter,
    Page,
    QuoteFilter,
    article_counts_query,
    article_meta_query,
    article_query,
    cluster_queries,
    event_by_id_query,
    event_queries,
    quote_by_id_query,
    quote_queries,
    stats_queries,
)

__all__ = ["QUAD_CLASSES", "router"]

router = APIRouter(prefix="/api")

MAX_LIMIT = 1000
QUAD_CLASSES: dict[int, str] = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}
#: Query parameters that are dates; a bad value is reported with the numbered error E009.
DATE_PARAMS = frozenset({"date_from", "date_to"})


def _text(description: str | None = None) -> Any:
    return Query(max_length=200, description=description)


def _code(description: str) -> Any:
    return Query(max_length=32, pattern=r"^[A-Za-z0-9]*$", description=description)


Root = Annotated[str | None, Query(pattern=r"^\d{0,2}$", description='CAMEO root, e.g. "04".')]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=2**62, description="Rows to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


def event_filter(
    source: Annotated[str | None, _code("Source country (ISO3) or code prefix.")] = None,
    target: Annotated[str | None, _code("Target country (ISO3) or code prefix.")] = None,
    dyad: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z0-9]*:[A-Za-z0-9]*$", description='"SOURCE:TARGET", e.g. USA:PRK.'),
    ] = None,
    root: Root = None,
    code: Annotated[str | None, Query(pattern=r"^\d{0,4}$", description="CAMEO code prefix.")] = None,
    plover: Annotated[str | None, Query(max_length=40, description="PLOVER event type.")] = None,
    modality: Annotated[
        Literal["asserted", "negated", "hypothetical", "future", "any"], Query(description="'any' for all.")
    ] = "asserted",
    date_from: Day = None,
    date_to: Day = None,
    country: Annotated[str | None, _code("Location country (ISO3).")] = None,
    q: Annotated[str | None, _text("Substring of the evidence sentence or an actor's text/name.")] = None,
    cluster_id: Annotated[str | None, _text()] = None,
    article_id: Annotated[str | None, _text()] = None,
) -> EventFilter:
    return EventFilter(
        source=source, target=target, dyad=dyad, root=root, code=code, plover=plover,
        modality=None if modality == "any" else modality, date_from=date_from, date_to=date_to,
        country=country, q=q, cluster_id=cluster_id, article_id=article_id,
    )  # fmt: skip


def _listing(db: Database, queries: tuple[Any, Any], pg: Page) -> dict[str, Any]:
    rows_q, count_q = queries
    return {"total": db.scalar(count_q), "limit": pg.limit, "offset": pg.offset, "items": db.rows(rows_q)}


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found: {key}")


@router.get("/health")
def health(db: Db) -> dict[str, Any]:
    """Status and row counts per table (``clusters``: distinct cluster ids)."""
    counts = {t: db.scalar((f"SELECT count(*) FROM {t}", [])) for t in TABLES}
    counts["clusters"] = db.scalar(("SELECT count(DISTINCT cluster_id) FROM events", []))
    return {"status": "ok", "version": __version__, "counts": counts}


@router.get("/cameo/roots")
def cameo_roots() -> dict[str, Any]:
    """The 20 CAMEO root categories with their names, and the modalities events can have."""
    return {"roots": root_names(), "modalities": list(MODALITIES), "quad_classes": QUAD_CLASSES}


def root_names() -> list[dict[str, str]]:
    from ..events.cameo import cameo_info

    return [{"root": f"{n:02d}", "name": cameo_info(f"{n:02d}").name} for n in range(1, 21)]


@router.get("/events")
def events(
    db: Db, f: Annotated[EventFilter, Depends(event_filter)], pg: Annotated[Page, Depends(page)]
) -> Any:
    """Coded events with their evidence sentence; ``date`` is the event's date, else the publication date."""
    return _listing(db, event_queries(f, pg), pg)


@router.get("/events/{event_id}")
def event(db: Db, event_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """One event with its evidence, its quote (when it has one) and its article's metadata."""
    row = db.one(event_by_id_query(event_id))
    if row is None:
        raise _not_found("event", event_id)
    quote = db.one(quote_by_id_query(row["quote_id"])) if row["quote_id"] else None
    article = db.one(article_meta_query(row["article_id"]))
    return {"event": row, "quote": quote, "article": article}


@router.get("/quotes")
def quotes(
    db: Db,
    pg: Annotated[Page, Depends(page)],
    speaker: Annotated[str | None, _text("Substring of the speaker's text or code.")] = None,
    country: Annotated[str | None, _code("Speaker country (code prefix, e.g. PRK).")] = None,
    q: Annotated[str | None, _text("Substring of the quote's content.")] = None,
    article_id: Annotated[str | None, _text()] = None,
) -> Any:
    """Direct and indirect quotes with their coded speakers."""
    f = QuoteFilter(speaker=speaker, country=country, q=q, article_id=article_id)
    return _listing(db, quote_queries(f, pg), pg)


@router.get("/clusters")
def clusters(
    db: Db,
    pg: Annotated[Page, Depends(page)],
    root: Root = None,
    country: Annotated[str | None, _code("Source, target or location country.")] = None,
    date_from: Day = None,
    date_to: Day = None,
    min_articles: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> Any:
    """Event clusters (one real-world event reported by several articles), most mentioned first."""
    f = ClusterFilter(
        root=root, country=country, date_from=date_from, date_to=date_to, min_articles=min_articles
    )
    return _listing(db, cluster_queries(f, pg), pg)


@router.get("/articles/{article_id}")
def article(db: Db, article_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """An article's metadata and text, with its number of events, places, dates and quotes."""
    row = db.one(article_query(article_id))
    if row is None:
        raise _not_found("article", article_id)
    return {**row, "counts": db.one(article_counts_query(article_id))}


@router.get("/stats")
def stats(db: Db, f: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
    """Events per CAMEO root, per QuadClass and per day, top dyads and top locations (same filters as
    ``/api/events``)."""
    qs = stats_queries(f)
    names = {r["root"]: r["name"] for r in root_names()}
    return {
        "total": db.scalar(qs.total),
        "by_root": [{**r, "name": names.get(r["root"] or "")} for r in db.rows(qs.by_root)],
        "by_quad_class": [
            {**r, "name": QUAD_CLASSES.get(r["quad_class"] or 0)} for r in db.rows(qs.by_quad_class)
        ],
        "by_day": db.rows(qs.by_day),
        "top_dyads": db.rows(qs.top_dyads),
        "top_locations": db.rows(qs.top_locations),
    }


@router.get("/export/{table}.{fmt}")
def export(db: Db, table: str, fmt: str) -> StreamingResponse:
    """A whole table (or the derived ``clusters``) as JSONL, CSV or Parquet, as ``newsevents export``."""
    check_export(table, fmt)
    headers = {"Content-Disposition": f'attachment; filename="{table}.{fmt}"'}
    return StreamingResponse(export_chunks(db.path, table, fmt), media_type=media_type(fmt), headers=headers)
