"""Time-aware actors: undated text, former office holders, historical names, places that changed state,
leaders' governments, UN organs, "of" phrases, name variants and typos (no model loaded)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.actors.entries import Entry, characteristic, select
from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.stage import find_mentions, of_phrase_sectors


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def _code(kb: ActorKB, text: str, date: str | None = None) -> tuple[str | None, str | None, str | None]:
    a = kb.resolve(text, date)
    return a.code, a.country, a.sector


# ------------------------------------------------------------------ undated text: the characteristic role
def test_characteristic_is_the_office_held_longest() -> None:
    spy = Entry("person", "USASPY", "USA", "SPY", "X", start=dt.date(2017, 1, 1), end=dt.date(2018, 1, 1))
    gov = Entry("person", "USAGOV", "USA", "GOV", "X", start=dt.date(2018, 1, 2), end=dt.date(2021, 1, 1))
    assert characteristic([spy, gov]) is gov
    # no date: the long-held office, never an elite code, even if the term is over
    chosen = select([spy, gov], None)
    assert chosen is not None and chosen.code == "USAGOV"
    # a date outside every term: a former office holder
    later = select([spy, gov], dt.date(2023, 5, 1))
    assert later is not None and later.code == "USAELI"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("President George W. Bush", None, ("USAGOV", "USA", "GOV")),
        ("George W. Bush", "2004-06-01", ("USAGOV", "USA", "GOV")),
        ("George W. Bush", "2012-06-01", ("USAELI", "USA", "ELI")),
        ("Nursultan Nazarbayev", None, ("KAZGOV", "KAZ", "GOV")),
        ("Ousted President Hosni Mubarak", None, ("EGYELI", "EGY", "ELI")),
        ("the former Kazakh president", None, ("KAZELI", "KAZ", "ELI")),
        ("Hosni Mubarak", None, ("EGYGOV", "EGY", "GOV")),
        # the title in the phrase names the role when there is no date
        ("Secretary of State Mike Pompeo", None, ("USAGOV", "USA", "GOV")),
        ("opposition leader Benjamin Netanyahu", None, ("ISROPP", "ISR", "OPP")),
        # with a date the known term wins over the title
        ("President Donald Trump", "2022-03-01", ("USAELI", "USA", "ELI")),
        ("President Donald Trump", "2018-03-01", ("USAGOV", "USA", "GOV")),
    ],
)
def test_office_holders(kb: ActorKB, text: str, date: str | None, expected: tuple[str, str, str]) -> None:
    assert _code(kb, text, date) == expected


def test_title_name_of_country(kb: ActorKB) -> None:
    assert _code(kb, "King Abdullah of Jordan")[:2] == ("JORGOV", "JOR")
    assert _code(kb, "Emir Jaber of Kuwait")[:2] == ("KWTGOV", "KWT")


# ------------------------------------------------------------------ historical names and changed places
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kampuchean guerrillas", "KHM"),
        ("Soviet troops", "RUS"),
        ("the Soviet Union", "RUS"),
        ("Yugoslav army", "SRB"),
        ("Czechoslovak diplomats", "CZE"),
        ("East German leader", "DEU"),
        ("Zairean soldiers", "COD"),
        ("Congolese refugees", "COD"),
        ("the Republic of the Congo", "COG"),
        ("Rhodesian forces", "ZWE"),
        ("Burmese troops", "MMR"),
        ("Ceylon", "LKA"),
        ("Bosnian Serb leaders", "BIH"),
    ],
)
def test_historical_names_map_to_successor_state(kb: ActorKB, text: str, country: str) -> None:
    assert kb.resolve(text).country == country


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Juba", None, ("SSDGOV", "SSD", "GOV")),  # no date: today's state
        ("Juba", "2015-01-01", ("SSDGOV", "SSD", "GOV")),
        ("Juba", "2005-01-01", ("SDNCVL", "SDN", "CVL")),  # before independence: a Sudanese city
        ("Bonn", "1985-06-01", ("DEUGOV", "DEU", "GOV")),  # the West German seat of government
        ("Bonn", "2010-06-01", ("DEUCVL", "DEU", "CVL")),
        ("Pristina", "2000-01-01", ("SRBCVL", "SRB", "CVL")),
        ("Pristina", "2012-01-01", ("XKXGOV", "XKX", "GOV")),
    ],
)
def test_capitals_depend_on_the_date(kb: ActorKB, text: str, date: str | None, expected: tuple) -> None:
    assert _code(kb, text, date) == expected


def test_dated_place_entries_are_used_only_in_their_period() -> None:
    old = Entry("city", "SDN", "SDN", "CVL", "J", end=dt.date(2011, 7, 8))
    new = Entry("capital", "SSDGOV", "SSD", "GOV", "J")
    assert select([new, old], dt.date(2001, 1, 1)) is old
    assert select([new, old], dt.date(2012, 1, 1)) is new
    assert select([new, old], None) is new


# ------------------------------------------------------------------ governments, UN organs, "of" phrases
@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("the Reagan administration", None, "USAGOV"),
        ("the Obama administration", "2012-01-01", "USAGOV"),
        ("the Obama administration", "2019-01-01", "USAGOV"),  # looking back: still that government
        ("the Abe government", None, "JPNGOV"),
        ("the Thatcher government", "1985-01-01", "GBRGOV"),
        ("the Mugabe regime", None, "ZWEGOV"),
    ],
)
def test_leader_surname_government(kb: ActorKB, text: str, date: str | None, code: str) -> None:
    assert kb.resolve(text, date).code == code


def test_ambiguous_surnames_give_no_government(kb: ActorKB) -> None:
    # Kim governs in both Koreas: "the Kim government" names no state by itself
    assert kb.resolve("the Kim government").country is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Security Council", "IGOUNO"),
        ("the General Assembly", "IGOUNO"),
        ("UNICEF", "IGOUNOKID"),
        ("Russia's Security Council", "RUSGOV"),
    ],
)
def test_un_organs(kb: ActorKB, text: str, code: str) -> None:
    assert kb.resolve(text).code == code


def test_national_security_council_is_no_un_organ(kb: ActorKB) -> None:
    assert not (kb.resolve("the National Security Council").code or "").startswith("IGO")


def test_leaders_of_a_body_take_its_sector(kb: ActorKB) -> None:
    text = "Leaders of the Tulip (Spring) opposition alliance called off the march."
    mentions = of_phrase_sectors(text, find_mentions(text, kb), kb)
    leaders = next(m for m in mentions if m.text == "Leaders")
    assert leaders.sector == "OPP"
    text = "Commanders of Hezbollah denied the report."
    leaders = next(m for m in of_phrase_sectors(text, find_mentions(text, kb), kb) if m.text == "Commanders")
    assert leaders.sector == "MIL"  # a specific word keeps its own sector
    text = "Leaders of Hezbollah denied the report."
    leaders = next(m for m in of_phrase_sectors(text, find_mentions(text, kb), kb) if m.text == "Leaders")
    assert (leaders.country, leaders.sector) == ("LBN", "REB")


def test_titled_name_of_country_in_running_text(kb: ActorKB) -> None:
    words = ["King", "Faisal", "of", "Jordan", "said", "he", "would", "come"]
    heads = [1, 4, 1, 2, 4, 6, 4, 6]
    deps = ["compound", "nsubj", "prep", "pobj", "ROOT", "nsubj", "ccomp", "xcomp"]
    ents = ["O", "B-PERSON", "O", "B-GPE", "O", "O", "O", "O"]
    sdoc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, ents=ents)
    mentions = find_mentions(sdoc.text, kb, None, sdoc)
    by_text = {m.text: m for m in mentions}
    assert by_text["Faisal"].code == "JORGOV"
    assert by_text["he"].code == "JORGOV"


# ------------------------------------------------------------------ name variants and typos
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Muhammad Hosni el-Mubarak", "EGYGOV"),
        ("Kofi Atta Annan", "IGOUNO"),
        ("Delhi police", "INDCOP"),
        ("Mubmai police", "INDCOP"),  # two letters swapped
        ("Moscwo", "RUSGOV"),
    ],
)
def test_name_variants_and_typos(kb: ActorKB, text: str, code: str) -> None:
    assert kb.resolve(text).code == code


@pytest.mark.parametrize("text", ["Jhon Smith", "Mary Lou Peters", "Abcde", "the puppies"])
def test_unknown_names_stay_unresolved(kb: ActorKB, text: str) -> None:
    a = kb.resolve(text)
    assert a.code is None and a.country is None


def test_country_specific_ship_classes_and_universities(kb: ActorKB) -> None:
    assert kb.resolve("a Ticonderoga-class cruiser").code == "USAMIL"
    assert kb.resolve("students at Peking University").country == "CHN"
