"""``python -m newsevents.evaluate [EVAL_DIR] [--gate] [--write-docs]`` (the same as ``newsevents eval``)."""

from __future__ import annotations

import argparse
import sys

from . import main


def _cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsevents eval", description=__doc__)
    parser.add_argument("eval_dir", nargs="?", default=None)
    parser.add_argument("--gate", action="store_true", help="fail when a score is below its pinned floor")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    return main(args.eval_dir, gate=args.gate, write_docs=args.write_docs)


if __name__ == "__main__":
    sys.exit(_cli())
