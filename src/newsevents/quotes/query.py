"""Filter quote rows for the ``newsevents quotes`` command (pure function over plain rows)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["filter_quotes"]


def filter_quotes(
    rows: Iterable[Mapping[str, Any]],
    speaker: str | None = None,
    country: str | None = None,
    text: str | None = None,
) -> list[Mapping[str, Any]]:
    """Rows of the ``quotes`` table that match every given filter (case-insensitive):

    - ``speaker``: a substring of ``speaker_text``, or the ``speaker_code`` itself (``USAGOV``);
    - ``country``: the country part of ``speaker_code`` (ISO3 such as ``PRK``, or ``IGO``);
    - ``text``: a substring of ``content_text``.
    """
    sp = speaker.lower() if speaker else None
    cc = country.upper() if country else None
    tx = text.lower() if text else None
    out = []
    for row in rows:
        code = str(row.get("speaker_code") or "").upper()
        if sp is not None and sp not in str(row.get("speaker_text") or "").lower() and sp.upper() != code:
            continue
        if cc is not None and not code.startswith(cc):
            continue
        if tx is not None and tx not in str(row.get("content_text") or "").lower():
            continue
        out.append(row)
    return out
