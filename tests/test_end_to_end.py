"""End to end through the CLI on the shared seed article: a scraped, machine-translated wire story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_article.txt"
ARTIFACTS = ("[ad_1]", "[ad_2]", "Source link")

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed_article.txt is absent"),
]


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    runner = CliRunner()
    result = runner.invoke(cli, ["code", str(SEED), "--db", str(db), "--published", "2018-10-08"])
    assert result.exit_code == 0, result.output
    tables: dict[str, list[dict[str, object]]] = {}
    for table in ("articles", "events", "failures"):
        out = runner.invoke(cli, ["export", table, "--db", str(db), "--format", "jsonl"])
        assert out.exit_code == 0, out.output
        tables[table] = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    # Re-running the same input adds nothing twice.
    again = runner.invoke(cli, ["code", str(SEED), "--db", str(db), "--published", "2018-10-08"])
    assert again.exit_code == 0, again.output
    recount = runner.invoke(cli, ["export", "events", "--db", str(db), "--format", "jsonl"])
    assert len(recount.output.splitlines()) == len(tables["events"])
    return tables


def _has(events: list[dict[str, object]], src: str, tgt: str | None, root: str) -> bool:
    return any(
        str(e["source_code"] or "").startswith(src)
        and (tgt is None or str(e["target_code"] or "").startswith(tgt))
        and str(e["cameo_code"]).startswith(root)
        and e["modality"] == "asserted"
        for e in events
    )


def test_article_stored_byte_for_byte(coded: dict[str, list[dict[str, object]]]) -> None:
    [article] = coded["articles"]
    assert article["text"] == SEED.read_text(encoding="utf-8")
    assert article["published"] == "2018-10-08"
    assert coded["failures"] == []


def test_key_events_of_the_story(coded: dict[str, list[dict[str, object]]]) -> None:
    events = coded["events"]
    assert _has(events, "USA", "PRK", "04"), "Pompeo meets Kim in Pyongyang"
    assert _has(events, "PRK", "USA", "11"), "North Korea denounced Pompeo in July"
    assert _has(events, "USA", None, "011"), "Pompeo declined to comment"


def test_evidence_is_clean_and_inside_the_text(coded: dict[str, list[dict[str, object]]]) -> None:
    text = str(coded["articles"][0]["text"])
    for e in coded["events"]:
        start, end = int(str(e["evidence_start"])), int(str(e["evidence_end"]))
        assert 0 <= start < end <= len(text)
        evidence = text[start:end]
        assert not any(a in evidence for a in ARTIFACTS), evidence
        assert e["cameo_code"] and len(str(e["cameo_code"])) >= 3
        assert e["goldstein"] is not None and e["quad_class"] in (1, 2, 3, 4)


def test_meeting_is_dated_and_placed(coded: dict[str, list[dict[str, object]]]) -> None:
    """'Pompeo spent ... with Kim in Pyongyang Sunday', published Monday 2018-10-08."""
    meetings = [
        e
        for e in coded["events"]
        if str(e["cameo_code"]).startswith("04")
        and str(e["source_code"] or "").startswith("USA")
        and str(e["target_code"] or "").startswith("PRK")
        and e["modality"] == "asserted"
    ]
    assert any(
        e["event_date"] == "2018-10-07"
        and e["location_name"] == "Pyongyang"
        and abs(float(str(e["lat"])) - 39.0) <= 0.2
        and abs(float(str(e["lon"])) - 125.75) <= 0.2
        for e in meetings
    ), meetings
