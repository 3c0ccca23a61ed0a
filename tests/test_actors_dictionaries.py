"""Import of PETRARCH-format actor and agent dictionaries written by the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsevents.actors.kb import load_kb
from newsevents.actors.petrarch import clean_lines, parse_code, parse_date
from newsevents.errors import NewsEventsError

ACTORS = """\
<!-- test actor dictionary
     spanning two lines -->
# a comment line
FREEDONIA_  [FRD]
+FREEDONIAN
+FREEDONIANS  # plural written out
SYLVANIA [SYL] # trailing comment

RUFUS_T._FIREFLY
+FIREFLY
\t[FRDELI <330101]
\t[FRDGOV 19330101 - 19351231]
\t[FRDOPP >360101]

TRENTINO [SYLGOV 330101-341231]
\t[SYLELI]

MARX BROTHERS [---]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
PRESIDENT [~GOV] # head of state
FOREIGN_MINISTER [~GOVFRM]
POLICE {} [~COP]
TREASURY!PERSON! [~GOV]
GOOSE {GEESE} [~GGS]
HUMAN_RIGHTS_BODY [NGO~]
"""


@pytest.fixture
def dict_dir(tmp_path: Path) -> Path:
    (tmp_path / "Test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "Test.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "Test.discards.txt").write_text("GOLF [###]\n", encoding="utf-8")
    return tmp_path


def test_parse_date_two_and_four_digit_years() -> None:
    assert parse_date("950601") == dt.date(1995, 6, 1)
    assert parse_date("090120") == dt.date(2009, 1, 20)
    assert parse_date("20121109") == dt.date(2012, 11, 9)
    assert parse_date("20100931") is None
    assert parse_date("soon") is None


def test_parse_code_restrictions() -> None:
    before = parse_code("HOB <950601")
    assert before is not None and before.end == dt.date(1995, 5, 31) and before.start is None
    after = parse_code("HOB > 990816")
    assert after is not None and after.start == dt.date(1999, 8, 16) and after.end is None
    span = parse_code("HOBGOV 19950601 - 19990815")
    assert span is not None and (span.start, span.end) == (dt.date(1995, 6, 1), dt.date(1999, 8, 15))
    discard = parse_code("---")
    assert discard is not None and discard.code is None


def test_comments_are_removed() -> None:
    lines = list(clean_lines(ACTORS))
    assert lines[0].startswith("FREEDONIA_")
    assert all("comment" not in line for line in lines)


def test_directory_import(dict_dir: Path) -> None:
    kb = load_kb([str(dict_dir)])
    assert kb.resolve("Freedonia").code == "FRD"
    assert kb.resolve("the Freedonians").code == "FRD"
    assert kb.resolve("Sylvania").code == "SYL"
    assert kb.resolve("the Freedonian president").code == "FRDGOV"
    assert kb.resolve("Sylvania's foreign minister").code == "SYLGOVFRM"
    assert kb.resolve("Freedonian treasurymen").code == "FRDGOV"
    assert kb.resolve("Sylvania geese").code == "SYLGGS"
    assert kb.resolve("a Freedonia human rights body").code == "NGOFRD"
    assert kb.resolve("Sylvania police").code == "SYLCOP"
    assert kb.resolve("the Marx Brothers").code is None


def test_date_restrictions(dict_dir: Path) -> None:
    kb = load_kb([str(dict_dir)])
    assert kb.resolve("Rufus T. Firefly", dt.date(1932, 12, 31)).code == "FRDELI"
    assert kb.resolve("Firefly", dt.date(1933, 1, 1)).code == "FRDGOV"
    assert kb.resolve("Firefly", dt.date(1935, 12, 31)).code == "FRDGOV"
    assert kb.resolve("Firefly", dt.date(1936, 1, 1)).code == "FRDOPP"
    assert kb.resolve("Trentino", dt.date(1934, 6, 1)).code == "SYLGOV"
    assert kb.resolve("Trentino", dt.date(1940, 6, 1)).code == "SYLELI"
    assert kb.resolve("Trentino").code == "SYLELI"


def test_user_entries_win_over_builtin(tmp_path: Path) -> None:
    path = tmp_path / "Mine.actors.txt"
    path.write_text("EGYPT [UAR]\n", encoding="utf-8")
    assert load_kb([str(path)]).resolve("Egypt").code == "UAR"
    assert load_kb().resolve("Egypt").code == "EGY"


def test_missing_dictionary_is_a_numbered_error(tmp_path: Path) -> None:
    with pytest.raises(NewsEventsError, match="E015"):
        load_kb([str(tmp_path / "nope.actors.txt")])
