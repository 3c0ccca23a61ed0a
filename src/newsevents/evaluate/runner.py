"""Run the product over the gold files exactly as an outside user would, and score the output.

The coding and actor-resolution functions are injectable (``code_fn``, ``resolve_fn``) so tests use
in-process fakes; the defaults call :func:`newsevents.runner.code_inputs` and the actor knowledge base.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import (
    ACTOR_FILE,
    EVENT_FILES,
    PETRARCH_UNIT_FILE,
    VALIDATION_DICTIONARIES,
    ManifestCheck,
    check_manifest,
    file_stem,
    read_jsonl,
)
from .labels import load_cameo_codes, load_plover_table
from .matching import predictions_for_records
from .scoring_actors import score_actors
from .scoring_events import Score, score_events

if TYPE_CHECKING:
    from ..actors.kb import ActorKB

__all__ = [
    "INPUT_FIELDS",
    "CodeFn",
    "EvalResult",
    "Layer",
    "ResolveFn",
    "default_layers",
    "input_records",
    "product_code",
    "product_resolve",
    "run_eval",
]

Row = Mapping[str, Any]
# (input records, dictionary paths) -> (articles rows, events rows)
CodeFn = Callable[[Sequence[Row], Sequence[str]], tuple[list[dict[str, Any]], list[dict[str, Any]]]]
# (text, date "YYYY-MM-DD" | None, context | None) -> {"code", "country", "sector", ...} | None
ResolveFn = Callable[[str, str | None, str | None], Mapping[str, Any] | None]

# (eval folder) -> metrics of one layer (geo, temporal, ...), scored in-process on the product's stages.
LayerFn = Callable[[Path], Mapping[str, Score]]


@dataclass(frozen=True)
class Layer:
    """One extra gold file scored by its own runner; skipped when the file is absent."""

    stem: str
    file: str
    run: LayerFn


def default_layers() -> tuple[Layer, ...]:
    """Geo, event location, temporal (ours and the dateparser peer baseline), quotes."""
    from .scoring_event_location import EVENT_LOCATION_FILE, run_event_location
    from .scoring_geo import GEO_FILE, run_geo
    from .scoring_quotes import QUOTES_FILE, run_quotes
    from .scoring_temporal import TEMPORAL_FILE, dateparser_dates, run_temporal

    def run_baseline(folder: Path) -> Mapping[str, Score]:
        return run_temporal(folder, code_fn=dateparser_dates)

    return (
        Layer("geo", GEO_FILE, run_geo),
        Layer("event_location", EVENT_LOCATION_FILE, run_event_location),
        Layer("temporal", TEMPORAL_FILE, run_temporal),
        Layer("temporal_dateparser_baseline", TEMPORAL_FILE, run_baseline),
        Layer("quotes", QUOTES_FILE, run_quotes),
    )


# The only fields the maintainers' evaluator feeds to the product.
INPUT_FIELDS: tuple[str, ...] = ("id", "text", "published", "title", "url", "source")


@dataclass
class EvalResult:
    eval_dir: Path
    manifest: ManifestCheck
    scores: dict[str, dict[str, Score]] = field(default_factory=dict)  # file stem -> metrics
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def flat(self) -> dict[str, Score]:
        """``{"events_cameo_manual.cameo_root.f1": 0.6, "actors.country_accuracy": 0.8, ...}``."""
        return {f"{stem}.{k}": v for stem, metrics in self.scores.items() for k, v in metrics.items()}


def input_records(records: Sequence[Row]) -> list[dict[str, Any]]:
    """Keep only ``INPUT_FIELDS`` of each gold record (what an outside user would feed)."""
    return [{k: rec[k] for k in INPUT_FIELDS if k in rec} for rec in records]


def product_code(
    records: Sequence[Row], dictionaries: Sequence[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Feed ``records`` to :func:`newsevents.runner.code_inputs` via a temp JSONL and DuckDB file."""
    from ..runner import code_inputs
    from ..store import Store

    with tempfile.TemporaryDirectory(prefix="newsevents-eval-") as tmp:
        src = Path(tmp) / "input.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        db_path = str(Path(tmp) / "eval.duckdb")
        code_inputs([str(src)], db_path, published=None, dictionaries=tuple(dictionaries))
        with Store(db_path, read_only=True) as store:
            return store.rows("articles"), store.rows("events")


