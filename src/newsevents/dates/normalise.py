"""TIMEX3-style normalisation of one time expression against an anchor (the publication date).

:func:`normalise` maps the text of a time expression ("Sunday", "last month", "two weeks ago", "Oct. 7",
"the past decade", "weekly" ...) to a :class:`Timex` with a TIMEX3 ``type`` (DATE, TIME, DURATION, SET)
and ``value`` (``2018-10-07``, ``2018-09``, ``2018-W41``, ``P10Y``, ``PRESENT_REF``, ``P1W`` ...).

Relative expressions are resolved against ``anchor``; without an anchor they keep an underspecified
value (``XXXX-07``, ``XXXX-WXX-7``, ``XXXX-XX-XX``) and no date is ever invented. ``tense`` ("past",
"present", "future" or None) of the governing verb decides whether "Sunday" / "in July" / "Oct. 7" is the
one before or after the anchor: past and unknown tense look back (news reports the past), future and
present look ahead for weekdays; month names and month-day dates without a year take the nearest one
(ties look back) unless the tense is known.

Pure functions; the patterns are compiled once at import (no I/O).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Timex", "is_comparison", "normalise", "parse_number", "uses_reference"]


@dataclass(frozen=True)
class Timex:
    """A normalised time expression: TIMEX3 ``type`` and ``value``; ``mod`` as in TIMEX3 (or None)."""

    type: str
    value: str
    mod: str | None = None


# --------------------------------------------------------------------------------------------- lexicon

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip
_SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_VAGUE = frozenset({"few", "a few", "several", "some", "many", "a number of"})
# unit -> (TIMEX3 letter, is a time-of-day unit, multiplier)
_UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "sec": ("S", True, 1), "minute": ("M", True, 1), "min": ("M", True, 1),
    "hour": ("H", True, 1), "hr": ("H", True, 1), "day": ("D", False, 1), "night": ("D", False, 1),
    "week": ("W", False, 1), "fortnight": ("W", False, 2), "month": ("M", False, 1),
    "quarter": ("Q", False, 1), "year": ("Y", False, 1), "decade": ("Y", False, 10),
    "century": ("Y", False, 100), "millennium": ("Y", False, 1000),
}  # fmt: skip
_SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS: dict[str, str] = {
    "morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
    "mid-afternoon": "TAF", "midafternoon": "TAF", "mid-morning": "TMO", "midmorning": "TMO",
}  # fmt: skip
_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "valentine's day": (2, 14), "halloween": (10, 31), "bastille day": (7, 14),
}  # fmt: skip
_PRESENT = frozenset(
    {"now", "right now", "just now", "currently", "current", "at present", "presently", "the present",
     "at the moment", "these days", "nowadays", "this time", "this moment", "today's"}
)  # fmt: skip
_PAST = frozenset(
    {"recently", "recent", "lately", "the past", "in the past", "previously", "formerly", "earlier",
     "years ago", "long ago", "a while ago", "some time ago", "once", "the recent past", "more recently",
     "the old days"}
)  # fmt: skip
_FUTURE = frozenset(
    {"the future", "future", "soon", "the near future", "the near term", "the short term", "the long term",
     "the coming", "a later date", "later", "as soon as possible", "the days ahead", "the years ahead",
     "the months ahead", "the weeks ahead", "in the future", "in the near future", "someday"}
)  # fmt: skip
_SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
    "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
}  # fmt: skip

_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WD_RE = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)
_NUMWORD = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|single|few|a few|several|some|many|a couple of|couple of|a number of"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine))"
)
_NUM_RE = rf"(?P<num>{_NUMWORD}(?:\s+(?:or|to)\s+{_NUMWORD})?(?:\s+and\s+a\s+half|\s+1/2)?)"
_UNIT_RE = (
    r"(?P<unit>(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|night|week|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie)|millenni(?:um|a))s?)"
)
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[0-9]|20)\d\d)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Full-match patterns, tried in order on the prepared (lower-cased, de-punctuated) text.
_P_ISO_DAY = _c(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:t(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?")
_P_ISO_WEEK = _c(r"(?P<y>\d{4})-?w(?P<w>\d\d?)")
_P_ISO_MONTH = _c(r"(?P<y>\d{4})-(?P<m>\d\d)")
_P_SLASH = _c(r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)")
_P_MONTH_DAY = _c(rf"(?:{_WD_RE},?\s+)?{_MONTH_RE}\s+{_DAY_RE}(?:,?\s+{_YEAR_RE})?")
_P_DAY_MONTH = _c(rf"(?:{_WD_RE},?\s+)?(?:the\s+)?{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE})?")
_P_MONTH_YEAR = _c(rf"{_MONTH_RE}(?:,?\s+|\s+of\s+){_YEAR_RE}")
_P_MONTH_REL_YEAR = _c(rf"{_MONTH_RE},?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year")
_P_MONTH = _c(rf"(?P<rel>last|this|next|past|previous|coming)?\s*{_MONTH_RE}")
_P_YEAR = _c(rf"(?:(?:fiscal|fy|calendar|the\s+year|year|model\s+year)\s+)?{_YEAR_RE}(?:\s+period)?")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
_P_DECADE_WORD = _c(
    r"(?:the\s+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
)
_P_DECADE = _c(r"(?:the\s+)?(?:(?P<cent>1[0-9]|20)|')?(?P<dec>\d)0s")
_P_CENTURY = _c(r"(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century|(?P<w>\w+)[- ]century")
_P_QUARTER = _c(
    r"(?:fiscal[-\s]+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[- ]|\s+fiscal\s+)quarters?"
    r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>\d{4}))?"
    r"|(?P<year2>\d{4})\s+(?P<q2>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"|q(?P<q3>[1-4])(?:\s+(?P<year3>\d{4}))?"
)
_P_HALF = _c(r"(?P<h>first|second|1st|2nd)[- ]half(?:\s+of\s+(?P<year>\d{4}))?")
_P_SEASON = _c(
    r"(?:this\s+)?(?P<rel>last|this|next|past|previous|coming|early|late)?\s*(?P<s>spring|summer|fall|autumn|winter)"
    r"(?:\s+of\s+|\s+)?(?P<year>\d{4})?"
)
_P_REL_UNIT = _c(
    r"(?P<rel>last|this|next|past|previous|coming|current|following|same|that)\s+"
    r"(?P<unit>week|weekend|month|quarter|year|decade|century|fiscal\s+year)"
)
_P_YEAR_END = _c(r"(?:the\s+)?year(?:-|\s+|\s+s\s+)end")
_P_WHOLE_YEAR = _c(r"(?:the\s+)?(?:full|fiscal|calendar)\s+year")
_P_THE_UNIT = _c(r"(?:the\s+)?(?P<unit>week|weekend|month|quarter|year|day)")
_P_AGO = _c(rf"{_NUM_RE}\s*(?:-|\s)?{_UNIT_RE}\s+(?:or\s+so\s+)?(?:ago|back|earlier|before)")
_P_HENCE = _c(rf"{_NUM_RE}\s*(?:-|\s)?{_UNIT_RE}\s+(?:from\s+now|hence)")
_P_DURATION = _c(
    rf"(?:(?:the|this|that|its|his|her|their)\s+)?(?:(?P<rel>past|last|next|coming|first|previous"
    rf"|latest|recent|following|final|remaining)\s+)?{_NUM_RE}?\s*(?:-|\s)?(?:more\s+|full\s+|long\s+)?"
    rf"{_UNIT_RE}(?P<tail>\s+and\s+a\s+half|\s+or\s+(?:so|two|more|longer)|-long|\s+long|\s+later"
    rf"|\s+earlier)?"
)
_P_HALF_A_UNIT = _c(r"(?:a\s+)?half\s+(?:an?\s+)?(?P<unit>year|week|day|hour|minute)")
_P_A_UNIT_HALF = _c(rf"an?\s+{_UNIT_RE}\s+and\s+a\s+half")
_P_AGE = _c(rf"{_NUM_RE}?\s*(?:-|\s)?(?:year|month|week|day)s?(?:-|\s)old|aged?\s+\d+|\d+\s*(?:-|\s)years?")
_P_SET = _c(
    r"(?:every|each|per|(?:once|twice|three\s+times|several\s+times)\s+(?:a|an|per|every))\s+(?:other\s+)?"
    r"(?P<what>[a-z]+)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)
_P_WD_PLURAL = _c(rf"{_WD_RE}(?:s|s?\s+(?P<part>morning|afternoon|evening|night)s)")
_P_TIME = _c(
    r"(?P<h>[012]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>am|pm)?(?:\s+(?:[a-z]{1,2}[sd]t|gmt|utc|local\s+time))?"
)
_P_NAMED_TIME = _c(r"noon|midnight|midday|mid-day")
_P_IN_THE_PART = _c(r"(?P<h>[012]?\d)\s+(?:o'clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening)")
_P_WEEKDAY = _c(rf"(?P<rel>last|this|next|on|past|coming|previous|early|late)?\s*{_WD_RE}")
_P_DAY_WORD = _c(
    r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|last\s+night|this\s+(?:morning|afternoon|evening)|the\s+(?:morning|afternoon|evening|night))"
)
_P_CLOCK_DAY = _c(r"(?P<t>.*(?:am|pm|noon|midnight|midday|gmt|utc|[a-z][sd]t))\s*,?\s+(?:on\s+)?(?P<d>.+)")
_P_DAY_PART_SUFFIX = _c(r"(?P<head>.+?)\s+(?P<part>morning|afternoon|evening|night)")
_P_PART_PREFIX = _c(
    r"(?P<part>morning|afternoon|evening|night|mid-afternoon|mid-morning|overnight)\s+(?P<rest>.+)"
)
_P_WORD_YEAR = _c(
    r"(?P<a>nineteen|eighteen|twenty)\s+(?P<b>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|oh[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine)|hundred))"
)

_LEAD_MODS: tuple[tuple[str, str | None], ...] = (
    ("the end of", "END"), ("the beginning of", "START"), ("the start of", "START"),
    ("the middle of", "MID"), ("end of", "END"), ("beginning of", "START"), ("start of", "START"),
    ("early", "START"), ("late", "END"), ("mid", "MID"), ("mid-", "MID"), ("earlier", None),
    ("later", None), ("about", "APPROX"), ("around", "APPROX"), ("approximately", "APPROX"),
    ("roughly", "APPROX"), ("nearly", "LESS_THAN"), ("almost", "LESS_THAN"), ("less than", "LESS_THAN"),
    ("under", "LESS_THAN"), ("more than", "MORE_THAN"), ("over", "MORE_THAN"),
    ("at least", "EQUAL_OR_MORE"), ("at most", "EQUAL_OR_LESS"), ("up to", "EQUAL_OR_LESS"),
    ("just", None), ("only", None), ("barely", None), ("fully", None), ("some", "APPROX"),
    ("on", None), ("in", None), ("at", None), ("by", None), ("since", None), ("until", None),
    ("during", None), ("for", None), ("within", None), ("between", None), ("its", None), ("their", None),
    ("his", None), ("her", None), ("our", None),
)  # fmt: skip
_THE_BEFORE_MOD = _c(r"^the\s+(?=(?:early|late|mid)\b)")
_WORD_YEAR_IN = _c(
    r"(?:(?<=^)|(?<=\byear\s)|(?<=\bof\s)|(?<=\bin\s)|(?<=[a-z]\s))(?:(?P<a>nineteen|eighteen)\s+"
    r"(?P<b>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|hundred)|(?P<k>two\s+thousand)(?:\s+and\s+(?P<c>one|two|three|four|five|six|seven|eight|nine|ten))?)$"
)
_LEAD_RE = _c(
    r"^(?:" + "|".join(re.escape(w) + (r"" if w.endswith("-") else r"\s+") for w, _ in _LEAD_MODS) + ")"
)
_LEAD_MOD_OF = {w: m for w, m in _LEAD_MODS}
_AMPM_RE = _c(r"\b([ap])\.?\s?m\b\.?")
_DOT_RE = _c(r"(?<!\d)\.|\.(?!\d)")
_POSS_RE = _c(r"'s?$|'s\b")
_SPACE_RE = _c(r"\s+")
_EDGE_PUNCT = "\"'`,;:!?()[]{}-–— "


# --------------------------------------------------------------------------------------------- helpers


def parse_number(text: str) -> float | None:
    """``"two"`` -> 2, ``"twenty-one"`` -> 21, ``"5"`` -> 5, ``"1 1/2"`` -> 1.5; vague ("several") -> None."""
    t = text.strip().lower().replace("-", " ")
    t = re.sub(r"^(?:a\s+)?couple\s+of$", "two", t)  # "a couple of years": two years
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")].strip(), 0.5
    elif t.endswith(" 1/2"):
        t, half = t[:-4].strip(), 0.5
    if not t or t in _VAGUE:
        return None
    if " or " in t or " to " in t:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = 0
    for word in t.split():
        if word in _SMALL:
            total += _SMALL[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if day > 28:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        if day > (nxt - dt.timedelta(days=1)).day:
            return None
    return dt.date(year, month, day)


def _pick_year(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """Year of a month (and day) given without one: the last one up to the anchor, or the next one when
    the tense is future or it is close ahead (100 days with unknown tense, 60 days in the past tense)."""
    d = min(day or 1, 28)
    prev_year = (
        anchor.year
        if (month, d if day else 0) <= (anchor.month, anchor.day if day else 0)
        else anchor.year - 1
    )
    nxt = dt.date(prev_year + 1, month, d)
    if tense == "future":
        if not day:  # a month: this one while it lasts, else the next one
            return anchor.year if month >= anchor.month else anchor.year + 1
        return prev_year + 1 if (month, d) != (anchor.month, anchor.day) else anchor.year
    ahead = (nxt - (anchor if day else anchor.replace(day=1))).days
    window = 60 if tense == "past" else 100
    return prev_year + 1 if ahead <= window else prev_year


def _weekday_date(anchor: dt.date, wd: int, rel: str | None, tense: str | None) -> dt.date:
    diff = anchor.isoweekday() - wd  # days back to the most recent such weekday (0 = anchor itself)
    back = diff % 7
    if rel == "last" or rel == "past" or rel == "previous":
        return anchor - dt.timedelta(days=back if back else 7)
    if rel in ("next", "coming"):
        ahead = (-diff) % 7
        return anchor + dt.timedelta(days=ahead if ahead else 7)
    if rel == "this":
        return anchor - dt.timedelta(days=anchor.isoweekday() - wd)
    if tense in ("future", "present"):
        return anchor + dt.timedelta(days=(-diff) % 7)
    return anchor - dt.timedelta(days=back)


def _word_year_digits(m: re.Match[str]) -> str:
    """ "nineteen ninety-seven" -> "1997", "two thousand" -> "2000" (a spelled-out year at the end)."""
    if m["k"]:
        return str(2000 + int(parse_number(m["c"]) or 0 if m["c"] else 0))
    lo = 0.0 if m["b"] == "hundred" else parse_number(m["b"])
    return str(_SMALL[m["a"]] * 100 + int(lo or 0))


def _prepare(text: str) -> tuple[str, str | None]:
    """Lower-case, unify a.m./p.m., drop sentence dots, possessives and edge punctuation; strip modifiers."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    s = _AMPM_RE.sub(lambda m: f" {m.group(1)}m ", s)
    s = _DOT_RE.sub(" ", s)
    s = _POSS_RE.sub("", s)
    s = _SPACE_RE.sub(" ", s).strip(_EDGE_PUNCT)
    s = _WORD_YEAR_IN.sub(_word_year_digits, s)
    s = _THE_BEFORE_MOD.sub("", s)
    mod: str | None = None
    for _ in range(3):
        m = _LEAD_RE.match(s)
        if m is None or m.end() >= len(s):
            break
        word = m.group(0).strip()
        mod = _LEAD_MOD_OF.get(word, _LEAD_MOD_OF.get(word + " ")) or mod
        s = s[m.end() :].strip(_EDGE_PUNCT)
    if s.startswith("the ") and not s.startswith(
        ("the past", "the future", "the present", "the day", "the near")
    ):
        rest = s[4:]
        if not _P_THE_UNIT.fullmatch(rest) and not rest.startswith(
            ("morning", "afternoon", "evening", "night")
        ):
            s = rest
    return s, mod


