"""Actor metrics on made-up actor strings."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.evaluate.scoring_actors import country_correct, is_no_actor, score_actors, sector_correct


def ans(code: str | None = None, country: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"text": "x", "code": code, "country": country, "sector": sector, "name": None}


@pytest.mark.parametrize(
    ("gold", "answer", "ok"),
    [
        ("FRA", ans("FRAGOV", "fra", "GOV"), True),
        ("FRA", ans("DEUGOV", "DEU", "GOV"), False),
        ("", ans(None, None), True),
        ("", ans("---GOV", "---", "GOV"), True),  # "---" counts as no country
        ("", ans("FRAGOV", "FRA"), False),
        ("IGO", ans("IGOUNO", "IGOUNO"), True),
        ("IGO", ans("IGOEURGOV", None), True),  # the code is enough for a bare IGO
        ("IGO", ans("USAGOV", "USA"), False),
    ],
)
def test_country_correct(gold: str, answer: dict[str, Any], ok: bool) -> None:
    assert country_correct(gold, answer) is ok


@pytest.mark.parametrize(
    ("gold", "sector", "ok"),
    [
        ("GOV", "GOV", True),
        ("MIL", "MILSPY", True),
        ("MIL", "GOV", False),
        ("", None, True),
        ("", "UNK", True),
        ("UNK", None, True),
        ("GOV", None, False),
        ("", "CVL", False),
    ],
)
def test_sector_correct(gold: str, sector: str | None, ok: bool) -> None:
    assert sector_correct(gold, ans(sector=sector)) is ok


def test_no_actor() -> None:
    assert is_no_actor(ans())
    assert is_no_actor(ans("", "---"))
    assert not is_no_actor(ans("CVL", None))
    assert not is_no_actor(ans(None, "USA"))


def test_score_actors_denominators_and_missing_answers() -> None:
    records = [
        {"text": "the Ruritanian army", "expected_country": "RUR", "expected_sector": "MIL"},
        {"text": "the Freedonian cabinet", "expected_country": "FRD"},
        {"text": "some fluffy kittens", "expect_no_actor": True},
        {"text": "a wiki title", "method": "query_wiki"},  # asserts nothing: in no denominator
        {"text": "farmers", "expected_country": "", "expected_sector": "AGR"},
    ]
    answers = [ans("RURMIL", "RUR", "MIL"), None, None, ans("X"), ans("AGR", None, "AGR")]
    s = score_actors(records, answers)
    assert s["country_records"] == 3
    assert s["country_accuracy"] == pytest.approx(2 / 3)
    assert s["sector_records"] == 2
    assert s["sector_accuracy"] == 1.0
    assert s["no_actor_records"] == 1
    assert s["no_actor_accuracy"] == 1.0


def test_score_actors_empty() -> None:
    s = score_actors([], [])
    assert s["country_accuracy"] is None
