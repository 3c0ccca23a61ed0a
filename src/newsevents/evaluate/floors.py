"""The eval gate: score floors pinned in ``eval_floors.json`` to the gold files' sha256.

```
{"manifest_sha256": {"events_cameo_manual.dev.jsonl": "c494a3...", ...},
 "floors": {"events_cameo_manual.cameo_root.f1": 0.50, "actors.country_accuracy": 0.80}}
```
Floors apply only when every pinned file still has its pinned hash (else the gate is skipped with a
warning): a floor measured on other gold data means nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Errors
from .data import repo_root
from .scoring_events import Score

__all__ = [
    "FLOORS_FILE",
    "FloorSpec",
    "GateOutcome",
    "check_gate",
    "find_floors_file",
    "load_floors",
    "pin_floors",
]

FLOORS_FILE = "eval_floors.json"


@dataclass(frozen=True)
class FloorSpec:
    manifest_sha256: dict[str, str]
    floors: dict[str, float]


@dataclass(frozen=True)
class GateOutcome:
    applied: bool
    failures: tuple[str, ...]  # one "[E017] ..." line per metric below its floor
    warning: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def find_floors_file(cwd: Path | None = None) -> Path:
    """``eval_floors.json`` at the repository root, else in the current directory."""
    candidates = [repo_root() / FLOORS_FILE, (cwd or Path.cwd()) / FLOORS_FILE]
    return next((c for c in candidates if c.is_file()), candidates[0])


def load_floors(path: Path) -> FloorSpec:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return FloorSpec(
        manifest_sha256={str(k): str(v) for k, v in data.get("manifest_sha256", {}).items()},
        floors={str(k): float(v) for k, v in data.get("floors", {}).items()},
    )


def check_gate(scores: Mapping[str, Score], hashes: Mapping[str, str], spec: FloorSpec) -> GateOutcome:
    """Compare flat scores with the floors, if the pinned hashes match the files that were scored."""
    stale = sorted(n for n, h in spec.manifest_sha256.items() if hashes.get(n) != h)
    if stale:
        return GateOutcome(False, (), Errors.E026.format(names=", ".join(stale)))
    failures = []
    for metric, floor in sorted(spec.floors.items()):
        value = scores.get(metric)
        score = float(value) if value is not None else 0.0
        if score < floor:
            failures.append(Errors.E017.format(metric=metric, value=score, floor=floor))
    return GateOutcome(True, tuple(failures))


def pin_floors(
    scores: Mapping[str, Score], hashes: Mapping[str, str], metrics: list[str], margin: float = 0.03
) -> dict[str, Any]:
    """A floors document: each metric's measured score minus ``margin``, rounded down to 0.01; metrics
    whose floor would be 0 are left out (they could never fail)."""
    floors = {}
    for m in metrics:
        value = scores.get(m)
        floor = math.floor(round((float(value) - margin) * 100, 6)) / 100 if value is not None else 0.0
        if floor > 0:
            floors[m] = floor
    return {"manifest_sha256": dict(sorted(hashes.items())), "floors": floors}
