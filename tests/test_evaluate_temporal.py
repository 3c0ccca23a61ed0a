"""Temporal scoring (README *Temporal metrics*) on hand-built records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluate.scoring_temporal import match_relaxed, run_temporal, score_temporal

TEXT = "Talks resumed on Sunday after three days of delay, officials said last week."


def _gold(text: str, type_: str, value: str) -> dict[str, Any]:
    s = TEXT.index(text)
    return {"start": s, "end": s + len(text), "text": text, "type": type_, "value": value}


RECORD = {
    "id": "r1",
    "text": TEXT,
    "published": "2018-10-08",
    "timexes": [
        _gold("Sunday", "DATE", "2018-10-07"),
        _gold("three days", "DURATION", "P3D"),
        _gold("last week", "DATE", "2018-W40"),
    ],
}


def _pred(s: int, e: int, type_: str, value: str) -> dict[str, Any]:
    return {"article_id": "r1", "text": TEXT[s:e], "start": s, "end": e, "type": type_, "value": value}


def test_perfect_predictions_score_one() -> None:
    preds = [_pred(g["start"], g["end"], g["type"], g["value"]) for g in RECORD["timexes"]]
    scores = score_temporal([RECORD], {"r1": preds})
    for key in ("strict_f1", "relaxed_f1", "value_f1", "value_accuracy", "type_accuracy"):
        assert scores[key] == pytest.approx(1.0)


def test_relaxed_value_and_overlap_rules() -> None:
    sun = TEXT.index("on Sunday")
    days = TEXT.index("three days")
    preds = [
        _pred(sun, sun + len("on Sunday"), "DATE", " 2018-10-07 "),  # relaxed only; value ok after stripping
        _pred(sun + 3, sun + 9, "DATE", "2018-10-07"),  # overlaps the kept one: a false positive
        _pred(days, days + len("three days"), "DURATION", "p3d"),  # strict; value equal upper-cased
        {"article_id": "r1", "text": "x", "type": "DATE", "value": "2018"},  # no offsets: ignored
    ]
    scores = score_temporal([RECORD], {"r1": preds})
    assert scores["predicted"] == 3 and scores["pred_overlapping_rejected"] == 1
    assert scores["strict_p"] == pytest.approx(1 / 3) and scores["strict_r"] == pytest.approx(1 / 3)
    assert scores["relaxed_p"] == pytest.approx(2 / 3) and scores["relaxed_r"] == pytest.approx(2 / 3)
    assert scores["value_accuracy"] == pytest.approx(1.0)
    assert scores["value_p"] == pytest.approx(2 / 3) and scores["value_r"] == pytest.approx(2 / 3)


def test_wrong_value_counts_against_value_but_not_span() -> None:
    g = RECORD["timexes"][0]
    scores = score_temporal([RECORD], {"r1": [_pred(g["start"], g["end"], "DATE", "2018-10-14")]})
    assert scores["relaxed_p"] == pytest.approx(1.0)
    assert scores["value_accuracy"] == 0.0 and scores["value_f1"] == 0.0


def test_match_relaxed_prefers_best_iou() -> None:
    assert match_relaxed([(0, 10), (12, 20)], [(5, 15), (0, 9)]) == [(0, 1), (1, 0)]


def test_run_temporal_with_injected_coder(tmp_path: Path) -> None:
    (tmp_path / "temporal.dev.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    seen: list[dict[str, Any]] = []

    def fake(records: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        seen.extend(records)
        g = RECORD["timexes"][0]
        articles = [{"article_id": "r1", "text": TEXT, "duplicate_of": None}]
        return articles, [_pred(g["start"], g["end"], "DATE", g["value"])]

    scores = run_temporal(tmp_path, code_fn=fake)
    assert "timexes" not in seen[0]  # only the input fields reach the coder
    assert scores["relaxed_p"] == pytest.approx(1.0) and scores["relaxed_r"] == pytest.approx(1 / 3)
    assert run_temporal(tmp_path / "missing") == {}
