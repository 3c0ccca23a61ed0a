"""Label normalisation rules of the evaluator (hand-built inputs only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluate.labels import (
    actor_country,
    country_matches,
    counts_as_asserted,
    load_cameo_codes,
    map_cameo_to_plover,
    normalise_plover,
    parse_plover_table,
)

TSV = [
    "cameo\tplover_event\tplover_mode\tplover_context\tcameo_name\n",
    "04\tCONSULT\t\t\tConsult\n",
    "042\tCONSULT\tvisit\t\tMake a visit\n",
    "08\tCONCEDE\t\t\tYield\n",
    "08\tRETREAT\t\t\tYield\n",
    "175\tASSAULT\t\t\tRepression\n",
    "175\tASSAULT\t\t\tRepression again\n",
    "19\tASSAULT\t\t\tFight\n",
]


@pytest.fixture()
def table() -> dict[str, str]:
    return parse_plover_table(TSV)


def test_table_first_row_wins_and_header_skipped(table: dict[str, str]) -> None:
    assert table["08"] == "CONCEDE"
    assert "cameo" not in table
    assert len(table) == 5


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("042", "CONSULT"),
        ("0421", "CONSULT"),  # falls back to 042
        ("043", "CONSULT"),  # falls back to the root 04
        ("0831", "CONCEDE"),
        ("1951", "ASSAULT"),
        ("010", None),  # statements are unmappable
        ("345", None),  # PETRARCH test code
        ("9", None),
        (None, None),
        ("", None),
    ],
)
def test_map_cameo_to_plover(table: dict[str, str], code: str | None, expected: str | None) -> None:
    assert map_cameo_to_plover(code, table) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("demand", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("Fight", "ASSAULT"),
        ("investigate", "ACCUSE"),
        ("consult", "CONSULT"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_plover(label: str | None, expected: str | None) -> None:
    assert normalise_plover(label) == expected


@pytest.mark.parametrize(
    ("code", "fallback", "expected"),
    [
        ("USAGOV", None, "USA"),
        ("usa", None, "USA"),
        ("IGOUNOMIL", None, "IGOUNO"),
        ("IGO", None, "IGO"),
        ("REB", None, "---"),
        ("GOVMED", None, "---"),
        ("NGOAMN", None, "---"),
        ("---REB", None, "---"),
        ("JAPGOV", None, "JPN"),
        ("ITL", None, "ITA"),
        ("VTNMIL", None, "VNM"),
        ("ROM", None, "ROU"),
        ("ZAR", None, "COD"),
        ("TMPGOV", None, "TLS"),
        (None, "PRK", "PRK"),
        ("", "prk", "PRK"),
        (None, "IGOUNO", "IGOUNO"),
        (None, None, "---"),
        ("CIVGOV", None, "CIV"),  # Côte d'Ivoire, not the civilian sector
    ],
)
def test_actor_country(code: str | None, fallback: str | None, expected: str) -> None:
    assert actor_country(code, fallback) == expected


def test_code_wins_over_fallback_country() -> None:
    assert actor_country("RUSGOV", "USA") == "RUS"


def test_country_matches_bare_igo_is_wildcard_on_gold_only() -> None:
    assert country_matches("IGO", "IGOUNO")
    assert country_matches("IGOUNO", "IGOUNO")
    assert not country_matches("IGOUNO", "IGO")
    assert not country_matches("IGOEUR", "IGOUNO")
    assert not country_matches("IGO", "USA")


@pytest.mark.parametrize(
    ("modality", "expected"),
    [
        ("asserted", True),
        ("", True),
        (None, True),
        ("Asserted", True),
        ("negated", False),
        ("hypothetical", False),
        ("future", False),
    ],
)
def test_counts_as_asserted(modality: str | None, expected: bool) -> None:
    assert counts_as_asserted(modality) is expected


def test_load_cameo_codes_reads_code_column(tmp_path: Path) -> None:
    path = tmp_path / "codes.tsv"
    path.write_text("code\tname\n04\tCONSULT\n042\tMake a visit\n", encoding="utf-8")
    assert load_cameo_codes(path) == frozenset({"04", "042"})
    assert load_cameo_codes(tmp_path / "absent.tsv") == frozenset()
