"""People of the Americas, Europe and Oceania beyond heads of state: ministers, generals, central bankers,
governors, opposition and public figures (``data/actor_people_americas_europe.tsv``; no model loaded)."""

from __future__ import annotations

import pytest

from newsevents.actors.builtin import read_rows
from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.tokens import key_of

FILE = "actor_people_americas_europe.tsv"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return read_rows(FILE)


def test_file_is_large(rows: list[list[str]]) -> None:
    assert len(rows) >= 1500  # the shape of every row: tests/test_actors_people_files.py


def test_file_covers_many_countries(rows: list[list[str]]) -> None:
    codes = {row[1][:3] for row in rows}
    assert len(codes) >= 60
    expected = {"USA", "CAN", "MEX", "BRA", "ARG", "COL", "GBR", "FRA", "DEU", "POL", "UKR", "RUS", "AUS"}
    assert expected <= codes


def test_people_are_not_repeated_from_the_leader_tables(rows: list[list[str]]) -> None:
    others = {
        key_of(n)
        for file in ("persons.tsv", "actor_leaders.tsv", "actor_officials.tsv")
        for row in read_rows(file)
        for n in row[0].split("|")
        if n
    }
    clashes = [row[0] for row in rows if any(key_of(n) in others for n in row[0].split("|"))]
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("German Finance Minister Wolfgang Schäuble", "2012-06-01", "DEUGOV"),
        ("Wolfgang Schauble", "2019-06-01", "DEULEG"),  # president of the Bundestag
        ("Wolfgang Schäuble", "2023-01-01", "DEUELI"),
        ("Treasury Secretary Timothy Geithner", "2010-03-01", "USAGOV"),
        ("Timothy Geithner", "2016-03-01", "USAELI"),
        ("Governor Arnold Schwarzenegger", "2008-05-01", "USAGOV"),
        ("Arnold Schwarzenegger", "2015-05-01", "USAELI"),
        ("Brazilian central bank chief Roberto Campos Neto", "2021-05-01", "BRAGOV"),
        ("Spanish Foreign Minister José Manuel Albares", "2023-05-01", "ESPGOV"),
        ("Jose Manuel Albares", "2019-05-01", "ESPELI"),  # before he took office
    ],
)
def test_terms_decide_between_office_and_elite(kb: ActorKB, text: str, date: str, code: str) -> None:
    assert kb.resolve(text, date).code == code


def test_one_person_several_offices(kb: ActorKB) -> None:
    assert kb.resolve("Alexandre de Moraes", "2016-09-01").code == "BRAGOV"  # justice minister
    assert kb.resolve("Alexandre de Moraes", "2022-09-01").code == "BRAJUD"  # supreme court justice
    assert kb.resolve("Igor Sechin", "2010-01-01").code == "RUSGOV"
    assert kb.resolve("Igor Sechin", "2020-01-01").code == "RUSBUS"


def test_undated_role_applies_outside_the_terms(kb: ActorKB) -> None:
    assert kb.resolve("Ed Davey", "2013-01-01").code == "GBRGOV"  # energy secretary
    assert kb.resolve("Ed Davey", "2022-01-01").code == "GBROPP"  # Liberal Democrat leader
    assert kb.resolve("Carles Puigdemont", "2017-03-01").code == "ESPGOV"
    assert kb.resolve("Carles Puigdemont", "2021-03-01").code == "ESPOPP"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lionel Messi", "ARGCVL"),
        ("Carlos Slim", "MEXBUS"),
        ("Greta Thunberg", "SWECVL"),
        ("Murat Karayilan", "TURREB"),
        ("opposition leader Leopoldo López", "VENOPP"),
        ("Maria Kalesnikava", "BLROPP"),
        ("Joaquín Guzmán", "MEXCRM"),
        ("Roman Abramovich", "RUSBUS"),
    ],
)
def test_undated_public_figures(kb: ActorKB, text: str, code: str) -> None:
    assert kb.resolve(text, "2020-01-01").code == code


def test_accents_and_short_forms(kb: ActorKB) -> None:
    assert kb.resolve("Mehmet Simsek", "2024-01-01").code == kb.resolve("Mehmet Şimşek", "2024-01-01").code
    assert kb.resolve("Mehmet Simsek", "2024-01-01").code == "TURGOV"
    assert kb.resolve("Toto Caputo", "2024-06-01").code == "ARGGOV"
    assert kb.resolve("Francois Legault", "2020-06-01").code == "CANGOV"
    assert kb.resolve("Vladimir Padrino", "2019-06-01").code == "VENMIL"


def test_regional_executives(kb: ActorKB) -> None:
    assert kb.resolve("Bavarian premier Markus Söder", "2022-01-01").code == "DEUGOV"
    assert kb.resolve("Nicola Sturgeon", "2020-01-01").code == "GBRGOV"
    assert kb.resolve("Nicola Sturgeon", "2024-01-01").code == "GBRELI"
    assert kb.resolve("Moscow Mayor Sergei Sobyanin", "2018-01-01").code == "RUSGOV"
    assert kb.resolve("Ron DeSantis", "2017-01-01").code == "USAELI"
    assert kb.resolve("Ron DeSantis", "2021-01-01").code == "USAGOV"


def test_same_name_two_people_same_country(kb: ActorKB) -> None:
    # Australia's defence minister (2013-14) and chief of the defence force (2024-) share a name
    assert kb.resolve("David Johnston", "2014-01-01").code == "AUSGOV"
    assert kb.resolve("David Johnston", "2024-09-01").code == "AUSMIL"
    assert kb.resolve("David Johnston", "2019-01-01").code == "AUSELI"
