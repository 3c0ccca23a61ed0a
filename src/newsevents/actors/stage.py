"""The ``actors`` stage: find and code the actor mentions of an article.

Mentions (character offsets into the article text, sorted by start):
- lexicon phrases: countries, demonyms, capitals (kind ``country``), IGOs (``igo``), named organisations
  (``org``), known office holders (``person``) and agent words (``agent``), matched on word tokens;
- spaCy PERSON entities (``person``), coded from the role phrase that introduces them ("North Korean leader
  Kim Jong Un", "US Secretary of State Mike Pompeo", "Harry Tseng, Taiwan's deputy foreign minister");
  later mentions of the same person by full name, first or last name get the same code;
- "he"/"she" as a clause subject and "him"/"her" as an object, and "I"/"we" inside a quote, resolved with
  gender, paragraph and quote rules (see :mod:`.pronouns`).
A capital named as the object of a locative preposition ("talks in Pyongyang") is the country, elsewhere
("Pyongyang said") the government.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..document import Actor, Document
from ..pipeline import Resources, register_stage
from .coref import add_compounds, add_titles, role_span
from .entries import select
from .kb import (
    HONORIFICS,
    NAME_PARTICLES,
    ActorKB,
    given_key,
    load_kb,
    names_institution,
    same_given_name,
)
from .parse_table import parse_table
from .pronouns import resolve_person_pronouns
from .span import compose_code
from .tokens import Token, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "to",
        "from",
        "into",
        "inside",
        "outside",
        "across",
        "around",
        "through",
        "toward",
        "towards",
        "within",
        "via",
        "throughout",
    }
)
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_NAME_KINDS = frozenset({"person", "org", "igo"})
_IT_RE = re.compile(r"\b(?:[Ii]t|[Tt]hey)\b")
# verbs whose subject "it" is usually expletive or not an actor ("it is", "it seems", "it rained")
_EXPLETIVE = frozenset(
    {"be", "seem", "appear", "remain", "take", "happen", "matter", "look", "become", "rain"}
    | {"cost", "mean", "come", "get", "make", "feel", "sound", "turn", "go"}
)
_GROUP_KINDS = frozenset({"country", "org", "igo"})
# "of the", then up to four capitalised or parenthesised words ("of the Unity (Reform) opposition")
_OF_GLUE_RE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:[A-Z][\w'-]*|\([^()]{1,40}\))\s+){0,4}")


@register_stage("actors", requires=("spacy_doc",), assigns=("mentions",))
def find_actors(doc: Document, res: Resources) -> Document:
    """Set ``doc.mentions`` to the coded actor mentions of the article."""
    kb = res.actor_kb if res.actor_kb is not None else load_kb()
    text = doc.clean_text or doc.text
    doc.mentions = find_mentions(text, kb, doc.article.published, doc.spacy_doc)
    return doc


def find_mentions(
    text: str, kb: ActorKB, date: dt.date | None = None, sdoc: Doc | None = None
) -> list[Actor]:
    """All actor mentions of ``text``; ``sdoc`` (its spaCy parse) adds persons, metonymy and pronouns."""
    tokens = tokenize(text)
    matches = kb.without_namesakes(kb.match(tokens, strict_case=True), tokens, text, running=True)
    mentions = kb.mentions(matches, tokens, text, date)
    if sdoc is None:
        return mentions
    index = _TokenIndex(sdoc)
    mentions = [_capital_as_place(m, index) for m in mentions]
    mentions = _add_persons(text, tokens, mentions, _person_names(sdoc), kb, date)
    mentions = add_titles(text, mentions)
    mentions = of_phrase_sectors(text, mentions, kb)
    mentions = resolve_person_pronouns(text, mentions, index.table, index.at)
    mentions = _add_group_pronouns(text, mentions, index)
    mentions = add_compounds(text, mentions)
    return _without_overlaps(mentions)


class _TokenIndex:
    """The parse's token at a character offset, and its attributes (see :class:`ParseTable`)."""

    def __init__(self, sdoc: Doc) -> None:
        self.sdoc = sdoc
        self.table = parse_table(sdoc)

    def at(self, char: int) -> int | None:
        """The index of the token covering ``char``, else None."""
        i = bisect.bisect_right(self.table.starts, char) - 1
        if i < 0:
            return None
        return i if char < self.table.ends[i] else None

    def sent_start_char(self, i: int) -> int:
        """``tok.sent.start_char``."""
        return self.table.starts[self.table.sent_starts[i]]


def _person_names(sdoc: Doc) -> list[tuple[int, int, str]]:
    """``(start_char, end_char, text)`` of the PERSON entities of the parse."""
    return [(e.start_char, e.end_char, e.text) for e in sdoc.ents if e.label_ == "PERSON"]


