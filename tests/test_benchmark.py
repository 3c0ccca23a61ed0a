from pathlib import Path

from newsevents.benchmark import DOCS_END, DOCS_START, BenchResult, read_texts, render_markdown, update_docs


def _result() -> BenchResult:
    return BenchResult(
        articles=10,
        characters=5000,
        spacy_seconds=2.0,
        pipeline_seconds=2.5,
        events=7,
        peak_rss_mb=512.0,
        threads="OMP_NUM_THREADS=1",
    )


def test_rates_and_ratio() -> None:
    res = _result()
    assert res.spacy_rate == 5.0
    assert res.pipeline_rate == 4.0
    assert abs(res.ratio - 0.8) < 1e-9


def test_update_docs_replaces_only_speed_section(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        f"# Benchmarks\n\nAccuracy stays.\n\n{DOCS_START}\nold numbers\n{DOCS_END}\n\nTail stays.\n"
    )
    update_docs(doc, render_markdown(_result(), "newsevents benchmark"))
    text = doc.read_text()
    assert "Accuracy stays." in text and "Tail stays." in text
    assert "old numbers" not in text
    assert "0.80×" in text
    assert text.count(DOCS_START) == 1


def test_read_texts_skips_records_without_text(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": ""}\n{"id": "c", "text": "Two."}\n')
    assert [r["id"] for r in read_texts(src, None)] == ["a", "c"]
    assert [r["id"] for r in read_texts(src, 1)] == ["a"]


def test_scale_out_row_only_when_workers_were_timed() -> None:
    import dataclasses

    assert "Dask" not in render_markdown(_result(), "newsevents benchmark")
    scaled = dataclasses.replace(_result(), workers=2, scale_seconds=1.25)
    assert scaled.scale_rate == 8.0
    text = render_markdown(scaled, "newsevents benchmark --workers 2")
    assert "local Dask cluster of 2 worker processes" in text
    assert "8.0 articles/s (1.2 s; 2.00× one process)" in text
