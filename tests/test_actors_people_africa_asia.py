"""Office holders, opposition figures and public figures of Africa, the Middle East and Asia."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.actors.builtin import read_rows
from newsevents.actors.kb import ActorKB, load_kb

_FILE = "actor_people_africa_asia.tsv"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def test_file_is_large() -> None:
    assert len(read_rows(_FILE)) > 1500


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Kenyan Treasury Secretary Henry Rotich", "2016-06-01", "KENGOV"),
        ("Henry Rotich", "2021-06-01", "KENELI"),
        ("Nigerian army chief Tukur Buratai", "2018-03-01", "NGAMIL"),
        ("Tukur Buratai", "2022-03-01", "NGAELI"),
        ("Lagos governor Babatunde Fashola", "2010-05-01", "NGAGOV"),
        ("Godwin Emefiele", "2020-01-15", "NGAGOV"),
        ("Godwin Emefiele", "2024-01-15", "NGAELI"),
        ("Chief Justice Mogoeng Mogoeng", "2015-01-01", "ZAFJUD"),
        ("Mossad chief Yossi Cohen", "2018-01-01", "ISRSPY"),
        ("Qassem Suleimani's successor Esmail Qaani", "2021-01-01", "IRNMIL"),
        ("Indian central bank governor Raghuram Rajan", "2015-01-01", "INDGOV"),
        ("Raghuram Rajan", "2019-01-01", "INDELI"),
        ("Pakistani spy chief Faiz Hameed", "2020-01-01", "PAKSPY"),
        ("RSF deputy commander Abdelrahim Dagalo", "2024-01-01", "SDNREB"),
    ],
)
def test_office_terms(kb: ActorKB, text: str, date: str, code: str) -> None:
    assert kb.resolve(text, date).code == code


def test_one_person_several_offices(kb: ActorKB) -> None:
    assert kb.resolve("Patrick Nyamvumba", "2015-01-01").code == "RWAMIL"
    assert kb.resolve("Patrick Nyamvumba", "2020-01-01").code == "RWAGOV"
    assert kb.resolve("Patrick Nyamvumba", "2022-01-01").code == "RWAELI"


def test_minister_turned_opponent(kb: ActorKB) -> None:
    assert kb.resolve("Rigathi Gachagua", "2023-05-01").code == "KENGOV"
    assert kb.resolve("Rigathi Gachagua", "2025-03-01").code == "KENOPP"


def test_undated_roles(kb: ActorKB) -> None:
    assert kb.resolve("Aliko Dangote", "2020-01-01").code == "NGABUS"
    assert kb.resolve("Eliud Kipchoge").code == "KENCVL"
    assert kb.resolve("Bobi Wine", "2021-01-14").code == "UGAOPP"
    assert kb.resolve("Abu Bakr al-Baghdadi", "2015-01-01").code == "IRQREB"


def test_aliases_and_name_variants(kb: ActorKB) -> None:
    assert kb.resolve("Robert Kyagulanyi", "2021-01-14").code == "UGAOPP"
    assert kb.resolve("Nyesom Ezenwo Wike", "2024-02-01").code == "NGAGOV"


def test_running_text_mentions(kb: ActorKB) -> None:
    text = "Foreign Minister Nasser Judeh met Ahmed Gaid Salah in Algiers."
    codes = [a.code for a in kb.text_mentions(text, dt.date(2014, 5, 1)) if a.kind == "person"]
    assert codes == ["JORGOV", "DZAMIL"]


def test_unknown_name_is_not_an_actor(kb: ActorKB) -> None:
    assert kb.resolve("Wanjiru Example-Otieno", "2020-01-01").code is None