# --------------------------------------------------------------------------------------------- rules


def _dur_value(num: str | None, unit: str, tail: str | None = None) -> str:
    plural = unit.endswith("s")
    key = unit[:-1] if plural else unit
    key = {"centurie": "century", "millennia": "millennium", "millenniu": "millennium"}.get(key, key)
    letter, is_time, mult = _UNITS.get(key, ("X", False, 1))
    n = parse_number(num) if num else (None if plural else 1.0)
    if tail and "half" in tail and n is not None:
        n += 0.5
    if (
        n is not None
        and n * mult != int(n * mult)
        and (key, letter) in _SMALLER
        and _whole_below(n * mult, letter, is_time)
    ):
        return _split_fraction(n * mult, letter, is_time)
    amount = "X" if n is None else _fmt_num(n * mult)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


# (unit letter, is a time unit) -> (next smaller letter, how many of them, is that a time unit)
_SMALLER_UNIT: dict[tuple[str, bool], tuple[str, int, bool]] = {
    ("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
    ("H", True): ("M", 60, True), ("M", True): ("S", 60, True),
}  # fmt: skip
_SMALLER = frozenset(
    {("year", "Y"), ("week", "W"), ("day", "D"), ("hour", "H"), ("hr", "H"), ("minute", "M"), ("min", "M")}
)


def _whole_below(amount: float, letter: str, is_time: bool) -> bool:
    per = _SMALLER_UNIT[(letter, is_time)][1]
    rest = (amount - int(amount)) * per
    return abs(rest - round(rest)) < 1e-9


def _split_fraction(amount: float, letter: str, is_time: bool) -> str:
    """ISO 8601 without a decimal fraction: 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M, 1.5 days -> P1DT12H."""
    small, per, small_time = _SMALLER_UNIT[(letter, is_time)]
    whole, rest = int(amount), round((amount - int(amount)) * per)
    head = f"{whole}{letter}" if whole else ""
    if is_time:
        return f"PT{head}{rest}{small}"
    if small_time:
        return f"P{head}T{rest}{small}"
    return f"P{head}{rest}{small}"


def _time_value(h: int, mi: int, ampm: str | None) -> str | None:
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    return f"T{h:02d}:{mi:02d}"


def _day_text(head: str, anchor: dt.date | None, tense: str | None) -> str | None:
    """The date value of a day-level expression ("Monday", "yesterday", "Oct. 7") or None."""
    t = _normalise_prepared(head, anchor, tense)
    if (
        t is not None
        and t.type == "DATE"
        and re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)|XXXX-WXX-\d", t.value)
    ):
        return t.value
    return None


