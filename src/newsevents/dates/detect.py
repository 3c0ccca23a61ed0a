"""Finding time expressions: spaCy DATE/TIME entities, repaired, plus rules for what spaCy misses.

Spans follow TimeML/TIMEX3 habits: a clause like "the quarter ended Sept. 30" is two expressions,
possessives ("last year's") and focus words ("just", "earlier this week") stay outside, ages
("6-year-old") and bare numbers are not time expressions, and reference words ("now", "recently",
"the future"), set adverbs ("daily", "every week") and weekday / month-day / ISO forms are added by rule.
All functions work on character offsets into the article text; the returned spans never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

__all__ = ["TIME_LABELS", "entity_spans", "merge_spans", "refine_span", "rule_spans", "segment_span"]

Span = tuple[int, int]
TIME_LABELS = frozenset({"DATE", "TIME"})

_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|march|mar\.|april|apr\.|may|june|july|aug(?:ust|\.)?"
    r"|sep(?:tember|t\.|\.)|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
# Every alternative starts with a word character; a new alternative needs its first word in ``_FIRST_WORDS``.
_RULES = re.compile(
    r"(?i)(?<![\w-])(?:"
    r"right\s+now|just\s+now|now(?!\s+that\b)|currently|current|recently|recent|the\s+(?:near\s+)?future"
    r"|the\s+(?:near|short|long)\s+term|the\s+past|these\s+days|nowadays|at\s+present"
    r"|daily|weekly|monthly|hourly|nightly"
    r"|(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|morning|afternoon|evening|night|weekend|"
    + _WD
    + r"|"
    + _MONTH
    + r")"
    r"|today|tonight|yesterday|tomorrow"
    r"|(?:last|next|this)\s+" + _WD + r"|" + _WD + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|" + _MONTH + r"\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:1[0-9]|20)\d\d)?"
    r"|(?:1[0-9]|20)\d\d-[01]\d-[0-3]\d|(?:1[0-9]|20)\d\d-W[0-5]\d"
    r"|(?:the\s+)?(?:(?:comparable|corresponding)\s+)?year-(?:earlier|ago)"
    r"(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:period|quarter))?|the\s+latest\s+(?:period|quarter)"
    r"|(?:this|last|next)\s+year(?:'|\u2019)s\s+(?:(?:first|second|third|fourth)\s+)?quarter"
    r"|(?:the\s+)?fiscal[-\s](?:first|second|third|fourth)[-\s]quarter"
    r"|the\s+quarter\s+a\s+year\s+(?:ago|earlier)|the\s+(?:full|fiscal|calendar)\s+year"
    r"|thanksgiving(?:\s+day)?|christmas(?:\s+(?:day|eve))?|new\s+year's\s+(?:day|eve)"
    r"|(?:\d+(?:\s+1/2)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|ninety|a\s+hundred|several|a\s+few)\s+(?:more\s+|additional\s+|full\s+|straight\s+"
    r"|consecutive\s+)?(?:seconds|minutes|hours|days|weeks|months|years|decades)(?![\s-]+old\b)"
    r"|year(?:-|\s+|'s\s+)end"
    r"|nineteen\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r")(?![\w-])"
)
_AGE = re.compile(r"(?i)\b(?:old|aged?|olds)\b|-year-old")
_DROP = frozenset(
    {"quarterly", "annual", "annually", "biannual", "semiannual", "semi-annual", "once", "then"}
)
_NUMBER_ONLY = re.compile(r"[\d.,\s]+")
_YEAR_ONLY = re.compile(r"(?:1[0-9]|20)\d\d")
_TEMPORAL_WORD = re.compile(
    r"(?i)\b(?:sec|second|minute|min|hour|hr|day|night|week|weekend|fortnight|month|quarter|year|decade"
    r"|centur|millenni|morning|afternoon|evening|noon|midnight|midday|today|tonight|yesterday|tomorrow"
    r"|spring|summer|fall|autumn|winter|ago|now|past|future|time|period|season|term|era|age)"
    r"|" + _WD + "|" + _MONTH + r"|\d{4}|a\.?m\b|p\.?m\b|\b\d+:\d\d"
)
_SPLIT = re.compile(r"(?i)\s+(?:ended|ending|through|thru|until|till|to|and|from|or)\s+|\s*-{2,}\s*")
_LEAD_DROP = re.compile(
    r"(?i)^(?:(?:just|only|barely|almost|fully|some\s+|the\s+(?=the\b))\s*|(?:earlier|later)\s+(?=(?:this|that|last|next|in)\b)"
    r"|early\s+(?=" + _MONTH + r"\b)|(?:since|from|until|by|through|during)\s+)"
)
_TRAIL_POSS = re.compile(r"(?:'s|'|\u2019s|\u2019)$")
_TRAIL_PUNCT = re.compile(r"[\s,;:]+$")
_ABBREV_END = re.compile(
    r"(?i)(?:\b[a-z]\.[a-z]\.|\b(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec|a\.m|p\.m|st|jr)\.)$"
)


def entity_spans(ents: Iterable[tuple[int, int, str]], text: str) -> list[Span]:
    """spaCy DATE/TIME entities (start, end, label) merged where only spaces separate them."""
    spans = sorted((s, e) for s, e, label in ents if label in TIME_LABELS)
    merged: list[Span] = []
    for s, e in spans:
        if merged and not text[merged[-1][1] : s].strip() and s - merged[-1][1] <= 2:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def refine_span(start: int, end: int, text: str) -> list[Span]:
    """Split and trim one candidate span; drop it when it is not a time expression (ages, numbers)."""
    out: list[Span] = []
    pieces: list[Span] = []
    last = start
    chunk = text[start:end]
    for m in _SPLIT.finditer(chunk):
        left, right = chunk[last - start : m.start()], chunk[m.end() :]
        if m.group(0).strip().lower() in ("or", "and", "to") and not (
            _is_datey(left) and _is_datey(right.split(",")[0])
        ):
            continue
        pieces.append((last, start + m.start()))
        last = start + m.end()
    pieces.append((last, end))
    for s, e in pieces:
        span = _trim(s, e, text)
        if span is not None:
            out.append(span)
    return out


def _is_datey(fragment: str) -> bool:
    return bool(re.search(r"(?i)" + _WD + "|" + _MONTH + r"\s*\d|\b(?:1[0-9]|20)\d\d\b", fragment))


def _trim(s: int, e: int, text: str) -> Span | None:
    for _ in range(3):
        frag = text[s:e]
        m = _LEAD_DROP.match(frag)
        if m is None or m.end() == 0 or m.end() >= len(frag):
            break
        s += m.end()
    frag = text[s:e]
    stripped = _TRAIL_PUNCT.sub("", frag)
    e = s + len(stripped)
    frag = text[s:e]
    poss = _TRAIL_POSS.search(frag)
    if poss is not None and e - s > 3:
        e -= len(poss.group(0))
    frag = text[s:e]
    if frag.endswith(".") and not _ABBREV_END.search(frag):
        e -= 1
    frag = text[s:e].strip()
    if not frag:
        return None
    lead = len(text[s:e]) - len(text[s:e].lstrip())
    s += lead
    e = s + len(frag)
    low = frag.lower()
    if low in _DROP or _AGE.search(frag):
        return None
    if _NUMBER_ONLY.fullmatch(frag) and not _YEAR_ONLY.fullmatch(frag.strip()):
        return None
    if not _TEMPORAL_WORD.search(frag) and not re.search(r"(?i)'\d0s|\d0s", frag):
        return None
    return (s, e)


_WORD = re.compile(r"\S+")
_BARE_UNIT = re.compile(
    r"(?i)(?:(?:the|that|this|a|all)\s+)?(?:day|week|weekend|month|year|fiscal\s+year|night|morning|afternoon"
    r"|evening|future|past|early\s+hours|time)"
)
_SEGMENT_EDGE = ",;:()\"'`"


def segment_span(start: int, end: int, text: str, readable: Callable[[str], bool]) -> Span | None:
    """The longest readable piece of a span that is not readable as a whole, on word boundaries
    ("roughly by next spring" -> "next spring", "the flood last month" -> "last month"); bare unit words
    ("the day", "month") do not count as a piece. None when no piece is readable."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    best: Span | None = None
    for i in range(len(words)):
        for j in range(len(words) - 1, i - 1, -1):
            s, e = words[i][0], words[j][1]
            while e > s and text[e - 1] in _SEGMENT_EDGE + ".":
                e -= 1
            while s < e and text[s] in _SEGMENT_EDGE:
                s += 1
            if best is not None and e - s <= best[1] - best[0]:
                break
            if (
                e > s
                and (s, e) != (start, end)
                and _TEMPORAL_WORD.search(text, s, e)
                and not _BARE_UNIT.fullmatch(text, s, e)
                and readable(text[s:e])
            ):
                best = (s, e)
                break
    return _trim(best[0], best[1], text) if best is not None else None


