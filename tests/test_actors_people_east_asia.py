"""Office holders and public figures of East and Central Asia, Afghanistan and the Pacific beyond heads of
state (``data/actor_people_east_asia.tsv``; no model loaded). Row shape is checked for every people table
in ``test_actors_people_files.py``."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from newsevents.actors.builtin import read_rows
from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.tokens import key_of

FILE = "actor_people_east_asia.tsv"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return read_rows(FILE)


def test_file_covers_the_region(rows: list[list[str]]) -> None:
    assert len(rows) >= 750
    codes = {row[1][:3] for row in rows}
    east = {"CHN", "HKG", "MAC", "JPN", "KOR", "PRK", "TWN", "MNG"}
    central = {"KAZ", "UZB", "KGZ", "TJK", "TKM", "AFG"}
    pacific = {"PNG", "FJI", "SLB", "WSM", "TON", "VUT"}
    assert east | central | pacific <= codes
    assert codes <= east | central | pacific


def test_people_are_not_repeated_from_other_tables(rows: list[list[str]]) -> None:
    data = resources.files("newsevents").joinpath("data")
    others = {
        key_of(name)
        for item in data.iterdir()
        if item.name.endswith(".tsv") and item.name != FILE
        for row in read_rows(item.name)
        for name in row[0].split("|")
        if name
    }
    clashes = [row[0] for row in rows if any(key_of(n) in others for n in row[0].split("|") if n)]
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Chinese Commerce Minister Gao Hucheng", "2015-05-01", "CHNGOV"),
        ("Gao Hucheng", "2019-05-01", "CHNELI"),
        ("Japanese Finance Minister Shunichi Suzuki", "2022-06-01", "JPNGOV"),
        ("Shunichi Suzuki", "2025-01-15", "JPNELI"),
        ("Bank of Korea governor Lee Ju-yeol", "2016-01-01", "KORGOV"),
        ("Lee Ju-yeol", "2023-01-01", "KORELI"),
        ("South Korean spy chief Won Sei-hoon", "2011-01-01", "KORSPY"),
        ("Won Sei-hoon", "2015-01-01", "KORELI"),
        ("Hong Kong police commissioner Stephen Lo", "2019-06-01", "HKGCOP"),
        ("Macau leader Fernando Chui", "2012-01-01", "MACGOV"),
        ("Rustam Inoyatov", "2010-01-01", "UZBSPY"),
        ("Tongan Prime Minister Siaosi Sovaleni", "2023-01-01", "TONGOV"),
        ("Siaosi Sovaleni", "2025-03-01", "TONELI"),
    ],
)
def test_terms_decide_between_office_and_elite(kb: ActorKB, text: str, date: str, code: str) -> None:
    assert kb.resolve(text, date).code == code


def test_one_person_two_successive_offices(kb: ActorKB) -> None:
    # Hunan governor and party secretary, then president of the Supreme People's Court
    assert kb.resolve("Zhou Qiang", "2010-01-01").code == "CHNGOV"
    assert kb.resolve("Zhou Qiang", "2018-01-01").code == "CHNJUD"
    assert kb.resolve("Zhou Qiang", "2024-01-01").code == "CHNELI"
    # chairman of the Joint Chiefs of Staff, later defence minister and national security adviser
    assert kb.resolve("Kim Kwan-jin", "2007-06-01").code == "KORMIL"
    assert kb.resolve("Kim Kwan-jin", "2012-06-01").code == "KORGOV"


def test_party_changes_side(kb: ActorKB) -> None:
    # Komeito: minister, then leader of a ruling party, then in opposition after leaving the coalition
    assert kb.resolve("Tetsuo Saito", "2023-01-01").code == "JPNGOV"
    assert kb.resolve("Tetsuo Saito", "2025-03-01").code == "JPNPTY"
    assert kb.resolve("Tetsuo Saito", "2025-11-01").code == "JPNOPP"


def test_insurgents_who_took_office(kb: ActorKB) -> None:
    assert kb.resolve("Abdul Hakim Haqqani", "2021-01-01").code == "AFGREB"
    assert kb.resolve("Abdul Hakim Haqqani", "2023-01-01").code == "AFGJUD"
    assert kb.resolve("Sam Hou Fai", "2020-01-01").code == "MACJUD"
    assert kb.resolve("Sam Hou Fai", "2025-03-01").code == "MACGOV"


def test_undated_public_figures(kb: ActorKB) -> None:
    assert kb.resolve("Li Ka-shing", "2020-01-01").code == "HKGBUS"
    assert kb.resolve("Zhong Nanshan").code == "CHNCVL"
    assert kb.resolve("Han Kang", "2024-10-10").code == "KORCVL"
    assert kb.resolve("Muhiddin Kabiri", "2016-01-01").code == "TJKOPP"


def test_aliases_and_romanisations(kb: ActorKB) -> None:
    assert kb.resolve("You Si-kun", "2021-01-01").code == "TWNLEG"
    assert kb.resolve("Yu Shyi-kun", "2021-01-01").code == "TWNLEG"
    assert kb.resolve("Thae Ku-min", "2022-01-01").code == "KORLEG"
    assert kb.resolve("Hui Ka Yan").code == "CHNBUS"
    assert kb.resolve("Ri Sol-ju", "2020-01-01").code == "PRKELI"


def test_running_text_mentions(kb: ActorKB) -> None:
    text = "Foreign Minister Yu Myung-hwan met Hirofumi Nakasone in Tokyo."
    found = [(a.text, a.code) for a in kb.text_mentions(text, dt.date(2009, 3, 1)) if a.kind == "person"]
    assert found == [("Yu Myung-hwan", "KORGOV"), ("Hirofumi Nakasone", "JPNGOV")]


def test_former_office_holder_is_elite(kb: ActorKB) -> None:
    assert kb.resolve("former Tokyo governor Shintaro Ishihara", "2010-01-01").code == "JPNELI"


def test_unknown_name_is_not_an_actor(kb: ActorKB) -> None:
    assert kb.resolve("Batbayar Example-Tsogt", "2020-01-01").code is None
