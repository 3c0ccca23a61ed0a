from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FakeCameo
from newsevents.document import Actor, Document, Event
from newsevents.pipeline import _REGISTRY, Resources, register_stage
from newsevents.rows import Failure
from newsevents.runner import RunReport, code_inputs
from newsevents.store import Store

CLEAN = ("clean",)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def code(inputs: list[str], db: Path, **kwargs: Any) -> RunReport:
    kwargs.setdefault("stages", CLEAN)
    kwargs.setdefault("resources", Resources())
    return code_inputs(inputs, db, **kwargs)


@pytest.fixture
def coding_stage() -> Iterator[str]:
    """A stand-in events stage: one event per article whose text contains 'met'; 'BOOM' raises."""

    def stage(doc: Document, res: Resources) -> Document:
        if "BOOM" in doc.text:
            raise RuntimeError("exploded\nwith a second line")
        i = doc.clean_text.find("met")
        if i >= 0:
            src = Actor(doc.text[:i].strip(), 0, i - 1, "USAGOV", "USA", "GOV")
            doc.events.append(Event(0, 0, len(doc.text), i, i + 3, "040", source=src, trigger_text="met"))
        return doc

    register_stage("test_coding")(stage)
    yield "test_coding"
    _REGISTRY.pop("test_coding")


def test_rerun_adds_nothing_twice(tmp_path: Path, db_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"n{i}", "text": f"Story number {i}."} for i in range(5)]
    )
    first = code([src], db_path, batch_size=2)
    assert (first.articles_seen, first.articles_added, first.skipped_existing) == (5, 5, 0)
    second = code([src], db_path, batch_size=2)
    assert (second.articles_seen, second.articles_added, second.skipped_existing) == (5, 0, 5)
    with Store(db_path, read_only=True) as store:
        rows = store.rows("articles")
    assert [r["article_id"] for r in rows] == [f"n{i}" for i in range(5)]
    assert all(r["language"] == "en" for r in rows)


def test_duplicates_need_the_same_date(tmp_path: Path, db_path: Path, coding_stage: str) -> None:
    text = "The envoy met the president."
    src = write_jsonl(
        tmp_path / "dups.jsonl",
        [
            {"id": "orig", "text": text, "published": "2020-05-01"},
            {"id": "copy", "text": text, "published": "2020-05-01"},  # syndicated copy
            {"id": "later", "text": text, "published": "2021-01-01"},  # same words, another day: not merged
        ],
    )
    report = code([src], db_path, stages=("clean", coding_stage), cameo=lambda c: None)
    assert (report.articles_added, report.duplicates, report.events) == (2, 1, 2)
    with Store(db_path, read_only=True) as store:
        dup = {r["article_id"]: r["duplicate_of"] for r in store.rows("articles")}
        events = [r["article_id"] for r in store.rows("events")]
    assert dup == {"orig": None, "copy": "orig", "later": None}
    assert events == ["orig", "later"]
    # a later run finds the stored original
    src2 = write_jsonl(tmp_path / "more.jsonl", [{"id": "copy2", "text": text, "published": "2020-05-01"}])
    assert code([src2], db_path).duplicates == 1


def test_copy_duplicates_gives_them_the_original_rows(
    tmp_path: Path, db_path: Path, coding_stage: str
) -> None:
    text = "The envoy met the president."
    recs = [{"id": i, "text": text, "published": "2020-05-01"} for i in ("orig", "copy")]
    src = write_jsonl(tmp_path / "dups.jsonl", [*recs, {"id": "other", "text": "The king met the envoy."}])
    report = code([src], db_path, stages=("clean", coding_stage), cameo=lambda c: None, copy_duplicates=True,
                  batch_size=1)  # fmt: skip
    assert (report.articles_added, report.duplicates) == (2, 1)
    src2 = write_jsonl(tmp_path / "more.jsonl", [{"id": "copy2", "text": text, "published": "2020-05-01"}])
    code([src2], db_path, stages=("clean", coding_stage), cameo=lambda c: None, copy_duplicates=True)
    with Store(db_path, read_only=True) as store:
        events = {r["event_id"]: r for r in store.rows("events")}
        dup_of = {r["article_id"]: r["duplicate_of"] for r in store.rows("articles")}
    assert sorted(events) == ["copy2:e0", "copy:e0", "orig:e0", "other:e0"]
    assert events["copy:e0"]["article_id"] == "copy"
    assert events["copy:e0"]["evidence_end"] == events["orig:e0"]["evidence_end"]
    assert dup_of == {"orig": None, "copy": "orig", "other": None, "copy2": "orig"}