def _capital_as_place(m: Actor, index: _TokenIndex) -> Actor:
    if m.kind != "country" or m.sector != "GOV":
        return m
    i = index.at(m.end - 1)
    if (
        i is not None
        and index.table.deps[i] == "pobj"
        and index.sdoc[index.table.heads[i]].lower_ in _LOCATIVE
    ):
        return replace(m, code=m.country, sector=None)
    return m


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[tuple[str, ...], ...]:
    """Registry keys of a name: the full name, given + last name (short forms made canonical: "Jim" ->
    "james"), then the last name and the given name alone (at least 3 letters)."""
    words = tokenize(name)
    toks = [
        t
        for t in words
        if t.is_title and t.norm not in NAME_PARTICLES and t.norm not in HONORIFICS and len(t.norm) > 1
    ]
    keys: list[tuple[str, ...]] = [tuple(t.norm for t in words)]
    if len(toks) >= 2:
        keys.append((given_key(toks[0].norm), toks[-1].norm))
    for t in (toks[-1:] + toks[:1]) if toks else []:
        if len(t.norm) >= 3:
            keys.append((t.norm,))
    return tuple(keys)


def _lookup_keys(name: str) -> tuple[tuple[str, ...], ...]:
    """Registry keys a name found in the text may match: a full name ("Melania Trump") only by its full
    name or given + last name (it is not whoever else has that surname), a single name by itself."""
    keys = _name_keys(name)
    if len(keys) > 1 and len(keys[1]) == 2:
        return keys[:2]
    single = tuple(k for k in keys if len(k) == 1)
    return single[:1] or keys[:1]


def _namesakes(
    text: str, mentions: list[Actor], names: list[tuple[int, int, str]], kb: ActorKB
) -> list[Actor]:
    """Drop surname-only person matches of someone else with that surname: inside a PERSON name with
    another given name ("Nasr al-Hariri", also at a sentence start) and, after it, the bare surname
    unless the article also names the known person in full or with a title ("President Trump")."""
    covered = sorted((m.start, m.end) for m in mentions if m.kind != "person")
    cstarts = [c[0] for c in covered]
    introduced: dict[str, int] = {}
    spans: list[tuple[int, int]] = []  # the other persons' names
    for ent_start, ent_end, ent_text in names:
        words = [w for w in tokenize(ent_text, ent_start) if w.norm not in NAME_PARTICLES]
        words = [w for w in words if not _inside(covered, cstarts, w.start)]
        if len(words) < 2 or words[-1].norm in introduced or not _given_name(words[0]):
            continue
        known = [e for e in kb.lookup(words[-1].text) if e.kind == "person"]
        if known and not any(same_given_name(words[0].norm, e.name) for e in known):
            introduced[words[-1].norm] = ent_start
            spans.append((ent_start, ent_end))
    if not introduced:
        return mentions
    # a person the article also names in full or by title + surname keeps the bare surname
    confirmed = {
        m.name
        for k, m in enumerate(mentions)
        if m.kind == "person"
        and (
            len(tokenize(m.text)) > 1
            or (k > 0 and 0 <= m.start - mentions[k - 1].end <= 1 and mentions[k - 1].kind == "agent")
        )
    }
    return [
        m
        for m in mentions
        if m.kind != "person"
        or len(toks := tokenize(m.text)) != 1
        or (m.name in confirmed and not any(s <= m.start < e for s, e in spans))
        or introduced.get(toks[0].norm, len(text)) > m.start
    ]


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][1] > pos


def _given_name(word: Token) -> bool:
    return word.is_title and not word.is_upper and word.norm not in HONORIFICS


def _add_persons(
    text: str,
    tokens: list[Token],
    mentions: list[Actor],
    names: list[tuple[int, int, str]],
    kb: ActorKB,
    date: dt.date | None,
) -> list[Actor]:
    """Add the PERSON entities (``names``, see :func:`_person_names`) and later mentions of coded persons."""
    registry: dict[tuple[str, ...], Actor] = {}
    mentions = _namesakes(text, mentions, names, kb)
    for m in mentions:
        if m.kind == "person" and m.code:
            for key in (*_name_keys(m.name or m.text), *_name_keys(m.text)):
                registry.setdefault(key, m)
    starts = [m.start for m in mentions]
    found: list[Actor] = []
    for s, e, _ in names:
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2
        while s < e and not text[s].isalnum():
            s += 1
        lo = bisect.bisect_left(starts, s) - 1
        overlapping = [m for m in mentions[max(lo, 0) :] if m.start < e and m.end > s]
        if any(m.kind in _NAME_KINDS for m in overlapping):
            continue
        if overlapping:
            s = max(m.end for m in overlapping)
            while s < e and not text[s].isalnum():
                s += 1
        if s >= e:
            continue
        name = text[s:e]
        known = next((registry[k] for k in _lookup_keys(name) if k in registry), None)
        if known is not None:
            found.append(_as_person(known, name, s, e))
            continue
        variant = select(kb.person_variant(tokenize(name)), date)
        if variant is not None and variant.code:
            person = Actor(name, s, e, variant.code, variant.country, variant.sector, variant.name, "person")
            found.append(person)
            for key in _name_keys(name):
                registry.setdefault(key, person)
            continue
        span = role_span(text, s, e, mentions)
        role = kb.resolve(text[span[0] : span[1]], date) if span else None
        code = role.code if role is not None else None
        person = Actor(
            text=name,
            start=s,
            end=e,
            code=code,
            country=role.country if role else None,
            sector=role.sector if role else None,
            name=name,
            kind="person",
        )
        found.append(person)
        if code:
            for key in _name_keys(name):
                registry.setdefault(key, person)
    # bare first / last names that the NER missed or met before the full name ("Trump and Kim believe")
    found = [
        _as_person(registry[k], p.text, p.start, p.end)
        if p.code is None and (k := _single(p.text)) in registry
        else p
        for p in found
    ]
    covered = sorted((m.start, m.end) for m in [*mentions, *found])
    cstarts = [c[0] for c in covered]
    singles = {k[0] for k in registry if len(k) == 1}
    for t in tokens:
        if t.norm not in singles or not t.is_title:
            continue
        i = bisect.bisect_right(cstarts, t.start) - 1
        if i >= 0 and covered[i][1] > t.start:
            continue
        found.append(_as_person(registry[(t.norm,)], t.text, t.start, t.end))
    found = [
        _as_place(p) if names_institution(text, p.end) else p
        for p in found
        if p.country or not names_institution(text, p.end)
    ]
    return sorted([*mentions, *found], key=lambda m: (m.start, -m.end))


