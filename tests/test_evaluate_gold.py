"""Self-consistency on the real gold files: gold fed back as predictions must score perfectly.

Reads ``../shared/eval`` at test time (nothing from it is copied into the repo); skipped where absent.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.evaluate.data import EVENT_FILES, check_manifest, find_eval_dir, read_jsonl
from newsevents.evaluate.floors import find_floors_file, load_floors
from newsevents.evaluate.labels import load_plover_table
from newsevents.evaluate.matching import predictions_for_records
from newsevents.evaluate.scoring_events import EVENT_METRICS, score_events

EVAL_DIR = find_eval_dir()
pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not (EVAL_DIR / "MANIFEST.json").is_file(), reason="../shared/eval not present"),
]


def _as_rows(rec: dict[str, Any]) -> list[dict[str, Any]]:
    if rec.get("no_event"):
        return []
    return [
        {
            "article_id": rec["id"],
            "cameo_code": g.get("cameo"),
            "plover_type": g.get("plover"),
            "source_code": g.get("source"),
            "target_code": g.get("target"),
            "modality": "asserted",
        }
        for g in rec["gold_events"]
    ]


@pytest.mark.parametrize("name", EVENT_FILES)
def test_gold_scores_perfectly_against_itself(name: str) -> None:
    records = read_jsonl(EVAL_DIR / name)
    table = load_plover_table(EVAL_DIR.parent / "reference" / "cameo2plover.tsv")
    articles = [{"article_id": r["id"], "text": r["text"], "duplicate_of": None} for r in records]
    rows = [row for r in records for row in _as_rows(r)]
    scores = score_events(records, predictions_for_records(records, articles, rows), table)
    for metric in EVENT_METRICS:
        if scores[f"{metric}.sentences"]:
            assert scores[f"{metric}.f1"] == 1.0 or scores[f"{metric}.gold"] == 0, metric
    assert scores["no_event_false_alarm_rate"] in (None, 0.0)
    if scores["exact_event_record_pass_rate"] is not None:
        assert scores["exact_event_record_pass_rate"] == 1.0


def test_floors_are_pinned_to_the_current_gold() -> None:
    spec = load_floors(find_floors_file())
    check = check_manifest(EVAL_DIR, tuple(spec.manifest_sha256))
    assert check.ok
    assert check.hashes == spec.manifest_sha256
