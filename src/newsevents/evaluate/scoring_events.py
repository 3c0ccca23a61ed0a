"""Event metrics (README section *Events metrics*): label sets per sentence, micro-averaged P/R/F1.

Pure functions over plain dicts: gold records as in ``events_*.jsonl`` and prediction rows of the
``events`` export. ``score_events`` returns a flat ``{metric: number}`` mapping such as
``{"cameo_root.f1": 0.61, "no_event_false_alarm_rate": 0.2, ...}``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .labels import (
    PloverTable,
    actor_country,
    country_matches,
    counts_as_asserted,
    map_cameo_to_plover,
    normalise_plover,
)

__all__ = [
    "EVENT_METRICS",
    "Counts",
    "SentenceLabels",
    "gold_has_plover_types",
    "gold_labels",
    "max_matching",
    "predicted_labels",
    "score_events",
]

Row = Mapping[str, Any]
Score = float | int | None
Triple = tuple[str, str, str]

EVENT_METRICS: tuple[str, ...] = (
    "cameo_root",
    "cameo_code",
    "plover",
    "triple",
    "triple_plover",
    "exact_event",
)


@dataclass
class Counts:
    """Micro-average counts of one metric."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    sentences: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold
        self.sentences += 1

    def scores(self, prefix: str) -> dict[str, Score]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            f"{prefix}.p": p,
            f"{prefix}.r": r,
            f"{prefix}.f1": f1,
            f"{prefix}.tp": self.tp,
            f"{prefix}.pred": self.pred,
            f"{prefix}.gold": self.gold,
            f"{prefix}.sentences": self.sentences,
        }


@dataclass(frozen=True)
class SentenceLabels:
    """The label sets of one side (gold or prediction) of one sentence."""

    cameo_root: frozenset[str]
    cameo_code: frozenset[str]
    plover: frozenset[str]
    triple: frozenset[Triple]
    triple_plover: frozenset[Triple]
    exact_event: frozenset[Triple]


def _code(value: object) -> str:
    return str(value).strip().upper() if value is not None else ""


class _EventLabel(NamedTuple):
    src_country: str
    tgt_country: str
    src_code: str
    tgt_code: str
    cameo: str  # full code, "" when none
    root: str  # 2-character root, "" when none
    plover: str | None


def _labels(events: Iterable[_EventLabel]) -> SentenceLabels:
    roots: set[str] = set()
    codes: set[str] = set()
    plovers: set[str] = set()
    triples: set[Triple] = set()
    triples_plover: set[Triple] = set()
    exact: set[Triple] = set()
    for ev in events:
        if ev.root:
            roots.add(ev.root)
            triples.add((ev.src_country, ev.tgt_country, ev.root))
        if ev.cameo:
            codes.add(ev.cameo)
            exact.add((ev.src_code, ev.tgt_code, ev.cameo))
        if ev.plover:
            plovers.add(ev.plover)
            triples_plover.add((ev.src_country, ev.tgt_country, ev.plover))
    return SentenceLabels(
        frozenset(roots),
        frozenset(codes),
        frozenset(plovers),
        frozenset(triples),
        frozenset(triples_plover),
        frozenset(exact),
    )


def _gold_events(record: Row) -> list[Row]:
    events = record.get("gold_events") or []
    return [] if record.get("no_event") else list(events)


def gold_has_plover_types(record: Row) -> bool:
    return any(normalise_plover(g.get("plover")) for g in _gold_events(record))


def gold_labels(record: Row, table: PloverTable) -> SentenceLabels:
    """Gold label sets; the PLOVER type is the gold ``plover`` where given, else the CAMEO code mapped."""

    def one(g: Row) -> _EventLabel:
        cameo = _code(g.get("cameo"))
        root = cameo[:2] or _code(g.get("cameo_root"))[:2]
        plover = normalise_plover(g.get("plover")) or map_cameo_to_plover(cameo or None, table)
        return _EventLabel(
            actor_country(g.get("source")),
            actor_country(g.get("target")),
            _code(g.get("source")),
            _code(g.get("target")),
            cameo,
            root,
            plover,
        )

    return _labels(one(g) for g in _gold_events(record))


