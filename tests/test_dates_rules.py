"""Normalisation and detection rules of the second error analysis (issue #4); own sentences, fixed anchors."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.dates.detect import rule_spans, segment_span
from newsevents.dates.normalise import Timex, normalise
from newsevents.dates.stage import find_time_expressions

WED = dt.date(2018, 10, 10)  # a Wednesday, in the fourth quarter


def value(
    text: str, anchor: dt.date | None = WED, tense: str | None = None, refs: tuple[str, ...] = ()
) -> str:
    timex = normalise(text, anchor, tense, refs)
    assert timex is not None, text
    return timex.value


def test_present_tense_weekday_looks_ahead_past_tense_looks_back() -> None:
    assert value("Friday", tense="present") == "2018-10-12"
    assert value("Friday", tense="past") == "2018-10-05"
    assert value("Friday") == "2018-10-05"  # unknown tense: news reports the past


def test_a_year_earlier_beside_quarterly_figures_is_that_quarter_a_year_before() -> None:
    assert value("a year ago", refs=("2018-Q3",)) == "2017-Q3"
    assert value("a year earlier", refs=("2018-Q2", "2018-09-30")) == "2017-Q2"
    assert value("a year ago") == "2017"  # no quarter in focus: the year


def test_the_previous_weekday_is_before_the_day_in_focus() -> None:
    assert value("the previous Monday", refs=("2018-09-20",)) == "2018-09-17"  # a Thursday in focus
    assert value("the preceding Thursday", refs=("2018-09-20",)) == "2018-09-13"


@pytest.mark.parametrize("text", ["year-end", "year end", "year's end"])
def test_year_end_is_the_end_of_the_year(text: str) -> None:
    assert normalise(text, WED) == Timex("DATE", "2018", "END")
    assert normalise(text, WED, "past") == Timex("DATE", "2017", "END")


def test_counted_durations_are_found_by_rule_but_ages_are_not() -> None:
    text = "The strike lasted 12 more days; the 40 years old plant stayed shut for three weeks."
    found = [text[s:e] for s, e in rule_spans(text)]
    assert "12 more days" in found and "three weeks" in found
    assert not any("40 years" in f for f in found)
    assert value("12 more days") == "P12D"


def test_segment_span_keeps_the_longest_readable_piece() -> None:
    def readable(fragment: str) -> bool:
        return normalise(fragment, WED) is not None

    text = "the flood last month"
    piece = segment_span(0, len(text), text, readable)
    assert piece is not None and text[piece[0] : piece[1]] == "last month"
    text = "roughly by next spring"
    piece = segment_span(0, len(text), text, readable)
    assert piece is not None and text[piece[0] : piece[1]] == "next spring"
    text = "that day"  # a bare unit is no piece
    assert segment_span(0, len(text), text, readable) is None


def _parsed(text: str, anchor: dt.date = WED) -> dict[str, str]:
    from newsevents.nlp import load_model

    return {text[s:e]: t.value for s, e, t in find_time_expressions(load_model()(text), text, anchor)}


@pytest.mark.model
def test_possessive_weekday_takes_no_tense_from_the_clause() -> None:
    found = _parsed("Analysts expect prices to stay above Monday's close.")
    assert found.get("Monday") == "2018-10-08"


@pytest.mark.model
def test_present_tense_weekday_in_the_parse_is_the_next_one() -> None:
    found = _parsed("The two ministers meet Friday in Oslo.")
    assert found.get("Friday") == "2018-10-12"


@pytest.mark.model
def test_deadline_month_with_by_is_ahead() -> None:
    found = _parsed("The club has to sell the stadium by March.")
    assert found.get("March") == "2019-03"


@pytest.mark.model
def test_in_n_years_with_a_modal_is_a_date_ahead() -> None:
    found = _parsed("The bonds would mature in ten years, the issuer said.")
    assert found.get("ten years") == "2028"


@pytest.mark.model
def test_readable_piece_of_an_unreadable_entity_is_kept() -> None:
    found = _parsed("The museum reopened after a long renovation shortly before the storm last month.")
    assert found.get("last month") == "2018-09"
