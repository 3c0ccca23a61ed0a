"""Quote metrics on made-up records: the 50 %-of-shorter rule, duplicates, speakers, character overlap."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluate.scoring_quotes import (
    content_match_ratio,
    interval_union,
    match_quotes,
    run_quotes,
    score_quotes,
    union_overlap,
)


def part(start: int, end: int, text: str = "") -> dict[str, Any]:
    return {"start": start, "end": end, "text": text}


def gold(
    contents: Sequence[tuple[int, int]], sources: Sequence[tuple[int, int]] = (), text: str = ""
) -> dict[str, Any]:
    return {
        "type": "Attribution" if sources else "Attribution-no-source",
        "cue": [],
        "sources": [part(*s) for s in sources],
        "contents": [part(s, e, text) for s, e in contents],
    }


def pred(start: int, end: int, speaker: tuple[int, int] | None = None, aid: str = "a") -> dict[str, Any]:
    return {
        "article_id": aid,
        "content_start": start,
        "content_end": end,
        "speaker_start": speaker[0] if speaker else None,
        "speaker_end": speaker[1] if speaker else None,
    }


def test_interval_helpers() -> None:
    assert interval_union([(5, 8), (0, 3), (2, 4), (9, 9)]) == [(0, 4), (5, 8)]
    assert union_overlap([(0, 4), (5, 8)], [(3, 6)]) == 2


def test_ratio_uses_the_shorter_side() -> None:
    # a long prediction containing a short gold matches fully on the shorter (gold) side
    ratio, iou = content_match_ratio((0, 100), [(10, 20)])
    assert ratio == 1.0
    assert iou == pytest.approx(0.1)
    # discontinuous gold: total length counts
    ratio, _ = content_match_ratio((0, 10), [(0, 10), (20, 40)])
    assert ratio == 1.0
    ratio, _ = content_match_ratio((30, 60), [(0, 10), (20, 40)])
    assert ratio == pytest.approx(10 / 30)


def test_greedy_one_to_one_and_duplicates_cannot_match_twice() -> None:
    golds = [gold([(0, 10)]), gold([(0, 12)])]
    preds = [pred(0, 10), pred(0, 10)]
    assert match_quotes(preds, golds) == [(0, 0)]
    preds = [pred(0, 10), pred(0, 10, speaker=(20, 25))]  # different speaker span: not a repeat
    assert sorted(match_quotes(preds, golds)) == [(0, 0), (1, 1)]


def test_score_counts_speakers_and_characters() -> None:
    records = [
        {
            "id": "a",
            "quotes": [
                gold([(0, 20)], sources=[(30, 35)], text='"Hello there, folks,"'),
                gold([(50, 70)]),  # no source
                gold([(100, 120)], sources=[(90, 95)]),
                {"type": "Attribution", "cue": [], "sources": [], "contents": []},  # skipped: no content
            ],
        },
        {"id": "b", "quotes": [gold([(0, 10)], sources=[(12, 14)])]},
    ]
    rows = [
        pred(0, 20, speaker=(28, 32)),  # match, speaker overlaps
        pred(50, 70, speaker=(40, 45)),  # match, gold has no source but a speaker is predicted
        pred(200, 220),  # no match
    ]
    s = score_quotes(records, rows)
    assert s["gold"] == 4 and s["predicted"] == 3 and s["matched"] == 2
    assert s["content_p"] == pytest.approx(2 / 3)
    assert s["content_r"] == pytest.approx(2 / 4)
    assert s["speaker_accuracy"] == pytest.approx(1 / 2)
    assert s["speaker_accuracy_gold_has_source"] == pytest.approx(1.0)
    assert s["attribution_p"] == pytest.approx(1 / 3)
    assert s["attribution_r"] == pytest.approx(1 / 4)
    assert s["content_char_p"] == pytest.approx(40 / 60)
    assert s["content_char_r"] == pytest.approx(40 / 70)
    assert s["direct_quote_recall"] == pytest.approx(1.0)


def test_no_predictions_gives_zero_recall_and_no_precision() -> None:
    s = score_quotes([{"id": "a", "quotes": [gold([(0, 5)])]}], [])
    assert s["content_r"] == 0.0
    assert s["content_p"] is None


def test_run_quotes_reads_the_file_and_feeds_only_input_fields(tmp_path: Path) -> None:
    (tmp_path / "quotes.dev.jsonl").write_text(
        '{"id": "a", "text": "x", "published": null, "quotes": [{"type": "Attribution-no-source", '
        '"cue": [], "sources": [], "contents": [{"start": 0, "end": 1, "text": "x"}]}]}\n',
        encoding="utf-8",
    )
    seen: list[dict[str, Any]] = []

    def fake(records: Any) -> list[dict[str, Any]]:
        seen.extend(records)
        return [pred(0, 1)]

    s = run_quotes(tmp_path, quotes_fn=fake)
    assert s["content_f1"] == 1.0
    assert set(seen[0]) == {"id", "text", "published"}
    assert run_quotes(tmp_path / "missing", quotes_fn=fake) == {}
