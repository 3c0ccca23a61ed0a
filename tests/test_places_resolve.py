"""Toponym resolution rules on a small hand-built gazetteer (no spaCy model, no installed data)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import gazetteer_row as _row
from newsevents.places.detect import qualify
from newsevents.places.gazetteer import Gazetteer, gazetteer_from_rows, name_key, region_abbreviations
from newsevents.places.resolve import Mention, anchors, resolve_mentions


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer_from_rows(
        [
            (_row("France", "FRA", None, 46.0, 2.0, 67_000_000, "PCLI", 1), ["France"], []),
            (
                _row("United States", "USA", None, 39.8, -98.6, 327_000_000, "PCLI", 2),
                ["United States", "U.S."],
                [],
            ),
            (_row("Georgia", "GEO", None, 42.0, 43.5, 3_700_000, "PCLI", 3), ["Georgia"], []),
            (_row("Egypt", "EGY", None, 27.0, 30.0, 98_000_000, "PCLI", 4), ["Egypt"], []),
            (_row("Texas", "USA", "Texas", 31.0, -99.0, 0, "ADM1"), ["Texas"], []),
            (_row("Virginia", "USA", "Virginia", 37.5, -78.8, 0, "ADM1"), ["Virginia"], []),
            (_row("Georgia", "USA", "Georgia", 32.7, -83.4, 0, "ADM1"), ["Georgia"], []),
            (_row("Paris", "FRA", "Ile-de-France", 48.85, 2.35, 2_100_000, "PPLC", 10), ["Paris"], []),
            (_row("Paris", "USA", "Texas", 33.66, -95.56, 25_000, "PPL", 11), ["Paris"], []),
            (_row("Alexandria", "EGY", "Alexandria", 31.2, 29.9, 5_000_000, "PPL", 12), ["Alexandria"], []),
            (_row("Alexandria", "USA", "Virginia", 38.8, -77.05, 160_000, "PPL", 13), ["Alexandria"], []),
            (_row("Houston", "USA", "Texas", 29.76, -95.36, 2_300_000, "PPL", 14), ["Houston"], []),
            (_row("Dallas", "USA", "Texas", 32.78, -96.8, 1_300_000, "PPL", 15), ["Dallas"], []),
            (_row("Tbilisi", "GEO", None, 41.7, 44.8, 1_100_000, "PPLC", 16), ["Tbilisi"], []),
            (_row("Atlanta", "USA", "Georgia", 33.75, -84.39, 500_000, "PPL", 17), ["Atlanta"], []),
            (_row("Cairo", "EGY", None, 30.06, 31.25, 9_000_000, "PPLC", 18), ["Cairo"], []),
            (_row("Big City", "FRA", None, 45.0, 5.0, 900_000, "PPL", 19), ["Big City"], ["Alexandria"]),
        ]
    )


def _resolve(gaz: Gazetteer, *mentions: Mention) -> list[int | str | None]:
    """GeoNames ids, else names, of the chosen senses."""
    out: list[int | str | None] = []
    for p in resolve_mentions(mentions, gaz):
        out.append(p.geonameid if p and p.geonameid else (p.name if p else None))
    return out


def _m(text: str, start: int = 0, **kw: Any) -> Mention:
    return Mention(text, start, start + len(text), **kw)


def test_name_key_folds_accents_case_dots_and_dashes() -> None:
    assert name_key("Côte-d'Ivoire") == name_key("cote divoire")
    assert name_key("U.S.") == "us"


# Rule: population and feature priors, without any context.
def test_prior_prefers_the_big_sense(gaz: Gazetteer) -> None:
    # "Paris is hosting the summit." / "Georgia held elections." / "Alexandria flooded."
    assert _resolve(gaz, _m("Paris")) == [10]
    assert _resolve(gaz, _m("Georgia")) == [3]
    assert _resolve(gaz, _m("Alexandria")) == [12]


def test_alternate_name_match_ranks_below_a_primary_name(gaz: Gazetteer) -> None:
    alex = gaz.lookup("Alexandria")
    assert alex[0].geonameid == 12
    big = next(p for p in alex if p.geonameid == 19)
    assert big.alternate and big.prior < alex[0].prior


# Rule: "Paris, Texas" - a following region or country restricts the senses.
def test_qualifier_pattern(gaz: Gazetteer) -> None:
    # "The rally moved to Paris, Texas, on Friday."
    assert _resolve(gaz, _m("Paris", qualifier="Texas")) == [11]
    # "Officials in Alexandria, Virginia, said ..."
    assert _resolve(gaz, _m("Alexandria", qualifier="Virginia")) == [13]
    # A qualifier naming a country: "Georgia" cannot be inside the United States as a country.
    assert _resolve(gaz, _m("Alexandria", qualifier="Egypt")) == [12]


# Rule: the article's country context.
def test_country_context_moves_ambiguous_names(gaz: Gazetteer) -> None:
    # "Storms hit Houston and Dallas ... Alexandria was spared."
    out = _resolve(gaz, _m("Houston", 0), _m("Dallas", 20), _m("Alexandria", 40))
    assert out == [14, 15, 13]
    # "Voters in Atlanta and across Georgia ..." (US context, the state)
    assert _resolve(gaz, _m("Atlanta", 0), _m("Houston", 20), _m("Georgia", 40))[2] == "Georgia"
    # "Protesters in Tbilisi ... Georgia's president ..." (Georgian context, the country)
    assert _resolve(gaz, _m("Tbilisi", 0), _m("Georgia", 20))[1] == 3
    # "Paris" in a French article stays in France even next to a US mention.
    assert _resolve(gaz, _m("France", 0), _m("Paris", 20))[1] == 10


def test_actor_countries_count_as_context(gaz: Gazetteer) -> None:
    (p,) = resolve_mentions([_m("Alexandria")], gaz, extra_countries=["USA", "USA"])
    assert p is not None and p.geonameid == 13


# Rule: one sense per document.
def test_one_sense_per_document(gaz: Gazetteer) -> None:
    # "Paris, Texas, ... Later, Paris officials said ..."
    out = _resolve(gaz, _m("Paris", 0, qualifier="Texas"), _m("Paris", 60))
    assert out == [11, 11]


# Rule: demonyms resolve to their country.
def test_demonym_hint_is_the_country(gaz: Gazetteer) -> None:
    assert _resolve(gaz, _m("Egyptian", source="demonym", country_hint="EGY")) == [4]


def test_unknown_toponym_is_anchored_near_a_resolved_place(gaz: Gazetteer) -> None:
    ms = [_m("Cairo", 0), _m("Tahrir Square", 30), _m("Nowhere Street", 300)]
    senses = resolve_mentions(ms, gaz)
    assert senses[1] is None
    near = anchors(ms, senses, gaz)
    assert near[0] is None
    assert near[1] is not None and near[1].name == "Cairo"


# Rule: the context says a first-level region ("Atlanta, Georgia", "Georgia state", a list of states).
def test_region_context_keeps_the_region_sense(gaz: Gazetteer) -> None:
    # "Officials in Georgia said ..." alone is the country; "... in Georgia state" is the US state.
    assert _resolve(gaz, _m("Georgia")) == [3]
    (p,) = resolve_mentions([_m("Georgia", region=True)], gaz)
    assert p is not None and p.country == "USA" and p.feature == "ADM1"


def test_qualify_marks_qualifiers_and_listed_regions(gaz: Gazetteer) -> None:
    text = "Storms hit Atlanta, Georgia, then Texas, Georgia and Virginia; Alexandria stayed calm."
    ms = [_m(w, text.index(w)) for w in ("Atlanta", "Georgia")]
    ms += [_m(w, text.index(w, 30)) for w in ("Texas", "Georgia", "Virginia", "Alexandria")]
    out = qualify(ms, text, gaz)
    assert out[0].qualifier == "Georgia" and not out[0].region
    assert out[1].region and out[3].region
    assert not out[5].region and out[5].qualifier is None
    senses = resolve_mentions(out, gaz)
    assert all(p is not None and p.country == "USA" for p in senses[:5])


def test_state_word_after_a_name_marks_a_region(gaz: Gazetteer) -> None:
    text = "Voters in Georgia state and in the state of Georgia went to the polls."
    ms = [_m("Georgia", text.index("Georgia")), _m("Georgia", text.rindex("Georgia"))]
    assert all(m.region for m in qualify(ms, text, gaz))
    assert not qualify([_m("Georgia", 10)], "Voters in Georgia went to the polls.", gaz)[0].region


# Rule: written region abbreviations and direction words.
def test_region_abbreviation_is_that_region(gaz: Gazetteer) -> None:
    # "Dallas, Tex." - the abbreviation is Texas, whatever else "Tex" could be.
    (p,) = resolve_mentions([_m("Tex.")], gaz)
    assert p is not None and p.name == "Texas" and p.country == "USA"
    assert "Calif." in region_abbreviations()


def test_leading_direction_word_falls_back_to_the_rest(gaz: Gazetteer) -> None:
    # "Floods in Northern Egypt ..." / "North-Western Cairo"
    assert _resolve(gaz, _m("Northern Egypt")) == [4]
    assert _resolve(gaz, _m("North-Western Cairo")) == [18]
    assert _resolve(gaz, _m("Northern Nowhere")) == [None]


def test_unknown_toponym_is_anchored_in_the_article_country(gaz: Gazetteer) -> None:
    # "Egypt ... Cairo ... Egypt ... Paris ... the Nile Corniche": the unknown place is near Cairo (the
    # article's main country), not near Paris, though Paris is mentioned nearer to it.
    ms = [_m("Egypt", 0), _m("Cairo", 10), _m("Egypt", 20), _m("Paris", 100), _m("Nile Corniche", 110)]
    senses = resolve_mentions(ms, gaz)
    near = anchors(ms, senses, gaz)
    assert near[4] is not None and near[4].name == "Cairo"


def test_a_list_of_regions_is_no_qualifier_pattern(gaz: Gazetteer) -> None:
    text = "Texas, Georgia and Virginia voted."
    out = qualify([_m(w, text.index(w)) for w in ("Texas", "Georgia", "Virginia")], text, gaz)
    assert [m.qualifier for m in out] == [None, None, None]
    assert out[1].region


# Rule: nearby context - the clear toponyms a few sentences around an ambiguous name.
def test_nearby_places_move_an_ambiguous_name(gaz: Gazetteer) -> None:
    # "Cairo ... (a long story) ... Flights from Houston and Dallas were diverted to Alexandria."
    near = _resolve(gaz, _m("Cairo", 0), _m("Houston", 2000), _m("Dallas", 2020), _m("Alexandria", 2040))
    assert near[3] == 13
    # The same names, but Alexandria far from the two US cities: the article context and prior decide.
    far = _resolve(gaz, _m("Cairo", 0), _m("Houston", 2000), _m("Dallas", 2020), _m("Alexandria", 9000))
    assert far[3] == 12
