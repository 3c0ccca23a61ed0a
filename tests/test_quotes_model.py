"""The quotes stage on sentences written for these tests (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import coded_quotes
from newsevents.quotes import stage as _quotes_stage  # noqa: F401 - registers the stage

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_article.txt"


quotes = coded_quotes


def one(text: str) -> dict[str, Any]:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_with_cue_after() -> None:
    q = one('"We will rebuild the harbour," the governor said.')
    assert q["kind"] == "direct"
    assert q["content_text"] == '"We will rebuild the harbour,"'
    assert q["speaker_text"] == "the governor"
    assert q["cue_text"] == "said"
    assert q["quote_id"] == "t:q1"


def test_direct_quote_with_inverted_cue() -> None:
    q = one('"The count was fair and complete," said the election commission.')
    assert q["kind"] == "direct"
    assert q["speaker_text"] == "the election commission"


def test_direct_quote_after_a_colon() -> None:
    q = one('The mayor said: "Nobody will lose their home this winter."')
    assert q["content_text"] == '"Nobody will lose their home this winter."'
    assert q["speaker_text"] == "The mayor"


def test_indirect_quote_with_that_clause() -> None:
    q = one("The foreign minister said that the border would reopen next week.")
    assert q["kind"] == "indirect"
    assert q["content_text"] == "that the border would reopen next week"
    assert q["speaker_text"] == "The foreign minister"


def test_told_reporters() -> None:
    q = one("The general told reporters that the troops had left the valley.")
    assert q["cue_text"] == "told"
    assert q["content_text"] == "that the troops had left the valley"
    assert q["speaker_text"] == "The general"


def test_according_to() -> None:
    q = one("According to the ministry, the convoy reached the city before dawn.")
    assert q["cue_text"] == "According to"
    assert q["speaker_text"] == "the ministry"
    assert q["content_text"] == "the convoy reached the city before dawn"


def test_mixed_quote_keeps_its_marks() -> None:
    q = one('The senator said the bill was "dead on arrival" in the chamber.')
    assert q["kind"] == "mixed"
    assert q["content_text"] == 'the bill was "dead on arrival" in the chamber'


def test_interrupted_quote_is_one_quote() -> None:
    q = one('"As a farmer," she said, "I know this drought better than anyone."')
    assert q["content_text"].startswith('"As a farmer,"')
    assert q["content_text"].endswith('anyone."')
    assert q["speaker_text"] == "she"


def test_multi_paragraph_quote_keeps_the_speaker() -> None:
    text = (
        '"The reform is finished," the chancellor said.\n\n'
        '"The next paragraph of the speech continues without a closing mark.\n\n'
        '"And this last paragraph closes it."'
    )
    found = quotes(text)
    assert len(found) == 3
    assert {q["speaker_text"] for q in found} == {"the chancellor"}


def test_parenthetical_cue() -> None:
    q = one("The plan, an aide said, is to hold the vote in May.")
    assert q["speaker_text"] == "an aide"
    assert q["content_text"].startswith("The plan") and q["content_text"].endswith("in May")


def test_participle_cue_takes_the_main_speaker() -> None:
    found = quotes("The army said it respected the truce, adding that talks would resume soon.")
    by_cue = {q["cue_text"]: q for q in found}
    assert by_cue["said"]["content_text"] == "it respected the truce"
    assert by_cue["adding"]["content_text"] == "that talks would resume soon"
    assert by_cue["adding"]["speaker_text"] == "The army"


def test_first_person_thoughts_inside_a_quote_are_not_new_quotes() -> None:
    found = quotes('"I think we can win this seat," the candidate told supporters.')
    assert [q["cue_text"] for q in found] == ["told"]


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = 'The spokesman said the offer was "final.\n\n' + "Farmers met in the square on Monday. " * 30
    found = quotes(text)
    assert found
    assert all(q["content_end"] <= text.index("\n") for q in found)


def test_pronoun_speaker_is_coded_through_the_article() -> None:
    text = 'German Chancellor Olaf Scholz visited the plant. "We will keep it open," he said.'
    q = one(text)
    assert q["speaker_text"] == "he"
    assert q["speaker_code"] is not None and q["speaker_code"].startswith("DEU")


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not available")
def test_seed_article_quotes() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = quotes(text)
    assert all("[ad_" not in q["content_text"] and "Source link" not in q["content_text"] for q in found)
    codes = {q["speaker_code"] for q in found}
    assert any(c and c.startswith("PRK") and c.endswith("MED") for c in codes)  # KCNA
    assert "PRKGOV" in codes  # Kim
    assert any(c and c.startswith("USA") for c in codes)  # Pompeo, the State Department
    dept = [q for q in found if (q["speaker_text"] or "").lower() == "the department"]
    assert dept and dept[0]["speaker_code"] == "USAGOV"
    assert all(q["content_end"] - q["content_start"] < 1200 for q in found)
