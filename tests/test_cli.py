from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from conftest import FakeCameo, make_document
from newsevents.cli import cli, events_query
from newsevents.document import Actor
from newsevents.rows import document_rows
from newsevents.store import Store, coerce_row


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def filled_db(db_path: Path, cameo: Callable[[str], FakeCameo]) -> Path:
    doc = make_document()
    doc2 = make_document(article_id="a2")
    doc2.events[0] = type(doc2.events[0])(
        0, 0, 10, 0, 3, "190", source=Actor("rebels", 0, 6, "REB", None, "REB"), modality="negated"
    )
    with Store(db_path) as store:
        store.write(
            [
                {t: [coerce_row(t, r) for r in rs] for t, rs in document_rows(d, cameo=cameo).items()}
                for d in (doc, doc2)
            ]
        )
    return db_path


def test_help_is_instant_and_imports_nothing_heavy() -> None:
    code = (
        "import sys; from newsevents.cli import main; sys.argv = ['newsevents', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('spacy', 'duckdb', 'trafilatura', 'pyarrow', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "code" in out and "export" in out and "actors" in out
    assert out.strip().splitlines()[-1] == "[]"


def test_code_success_then_rerun(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The envoy arrived in Lima on Monday.")
    args = (
        "code",
        str(tmp_path / "a.txt"),
        "--db",
        str(db_path),
        "--stages",
        "clean",
        "--published",
        "2020-02-02",
    )
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "1 coded" in result.stdout and result.stderr == ""
    again = invoke(*args)
    assert again.exit_code == 0 and "1 already stored" in again.stdout


def test_code_failures_exit_1_with_one_line_each(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text.")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    result = invoke(
        "code", str(tmp_path / "ok.txt"), str(tmp_path / "bin.txt"), "missing.txt",
        "--db", str(db_path), "--stages", "clean",
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"error: {tmp_path / 'bin.txt'}: [E003] input is binary, not text",
        "error: missing.txt: [E001] input not found: missing.txt",
    ]
    assert "Traceback" not in result.output
    assert "1 coded" in result.stdout and "2 failures" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("code", "x.txt", "--db", "d.duckdb", "--published", "05/04/2020"),
        ("code", "--db", "d.duckdb"),
        ("code", "x.txt"),
        ("code", "x.txt", "--db", "d.duckdb", "--stages", "nope"),
        ("export", "users", "--db", "d.duckdb"),
        ("export", "events", "--db", "d.duckdb", "--format", "xml"),
        ("export", "events", "--db", "d.duckdb", "--format", "parquet"),
        ("events", "--db", "d.duckdb", "--since", "yesterday"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_date_message_is_numbered() -> None:
    result = invoke("code", "x.txt", "--db", "d.duckdb", "--published", "2020-13-01")
    assert "[E009]" in result.stderr


def test_stdin_text_and_jsonl(db_path: Path) -> None:
    result = invoke(
        "code", "-", "--db", str(db_path), "--stages", "clean", input="A story read from a pipe.\n"
    )
    assert result.exit_code == 0, result.output
    jsonl = '{"id": "p1", "text": "Piped one."}\n{"id": "p2", "text": "Piped two."}\n'
    result = invoke("code", "-", "--db", str(db_path), "--stages", "clean", input=jsonl)
    assert result.exit_code == 0, result.output
    with Store(db_path, read_only=True) as store:
        ids = [r["article_id"] for r in store.rows("articles")]
    assert ids[0].startswith("stdin:") and ids[1:] == ["p1", "p2"]


def test_export_formats(filled_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "events", "--db", str(filled_db))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_id"] for r in rows] == ["a1:e0", "a2:e0"]
    assert rows[0]["cameo_code"] == "040" and rows[1]["target_code"] is None
    csv_out = invoke("export", "articles", "--db", str(filled_db), "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("article_id,url,title,published")
    out = tmp_path / "places.parquet"
    assert (
        invoke("export", "places", "--db", str(filled_db), "--format", "parquet", "--out", str(out)).exit_code
        == 0
    )
    assert pq.read_table(out).num_rows == 2
    jsonl_file = tmp_path / "dates.jsonl"
    invoke("export", "dates", "--db", str(filled_db), "--out", str(jsonl_file))
    assert len(jsonl_file.read_text().splitlines()) == 2


def test_export_missing_db_is_one_line(tmp_path: Path) -> None:
    result = invoke("export", "events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1
    assert result.stderr == f"error: [E023] database not found: {tmp_path / 'none.duckdb'}\n"


def test_events_table_and_filters(filled_db: Path) -> None:
    result = invoke("events", "--db", str(filled_db))
    assert result.exit_code == 0
    assert "NORGOV" in result.stdout and "040" in result.stdout and "2 events" in result.stdout
    only = invoke("events", "--db", str(filled_db), "--root", "19")
    assert "REB" in only.stdout and "NORGOV" not in only.stdout and "1 events" in only.stdout
    dyad = invoke("events", "--db", str(filled_db), "--dyad", "NOR:CHL", "--country", "chl")
    assert "1 events" in dyad.stdout
    assert "0 events" in invoke("events", "--db", str(filled_db), "--modality", "future").stdout
    assert "0 events" in invoke("events", "--db", str(filled_db), "--until", "2021-03-01").stdout


def test_events_query_combines_filters() -> None:
    sql, params = events_query(actor="Kim", root="4", since=None, limit=5)
    assert sql.count("ILIKE ?") == 6 and "e.cameo_root = ?" in sql
    assert params[-2:] == ["04", 5]


def test_actors_resolve_prints_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []

    class KB:
        def resolve(self, text: str, date: Any, context: Any) -> Actor | None:
            calls.append((text, date, context))
            return Actor(text, 0, len(text), "PRKGOV", "PRK", "GOV", "Kim Jong Un") if "Kim" in text else None

    fake = types.ModuleType("newsevents.actors.kb")
    fake.load_kb = lambda dictionaries: KB()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsevents.actors.kb", fake)
    result = invoke(
        "actors", "resolve", "Kim Jong Un", "nobody", "--date", "2018-10-07", "--context", "Kim spoke."
    )
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "text": "Kim Jong Un",
        "code": "PRKGOV",
        "country": "PRK",
        "sector": "GOV",
        "name": "Kim Jong Un",
    }
    assert second == {"text": "nobody", "code": None, "country": None, "sector": None, "name": None}
    assert calls[0][1].isoformat() == "2018-10-07" and calls[0][2] == "Kim spoke."


def test_eval_and_benchmark_delegate(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    evaluate = types.ModuleType("newsevents.evaluate")
    evaluate.main = lambda eval_dir, gate, write_docs: seen.update(e=(eval_dir, gate, write_docs)) or 1  # type: ignore[attr-defined]
    bench = types.ModuleType("newsevents.benchmark")
    bench.main = lambda input_path, limit, write_docs, workers, argv: (
        seen.update(  # type: ignore[attr-defined]
            b=(input_path, limit, workers, argv)
        )
        or 0
    )
    monkeypatch.setitem(sys.modules, "newsevents.evaluate", evaluate)
    monkeypatch.setitem(sys.modules, "newsevents.benchmark", bench)
    assert invoke("eval", "--gate").exit_code == 1
    assert seen["e"] == (None, True, False)
    assert invoke("benchmark", "--limit", "3").exit_code == 0
    assert seen["b"] == (None, 3, 1, ["--limit", "3"])
    assert invoke("benchmark", "--workers", "2").exit_code == 0
    assert seen["b"] == (None, None, 2, ["--workers", "2"])


def test_unexpected_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("disk on fire\nsecond line")

    bench = types.ModuleType("newsevents.benchmark")
    bench.main = boom  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsevents.benchmark", bench)
    result = CliRunner().invoke(cli, ["benchmark"])
    assert result.exit_code == 1
    assert result.stderr == "error: [E022] unexpected error: RuntimeError: disk on fire\n"


def test_version() -> None:
    assert invoke("--version").stdout.startswith("newsevents, version ")


def test_main_module_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsevents", "export", "--help"], capture_output=True, text=True, check=True
    )
    assert "--format" in out.stdout
    assert io.StringIO(out.stdout).readline().startswith("Usage:")
