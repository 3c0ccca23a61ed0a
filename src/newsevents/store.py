"""The DuckDB store: one writer per database file, idempotent by ``(article_id, content_hash)``.

Tables follow the data contract (:data:`newsevents.rows.COLUMNS`); a small ``meta`` table records the
schema version. Rows are inserted as Arrow tables, one transaction per batch of articles, so every
article's rows land together or not at all and a killed run resumes cleanly.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from .dedup import Candidate, Indexed
from .errors import Errors, NewsEventsError
from .rows import COLUMNS, TABLES, Failure, Row, failure_row

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

SCHEMA_VERSION = "1"
EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "gdelt")
GDELT_TABLE = "events"  # the only table the GDELT 2.0 Events format exports

_INT = "BIGINT"
_FLOAT = "DOUBLE"
_DATE = "DATE"
_TYPES: dict[str, dict[str, str]] = {
    "articles": {
        "published": _DATE, "tone": _FLOAT, "positive": _FLOAT, "negative": _FLOAT, "polarity": _FLOAT,
    },
    "events": {
        "sentence_index": _INT, "evidence_start": _INT, "evidence_end": _INT, "goldstein": _FLOAT,
        "quad_class": _INT, "lat": _FLOAT, "lon": _FLOAT, "confidence": _FLOAT,
        "trigger_start": _INT, "trigger_end": _INT, "tone": _FLOAT,
    },
    "places": {"start": _INT, "end": _INT, "lat": _FLOAT, "lon": _FLOAT},
    "dates": {"start": _INT, "end": _INT},
    "quotes": {
        "speaker_start": _INT, "speaker_end": _INT, "cue_start": _INT, "cue_end": _INT,
        "content_start": _INT, "content_end": _INT,
    },
    "failures": {},
}  # fmt: skip
_CONSTRAINTS = {"articles": {"article_id": " PRIMARY KEY", "content_hash": " NOT NULL"}}
_CHILD_TABLES = ("events", "places", "dates", "quotes")
_FINGERPRINT_TABLES = ("fingerprints", "fingerprint_bands")
_REKEYED = frozenset({"event_id", "quote_id"})  # ids that start with "<article_id>:"


def column_type(table: str, column: str) -> str:
    """The DuckDB type of a contract column (``VARCHAR`` unless stated)."""
    return _TYPES[table].get(column, "VARCHAR")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ddl(table: str) -> str:
    cols = ", ".join(
        f"{_q(c)} {column_type(table, c)}{_CONSTRAINTS.get(table, {}).get(c, '')}" for c in COLUMNS[table]
    )
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


def coerce_row(table: str, row: Mapping[str, Any]) -> Row:
    """``row`` projected on the table's columns with each value converted to the column's type.

    Raises :class:`ValueError`/:class:`TypeError` for a value that can not be converted, so a bad row
    fails its own article, not a whole batch.
    """
    out: Row = {}
    types = _TYPES[table]
    for col in COLUMNS[table]:
        value = row.get(col)
        kind = types.get(col, "VARCHAR")
        if value is None:
            out[col] = None
        elif kind == _INT:
            out[col] = int(value)
        elif kind == _FLOAT:
            out[col] = float(value)
        elif kind == _DATE:
            out[col] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        else:
            out[col] = str(value)
    return out


#: Read-only tables computed from the stored ones. ``clusters``: one row per event cluster (see
#: :func:`newsevents.rows.cluster_id`) with GDELT-style counts; the most frequent value of each field.
DERIVED: dict[str, tuple[tuple[str, ...], str]] = {
    "clusters": (
        (
            "cluster_id", "event_date", "source_code", "source_country", "target_code", "target_country",
            "cameo_root", "cameo_code", "plover_type", "goldstein", "location_name", "location_country",
            "num_mentions", "num_articles", "num_sources", "first_event_id",
        ),
        """
        SELECT e.cluster_id, min(e.event_date) AS event_date, mode(e.source_code) AS source_code,
               mode(e.source_country) AS source_country, mode(e.target_code) AS target_code,
               mode(e.target_country) AS target_country, min(e.cameo_root) AS cameo_root,
               mode(e.cameo_code) AS cameo_code, mode(e.plover_type) AS plover_type,
               mode(e.goldstein) AS goldstein, mode(e.location_name) AS location_name,
               mode(e.location_country) AS location_country, count(*) AS num_mentions,
               count(DISTINCT e.article_id) AS num_articles, count(DISTINCT a.source) AS num_sources,
               min(e.event_id) AS first_event_id
        FROM events e JOIN articles a ON a.article_id = e.article_id
        WHERE e.cluster_id IS NOT NULL
        GROUP BY e.cluster_id
        ORDER BY count(*) DESC, min(e.event_date), e.cluster_id
        """,
    ),
}  # fmt: skip
READABLE: tuple[str, ...] = (*TABLES, *DERIVED)


def check_table(table: str, *, readable: bool = False) -> None:
    """``table`` is a stored table (or, with ``readable``, also a derived one) else ``E013``."""
    choices = READABLE if readable else TABLES
    if table not in choices:
        raise NewsEventsError(Errors.E013, table=table, choices=", ".join(choices))


def columns(table: str) -> tuple[str, ...]:
    """Columns of a stored or derived table."""
    return DERIVED[table][0] if table in DERIVED else COLUMNS[table]


def _select(table: str, present: frozenset[str] | None = None) -> str:
    """The query of a table; a column missing from an older database (``present``) reads as NULL."""
    if table in DERIVED:
        return DERIVED[table][1]
    cols = ", ".join(
        _q(c) if present is None or c in present else f"CAST(NULL AS {column_type(table, c)}) AS {_q(c)}"
        for c in COLUMNS[table]
    )
    return f"SELECT {cols} FROM {table} ORDER BY rowid"


class Store:
    """A newsevents database. ``Store(path)`` opens (and creates) it for writing; ``read_only=True``
    opens an existing one for reading. Use it as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise NewsEventsError(Errors.E023, path=str(path))
        try:
            self.con: duckdb.DuckDBPyConnection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise NewsEventsError(Errors.E012, reason=_one_line(exc)) from None
        if not read_only:
            self._create()

    # -- lifecycle ---------------------------------------------------------------------------------
    def _create(self) -> None:
        for table in TABLES:
            self.con.execute(_ddl(table))
            # a database made by an earlier version lacks the columns added since (e.g. tone): add them
            present = self._present(table)
            for col in COLUMNS[table]:
                if col not in present:
                    self.con.execute(
                        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {_q(col)} {column_type(table, col)}"
                    )
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)")
        # near-duplicate look-up (internal, not exported): MinHash signatures and their LSH band keys
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS fingerprints (article_id VARCHAR, published DATE, signature BLOB)"
        )
        self.con.execute("CREATE TABLE IF NOT EXISTS fingerprint_bands (band BIGINT, article_id VARCHAR)")
        self.con.execute("CREATE INDEX IF NOT EXISTS fingerprint_band ON fingerprint_bands (band)")
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [SCHEMA_VERSION]
        )

    def _present(self, table: str) -> frozenset[str]:
        """The columns ``table`` has in this database (fewer than COLUMNS in an older database)."""
        rows = self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND schema_name = current_schema() AND table_name = ?",
            [table],
        ).fetchall()
        return frozenset(r[0] for r in rows)

    def legacy_views(self) -> list[str]:
        """``CREATE TEMP VIEW`` statements that give each table of an older (read-only) database the
        columns added since, as NULL, under the table's own name; empty for a current database.

        Temporary views belong to one connection: run them on every cursor that queries the tables.
        """
        catalog = self.con.execute("SELECT current_database()").fetchone()
        statements = []
        for table in TABLES:
            present = self._present(table)
            missing = [c for c in COLUMNS[table] if c not in present]
            if missing and catalog:
                extra = ", ".join(f"CAST(NULL AS {column_type(table, c)}) AS {_q(c)}" for c in missing)
                source = f"{_q(str(catalog[0]))}.main.{table}"
                statements.append(
                    f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT *, {extra}, rowid AS rowid FROM {source}"
                )
        return statements

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- look-ups before parsing -------------------------------------------------------------------
    def stored_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        """``{article_id: content_hash}`` for those of ``article_ids`` already stored."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def originals(self, content_hashes: Iterable[str]) -> dict[tuple[str, dt.date | None], str]:
        """``{(content_hash, published): article_id}`` of the stored originals (not duplicates) with
        those hashes; the earliest stored article wins."""
        hashes = list(dict.fromkeys(content_hashes))
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, published, article_id FROM articles "
            "WHERE duplicate_of IS NULL AND content_hash IN (SELECT unnest(?)) ORDER BY rowid",
            [hashes],
        ).fetchall()
        out: dict[tuple[str, dt.date | None], str] = {}
        for h, published, aid in rows:
            out.setdefault((h, published), aid)
        return out

    def near_candidates(self, bands: Iterable[int]) -> list[Candidate]:
        """The fingerprinted articles sharing one of ``bands`` (LSH band keys), earliest stored first."""
        keys = list(dict.fromkeys(bands))
        if not keys:
            return []
        rows = self.con.execute(
            "SELECT f.article_id, f.published, f.signature FROM fingerprints f "
            "WHERE f.signature IS NOT NULL AND f.article_id IN "
            "(SELECT article_id FROM fingerprint_bands WHERE band IN (SELECT unnest(?))) "
            "ORDER BY f.rowid",
            [keys],
        ).fetchall()
        return [Candidate(str(a), p, bytes(sig)) for a, p, sig in rows]

    # -- writing -----------------------------------------------------------------------------------
    def write(
        self,
        batch: Sequence[Mapping[str, Sequence[Row]]],
        *,
        replace: Iterable[str] = (),
        copies: Sequence[tuple[str, str]] = (),
        fingerprints: Sequence[Indexed] = (),
    ) -> None:
        """Insert the rows of a batch of articles in one transaction.

        Each item maps table name -> rows (as from :func:`newsevents.rows.document_rows`). Articles in
        ``replace`` are deleted first (their text changed). ``copies`` holds ``(duplicate_id,
        original_id)`` pairs: the original's events, places, dates and quotes are copied to the duplicate
        (ids re-keyed, ``cluster_id`` kept), after this batch's own rows are in. Failures recorded for
        the written articles are cleared: they went through this time. ``fingerprints`` index articles
        for near-duplicate look-up (:meth:`near_candidates`).
        """
        tables: dict[str, list[Row]] = {t: [] for t in TABLES if t != "failures"}
        for item in batch:
            for table, rows in item.items():
                tables[table].extend(rows)
        ids = [r["article_id"] for r in tables["articles"]]
        gone = list(dict.fromkeys([*replace]))
        self._transaction(lambda: self._write(tables, ids, gone, copies, fingerprints))

    def _write(
        self,
        tables: Mapping[str, list[Row]],
        ids: list[str],
        gone: list[str],
        copies: Sequence[tuple[str, str]],
        fingerprints: Sequence[Indexed],
    ) -> None:
        if gone:
            for table in (*_CHILD_TABLES, "articles", *_FINGERPRINT_TABLES):
                self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [gone])
        if fingerprints:
            self._add_fingerprints(fingerprints)
        for table, rows in tables.items():
            if rows:
                self._insert(table, rows)
        if copies:
            self._copy(copies)
        if ids:
            self.con.execute("DELETE FROM failures WHERE article_id IN (SELECT unnest(?))", [ids])

    def _add_fingerprints(self, fingerprints: Sequence[Indexed]) -> None:
        self.con.execute(
            "INSERT INTO fingerprints SELECT unnest(?), unnest(?), unnest(?)",
            [
                [a for a, _, _ in fingerprints],
                [p for _, p, _ in fingerprints],
                [fp.signature if fp is not None else None for _, _, fp in fingerprints],
            ],
        )
        bands = [(b, a) for a, _, fp in fingerprints if fp is not None for b in fp.bands]
        if bands:
            self.con.execute(
                "INSERT INTO fingerprint_bands SELECT unnest(?), unnest(?)",
                [[b for b, _ in bands], [a for _, a in bands]],
            )

    def add_fingerprints(self, fingerprints: Sequence[Indexed]) -> None:
        """Index stored articles for near-duplicate look-up (one transaction)."""
        if fingerprints:
            self._transaction(lambda: self._add_fingerprints(fingerprints))

    def unfingerprinted(self, limit: int) -> list[tuple[str, dt.date | None, str]]:
        """Up to ``limit`` stored originals (not duplicates) not yet indexed for near-duplicate look-up —
        articles coded by a version before it — as ``(article_id, published, text)``, earliest first."""
        rows = self.con.execute(
            "SELECT a.article_id, a.published, a.text FROM articles a WHERE a.duplicate_of IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.article_id = a.article_id) "
            "ORDER BY a.rowid LIMIT ?",
            [limit],
        ).fetchall()
        return [(str(a), p, str(t or "")) for a, p, t in rows]

    def _copy(self, copies: Sequence[tuple[str, str]]) -> None:
        dups = [d for d, _ in copies]
        origs = [o for _, o in copies]
        self.con.execute(  # same text, same tone
            "UPDATE articles SET tone = o.tone, positive = o.positive, negative = o.negative, "
            "polarity = o.polarity FROM articles o, (SELECT unnest(?) AS dup, unnest(?) AS orig) m "
            "WHERE articles.article_id = m.dup AND o.article_id = m.orig",
            [dups, origs],
        )
        for table in _CHILD_TABLES:
            exprs = []
            for col in COLUMNS[table]:
                if col == "article_id":
                    exprs.append("m.dup")
                elif col in _REKEYED:
                    c = f"t.{_q(col)}"
                    exprs.append(
                        f"CASE WHEN starts_with({c}, m.orig || ':') "
                        f"THEN m.dup || substr({c}, length(m.orig) + 1) ELSE {c} END"
                    )
                else:
                    exprs.append(f"t.{_q(col)}")
            cols = ", ".join(_q(c) for c in COLUMNS[table])
            self.con.execute(
                f"INSERT INTO {table} ({cols}) SELECT {', '.join(exprs)} FROM {table} t "
                "JOIN (SELECT unnest(?) AS dup, unnest(?) AS orig) m ON t.article_id = m.orig "
                "ORDER BY m.dup, t.rowid",
                [dups, origs],
            )

    def _insert(self, table: str, rows: Sequence[Row]) -> None:
        arrow = _arrow_table(table, rows)
        name = f"_newsevents_{table}"
        self.con.register(name, arrow)
        cols = ", ".join(_q(c) for c in COLUMNS[table])
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        self.con.unregister(name)

    def add_failure(self, failure: Failure) -> None:
        """Record a failure; the same (input, article_id, stage) replaces its earlier row."""
        self.add_failures([failure])

    def add_failures(self, failures: Iterable[Failure]) -> None:
        rows = [failure_row(f) for f in failures]
        if not rows:
            return

        def run() -> None:
            for row in rows:
                self.con.execute(
                    "DELETE FROM failures WHERE input IS NOT DISTINCT FROM ? "
                    "AND article_id IS NOT DISTINCT FROM ? AND stage IS NOT DISTINCT FROM ?",
                    [row["input"], row["article_id"], row["stage"]],
                )
            self._insert("failures", rows)

        self._transaction(run)

    def _transaction(self, body: Any) -> None:
        import duckdb

        self.con.begin()
        try:
            body()
        except duckdb.Error as exc:
            self.con.rollback()
            raise NewsEventsError(Errors.E012, reason=_one_line(exc)) from None
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    # -- reading -----------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        check_table(table)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Rows of a read query as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def iter_rows(self, table: str, *, chunk: int = 2048) -> Iterator[Row]:
        check_table(table, readable=True)
        names = columns(table)
        cur = self.con.execute(_select(table, None if table in DERIVED else self._present(table)))
        while batch := cur.fetchmany(chunk):
            for r in batch:
                yield dict(zip(names, r, strict=True))

    def rows(self, table: str) -> list[Row]:
        """All rows of a contract table (in insertion order) or of a derived table."""
        return list(self.iter_rows(table))

    def export(self, table: str, fmt: str, out: IO[str] | IO[bytes] | str | Path) -> int:
        """Write ``table`` as ``jsonl`` | ``csv`` | ``parquet`` | ``gdelt`` to a path or an open file;
        returns rows written.

        JSONL: one object per row, dates as ISO strings, null as null. CSV: header row, null as empty.
        Parquet needs a path or a binary file. ``gdelt`` (events only, else ``E033``): GDELT 2.0 Events
        records, one per event cluster (see :mod:`newsevents.gdelt`).
        """
        check_table(table, readable=True)
        if fmt not in EXPORT_FORMATS:
            raise NewsEventsError(Errors.E014, fmt=fmt, choices=", ".join(EXPORT_FORMATS))
        if fmt == "gdelt" and table != GDELT_TABLE:
            raise NewsEventsError(Errors.E033, fmt=fmt, table=GDELT_TABLE, other=table)
        if isinstance(out, (str, Path)):
            if fmt == "parquet":
                return self._export_parquet(table, str(out))
            with open(out, "w", encoding="utf-8", newline="") as fh:
                return self.export(table, fmt, fh)
        if fmt == "parquet":
            return self._export_parquet(table, out)
        text_out: IO[str] = out  # type: ignore[assignment]
        if fmt == "gdelt":
            return self._export_gdelt(text_out)
        if fmt == "jsonl":
            return _write_jsonl(self.iter_rows(table), text_out)
        return _write_csv(columns(table), self.iter_rows(table), text_out)

    def _export_gdelt(self, out: IO[str]) -> int:
        from .gdelt import mentions_sql, write_gdelt

        sql = mentions_sql(article_tone="tone" in self._present("articles"))
        return write_gdelt(self._iter_query(sql), out)

    def _iter_query(self, sql: str, *, chunk: int = 2048) -> Iterator[Row]:
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(chunk):
            for r in batch:
                yield dict(zip(names, r, strict=True))

    def _export_parquet(self, table: str, out: Any) -> int:
        import pyarrow.parquet as pq

        present = None if table in DERIVED else self._present(table)
        reader = self.con.sql(_select(table, present)).to_arrow_reader(65536)
        n = 0
        with pq.ParquetWriter(out, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
        return n


def _arrow_table(table: str, rows: Sequence[Row]) -> pa.Table:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), _INT: pa.int64(), _FLOAT: pa.float64(), _DATE: pa.date32()}
    schema = pa.schema([(c, types[column_type(table, c)]) for c in COLUMNS[table]])
    return pa.Table.from_pylist([dict(r) for r in rows], schema=schema)


def _json_default(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _write_jsonl(rows: Iterable[Row], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def _write_csv(columns: Sequence[str], rows: Iterable[Row], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow(
            "" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row.values()
        )
        n += 1
    return n


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
