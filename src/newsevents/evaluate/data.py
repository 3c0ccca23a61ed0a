"""Locate the gold data folder, read its JSONL files and check them against ``MANIFEST.json``."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ACTOR_FILE",
    "ENV_VAR",
    "EVENT_FILES",
    "ManifestCheck",
    "check_manifest",
    "file_stem",
    "find_eval_dir",
    "read_jsonl",
    "repo_root",
    "sha256_of",
]

ENV_VAR = "NEWSEVENTS_EVAL_DIR"
EVENT_FILES: tuple[str, ...] = (
    "events_cameo_manual.dev.jsonl",
    "events_plover_gsr.dev.jsonl",
    "events_petrarch_unit.dev.jsonl",
)
ACTOR_FILE = "actors_ngec.dev.jsonl"
PETRARCH_UNIT_FILE = "events_petrarch_unit.dev.jsonl"
VALIDATION_DICTIONARIES: tuple[str, ...] = (
    "PETR.Validate.actors.txt",
    "PETR.Validate.agents.txt",
    "PETR.Validate.discards.txt",
)


def repo_root() -> Path:
    """The source checkout this package lives in (``src/newsevents/evaluate`` -> repo root)."""
    return Path(__file__).resolve().parents[3]


def file_stem(name: str) -> str:
    """``events_cameo_manual.dev.jsonl`` -> ``events_cameo_manual``; ``actors_ngec...`` -> ``actors``."""
    if name == ACTOR_FILE:
        return "actors"
    return name.split(".", 1)[0]


def find_eval_dir(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The eval folder: an explicit path, else ``$NEWSEVENTS_EVAL_DIR``, else ``../shared/eval`` next to
    the current directory or the repository root. The path is returned even when it does not exist."""
    if explicit:
        return Path(explicit)
    environ = os.environ if env is None else env
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR])
    candidates = [Path.cwd().parent / "shared" / "eval", repo_root().parent / "shared" / "eval"]
    for cand in candidates:
        if (cand / "MANIFEST.json").is_file():
            return cand
    return candidates[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class ManifestCheck:
    """sha256 of the files used, and the names whose hash differs from ``MANIFEST.json``."""

    hashes: dict[str, str]
    expected: dict[str, str]
    mismatched: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatched


def check_manifest(eval_dir: Path, names: tuple[str, ...]) -> ManifestCheck:
    manifest_path = eval_dir / "MANIFEST.json"
    manifest: dict[str, Any] = {}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    listed: Mapping[str, Any] = manifest.get("dev", {})
    hashes = {name: sha256_of(eval_dir / name) for name in names if (eval_dir / name).is_file()}
    expected = {name: str(listed[name].get("sha256", "")) for name in names if name in listed}
    mismatched = tuple(n for n in names if hashes.get(n) is None or hashes.get(n) != expected.get(n))
    return ManifestCheck(hashes, expected, mismatched)
