"""Toponym resolution: pick one gazetteer sense per toponym (pure functions, no spaCy).

Rules, in order:
1. A demonym / adjective ("Turkish") is its country.
2. "Paris, Texas" / "Prague, Oklahoma": a toponym followed by ", <region or country>" keeps only the
   senses inside that region (same admin1 name) or, failing that, inside that country; the qualifier
   itself, a name followed by "state" or preceded by "state of", and a name listed beside first-level
   regions ("Texas, Ohio and New York") keep only their first-level-region senses when they have one
   (``Mention.region``). Exact region abbreviations ("Calif.", "NSW") are that region; an unknown name
   with a leading direction word ("Eastern China") takes the senses of the rest.
3. Score = prior (log population plus a bonus for countries, continents and capitals; first-level regions
   count as a city of ~2M) + the article's country context (share of the article's unambiguous toponyms
   and actor mentions in the sense's country, times ``CONTEXT_WEIGHT``) + the nearby context (share of
   the clear toponyms within ``LOCAL_CHARS`` characters in the sense's country, times ``LOCAL_WEIGHT``)
   + ``ADMIN_WEIGHT`` when the sense lies in a first-level region the article names. A sense of no
   country (a sea, a continent) gets the context share of the name's best-placed country sense.
4. One sense per document: every mention with the same name key gets the sense chosen for the group
   (a qualified mention, rule 2, decides for its group).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CAPITAL,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_PLACE,
    Gazetteer,
    Place,
    name_key,
    region_abbreviations,
)

__all__ = [
    "ADMIN_WEIGHT",
    "CONTEXT_WEIGHT",
    "Mention",
    "anchors",
    "candidates",
    "country_context",
    "resolve_mentions",
]

CONTEXT_WEIGHT = 3.0
ADMIN_WEIGHT = 1.0
#: Weight of the nearby context: the share of the clear toponyms within ``LOCAL_CHARS`` characters of
#: a mention (same sentence or paragraph, usually) that lie in the sense's country ("Manchester and
#: Colchester").
LOCAL_WEIGHT = 1.0
LOCAL_CHARS = 500
_CLEAR_MARGIN = 3.0
#: "Orange County", "Punjab Province": the name without the suffix when the full name is unknown.
_ADMIN_SUFFIXES = (" County", " Province", " District", " Region", " State", " Governorate", " Prefecture")
_BIG = frozenset({FEATURE_COUNTRY, FEATURE_ADMIN1, FEATURE_CONTINENT})
_COUNTY_KEYS = (" county", " parish", " borough")
_DIRECTIONS = frozenset(
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
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "mid",
        "upper",
        "lower",
    }
)


@dataclass(frozen=True)
class Mention:
    """A detected toponym. ``country_hint`` (ISO3) comes from a demonym; ``qualifier`` is the region or
    country named right after it ("Paris, Texas")."""

    text: str
    start: int
    end: int
    source: str = "ner"  # ner | gazetteer | demonym | pattern
    country_hint: str | None = None
    qualifier: str | None = None
    region: bool = False  # the context says a first-level region ("Tacoma, Washington", "New York state")
    nation: bool = False  # listed beside countries ("Ghana, Niger and Togo"): the country sense

    @property
    def key(self) -> str:
        return name_key(_strip_article(self.text))


def _strip_article(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def candidates(
    m: Mention, gaz: Gazetteer, admins: Sequence[tuple[str | None, str | None]] = ()
) -> list[Place]:
    """The gazetteer senses a mention can have (rule 1 and 2 applied). A US county ("Morris County")
    is taken when its state qualifies it ("Scott County, Indiana"), when its state is among the
    first-level regions the article names (``admins``, (country, region name) pairs, the first with
    such a county wins: pass them nearest first), or when the
    name without "County" is no known town; else the towns of that name compete as before."""
    if m.country_hint:
        c = gaz.country(m.country_hint)
        return [c] if c else []
    name = _strip_article(m.text)
    abbrev = _region_abbreviation(name, gaz)
    if abbrev is not None:
        return [abbrev]
    senses = gaz.lookup(name)
    counties = [s for s in senses if s.feature == FEATURE_ADMIN2]
    if counties:
        senses = [s for s in senses if s.feature != FEATURE_ADMIN2]
    if not senses:
        low = name.casefold()
        for suffix in _ADMIN_SUFFIXES:
            if low.endswith(suffix.casefold()) and len(name) > len(suffix) + 2:
                senses = gaz.lookup(name[: -len(suffix)])
                break
    if not senses:
        senses = _undirected(name, gaz)
    if m.region and any(s.feature == FEATURE_ADMIN1 for s in senses):
        senses = [s for s in senses if s.feature == FEATURE_ADMIN1]
    elif m.nation and any(s.feature == FEATURE_COUNTRY for s in senses):
        senses = [s for s in senses if s.feature == FEATURE_COUNTRY]
    qualifier = _qualifier_senses(m.qualifier, gaz) if m.qualifier else []
    if counties:
        inside = [c for c in counties if (c.country, c.admin1) in _regions_of(qualifier)]
        named = next((c for a in admins for c in counties if (c.country, c.admin1) == a), None)
        if inside or (named and not qualifier) or not senses:
            return inside or ([named] if named else counties)
    if qualifier and senses:
        senses = qualified(senses, qualifier)
    return senses


def _region_abbreviation(name: str, gaz: Gazetteer) -> Place | None:
    abbrev = region_abbreviations().get(name)
    return gaz.region(*abbrev) if abbrev is not None else None


def _qualifier_senses(text: str, gaz: Gazetteer) -> list[Place]:
    """The senses of a qualifier ("Texas", "Tex.")."""
    abbrev = _region_abbreviation(_strip_article(text), gaz)
    return [abbrev] if abbrev is not None else gaz.lookup(text)


def _regions_of(qualifier: Sequence[Place]) -> set[tuple[str | None, str | None]]:
    """The first-level region the qualifier can be, as a one-element set (empty when none)."""
    for q in qualifier:
        if q.feature == FEATURE_ADMIN1:
            return {(q.country, q.admin1)}
        if q.feature == FEATURE_COUNTRY:
            return set()
    return set()


def _undirected(name: str, gaz: Gazetteer) -> list[Place]:
    """The senses of a name after its leading direction words ("Eastern China", "South Florida",
    "North-Western Sydney"), when the gazetteer does not know the whole name."""
    words = name.replace("-", " ").split()
    k = 0
    while k < len(words) - 1 and words[k].casefold() in _DIRECTIONS:
        k += 1
    return gaz.lookup(" ".join(words[k:])) if 0 < k < len(words) else []


def qualified(senses: list[Place], qualifier: list[Place]) -> list[Place]:
    """Senses inside the first region/country the qualifier can be (rule 2); all senses when none fits."""
    for q in qualifier:
        if q.feature == FEATURE_ADMIN1:
            inside = [
                s for s in senses if s.country == q.country and s.admin1 == q.admin1 and s.index != q.index
            ]
            if not inside:
                inside = [s for s in senses if s.country == q.country and s.index != q.index]
        elif q.feature == FEATURE_COUNTRY:
            inside = [s for s in senses if s.country == q.country and s.feature != FEATURE_COUNTRY]
        else:
            continue
        if inside:
            return inside
    return senses


def _clear(senses: Sequence[Place]) -> Place | None:
    """The sense of an unambiguous mention: no other country's sense within ``_CLEAR_MARGIN`` of its prior."""
    if not senses:
        return None
    top = senses[0]
    rivals = (s for s in senses[1:] if s.country != top.country)
    return top if all(top.prior - s.prior >= _CLEAR_MARGIN for s in rivals) else None


