"""Span rules for time expressions (no model): entity repair, rule spans, merging."""

from __future__ import annotations

import itertools

from newsevents.dates.detect import entity_spans, merge_spans, refine_span, rule_spans


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_rule_spans_find_what_ner_misses() -> None:
    text = "Prices are now rising daily, and the ministry recently said the future looks bright."
    assert spans_text(text, rule_spans(text)) == ["now", "daily", "recently", "the future"]


def test_rule_spans_weekdays_dates_and_iso() -> None:
    text = "The vote on Tuesday, set for Oct. 7 and logged as 2018-10-07, was moved to next Monday."
    assert spans_text(text, rule_spans(text)) == ["Tuesday", "Oct. 7", "2018-10-07", "next Monday"]


def test_now_that_is_not_a_time_expression() -> None:
    assert rule_spans("Now that the talks failed, nobody knows.") == []


def test_refine_splits_period_end_clauses_and_drops_possessives() -> None:
    text = "Profit for the quarter ended Sept. 30 rose, beating last year's figure."
    q = text.index("the quarter")
    assert spans_text(text, refine_span(q, q + len("the quarter ended Sept. 30"), text)) == [
        "the quarter",
        "Sept. 30",
    ]
    ly = text.index("last year's")
    assert spans_text(text, refine_span(ly, ly + len("last year's"), text)) == ["last year"]


def test_refine_drops_ages_and_bare_numbers() -> None:
    text = "A 6-year-old boy and 44 others arrived."
    age = text.index("6-year-old")
    assert refine_span(age, age + len("6-year-old"), text) == []
    num = text.index("44")
    assert refine_span(num, num + 2, text) == []


def test_refine_trims_focus_words() -> None:
    text = "They met earlier this week."
    s = text.index("earlier")
    assert spans_text(text, refine_span(s, len(text) - 1, text)) == ["this week"]


def test_entity_spans_merges_adjacent_entities() -> None:
    text = "They spoke Wednesday night in Rome."
    wd, night = text.index("Wednesday"), text.index("night")
    merged = entity_spans([(wd, wd + 9, "DATE"), (night, night + 5, "TIME"), (0, 4, "PERSON")], text)
    assert spans_text(text, merged) == ["Wednesday night"]


def test_merge_spans_never_overlap() -> None:
    merged = merge_spans([(0, 10), (5, 12), (20, 25)], [(8, 9), (13, 15), (24, 30)])
    assert merged == [(0, 10), (13, 15), (20, 25)]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(merged))


_RULE_SENTENCES = [
    "Right now the talks are stalled; just now a delegate left, and currently nobody speaks.",
    "Recent rains and the recent past matter less than the near future or the long term.",
    "These days, nowadays and at present the market opens daily, weekly and monthly.",
    "Every Monday and each week the council meets; tonight, today, yesterday and tomorrow too.",
    "Last Friday, next Tuesday and this Sunday the ferry ran on time.",
    "On Oct. 7 and on 7 October, and on 2018-10-07, and in mid-July the envoy returned.",
    "The 1990s, the past decade, the coming months and a year earlier were quiet.",
    "At 10:30 a.m. and at noon on Wednesday the strike ended; by Thursday it had resumed.",
    "Two weeks ago, three days later and five years from now the budget changes.",
    "Earlier this year, later this month and early next week the vote takes place.",
    "Élections à Paris: le 3 mars, l'été dernier.",  # non-ASCII words are always tried
]


def test_rule_spans_try_every_word_that_can_open_a_rule() -> None:
    import json
    from importlib import resources

    from newsevents.dates.detect import _RULES, rule_spans

    samples = resources.files("newsevents").joinpath("samples", "sample_articles.jsonl").read_text("utf-8")
    texts = [*_RULE_SENTENCES, *(json.loads(line)["text"] for line in samples.splitlines() if line.strip())]
    found = 0
    for text in texts:
        expected = [(m.start(), m.end()) for m in _RULES.finditer(text)]
        assert rule_spans(text) == expected, text[:80]
        found += len(expected)
    assert found > 30  # the sentences above do exercise the rules
