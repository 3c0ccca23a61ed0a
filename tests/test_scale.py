"""Scale-out on Dask: same rows as one process, one writer, failures per article, clear connection errors."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from newsevents.document import Article, Document
from newsevents.errors import NewsEventsError
from newsevents.runner import Coded, code_inputs, coded_rows
from newsevents.scale import dask_client, map_batches
from newsevents.store import Store

TEXTS = {
    "harbour": "Officials in the harbour town said the ferry service would resume on Friday.",
    "summit": "The two ministers met in the capital on Tuesday and signed a trade agreement.",
    "storm": "A storm closed the mountain pass for a third day, local police said.",
    "market": "Traders in the old market complained about the new tax.",
    "bridge": "Engineers inspected the bridge after the flood.",
}


def _write_inputs(folder: Path) -> Path:
    path = folder / "in.jsonl"
    lines = [json.dumps({"id": k, "text": v, "published": "2024-03-05"}) for k, v in TEXTS.items()]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster,
        Client(cluster, set_as_default=False) as c,
    ):
        yield c


def _explode_on_storm(
    articles: Sequence[Article], dictionaries: tuple[str, ...], stages: tuple[str, ...]
) -> list[Coded]:
    if any(a.article_id == "storm" for a in articles):
        raise RuntimeError("worker ran out of memory")
    return [{"articles": [{"article_id": a.article_id}]} for a in articles]


def _articles(*ids: str) -> list[Article]:
    return [Article(article_id=i, text=TEXTS[i], content_hash=i) for i in ids]


def test_map_batches_yields_every_batch_once_with_results_or_the_error(client: Client) -> None:
    batches = [_articles("harbour", "summit"), _articles("storm"), _articles("market"), _articles("bridge")]
    out = list(map_batches(client, iter(batches), (), ("clean",), window=2, fn=_explode_on_storm))
    assert sorted(a.article_id for batch, _ in out for a in batch) == sorted(TEXTS)
    errors = {batch[0].article_id: result for batch, result in out if isinstance(result, BaseException)}
    assert list(errors) == ["storm"]
    assert "out of memory" in str(errors["storm"])
    coded = [r for _, result in out if isinstance(result, list) for r in result]
    assert len(coded) == 4


def test_clean_only_run_on_a_local_cluster_is_idempotent_and_records_bad_lines(tmp_path: Path) -> None:
    src = _write_inputs(tmp_path)
    db = tmp_path / "out.duckdb"
    first = code_inputs([str(src)], db, stages=("clean",), workers=2, batch_size=2)
    assert first.articles_added == len(TEXTS)
    assert first.failures == 1  # the bad JSON line, recorded and skipped
    again = code_inputs([str(src)], db, stages=("clean",), workers=2, batch_size=2)
    assert again.articles_added == 0
    assert again.skipped_existing == len(TEXTS)
    with Store(db, read_only=True) as store:
        assert store.count("articles") == len(TEXTS)
        assert sorted(r["article_id"] for r in store.rows("articles")) == sorted(TEXTS)


def test_unreachable_scheduler_is_one_numbered_error() -> None:
    with (
        pytest.raises(NewsEventsError, match=r"\[E031\].*tcp://127\.0\.0\.1:9"),
        dask_client(1, "tcp://127.0.0.1:9", timeout="1s"),
    ):
        pass


@pytest.mark.model
def test_two_worker_processes_give_the_same_rows_as_one_process(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    stories = [
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Monday.",
        "Israeli aircraft struck targets in Gaza, the military said on Sunday.",
        "Japan's foreign minister criticised North Korea for launching a missile.",
        "The United Nations called on both sides to end the fighting in Sudan.",
    ]
    rows = [{"id": f"s{i}", "text": t, "published": "2019-04-08"} for i, t in enumerate(stories)]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")

    def events(db: Path) -> list[tuple[object, ...]]:
        with Store(db, read_only=True) as store:
            return sorted(
                (r["article_id"], r["evidence_start"], r["cameo_code"], r["source_code"], r["target_code"])
                for r in store.rows("events")
            )

    one = code_inputs([str(src)], tmp_path / "one.duckdb", batch_size=2)
    two = code_inputs([str(src)], tmp_path / "two.duckdb", batch_size=2, workers=2)
    assert one.events > 0
    assert (two.articles_added, two.events, two.failures) == (one.articles_added, one.events, 0)
    assert events(tmp_path / "two.duckdb") == events(tmp_path / "one.duckdb")


class _NoCluster:
    def scheduler_info(self) -> dict[str, dict[str, object]]:
        return {"workers": {}}


def test_a_failed_batch_becomes_one_failure_per_article_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    import newsevents.scale as scale

    def fake_map(
        client: object, batches: Iterator[list[Article]], *args: object, **kwargs: object
    ) -> Iterator[tuple[list[Article], list[Coded] | BaseException]]:
        for batch in batches:
            if any(a.article_id == "storm" for a in batch):
                yield batch, RuntimeError("worker process died\nlong traceback")
            else:
                yield batch, [coded_rows(Document(article=a)) for a in batch]

    monkeypatch.setattr(scale, "map_batches", fake_map)
    monkeypatch.setattr(scale, "dask_client", lambda *a, **k: contextlib.nullcontext(_NoCluster()))
    db = tmp_path / "out.duckdb"
    report = code_inputs([str(_write_inputs(tmp_path))], db, stages=("clean",), workers=2, batch_size=1)
    assert report.failures == 2  # the bad JSON line and the lost batch
    with Store(db, read_only=True) as store:
        failures = store.rows("failures")
        assert sorted(r["article_id"] for r in store.rows("articles")) == sorted(set(TEXTS) - {"storm"})
    lost = [f for f in failures if f["stage"] == "worker"]
    assert [f["article_id"] for f in lost] == ["storm"]
    assert lost[0]["error"] == "[E030] Dask worker failed: RuntimeError: worker process died"
