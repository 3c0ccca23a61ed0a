"""Re-pin eval_floors.json a margin below the scores measured now (run after a deliberate change).

.venv/bin/python scripts/pin_floors.py [EVAL_DIR] [--margin 0.02]
"""

from __future__ import annotations

import argparse
import json

from newsevents.evaluate.data import find_eval_dir, repo_root
from newsevents.evaluate.floors import pin_floors
from newsevents.evaluate.runner import default_layers, run_eval

GATED = [
    *(
        f"{stem}.{metric}.f1"
        for stem in ("events_cameo_manual", "events_plover_gsr")
        for metric in ("cameo_root", "cameo_code", "plover", "triple", "triple_plover")
    ),
    "events_petrarch_unit.cameo_root.f1",
    "events_petrarch_unit.exact_event_record_pass_rate",
    "events_petrarch_unit.standard_code_event_match_rate",
    "actors.country_accuracy",
    "actors.sector_accuracy",
    "actors.no_actor_accuracy",
    "geo.f1",
    "geo.acc161",
    "event_location.accuracy",
    "temporal.relaxed_f1",
    "temporal.value_f1",
    "quotes.content_f1",
    "quotes.speaker_accuracy",
    "quotes.attribution_f1",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("eval_dir", nargs="?")
    parser.add_argument("--margin", type=float, default=0.02)
    args = parser.parse_args()
    result = run_eval(find_eval_dir(args.eval_dir), layers=default_layers())
    scores = result.flat()
    missing = [m for m in GATED if scores.get(m) is None]
    if missing:
        raise SystemExit(f"no score for {missing}")
    doc = pin_floors(scores, result.manifest.hashes, GATED, margin=args.margin)
    doc = {
        "comment": f"Floors {args.margin} below the dev scores measured by scripts/pin_floors.py; they "
        "apply only while the gold files keep these sha256. Re-pin after deliberate changes.",
        **doc,
    }
    out = repo_root() / "eval_floors.json"
    out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(doc['floors'])} floors")


if __name__ == "__main__":
    main()