#: A word that can open a rule match (``_RULES`` only matches at such a word start, after no word
#: character or hyphen), and the lower-case first words of its alternatives; digits and non-ASCII words
#: (whose case folding the regex may treat differently) are always tried.
_WORD_START = re.compile(r"(?<![\w-])\w+")
_FIRST_WORDS = frozenset(
    {"right", "just", "now", "currently", "current", "recently", "recent", "the", "these", "nowadays", "at",
     "daily", "weekly", "monthly", "hourly", "nightly", "every", "each", "today", "tonight", "yesterday",
     "tomorrow", "last", "next", "this", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "jan", "january", "feb", "february", "march", "mar", "april", "apr", "may", "june", "july",
     "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
     "comparable", "corresponding", "year", "fiscal", "thanksgiving", "christmas", "new", "two", "three",
     "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
     "thirty", "forty", "fifty", "sixty", "ninety", "a", "several", "nineteen"}
)  # fmt: skip


def rule_spans(text: str) -> list[Span]:
    """Time expressions found by the rules (reference words, sets, weekdays, month-day, ISO forms): the
    matches of ``_RULES`` from left to right, tried only at the words that can open one."""
    out: list[Span] = []
    end = 0
    for w in _WORD_START.finditer(text):
        start = w.start()
        word = w.group()
        if start < end or (word.isascii() and not word[0].isdigit() and word.lower() not in _FIRST_WORDS):
            continue
        m = _RULES.match(text, start)
        if m is not None:
            out.append((start, m.end()))
            end = m.end()
    return out


def merge_spans(primary: Sequence[Span], secondary: Sequence[Span]) -> list[Span]:
    """``primary`` spans (non-overlapping among themselves after this call) plus the ``secondary`` spans
    that overlap none of them, sorted; a primary span overlapping an earlier kept one is dropped."""
    kept: list[Span] = []
    for span in sorted(primary):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    out = list(kept)
    for s, e in sorted(secondary):
        if any(s < ke and ks < e for ks, ke in kept):
            continue
        if out and any(s < oe and os_ < e for os_, oe in out):
            continue
        out.append((s, e))
    return sorted(out)