def _as_place(person: Actor) -> Actor:
    """A person's name inside an institution name ("the Rassendyll Foundation"): only the country."""
    return replace(person, code=person.country, sector=None, kind="country")


def _single(name: str) -> tuple[str, ...]:
    toks = tokenize(name)
    return (toks[0].norm,) if len(toks) == 1 else ()


def _as_person(known: Actor, text: str, start: int, end: int) -> Actor:
    return Actor(
        text=text,
        start=start,
        end=end,
        code=known.code,
        country=known.country,
        sector=known.sector,
        name=known.name,
        kind="person",
    )


def _add_group_pronouns(text: str, mentions: list[Actor], index: _TokenIndex) -> list[Actor]:
    """Subject "it" -> the country/organisation that was the last subject of this or the previous sentence;
    subject "they" -> the last plural group subject there ("rebels", "Democrats"). Cautious: expletive verbs
    ("it is", "it seems") and other pronoun roles are left alone."""
    table = index.table
    subjects: list[tuple[Actor, int]] = []  # (mention, sentence start)
    for m in mentions:
        if not m.code or m.kind == "person":
            continue
        k = index.at(m.end - 1)
        if k is not None and table.deps[k] in _SUBJECT:
            subjects.append((m, table.sent_starts[k]))
    if not subjects:
        return mentions
    sstarts = [m.start for m, _ in subjects]
    out = list(mentions)
    for match in _IT_RE.finditer(text):
        tok = index.at(match.start())
        if tok is None or table.deps[tok] != "nsubj" or table.lemmas[table.heads[tok]] in _EXPLETIVE:
            continue
        i = bisect.bisect_left(sstarts, match.start()) - 1
        if i < 0:
            continue
        ante, sent_start = subjects[i]
        start = table.sent_starts[tok]
        prev_start = table.sent_starts[start - 1] if start > 0 else start
        if sent_start < prev_start:
            continue
        plural = match.group().lower() == "they"
        if plural != (ante.kind == "agent" or ante.text.endswith("s")):
            continue
        if not plural and ante.kind not in _GROUP_KINDS:
            continue
        out.append(replace(ante, text=match.group(), start=match.start(), end=match.end()))
    return sorted(out, key=lambda m: (m.start, -m.end))


def of_phrase_sectors(text: str, mentions: list[Actor], kb: ActorKB) -> list[Actor]:
    """A generic role word takes the sector of its "of" phrase: "leaders of the Unity opposition
    coalition" -> OPP, "the head of the army" -> MIL, "leaders of Hamas" -> Hamas's country and sector."""
    out = list(mentions)
    for k, m in enumerate(mentions[:-1]):
        if m.kind != "agent" or m.country or _priority(kb, m.text) > 1:
            continue
        nxt = next((n for n in mentions[k + 1 :] if n.start >= m.end), None)
        if nxt is None or not nxt.sector or nxt.kind not in ("agent", "org"):
            continue
        if _OF_GLUE_RE.fullmatch(text, m.end, nxt.start) is None:
            continue
        if nxt.kind == "agent" and _priority(kb, nxt.text) < 2:
            continue
        country = m.country or (nxt.country if nxt.kind == "org" else None)
        out[k] = replace(m, sector=nxt.sector, country=country, code=compose_code(country, nxt.sector))
    return out


def _priority(kb: ActorKB, phrase: str) -> int:
    return max((e.priority for e in kb.lookup(phrase) if e.kind == "agent"), default=2)


def _without_overlaps(mentions: list[Actor]) -> list[Actor]:
    """Drop mentions overlapping an earlier one; the members of a compound (same span) all stay."""
    out: list[Actor] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start >= end or (out and (out[-1].start, out[-1].end) == (m.start, m.end)):
            out.append(m)
            end = m.end
    return out
