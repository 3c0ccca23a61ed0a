"""Shape of every regional people table in ``PEOPLE_FILES`` (no model loaded).

One parametrized set of checks for all ``data/actor_people_*.tsv`` files: rows of 2 or 4 tab-separated
fields, a known country (or IGO) prefix, a known sector after a country, ordered ISO dates, aliases of at
least two words, no repeated (name, start) row in a file, and no alias that two files give to people of
different countries.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from newsevents.actors.builtin import PEOPLE_FILES, country_codes, read_rows
from newsevents.actors.entries import SECTORS, split_code
from newsevents.actors.tokens import key_of

Row = list[str]


def _problems(row: Row, countries: frozenset[str]) -> list[str]:
    """What is wrong with one table row (empty when the row is well formed)."""
    if len(row) not in (2, 4):
        return [f"{len(row)} fields"]
    names, code = row[0].split("|"), row[1].strip()
    found: list[str] = []
    if not (code[:3] in countries or code.startswith("IGO")):
        found.append(f"unknown country prefix in {code!r}")
    _, sector = split_code(code, countries)
    if not code.startswith("IGO") and sector not in SECTORS:
        found.append(f"unknown sector in {code!r}")
    dates = [dt.date.fromisoformat(v) if v else None for v in row[2:]]
    if len(dates) == 2 and dates[0] and dates[1] and dates[0] > dates[1]:
        found.append("from after to")
    for name in names:
        if name != name.strip() or len(key_of(name)) < 2:
            found.append(f"single-word or empty alias {name!r}")
    return found


def test_problems_finds_bad_rows() -> None:
    countries = country_codes()
    assert _problems(["Kim Min-seok", "KORGOV", "2025-07-03", ""], countries) == []
    assert _problems(["Kim Min-seok", "KORGOV", ""], countries) == ["3 fields"]
    assert _problems(["Kim", "KORGOV"], countries) == ["single-word or empty alias 'Kim'"]
    assert _problems(["Kim Min-seok", "XQZGOV"], countries)
    assert _problems(["Kim Min-seok", "KORGOV", "2025-07-03", "2020-01-01"], countries) == ["from after to"]


@pytest.mark.parametrize("file", PEOPLE_FILES)
def test_rows_are_well_formed(file: str) -> None:
    countries = country_codes()
    rows = read_rows(file)
    assert len(rows) >= 500
    bad = {"\t".join(row): p for row in rows if (p := _problems(row, countries))}
    assert bad == {}


@pytest.mark.parametrize("file", PEOPLE_FILES)
def test_no_repeated_name_and_start(file: str) -> None:
    seen: set[tuple[tuple[str, ...], str]] = set()
    repeated = []
    for row in read_rows(file):
        key = (key_of(row[0].split("|")[0]), row[2].strip() if len(row) > 2 else "")
        if key in seen:
            repeated.append(row)
        seen.add(key)
    assert repeated == []


@pytest.mark.parametrize("file", PEOPLE_FILES)
def test_header_and_country_sections(file: str) -> None:
    text = resources.files("newsevents").joinpath("data", file).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[1].startswith("# names")
    first_row = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    assert any(line.startswith("# --- ") for line in lines[:first_row])
    assert sum(line.startswith("# --- ") for line in lines) >= 10


def test_no_alias_names_people_of_two_countries_across_files() -> None:
    countries = country_codes()
    owners: dict[tuple[str, ...], set[tuple[str, str | None]]] = {}
    for file in PEOPLE_FILES:
        for row in read_rows(file):
            country, _ = split_code(row[1].strip(), countries)
            for name in (n for n in row[0].split("|") if n):
                owners.setdefault(key_of(name), set()).add((file, country))
    clashes = {
        " ".join(key): sorted(owner, key=str)
        for key, owner in owners.items()
        if len({f for f, _ in owner}) > 1 and len({c for _, c in owner}) > 1
    }
    assert clashes == {}
