"""Toponym detection on a spaCy parse: named entities plus gazetteer and demonym matching.

- spaCy ``GPE``/``LOC``/``FAC`` entities (a leading "the" and a trailing "'s" are trimmed);
- ``NORP`` entities and capitalised words that are demonyms/adjectives of a country ("Turkish",
  "Syrians") -> that country;
- capitalised word n-grams (up to 4 words, outside PERSON/DATE/... entities and outside spans already
  found) that name a country, continent or first-level region, or a place of >= ``MIN_POPULATION``
  people (``MIN_POPULATION_FIRST`` at the start of a sentence), or any gazetteer place right after a
  locative preposition ("fighting in Manbij");
- "A, B" where B names a region or country: B qualifies A ("Paris, Texas").
Spans never overlap; the longest wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .gazetteer import FEATURE_ADMIN1, FEATURE_CONTINENT, FEATURE_COUNTRY, Gazetteer, name_key
from .resolve import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = [
    "DIRECTION_WORDS",
    "MIN_POPULATION",
    "MIN_POPULATION_FIRST",
    "demonyms",
    "detect_mentions",
    "qualify",
]

MIN_POPULATION = 100_000
MIN_POPULATION_FIRST = 1_000_000
_NER_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCK_LABELS = frozenset(
    {
        "PERSON",
        "WORK_OF_ART",
        "LAW",
        "PRODUCT",
        "EVENT",
        "LANGUAGE",
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
    }
)
#: After these words any gazetteer name counts ("fighting in Manbij"), whatever its population.
_LOCATIVE_CUES = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
_MAX_WORDS = 4
#: Words that are never a toponym on their own ("the West", "Central").
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "middle",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "greater",
        "inner",
        "outer",
    }
)
_BIG = frozenset({FEATURE_COUNTRY, FEATURE_ADMIN1, FEATURE_CONTINENT})


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym / adjective (and regular plural) -> ISO3, from the actors layer's country table."""
    from ..actors.builtin import demonym_plural, read_rows

    out: dict[str, str] = {}
    for row in read_rows("countries.tsv"):
        iso = row[0].strip()
        for d in (x.strip() for x in (row[2].split("|") if len(row) > 2 else []) if x.strip()):
            out.setdefault(d, iso)
            many = demonym_plural(d)
            if many:
                out.setdefault(many, iso)
    return out


def _trim(span: Span) -> tuple[int, int] | None:
    toks = list(span)
    while toks and toks[0].lower_ in ("the", "a"):
        toks = toks[1:]
    while toks and (toks[-1].text in ("'s", "\u2019s", "'", "\u2019") or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _big_enough(senses_top_feature: str, population: int, first: bool) -> bool:
    if senses_top_feature in _BIG:
        return True
    return population >= (MIN_POPULATION_FIRST if first else MIN_POPULATION)


def detect_mentions(sdoc: Doc, text: str, gaz: Gazetteer, person_names: Iterable[str] = ()) -> list[Mention]:
    """The toponym mentions of a parsed document, sorted by start, non-overlapping. A span made only of
    words of a person's name in this document (spaCy PERSON entities plus ``person_names``, e.g. the
    actor layer's persons) is no toponym ("Pompeo" after "Mike Pompeo")."""
    dem = demonyms()
    persons = {w for e in sdoc.ents if e.label_ == "PERSON" for w in e.text.split()}
    persons.update(w for n in person_names for w in n.split())

    def personal(surface: str) -> bool:
        words = surface.split()
        return bool(words) and all(w in persons for w in words)

    taken = [False] * (len(text) + 1)
    out: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(m: Mention) -> None:
        for i in range(m.start, m.end):
            taken[i] = True
        out.append(m)

    blocked = [False] * len(sdoc)
    for ent in sdoc.ents:
        if ent.label_ in _BLOCK_LABELS:
            for t in ent:
                blocked[t.i] = True
    for ent in sorted(sdoc.ents, key=lambda e: -(e.end_char - e.start_char)):
        if ent.label_ not in _NER_LABELS and ent.label_ != "NORP":
            continue
        bounds = _trim(ent)
        if bounds is None or not free(*bounds):
            continue
        start, end = bounds
        surface = text[start:end]
        if surface.casefold() in DIRECTION_WORDS or personal(surface):
            continue
        if surface in dem:
            take(Mention(surface, start, end, "demonym", country_hint=dem[surface]))
        elif ent.label_ != "NORP":
            take(Mention(surface, start, end, "ner"))
    toks = list(sdoc)
    for i, tok in enumerate(toks):
        if blocked[i] or taken[tok.idx] or not (tok.is_title or (tok.is_upper and len(tok.text) > 1)):
            continue
        for n in range(min(_MAX_WORDS, len(toks) - i), 0, -1):
            last = toks[i + n - 1]
            if any(blocked[i : i + n]) or not last.text[:1].isupper():
                continue
            start, end = tok.idx, last.idx + len(last.text)
            if not free(start, end):
                continue
            surface = text[start:end]
            if n == 1 and surface in dem:
                take(Mention(surface, start, end, "demonym", country_hint=dem[surface]))
                break
            if n == 1 and (tok.pos_ != "PROPN" or tok.is_stop or tok.lower_ in DIRECTION_WORDS):
                continue
            key = name_key(surface)
            if not gaz.has(key) or personal(surface):
                continue
            top = gaz.lookup(surface)[0]
            if (
                n == 1
                and tok.is_upper
                and len(tok.text) <= 3
                and (top.feature != FEATURE_COUNTRY or top.alternate)
            ):
                continue  # short acronyms only when they are a country's own abbreviation ("US", "DRC")
            cued = i > 0 and toks[i - 1].lower_ in _LOCATIVE_CUES
            if cued or _big_enough(top.feature, top.population, bool(tok.is_sent_start)):
                take(Mention(surface, start, end, "gazetteer"))
                break
    out.sort(key=lambda m: m.start)
    return qualify(out, text, gaz)


def qualify(mentions: Sequence[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """Mark "A, B" pairs where B is a region or country: B qualifies A."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.country_hint or b.country_hint or text[a.end : b.start] not in (", ", ","):
            continue
        senses = gaz.lookup(b.text)
        if senses and senses[0].feature in (FEATURE_ADMIN1, FEATURE_COUNTRY):
            out[i] = Mention(a.text, a.start, a.end, a.source, None, b.text)
    return out
