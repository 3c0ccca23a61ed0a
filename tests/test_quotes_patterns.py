"""Attribution patterns beyond "X said (that) ...", on sentences written for these tests (loads the model)."""

from __future__ import annotations

import pytest

from conftest import coded_quotes
from conftest import quote_by_cue as by_cue
from newsevents.quotes import stage as _quotes_stage  # noqa: F401 - registers the stage

pytestmark = pytest.mark.model


quotes = coded_quotes


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


def test_relative_pronoun_speaker_spans_its_antecedent_and_the_pronoun() -> None:
    q = by_cue("The council is chaired by Mary Smith, who said the bridge would close in May.", "said")
    assert q["speaker_text"] == "Mary Smith, who"
    assert q["content_text"] == "the bridge would close in May"


def test_apposition_running_into_the_cue_is_the_speaker() -> None:
    q = by_cue('Jones, a senior aide said, "the budget is final and will not change."', "said")
    assert q["speaker_text"] == "a senior aide"


def test_contracted_has_is_not_a_passive() -> None:
    q = by_cue("And she’s predicted big gains in the coastal towns.", "predicted")
    assert q["speaker_text"] == "she"


def test_that_said_is_a_connective() -> None:
    found = quotes("That said, the farmers say they want more rain this year.")
    assert [q["cue_text"] for q in found] == ["say"]
    assert found[0]["speaker_text"] == "the farmers"


def test_seem_before_a_cue_verb_keeps_the_subject() -> None:
    q = by_cue("The voters seemed to reject the proposal for a new stadium.", "seemed")
    assert q["speaker_text"] == "The voters"
    assert q["content_text"].startswith("to reject")


def test_document_issued_by_someone_speaks_for_them() -> None:
    q = by_cue("The city council approved a resolution condemning the new parking tax.", "condemning")
    assert q["speaker_text"] == "The city council"
    q = by_cue("The union released figures that suggest most nurses are leaving the city.", "suggest")
    assert q["speaker_text"] == "The union"


def test_headline_colon_after_a_name_tagged_as_a_noun() -> None:
    q = by_cue("Poll: Voters in the north favour the new bridge over the river.", ":")
    assert q["speaker_text"] == "Poll"
    assert q["content_text"].startswith("Voters in the north")


def test_content_after_a_colon_ending_the_paragraph() -> None:
    q = by_cue(
        "The governor added:\n\nAnd from a nearby state this is a stunning reversal of its policy.", "added"
    )
    assert q["speaker_text"] == "The governor"
    assert q["content_text"] == "And from a nearby state this is a stunning reversal of its policy"


def test_rarer_speech_verbs_and_put_it() -> None:
    assert by_cue('"We won the whole county," she gloated.', "gloated")["speaker_text"] == "she"
    q = by_cue('As the professor put it: "The city is broke and nobody wants to admit it."', "put")
    assert q["speaker_text"] == "the professor"
    assert q["kind"] == "direct"


def test_talking_verbs_need_a_topic() -> None:
    assert quotes("The mayor spoke on Monday in the town hall.") == []
    q = by_cue("The mayor spoke about the flood in the old harbour.", "spoke")
    assert q["content_text"] == "about the flood in the old harbour"


def test_expectations_and_indictments_are_not_reports() -> None:
    assert [q["cue_text"] for q in quotes("The bridge is supposed to open in May.")] == []
    assert [q["cue_text"] for q in quotes("He was charged with fraud by the state.")] == []


def test_any_verb_right_after_a_quote_ending_in_a_comma_attributes_it() -> None:
    q = by_cue('"Who is going to pay for the new road?" the mayor shot back.', "shot")
    assert q["speaker_text"] == "the mayor"
    assert q["kind"] == "direct"
    assert by_cue('"We will build it," the mayor grinned.', "grinned")["speaker_text"] == "the mayor"
    assert quotes('"We will build it." The mayor left the hall.') == []