@lru_cache(maxsize=1)
def _kb() -> ActorKB:
    from ..actors.kb import load_kb

    return load_kb()


def product_resolve(text: str, date: str | None, context: str | None) -> dict[str, Any] | None:
    """Resolve one actor string with the product's knowledge base (in-process)."""
    actor = _kb().resolve(text, date, context)
    if actor is None:
        return None
    return {
        "text": text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
    }


def _score_event_file(
    path: Path,
    code_fn: CodeFn,
    dictionaries: Sequence[str],
    table: Mapping[str, str],
    standard_codes: frozenset[str] = frozenset(),
) -> dict[str, Score]:
    records = read_jsonl(path)
    articles, events = code_fn(input_records(records), dictionaries)
    preds = predictions_for_records(records, articles, events)
    scores = score_events(records, preds, table, standard_codes)
    scores["predicted_events"] = len(events)
    scores["articles"] = len(articles)
    return scores


def _score_actor_file(path: Path, resolve_fn: ResolveFn) -> dict[str, Score]:
    records = read_jsonl(path)
    scored = [r for r in records if _is_scored_actor(r)]
    answers = [
        resolve_fn(str(r.get("text") or ""), r.get("date") or r.get("published"), r.get("context"))
        for r in scored
    ]
    return score_actors(scored, answers)


def _is_scored_actor(rec: Row) -> bool:
    return (
        rec.get("expected_country") is not None
        or rec.get("expected_sector") is not None
        or bool(rec.get("expect_no_actor"))
    )


def run_eval(
    eval_dir: Path,
    *,
    plover_table_path: Path | None = None,
    dictionaries_dir: Path | None = None,
    code_fn: CodeFn = product_code,
    resolve_fn: ResolveFn = product_resolve,
    layers: Sequence[Layer] = (),
    clock: Callable[[], float] = time.perf_counter,
) -> EvalResult:
    """Score every events file, the actor file and each of ``layers`` found in ``eval_dir``."""
    names = (*EVENT_FILES, ACTOR_FILE, *(layer.file for layer in layers))
    result = EvalResult(eval_dir=eval_dir, manifest=check_manifest(eval_dir, names))
    table_path = plover_table_path or eval_dir.parent / "reference" / "cameo2plover.tsv"
    table = load_plover_table(table_path)
    dict_dir = dictionaries_dir or eval_dir.parent / "dictionaries"
    for name in EVENT_FILES:
        path = eval_dir / name
        if not path.is_file():
            result.notes.append(f"{name}: missing, skipped")
            continue
        dictionaries: tuple[str, ...] = ()
        standard: frozenset[str] = frozenset()
        if name == PETRARCH_UNIT_FILE:
            standard = load_cameo_codes(eval_dir.parent / "reference" / "cameo_codes.tsv")
            dictionaries = tuple(
                str(dict_dir / d) for d in VALIDATION_DICTIONARIES if (dict_dir / d).is_file()
            )
            result.notes.append(f"{name}: {len(dictionaries)} validation dictionaries loaded")
        start = clock()
        result.scores[file_stem(name)] = _score_event_file(path, code_fn, dictionaries, table, standard)
        result.seconds[file_stem(name)] = clock() - start
    actor_path = eval_dir / ACTOR_FILE
    if actor_path.is_file():
        start = clock()
        result.scores[file_stem(ACTOR_FILE)] = _score_actor_file(actor_path, resolve_fn)
        result.seconds[file_stem(ACTOR_FILE)] = clock() - start
    else:
        result.notes.append(f"{ACTOR_FILE}: missing, skipped")
    for layer in layers:
        if not (eval_dir / layer.file).is_file():
            result.notes.append(f"{layer.file}: missing, skipped")
            continue
        start = clock()
        result.scores[layer.stem] = dict(layer.run(eval_dir))
        result.seconds[layer.stem] = clock() - start
    return result
