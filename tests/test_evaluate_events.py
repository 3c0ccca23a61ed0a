"""Event metrics on made-up sentences: scopes, modality filter, no-event false alarms, IGO wildcard."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.evaluate.scoring_events import max_matching, score_events

TABLE = {
    "04": "CONSULT",
    "042": "CONSULT",
    "11": "ACCUSE",
    "111": "ACCUSE",
    "19": "ASSAULT",
    "06": "COOPERATE",
}


def gold(
    cameo: str | None, source: str | None = None, target: str | None = None, plover: str | None = None
) -> dict[str, Any]:
    return {
        "cameo": cameo,
        "cameo_root": cameo[:2] if cameo else None,
        "plover": plover,
        "source": source,
        "target": target,
    }


def rec(
    rid: str,
    events: list[dict[str, Any]],
    *,
    no_event: bool = False,
    scored: bool = True,
    actors: bool = True,
) -> dict[str, Any]:
    return {
        "id": rid,
        "text": f"made-up sentence {rid}",
        "gold_events": events,
        "no_event": no_event,
        "scored": scored,
        "actors_scorable": actors,
    }


def pred(
    cameo: str | None,
    source: str | None = None,
    target: str | None = None,
    *,
    modality: str | None = "asserted",
    plover: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    row = {
        "cameo_code": cameo,
        "cameo_root": cameo[:2] if cameo else None,
        "source_code": source,
        "target_code": target,
        "modality": modality,
        "plover_type": plover,
    }
    row.update(extra)
    return row


def test_perfect_prediction() -> None:
    records = [rec("a", [gold("042", "USAGOV", "PRKGOV")])]
    scores = score_events(records, {"a": [pred("042", "USAGOV", "PRKGOV")]}, TABLE)
    for metric in ("cameo_root", "cameo_code", "plover", "triple", "triple_plover", "exact_event"):
        assert scores[f"{metric}.f1"] == 1.0, metric
    assert scores["exact_event_record_pass_rate"] == 1.0


def test_sets_per_sentence_and_micro_average() -> None:
    records = [
        rec("a", [gold("042", "USAGOV", "PRKGOV"), gold("043", "USAGOV", "PRKGOV")]),
        rec("b", [gold("111", "RUS", "UKR")]),
    ]
    preds = {
        "a": [pred("042"), pred("042"), pred("190")],  # duplicate labels collapse into a set
        "b": [],
    }
    s = score_events(records, preds, TABLE)
    # cameo_root: a gold {04}, pred {04, 19}; b gold {11}, pred {} -> TP 1, pred 2, gold 2
    assert (s["cameo_root.tp"], s["cameo_root.pred"], s["cameo_root.gold"]) == (1, 2, 2)
    assert s["cameo_root.p"] == pytest.approx(0.5)
    assert s["cameo_root.r"] == pytest.approx(0.5)
    # cameo_code: gold {042, 043} + {111}; pred {042, 190}
    assert (s["cameo_code.tp"], s["cameo_code.pred"], s["cameo_code.gold"]) == (1, 2, 3)
    assert s["cameo_code.f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_only_asserted_modality_counts() -> None:
    records = [rec("a", [gold("042", "USAGOV", "PRKGOV")])]
    preds = {
        "a": [
            pred("042", "USAGOV", "PRKGOV", modality=None),
            pred("190", modality="negated"),
            pred("111", modality="hypothetical"),
            pred("060", modality="future"),
            pred("043", modality=""),
        ]
    }
    s = score_events(records, preds, TABLE)
    assert s["cameo_code.pred"] == 2  # 042 (null modality) and 043 (empty modality)
    assert s["cameo_root.pred"] == 1


def test_no_event_sentence_false_positive_in_every_metric() -> None:
    records = [rec("quiet", [], no_event=True), rec("quiet2", [], no_event=True)]
    preds = {"quiet": [pred("042", "USA", "CHN")], "quiet2": [pred("190", modality="negated")]}
    s = score_events(records, preds, TABLE)
    for metric in ("cameo_root", "cameo_code", "plover", "triple", "triple_plover", "exact_event"):
        assert s[f"{metric}.pred"] == 1, metric
        assert s[f"{metric}.tp"] == 0
        assert s[f"{metric}.sentences"] == 2
    assert s["no_event_sentences"] == 2
    assert s["no_event_sentences_with_predictions"] == 1
    assert s["no_event_false_alarm_rate"] == pytest.approx(0.5)
    assert s["exact_event_record_pass_rate"] == pytest.approx(0.5)


def test_unscored_records_are_skipped() -> None:
    records = [rec("x", [gold("042")], scored=False), rec("y", [], no_event=True, scored=False)]
    s = score_events(records, {"x": [pred("190")], "y": [pred("190")]}, TABLE)
    assert s["scored"] == 0
    assert s["cameo_root.pred"] == 0
    assert s["no_event_sentences"] == 0
    assert s["no_event_false_alarm_rate"] is None


def test_cameo_scope_requires_all_gold_codes() -> None:
    # PLOVER-only gold (cameo null) counts only for the PLOVER metrics
    records = [
        rec("p", [gold(None, "USA", "CHN", plover="CONSULT"), gold("042", "USA", "CHN", plover="CONSULT")])
    ]
    s = score_events(records, {"p": [pred("042", "USA", "CHN")]}, TABLE)
    assert s["cameo_root.sentences"] == 0
    assert s["triple.sentences"] == 0
    assert s["plover.sentences"] == 1
    assert s["triple_plover.f1"] == 1.0


def test_triples_need_actors_scorable() -> None:
    records = [rec("a", [gold("042", None, None)], actors=False)]
    s = score_events(records, {"a": [pred("042", "USAGOV", "PRKGOV")]}, TABLE)
    assert s["cameo_root.f1"] == 1.0
    assert s["triple.sentences"] == 0
    assert s["exact_event.sentences"] == 0
    assert s["exact_event_record_pass_rate"] is None


def test_plover_prediction_uses_plover_type_only_where_gold_has_plover() -> None:
    records = [
        rec("gsr", [gold(None, "USA", None, plover="ACCUSE")]),
        rec("manual", [gold("111", "USA", None)]),
    ]
    preds = {
        # GSR sentence: plover_type "DISAPPROVE" (v0.5b1 alias of ACCUSE) wins over the mapped code
        "gsr": [pred("042", "USAGOV", None, plover="disapprove")],
        # CAMEO-only sentence: always the mapped cameo_code (111 -> ACCUSE), plover_type ignored
        "manual": [pred("111", "USAGOV", None, plover="CONSULT")],
    }
    s = score_events(records, preds, TABLE)
    assert (s["plover.tp"], s["plover.pred"], s["plover.gold"]) == (2, 2, 2)
    assert s["triple_plover.tp"] == 2


def test_plover_type_missing_falls_back_to_mapped_code() -> None:
    records = [rec("gsr", [gold(None, "USA", "CHN", plover="CONSULT")])]
    s = score_events(records, {"gsr": [pred("0421", "USA", "CHN", plover=None)]}, TABLE)
    assert s["plover.f1"] == 1.0


def test_unmappable_codes_give_no_plover_label() -> None:
    records = [rec("s", [gold("010", "USA", None)]), rec("t", [gold("010", "USA"), gold("042", "USA")])]
    preds = {"s": [pred("010", "USA")], "t": [pred("012", "USA"), pred("042", "USA")]}
    s = score_events(records, preds, TABLE)
    assert s["plover.sentences"] == 1  # "s" has no mappable gold label
    assert (s["plover.tp"], s["plover.pred"], s["plover.gold"]) == (1, 1, 1)


def test_country_rules_in_triples() -> None:
    records = [
        rec(
            "a",
            [
                gold("042", "IGO", "JAPGOV"),  # bare IGO matches any IGO...; legacy JAP = JPN
                gold("190", "---REB", None),  # no target -> "---"
                gold("111", "REB", "IGOUNOMIL"),  # sector-leading code -> "---"; IGO + org
            ],
        )
    ]
    preds = {
        "a": [
            pred("042", "IGOEUR", None, target_country="JPN"),  # null code -> target_country
            pred("190", None, None),
            pred("111", "REB", "IGOUNO"),
        ]
    }
    s = score_events(records, preds, TABLE)
    assert s["triple.tp"] == 3
    assert s["triple.f1"] == 1.0
    # exact_event compares the raw upper-case codes, so none of these match
    assert s["exact_event.tp"] == 0


def test_exact_event_uses_raw_codes() -> None:
    records = [rec("a", [gold("190", "usagov", None), gold("042", "IGO", "PRKGOV")])]
    preds = {"a": [pred("190", "USAGOV", None), pred("042", "IGOUNO", "PRKGOV")]}
    s = score_events(records, preds, TABLE)
    assert s["exact_event.tp"] == 1  # bare IGO is no wildcard for exact codes
    assert s["triple.tp"] == 2
    assert s["exact_event_record_pass_rate"] == 0.0


def test_standard_code_match_rate_leaves_out_sentences_with_test_codes() -> None:
    records = [
        rec("std", [gold("042", "AAA", "BBB"), gold("111", "BBB", "AAA")]),
        rec("mixed", [gold("042", "AAA", "BBB"), gold("345", "AAA", "BBB")]),
        rec("none", [], no_event=True),
    ]
    preds = {
        "std": [pred("042", "AAA", "BBB"), pred("111", "BBB", "CCC")],
        "mixed": [pred("042", "AAA", "BBB")],
        "none": [pred("190", "AAA", "BBB")],
    }
    s = score_events(records, preds, TABLE, frozenset({"042", "111", "190"}))
    assert s["standard_code_events"] == 2
    assert s["standard_code_events_matched"] == 1
    assert s["standard_code_event_match_rate"] == 0.5
    assert "standard_code_events" not in score_events(records, preds, TABLE)


def test_triples_one_to_one_with_wildcard() -> None:
    # two gold IGO triples cannot both be matched by a single prediction
    records = [rec("a", [gold("042", "IGO", "USA"), gold("042", "IGOUNO", "USA")])]
    s = score_events(records, {"a": [pred("042", "IGOUNO", "USA")]}, TABLE)
    assert (s["triple.tp"], s["triple.pred"], s["triple.gold"]) == (1, 1, 2)


def test_max_matching_finds_augmenting_path() -> None:
    def match(g: str, p: str) -> bool:
        return g == p or g == "*"

    assert max_matching({"*", "a"}, {"a", "b"}, match) == 2
    assert max_matching({"*"}, set(), match) == 0
