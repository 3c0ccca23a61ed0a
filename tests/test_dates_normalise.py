"""Normalisation rules of time expressions (no model): own sentences' expressions, fixed anchors."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.dates.normalise import Timex, normalise, parse_number, uses_reference

MON = dt.date(2018, 10, 8)  # a Monday


def value(text: str, anchor: dt.date | None = MON, tense: str | None = None) -> str | None:
    timex = normalise(text, anchor, tense)
    return None if timex is None else timex.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sunday", "2018-10-07"),
        ("on Sunday", "2018-10-07"),
        ("Monday", "2018-10-08"),  # the publication day itself
        ("Friday", "2018-10-05"),
        ("last Friday", "2018-10-05"),
        ("next Friday", "2018-10-12"),
    ],
)
def test_weekdays_look_back_in_past_news(text: str, expected: str) -> None:
    assert value(text, tense="past") == expected


def test_weekday_with_future_tense_looks_ahead() -> None:
    assert value("Friday", tense="future") == "2018-10-12"
    assert value("Sunday", tense="future") == "2018-10-14"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last month", "2018-09"),
        ("this month", "2018-10"),
        ("next month", "2018-11"),
        ("last year", "2017"),
        ("this year", "2018"),
        ("next year", "2019"),
        ("last week", "2018-W40"),
        ("this week", "2018-W41"),
        ("two weeks ago", "2018-W39"),
        ("five days ago", "2018-10-03"),
        ("three months ago", "2018-07"),
        ("yesterday", "2018-10-07"),
        ("tomorrow", "2018-10-09"),
        ("today", "2018-10-08"),
    ],
)
def test_relative_units(text: str, expected: str) -> None:
    assert value(text) == expected


def test_month_names_take_the_last_one_unless_future() -> None:
    assert value("in July") == "2018-07"
    assert value("July", tense="past") == "2018-07"
    assert value("in February") == "2018-02"
    assert value("July", tense="future") == "2019-07"
    assert value("in December") == "2018-12"  # close ahead (under 100 days): the coming December
    assert value("last March") == "2018-03"  # the most recent March before the anchor (TimeML)
    assert value("last November") == "2017-11"


def test_month_day_and_absolute_dates() -> None:
    assert value("Oct. 7") == "2018-10-07"
    assert value("October 7, 2016") == "2016-10-07"
    assert value("7 October 2016") == "2016-10-07"
    assert value("2018-10-07") == "2018-10-07"
    assert value("2018-W41") == "2018-W41"
    assert value("May 2015") == "2015-05"
    assert value("1994") == "1994"
    assert value("the 1990s") == "199"
    assert value("Aug. 20", tense="past") == "2018-08-20"
    assert value("Nov. 3") == "2018-11-03"  # a deadline a few weeks ahead


def test_weekday_fixes_the_year_of_a_month_day() -> None:
    # 2017-10-06 was a Friday; 2018-10-06 a Saturday.
    assert value("Friday, Oct. 6", tense="past") == "2017-10-06"


def test_durations_sets_and_references() -> None:
    assert normalise("three days", MON) == Timex("DURATION", "P3D")
    assert normalise("the past decade", MON) == Timex("DURATION", "P10Y")
    assert normalise("the past two months", MON) == Timex("DURATION", "P2M")
    assert normalise("several weeks", MON) == Timex("DURATION", "PXW")
    assert normalise("six hours", MON) == Timex("DURATION", "PT6H")
    assert normalise("12-hour", MON) == Timex("DURATION", "PT12H")
    assert normalise("weekly", MON) == Timex("SET", "P1W")
    assert normalise("every Tuesday", MON) == Timex("SET", "XXXX-WXX-2")
    assert normalise("now", MON) == Timex("DATE", "PRESENT_REF")
    assert normalise("recently", MON) == Timex("DATE", "PAST_REF")
    assert normalise("the near future", MON) == Timex("DATE", "FUTURE_REF")


def test_quarters_seasons_and_clock_times() -> None:
    assert value("the third quarter") == "2018-Q3"
    assert value("the fourth quarter", dt.date(2019, 1, 20)) == "2018-Q4"
    assert value("last summer") == "2017-SU"
    assert normalise("9:30 a.m.", MON) == Timex("TIME", "2018-10-08T09:30")
    assert normalise("Sunday night", MON, "past") == Timex("TIME", "2018-10-07TNI")
    assert normalise("noon Friday", MON, "past") == Timex("TIME", "2018-10-05T12:00")


def test_modifiers_are_kept_apart_from_the_value() -> None:
    timex = normalise("late last month", MON)
    assert timex is not None and timex.value == "2018-09" and timex.mod == "END"
    approx = normalise("about two weeks", MON)
    assert approx is not None and approx.value == "P2W" and approx.mod == "APPROX"


def test_reference_time_resolves_anaphoric_expressions() -> None:
    assert normalise("a year earlier", MON, references=("2018-Q2",)) == Timex("DATE", "2017-Q2")
    assert normalise("two days later", MON, references=("2018-09-20",)) == Timex("DATE", "2018-09-22")
    assert normalise("the quarter", MON, references=("2018-Q3",)) == Timex("DATE", "2018-Q3")
    assert uses_reference("a year earlier") and not uses_reference("last year")


def test_without_publication_date_values_stay_relative() -> None:
    assert value("Sunday", None) == "XXXX-WXX-7"
    assert value("in July", None) == "XXXX-07"
    assert value("Oct. 7", None) == "XXXX-10-07"
    assert value("yesterday", None) == "XXXX-XX-XX"
    assert value("last month", None) == "PAST_REF"
    assert value("two weeks ago", None) == "PAST_REF"
    assert value("this year", None) == "XXXX"
    assert value("October 7, 2016", None) == "2016-10-07"  # absolute dates need no anchor


def test_not_time_expressions() -> None:
    assert normalise("6-year-old", MON) is None
    assert normalise("52 years old", MON) is None
    assert normalise("the minister", MON) is None
    assert normalise("", MON) is None


def test_parse_number() -> None:
    assert parse_number("twenty-one") == 21
    assert parse_number("two") == 2
    assert parse_number("1 1/2") == 1.5
    assert parse_number("several") is None
