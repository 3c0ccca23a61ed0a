"""Throughput benchmark: the whole pipeline beside the bare spaCy parse of the same texts, in one run.

Both measurements run in this one process, on the same texts, after one-time loading, so their ratio is
robust to the machine's speed and measures steady throughput: the spaCy model is loaded and warmed up on a
few texts before the bare parse; the pipeline is warmed up on the same few articles before it is timed (its
lexicons, gazetteer index and actor knowledge base load on first use), and that warm-up time is reported on
its own. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

DEFAULT_INPUT = Path("..") / "shared" / "corpus" / "news_sample.jsonl"
DOCS_START = "<!-- bench:start -->"
DOCS_END = "<!-- bench:end -->"
_WARMUP = 4  # articles run through the parse and the pipeline before either is timed


@dataclass(frozen=True)
class BenchResult:
    articles: int
    characters: int
    spacy_seconds: float
    pipeline_seconds: float
    events: int
    peak_rss_mb: float
    threads: str
    stage_seconds: dict[str, float] = field(default_factory=dict)
    workers: int = 1  # > 1: the same articles were also coded on a local Dask cluster of this many processes
    scale_seconds: float = 0.0
    warmup_seconds: float = 0.0  # the pipeline on the warm-up articles: mostly first-use loading

    @property
    def scale_rate(self) -> float:
        return self.articles / self.scale_seconds if self.scale_seconds else 0.0

    @property
    def spacy_rate(self) -> float:
        return self.articles / self.spacy_seconds if self.spacy_seconds else 0.0

    @property
    def pipeline_rate(self) -> float:
        return self.articles / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.pipeline_rate / self.spacy_rate if self.spacy_rate else 0.0


def read_texts(path: Path, limit: int | None) -> list[dict[str, object]]:
    """The first ``limit`` JSONL records of ``path`` that carry a non-empty text."""
    records: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(records) >= limit:
                break
            rec = json.loads(line)
            if isinstance(rec.get("text"), str) and rec["text"].strip():
                records.append(rec)
    return records


def run(path: Path, limit: int | None = None, batch_size: int = 32, workers: int = 1) -> BenchResult:
    """Time the bare parse and the whole pipeline (ingest … store) on the same articles.

    With ``workers`` > 1 the same articles are then coded again on a local Dask cluster of that many
    worker processes (cluster start and each worker's model load included), for the scale-out speed-up.
    """
    from .pipeline import load_resources
    from .runner import code_inputs

    records = read_texts(path, limit)
    texts = [str(r["text"]) for r in records]
    resources = load_resources()
    nlp = resources.nlp
    assert nlp is not None
    for _ in nlp.pipe(texts[:_WARMUP]):  # warm-up: first-call allocations are not throughput
        pass

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    spacy_seconds = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "bench.jsonl"
        warm = Path(tmp) / "warmup.jsonl"
        for path_out, rows in ((subset, records), (warm, records[:_WARMUP])):
            with path_out.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        code_inputs([str(warm)], Path(tmp) / "warmup.duckdb", resources=resources, batch_size=batch_size)
        warmup_seconds = time.perf_counter() - t0
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        report = code_inputs(
            [str(subset)],
            Path(tmp) / "bench.duckdb",
            resources=resources,
            batch_size=batch_size,
            timings=timings,
        )
        pipeline_seconds = time.perf_counter() - t0
        scale_seconds = 0.0
        if workers > 1:
            t0 = time.perf_counter()
            code_inputs([str(subset)], Path(tmp) / "scale.duckdb", batch_size=batch_size, workers=workers)
            scale_seconds = time.perf_counter() - t0

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    threads = ",".join(
        f"{k}={os.environ.get(k, 'unset')}" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
    )
    return BenchResult(
        articles=len(texts),
        characters=sum(len(t) for t in texts),
        spacy_seconds=spacy_seconds,
        pipeline_seconds=pipeline_seconds,
        events=report.events,
        peak_rss_mb=peak_kb / 1024,
        threads=threads,
        stage_seconds=timings,
        workers=workers,
        scale_seconds=scale_seconds,
        warmup_seconds=warmup_seconds,
    )


def render_markdown(res: BenchResult, command: str) -> str:
    today = dt.date.today().isoformat()
    return "\n".join(
        [
            DOCS_START,
            "## Speed",
            "",
            f"Measured {today} on {platform.machine()} ({os.cpu_count()} cores), one process, {res.threads}:",
            "",
            "```",
            command,
            "```",
            "",
            "| measure | value |",
            "|---|---|",
            f"| articles | {res.articles} ({res.characters:,} characters) |",
            f"| bare spaCy parse | {res.spacy_rate:.1f} articles/s/core ({res.spacy_seconds:.1f} s) |",
            f"| whole pipeline (ingest → store) | {res.pipeline_rate:.1f} articles/s/core "
            f"({res.pipeline_seconds:.1f} s) |",
            f"| **ratio pipeline / bare parse** | **{res.ratio:.2f}×** |",
            f"| pipeline warm-up, not in the ratio: first-use loading of lexicons, gazetteer index and actor "
            f"knowledge base, coding the first {_WARMUP} articles | {res.warmup_seconds:.1f} s |",
            f"| events coded | {res.events} |",
            f"| peak memory (max RSS, whole process) | {res.peak_rss_mb:.0f} MB |",
            *(
                [
                    f"| whole pipeline on a local Dask cluster of {res.workers} worker processes "
                    f"(start-up and model loads included) | {res.scale_rate:.1f} articles/s "
                    f"({res.scale_seconds:.1f} s; {res.scale_rate / res.pipeline_rate:.2f}× one process) |"
                ]
                if res.workers > 1 and res.pipeline_rate
                else []
            ),
            "",
            "Cost of each stage after the parse (ms per article, and as a share of the bare parse time; the",
            "rest of the pipeline time is ingest, the spaCy parse and the DuckDB writes):",
            "",
            "| stage | ms/article | share of bare parse |",
            "|---|---:|---:|",
            *(
                f"| {name} | {1000 * secs / max(res.articles, 1):.1f} | "
                f"{100 * secs / res.spacy_seconds if res.spacy_seconds else 0.0:.1f} % |"
                for name, secs in res.stage_seconds.items()
            ),
            DOCS_END,
        ]
    )


def update_docs(doc_path: Path, section: str) -> None:
    """Replace the speed section of ``doc_path`` (between the bench markers), keeping everything else."""
    old = doc_path.read_text(encoding="utf-8") if doc_path.exists() else "# Benchmarks\n"
    if DOCS_START in old and DOCS_END in old:
        head, rest = old.split(DOCS_START, 1)
        tail = rest.split(DOCS_END, 1)[1]
        new = head + section + tail
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    doc_path.parent.mkdir(parents=True, exist_ok=True)
    doc_path.write_text(new, encoding="utf-8")


def main(
    input_path: str | None = None,
    *,
    limit: int | None = None,
    write_docs: bool = False,
    docs_path: str = "docs/benchmarks.md",
    workers: int = 1,
    out: TextIO | None = None,
    argv: Sequence[str] = (),
) -> int:
    """Run the benchmark, print the table, optionally record it in ``docs/benchmarks.md``."""
    import sys

    stream = out or sys.stdout
    path = Path(input_path) if input_path else DEFAULT_INPUT
    if not path.exists():
        stream.write(f"benchmark input not found: {path}\n")
        return 1
    res = run(path, limit, workers=workers)
    env = " ".join(
        f"{k}={os.environ[k]}" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS") if k in os.environ
    )
    command = (env + " " if env else "") + "newsevents benchmark" + (" " + " ".join(argv) if argv else "")
    section = render_markdown(res, command)
    stream.write(section.replace(DOCS_START + "\n", "").replace("\n" + DOCS_END, "") + "\n")
    if write_docs:
        update_docs(Path(docs_path), section)
    return 0