def _with_time(date_value: str, time: str) -> str:
    if date_value.startswith("XXXX-WXX"):
        return date_value + time
    return date_value + time


def _normalise_prepared(s: str, anchor: dt.date | None, tense: str | None) -> Timex | None:
    if not s:
        return None
    # --- references -------------------------------------------------------------------------------
    if s in _PRESENT:
        return Timex("DATE", "PRESENT_REF")
    if s in _PAST:
        return Timex("DATE", "PAST_REF")
    if s in _FUTURE:
        return Timex("DATE", "FUTURE_REF")
    if s in _SET_ADVERBS:
        return Timex("SET", _SET_ADVERBS[s])
    if _P_AGE.fullmatch(s) and ("old" in s or "age" in s):
        return None
    # --- absolute forms ---------------------------------------------------------------------------
    if m := _P_ISO_DAY.fullmatch(s):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is None:
            return None
        if m["h"]:
            return Timex("TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}")
        return Timex("DATE", d.isoformat())
    if m := _P_ISO_WEEK.fullmatch(s):
        return Timex("DATE", f"{m['y']}-W{int(m['w']):02d}")
    if m := _P_ISO_MONTH.fullmatch(s):
        if 1 <= int(m["m"]) <= 12:
            return Timex("DATE", f"{m['y']}-{m['m']}")
        return None
    if m := _P_SLASH.fullmatch(s):
        y = int(m["y"])
        y = y + (1900 if y >= 30 else 2000) if y < 100 else y
        d = _safe_date(y, int(m["m"]), int(m["d"]))
        return Timex("DATE", d.isoformat()) if d else None
    for pat in (_P_MONTH_DAY, _P_DAY_MONTH):
        if m := pat.fullmatch(s):
            month, day = MONTHS[m["month"]], int(m["day"])
            if m["year"]:
                d = _safe_date(int(m["year"]), month, day)
                return Timex("DATE", d.isoformat()) if d else None
            if not 1 <= day <= 31:
                return None
            if anchor is None:
                return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
            year = _pick_year(anchor, month, day, tense)
            if m["wd"]:  # a weekday given with the date picks the year it fits
                wd = WEEKDAYS[m["wd"]]
                fits = [
                    y
                    for y in (year, year - 1, year + 1)
                    if (x := _safe_date(y, month, day)) and x.isoweekday() == wd
                ]
                year = fits[0] if fits else year
            d = _safe_date(year, month, day)
            return Timex("DATE", d.isoformat()) if d else None
    if m := _P_MONTH_YEAR.fullmatch(s):
        return Timex("DATE", f"{m['year']}-{MONTHS[m['month']]:02d}")
    if (m := _P_MONTH.fullmatch(s)) and (m["rel"] or len(m["month"]) > 3 or m["month"] in ("may",)):
        if m["month"] == "may" and not m["rel"]:
            return Timex("DATE", _month_value(anchor, 5, None, tense))
        return Timex("DATE", _month_value(anchor, MONTHS[m["month"]], m["rel"], tense))
    if m := _P_YEAR.fullmatch(s):
        return Timex("DATE", m["year"])
    if m := _P_WORD_YEAR.fullmatch(s):
        hi = _SMALL.get(m["a"], _TENS.get(m["a"], 0))
        lo_text = m["b"].replace("oh-", "").replace("oh ", "")
        lo = 0 if lo_text == "hundred" else parse_number(lo_text)
        if lo is not None:
            return Timex("DATE", f"{hi * 100 + int(lo):04d}")
    if m := _P_DECADE_WORD.fullmatch(s):  # "the nineties": the decade of the century in focus
        return Timex("DATE", f"19{_DECADE_WORDS[m['w']]}")
    if m := _P_MONTH_REL_YEAR.fullmatch(s):  # "June last year", "February this year"
        if anchor is None:
            return Timex("DATE", f"XXXX-{MONTHS[m['month']]:02d}")
        step = {"last": -1, "this": 0, "next": 1}[m["rel"]]
        return Timex("DATE", f"{anchor.year + step}-{MONTHS[m['month']]:02d}")
    if m := _P_DECADE.fullmatch(s):
        cent = m["cent"] or ("19" if int(m["dec"]) >= 3 else "20")
        return Timex("DATE", f"{cent}{m['dec']}")
    if m := _P_CENTURY.fullmatch(s):
        n = (
            int(m["n"])
            if m["n"]
            else {"twentieth": 20, "nineteenth": 19, "twenty-first": 21, "eighteenth": 18}.get(
                m["w"] or "", 0
            )
        )
        if n:
            return Timex("DATE", f"{n - 1:02d}")
    if m := _P_QUARTER.fullmatch(s):
        q = _ORDINALS.get(m["q"] or m["q2"] or "", 0) or int(m["q3"] or 0)
        qyear = m["year"] or m["year2"] or m["year3"]
        if not qyear and anchor is not None and q:
            started = 3 * (q - 1) + 1 <= anchor.month
            qyear = str(
                anchor.year
                + (1 if tense == "future" and not started else 0)
                - (0 if started or tense == "future" else 1)
            )
        qyear = qyear or "XXXX"
        if s.endswith("quarters"):
            return Timex("DURATION", "PXQ")
        return Timex("DATE", f"{qyear}-Q{q}")
    if m := _P_HALF.fullmatch(s):
        hyear = m["year"] or (str(anchor.year) if anchor else "XXXX")
        return Timex("DATE", f"{hyear}-H{_ORDINALS[m['h']]}")
    if m := _P_SEASON.fullmatch(s):
        return Timex("DATE", _season_value(anchor, _SEASONS[m["s"]], m["rel"], m["year"], tense))
    if s in _HOLIDAYS or (s.endswith(" day") and s in _HOLIDAYS):
        month, day = _HOLIDAYS[s]
        if anchor is None:
            return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
        return Timex("DATE", f"{_pick_year(anchor, month, day, tense)}-{month:02d}-{day:02d}")
    if s in ("thanksgiving", "thanksgiving day"):
        if anchor is None:
            return Timex("DATE", "XXXX-11-XX")
        year = _pick_year(anchor, 11, 25, tense)
        first = dt.date(year, 11, 1)
        return Timex("DATE", (first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat())
    # --- days, weekdays, parts of days and clock times ---------------------------------------------------
    if m := _P_DAY_WORD.fullmatch(s):
        return _day_word(m["w"], anchor)
    if (m := _P_WEEKDAY.fullmatch(s)) and (len(m["wd"]) > 3 or m["rel"]):
        wd = WEEKDAYS[m["wd"]]
        if anchor is None:
            return Timex("DATE", f"XXXX-WXX-{wd}")
        return Timex("DATE", _weekday_date(anchor, wd, m["rel"], tense).isoformat())
    if m := _P_NAMED_TIME.fullmatch(s):
        clock = "T24:00" if s == "midnight" else "T12:00"
        return Timex("TIME", (anchor.isoformat() if anchor else "XXXX-XX-XX") + clock)
    if m := _P_IN_THE_PART.fullmatch(s):
        h = int(m["h"]) + (12 if m["part"] != "morning" and int(m["h"]) < 12 else 0)
        return Timex("TIME", (anchor.isoformat() if anchor else "XXXX-XX-XX") + f"T{h:02d}:00")
    if (m := _P_TIME.fullmatch(s)) and (m["ampm"] or m["mi"]):
        tv = _time_value(int(m["h"]), int(m["mi"] or 0), m["ampm"])
        if tv is None:
            return None
        return Timex("TIME", (anchor.isoformat() if anchor else "XXXX-XX-XX") + tv)
    if m := _P_DAY_PART_SUFFIX.fullmatch(s):
        dval = _day_text(m["head"], anchor, tense)
        if dval is not None:
            return Timex("TIME", _with_time(dval, _PARTS[m["part"]]))
    if m := _P_PART_PREFIX.fullmatch(s):
        dval = _day_text(m["rest"], anchor, tense)
        if dval is not None:
            return Timex("TIME", _with_time(dval, _PARTS[m["part"]]))
        sub = _normalise_prepared(m["rest"], anchor, tense)
        if sub is not None and sub.type == "TIME":
            return sub
    if s in _PARTS:
        return Timex("TIME", (anchor.isoformat() if anchor else "XXXX-XX-XX") + _PARTS[s])
    # clock time followed by a day ("5 pm est nov 9", "noon thursday", "9 am tuesday")
    if m := _P_CLOCK_DAY.fullmatch(s):
        dval = _day_text(m["d"], anchor, tense)
        clock_t = _normalise_prepared(m["t"], None, tense)
        if dval is not None and clock_t is not None and clock_t.type == "TIME":
            return Timex("TIME", dval + clock_t.value[clock_t.value.index("T") :])
    # --- relative units ---------------------------------------------------------------------------
    if _P_YEAR_END.fullmatch(s):  # "by year-end": the end of this year (of the last one in the past tense)
        if anchor is None:
            return Timex("DATE", "XXXX", "END")
        return Timex("DATE", str(anchor.year - (tense == "past")), "END")
    if _P_WHOLE_YEAR.fullmatch(s):
        return Timex("DATE", str(anchor.year) if anchor else "XXXX")
    if m := _P_REL_UNIT.fullmatch(s):
        return _relative_unit(m["rel"], m["unit"].replace("fiscal ", ""), anchor)
    if m := _P_AGO.fullmatch(s):
        return _ago(m["num"], m["unit"], anchor, s.endswith(("earlier", "before")))
    if m := _P_HENCE.fullmatch(s):
        return _ago(m["num"], m["unit"], anchor, False, forward=True)
    if m := _P_THE_UNIT.fullmatch(s):
        return _the_unit(m["unit"], anchor)
    # --- sets -----------------------------------------------------------------------------------
    if m := _P_WD_PLURAL.fullmatch(s):
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[m['wd']]}" + (_PARTS[m["part"]] if m["part"] else ""))
    if m := _P_SET.fullmatch(s):
        return _set(m["what"], m["part"], s)
    # --- durations ------------------------------------------------------------------------------
    if m := _P_HALF_A_UNIT.fullmatch(s):
        return Timex("DURATION", _dur_value("0.5", m["unit"]))
    if m := _P_A_UNIT_HALF.fullmatch(s):
        return Timex("DURATION", _dur_value("1 1/2", m["unit"] + "s"))
    if m := _P_DURATION.fullmatch(s):
        num = m["num"]
        unit = m["unit"]
        if (
            num is None
            and not unit.endswith("s")
            and m["rel"] is None
            and not (m["tail"] or "").endswith("long")
        ):
            return None
        if num is not None and num.strip() in ("a", "an") and unit.endswith("s"):
            return None
        if num is not None and re.fullmatch(r"\d+", num.strip()) and int(num.strip()) > 5000:
            return None
        if num is not None and (" or " in num or " to " in num):
            letter = _dur_value("1", unit.rstrip("s"))
            return Timex("DURATION", re.sub(r"\d+(?:\.\d+)?", "X", letter, count=1))
        if (
            num is None
            and m["rel"] in ("past", "last", "next", "coming", "previous", "latest", "recent")
            and (not unit.endswith("s"))
        ):
            num = "1"
        return Timex("DURATION", _dur_value(num, unit, m["tail"]))
    return None


