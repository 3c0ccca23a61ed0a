"""Toponym detection on a spaCy parse: named entities plus gazetteer and demonym matching.

- spaCy ``GPE``/``LOC``/``FAC`` entities (a leading "the" and a trailing "'s" are trimmed);
- ``NORP`` entities and capitalised words that are demonyms/adjectives of a country ("Turkish",
  "Syrians") -> that country;
- capitalised word n-grams (up to 4 words, outside PERSON/DATE/... entities and outside spans already
  found) that name a country, continent or first-level region, or a place of >= ``MIN_POPULATION``
  people (``MIN_POPULATION_FIRST`` at the start of a sentence), or any gazetteer place right after a
  locative preposition ("fighting in Zorzor");
- a capitalised name after a kind-of-place noun and "of" ("the village of Tel Kaif", "the towns of X and
  Y") or before one ("the Hawija area", "Aceh province"), whether or not the gazetteer knows it;
- a one-word spaCy PERSON right after a locative preposition that the gazetteer knows ("in Sanaa"), or
  in an object or modifier position naming a large place ("rebels captured Bukavu", "Bukavu's streets",
  "Goma residents");
- a gazetteer name of any size followed by an apposition that makes it a place ("Zorzor, 200 kilometres
  north of ...", "X, the capital of ...");
- a capitalised name followed by an apposition headed by a kind-of-place noun ("Qila Saifullah, a small
  town"), whether or not the gazetteer knows it;
- "A, B" where B names a region or country: B qualifies A ("Paris, Texas").
Single direction words and generic nouns that some regions are named ("Centre", "Plateau") are no
toponym on their own. Spans never overlap; the longest wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..nlp import doc_text, token_starts
from .gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_CAPITAL,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_PLACE,
    Gazetteer,
    Place,
    name_key,
    region_abbreviations,
)
from .resolve import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = [
    "DIRECTION_WORDS",
    "GENERIC_PLACE_WORDS",
    "MIN_POPULATION",
    "MIN_POPULATION_FIRST",
    "PLACE_KIND_NOUNS",
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
#: After these words any gazetteer name counts ("fighting in Zorzor"), whatever its population.
_LOCATIVE_CUES = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
_MAX_WORDS = 4
#: Nouns for a kind of place: "the village of X", "X province" make X a toponym.
PLACE_KIND_NOUNS = frozenset(
    {
        "village",
        "town",
        "city",
        "province",
        "district",
        "governorate",
        "region",
        "area",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "county",
        "municipality",
        "prefecture",
        "vicinity",
        "outskirts",
        "countryside",
        "island",
        "camp",
    }
)
#: Lower-case name particles allowed inside a name run ("Hanish al-Kabir", "Dar es Salaam").
_PARTICLES = frozenset(
    {"al", "el", "ad", "as", "ar", "an", "at", "az", "ash", "es", "de", "del", "bin", "bani"}
)
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
        "northwestern",
        "northeastern",
        "southwestern",
        "southeastern",
    }
)
#: Common nouns that some gazetteer regions are named ("Centre", "Plateau", "Islands"): alone they end
#: a facility's or organisation's name far more often than they name that region.
GENERIC_PLACE_WORDS = frozenset({"centre", "center", "islands", "plateau", "coast", "littoral", "capital"})
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
    abbrev = region_abbreviations()
    ents = sdoc.ents
    persons = {w for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
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
    hard = [False] * len(sdoc)  # blocked except by PERSON: "the village of X" beats a PERSON label
    for ent in ents:
        if ent.label_ in _BLOCK_LABELS and not _cued_single_person(ent) and not _placed_person(ent, gaz):
            for k in range(ent.start, ent.end):
                blocked[k] = True
                hard[k] = ent.label_ != "PERSON"
    for ent in sorted(ents, key=lambda e: -(e.end_char - e.start_char)):
        if ent.label_ not in _NER_LABELS and ent.label_ != "NORP":
            continue
        bounds = _trim(ent)
        if bounds is None or not free(*bounds):
            continue
        start, end = bounds
        surface = text[start:end]
        if surface.casefold() in DIRECTION_WORDS | GENERIC_PLACE_WORDS or personal(surface):
            continue
        if surface in dem:
            take(Mention(surface, start, end, "demonym", country_hint=dem[surface]))
        elif ent.label_ != "NORP":
            take(Mention(surface, start, end, "ner"))
    # Tokens are read by index (``sdoc[i]``) and from spaCy's arrays: a ``Token`` for every word costs
    # more than the rest of this function.
    for start, end in _kind_named(sdoc, hard, gaz, _kind_nouns(sdoc)):
        if free(start, end):
            take(Mention(text[start:end], start, end, "pattern"))
    starts = token_starts(sdoc)
    capitalised, lengths = _capitalised(sdoc)
    for i in capitalised:
        if blocked[i] or taken[starts[i]]:
            continue
        tok = sdoc[i]
        for n in range(min(_MAX_WORDS, len(sdoc) - i), 0, -1):
            last = i + n - 1
            start, end = starts[i], starts[last] + lengths[last]
            surface = text[start:end]
            if n > 1 and not gaz.has(name_key(surface)):
                continue  # the cheapest test first: most word sequences name no place
            if any(blocked[i : i + n]) or not sdoc[last].text[:1].isupper() or not free(start, end):
                continue
            if n == 1 and surface in dem:
                take(Mention(surface, start, end, "demonym", country_hint=dem[surface]))
                break
            if n == 1 and surface in abbrev:
                take(Mention(surface, start, end, "gazetteer"))
                break
            if n == 1 and (
                tok.pos_ != "PROPN"
                or tok.is_stop
                or tok.lower_ in DIRECTION_WORDS
                or tok.lower_ in GENERIC_PLACE_WORDS
            ):
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
            cued = (i > 0 and sdoc[i - 1].lower_ in _LOCATIVE_CUES) or _cued_after(sdoc, i + n)
            if cued or _big_enough(top.feature, top.population, bool(tok.is_sent_start)):
                take(Mention(surface, start, end, "gazetteer"))
                break
    out.sort(key=lambda m: m.start)
    return qualify(out, text, gaz)


def _capitalised(sdoc: Doc) -> tuple[list[int], list[int]]:
    """Indexes of the title-case words and of the all-capital words of more than one character, and
    the length of every token."""
    from spacy.attrs import IS_TITLE, IS_UPPER, LENGTH

    if not len(sdoc):
        return [], []
    arr = sdoc.to_array([IS_TITLE, IS_UPPER, LENGTH])
    hits = (arr[:, 0] != 0) | ((arr[:, 1] != 0) & (arr[:, 2] > 1))
    return [int(i) for i in hits.nonzero()[0].tolist()], [int(n) for n in arr[:, 2].tolist()]


def _kind_nouns(sdoc: Doc) -> list[int]:
    """Indexes of the tokens whose lemma is a kind-of-place noun (``PLACE_KIND_NOUNS``, any case)."""
    import numpy as np
    from spacy.attrs import LEMMA

    if not len(sdoc):
        return []
    lemmas = sdoc.to_array(LEMMA)
    strings = sdoc.vocab.strings
    kinds = [h for h in np.unique(lemmas).tolist() if strings[h].lower() in PLACE_KIND_NOUNS]
    return [int(i) for i in np.isin(lemmas, np.array(kinds, dtype=np.uint64)).nonzero()[0].tolist()]


def _cued_single_person(ent: Span) -> bool:
    """A one-word PERSON right after a locative preposition ("demonstrated in Sanaa")."""
    return (
        ent.label_ == "PERSON"
        and len(ent) == 1
        and ent.start > 0
        and ent.doc[ent.start - 1].lower_ in _LOCATIVE_CUES
    )


#: Object and modifier positions where a one-word PERSON that names a large place is taken as that place.
_OBJECT_DEPS = frozenset({"dobj", "pobj", "appos", "conj", "poss", "compound"})
#: Nouns that, in an apposition, say the name before them is a place ("Bukavu, the capital of ...",
#: "X, 60 kilometres north of Y").
_APPOSITION_CUES = PLACE_KIND_NOUNS | {"capital", "kilometre", "kilometer", "km", "mile"}
_FILLER_POS = frozenset({"DET", "ADJ", "NUM", "ADV"})


def _placed_person(ent: Span, gaz: Gazetteer) -> bool:
    """A one-word PERSON in an object or modifier position that names a country, region or large place
    ("rebels captured Bukavu", "Bukavu's streets")."""
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.root.dep_ not in _OBJECT_DEPS:
        return False
    senses = gaz.lookup(ent.text)
    return bool(senses) and _big_enough(senses[0].feature, senses[0].population, False)


def _cued_after(toks: Doc, j: int) -> bool:
    """The name ending before ``j`` is followed by an apposition that makes it a place: a comma, then
    at most three determiners, adjectives, numbers or adverbs, then a kind-of-place noun or distance."""
    if j >= len(toks) or toks[j].text != ",":
        return False
    for k in range(j + 1, min(j + 5, len(toks))):
        if toks[k].lemma_.lower() in _APPOSITION_CUES:
            return True
        if toks[k].pos_ not in _FILLER_POS:
            return False
    return False


def _name_run(toks: Doc, i: int, step: int, blocked: Sequence[bool]) -> tuple[int, int] | None:
    """Token range [a, b) of the capitalised name starting at ``i`` going forward (``step`` 1) or ending
    at ``i`` going backward (``step`` -1); hyphen-joined parts and name particles are included."""

    def part(k: int) -> bool:
        t = toks[k]
        if blocked[k]:
            return False
        if t.text[:1].isupper() and not t.is_stop:
            return t.pos_ in ("PROPN", "NOUN", "ADJ") or t.is_title
        return t.lower_ in _PARTICLES or (t.text == "-" and not t.whitespace_)

    k = i
    while 0 <= k < len(toks) and part(k) and abs(k - i) < _MAX_WORDS + 2:
        k += step
    a, b = (i, k) if step == 1 else (k + 1, i + 1)
    while a < b and not toks[a].text[:1].isupper():
        a += 1
    while a < b and not toks[b - 1].text[:1].isupper():
        b -= 1
    return (a, b) if a < b else None


def _kind_named(
    toks: Doc, blocked: Sequence[bool], gaz: Gazetteer, kind_nouns: Iterable[int]
) -> list[tuple[int, int]]:
    """Character spans of names made toponyms by a kind-of-place noun (see module doc); ``kind_nouns``
    are the indexes of the tokens whose lemma is one (:func:`_kind_nouns`). A name the gazetteer does
    not know is cut to its longest known leading part ("Deir ez-Zor" of "Deir ez-Zor Amer ...") when it
    has one."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    for i in kind_nouns:
        tok = toks[i]
        if not tok.is_lower:
            continue
        runs = []
        if i + 2 < n and toks[i + 1].lower_ == "of":
            run = _name_run(toks, i + 2, 1, blocked)
            while run is not None:
                runs.append(run)
                nxt = run[1]
                if nxt + 1 < n and toks[nxt].lower_ in ("and", ",") and tok.tag_ == "NNS":
                    run = _name_run(toks, nxt + 1, 1, blocked)
                else:
                    run = None
        h = tok.head.i
        if (
            tok.dep_ == "appos"
            and h + 1 < i
            and toks[h + 1].text == ","
            and all(toks[k].pos_ in _FILLER_POS for k in range(h + 2, i))
        ):
            run = _name_run(toks, h, -1, blocked)  # "Qila Saifullah, a small town"
            if run is not None:
                runs.append(run)
        if i > 0 and toks[i - 1].dep_ == "compound" and toks[i - 1].head.i == i:
            run = _name_run(toks, i - 1, -1, blocked)
            if run is not None:
                runs.append(run)
        for a, b in runs:
            span = (toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text))
            for c in range(b, a + 1, -1):
                end = toks[c - 1].idx + len(toks[c - 1].text)
                if toks[c - 1].text[:1].isupper() and gaz.has(name_key(doc_text(toks[a].doc)[span[0] : end])):
                    span = (span[0], end)
                    break
            out.append(span)
    return out


