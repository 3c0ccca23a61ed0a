"""The docs cover every error and every README command really exists."""

import importlib.util
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.errors import Errors

ROOT = Path(__file__).resolve().parents[1]


def _gen_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_errors_doc", ROOT / "scripts" / "gen_errors_doc.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_errors_doc_is_current() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert doc == _gen_module().render(), "run: .venv/bin/python scripts/gen_errors_doc.py"
    for err in Errors:
        assert f"| {err.name} |" in doc


def test_error_numbers_are_unique_and_formatted() -> None:
    names = [e.name for e in Errors]
    assert len(names) == len(set(names))
    assert all(n.startswith("E") and n[1:].isdigit() and len(n) == 4 for n in names)


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for line in readme.splitlines():
        line = line.strip()
        if not line.startswith(".venv/bin/newsevents "):
            continue
        words = line.split()[1:]
        sub = [w for w in words[:3] if not w.startswith(("-", "[", '"')) and w.isidentifier()]
        result = runner.invoke(cli, [*sub[:2], "--help"])
        assert result.exit_code == 0, (line, result.output)