def country_context(senses_by_mention: Iterable[Sequence[Place]], extra: Iterable[str] = ()) -> Counter[str]:
    """Country counts of the clear toponyms plus ``extra`` (e.g. actor-mention countries)."""
    ctx: Counter[str] = Counter(c for c in extra if c)
    for senses in senses_by_mention:
        top = _clear(senses)
        if top is not None and top.country:
            ctx[top.country] += 1
    return ctx


def _score(
    p: Place,
    ctx: Counter[str],
    total: int,
    admins: set[tuple[str | None, str | None]],
    local: Counter[str],
) -> float:
    s = p.prior
    if total and p.country:
        s += CONTEXT_WEIGHT * ctx[p.country] / total
    near = sum(local.values())
    if near and p.country:
        s += LOCAL_WEIGHT * local[p.country] / near
    if p.feature not in _BIG and (p.country, p.admin1) in admins:
        s += ADMIN_WEIGHT
    return s


def resolve_mentions(
    mentions: Sequence[Mention], gaz: Gazetteer, extra_countries: Iterable[str] = ()
) -> list[Place | None]:
    """One sense (or None) per mention, in order."""
    senses = [candidates(m, gaz) for m in mentions]
    admins = {(s[0].country, s[0].admin1) for s in senses if s and s[0].feature == FEATURE_ADMIN1}
    # States named in the text, for counties ("Ohio County" names no state).
    named = [
        (m.start, s[0])
        for m, s in zip(mentions, senses, strict=True)
        if s and s[0].feature == FEATURE_ADMIN1 and not m.key.endswith(_COUNTY_KEYS)
    ]
    for i, m in enumerate(mentions):
        if m.key.endswith(_COUNTY_KEYS):
            nearest = sorted(named, key=lambda sp: abs(sp[0] - m.start))
            senses[i] = candidates(m, gaz, [(p.country, p.admin1) for _, p in nearest])
    ctx_all = country_context(senses, extra_countries)
    clear = [_clear(s) for s in senses]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    sorted_starts = [mentions[i].start for i in order]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        level = "region:" if m.region else "nation:" if m.nation else ""
        groups[m.country_hint or level + m.key].append(i)
    out: list[Place | None] = [None] * len(mentions)
    for members in groups.values():
        qualified_members = [i for i in members if mentions[i].qualifier and senses[i]]
        pool = senses[qualified_members[0]] if qualified_members else senses[members[0]]
        if not pool:
            continue
        # The group's own mentions do not count as context for themselves.
        ctx = ctx_all - country_context(senses[i] for i in members)
        total = sum(ctx.values())
        local = _local_context(mentions, order, sorted_starts, clear, members)
        scores = [_score(p, ctx, total, admins, local) for p in pool]
        # A sense of no country (a sea, a continent, a world region) cannot gain country context: it
        # competes with the context share of the best-placed country sense ("the Atlantic" in a US story).
        shared = max((s - p.prior for p, s in zip(pool, scores, strict=True) if p.country), default=0.0)
        scores = [s if p.country else s + shared for p, s in zip(pool, scores, strict=True)]
        best = max(zip(pool, scores, strict=True), key=lambda ps: (ps[1], -ps[0].index))[0]
        for i in members:
            out[i] = best
    return out


