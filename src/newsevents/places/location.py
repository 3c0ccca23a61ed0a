"""The event's own place: which toponym of its sentence the event happened at.

For each event, among the resolved toponyms of its sentence (demonyms excluded):
1. **Governed**: a toponym reached from the trigger by going down the parse through a locative
   preposition ("met ... in Pyongyang", "a bombing in Aleppo", "killed ... near the border town of X"),
   allowing noun chains (objects, compounds, appositions, "of"-phrases), or the event's own object
   ("captured Jaffna", "captured the airport of Udbina"); the shortest path wins.
2. **Locative in sentence** (fallback): the nearest toponym of the sentence that is the object of a
   locative preposition anywhere in the sentence.
3. Otherwise no location (a toponym used only as a modifier or an actor, "Syrian forces", "Seville fans",
   "Moscow said", is not the event's place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..document import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["LOCATIVE_PREPS", "locate_events"]

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "throughout",
        "around",
        "within",
        "on",
        "into",
        "nearby",
        "off",
        "along",
        "towards",
        "toward",
        "to",
        "from",
        "between",
        "over",
    }
)
_STRONG_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"}
)
_DOWN_DEPS = frozenset(
    {
        "prep",
        "pobj",
        "dobj",
        "nsubjpass",
        "compound",
        "appos",
        "nmod",
        "npadvmod",
        "conj",
        "attr",
        "oprd",
        "advmod",
        "pcomp",
        "obj",
        "acl",
        "amod",
        "poss",
        "advcl",
    }
)
_MAX_DEPTH = 6
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
_NOUN_CHAIN = frozenset({"prep", "pobj", "poss", "compound", "appos", "conj"})


def _head_token(sdoc: Doc, start: int, end: int) -> Token | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _path_ok(path: list[Token]) -> bool:
    """A locative preposition on the path, or the toponym is (inside) the event's object or passive
    subject ("captured Jaffna", "captured the airport of Udbina", "Grozny's streets were patrolled")."""
    if any(t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS for t in path):
        return True
    return bool(path) and path[0].dep_ in _OBJECT_DEPS and all(t.dep_ in _NOUN_CHAIN for t in path[1:])


def _governed(trigger: Token, targets: dict[int, int]) -> int | None:
    """Breadth-first search down from the trigger; the first toponym head reached via a locative prep."""
    frontier: list[tuple[Token, list[Token]]] = [(trigger, [])]
    seen = {trigger.i}
    for _ in range(_MAX_DEPTH):
        nxt: list[tuple[Token, list[Token]]] = []
        for tok, path in frontier:
            for child in tok.children:
                if child.i in seen or child.dep_ not in _DOWN_DEPS:
                    continue
                seen.add(child.i)
                cpath = [*path, child]
                if child.i in targets and _path_ok(cpath):
                    return targets[child.i]
                nxt.append((child, cpath))
        frontier = nxt
    return None


def _locative(tok: Token) -> bool:
    """The toponym's head is the object of a locative preposition (directly or via a noun chain)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in _STRONG_PREPS:
            return True
        if cur.dep_ not in ("compound", "appos", "pobj", "conj") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _standalone(tok: Token) -> bool:
    """Not a modifier ("U.S. airstrike", "Grozny's streets") nor a clause subject ("Moscow said")."""
    return tok.dep_ not in ("compound", "amod", "poss", "nmod", "nsubj", "npadvmod")


def locate_events(events: Sequence[Event], places: Sequence[dict[str, Any]], sdoc: Doc) -> list[Event]:
    """``events`` with ``location_name``/``location_country``/``lat``/``lon`` set where a place is found."""
    usable = [(i, p) for i, p in enumerate(places) if not p.get("_demonym")]
    if not usable or not events:
        return list(events)
    heads: dict[int, int] = {}
    sent_of: dict[int, int] = {}
    for i, p in usable:
        tok = _head_token(sdoc, p["start"], p["end"])
        if tok is not None:
            heads[tok.i] = i
            sent_of[i] = tok.sent.start
    out = []
    for ev in events:
        trigger = _head_token(sdoc, ev.trigger_start, ev.trigger_end)
        if trigger is None:
            out.append(ev)
            continue
        sent = trigger.sent
        in_sent = {t: i for t, i in heads.items() if sent.start <= t < sent.end}
        chosen = _governed(trigger, in_sent) if in_sent else None
        if chosen is None:
            loc = [(abs(t - trigger.i), i) for t, i in in_sent.items() if _locative(sdoc[t])]
            chosen = min(loc)[1] if loc else None
        if chosen is None:
            loc = [(abs(t - trigger.i), i) for t, i in in_sent.items() if _standalone(sdoc[t])]
            chosen = min(loc)[1] if loc else None
        if chosen is None:
            out.append(ev)
            continue
        p = places[chosen]
        out.append(
            replace(
                ev,
                location_name=p["text"],
                location_country=p.get("country"),
                lat=p.get("lat"),
                lon=p.get("lon"),
            )
        )
    return out
