"""Whole-table downloads through :meth:`newsevents.store.Store.export`.

The table is written by the store's own exporter to an anonymous temporary file (so memory stays
flat whatever the table's size, and the file vanishes when closed) and then streamed in chunks.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from ..errors import Errors, NewsEventsError
from ..store import EXPORT_FORMATS, Store, check_table

__all__ = ["MEDIA_TYPES", "check_export", "export_chunks", "media_type"]

MEDIA_TYPES: dict[str, str] = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gdelt": "text/tab-separated-values; charset=utf-8",
}
BINARY_FORMATS = frozenset({"parquet"})
CHUNK = 1 << 16


def check_export(table: str, fmt: str) -> None:
    """``E013`` for a table that can not be exported, ``E014`` for an unknown format."""
    check_table(table, readable=True)
    if fmt not in EXPORT_FORMATS:
        raise NewsEventsError(Errors.E014, fmt=fmt, choices=", ".join(EXPORT_FORMATS))


def export_chunks(db_path: Path, table: str, fmt: str) -> Iterator[bytes]:
    """Export ``table`` as ``fmt`` and return an iterator over the file's bytes (closes it when done)."""
    check_export(table, fmt)
    with ExitStack() as stack:
        tmp: IO[bytes] = stack.enter_context(tempfile.TemporaryFile())
        store = stack.enter_context(Store(db_path, read_only=True))
        if fmt in BINARY_FORMATS:
            store.export(table, fmt, tmp)
        else:
            text = io.TextIOWrapper(tmp, encoding="utf-8", newline="")
            store.export(table, fmt, text)
            text.flush()
            text.detach()
        store.close()
        tmp.seek(0)
        stack.pop_all()  # the file now belongs to the iterator, which closes it
    return _read(tmp)


def _read(fh: IO[bytes]) -> Iterator[bytes]:
    with fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def media_type(fmt: str) -> str:
    return MEDIA_TYPES.get(fmt, "application/octet-stream")
