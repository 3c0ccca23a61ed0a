"""Context rules of toponym resolution on a small hand-built gazetteer (no spaCy model, no installed
data): seas against small towns, "A, B" pairs against lists, state words, lists of countries, and US
counties."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import gazetteer_row as _row
from newsevents.places.detect import qualify
from newsevents.places.gazetteer import Gazetteer, _county_order, gazetteer_from_rows
from newsevents.places.resolve import Mention, candidates, resolve_mentions


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    rows = [
        _row("Armenia", "ARM", None, 40.1, 45.0, 3_000_000, "PCLI"),
        _row("Georgia", "GEO", None, 42.0, 43.5, 3_700_000, "PCLI"),
        _row("Azerbaijan", "AZE", None, 40.4, 47.6, 10_000_000, "PCLI"),
        _row("Georgia", "USA", "Georgia", 32.7, -83.4, 0, "ADM1"),
        _row("Texas", "USA", "Texas", 31.0, -99.0, 0, "ADM1"),
        _row("Virginia", "USA", "Virginia", 37.5, -78.8, 0, "ADM1"),
        _row("Ohio", "USA", "Ohio", 40.3, -82.8, 0, "ADM1"),
        _row("Victoria", "AUS", "Victoria", -37.0, 144.0, 0, "ADM1"),
        _row("Victoria", "USA", "Texas", 28.8, -97.0, 65_000, "PPL"),
        _row("Virginia", "USA", "Texas", 30.0, -95.0, 1_000, "PPL"),
        _row("Houston", "USA", "Texas", 29.76, -95.36, 2_300_000, "PPL"),
        _row("Dallas", "USA", "Texas", 32.78, -96.8, 1_300_000, "PPL"),
        _row("Coral", "USA", "Texas", 29.0, -95.5, 7_000, "PPL"),
        _row("Coral Ocean", None, None, 0.0, -40.0, 0, "SEA"),
        _row("Harlan", "USA", "Virginia", 37.0, -79.0, 40_000, "PPL"),
        _row("Harlan County", "USA", "Ohio", 40.5, -81.0, 0, "ADM2"),
        _row("Harlan County", "USA", "Texas", 31.5, -97.5, 0, "ADM2"),
        _row("Quill County", "USA", "Ohio", 39.5, -84.0, 0, "ADM2"),
    ]
    names = {"Coral Ocean": ["Coral Ocean", "Coral"]}
    return gazetteer_from_rows((r, names.get(r["name"], [r["name"]]), []) for r in rows)


def _m(text: str, start: int = 0, **kw: Any) -> Mention:
    return Mention(text, start, start + len(text), **kw)


def _in(text: str, *names: str) -> list[Mention]:
    out, pos = [], 0
    for n in names:
        pos = text.index(n, pos)
        out.append(_m(n, pos))
        pos += len(n)
    return out


# Rule: a sense of no country (a sea) is not beaten by a small town only through country context.
def test_sea_beats_a_small_town_in_a_country_context(gaz: Gazetteer) -> None:
    # "Storms in Houston and Dallas ... winds over the Coral ..." (Coral, Texas is a small town)
    ms = [_m("Houston", 0), _m("Dallas", 20), _m("Coral", 40)]
    senses = resolve_mentions(ms, gaz)
    assert senses[2] is not None and senses[2].name == "Coral Ocean"
    assert senses[0] is not None and senses[0].country == "USA"


# Rule: "A, B" where A's best sense is a region qualifies A only when A has a town inside B.
def test_region_named_town_is_qualified_by_its_state(gaz: Gazetteer) -> None:
    text = "Floods hit Victoria, Texas, overnight."
    out = qualify(_in(text, "Victoria", "Texas"), text, gaz)
    assert out[0].qualifier == "Texas" and out[1].region
    (town, _) = resolve_mentions(out, gaz)
    assert town is not None and town.country == "USA" and town.feature == "PPL"
    # Without the qualifier the Australian state wins.
    (alone,) = resolve_mentions([_m("Victoria")], gaz)
    assert alone is not None and alone.country == "AUS"


def test_a_list_of_states_is_no_qualifier_pattern(gaz: Gazetteer) -> None:
    # "Virginia" is also a small town in Texas, but "Virginia, Texas and Ohio" is a list of states.
    text = "Cases rose in Virginia, Texas and Ohio."
    out = qualify(_in(text, "Virginia", "Texas", "Ohio"), text, gaz)
    assert [m.qualifier for m in out] == [None, None, None]
    assert all(m.region for m in out)
    senses = resolve_mentions(out, gaz)
    assert [p.feature if p else None for p in senses] == ["ADM1", "ADM1", "ADM1"]


# Rule: words around a name that make it a first-level region.
def test_governor_and_upstate_mark_a_region(gaz: Gazetteer) -> None:
    text = "The Georgia governor met farmers from upstate Georgia."
    out = qualify(_in(text, "Georgia", "Georgia"), text, gaz)
    assert all(m.region for m in out)
    assert not qualify([_m("Georgia", 4)], "The Georgia delegation left.", gaz)[0].region


# Rule: a name listed beside countries takes its country sense.
def test_name_listed_beside_countries_is_the_country(gaz: Gazetteer) -> None:
    text = "Envoys from Armenia, Georgia and Azerbaijan met in Houston and Dallas."
    out = qualify(_in(text, "Armenia", "Georgia", "Azerbaijan", "Houston", "Dallas"), text, gaz)
    assert out[1].nation and out[1].qualifier is None
    senses = resolve_mentions(out, gaz, extra_countries=["USA"] * 5)
    assert senses[1] is not None and senses[1].feature == "PCLI" and senses[1].country == "GEO"


# Rule: US counties.
def test_county_in_a_named_state(gaz: Gazetteer) -> None:
    # "Harlan County" without a named state: the town of that name, as before.
    (p,) = resolve_mentions([_m("Harlan County")], gaz)
    assert p is not None and p.feature == "PPL"
    # "... in Harlan County. Ohio officials ..." - the county of the named state, the nearest first.
    text = "Texas ranchers and, in Harlan County, Ohio officials agreed."
    senses = resolve_mentions(_in(text, "Texas", "Harlan County", "Ohio"), gaz)
    assert senses[1] is not None and senses[1].feature == "ADM2" and senses[1].admin1 == "Ohio"


def test_county_qualified_by_its_state(gaz: Gazetteer) -> None:
    text = "Wells ran dry in Harlan County, Texas."
    out = qualify(_in(text, "Harlan County", "Texas"), text, gaz)
    assert out[0].qualifier == "Texas"
    assert [(p.feature, p.admin1) for p in candidates(out[0], gaz)] == [("ADM2", "Texas")]


def test_county_whose_name_is_no_town(gaz: Gazetteer) -> None:
    (p,) = resolve_mentions([_m("Quill County")], gaz)
    assert p is not None and p.feature == "ADM2" and p.admin1 == "Ohio"


def test_county_order_spells_out_saint() -> None:
    names = ["Scott County", "St. Joseph County", "Shelby County", "Sainte Marie County"]
    assert sorted(names, key=_county_order) == [
        "St. Joseph County",
        "Sainte Marie County",
        "Scott County",
        "Shelby County",
    ]


def test_abbreviated_state_qualifies_a_town() -> None:
    # "Harlan, Va." - the abbreviation is Virginia; the Texas town of the same name is not meant.
    g = gazetteer_from_rows(
        (r, [r["name"]], [])
        for r in (
            _row("Virginia", "USA", "Virginia", 37.5, -78.8, 0, "ADM1"),
            _row("Harlan", "USA", "Texas", 31.0, -97.0, 90_000, "PPL"),
            _row("Harlan", "USA", "Virginia", 37.0, -79.0, 4_000, "PPL"),
        )
    )
    text = "A fire broke out in Harlan, Va., on Monday."
    out = qualify(_in(text, "Harlan", "Va."), text, g)
    assert out[0].qualifier == "Va."
    (town, _) = resolve_mentions(out, g)
    assert town is not None and town.admin1 == "Virginia"
