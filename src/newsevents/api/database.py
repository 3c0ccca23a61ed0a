"""One read-only database shared by the API's request threads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from .queries import SqlQuery

Row = dict[str, Any]


class Database:
    """A newsevents database opened read-only (``E023`` when the file is missing).

    DuckDB connections are not safe to share between threads, so every query runs on its own cursor
    (a cheap second connection to the same database instance).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.store = Store(self.path, read_only=True)
        # a database written by an earlier version lacks the newest columns: they read as NULL
        self._shims = self.store.legacy_views()

    def rows(self, query: SqlQuery) -> list[Row]:
        sql, params = query
        with self.store.con.cursor() as cur:
            for statement in self._shims:
                cur.execute(statement)
            cur.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def one(self, query: SqlQuery) -> Row | None:
        rows = self.rows(query)
        return rows[0] if rows else None

    def scalar(self, query: SqlQuery) -> int:
        row = self.one(query)
        return int(next(iter(row.values()))) if row else 0

    def close(self) -> None:
        self.store.close()
