"""Gazetteer building: first-level regions placed on a big city are re-centred on their own towns."""

from __future__ import annotations

from typing import Any

from newsevents.places.gazetteer import FEATURE_ADMIN1, Gazetteer, gazetteer_from_rows


def _row(name: str, admin1: str, lat: float, lon: float, pop: int, feature: str = "PPL") -> dict[str, Any]:
    return {
        "name": name,
        "country": "XLA",
        "admin1": admin1,
        "lat": lat,
        "lon": lon,
        "population": pop,
        "feature": feature,
        "geonameid": 0 if feature == FEATURE_ADMIN1 else abs(hash(name)) % 10**6 + 1,
    }


def _region(g: Gazetteer, name: str) -> tuple[float, float]:
    p = g.region("XLA", name)
    assert p is not None
    return round(p.lat, 3), round(p.lon, 3)


def _towns(admin1: str, lat0: float, lon0: float) -> list[tuple[dict[str, Any], list[str], list[str]]]:
    """A 5 x 5 grid of towns (2.5 million people in all) spanning 2 x 2 degrees from (lat0, lon0)."""
    return [
        (
            _row(f"{admin1} Town {a}{b}", admin1, lat0 + a / 2, lon0 + b / 2, 100_000),
            [f"{admin1} Town {a}{b}"],
            [],
        )
        for a in range(5)
        for b in range(5)
    ]


def test_region_on_a_big_city_moves_to_the_centre_of_its_towns() -> None:
    g = gazetteer_from_rows(
        [
            (_row("Upland", "Upland", 10.01, 20.01, 0, FEATURE_ADMIN1), ["Upland"], []),
            (_row("Port Big", "Upland", 10.0, 20.0, 1_000_000), ["Port Big"], []),
            *_towns("Upland", 10.0, 20.0),
        ]
    )
    assert _region(g, "Upland") == (11.0, 21.0)
    big = g.lookup("Port Big")[0]
    assert (big.lat, big.lon) == (10.0, 20.0)


def test_region_away_from_big_cities_keeps_its_point() -> None:
    g = gazetteer_from_rows(
        [
            (_row("Upland", "Upland", 10.7, 20.3, 0, FEATURE_ADMIN1), ["Upland"], []),
            (_row("Port Big", "Upland", 10.0, 20.0, 1_000_000), ["Port Big"], []),
            *_towns("Upland", 10.0, 20.0),
        ]
    )
    assert _region(g, "Upland") == (10.7, 20.3)


def test_region_next_to_a_small_town_keeps_its_point() -> None:
    g = gazetteer_from_rows(
        [
            (_row("Upland", "Upland", 10.0, 20.0, 0, FEATURE_ADMIN1), ["Upland"], []),
            *_towns("Upland", 10.0, 20.0),
        ]
    )
    assert _region(g, "Upland") == (10.0, 20.0)


def test_city_region_holding_most_of_its_people_keeps_its_point() -> None:
    g = gazetteer_from_rows(
        [
            (
                _row("Capital District", "Capital District", 5.0, 6.0, 0, FEATURE_ADMIN1),
                ["Capital District"],
                [],
            ),
            (_row("Metro", "Capital District", 5.0, 6.0, 3_000_000), ["Metro"], []),
            *_towns("Capital District", 4.0, 5.0),
        ]
    )
    assert _region(g, "Capital District") == (5.0, 6.0)
