"""Matching exported rows to gold records: article_id, then duplicate_of, then identical text."""

from __future__ import annotations

from newsevents.evaluate.matching import predictions_for_records


def art(aid: str, text: str, dup: str | None = None) -> dict[str, object]:
    return {"article_id": aid, "text": text, "duplicate_of": dup}


def ev(aid: str, code: str) -> dict[str, object]:
    return {"article_id": aid, "cameo_code": code}


def test_by_article_id() -> None:
    records = [{"id": "r1", "text": "Ruritania thanked Freedonia."}]
    out = predictions_for_records(records, [art("r1", "Ruritania thanked Freedonia.")], [ev("r1", "051")])
    assert [e["cameo_code"] for e in out["r1"]] == ["051"]


def test_duplicate_of_used_when_id_has_no_rows() -> None:
    records = [{"id": "copy", "text": "Same words."}, {"id": "orig", "text": "Same words."}]
    articles = [art("orig", "Same words."), art("copy", "Same words.", dup="orig")]
    out = predictions_for_records(records, articles, [ev("orig", "042")])
    assert [e["cameo_code"] for e in out["copy"]] == ["042"]
    assert [e["cameo_code"] for e in out["orig"]] == ["042"]


def test_article_without_events_and_without_duplicate_gets_nothing() -> None:
    records = [{"id": "a", "text": "Nothing happened."}]
    articles = [art("a", "Nothing happened."), art("b", "Nothing happened.")]
    out = predictions_for_records(records, articles, [ev("b", "042")])
    assert out["a"] == []  # id exists: no fallback to text


def test_identical_text_when_id_unknown() -> None:
    records = [{"id": "lost", "text": "Gondor recalled its envoy. "}]
    articles = [art("other", "Gondor recalled its envoy."), art("twin", "Gondor recalled its envoy. ")]
    out = predictions_for_records(records, articles, [ev("twin", "161"), ev("other", "999")])
    assert [e["cameo_code"] for e in out["lost"]] == ["161"]  # byte-identical text only


def test_no_match_at_all() -> None:
    out = predictions_for_records([{"id": "z", "text": "Unseen."}], [], [])
    assert out == {"z": []}


def test_greedy_pairs_is_one_to_one_best_first() -> None:
    from newsevents.evaluate.matching import greedy_pairs

    # candidate (key, i, j): i=0 prefers j=1 (key 0.1) over j=0; i=1 can only take j=1 -> unmatched
    cands = [(0.5, 0, 0), (0.1, 0, 1), (0.2, 1, 1)]
    assert greedy_pairs(cands) == [(0, 1)]


def test_match_overlapping_spans_prefers_higher_iou() -> None:
    from newsevents.evaluate.matching import match_overlapping_spans

    pred = [(0, 10), (12, 14)]
    gold = [(0, 4), (0, 11), (20, 25)]
    # pred 0 overlaps gold 0 (IoU .4) and gold 1 (IoU .91): takes gold 1; pred 1 overlaps nothing
    assert match_overlapping_spans(pred, gold) == [(0, 1)]