def _local_context(
    mentions: Sequence[Mention],
    order: Sequence[int],
    sorted_starts: Sequence[int],
    clear: Sequence[Place | None],
    members: Sequence[int],
) -> Counter[str]:
    """Countries of the clear toponyms outside the group within ``LOCAL_CHARS`` of one of its mentions.
    ``order`` lists the mention indexes by start, ``sorted_starts`` their starts."""
    near: set[int] = set()
    for i in members:
        lo = bisect_left(sorted_starts, mentions[i].start - LOCAL_CHARS)
        hi = bisect_right(sorted_starts, mentions[i].start + LOCAL_CHARS)
        near.update(order[lo:hi])
    near.difference_update(members)
    return Counter(c.country for j in near if (c := clear[j]) is not None and c.country)


_LOCAL = frozenset({FEATURE_PLACE, FEATURE_CAPITAL, FEATURE_ADMIN1, FEATURE_ADMIN2})


def anchors(
    mentions: Sequence[Mention], senses: Sequence[Place | None], gaz: Gazetteer
) -> list[Place | None]:
    """For each toponym the gazetteer does not know (a street, a neighbourhood, a village), the place it is
    most likely near: the resolved town or region of the article's most mentioned country mentioned
    nearest to it in the text, else that country. None for resolved toponyms and when the article has
    no resolved place."""
    local = [
        (m.start, p) for m, p in zip(mentions, senses, strict=True) if p is not None and p.feature in _LOCAL
    ]
    countries = Counter(
        p.country for m, p in zip(mentions, senses, strict=True) if p is not None and p.country
    )
    fallback = gaz.country(countries.most_common(1)[0][0]) if countries else None
    if fallback is not None:
        local = [(start, p) for start, p in local if p.country == fallback.country]
    out: list[Place | None] = []
    for m, p in zip(mentions, senses, strict=True):
        if p is not None:
            out.append(None)
        elif local:
            out.append(min(local, key=lambda sp: abs(sp[0] - m.start))[1])
        else:
            out.append(fallback)
    return out
