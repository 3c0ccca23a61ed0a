"""Coreference inside an article that needs no parse: role titles and compound actors.

- A definite role title ("the Secretary of State", "the North Korean leader", "the minister") names the
  person last introduced with that role ("US Secretary of State Mike Pompeo ... the Secretary of State").
- "both leaders", "the two sides", "both countries" ... name the last two distinct actors of that sort; the
  phrase becomes one mention per member with the same span (see :func:`.span.actors_for_span`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Actor
from .tokens import tokenize

_GLUE_RE = re.compile(r"^(?:\s|'s|’s|\bof\b|\bthe\b|-)*$", re.IGNORECASE)
# inside a role phrase, also a preposition with its object ("ambassador to the UK", "negotiator for the
# opposition")
_ROLE_GLUE_RE = re.compile(r"^(?:\s|'s|’s|\b(?:of|the|for|to|at|in|from|with)\b|-)*$", re.IGNORECASE)
# a role phrase that opens its sentence before a comma and the name ("Arnor's envoy to Gondor, Jo Bloggs,")
_CLAUSE_START_RE = re.compile(r"(?:^|[.!?\"“”‘’:;]\s*|\n\s*)(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_NEXT_NAME_RE = re.compile(r"\s*,\s*[A-Z]")
# between a role title and the name it introduces: lower-case words only ("the secretary general Ana ...")
_TITLE_GAP_RE = re.compile(r"^\s+(?:[a-z]+\s+){0,2}$")
# ", the ...", and a relative clause that gives the role: ", who is a ...", ", who served as the ..."
_APPOS_RE = re.compile(
    r"\s*,\s*(?:who\s+(?:is|was|has\s+been|had\s+been|serves\s+as|served\s+as|doubles\s+as|became)"
    r"\s+(?:also\s+|now\s+|then\s+)?)?(?:(?:the|a|an)\s+)?"
)
_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_DEFINITE_RE = re.compile(r"\b[Tt]he\s+$")
_ROLE_KINDS = frozenset({"agent", "country", "igo", "org"})
_NAMED = frozenset({"person", "country", "igo", "org"})

_PERSON_NOUNS = (
    "leaders|presidents|ministers|foreign ministers|defen[cs]e ministers|prime ministers|premiers|men|women"
)
_COUNTRY_NOUNS = "countries|nations|states|neighbou?rs|allies|rivals|governments|capitals"
_SIDE_NOUNS = "sides|parties|delegations|camps"
_COMPOUND_RE = re.compile(
    rf"\b(?:[Bb]oth|[Tt]he two|[Tt]he 2)\s+(?:(?P<person>{_PERSON_NOUNS})|(?P<country>{_COUNTRY_NOUNS})"
    rf"|(?P<side>{_SIDE_NOUNS}))\b"
)
# how far back (characters) a compound looks for its members: about the current and previous sentences
_LOOKBACK = 800


def role_span(text: str, start: int, end: int, mentions: Sequence[Actor]) -> tuple[int, int] | None:
    """The span of the role words before a name ("US Secretary of State ...") or of its appositive."""
    before = [m for m in mentions if m.end <= start and m.kind in _ROLE_KINDS]
    cur = start
    first = None
    for m in reversed(before):
        if not _GLUE_RE.match(text[m.end : cur]):
            break
        first, cur = m.start, m.start
    if first is not None:
        return first, _of_country(text, end, mentions)
    app = _APPOS_RE.match(text, end)
    if app is None or app.end() == end:
        return _fronted_role(text, start, end, before)
    after = [m for m in mentions if m.start >= app.end() and m.kind in _ROLE_KINDS]
    cur, last = app.end(), None
    for m in after:
        glue = _ROLE_GLUE_RE if last is not None else _GLUE_RE
        if not glue.match(text[cur : m.start]):
            break
        last, cur = m.end, m.end
    if last is not None and _NEXT_NAME_RE.match(text, last):
        return None  # "Osgiliath, a Gondorian envoy, Jo Bloggs": the role introduces the next name
    return (start, last) if last is not None else _fronted_role(text, start, end, before)


def _fronted_role(text: str, start: int, end: int, before: Sequence[Actor]) -> tuple[int, int] | None:
    """ "Arnor's ambassador to Gondor, Jo Bloggs, said": a role phrase that opens the sentence, a comma,
    then the name. The phrase must hold a role word; it runs from the name's own span back to it."""
    comma = _COMMA_BEFORE_RE.search(text, max(0, start - 4), start)
    if comma is None or comma.end() != start:
        return None
    cur, first, role = comma.start(), None, False
    for m in reversed(before):
        if not _ROLE_GLUE_RE.match(text[m.end : cur]):
            break
        first, cur, role = m.start, m.start, role or m.kind == "agent"
    if first is None or not role or _CLAUSE_START_RE.search(text, max(0, first - 8), first) is None:
        return None
    return first, end


