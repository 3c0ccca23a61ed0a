"""The event's own place: which toponym of its sentence the event happened at.

For each event, among the resolved toponyms of its sentence (demonyms excluded):
1. **Governed**: walking down the parse from the trigger (breadth first, at most ``_MAX_DEPTH`` arcs),
   a toponym reached through a locative preposition ("met ... in Pyongyang", "a bombing in Aleppo",
   "killed ... near the border town of X"), allowing noun chains (objects, compounds, appositions,
   "of"-phrases), or the event's own object ("captured Jaffna", "captured the airport of Udbina").
   A toponym inside a relative clause ("troops which have their bases in Turkey") or reached through a
   non-locative preposition inside the object ("the envoy for Iraq") or through "according to" / "due
   to" ("according to Lagos television") is not governed.
   Candidates are ranked: no clause boundary crossed (a toponym inside a subordinate clause belongs to
   that clause's event) first; then a strong locative preposition ("in", "at", "near") or the object
   itself, then a place inside the object, then a weak preposition ("to", "from", "on"); then the
   smaller place (unknown to the gazetteer, town, region, country: "in Iraq's northern city of
   Mosul"); a possessive last; then the first in the text. A toponym premodifying a participant
   ("A US soldier was killed"), or a country premodifying a noun behind a preposition ("killed in a
   U.S. airstrike"), is no place of the event; one premodifying a place or facility noun ("West Bank
   towns", "the Kabul headquarters") is. A name before "province"/"state"/"governorate" counts as a
   first-level region; "the village of X" ranks X as the event's own object or locative.
2. **Locative in sentence** (fallback): the nearest toponym of the sentence that is the object of a
   strong locative preposition anywhere in the sentence (not a country premodifying a non-place noun).
3. **Standalone in sentence** (fallback): the nearest toponym that is neither a modifier nor a clause
   subject.
4. Otherwise no location ("Syrian forces", "Seville fans", "Moscow said" give no place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..document import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["LOCATIVE_PREPS", "PLACE_NOUNS", "STRONG_PREPS", "locate_events"]

#: Prepositions that can introduce an event's place.
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
        "through",
        "via",
    }
)
#: Prepositions that say where something happened rather than where it went or came from.
STRONG_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "through"}
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
        "relcl",
        "agent",
    }
)
#: Nouns naming a kind of place: a toponym premodifying one names that place ("West Bank towns").
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "district",
        "province",
        "region",
        "area",
        "settlement",
        "camp",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "border",
        "capital",
        "port",
        "island",
        "county",
        "state",
        "territory",
        "base",
        "airport",
        "outskirts",
        "headquarters",
        "office",
        "embassy",
        "consulate",
        "hotel",
        "hospital",
        "school",
        "university",
        "mosque",
        "church",
        "temple",
        "market",
        "station",
        "prison",
        "compound",
        "residence",
        "street",
        "road",
        "highway",
        "square",
        "bridge",
        "checkpoint",
        "crossing",
        "stadium",
        "harbour",
        "harbor",
        "coast",
        "valley",
        "countryside",
        "vicinity",
        "governorate",
        "municipality",
    }
)
#: Words that make a following "to" a non-locative phrase ("according to X television", "due to").
_NON_LOCATIVE_HEADS = frozenset({"according", "due", "thanks", "owing", "prior", "contrary", "pursuant"})
#: Arcs into another verb's clause: a place found below them is that clause's.
_CLAUSE_DEPS = frozenset({"acl", "advcl", "relcl", "ccomp", "xcomp"})
#: How a toponym can premodify a noun without being a place of the event ("U.S. airstrike").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_MAX_DEPTH = 6
#: How large a place of each gazetteer feature is: among equally governed toponyms the smallest wins
#: ("in Iraq's northern city of Mosul"); unknown toponyms (streets, villages) count as small.
_SIZE = {None: 0, "PPL": 1, "PPLC": 1, "ADM1": 2, "PCLI": 3, "RGN": 3, "CONT": 3, "SEA": 3}
_COUNTRY = 3
#: Kind-of-place nouns for first-level divisions ("district" or "region" can be small).
_REGION_NOUNS = frozenset({"province", "state", "governorate", "prefecture"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
_NOUN_CHAIN = frozenset({"prep", "pobj", "poss", "compound", "appos", "conj"})


def _head_token(sdoc: Doc, start: int, end: int) -> Token | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _premodifier(tok: Token) -> bool:
    """``tok`` premodifies a noun that is no place ("a U.S. airstrike", not "West Bank towns")."""
    return tok.dep_ in _MODIFIER_DEPS and tok.i < tok.head.i and tok.head.lemma_.lower() not in PLACE_NOUNS


def _path_rank(path: list[Token], country: bool) -> int | None:
    """0 through a strong locative preposition or as the event's object ("captured Jaffna", "captured
    the village of X"), 1 inside the object ("the outskirts of Udbina"), 2 through a weak preposition;
    None when the path does not make the toponym a place of the event. A country premodifying a noun
    that is no place ("killed in a U.S. airstrike") names a participant, not the place."""
    last = path[-1]
    premod = _premodifier(last)
    preps = [
        t
        for t in path
        if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS and t.head.lower_ not in _NON_LOCATIVE_HEADS
    ]
    if preps:
        if premod and country:
            return None
        return 0 if any(t.lower_ in STRONG_PREPS for t in preps) else 2
    if premod:
        return None  # "A US soldier was killed": the toponym premodifies the event's participant
    if path[0].dep_ in _OBJECT_DEPS and all(t.dep_ in _NOUN_CHAIN for t in path[1:]):
        if any(t.dep_ == "prep" and t.lower_ != "of" for t in path[1:]):
            return None  # "killing the envoy for Iraq": not a place the object is in
        if all(t.dep_ in ("appos", "conj", "compound") for t in path[1:]):
            return 0
        kinds = [t.head for t in path[1:] if t.dep_ == "prep"]
        return 0 if kinds and kinds[-1].lemma_.lower() in PLACE_NOUNS else 1
    return None


def _governed(trigger: Token, targets: dict[int, int], size: Sequence[int]) -> int | None:
    """Breadth-first search down from the trigger; the best-ranked toponym head (see module doc).
    ``targets`` maps token indexes to place indexes, ``size`` ranks each place (0 unknown to the
    gazetteer, 1 town, 2 first-level region, 3 country or larger)."""
    frontier: list[tuple[Token, list[Token]]] = [(trigger, [])]
    seen = {trigger.i}
    best: tuple[int, int, int, int, int] | None = None
    chosen = None
    for _ in range(_MAX_DEPTH):
        nxt: list[tuple[Token, list[Token]]] = []
        for tok, path in frontier:
            for child in tok.children:
                if child.i in seen or child.dep_ not in _DOWN_DEPS:
                    continue
                seen.add(child.i)
                cpath = [*path, child]
                if child.i in targets:
                    # a place inside a relative clause is that clause's ("troops which have bases in X")
                    in_relcl = any(t.dep_ == "relcl" for t in cpath)
                    rank = None if in_relcl else _path_rank(cpath, size[targets[child.i]] == _COUNTRY)
                    if rank is not None:
                        clause = int(any(t.dep_ in _CLAUSE_DEPS for t in cpath))
                        key = (clause, rank, size[targets[child.i]], int(child.dep_ == "poss"), child.i)
                        if best is None or key < best:
                            best, chosen = key, targets[child.i]
                nxt.append((child, cpath))
        frontier = nxt
    return chosen


def _locative(tok: Token) -> bool:
    """The toponym's head is the object of a strong locative preposition (directly or via a noun chain)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in STRONG_PREPS:
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
    size = [_SIZE.get(p.get("feature"), 1) for p in places]
    for i, p in usable:
        tok = _head_token(sdoc, p["start"], p["end"])
        if tok is not None:
            heads[tok.i] = i
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in _REGION_NOUNS:
                size[i] = max(size[i], _SIZE["ADM1"])  # "North Kivu province" is no small place
    out = []
    for ev in events:
        trigger = _head_token(sdoc, ev.trigger_start, ev.trigger_end)
        if trigger is None:
            out.append(ev)
            continue
        sent = trigger.sent
        in_sent = {t: i for t, i in heads.items() if sent.start <= t < sent.end}
        chosen = _governed(trigger, in_sent, size) if in_sent else None
        if chosen is None:
            loc = [
                (abs(t - trigger.i), i)
                for t, i in in_sent.items()
                if _locative(sdoc[t]) and not (size[i] == _COUNTRY and _premodifier(sdoc[t]))
            ]
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
