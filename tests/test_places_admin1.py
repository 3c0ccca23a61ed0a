"""GeoNames admin1 codes named from the region source's town lists (hand-built data), and the built
gazetteer's regions of well-known cities."""

from __future__ import annotations

import pytest

from newsevents.places.admin1 import (
    Admin1Name,
    CodedPlace,
    Region,
    RegionTown,
    admin1_names,
    coverage,
)
from newsevents.places.gazetteer import FEATURE_CAPITAL, FEATURE_PLACE, load_gazetteer


def _grid(cc: str, code: str, stem: str, lat0: float, lon0: float) -> list[CodedPlace]:
    """A 3 x 3 grid of GeoNames places, 0.2 degrees apart."""
    return [
        CodedPlace(cc, code, f"{stem} {a}{b}", lat0 + a * 0.2, lon0 + b * 0.2)
        for a in range(3)
        for b in range(3)
    ]


def _listed(places: list[CodedPlace], region: str) -> list[RegionTown]:
    return [RegionTown(p.country, region, p.key, p.lat + 0.01, p.lon) for p in places]


def test_code_takes_the_region_its_towns_are_listed_under_not_the_nearest_centre() -> None:
    # The towns of code "10" lie right next to the point of "Coastland"; the source lists them under
    # "Hinterland", whose point is far inland.
    code10 = _grid("XA", "10", "harbour", 46.0, -71.0)
    code04 = _grid("XA", "04", "ridge", 46.5, -66.0)
    regions = {
        "XA": [Region("Hinterland", 52.0, -72.0, True), Region("Coastland", 46.3, -70.6, True)],
    }
    towns = _listed(code10, "Hinterland") + _listed(code04, "Coastland")
    names = admin1_names(code10 + code04, towns, regions)
    assert names[("XA", "10")] == Admin1Name("Hinterland", "towns", 1.0)
    assert names[("XA", "04")].name == "Coastland"


def test_code_filling_several_lower_regions_takes_the_region_above_them() -> None:
    # The source lists towns under departments; the GeoNames code is the region holding two of them.
    west = _grid("XB", "11", "west", 48.0, 1.0)
    east = _grid("XB", "11", "east", 48.0, 2.0)
    south = _grid("XB", "24", "south", 46.0, 1.5)
    regions = {
        "XB": [
            Region("West Department", 48.2, 1.2, True, "department"),
            Region("East Department", 48.2, 2.2, True, "department"),
            Region("South Department", 46.2, 1.7, True, "department"),
            Region("Middle Region", 48.2, 1.6, False, "region"),
            Region("Lower Region", 46.2, 1.6, False, "region"),
        ]
    }
    towns = (
        _listed(west, "West Department")
        + _listed(east, "East Department")
        + _listed(south, "South Department")
    )
    names = admin1_names(west + east + south, towns, regions)
    assert names[("XB", "11")] == Admin1Name("Middle Region", "parent", 1.0)
    # One department only, but the country's regions are a level up: the region lying in it.
    assert names[("XB", "24")].name == "Lower Region"


def test_a_region_whose_point_lies_in_another_country_is_no_parent() -> None:
    west = _grid("XC", "01", "west", 10.0, 10.0)
    east = _grid("XC", "01", "east", 10.0, 11.0)
    # Most places near the province's point lie across the border; two of the country's own are nearby.
    abroad = [CodedPlace("XD", "07", f"abroad {i}", 11.0 + 0.05 * i, 10.6 + 0.05 * i) for i in range(5)]
    regions = {
        "XC": [
            Region("West District", 10.2, 10.2, True, "district"),
            Region("East District", 10.2, 11.2, True, "district"),
            Region("Lost Province", 10.9, 10.7, False, "province"),
        ],
        "XD": [Region("Abroad", 11.1, 10.7, False)],
    }
    towns = _listed(west, "West District") + _listed(east, "East District")
    names = admin1_names(west + east + abroad, towns, regions)
    assert names[("XC", "01")].name != "Lost Province"
    assert names[("XC", "01")].method == "towns"