def _month_value(anchor: dt.date | None, month: int, rel: str | None, tense: str | None) -> str:
    if anchor is None:
        return f"XXXX-{month:02d}"
    if rel in ("last", "past", "previous"):  # "last April": the most recent April before this month
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _pick_year(anchor, month, None, tense)
    return f"{year}-{month:02d}"


def _season_value(
    anchor: dt.date | None, code: str, rel: str | None, year: str | None, tense: str | None
) -> str:
    if year:
        return f"{year}-{code}"
    if anchor is None:
        return f"XXXX-{code}"
    start = _SEASON_START[code]
    began = start <= anchor.month
    if rel == "past":  # "this past spring": the most recent one
        y = anchor.year if start < anchor.month else anchor.year - 1
    elif rel in ("last", "previous"):
        y = anchor.year - 1
    elif rel in ("next", "coming"):
        y = anchor.year if start > anchor.month else anchor.year + 1
    elif rel == "this" or tense is None or tense == "present":
        y = anchor.year
    elif tense == "past":
        y = anchor.year if began else anchor.year - 1
    else:
        y = anchor.year if not began else anchor.year + 1
    return f"{y}-{code}"


def _day_word(word: str, anchor: dt.date | None) -> Timex:
    w = _SPACE_RE.sub(" ", word)
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    part = {"tonight": "TNI", "last night": "TNI"}.get(w)
    if w.startswith(("this ", "the ")):
        part = _PARTS[w.split()[1]]
    off = offsets.get(w, 0)
    base = "XXXX-XX-XX" if anchor is None else (anchor + dt.timedelta(days=off)).isoformat()
    if part:
        return Timex("TIME", base + part)
    return Timex("DATE", base)


