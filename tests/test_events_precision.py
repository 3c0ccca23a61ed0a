"""False positives of the event coder on real-news constructions (questions, contests, idioms, modifiers,
non-factual clauses, negation), with the true events they must keep; sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import NO_EVENT, load_lexicon, parse_lexicon

# surface -> (code, country, sector); longer surfaces first so they win overlaps
ACTORS = {
    "Bolivian opposition": ("BOLOPP", "BOL", "OPP"),
    "Bolivian police": ("BOLCOP", "BOL", "COP"),
    "Bolivian rebels": ("BOLREB", "BOL", "REB"),
    "Peruvian senator": ("PERLEG", "PER", "LEG"),
    "the minister": ("GOV", None, "GOV"),
    "Ana Flores": ("PERLEG", "PER", "LEG"),
    "Luis Rojas": ("PERLEG", "PER", "LEG"),
    "protesters": ("OPP", None, "OPP"),
    "the rebels": ("REB", None, "REB"),
    "reporters": ("MED", None, "MED"),
    "Ecuador": ("ECU", "ECU", None),
    "Bolivia": ("BOL", "BOL", None),
    "Chile": ("CHL", "CHL", None),
    "Peru": ("PER", "PER", None),
    "Lima": ("PER", "PER", None),
}


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    mentions: list[Actor] = mentions_from_table(text, ACTORS)
    return extract_events(nlp(text), mentions, load_lexicon(), text)


def _asserted(nlp, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.cameo_code for e in _events(nlp, text) if e.modality == "asserted"}


def _roots(nlp, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {c[:2] for c in _asserted(nlp, text)}


# ---------------------------------------------------------------- lexicon: blocking rows (no model)


def test_blocking_row_beats_the_bare_row() -> None:
    lex = parse_lexicon("V\thit\t\t\t190\t\nV\thit\t\ttrail|road\t-\t\n")
    blocked = lex.match("V", "hit", (), {"trail"})
    assert blocked is not None and blocked.code == NO_EVENT and not blocked.is_event
    plain = lex.match("V", "hit", (), {"convoy"})
    assert plain is not None and plain.code == "190" and plain.is_event


# ---------------------------------------------------------------- questions are no appeals


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Reporters asked Ana Flores whether Peru would close the border.",
        "Luis Rojas asked Ana Flores about the budget in Lima.",
        "Luis Rojas asked Ana Flores how Peru would pay for it.",
    ],
)
def test_a_question_is_no_appeal(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "02" not in _roots(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Luis Rojas asked Ana Flores to resign.",
        "Peru asked Chile for help after the floods.",
        "Luis Rojas asked that Ana Flores be removed from the committee.",
    ],
)
def test_asking_for_an_act_is_an_appeal(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "02" in _roots(nlp, text)


# ---------------------------------------------------------------- winning a contest is no assault


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Ana Flores beat Luis Rojas in the Peruvian senate primary.",
        "Peru beat Chile 3-1 on Saturday.",
        "Ana Flores beat Luis Rojas by nine points.",
        "Luis Rojas beat back a challenge from Ana Flores.",
    ],
)
def test_a_contest_win_is_no_assault(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not _roots(nlp, text) & {"18", "19", "20", "13"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Bolivian police beat protesters with batons in La Paz.",
        "Bolivian police beat up protesters outside the court.",
        "Protesters were beaten by Bolivian police in La Paz.",
    ],
)
def test_a_beating_is_an_assault(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "182" in _asserted(nlp, text)


# ---------------------------------------------------------------- idioms and other senses


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Ana Flores hit the campaign trail in Lima on Monday.",
        "Luis Rojas shot back at Ana Flores in an interview.",
        "Peru failed to meet the deadline set by Chile.",
        "Ana Flores offered an explanation to reporters in Lima.",
        "Luis Rojas has occupied the post of Peruvian senator for a decade.",
        "Ana Flores pushed her strategy on reporters in Lima.",
        "The debate hosted by Peru drew reporters.",
    ],
)
def test_other_senses_are_no_events(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not _asserted(nlp, text) - {"010"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Bolivian rebels hit a police convoy near the border with Peru.", "19"),
        ("Peru occupied the disputed island claimed by Chile.", "19"),
        ("Ana Flores met Luis Rojas in Lima.", "04"),
        ("Ana Flores offered praise for Luis Rojas.", "05"),
    ],
)
def test_the_event_senses_stay(nlp, text: str, root: str) -> None:  # type: ignore[no-untyped-def]
    assert root in _roots(nlp, text)


# ---------------------------------------------------------------- participles modifying a noun


@pytest.mark.model
def test_a_participle_before_its_noun_is_no_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ana Flores leads Luis Rojas by 40 pledged delegates in Peru."
    assert "03" not in _roots(nlp, text)


@pytest.mark.model
def test_a_pledge_is_still_an_intent(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "03" in _roots(nlp, "Chile pledged to hold talks with Peru in Lima.")


# ---------------------------------------------------------------- clauses that are no facts


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Peru removed a call for sending weapons to Ecuador from the text.", "07"),
        ("Ana Flores dismissed the idea that Peru had signed a deal with Chile.", "05"),
        ("Bolivian police issued fines to protesters rather than arresting them.", "17"),
        ("Ana Flores favored imposing sanctions on Chile.", "16"),
        ("Luis Rojas called for Bolivian police to arrest the rebels.", "17"),
        ("It is too early to discuss a settlement with Chile, Ana Flores said.", "04"),
        ("Bolivian rebels plan to cross into Peru to attack the police.", "19"),
    ],
)
def test_a_non_factual_clause_is_not_asserted(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in _roots(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Bolivian police arrested the rebels rather than negotiating with them.", "17"),
        ("Peru began the process of returning the land to Bolivia.", "08"),
        ("It took a decade for Peru to recognize the Bolivian opposition government.", "05"),
    ],
)
def test_the_factual_clause_stays(nlp, text: str, root: str) -> None:  # type: ignore[no-untyped-def]
    assert root in _roots(nlp, text)


# ---------------------------------------------------------------- negation


@pytest.mark.model
def test_no_longer_negates(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Chile no longer supplies weapons to Bolivian rebels.")
    assert not {e.cameo_code[:2] for e in events if e.modality == "asserted"} & {"03", "07"}


@pytest.mark.model
def test_an_object_with_no_negates(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "04" not in _roots(nlp, "Peru held no talks with Chile last year.")


@pytest.mark.model
@pytest.mark.parametrize("text", ["Peru is unwilling to meet Chile.", "Peru is not willing to meet Chile."])
def test_an_unwilling_party_rejects(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    roots = _roots(nlp, text)
    assert "12" in roots and "03" not in roots


@pytest.mark.model
def test_a_willing_party_still_intends(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "03" in _roots(nlp, "Peru is willing to meet Chile.")


@pytest.mark.model
def test_will_not_attack_is_no_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "13" not in _roots(nlp, "Peru will not attack Chile, the minister said.")


@pytest.mark.model
def test_will_attack_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "13" in _roots(nlp, "Peru will attack Chile, the minister said.")


@pytest.mark.model
def test_a_negated_belief_is_no_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "10" not in _roots(nlp, "Ana Flores does not think Chile must withdraw from Bolivia.")


# ---------------------------------------------------------------- actors of the event


@pytest.mark.model
def test_an_unnamed_subject_does_not_borrow_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“A neighbour we trusted is arming the rebels,” Ana Flores said in Lima."
    for e in _events(nlp, text):
        if e.trigger_text == "arming":
            assert e.source is None or e.source.text != "Ana Flores"


@pytest.mark.model
def test_the_beneficiary_of_ended_support_is_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Chile ended its support for the Bolivian opposition.")
    ended = [e for e in events if e.trigger_text == "ended" and e.modality == "asserted"]
    assert ended and ended[0].target is not None and ended[0].target.code == "BOLOPP"


# ---------------------------------------------------------------- attempts


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Peru made a third attempt to reach a deal with Chile.",
        "Bolivian rebels attempted to storm a police base near Lima.",
        "Ana Flores was trying to hit singles in the Peruvian senate race.",
    ],
)
def test_an_attempt_at_something_else_is_no_assassination_attempt(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "185" not in _asserted(nlp, text)


@pytest.mark.model
def test_an_attempt_to_kill_is_an_assassination_attempt(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "185" in _asserted(nlp, "Bolivian rebels tried to kill the minister in La Paz.")
