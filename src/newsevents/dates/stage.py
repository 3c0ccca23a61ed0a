"""The ``dates`` stage: time expressions of a parsed document and the date of each event.

``doc.dates`` gets one row per time expression (``article_id, text, start, end, type, value``), found by
:mod:`.detect` and normalised by :mod:`.normalise` against ``Article.published`` with the tense of the
governing verb. Each event then takes the time expression attached to its own clause (see
:func:`attach_event_dates`); without one it takes the publication date, and without a publication date
a relative expression leaves ``event_date`` empty (never an invented date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..document import Document, Event
from ..nlp import doc_text
from ..pipeline import Resources, register_stage
from .detect import entity_spans, merge_spans, refine_span, rule_spans, segment_span
from .normalise import Timex, is_comparison, normalise, uses_reference

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "attach_event_dates",
    "event_date_precision",
    "find_dates",
    "find_time_expressions",
    "resolved_date",
    "verb_tense",
]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
_FUTURE_GOVERNORS = frozenset(
    {"plan", "schedule", "expect", "intend", "hope", "want", "agree", "decide", "prepare", "aim", "set",
     "due", "propose", "seek", "promise", "vow", "threaten", "pledge", "offer", "ask", "urge", "call"}
)  # fmt: skip
_AHEAD = re.compile(r"(?i)\b(?:effective|as\s+(?:soon|early|late)\s+as|no\s+later\s+than)\s+(?:\S+\s+){0,2}$")
_MODAL_CLAUSE = re.compile(r"(?i)\b(?:will|would|'ll|shall|could|might|may|going\s+to)\b[^.;:!?]*\bin\s+$")
_COUNTED_SPAN = re.compile(r"(?i)(?!an?\s)[\w-]+\s+(?:days|weeks|months|years)")
_IN_BEFORE = re.compile(r"(?i)\bin\s+$")
_DEADLINE = re.compile(r"(?i)\b(?:by|through)\s+(?:early\s+|late\s+|mid-?)?$")
_BARE_MONTH = re.compile(r"(?i)[a-z]+\.?")
_AHEAD_UNLESS_PAST = re.compile(r"(?i)\b(?:until|till)\s+(?:\S+\s+){0,2}$")
# verbs whose object happens after the telling even in the past tense ("planned a rally on Saturday")
_PLAN_VERBS = frozenset({"schedule", "reschedule", "plan", "slate", "postpone", "delay", "defer"})
_POSSESSIVE_AFTER = re.compile(r"'s?\b|\u2019s?\b")
_YEAR_ENDED = re.compile(r"(?i)(?:the|its|their)\s+(?:fiscal\s+|financial\s+)?year")
_ENDED_AFTER = re.compile(r"(?i)\s+(?:that\s+)?(?:ended|ending|ends|which\s+ended)\b")
_FOCUS = re.compile(r"\d{4}(?:-Q[1-4])?")
_LAST_YEAR = re.compile(r"(?i)last\s+year")
_COMPARED = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|from|versus|vs\.?)\s+(?:[^.;]*?\s)?$")
_ONE_DAY = re.compile(r"(?i)one\s+day")
_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|could|might|may|can|shall|should|must)\s+$")
_SPECIFIC = re.compile(r"\d{4}-\d\d-\d\d|\d{4}-Q[1-4]|\d{4}-\d\d(?!\d)|\d{4}$")
_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")
_MONTH = re.compile(r"(\d{4}-\d\d)$")
_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_YEARISH = re.compile(r"(\d{4})(?:$|-(?:Q\d|H\d|SP|SU|FA|WI)$)")


def _in_context(timex: Timex, text: str, s: int, e: int, focus_quarter: str | None) -> Timex:
    """Readings that need the words around an expression (TIMEX3 guidelines): "the year ended June 30" is a
    twelve-month duration; "last year" compared with a quarter's figures is that quarter a year before;
    "one day" after a modal ("will one day") is the future, elsewhere a one-day duration."""
    if _YEAR_ENDED.fullmatch(text, s, e) and _ENDED_AFTER.match(text, e):
        return Timex("DURATION", "P1Y")
    if focus_quarter and _LAST_YEAR.fullmatch(text, s, e) and _COMPARED.search(text, max(0, s - 50), s):
        return Timex("DATE", f"{int(focus_quarter[:4]) - 1}{focus_quarter[4:]}")
    if (
        _ONE_DAY.fullmatch(text, s, e)
        and timex.value == "P1D"
        and _MODAL_BEFORE.search(text, max(0, s - 12), s)
    ):
        return Timex("DATE", "FUTURE_REF")
    return timex


def verb_tense(token: Token) -> str | None:
    """Tense ("past", "present", "future" or None) of the verb governing ``token`` (or ``token`` itself)."""
    verb: Token | None = token
    for _ in range(12):
        if verb is None:
            return None
        if verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB"):
            break
        verb = verb.head if verb.head is not verb else None
    else:
        return None
    if verb is None:
        return None
    for _ in range(4):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {c.lower_ for c in auxes}
        if lowers & _FUTURE_AUX:
            return "future"
        if any(c.tag_ == "VBD" or c.lower_ in ("had", "did", "was", "were") for c in auxes):
            return "past"
        if any(c.lower_ in ("has", "have") for c in auxes):
            return "past"
        if any(c.tag_ == "MD" for c in auxes):
            return None
        if verb.tag_ == "VBD":
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
            return "present"
        if verb.tag_ == "VB" and any(c.tag_ == "TO" for c in auxes):
            gov = verb.head
            if gov is not verb and any(  # "had been due to expire": past perfect above the infinitive
                c.lower_ == "had" for g in (gov, gov.head) for c in g.children if c.dep_.startswith("aux")
            ):
                return "past"
            if gov is not verb and gov.lemma_.lower() in _FUTURE_GOVERNORS:
                return "future"
            if gov is verb:
                return None
            verb = gov
            continue
        if (
            verb.tag_ in ("VBN", "VBG")
            and verb.head is not verb
            and verb.dep_ in ("amod", "acl", "relcl", "advcl")
        ):
            verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                return None
            continue
        return None
    return None


def _near_verb(token: Token) -> bool:
    """True when ``token`` hangs on its verb directly or through one preposition ("sails Monday",
    "opens on Tuesday")."""
    head = token.head
    if head is not token and head.dep_ == "prep":
        head = head.head
    return head is not token and (head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB"))


def _past_perfect(token: Token) -> bool:
    """True when the verb governing ``token`` is in the past perfect ("had been scheduled")."""
    verb = _verb_of(token)
    return verb is not None and any(
        c.lower_ in ("had", "'d") for c in verb.children if c.dep_.startswith("aux")
    )


def _planned(token: Token, start: int) -> bool:
    """True when the time expression at ``start`` is the time of what a planning verb plans ("scheduled a
    news conference Thursday", "planned a rally on Saturday"), not the time of the planning itself
    ("On Friday, the government planned to ...")."""
    verb = _verb_of(token)
    return verb is not None and verb.lemma_.lower() in _PLAN_VERBS and start > verb.idx


def _governing_token(sdoc: Doc, start: int, end: int) -> Token | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root: Token = span.root
    return root


def find_time_expressions(
    sdoc: Doc | None, text: str, published: dt.date | None
) -> list[tuple[int, int, Timex]]:
    """(start, end, Timex) for every time expression of ``text`` (``sdoc`` is its parse, or None)."""
    ent_spans: list[tuple[int, int]] = []
    if sdoc is not None:
        ents = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents]
        for s, e in entity_spans(ents, text):
            ent_spans.extend(refine_span(s, e, text))

    # an entity that is no time expression we can read gives way to the readable pieces inside it
    def readable(fragment: str) -> bool:
        return normalise(fragment, published) is not None

    by_rule = rule_spans(text)
    kept: list[tuple[int, int]] = []
    for s, e in ent_spans:
        if readable(text[s:e]):
            kept.append((s, e))
        elif not any(s <= rs < e for rs, _re in by_rule) and (piece := segment_span(s, e, text, readable)):
            kept.append(piece)
    spans = merge_spans(kept, by_rule)
    out: list[tuple[int, int, Timex]] = []
    refs: list[str] = []
    focus_quarter: str | None = None  # the quarter the text reports on ("the third quarter", "the quarter")
    for s, e in spans:
        tense: str | None = None
        perfect = False
        if sdoc is not None:
            tok = _governing_token(sdoc, s, e)
            tense = verb_tense(tok) if tok is not None else None
            perfect = tok is not None and _past_perfect(tok)
            if tense != "future" and tok is not None and not perfect and _planned(tok, s):
                tense = "future"
        if tense == "present" and tok is not None and not _near_verb(tok):
            tense = None  # a present tense far up the tree says little about this expression
        if _POSSESSIVE_AFTER.match(text, e):  # "Friday's vote": a noun modifier, no tense of its own
            tense = None
        if _AHEAD.search(text, max(0, s - 40), s) or (
            not perfect and _AHEAD_UNLESS_PAST.search(text, max(0, s - 24), s)
        ):
            tense = "future"
        elif (
            tense != "past"
            and _DEADLINE.search(text, max(0, s - 12), s)
            and _BARE_MONTH.fullmatch(text, s, e)
        ):
            tense = "future"  # "to be paid by March", "a permit valid through June"
        timex = normalise(text[s:e], published, tense, tuple(refs[-4:]))
        if timex is None:
            continue
        plain = timex
        timex = _in_context(timex, text, s, e, focus_quarter)
        compared = timex is not plain and "-Q" in timex.value  # "last year" read as the year-ago quarter
        if (
            timex.type == "DURATION"
            and _IN_BEFORE.search(text, max(0, s - 4), s)
            and _COUNTED_SPAN.fullmatch(text, s, e)
            and (tense == "future" or _MODAL_CLAUSE.search(text, max(0, s - 60), s))
        ):
            # "the bonds will mature in ten years": ten years from now (TIMEX3), not a duration
            ahead = normalise(text[s:e] + " from now", published)
            timex = ahead if ahead is not None and ahead.type == "DATE" and published else timex
        out.append((s, e, timex))
        if compared or timex.value.startswith("P") or (tense == "future" and "-Q" in timex.value):
            continue  # a comparison or a duration does not move the time in focus
        if _FOCUS.fullmatch(timex.value) and not is_comparison(text[s:e]):
            focus_quarter = timex.value if "-Q" in timex.value else None
        if (
            timex.type in ("DATE", "TIME")
            and (m := _SPECIFIC.match(timex.value))
            and not uses_reference(text[s:e])
        ):
            refs.append(m.group(0))
    return out


def resolved_date(value: str, published: dt.date | None) -> str | None:
    """The calendar date string an event can carry for a TIMEX3 value: ``YYYY-MM-DD``, ``YYYY-MM``,
    ``YYYY`` or None (durations, sets, underspecified and past/future references)."""
    if value == "PRESENT_REF":
        return published.isoformat() if published else None
    if m := _DAY.match(value):
        return m.group(1)
    if m := _MONTH.match(value):
        return m.group(1)
    if m := _WEEK.match(value):
        thursday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        return thursday.strftime("%Y-%m")
    if m := _YEARISH.match(value):
        return m.group(1)
    return None


def event_date_precision(value: str | None) -> str:
    """Precision ("day", "month", "year" or "unknown") of an ``event_date`` (YYYY-MM-DD / YYYY-MM / YYYY)."""
    if value is None:
        return "unknown"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "unknown"


def _verb_of(tok: Token) -> Token | None:
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _ancestors(tok: Token) -> list[Token]:
    return list(tok.ancestors)


def attach_event_dates(
    events: Sequence[Event],
    sdoc: Doc | None,
    timexes: Sequence[tuple[int, int, Timex]],
    published: dt.date | None,
) -> list[Event]:
    """Each event dated by the time expression of its own clause, else by the publication date.

    A time expression belongs to an event when the verb that governs it is the event trigger (tier 1)
    or a verb the trigger depends on ("visited Pyongyang Sunday to meet Kim", tier 2), in the trigger's
    sentence; the nearest such expression wins. Durations, sets and past/future references never date an
    event. With no publication date a relative expression keeps ``date_text`` but no ``event_date``.
    """
    if not events:
        return []
    pub = published.isoformat() if published else None
    datable = [
        (s, e, t)
        for s, e, t in timexes
        if t.type in ("DATE", "TIME") and t.value not in ("PAST_REF", "FUTURE_REF")
    ]
    anchors: list[tuple[int, int, Timex, Token | None]] = []
    if sdoc is not None:
        for s, e, t in datable:
            tok = _governing_token(sdoc, s, e)
            anchors.append((s, e, t, _verb_of(tok) if tok is not None else None))
    out: list[Event] = []
    for ev in events:
        best: tuple[int, int, tuple[int, int, Timex]] | None = None
        trig = sdoc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand") if sdoc else None
        if trig is not None and len(trig) > 0:
            ttok = trig.root
            sent = ttok.sent
            heads = {a.i for a in _ancestors(ttok)}
            for s, e, t, verb in anchors:
                if verb is None or not (sent.start_char <= s < sent.end_char):
                    continue
                if verb.i == ttok.i or trig.start <= verb.i < trig.end:
                    tier = 1
                elif verb.i in heads:
                    tier = 2
                else:
                    continue
                dist = min(abs(s - ev.trigger_end), abs(ev.trigger_start - e))
                key = (tier, dist, (s, e, t))
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is None:
            out.append(dataclasses.replace(ev, event_date=pub, date_text=None))
            continue
        s, e, t = best[2]
        text = doc_text(sdoc)[s:e] if sdoc is not None else None
        value = resolved_date(t.value, published)
        if value is None and published is None:
            out.append(dataclasses.replace(ev, event_date=None, date_text=text))
        else:
            out.append(dataclasses.replace(ev, event_date=value or pub, date_text=text))
    return [dataclasses.replace(ev, date_precision=event_date_precision(ev.event_date)) for ev in out]


def date_rows(article_id: str, text: str, timexes: Sequence[tuple[int, int, Timex]]) -> list[dict[str, Any]]:
    """``dates`` table rows for the time expressions of one article."""
    return [
        {"article_id": article_id, "text": text[s:e], "start": s, "end": e, "type": t.type, "value": t.value}
        for s, e, t in timexes
    ]


@register_stage("dates", requires=("spacy_doc", "events"), assigns=("dates", "events"))
def find_dates(doc: Document, res: Resources) -> Document:
    """Fill ``doc.dates`` and the ``event_date`` / ``date_text`` of ``doc.events``."""
    published = doc.article.published
    text = doc.clean_text or doc.text
    timexes = find_time_expressions(doc.spacy_doc, text, published)
    doc.dates = date_rows(doc.article.article_id, doc.text, timexes)
    doc.events = attach_event_dates(doc.events, doc.spacy_doc, timexes, published)
    return doc