def _relative_unit(rel: str, unit: str, anchor: dt.date | None) -> Timex | None:
    if rel in ("same", "that", "following"):
        return Timex("DATE", {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX"))
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[rel]
    if unit == "decade" and rel in ("last", "past", "previous"):
        return Timex("DURATION", "P10Y")
    if unit == "century" and rel in ("last", "past", "previous"):
        return Timex("DURATION", "P100Y")
    if anchor is None:
        ref = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step]
        if step == 0:
            return Timex("DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                                  "quarter": "XXXX-QX", "year": "XXXX"}.get(unit, ref))  # fmt: skip
        return Timex("DATE", ref)
    if unit == "week":
        return Timex("DATE", _iso_week(anchor + dt.timedelta(weeks=step)))
    if unit == "weekend":
        sat = anchor - dt.timedelta(days=(anchor.isoweekday() - 6) % 7)
        if step == 1 or (step == 0 and anchor.isoweekday() < 6):
            sat = sat + dt.timedelta(weeks=1)
        if step == -1 and anchor.isoweekday() >= 6:
            sat = sat - dt.timedelta(weeks=1)
        return Timex("DATE", _iso_week(sat) + "-WE")
    if unit == "month":
        y, mo = _add_months(anchor.year, anchor.month, step)
        return Timex("DATE", f"{y}-{mo:02d}")
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        y = anchor.year + (q // 4)
        return Timex("DATE", f"{y}-Q{q % 4 + 1}")
    if unit == "year":
        return Timex("DATE", str(anchor.year + step))
    if unit == "decade":
        return Timex("DATE", str(anchor.year // 10 + step))
    if unit == "century":
        return Timex("DATE", f"{anchor.year // 100 + step:02d}")
    return None


def _ago(
    num: str, unit: str, anchor: dt.date | None, relative_to_other: bool, *, forward: bool = False
) -> Timex:
    n = parse_number(num)
    key = unit.rstrip("s")
    if relative_to_other:  # "two days earlier": relative to another event, not to the anchor
        return Timex("DURATION", _dur_value(num, unit if n is None or n != 1 else key))
    if n is None or anchor is None or n != int(n):
        return Timex("DATE", "FUTURE_REF" if forward else "PAST_REF")
    k = int(n) * (1 if forward else -1)
    if key in ("day", "night"):
        return Timex("DATE", (anchor + dt.timedelta(days=k)).isoformat())
    if key in ("week", "fortnight"):
        return Timex("DATE", _iso_week(anchor + dt.timedelta(weeks=k * (2 if key == "fortnight" else 1))))
    if key == "month":
        y, mo = _add_months(anchor.year, anchor.month, k)
        return Timex("DATE", f"{y}-{mo:02d}")
    if key == "quarter":
        y, mo = _add_months(anchor.year, anchor.month, 3 * k)
        return Timex("DATE", f"{y}-Q{(mo - 1) // 3 + 1}")
    if key == "year":
        return Timex("DATE", str(anchor.year + k))
    if key == "decade":
        return Timex("DATE", str((anchor.year + 10 * k) // 10))
    if key in ("hour", "hr", "minute", "min", "second", "sec"):
        return Timex("TIME", "PRESENT_REF")
    return Timex("DATE", "FUTURE_REF" if forward else "PAST_REF")


def _the_unit(unit: str, anchor: dt.date | None) -> Timex:
    if unit == "weekend" and anchor is not None:  # the most recent weekend (this one on Saturday/Sunday)
        sat = anchor - dt.timedelta(days=(anchor.isoweekday() - 6) % 7)
        return Timex("DATE", _iso_week(sat) + "-WE")
    year = str(anchor.year) if anchor else "XXXX"
    value = {"week": f"{year}-WXX", "weekend": f"{year}-WXX-WE", "month": f"{year}-XX",
             "quarter": f"{year}-QX",
             "year": year, "day": "XXXX-XX-XX"}[unit]  # fmt: skip
    return Timex("DATE", value)


def _set(what: str, part: str | None, s: str) -> Timex | None:
    if what in WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[what]}" + (_PARTS[part] if part else ""))
    if what in MONTHS:
        return Timex("SET", f"XXXX-{MONTHS[what]:02d}")
    if what in _PARTS:
        return Timex("SET", f"T{_PARTS[what][1:]}")
    key = what.rstrip("s")
    if key in _UNITS:
        mult = 2 if "other" in s.split() else 1
        return Timex("SET", _dur_value(str(mult), key))
    return None


_P_SHIFT = _c(rf"{_NUM_RE}\s*(?:-|\s)?{_UNIT_RE}\s+(?:or\s+so\s+)?(?P<dir>earlier|before|later|after|ago)")
_P_YEAR_AGO_ORDINAL = _c(
    r"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?:year-(?:earlier|ago|before)|prior-year)\s+"
    r"(?P<q>first|second|third|fourth)\s+quarter"
)
_P_QUARTER_YEAR_AGO = _c(r"(?:the\s+)?quarter\s+a\s+year\s+(?:ago|earlier)")
_P_REL_YEAR_QUARTER = _c(r"(?P<rel>this|last|next)\s+year\s+(?:(?P<q>first|second|third|fourth)\s+)?quarter")
_P_YEAR_AGO_ADJ = _c(
    r"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?:year-(?:earlier|ago|before)|prior-year|previous-year"
    r"|year-previous)"
    r"(?:\s+(?:period|quarter|results?|levels?|figures?|month|week|day))?"
)
_P_REF_QUARTER = _c(
    r"(?:(?:the|that|this|the\s+latest|the\s+most\s+recent|the\s+recent|the\s+fiscal|the\s+latest\s+fiscal)\s+)?"
    r"(?:latest\s+)?(?P<what>quarter|period|fiscal\s+quarter)"
)
_P_YEAR_PERIOD = _c(r"(?:the\s+)?(?P<y>(?:1[0-9]|20)\d\d)\s+(?P<what>quarter|period)")
_P_REF_PART = _c(r"(?:the|that)\s+(?P<part>morning|afternoon|evening|night)")
_P_REF_WEEKDAY = _c(rf"the\s+(?:previous|preceding|prior)\s+{_WD_RE}")
_P_SPECIFIC = _c(r"(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|(?P<m>\d\d)(?:-(?P<d>\d\d))?))?")


def _shift_value(value: str, n: int, unit: str) -> str | None:
    """A specific TIMEX3 date value shifted by ``n`` units (day, week, month, quarter, year)."""
    m = _P_SPECIFIC.match(value)
    if m is None:
        return None
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
    y = int(m["y"])
    if m["q"]:
        if months is None or months % 3:
            return None
        idx = y * 4 + int(m["q"]) - 1 + n * months // 3
        return f"{idx // 4}-Q{idx % 4 + 1}"
    if m["d"]:
        d = _safe_date(y, int(m["m"]), int(m["d"]))
        if d is None:
            return None
        if unit in ("day", "night", "week"):
            return (d + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        if months is None:
            return None
        yy, mm = _add_months(d.year, d.month, n * months)
        return f"{yy}-{mm:02d}" if unit != "year" else str(yy)
    if m["m"]:
        if months is None:
            return None
        yy, mm = _add_months(y, int(m["m"]), n * months)
        return f"{yy}-{mm:02d}" if unit != "year" else str(yy)
    if unit in ("year", "decade"):
        return str(y + n * (10 if unit == "decade" else 1))
    return None


_P_ANAPHOR_UNIT = _c(
    r"(?:(?:later|earlier)\s+)?(?P<rel>that|the\s+same|that\s+same|the\s+following|the\s+next|the\s+previous"
    r"|the\s+preceding|the\s+prior)\s+(?P<unit>year|month|quarter|week|day)"
)
_ANAPHOR_STEP = {
    "that": 0,
    "same": 0,
    "following": 1,
    "next": 1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
}


def _anaphoric_unit(rel: str, unit: str, last: str) -> str | None:
    """ "that year", "the following month", "the previous day" against the reference value ``last``."""
    step = _ANAPHOR_STEP[rel.split()[-1]]
    m = _P_SPECIFIC.fullmatch(last)
    if m is None:
        return None
    y = int(m["y"])
    if unit == "year":
        return str(y + step)
    if unit == "quarter":
        q = int(m["q"]) if m["q"] else ((int(m["m"]) - 1) // 3 + 1 if m["m"] else 0)
        if not q:
            return None
        idx = y * 4 + q - 1 + step
        return f"{idx // 4}-Q{idx % 4 + 1}"
    if unit == "month" and m["m"]:
        yy, mm = _add_months(y, int(m["m"]), step)
        return f"{yy}-{mm:02d}"
    if unit in ("week", "day") and m["d"]:
        d = _safe_date(y, int(m["m"]), int(m["d"]))
        if d is None:
            return None
        if unit == "day":
            return (d + dt.timedelta(days=step)).isoformat()
        return _iso_week(d + dt.timedelta(weeks=step))
    return None


def _with_reference(s: str, anchor: dt.date | None, references: tuple[str, ...]) -> Timex | None:
    """Expressions whose value depends on the time the text last talked about (its reference time)."""
    last = references[-1] if references else None
    if last is not None and (m := _P_ANAPHOR_UNIT.fullmatch(s)):
        value = _anaphoric_unit(m["rel"], m["unit"], last)
        if value is not None:
            return Timex("DATE", value)
    quarters = [r for r in references if "-Q" in r]
    if m := _P_SHIFT.fullmatch(s):
        n = parse_number(m["num"])
        unit = m["unit"].rstrip("s")
        if (
            n is None
            or n != int(n)
            or unit not in ("day", "night", "week", "month", "quarter", "year", "decade")
        ):
            return None
        step = int(n) if m["dir"] in ("later", "after") else -int(n)
        if quarters and unit == "year":  # "a year ago" beside quarterly figures: that quarter a year before
            return Timex("DATE", _shift_value(quarters[-1], step, unit) or "PAST_REF")
        if m["dir"] == "ago":
            return None
        base = last or (anchor.isoformat() if anchor else None)
        if base is None:
            return None
        shifted = _shift_value(base, step, unit)
        return Timex("DATE", shifted) if shifted else None
    if m := _P_YEAR_AGO_ORDINAL.fullmatch(s):  # "the year-ago third quarter"
        year = anchor.year if anchor else None
        if quarters:
            year = int(quarters[-1][:4])
        nq = _ORDINALS[m["q"]]
        return Timex("DATE", f"{year - 1}-Q{nq}" if year else f"XXXX-Q{nq}")
    if _P_QUARTER_YEAR_AGO.fullmatch(s) and quarters:
        return Timex("DATE", _shift_value(quarters[-1], -1, "year") or "PAST_REF")
    if m := _P_REL_YEAR_QUARTER.fullmatch(_POSS_RE.sub("", s.replace("'s ", " "))):
        step = {"this": 0, "last": -1, "next": 1}[m["rel"]]
        qs = str(_ORDINALS[m["q"]]) if m["q"] else (quarters[-1][-1] if quarters else "X")
        return Timex("DATE", f"{anchor.year + step}-Q{qs}" if anchor else f"XXXX-Q{qs}")
    if _P_YEAR_AGO_ADJ.fullmatch(s):
        base = quarters[-1] if quarters else last or (str(anchor.year) if anchor else None)
        shifted = _shift_value(base, -1, "year") if base else None
        return Timex("DATE", shifted or "PAST_REF")
    if m := _P_YEAR_PERIOD.fullmatch(s):  # "the 1988 quarter": that year's quarter in focus
        q = quarters[-1][-1] if quarters else None
        return Timex("DATE", f"{m['y']}-Q{q}" if q and m["what"] == "quarter" else m["y"])
    if m := _P_REF_QUARTER.fullmatch(s):
        if quarters:
            return Timex("DATE", quarters[-1])
        if m["what"] == "period":
            return None
        if anchor is not None and "latest" in s:
            lastq = (anchor.month - 1) // 3  # the last completed quarter
            return Timex("DATE", f"{anchor.year}-Q{lastq}" if lastq else f"{anchor.year - 1}-Q4")
        return Timex("DATE", f"{anchor.year}-QX" if anchor else "XXXX-QX")
    last_day = next((r for r in reversed(references) if re.fullmatch(r"\d{4}-\d\d-\d\d", r)), None)
    if last_day and re.fullmatch(r"(?:the|that)\s+(?:same\s+)?day", s):  # the day in focus
        return Timex("DATE", last_day)
    if (m := _P_REF_WEEKDAY.fullmatch(s)) and last_day:  # "the previous Friday": before the day in focus
        focus = dt.date.fromisoformat(last_day)
        back = (focus.isoweekday() - WEEKDAYS[m["wd"]]) % 7 or 7
        return Timex("DATE", (focus - dt.timedelta(days=back)).isoformat())
    if (m := _P_REF_PART.fullmatch(s)) and last_day:
        return Timex("TIME", last_day + _PARTS[m["part"]])
    if (
        last_day and (m := _P_TIME.fullmatch(s)) and (m["ampm"] or m["mi"])
    ):  # a clock time on the day in focus
        tv = _time_value(int(m["h"]), int(m["mi"] or 0), m["ampm"])
        return Timex("TIME", last_day + tv) if tv else None
    if re.fullmatch(r"(?:the\s+)?(?:past|last|previous)\s+year", s) and anchor is not None:
        return Timex("DATE", str(anchor.year - 1))
    return None


def is_comparison(text: str) -> bool:
    """True when ``text`` names a period relative to the one in focus ("a year earlier", "the year-ago
    quarter", "last year's quarter") rather than moving the focus."""
    s, _mod = _prepare(text)
    low = _SPACE_RE.sub(" ", text.lower().replace("\u2019", "'")).strip(_EDGE_PUNCT)
    cand = low if low.startswith(("the ", "that ")) else s
    if any(p.fullmatch(cand) for p in (_P_SHIFT, _P_YEAR_AGO_ADJ, _P_YEAR_AGO_ORDINAL, _P_QUARTER_YEAR_AGO)):
        return True
    m = _P_REL_YEAR_QUARTER.fullmatch(s)
    return m is not None and m["rel"] == "last"


def uses_reference(text: str) -> bool:
    """True when ``text`` is resolved against the text's reference time ("a year earlier", "the quarter")."""
    s, _mod = _prepare(text)
    low = _SPACE_RE.sub(" ", text.lower().replace("\u2019", "'")).strip(_EDGE_PUNCT)
    cand = low if low.startswith(("the ", "that ")) else s
    patterns = (_P_SHIFT, _P_YEAR_AGO_ADJ, _P_YEAR_AGO_ORDINAL, _P_QUARTER_YEAR_AGO, _P_REF_QUARTER,
                _P_REF_PART, _P_YEAR_PERIOD)  # fmt: skip
    if any(p.fullmatch(cand) for p in patterns):
        return True
    m = _P_REL_YEAR_QUARTER.fullmatch(s)
    return m is not None and m["rel"] == "last"  # "last year's quarter" compares, it does not move the focus


@lru_cache(maxsize=8192)
def normalise(
    text: str, anchor: dt.date | None = None, tense: str | None = None, references: tuple[str, ...] = ()
) -> Timex | None:
    """The TIMEX3 type and value of ``text`` against ``anchor``; None if it is not a time expression.

    ``references`` are the specific date values the text mentioned before ``text`` (oldest first): "a year
    earlier", "the year-ago quarter", "the quarter" and "the morning" resolve against them.

    >>> normalise("Sunday", dt.date(2018, 10, 8), "past").value
    '2018-10-07'
    >>> normalise("last month", dt.date(2018, 10, 8)).value
    '2018-09'
    """
    s, mod = _prepare(text)
    low = _SPACE_RE.sub(" ", text.lower().replace("\u2019", "'")).strip(_EDGE_PUNCT)
    timex = _with_reference(low if low.startswith(("the ", "that ")) else s, anchor, references)
    if timex is None:
        timex = _normalise_prepared(s, anchor, tense)
    if timex is None or mod is None:
        return timex
    return Timex(timex.type, timex.value, mod)
