"""TIMEX3 guideline readings added after the dev error analysis; own sentences, fixed anchors."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.dates.normalise import Timex, is_comparison, normalise, uses_reference
from newsevents.dates.stage import find_time_expressions

WED = dt.date(2018, 10, 10)  # a Wednesday


def value(
    text: str, anchor: dt.date | None = WED, tense: str | None = None, refs: tuple[str, ...] = ()
) -> str:
    timex = normalise(text, anchor, tense, refs)
    assert timex is not None, text
    return timex.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last April", "2018-04"),  # the most recent April, not the one of last year
        ("last December", "2017-12"),
        ("June last year", "2017-06"),
        ("February this year", "2018-02"),
        ("March of next year", "2019-03"),
        ("this past spring", "2018-SP"),
    ],
)
def test_month_and_season_with_a_relative_word(text: str, expected: str) -> None:
    assert value(text) == expected


def test_a_future_month_while_it_lasts_is_this_one() -> None:
    assert value("the end of October", tense="future") == "2018-10"
    assert value("September", tense="future") == "2019-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 1/2 years", "P2Y6M"),
        ("four and a half hours", "PT4H30M"),
        ("a minute and a half", "PT1M30S"),
        ("a day and a half", "P1DT12H"),
        ("half an hour", "PT30M"),
        ("1.5 weeks", "P1.5W"),  # no whole number of days: keep the fraction
        ("a couple of weeks", "P2W"),
        ("the next couple of months", "P2M"),
    ],
)
def test_durations_without_decimal_fractions(text: str, expected: str) -> None:
    assert normalise(text, WED) == Timex("DURATION", expected)


@pytest.mark.parametrize(
    ("text", "refs", "expected"),
    [
        ("that year", ("2011-05-02",), "2011"),
        ("later that year", ("2011-05-02",), "2011"),
        ("the following month", ("2011-05-02",), "2011-06"),
        ("the following year", ("2011",), "2012"),
        ("that quarter", ("2011-08-15",), "2011-Q3"),
        ("the same day", ("2011-05-02",), "2011-05-02"),
        ("the day", ("2011-05-02",), "2011-05-02"),
        ("the previous week", ("2011-05-02",), "2011-W17"),
    ],
)
def test_anaphoric_units_follow_the_reference_time(text: str, refs: tuple[str, ...], expected: str) -> None:
    assert value(text, refs=refs) == expected


def test_anaphoric_units_without_reference_stay_underspecified() -> None:
    assert value("that year") == "XXXX"
    assert value("the following month") == "XXXX-XX"


@pytest.mark.parametrize(
    ("text", "refs", "expected"),
    [
        ("the year-earlier second quarter", (), "2017-Q2"),
        ("the comparable year-ago quarter", ("2018-Q2",), "2017-Q2"),
        ("the quarter a year earlier", ("2018-Q2",), "2017-Q2"),
        ("this year's first quarter", (), "2018-Q1"),
        ("next year's fourth quarter", (), "2019-Q4"),
        ("last year's quarter", ("2018-Q2",), "2017-Q2"),
        ("the fiscal-third quarter", (), "2018-Q3"),
        ("the full year", (), "2018"),
        ("the fiscal year", (), "2018"),
    ],
)
def test_fiscal_periods(text: str, refs: tuple[str, ...], expected: str) -> None:
    assert value(text, refs=refs) == expected


def test_comparisons_do_not_move_the_focus() -> None:
    assert is_comparison("the year-earlier second quarter") and uses_reference("the quarter a year earlier")
    assert is_comparison("last year's quarter") and not is_comparison("this year's first quarter")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January nineteen ninety-seven", "1997-01"),
        ("the winter of nineteen eighty-two", "1982-WI"),
        ("the year two thousand", "2000"),
        ("the sixties", "196"),
        ("the late 1970s", "197"),
        ("between 1985", "1985"),
    ],
)
def test_spelled_years_decades_and_leading_words(text: str, expected: str) -> None:
    assert value(text) == expected


def _parsed(text: str, anchor: dt.date = WED) -> list[tuple[str, Timex]]:
    from newsevents.nlp import load_model

    return [(text[s:e], t) for s, e, t in find_time_expressions(load_model()(text), text, anchor)]


@pytest.mark.model
def test_one_day_is_a_duration_unless_a_modal_makes_it_the_future() -> None:
    assert normalise("one day", WED) == Timex("DURATION", "P1D")
    text = "The bridge will one day link the two towns, but the ferry took one day."
    values = [t.value for _text, t in _parsed(text)]
    assert values == ["FUTURE_REF", "P1D"]


@pytest.mark.model
def test_year_ended_is_a_twelve_month_duration() -> None:
    text = "The brewer earned $5 million in the year ended June 30, its chairman said."
    found = dict(_parsed(text))
    assert found["the year"] == Timex("DURATION", "P1Y")
    assert found["June 30"].value == "2018-06-30"


@pytest.mark.model
def test_last_year_compared_with_a_quarter_is_that_quarter() -> None:
    text = (
        "The chain said profit in the second quarter rose to $4 million, compared with $3 million last year. "
        "It hired more staff last year."
    )
    found = [(t, x.value) for t, x in _parsed(text)]
    assert found == [("the second quarter", "2018-Q2"), ("last year", "2017-Q2"), ("last year", "2017")]


def test_rule_spans_inside_an_unreadable_entity_survive() -> None:
    # with no parse only the rule spans exist; the spelled-out year is one of them
    text = "It happened in nineteen ninety-four, the minister recalled."
    assert [t.value for _s, _e, t in find_time_expressions(None, text, WED)] == ["1994"]


def test_no_publication_date_keeps_values_relative() -> None:
    assert value("last April", None) == "XXXX-04"
    assert value("June last year", None) == "XXXX-06"
    assert value("this year's first quarter", None) == "XXXX-Q1"
    assert value("the year-earlier second quarter", None) == "XXXX-Q2"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers planned a protest in the capital on Saturday.", "2018-10-13"),  # what is planned lies ahead
        ("On Monday, the union planned to strike.", "2018-10-08"),  # the planning itself was on Monday
        ("The ceasefire had been due to expire Friday.", "2018-10-05"),  # past perfect looks back
        ("The mayor extended the curfew until Friday.", "2018-10-12"),
        ("Until Friday, the police had not named a suspect.", "2018-10-05"),
        ("The new tariff takes effect under a law effective Nov. 1.", "2018-11-01"),
    ],
)
def test_tense_clues_pick_the_weekday_or_date(text: str, expected: str) -> None:
    values = [t.value for _text, t in _parsed(text)]
    assert values == [expected]
