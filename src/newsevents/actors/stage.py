"""The ``actors`` stage: find and code the actor mentions of an article.

Mentions (character offsets into the article text, sorted by start):
- lexicon phrases: countries, demonyms, capitals (kind ``country``), IGOs (``igo``), named organisations
  (``org``), known office holders (``person``) and agent words (``agent``), matched on word tokens;
- spaCy PERSON entities (``person``), coded from the role phrase that introduces them ("North Korean leader
  Kim Jong Un", "US Secretary of State Mike Pompeo", "Harry Tseng, Taiwan's deputy foreign minister");
  later mentions of the same person by full name, first or last name get the same code;
- "he"/"she" as a clause subject and "him"/"her" as an object, coded as the most recent coded person
  (subjects preferred).
A capital named as the object of a locative preposition ("talks in Pyongyang") is the country, elsewhere
("Pyongyang said") the government.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..document import Actor, Document
from ..nlp import token_starts
from ..pipeline import Resources, register_stage
from .coref import add_compounds, add_titles, role_span
from .entries import select
from .kb import ActorKB, load_kb
from .span import compose_code
from .tokens import Token, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

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
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|him|her)\b")
_OBJECT = frozenset({"dobj", "pobj", "dative", "iobj"})
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
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
    mentions = kb.mentions(kb.match(tokens, strict_case=True), tokens, text, date)
    if sdoc is None:
        return mentions
    index = _TokenIndex(sdoc)
    mentions = [_capital_as_place(m, index) for m in mentions]
    mentions = _add_persons(text, tokens, mentions, sdoc, kb, date)
    mentions = add_titles(text, mentions)
    mentions = of_phrase_sectors(text, mentions, kb)
    mentions = _add_pronouns(text, mentions, index)
    mentions = _add_group_pronouns(text, mentions, index)
    mentions = add_compounds(text, mentions)
    return _without_overlaps(mentions)


class _TokenIndex:
    """spaCy token at a character offset."""

    def __init__(self, sdoc: Doc) -> None:
        self.sdoc = sdoc
        self.starts = token_starts(sdoc)

    def at(self, char: int) -> SpacyToken | None:
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok: SpacyToken = self.sdoc[i]
        return tok if tok.idx <= char < tok.idx + len(tok.text) else None


def _capital_as_place(m: Actor, index: _TokenIndex) -> Actor:
    if m.kind != "country" or m.sector != "GOV":
        return m
    tok = index.at(m.end - 1)
    if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
        return replace(m, code=m.country, sector=None)
    return m


def _name_keys(name: str) -> list[tuple[str, ...]]:
    """Full name, last name and first name (at least 3 letters) as registry keys."""
    toks = [t for t in tokenize(name) if t.is_title]
    keys: list[tuple[str, ...]] = [tuple(t.norm for t in tokenize(name))]
    for t in (toks[-1:] + toks[:1]) if toks else []:
        if len(t.norm) >= 3:
            keys.append((t.norm,))
    return keys


def _add_persons(
    text: str, tokens: list[Token], mentions: list[Actor], sdoc: Doc, kb: ActorKB, date: dt.date | None
) -> list[Actor]:
    registry: dict[tuple[str, ...], Actor] = {}
    for m in mentions:
        if m.kind == "person" and m.code:
            for key in _name_keys(m.name or m.text) + _name_keys(m.text):
                registry.setdefault(key, m)
    starts = [m.start for m in mentions]
    found: list[Actor] = []
    for ent in sdoc.ents:
        if ent.label_ != "PERSON":
            continue
        s, e = ent.start_char, ent.end_char
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2
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
        known = next((registry[k] for k in _name_keys(name) if k in registry), None)
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
    for t in tokens:
        if not t.is_title or (t.norm,) not in registry:
            continue
        i = bisect.bisect_right(cstarts, t.start) - 1
        if i >= 0 and covered[i][1] > t.start:
            continue
        found.append(_as_person(registry[(t.norm,)], t.text, t.start, t.end))
    return sorted([*mentions, *found], key=lambda m: (m.start, -m.end))


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


def _add_pronouns(text: str, mentions: list[Actor], index: _TokenIndex) -> list[Actor]:
    persons = [m for m in mentions if m.kind == "person" and m.code]
    if not persons:
        return mentions
    pstarts = [p.start for p in persons]
    subject = []
    for p in persons:
        tok = index.at(p.end - 1)
        subject.append(tok is not None and tok.dep_ in _SUBJECT)
    out = list(mentions)
    for match in _PRONOUN_RE.finditer(text):
        tok = index.at(match.start())
        roles = _SUBJECT if match.group().lower() in _SUBJECT_PRONOUNS else _OBJECT
        if tok is None or tok.dep_ not in roles or tok.tag_ == "PRP$":  # possessive "her" is no actor
            continue
        i = bisect.bisect_left(pstarts, match.start()) - 1
        if i < 0:
            continue
        recent = range(i, max(i - 8, -1), -1)
        if roles is _OBJECT:
            # "Kim welcomed Pompeo and congratulated him": an object pronoun is not its clause's subject.
            sent_start = tok.sent.start_char
            own = {persons[j].name for j in recent if persons[j].start >= sent_start and subject[j]}
            pick = next((persons[j] for j in recent if persons[j].name not in own), persons[i])
        else:
            pick = next((persons[j] for j in recent if subject[j]), persons[i])
        out.append(_as_person(pick, match.group(), match.start(), match.end()))
    return sorted(out, key=lambda m: (m.start, -m.end))


def _add_group_pronouns(text: str, mentions: list[Actor], index: _TokenIndex) -> list[Actor]:
    """Subject "it" -> the country/organisation that was the last subject of this or the previous sentence;
    subject "they" -> the last plural group subject there ("rebels", "Democrats"). Cautious: expletive verbs
    ("it is", "it seems") and other pronoun roles are left alone."""
    subjects: list[tuple[Actor, int]] = []  # (mention, sentence start)
    for m in mentions:
        if not m.code or m.kind == "person":
            continue
        tok = index.at(m.end - 1)
        if tok is not None and tok.dep_ in _SUBJECT:
            subjects.append((m, tok.sent.start))
    if not subjects:
        return mentions
    sstarts = [m.start for m, _ in subjects]
    out = list(mentions)
    for match in _IT_RE.finditer(text):
        tok = index.at(match.start())
        if tok is None or tok.dep_ != "nsubj" or tok.head.lemma_.lower() in _EXPLETIVE:
            continue
        i = bisect.bisect_left(sstarts, match.start()) - 1
        if i < 0:
            continue
        ante, sent_start = subjects[i]
        sent = tok.sent
        prev_start = sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
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
