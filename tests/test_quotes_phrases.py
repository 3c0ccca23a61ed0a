"""Multi-word cues (verb + particle, light verb + noun), on sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import coded_quotes
from conftest import quote_by_cue as by_cue
from newsevents.quotes import stage as _quotes_stage  # noqa: F401 - registers the stage
from newsevents.quotes.cues import parse_cues


def test_parse_cues_indexes_phrases_by_their_verb() -> None:
    lex = parse_cues(
        ["say\tspeech", "take aim\tobject", "take issue\tobject", "make case\tspeech", "a b\tnoun"]
    )
    assert lex.verb_kind("take") is None
    assert sorted(lex.phrases["take"]) == [(("aim",), "object"), (("issue",), "object")]
    assert lex.phrases["make"] == [(("case",), "speech")]
    assert "a" not in lex.phrases and "take" in lex.lemmas and "say" in lex.lemmas


def test_longest_phrase_first() -> None:
    lex = parse_cues(["pour water\tobject", "pour cold water\tspeech"])
    assert [w for w, _ in lex.phrases["pour"]] == [("cold", "water"), ("water",)]


@pytest.mark.model
def test_verb_with_particle_takes_its_object() -> None:
    q = by_cue("The harbour master laid out a plan to dredge the channel.", "laid out")
    assert q["content_text"].startswith("a plan to dredge")
    assert q["speaker_text"] == "The harbour master"


@pytest.mark.model
def test_phrasal_preposition_object_is_the_content() -> None:
    q = by_cue("The county clerk went after the auditors over the missing ledgers.", "went after")
    assert q["content_text"].startswith("the auditors")
    assert q["speaker_text"] == "The county clerk"


@pytest.mark.model
def test_light_verb_with_a_that_clause() -> None:
    q = by_cue("Teachers made the case that smaller classes improve reading scores.", "made the case")
    assert q["content_text"] == "that smaller classes improve reading scores"
    assert q["speaker_text"] == "Teachers"


@pytest.mark.model
def test_light_verb_noun_with_a_preposition() -> None:
    q = by_cue("The growers' association took aim at the new water tariffs.", "took aim")
    assert q["content_text"] == "the new water tariffs"
    q = by_cue("Two regulators sounded the alarm about risky mortgage lending.", "sounded the alarm")
    assert q["content_text"] == "risky mortgage lending"


@pytest.mark.model
def test_outer_phrasal_cue_absorbs_the_inner_report() -> None:
    found = coded_quotes("The mayor pushed back on claims that the council had said the fund was empty.")
    assert [q["cue_text"] for q in found] == ["pushed back"]
    assert found[0]["speaker_text"] == "The mayor"


@pytest.mark.model
def test_verb_without_its_phrase_word_is_no_cue() -> None:
    assert coded_quotes("The ferry took two hours to cross the bay.") == []
    assert coded_quotes("The bakery made a large cake for the festival.") == []
    assert coded_quotes("The hikers went up the hill before noon.") == []


@pytest.mark.model
def test_adjective_predicate_with_a_that_clause() -> None:
    q = by_cue("The coach was emphatic that the stadium would stay open.", "emphatic")
    assert q["content_text"] == "that the stadium would stay open"
    assert q["speaker_text"] == "The coach"


@pytest.mark.model
def test_occasion_noun_is_the_cue_of_a_plain_verb() -> None:
    q = by_cue("In a statement, the shipping company apologized for the delays.", "In a statement")
    assert q["content_text"] == "apologized for the delays"
    assert q["speaker_text"] == "the shipping company"


@pytest.mark.model
def test_occasion_noun_needs_a_speaking_occasion() -> None:
    assert coded_quotes("In the morning, the crew repaired the road.") == []


@pytest.mark.model
def test_parenthetical_belief_verb() -> None:
    q = by_cue("The new rules, the growers think, are far too strict.", "think")
    assert q["speaker_text"] == "the growers"
    assert q["content_text"].startswith("The new rules")


@pytest.mark.model
def test_author_of_a_cited_study_is_the_speaker() -> None:
    q = by_cue("Turnout rose sharply, according to a study by the state election board.", "according to")
    assert q["speaker_text"] == "the state election board"
    q = by_cue("According to a survey of dairy farmers, milk prices fell.", "According to")
    assert q["speaker_text"] == "a survey of dairy farmers"


def test_a_cue_inside_a_longer_content_is_dropped_even_when_its_content_runs_past() -> None:
    from newsevents.quotes.extract import Attribution, _outermost

    outer = Attribution(0, 5, 10, 60)
    inner = Attribution(30, 35, 40, 80)  # cue inside the outer content, content running past it
    apart = Attribution(85, 89, 90, 99)  # its own cue outside every other content
    assert _outermost([outer, inner, apart]) == [outer, apart]
    split = Attribution(20, 25, 0, 50)  # '"...," she said, "..."': the cue inside its own content only
    assert _outermost([split]) == [split]