def test_changed_text_replaces_the_article(tmp_path: Path, db_path: Path, coding_stage: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The minister met the envoy.")
    code([str(path)], db_path, stages=("clean", coding_stage), cameo=lambda c: None)
    path.write_text("The minister resigned.")
    report = code([str(path)], db_path, stages=("clean", coding_stage), cameo=lambda c: None)
    assert report.replaced == 1
    with Store(db_path, read_only=True) as store:
        assert [r["text"] for r in store.rows("articles")] == ["The minister resigned."]
        assert store.count("events") == 0


def test_failures_are_recorded_once_and_the_run_goes_on(
    tmp_path: Path, db_path: Path, coding_stage: str, cameo: Callable[[str], FakeCameo]
) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "good", "text": "The envoy met the king."}, {"id": "bad", "text": "BOOM goes the stage."}],
    )
    (tmp_path / "in.jsonl").write_text((tmp_path / "in.jsonl").read_text() + "{broken\n")
    seen: list[Failure] = []
    inputs = [src, str(tmp_path / "missing.txt")]
    for _ in range(2):
        seen.clear()
        report = code(inputs, db_path, stages=("clean", coding_stage), on_failure=seen.append, cameo=cameo)
        assert report.failures == 3
    assert sorted(f.error[:6] for f in seen) == ["[E001]", "[E006]", "[E011]"]
    with Store(db_path, read_only=True) as store:
        failures = store.rows("failures")
        (event,) = store.rows("events")
    assert len(failures) == 3
    stage_failure = next(f for f in failures if f["stage"] == coding_stage)
    assert stage_failure["article_id"] == "bad"
    assert stage_failure["error"] == "[E011] stage test_coding failed: RuntimeError: exploded"
    assert (
        event["article_id"] == "good" and event["goldstein"] == -2.5 and event["cameo_name"] == "name of 040"
    )


def test_same_id_twice_with_other_text_fails(tmp_path: Path, db_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "x", "text": "One text."}, {"id": "x", "text": "Another."}]
    )
    report = code([src], db_path)
    assert (report.articles_added, report.failures) == (1, 1)
    with Store(db_path, read_only=True) as store:
        assert store.rows("failures")[0]["error"].startswith("[E029]")


def test_default_published_and_progress(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Undated story.")
    report = code([str(path)], db_path, published=dt.date(2019, 7, 1), progress=True)
    assert report.ok
    assert "1 coded" in report.summary()
    with Store(db_path, read_only=True) as store:
        assert store.rows("articles")[0]["published"] == dt.date(2019, 7, 1)


@pytest.mark.model
def test_real_parse_with_clean_only(tmp_path: Path, db_path: Path) -> None:
    from newsevents.nlp import load_model

    texts = [
        f"The president of Kenya met the prime minister of Japan in Nairobi on day {i}." for i in range(5)
    ]
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": f"k{i}", "text": t} for i, t in enumerate(texts)])
    report = code_inputs([src], db_path, stages=CLEAN, resources=Resources(nlp=load_model()), batch_size=2)
    assert (report.articles_added, report.failures) == (5, 0)


def test_killed_run_resumes_without_losing_or_doubling(
    tmp_path: Path, db_path: Path, coding_stage: str
) -> None:
    """A run interrupted midway (Ctrl-C, kill) keeps its committed batches; the re-run codes the rest once."""
    records = [{"id": f"a{n}", "text": f"Country {n} met its neighbour."} for n in range(10)]
    src = write_jsonl(tmp_path / "many.jsonl", records)
    seen: list[str] = []

    def interrupt_after_five(doc: Document, res: Resources) -> Document:
        seen.append(doc.article.article_id)
        if len(seen) > 5:
            raise KeyboardInterrupt  # not an article error: it stops the whole run
        return doc

    register_stage("test_interrupt")(interrupt_after_five)
    try:
        with pytest.raises(KeyboardInterrupt):
            code([src], db_path, stages=(*CLEAN, coding_stage, "test_interrupt"), batch_size=2)
    finally:
        _REGISTRY.pop("test_interrupt")
    with Store(db_path, read_only=True) as store:
        partial = store.count("articles")
        assert store.count("events") == partial  # each stored article has its event: batches are atomic
    assert 0 < partial < 10

    report = code([src], db_path, stages=(*CLEAN, coding_stage), batch_size=2)
    assert report.skipped_existing == partial
    with Store(db_path, read_only=True) as store:
        ids = [r["article_id"] for r in store.rows("articles")]
        assert sorted(ids) == sorted(r["id"] for r in records)
        assert store.count("events") == 10
