"""``newsevents eval``: score the pipeline on the gold data under ``../shared/eval`` and gate on floors.

>>> from newsevents.evaluate import main
>>> main(gate=True)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from ..errors import Errors
from .data import find_eval_dir, repo_root, sha256_of
from .floors import check_gate, find_floors_file, load_floors
from .report import accuracy_markdown, render, update_benchmarks
from .runner import (
    CodeFn,
    EvalResult,
    Layer,
    ResolveFn,
    default_layers,
    product_code,
    product_resolve,
    run_eval,
)

__all__ = ["EvalResult", "main", "run_eval"]


def main(
    eval_dir: str | os.PathLike[str] | None = None,
    *,
    gate: bool = False,
    write_docs: bool = False,
    out: Console | None = None,
    floors_path: Path | None = None,
    docs_path: Path | None = None,
    code_fn: CodeFn = product_code,
    resolve_fn: ResolveFn = product_resolve,
    layers: Sequence[Layer] | None = None,
    today: dt.date | None = None,
) -> int:
    """Run the evaluation, print the tables; return the process exit code (non-zero: gate failed)."""
    console = out if out is not None else Console()
    folder = find_eval_dir(eval_dir)
    if not (folder / "MANIFEST.json").is_file():
        console.print(f"eval data not found at {folder} ({Errors.E016.name}); skipping")
        return 0
    chosen = default_layers() if layers is None else layers
    result = run_eval(folder, code_fn=code_fn, resolve_fn=resolve_fn, layers=chosen)
    for name in result.manifest.mismatched:
        console.print(
            Errors.E025.format(
                name=name,
                actual=result.manifest.hashes.get(name, "missing")[:16],
                expected=result.manifest.expected.get(name, "unlisted")[:16],
            )
        )
    render(result, console)
    if write_docs:
        target = docs_path or repo_root() / "docs" / "benchmarks.md"
        manifest_hash = sha256_of(folder / "MANIFEST.json")
        update_benchmarks(target, accuracy_markdown(result, manifest_hash, today or dt.date.today()))
        console.print(f"wrote {target}")
    if not gate:
        return 0
    floors_file = floors_path or find_floors_file()
    if not floors_file.is_file():
        console.print(f"no eval floors file at {floors_file}; gate cannot run")
        return 1
    outcome = check_gate(result.flat(), result.manifest.hashes, load_floors(floors_file))
    if outcome.warning:
        console.print(f"warning: {outcome.warning}")
        return 0
    for line in outcome.failures:
        console.print(line, markup=False, highlight=False)
    if outcome.passed:
        console.print(f"eval gate passed ({floors_file.name})")
    return 0 if outcome.passed else 1
