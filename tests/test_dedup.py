"""Near-duplicate articles: fingerprints, similarity, and marking in a run (no model: 'clean' stage only)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from newsevents.dedup import MIN_WORDS, Candidate, best_original, fingerprint, similarity
from newsevents.runner import code_inputs

BUDGET = (
    "The city council of Northfield voted on Tuesday to approve a new budget for the coming year after "
    "weeks of debate. The plan raises spending on schools and road repairs while cutting the cost of the "
    "mayor's office. Council members said the vote was a compromise between residents who wanted lower "
    "taxes and teachers who asked for more money.\n\n"
    "The mayor, who had opposed parts of the plan, said she would sign it on Friday. Opponents said they "
    "would keep pressing for a smaller budget next spring, and a group of shop owners promised to collect "
    "signatures for a vote on the sales tax.\n\n"
    "Under the plan, each of the town's four primary schools will hire two more teachers, and the "
    "library will stay open on Sundays for the first time in a decade. Road crews will repave the bridge "
    "road and the market square before the winter. The council also set aside money for a study of the "
    "flood defences along the river, which failed twice in the past five years.\n\n"
    "Residents at the meeting were divided. A retired nurse said the school money was long overdue, while "
    "a farmer from the edge of town said the rise in property tax would hurt families who were already "
    "struggling. The finance officer told the council that the reserves would last three years at most."
)
FLOOD = (
    "Heavy rain flooded parts of the river valley overnight, forcing dozens of families to leave their "
    "homes before dawn. Emergency crews used boats to reach villages cut off by the water, and schools in "
    "three towns stayed closed on Wednesday. Forecasters said more rain was expected over the weekend and "
    "warned residents near the river banks to stay alert. The regional governor visited a shelter in the "
    "largest town and promised money to repair the damaged bridges, while farmers counted the cost of "
    "drowned fields and lost animals. Volunteers handed out blankets, food and dry clothes at the sports "
    "hall, which the town opened as a shelter for the night."
)


def _syndicated(text: str) -> str:
    """The same story as reprinted elsewhere: a byline, a small edit and a trailing promotion."""
    edited = text.replace("on Tuesday", "on Tuesday evening", 1)
    return f"By Jo Smith, Staff Writer\n\n{edited}\n\nRead more local news on our website."


def test_fingerprint_needs_enough_words() -> None:
    assert fingerprint("Too short to say anything about a whole article.") is None
    assert fingerprint(" ".join(["word"] * MIN_WORDS)) is not None


def test_syndicated_copy_is_similar_and_another_story_is_not() -> None:
    a, b, c = fingerprint(BUDGET), fingerprint(_syndicated(BUDGET)), fingerprint(FLOOD)
    assert a is not None and b is not None and c is not None
    assert similarity(a.signature, b.signature) >= 0.8
    assert set(a.bands) & set(b.bands)
    assert similarity(a.signature, c.signature) < 0.2
    assert similarity(a.signature, a.signature) == 1.0


def test_case_and_punctuation_do_not_matter() -> None:
    a, b = fingerprint(BUDGET), fingerprint(BUDGET.upper().replace(",", ""))
    assert a is not None and b is not None
    assert a == b


def test_best_original_needs_close_dates_and_takes_the_first_match() -> None:
    fp = fingerprint(_syndicated(BUDGET))
    orig = fingerprint(BUDGET)
    other = fingerprint(FLOOD)
    assert fp is not None and orig is not None and other is not None
    day = dt.date(2024, 3, 5)
    cands = [
        Candidate("flood", day, other.signature),
        Candidate("first", day, orig.signature),
        Candidate("second", day, orig.signature),
    ]
    assert best_original(fp, day + dt.timedelta(days=1), cands) == "first"
    assert best_original(fp, day + dt.timedelta(days=30), cands) is None
    assert best_original(fp, None, cands) == "first"  # an unknown date does not rule a copy out
    assert best_original(fp, day, cands, threshold=0.999) is None


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _duplicate_of(db: Path) -> dict[str, str | None]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT article_id, duplicate_of FROM articles").fetchall())
    finally:
        con.close()


def test_run_marks_a_near_duplicate_and_stays_idempotent(tmp_path: Path) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "x.duckdb"
    _write(
        src,
        [
            {"id": "orig", "text": BUDGET, "published": "2024-03-05"},
            {"id": "copy", "text": _syndicated(BUDGET), "published": "2024-03-06"},
            {"id": "flood", "text": FLOOD, "published": "2024-03-06"},
            {"id": "later", "text": _syndicated(BUDGET), "published": "2024-06-01"},
        ],
    )
    report = code_inputs([str(src)], db, stages=("clean",))
    assert report.near_duplicates == 1 and report.articles_added == 4
    assert "1 near-duplicates" in report.summary()
    assert _duplicate_of(db) == {"orig": None, "copy": "orig", "flood": None, "later": None}
    again = code_inputs([str(src)], db, stages=("clean",))
    assert again.skipped_existing == 4 and again.near_duplicates == 0
    assert _duplicate_of(db)["copy"] == "orig"


def test_copy_in_a_later_run_finds_the_stored_original(tmp_path: Path) -> None:
    first, second, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "x.duckdb"
    _write(first, [{"id": "orig", "text": BUDGET, "published": "2024-03-05"}])
    _write(second, [{"id": "copy", "text": _syndicated(BUDGET), "published": "2024-03-05"}])
    code_inputs([str(first)], db, stages=("clean",))
    report = code_inputs([str(second)], db, stages=("clean",))
    assert report.near_duplicates == 1
    assert _duplicate_of(db)["copy"] == "orig"


def test_near_duplicates_can_be_turned_off(tmp_path: Path) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "x.duckdb"
    _write(
        src,
        [
            {"id": "orig", "text": BUDGET, "published": "2024-03-05"},
            {"id": "copy", "text": _syndicated(BUDGET), "published": "2024-03-05"},
        ],
    )
    report = code_inputs([str(src)], db, stages=("clean",), near_threshold=0)
    assert report.near_duplicates == 0
    assert _duplicate_of(db) == {"orig": None, "copy": None}


def test_a_replaced_article_is_not_a_copy_of_its_old_text(tmp_path: Path) -> None:
    first, second, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "x.duckdb"
    _write(first, [{"id": "story", "text": BUDGET, "published": "2024-03-05"}])
    _write(second, [{"id": "story", "text": _syndicated(BUDGET), "published": "2024-03-05"}])
    code_inputs([str(first)], db, stages=("clean",))
    report = code_inputs([str(second)], db, stages=("clean",))
    assert report.replaced == 1 and report.near_duplicates == 0
    assert _duplicate_of(db) == {"story": None}
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM fingerprints WHERE article_id = 'story'").fetchone() == (1,)
    finally:
        con.close()


def test_articles_stored_before_fingerprints_are_indexed_once(tmp_path: Path) -> None:
    first, second, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "x.duckdb"
    _write(
        first,
        [
            {"id": "orig", "text": BUDGET, "published": "2024-03-05"},
            {"id": "short", "text": "A short note of a few words.", "published": "2024-03-05"},
        ],
    )
    _write(second, [{"id": "copy", "text": _syndicated(BUDGET), "published": "2024-03-06"}])
    code_inputs([str(first)], db, stages=("clean",))
    con = duckdb.connect(str(db))  # as a database written before near-duplicate look-up: no index
    con.execute("DROP TABLE fingerprints")
    con.execute("DROP TABLE fingerprint_bands")
    con.close()
    report = code_inputs([str(second)], db, stages=("clean",))
    assert report.fingerprinted == 2  # the short article too, recorded without a signature
    assert "2 stored articles indexed" in report.summary()
    assert report.near_duplicates == 1
    assert _duplicate_of(db)["copy"] == "orig"
    again = code_inputs([str(second)], db, stages=("clean",))
    assert again.fingerprinted == 0
