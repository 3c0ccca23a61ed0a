"""The actor knowledge base: tokens, codes, resolution of actor strings (no model loaded)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.actors.entries import Entry, select, split_code
from newsevents.actors.kb import ActorKB, as_date, load_kb
from newsevents.actors.tokens import key_of, tokenize
from newsevents.errors import NewsEventsError


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def test_tokenize_keeps_offsets_and_normalises() -> None:
    toks = tokenize("The U.S. envoy met Khürelsükh's aide")
    assert [t.norm for t in toks] == ["the", "us", "envoy", "met", "khurelsukh", "s", "aide"]
    assert toks[1].text == "U.S." and (toks[1].start, toks[1].end) == (4, 8)
    assert key_of("the Kremlin") == ("kremlin",)
    assert key_of("Kim Jong-un") == key_of("Kim Jong Un")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("PRK", ("PRK", None)),
        ("IGOUNOHLH", ("UNO", "HLH")),
        ("IGOWSTNAT", ("IGO", None)),
        ("REB", (None, "REB")),
        ("IMGREB", (None, "REB")),
        ("---", (None, None)),
        ("ARNGOVFRM", ("ARN", "GOVFRM")),
    ],
)
def test_split_code(code: str, expected: tuple[str | None, str | None]) -> None:
    assert split_code(code, frozenset({"USA", "PRK"})) == expected


def test_default_kb_is_cached() -> None:
    assert load_kb() is load_kb()
    assert load_kb(()) is load_kb([])


@pytest.mark.parametrize(
    ("text", "code", "country", "sector"),
    [
        ("North Korean leader Kim Jong Un", "PRKGOV", "PRK", "GOV"),
        ("North Korea", "PRK", "PRK", None),
        ("the DPRK", "PRK", "PRK", None),
        ("Pyongyang", "PRKGOV", "PRK", "GOV"),
        ("the Korean Central News Agency (KCNA)", "PRKGOVMED", "PRK", "GOVMED"),
        ("US Secretary of State Mike Pompeo", "USAELI", "USA", "ELI"),  # out of office in 2023
        ("Britain", "GBR", "GBR", None),
        ("the U.K. government", "GBRGOV", "GBR", "GOV"),
        ("America", "USA", "USA", None),
        ("three Iranian diplomats", "IRNGOV", "IRN", "GOV"),
        ("Egyptian riot police", "EGYCOP", "EGY", "COP"),
        ("the Nigerian army", "NGAMIL", "NGA", "MIL"),
        ("Venezuelan opposition lawmakers", "VENLEG", "VEN", "LEG"),
        ("Kenyan farmers", "KENAGR", "KEN", "AGR"),
        ("rebels", "REB", None, "REB"),
        ("insurgents in Mali", "MLIREB", "MLI", "REB"),
        ("the ambassador of Chile to Peru", "CHLGOV", "CHL", "GOV"),
        ("Peru's ambassador to Chile", "PERGOV", "PER", "GOV"),
        ("Chileans", "CHL", "CHL", None),
        ("the United Nations", "IGOUNO", "UNO", None),
        ("NATO", "IGOWSTNAT", "IGO", None),
        ("European Union diplomats", "IGOEUREECGOV", "EUR", "GOV"),
        ("a spokesman for the International Atomic Energy Agency", "IGOUNOIAEGOV", "UNO", "GOV"),
        ("the director of a Spanish oil company", "ESPBUS", "ESP", "BUS"),
        ("a former Polish defence minister", "POLELI", "POL", "ELI"),
        ("Transnistria", "MDAPRE", "MDA", "PRE"),
        ("the Taliban", "AFGGOV", "AFG", "GOV"),
    ],
)
def test_resolve(kb: ActorKB, text: str, code: str, country: str | None, sector: str | None) -> None:
    actor = kb.resolve(text, dt.date(2023, 5, 1))
    assert (actor.code, actor.country, actor.sector) == (code, country, sector)
    assert actor.text == text


@pytest.mark.parametrize("text", ["a hungry dog", "the weather", "", "us", "Who", "Jane Q. Example"])
def test_no_actor(kb: ActorKB, text: str) -> None:
    actor = kb.resolve(text)
    assert actor.code is None and actor.country is None


def test_office_holders_follow_their_terms(kb: ActorKB) -> None:
    assert kb.resolve("Trump", dt.date(2019, 6, 1)).code == "USAGOV"
    assert kb.resolve("Trump", dt.date(2022, 6, 1)).code == "USAELI"
    assert kb.resolve("Trump", "2025-03-01").code == "USAGOV"
    assert kb.resolve("Angela Merkel", dt.date(2010, 1, 1)).code == "DEUGOV"
    assert kb.resolve("Angela Merkel", dt.date(2023, 1, 1)).code == "DEUELI"
    assert kb.resolve("Taliban", dt.date(2015, 1, 1)).code == "AFGREB"
    person = kb.resolve("President Vladimir Putin", dt.date(2020, 1, 1))
    assert (person.code, person.name, person.kind) == ("RUSGOV", "Vladimir Putin", "person")


def test_context_supplies_the_country(kb: ActorKB) -> None:
    assert kb.resolve("the interior minister", context="Austrian officials said").code == "AUTGOV"
    assert kb.resolve("the interior minister").code == "GOV"


def test_acronyms_only_match_in_capitals(kb: ActorKB) -> None:
    assert kb.resolve("WHO").code == "IGOUNOHLH"
    assert kb.resolve("who").code is None
    assert kb.resolve("US troops").code == "USAMIL"


def test_bad_date_is_a_numbered_error() -> None:
    assert as_date("2020-02-29") == dt.date(2020, 2, 29)
    with pytest.raises(NewsEventsError, match="E009"):
        as_date("2021-02-30")
    with pytest.raises(NewsEventsError, match="E009"):
        as_date("yesterday")


def test_select_prefers_user_entries_and_dated_terms() -> None:
    base = Entry("country", "AAA", "AAA", None, "A")
    user = Entry("actor", "BBB", "BBB", None, "B", rank=1)
    assert select([base, user], None) is user
    early = Entry("person", "CCCGOV", "CCC", "GOV", "P", start=dt.date(2000, 1, 1), end=dt.date(2004, 12, 31))
    late = Entry("person", "CCCMIL", "CCC", "MIL", "P", start=dt.date(2010, 1, 1))
    assert select([early, late], dt.date(2002, 1, 1)) is early
    assert select([early, late], dt.date(2012, 1, 1)) is late
    gap = select([early, late], dt.date(2007, 1, 1))
    assert gap is not None and gap.code == "CCCELI"
    assert select([early, late], None) is late


def test_match_is_longest_first(kb: ActorKB) -> None:
    toks = tokenize("The South Korean foreign minister met the North Korean side")
    spans = [(toks[m.i].text, toks[m.j - 1].text) for m in kb.match(toks, strict_case=True)]
    assert ("South", "Korean") in spans and ("foreign", "minister") in spans and ("North", "Korean") in spans


def test_strict_case_skips_lowercase_names(kb: ActorKB) -> None:
    toks = tokenize("they turned the turkey over to china shops")
    assert [m for m in kb.match(toks, strict_case=True) if m.entries[0].kind != "agent"] == []
