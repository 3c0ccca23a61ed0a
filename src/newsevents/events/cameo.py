"""The CAMEO event ontology: names, Goldstein scores, QuadClass and the PLOVER mapping of every code.

Data: ``data/cameo.tsv`` (code, name, Goldstein score as used by GDELT, QuadClass) and
``data/cameo_plover.tsv`` (CAMEO code -> PLOVER event type and mode, after CAMEO2PLOVER-2021, CC BY-SA 4.0).
Both load lazily on first use and are cached for the process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import Errors, NewsEventsError

__all__ = ["CameoCode", "all_codes", "cameo_info", "is_cameo_code", "plover_for", "root"]


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code with its scores and PLOVER counterpart (``None`` where PLOVER has none)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return root(self.code)


def root(code: str) -> str:
    """The 2-digit CAMEO root category: ``"0311"`` -> ``"03"``."""
    return code[:2]


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("newsevents").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def _codes() -> dict[str, tuple[str, float, int]]:
    return {
        r["code"]: (r["name"], float(r["goldstein"]), int(r["quad_class"])) for r in _read_tsv("cameo.tsv")
    }


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for r in _read_tsv("cameo_plover.tsv"):
        if r["cameo"] not in table:  # first row wins ("08" and "175" appear twice)
            table[r["cameo"]] = (r["plover_type"], r["plover_mode"] or None)
    return table


def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER (type, mode) of a CAMEO code; unknown codes drop their last digit, down to the root."""
    table = _plover_table()
    key = code
    while len(key) >= 2:
        hit = table.get(key)
        if hit is not None:
            return hit
        key = key[:-1]
    return None, None


def is_cameo_code(code: str) -> bool:
    """True when ``code`` is a code of the CAMEO table (roots ``"01"``-``"20"`` included)."""
    return code in _codes()


@lru_cache(maxsize=512)
def cameo_info(code: str) -> CameoCode:
    """Everything known about ``code``; raises ``NewsEventsError`` (E018) for an unknown code."""
    hit = _codes().get(code)
    if hit is None:
        raise NewsEventsError(Errors.E018, code=code)
    name, goldstein, quad = hit
    plover_type, plover_mode = plover_for(code)
    return CameoCode(code, name, goldstein, quad, plover_type, plover_mode)


def all_codes() -> list[str]:
    """Every CAMEO code of the table, in table order."""
    return list(_codes())
