"""The eval runner, report and gate end to end with in-process fakes (no model, no real gold data)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from newsevents.evaluate import main
from newsevents.evaluate.floors import check_gate, load_floors, pin_floors
from newsevents.evaluate.report import END_MARKER, START_MARKER
from newsevents.evaluate.runner import INPUT_FIELDS, run_eval

SENTENCES = {
    "Ruritania hosted talks with Freedonia.": ("042", "RURGOV", "FRDGOV"),
    "Freedonia accused Ruritania of spying.": ("112", "FRDGOV", "RURGOV"),
}


def _record(rid: str, text: str, gold: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "text": text,
        "published": None,
        "dataset": "made_up",
        "gold_events": gold,
        "no_event": not gold,
        "scored": True,
        "actors_scorable": True,
        "parse": "(ROOT ...)",
        **extra,
    }


def _gold(code: str, src: str, tgt: str) -> dict[str, Any]:
    return {"cameo": code, "cameo_root": code[:2], "plover": None, "source": src, "target": tgt}


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def eval_dir(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    folder = shared / "eval"
    folder.mkdir(parents=True)
    (shared / "reference").mkdir()
    (shared / "reference" / "cameo2plover.tsv").write_text(
        "cameo\tplover_event\n04\tCONSULT\n042\tCONSULT\n11\tACCUSE\n", encoding="utf-8"
    )
    (shared / "dictionaries").mkdir()
    for name in ("actors", "agents", "discards"):
        (shared / "dictionaries" / f"PETR.Validate.{name}.txt").write_text("", encoding="utf-8")
    texts = list(SENTENCES)
    _write(
        folder / "events_cameo_manual.dev.jsonl",
        [
            _record("m1", texts[0], [_gold("042", "RURGOV", "FRDGOV")]),
            _record("m2", texts[1], [_gold("111", "FRDGOV", "RURGOV")]),
        ],
    )
    _write(folder / "events_plover_gsr.dev.jsonl", [_record("g1", "A quiet day in Freedonia.", [])])
    _write(folder / "events_petrarch_unit.dev.jsonl", [_record("u1", texts[0], [_gold("042", "RUR", "FRD")])])
    _write(
        folder / "actors_ngec.dev.jsonl",
        [
            {"id": "a1", "text": "Ruritanian army", "expected_country": "RUR", "expected_sector": "MIL"},
            {"id": "a2", "text": "a purple cow", "expect_no_actor": True},
        ],
    )
    manifest = {
        "dev": {
            p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in folder.glob("*.jsonl")
        }
    }
    (folder / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


class FakeCoder:
    def __init__(self) -> None:
        self.calls: list[tuple[list[dict[str, Any]], tuple[str, ...]]] = []

    def __call__(
        self, records: Sequence[Mapping[str, Any]], dictionaries: Sequence[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        self.calls.append(([dict(r) for r in records], tuple(dictionaries)))
        articles = [{"article_id": r["id"], "text": r["text"], "duplicate_of": None} for r in records]
        events = []
        for r in records:
            if r["text"] in SENTENCES:
                code, src, tgt = SENTENCES[r["text"]]
                events.append(
                    {
                        "article_id": r["id"],
                        "cameo_code": code,
                        "source_code": src,
                        "target_code": tgt,
                        "modality": "asserted",
                        "plover_type": None,
                    }
                )
        return articles, events


def fake_resolve(text: str, date: str | None, context: str | None) -> dict[str, Any] | None:
    if "army" in text:
        return {"text": text, "code": "RURMIL", "country": "RUR", "sector": "MIL", "name": None}
    return None


def console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=200, color_system=None), buf


def test_run_eval_feeds_only_input_fields_and_scores(eval_dir: Path) -> None:
    coder = FakeCoder()
    result = run_eval(eval_dir, code_fn=coder, resolve_fn=fake_resolve)
    assert result.manifest.ok
    assert len(coder.calls) == 3
    for records, _ in coder.calls:
        for r in records:
            assert set(r) <= set(INPUT_FIELDS)
            assert "gold_events" not in r
    dictionaries = [d for _, d in coder.calls]
    assert dictionaries[0] == () and dictionaries[1] == ()
    assert [Path(p).name for p in dictionaries[2]] == [
        "PETR.Validate.actors.txt",
        "PETR.Validate.agents.txt",
        "PETR.Validate.discards.txt",
    ]
    flat = result.flat()
    assert flat["events_cameo_manual.cameo_root.f1"] == 1.0
    assert flat["events_cameo_manual.cameo_code.f1"] == 0.5
    assert flat["events_plover_gsr.no_event_false_alarm_rate"] == 0.0
    assert flat["events_petrarch_unit.triple.f1"] == 1.0  # countries RUR/FRD match
    assert flat["events_petrarch_unit.exact_event.f1"] == 0.0  # codes RURGOV != RUR
    assert flat["actors.country_accuracy"] == 1.0
    assert flat["actors.no_actor_accuracy"] == 1.0


def test_main_skips_when_data_absent(tmp_path: Path) -> None:
    con, buf = console()
    assert main(tmp_path / "nowhere", gate=True, out=con) == 0
    out = buf.getvalue()
    assert "eval data not found" in out and "skipping" in out
    assert len(out.strip().splitlines()) == 1


def _floors(path: Path, eval_dir: Path, floors: dict[str, float], *, stale: bool = False) -> Path:
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in eval_dir.glob("*.jsonl")}
    if stale:
        hashes["events_cameo_manual.dev.jsonl"] = "0" * 64
    path.write_text(json.dumps({"manifest_sha256": hashes, "floors": floors}), encoding="utf-8")
    return path


def test_gate_passes_and_fails(eval_dir: Path, tmp_path: Path) -> None:
    ok = _floors(tmp_path / "ok.json", eval_dir, {"events_cameo_manual.cameo_root.f1": 0.9})
    con, buf = console()
    assert (
        main(eval_dir, gate=True, out=con, floors_path=ok, code_fn=FakeCoder(), resolve_fn=fake_resolve) == 0
    )
    assert "[E017]" not in buf.getvalue()

    bad = _floors(
        tmp_path / "bad.json",
        eval_dir,
        {"events_cameo_manual.cameo_code.f1": 0.6, "actors.sector_accuracy": 0.5},
    )
    con, buf = console()
    assert (
        main(eval_dir, gate=True, out=con, floors_path=bad, code_fn=FakeCoder(), resolve_fn=fake_resolve) == 1
    )
    lines = [ln for ln in buf.getvalue().splitlines() if ln.startswith("[E017]")]
    assert lines == ["[E017] score events_cameo_manual.cameo_code.f1 = 0.500 is below the pinned floor 0.600"]


def test_gate_skipped_when_hashes_differ(eval_dir: Path, tmp_path: Path) -> None:
    stale = _floors(
        tmp_path / "stale.json", eval_dir, {"events_cameo_manual.cameo_code.f1": 0.99}, stale=True
    )
    con, buf = console()
    assert (
        main(eval_dir, gate=True, out=con, floors_path=stale, code_fn=FakeCoder(), resolve_fn=fake_resolve)
        == 0
    )
    assert "gate skipped" in buf.getvalue()


def test_manifest_mismatch_is_reported(eval_dir: Path) -> None:
    path = eval_dir / "actors_ngec.dev.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    con, buf = console()
    assert main(eval_dir, out=con, code_fn=FakeCoder(), resolve_fn=fake_resolve) == 0
    assert "[E025] eval file actors_ngec.dev.jsonl does not match MANIFEST.json" in buf.getvalue()


def test_write_docs_keeps_other_sections(eval_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n## Speed\n\n12 articles/s\n", encoding="utf-8")
    con, _ = console()
    kwargs: dict[str, Any] = {
        "out": con,
        "docs_path": docs,
        "code_fn": FakeCoder(),
        "resolve_fn": fake_resolve,
        "today": dt.date(2024, 5, 6),
        "write_docs": True,
    }
    assert main(eval_dir, **kwargs) == 0
    first = docs.read_text(encoding="utf-8")
    assert "## Speed\n\n12 articles/s" in first
    assert first.count(START_MARKER) == 1 and first.count(END_MARKER) == 1
    assert "`newsevents eval --write-docs`" in first and "2024-05-06" in first
    assert "| cameo_root | 1.000 | 1.000 | 1.000 | 2 |" in first
    docs.write_text(first + "\n## Memory\n\n80 MB\n", encoding="utf-8")
    assert main(eval_dir, **kwargs) == 0
    second = docs.read_text(encoding="utf-8")
    assert second.count(START_MARKER) == 1
    assert second == first + "\n## Memory\n\n80 MB\n"


def test_pin_floors_round_trip(eval_dir: Path, tmp_path: Path) -> None:
    result = run_eval(eval_dir, code_fn=FakeCoder(), resolve_fn=fake_resolve)
    doc = pin_floors(
        result.flat(), result.manifest.hashes, ["events_cameo_manual.cameo_code.f1"], margin=0.05
    )
    assert doc["floors"] == {"events_cameo_manual.cameo_code.f1": 0.45}
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    outcome = check_gate(result.flat(), result.manifest.hashes, load_floors(path))
    assert outcome.applied and outcome.passed