def predicted_labels(rows: Sequence[Row], table: PloverTable, *, use_plover_type: bool) -> SentenceLabels:
    """Prediction label sets from asserted ``events`` rows.

    ``use_plover_type``: the sentence's gold has PLOVER types, so the predicted ``plover_type`` is used
    (else its ``cameo_code`` mapped); on CAMEO-only sentences the predicted ``cameo_code`` is always mapped.
    """

    def one(r: Row) -> _EventLabel:
        cameo = _code(r.get("cameo_code"))
        root = cameo[:2] or _code(r.get("cameo_root"))[:2]
        mapped = map_cameo_to_plover(cameo or root or None, table)
        plover = (normalise_plover(r.get("plover_type")) or mapped) if use_plover_type else mapped
        return _EventLabel(
            actor_country(r.get("source_code"), r.get("source_country")),
            actor_country(r.get("target_code"), r.get("target_country")),
            _code(r.get("source_code")),
            _code(r.get("target_code")),
            cameo,
            root,
            plover,
        )

    return _labels(one(r) for r in rows if counts_as_asserted(r.get("modality")))


def max_matching(
    gold: Iterable[Hashable], pred: Iterable[Hashable], match: Callable[[Any, Any], bool]
) -> int:
    """Size of a maximum one-to-one matching (Kuhn's augmenting paths; the sets are tiny)."""
    golds = sorted(gold, key=repr)
    preds = sorted(pred, key=repr)
    edges = [[j for j, p in enumerate(preds) if match(g, p)] for g in golds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(1 for i in range(len(golds)) if augment(i, set()))


def _triple_match(gold: Triple, pred: Triple) -> bool:
    return country_matches(gold[0], pred[0]) and country_matches(gold[1], pred[1]) and gold[2] == pred[2]


def score_events(
    records: Sequence[Row],
    predictions: Mapping[str, Sequence[Row]],
    table: PloverTable,
    standard_codes: frozenset[str] = frozenset(),
) -> dict[str, Score]:
    """Score one events file. ``predictions`` maps record id -> its matched export rows.

    ``standard_codes`` (the CAMEO codebook's codes) adds ``standard_code_event_match_rate``: the share of
    gold events in the ``exact_event`` scope, on sentences whose gold codes are all standard, matched
    exactly by an asserted prediction (source code, target code, full code) — the PETRARCH unit-test
    criterion with the suite's fictional verb codes out of scope.
    """
    counts = {m: Counts() for m in EVENT_METRICS}
    no_event = no_event_hit = exact_scope = exact_pass = scored = 0
    standard_gold = standard_hit = 0
    for rec in records:
        if rec.get("scored") is False:
            continue
        scored += 1
        rows = predictions.get(str(rec.get("id")), [])
        is_no_event = bool(rec.get("no_event"))
        gold_events = _gold_events(rec)
        gold = gold_labels(rec, table)
        pred = predicted_labels(rows, table, use_plover_type=gold_has_plover_types(rec))
        has_asserted = any(counts_as_asserted(r.get("modality")) for r in rows)
        if is_no_event:
            no_event += 1
            no_event_hit += int(has_asserted)

        cameo_scope = is_no_event or (bool(gold_events) and all(_code(g.get("cameo")) for g in gold_events))
        plover_scope = is_no_event or bool(gold.plover)
        actors_ok = is_no_event or bool(rec.get("actors_scorable"))

        if cameo_scope:
            for m in ("cameo_root", "cameo_code"):
                g, p = getattr(gold, m), getattr(pred, m)
                counts[m].add(len(g & p), len(p), len(g))
        if plover_scope:
            counts["plover"].add(len(gold.plover & pred.plover), len(pred.plover), len(gold.plover))
        if cameo_scope and actors_ok:
            tp = max_matching(gold.triple, pred.triple, _triple_match)
            counts["triple"].add(tp, len(pred.triple), len(gold.triple))
            counts["exact_event"].add(
                len(gold.exact_event & pred.exact_event), len(pred.exact_event), len(gold.exact_event)
            )
            exact_scope += 1
            exact_pass += int(gold.exact_event == pred.exact_event)
            if standard_codes and gold.exact_event and all(e[2] in standard_codes for e in gold.exact_event):
                standard_gold += len(gold.exact_event)
                standard_hit += len(gold.exact_event & pred.exact_event)
        if plover_scope and actors_ok:
            tp = max_matching(gold.triple_plover, pred.triple_plover, _triple_match)
            counts["triple_plover"].add(tp, len(pred.triple_plover), len(gold.triple_plover))

    out: dict[str, Score] = {"records": len(records), "scored": scored}
    for m in EVENT_METRICS:
        out.update(counts[m].scores(m))
    out["no_event_sentences"] = no_event
    out["no_event_sentences_with_predictions"] = no_event_hit
    out["no_event_false_alarm_rate"] = no_event_hit / no_event if no_event else None
    out["exact_event_record_pass_rate"] = exact_pass / exact_scope if exact_scope else None
    if standard_codes:
        out["standard_code_events"] = standard_gold
        out["standard_code_events_matched"] = standard_hit
        out["standard_code_event_match_rate"] = standard_hit / standard_gold if standard_gold else None
    return out