def test_code_without_matched_towns_falls_back_to_the_nearest_region() -> None:
    places = _grid("XE", "03", "plain", 0.0, 30.0)
    regions = {"XE": [Region("Plains", 0.2, 30.2, False), Region("Hills", 5.0, 35.0, False)]}
    names = admin1_names(places, [], regions)
    assert names[("XE", "03")] == Admin1Name("Plains", "nearest", 0.0)
    assert coverage(names) == {"nearest": 1}


def test_a_namesake_town_far_away_is_no_match() -> None:
    places = _grid("XF", "02", "mill", 20.0, 20.0)
    far = [RegionTown("XF", "Far Region", p.key, p.lat + 2.0, p.lon) for p in places]
    regions = {"XF": [Region("Near Region", 20.2, 20.2, True), Region("Far Region", 22.2, 20.2, True)]}
    assert admin1_names(places, far, regions)[("XF", "02")].method == "nearest"


# City -> its first-level region (general knowledge), across countries whose region source lists towns
# at the GeoNames level (Canada, Germany, India, ...) or a level lower (France, Italy, Spain, UK, ...).
_CITIES = [
    ("CAN", "Quebec City", "Quebec"),
    ("CAN", "Toronto", "Ontario"),
    ("CAN", "Vancouver", "British Columbia"),
    ("CAN", "Halifax", "Nova Scotia"),
    ("GBR", "Manchester", "England"),
    ("GBR", "Bristol", "England"),
    ("GBR", "Edinburgh", "Scotland"),
    ("GBR", "Cardiff", "Wales"),
    ("GBR", "Belfast", "Northern Ireland"),
    ("FRA", "Paris", "Île-de-France"),
    ("FRA", "Lyon", "Auvergne-Rhône-Alpes"),
    ("FRA", "Strasbourg", "Grand-Est"),
    ("FRA", "Toulouse", "Occitanie"),
    ("DEU", "Munich", "Bavaria"),
    ("DEU", "Cologne", "North Rhine-Westphalia"),
    ("DEU", "Dresden", "Saxony"),
    ("ITA", "Milan", "Lombardy"),
    ("ITA", "Naples", "Campania"),
    ("ITA", "Florence", "Tuscany"),
    ("ITA", "Palermo", "Sicily"),
    ("ESP", "Barcelona", "Catalonia"),
    ("ESP", "Seville", "Andalusia"),
    ("ESP", "Bilbao", "Basque Country"),
    ("IND", "Mumbai", "Maharashtra"),
    ("IND", "Chennai", "Tamil Nadu"),
    ("IND", "Kolkata", "West Bengal"),
    ("CHN", "Guangzhou", "Guangdong"),
    ("CHN", "Chengdu", "Sichuan"),
    ("AUS", "Sydney", "New South Wales"),
    ("AUS", "Brisbane", "Queensland"),
    ("BRA", "Recife", "Pernambuco"),
    ("BRA", "Porto Alegre", "Rio Grande do Sul"),
    ("PAK", "Karachi", "Sindh"),
    ("PAK", "Peshawar", "Khyber Pakhtunkhwa"),
    ("BEL", "Antwerp", "Flanders"),
    ("BEL", "Liège", "Wallonia"),
    ("PHL", "Cebu City", "Central Visayas"),
    ("MEX", "Monterrey", "Nuevo León"),
]


@pytest.mark.parametrize(("iso3", "city", "region"), _CITIES)
def test_well_known_cities_lie_in_their_first_level_region(iso3: str, city: str, region: str) -> None:
    g = load_gazetteer()
    towns = [p for p in g.lookup(city) if p.country == iso3 and p.feature in (FEATURE_PLACE, FEATURE_CAPITAL)]
    assert towns, city
    assert towns[0].admin1 == region
    # The region is an entry of its own: "Town, Region" qualifiers and the same-region bonus need it.
    assert g.region(iso3, region) is not None
