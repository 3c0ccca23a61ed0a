"""Attribution patterns beyond "X said (that) ...", on sentences written for these tests (loads the model)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from newsevents.document import Article, Document
from newsevents.pipeline import Resources, load_resources, process
from newsevents.quotes import stage as _quotes_stage  # noqa: F401 - registers the stage

pytestmark = pytest.mark.model


@lru_cache(maxsize=1)
def resources() -> Resources:
    return load_resources()


def quotes(text: str) -> list[dict[str, Any]]:
    doc = Document(Article("t", text, "h"))
    (out,) = process([doc], resources(), stages=("clean", "actors", "events", "quotes"))
    return out.quotes


def by_cue(text: str, cue: str) -> dict[str, Any]:
    found = [q for q in quotes(text) if q["cue_text"] == cue]
    assert len(found) == 1, quotes(text)
    return found[0]


def test_object_of_a_speech_verb() -> None:
    q = by_cue("The governor mentioned the new harbour tax in her speech.", "mentioned")
    assert q["content_text"].startswith("the new harbour tax")
    assert q["speaker_text"] == "The governor"


def test_addressee_is_not_the_content() -> None:
    found = quotes("The mayor told reporters about the flooded tunnels.")
    assert [q["content_text"] for q in found] == ["the flooded tunnels"]
    assert found[0]["speaker_text"] == "The mayor"


def test_infinitive_content() -> None:
    q = by_cue("The rebels vowed to keep fighting until the spring.", "vowed")
    assert q["content_text"].startswith("to keep fighting")
    assert q["speaker_text"] == "The rebels"


def test_passive_cue_takes_the_agent_as_speaker() -> None:
    q = by_cue("The fishing quota was criticized by the coastal unions.", "criticized")
    assert q["content_text"] == "The fishing quota"
    assert q["speaker_text"] == "the coastal unions"


def test_passive_cue_without_agent_has_no_speaker() -> None:
    q = by_cue("The treaty is expected to pass the upper house next month.", "expected")
    assert q["content_text"].startswith("to pass the upper house")
    assert q["speaker_text"] is None


def test_nested_report_is_part_of_the_outer_one() -> None:
    found = quotes("The newspaper reported that the minister had said the port would close.")
    assert [q["cue_text"] for q in found] == ["reported"]
    assert found[0]["speaker_text"] == "The newspaper"


def test_impression_verb_has_no_speaker() -> None:
    q = by_cue("The ceasefire seemed to hold through the night.", "seemed")
    assert q["content_text"].startswith("The ceasefire")
    assert q["speaker_text"] is None


def test_adjective_with_a_that_clause() -> None:
    q = by_cue("The finance minister is confident that the budget will pass.", "confident")
    assert q["content_text"] == "that the budget will pass"
    assert q["speaker_text"] == "The finance minister"


def test_adjective_with_an_object() -> None:
    q = by_cue("Several farmers were critical of the new water rules.", "critical")
    assert q["content_text"] == "the new water rules"
    assert q["speaker_text"] == "Several farmers"


def test_survey_as_the_source_of_its_clause() -> None:
    q = by_cue("In the latest university survey, the mayor leads her rival by ten points.", "In")
    assert q["speaker_text"] == "the latest university survey"
    assert q["content_text"] == "the mayor leads her rival by ten points"


def test_cue_noun_with_a_prepositional_object() -> None:
    q = by_cue("Despite the mayor's criticism of the bridge plan, the council approved it.", "criticism")
    assert q["content_text"] == "the bridge plan"
    assert q["speaker_text"] == "the mayor"


def test_hearsay_adverb_marks_a_sourceless_report() -> None:
    q = by_cue("The two leaders reportedly met in a hotel near the border.", "reportedly")
    assert q["content_text"].startswith("The two leaders")
    assert q["speaker_text"] is None


def test_two_speakers_in_one_sentence_are_two_quotes() -> None:
    found = quotes("The army said the road was open and the police said it was still closed.")
    said = [q for q in found if q["cue_text"] == "said"]
    assert [q["speaker_text"] for q in said] == ["The army", "the police"]
    assert "police" not in said[0]["content_text"]


def test_cue_after_a_quote_ending_in_a_noun_keeps_the_inverted_speaker() -> None:
    q = by_cue(
        '"We see the summit as a real opportunity for the region," reported the news agency.', "reported"
    )
    assert q["kind"] == "direct"
    assert q["speaker_text"] == "the news agency"