#: What joins the items of a list of places ("Texas, Ohio and Washington").
_LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or "})
#: Words right after a name that make it a first-level region ("New York state", "the Washington
#: governor") and words right before one ("the state of Georgia", "upstate New York").
_REGION_AFTER = (" state", "-state", " governor", " gov.", " legislature")
_REGION_BEFORE = ("state of ", "upstate ")
_TOWNS = frozenset({FEATURE_PLACE, FEATURE_CAPITAL})


def _town_inside(senses: Sequence[Place], qualifier: Sequence[Place]) -> bool:
    """Some town sense of a name lies in the first region or country the qualifier can be ("Birmingham,
    Alabama": a city of that name is in that state)."""
    for q in qualifier[:4]:
        if q.feature == FEATURE_ADMIN1:
            return any(
                s.feature in _TOWNS and s.country == q.country and s.admin1 == q.admin1 for s in senses
            )
        if q.feature == FEATURE_COUNTRY:
            return any(s.feature in _TOWNS and s.country == q.country for s in senses)
    return False


def qualify(mentions: Sequence[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """Mark "A, B" pairs where B can be a region or country (B qualifies A, and B is that region when it
    can be one), names the context makes first-level regions (followed by "state" or "governor",
    preceded by "state of" or "upstate", or listed beside names whose best sense is a first-level
    region: "Texas, Ohio and Washington") and names listed beside countries ("Ghana, Niger and Togo":
    ``Mention.nation``).

    "A, B" is a list, not a qualifier pattern, when B goes on into a list of regions or countries
    ("Washington, Pennsylvania and California"), or when A's best sense is itself a region or country
    ("Texas, Georgia and Virginia") unless A has a town inside B and is not itself listed after a region
    or country ("Birmingham, Alabama")."""
    out = list(mentions)
    n = len(out)
    abbrev = region_abbreviations()

    def lookup(name: str) -> list[Place]:
        region = gaz.region(*abbrev[name]) if name in abbrev else None  # "Tex.", "NSW"
        return [region] if region is not None else gaz.lookup(name)

    senses = [lookup(m.text) if not m.country_hint else [] for m in out]
    can_region = [any(s.feature == FEATURE_ADMIN1 for s in ss) for ss in senses]
    top_region = [bool(ss) and ss[0].feature == FEATURE_ADMIN1 for ss in senses]
    top_country = [bool(ss) and ss[0].feature == FEATURE_COUNTRY for ss in senses]
    top_big = [r or c for r, c in zip(top_region, top_country, strict=True)]

    def joined(i: int, j: int) -> bool:
        return 0 <= i < j < n and text[out[i].end : out[j].start] in _LIST_SEPARATORS

    region = [False] * n
    for i in range(n - 1):
        a, b = out[i], out[i + 1]
        if a.country_hint or b.country_hint or text[a.end : b.start] not in (", ", ","):
            continue
        if not any(s.feature in (FEATURE_ADMIN1, FEATURE_COUNTRY) for s in senses[i + 1][:4]):
            continue
        if joined(i + 1, i + 2) and top_big[i + 2]:
            continue  # "Washington, Pennsylvania and California"
        if top_big[i] and (
            (joined(i - 1, i) and top_big[i - 1]) or not _town_inside(senses[i], senses[i + 1])
        ):
            continue  # "Texas, Georgia and Virginia"
        out[i] = replace(out[i], qualifier=b.text)
        region[i + 1] = can_region[i + 1]
    nation = [False] * n
    for i, m in enumerate(out):
        if m.qualifier or m.country_hint:
            continue
        listed = [j for j in (i - 1, i + 1) if (joined(j, i) if j < i else joined(i, j))]
        if any(s.feature == FEATURE_COUNTRY for s in senses[i]):
            nation[i] = any(top_country[j] for j in listed)
        if not can_region[i]:
            continue
        after = text[m.end : m.end + 13].casefold()
        before = text[max(0, m.start - 9) : m.start].casefold()
        cued = after.startswith(_REGION_AFTER) or before.endswith(_REGION_BEFORE)
        region[i] = region[i] or cued or any(top_region[j] for j in listed)
    return [
        replace(m, region=r or m.region, nation=c or m.nation) if r or c else m
        for m, r, c in zip(out, region, nation, strict=True)
    ]
