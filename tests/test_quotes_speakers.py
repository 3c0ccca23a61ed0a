"""Speaker and content boundary rules (issue #5), on sentences written for these tests (loads the model)."""

from __future__ import annotations

import pytest

from conftest import coded_quotes
from conftest import quote_by_cue as by_cue
from newsevents.quotes import stage as _quotes_stage  # noqa: F401 - registers the stage

pytestmark = pytest.mark.model


quotes = coded_quotes


def test_time_stamp_line_is_not_part_of_the_speaker() -> None:
    q = by_cue("10:15 a.m.\nThe governor says the bridge will reopen next week.", "says")
    assert q["speaker_text"] == "The governor"


def test_contrast_clause_after_the_report_is_the_writers() -> None:
    q = by_cue(
        "The mayor said the budget is balanced, but the city still owes millions to its pension fund.", "said"
    )
    assert q["content_text"] == "the budget is balanced"


def test_trailing_relative_clause_is_an_aside() -> None:
    q = by_cue(
        "The minister said the new port will open in May, which would make it the largest in the region.",
        "said",
    )
    assert q["content_text"] == "the new port will open in May"


def test_trailing_participle_is_an_aside() -> None:
    q = by_cue(
        "The senator said the tax would hurt farmers, prompting a sharp reply from the governor.", "said"
    )
    assert q["content_text"] == "the tax would hurt farmers"


def test_possessive_of_a_subject_cue_noun_is_its_source() -> None:
    q = by_cue("Her criticism of the pipeline angered the oil companies.", "criticism")
    assert q["speaker_text"] == "Her"
    assert q["content_text"] == "the pipeline"


def test_contracted_has_with_a_clause_is_active() -> None:
    q = by_cue("At the hearing, she's said the talks have been useful.", "said")
    assert q["speaker_text"] == "she"
    assert q["content_text"] == "the talks have been useful"


def test_subject_found_through_a_predicate_adjective() -> None:
    q = by_cue("He is willing to offer the rebels a ceasefire.", "offer")
    assert q["speaker_text"] == "He"


def test_expletive_it_is_no_speaker() -> None:
    q = by_cue("It is hard to imagine the council approving the plan.", "imagine")
    assert q["speaker_text"] is None


def test_naming_participle_is_no_report() -> None:
    assert not [
        q
        for q in quotes("The rebels formed a group called the Free Valley Front.")
        if q["cue_text"] == "called"
    ]


def test_apposition_describing_a_critic_is_no_report_but_a_predicate_is() -> None:
    assert not [
        q for q in quotes("Ms. Rivera, a critic of the dam, spoke first.") if q["cue_text"] == "critic"
    ]
    q = by_cue("Ms. Rivera is a critic of the dam.", "critic")
    assert q["speaker_text"] == "Ms. Rivera"


def test_time_stamp_subject_gives_way_to_the_real_one() -> None:
    text = (
        "Updates from the count (all times local):\n\n2:45 p.m.\n\n"
        "The state's election chief says an internal review shows no ballots were lost."
    )
    assert by_cue(text, "says")["speaker_text"] == "The state's election chief"


def test_word_of_the_quotation_is_not_the_speaker() -> None:
    q = by_cue('"My friends, the hour is late," the senator said.', "said")
    assert q["speaker_text"] == "the senator"
    assert q["kind"] == "direct"


def test_object_of_a_causing_verb_is_the_speaker_of_its_infinitive() -> None:
    q = by_cue("The narrow loss led the party chairman to declare that the race was over.", "declare")
    assert q["speaker_text"] == "the party chairman"


def test_means_object_is_never_the_speaker() -> None:
    q = by_cue("The senator used her floor speech to attack the new tariffs.", "attack")
    assert q["speaker_text"] == "The senator"


def test_directive_verb_is_the_cue_and_its_subject_the_speaker() -> None:
    q = by_cue("The mayor persuaded the council to drop the parking fee.", "persuaded")
    assert q["speaker_text"] == "The mayor"
    assert "drop the parking fee" in q["content_text"]


def test_phrase_before_a_cue_left_without_subject() -> None:
    text = (
        "Although there is no such plan with the union, a city official who spoke anonymously to discuss "
        'the talks said Monday, "There are discussions."'
    )
    q = by_cue(text, "said")
    assert q["speaker_text"] == "a city official"


def test_condition_participle_stays_in_the_content() -> None:
    q = by_cue("Surveys show rural voters could help Smith in some states -- assuming a close race.", "show")
    assert "assuming a close race" in q["content_text"]


def test_same_speaker_going_on_stays_in_the_content() -> None:
    q = by_cue("The governor said the tax system is complex and he feels he can win the vote.", "said")
    assert q["content_text"] == "the tax system is complex and he feels he can win the vote"


def test_named_person_speaks_not_the_description_run_into_the_cue() -> None:
    q = by_cue(
        "Kim Lee (D-Ore.), a supporter of the new port plan told host Jo Park she expected a vote soon.",
        "told",
    )
    assert q["speaker_text"] is not None and q["speaker_text"].startswith("Kim Lee")


def test_parenthetical_cue_keeps_its_own_speaker() -> None:
    q = by_cue("Mr. Ortiz, a top aide said, is very confident in the plan.", "said")
    assert q["speaker_text"] == "a top aide"


def test_generic_you_is_not_a_source() -> None:
    found = quotes("If you believe the forecast, the river will flood the valley by Friday.")
    assert not any(q["cue_text"] == "believe" for q in found)


def test_person_shown_by_a_poll_is_its_finding_not_an_addressee() -> None:
    q = by_cue("Polls show Hillary Clinton up by 10 points in New York.", "show")
    assert q["speaker_text"] == "Polls"
    assert q["content_text"].startswith("Hillary Clinton")


def test_as_clause_reports_the_clause_it_modifies() -> None:
    q = by_cue(
        "And as the senator pointed out, court rulings and new laws have real effects on families.", "pointed"
    )
    assert q["speaker_text"] == "the senator"
    assert q["content_text"] == "court rulings and new laws have real effects on families"


def test_as_of_time_is_no_attribution() -> None:
    found = quotes("As the mayor spoke with reporters, the crowd outside grew louder.")
    assert not any(q["cue_text"] == "spoke" for q in found)
