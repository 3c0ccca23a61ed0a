"""Actor metrics (README section *Actors metrics*) over NGEC actor-resolution records.

An answer is a dict ``{"text", "code", "country", "sector", "name"}`` (one line of
``newsevents actors resolve``); a missing answer (``None``) counts as an empty one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["country_correct", "is_no_actor", "score_actors", "sector_correct"]

Row = Mapping[str, Any]
Score = float | int | None

_EMPTY: Row = {}


def _upper(value: object) -> str:
    return str(value).strip().upper() if value is not None else ""


def _country(value: object) -> str:
    text = _upper(value)
    return "" if text == "---" else text


def _sector(value: object) -> str:
    text = _upper(value)[:3]
    return "" if text == "UNK" else text


def country_correct(expected: str, answer: Row) -> bool:
    """Predicted country (null/``---`` = "") equals the gold; gold ``IGO`` accepts any ``IGO...``."""
    gold = _upper(expected)
    pred = _country(answer.get("country"))
    if pred == gold:
        return True
    return gold == "IGO" and (pred.startswith("IGO") or _upper(answer.get("code")).startswith("IGO"))


def sector_correct(expected: str, answer: Row) -> bool:
    """First 3 letters of the predicted sector equal the gold code (``UNK`` and null count as "")."""
    return _sector(answer.get("sector")) == _sector(expected)


def is_no_actor(answer: Row) -> bool:
    """Both ``code`` and ``country`` are empty."""
    return not _upper(answer.get("code")) and not _country(answer.get("country"))


def score_actors(records: Sequence[Row], answers: Sequence[Row | None]) -> dict[str, Score]:
    """Score answers aligned one-to-one with ``records`` (same order)."""
    n_country = ok_country = n_sector = ok_sector = n_none = ok_none = 0
    for rec, ans in zip(records, answers, strict=True):
        answer = ans if ans is not None else _EMPTY
        if rec.get("expected_country") is not None:
            n_country += 1
            ok_country += int(country_correct(str(rec["expected_country"]), answer))
        if rec.get("expected_sector") is not None:
            n_sector += 1
            ok_sector += int(sector_correct(str(rec["expected_sector"]), answer))
        if rec.get("expect_no_actor"):
            n_none += 1
            ok_none += int(is_no_actor(answer))
    return {
        "records": len(records),
        "country_accuracy": ok_country / n_country if n_country else None,
        "country_records": n_country,
        "sector_accuracy": ok_sector / n_sector if n_sector else None,
        "sector_records": n_sector,
        "no_actor_accuracy": ok_none / n_none if n_none else None,
        "no_actor_records": n_none,
    }