def _of_country(text: str, end: int, mentions: Sequence[Actor]) -> int:
    """Extend a titled name by its "of <country>" ("King Abdullah of Jordan") when one follows."""
    of = _OF_RE.match(text, end)
    if of is None:
        return end
    nxt = next((m for m in mentions if m.start == of.end()), None)
    return nxt.end if nxt is not None and nxt.kind == "country" else end


def _norms(text: str) -> frozenset[str]:
    return frozenset(t.norm for t in tokenize(text))


def _person(p: Actor, text: str, start: int, end: int) -> Actor:
    return Actor(text[start:end], start, end, p.code, p.country, p.sector, p.name, "person")


def add_titles(text: str, mentions: list[Actor]) -> list[Actor]:
    """Replace definite role titles by the person last introduced with that role."""
    roles: list[tuple[Actor, frozenset[str], int]] = []  # person, role words, end of the introduction
    named: set[str] = set()
    for p in mentions:
        if p.kind != "person" or not p.code or (p.name or p.text) in named:
            continue
        named.add(p.name or p.text)
        span = role_span(text, p.start, p.end, mentions)
        if span is not None:
            roles.append((p, _norms(text[span[0] : span[1]]) - _norms(p.text), max(p.end, span[1])))
    if not roles:
        return mentions
    out: list[Actor] = []
    for k, m in enumerate(mentions):
        if m.kind != "agent" or m.country:
            out.append(m)
            continue
        start, country = m.start, None
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "country" and 0 <= m.start - prev.end <= 1 and k > 0:
            start, country = prev.start, prev.country
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if not _DEFINITE_RE.search(text[max(0, start - 6) : start]) or (
            nxt is not None and nxt.kind == "person" and _TITLE_GAP_RE.match(text[m.end : nxt.start])
        ):  # "the secretary general Ana Lopez": the title introduces the name that follows
            out.append(m)
            continue
        words = _norms(m.text)
        pick = next(
            (
                p
                for p, role, intro_end in reversed(roles)
                if intro_end <= start and words <= role and (country is None or p.country == country)
            ),
            None,
        )
        if pick is None:
            out.append(m)
            continue
        if start != m.start:
            out.pop()
        out.append(_person(pick, text, start, m.end))
    return out


def _distinct_last(cands: Sequence[Actor], key: str) -> list[Actor]:
    """The last two candidates that differ in ``key`` ("name" or "country"), oldest first."""
    out: list[Actor] = []
    seen: set[str] = set()
    for m in reversed(cands):
        value = (m.name or m.text) if key == "name" else (m.country or m.code or "")
        if value and value not in seen:
            seen.add(value)
            out.append(m)
            if len(out) == 2:
                break
    return out[::-1] if len(out) == 2 else []


def compound_members(kind: str, before: Sequence[Actor], text: str, start: int, end: int) -> list[Actor]:
    """The members of "both leaders" (``person``), "both countries" (``country``), "the two sides"."""
    if kind == "person":
        people = [m for m in before if m.kind == "person" and m.code]
        return [_person(p, text, start, end) for p in _distinct_last(people, "name")]
    if kind == "side":
        sides = [m for m in before if m.kind in _NAMED and m.code]
        return [
            Actor(text[start:end], start, end, m.code, m.country, m.sector, m.name, m.kind)
            for m in _distinct_last(sides, "country")
        ]
    states = [m for m in before if m.kind in _NAMED and m.country and not (m.code or "").startswith("IGO")]
    gov = text[start:end].lower().endswith("governments")
    out = []
    for m in _distinct_last(states, "country"):
        c = m.country or ""
        out.append(
            Actor(
                text[start:end],
                start,
                end,
                c + "GOV" if gov else c,
                c,
                "GOV" if gov else None,
                None,
                "country",
            )
        )
    return out


def add_compounds(text: str, mentions: list[Actor]) -> list[Actor]:
    """Replace "both leaders", "the two sides" ... by one mention per member (same span)."""
    found = list(_COMPOUND_RE.finditer(text))
    if not found:
        return mentions
    out = list(mentions)
    for match in found:
        start, end = match.start(), match.end()
        kind = match.lastgroup or "side"
        before = [m for m in out if start - _LOOKBACK <= m.start and m.end <= start]
        members = compound_members(kind, before, text, start, end)
        if len(members) < 2:
            continue
        out = [m for m in out if m.end <= start or m.start >= end] + members
        out.sort(key=lambda m: (m.start, -m.end))
    return out
