"""Person pronouns: gender, gendered nouns, uncoded persons, paragraphs, centering and quotes."""

from __future__ import annotations

import re

import pytest

from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.pronouns import gender_before
from newsevents.actors.stage import find_mentions


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def _pronouns(text: str, kb: ActorKB) -> list[tuple[str, int, str | None]]:
    """``(text, start, code)`` of the pronoun mentions of ``text`` parsed by the model."""
    from newsevents.nlp import load_model

    mentions = find_mentions(text, kb, None, load_model()(text))
    words = {"he", "she", "him", "her", "i", "we"}
    return [(m.text, m.start, m.code) for m in mentions if m.text.lower() in words]


def _code(got: list[tuple[str, int, str | None]], text: str, word: str, after: str = "") -> str | None:
    found = re.compile(rf"\b{word}\b").search(text, text.index(after) if after else 0)
    assert found is not None
    start = found.start()
    return next((c for w, s, c in got if s == start), None)


def test_gender_before_titles_and_nouns() -> None:
    assert gender_before("Mrs Ana Duarte", 4) == "f"
    assert gender_before("She met her husband Tomas Varga", 20) == "m"
    assert gender_before("Queen Ana", 0, 9) == "f"  # the title opens the name
    assert gender_before("the chairman, Bob Lane", 15) == "m"
    assert gender_before("Ambassador Ana Duarte", 11) is None
    assert gender_before("they met Ana Duarte", 9) is None


@pytest.mark.model
def test_gender_from_pronouns_of_a_sentence(kb: ActorKB) -> None:
    text = (
        "Chilean President Tomas Varga said his government would help. Peruvian Foreign Minister "
        "Elena Duarte said she was pleased. He called for calm."
    )
    got = _pronouns(text, kb)
    assert _code(got, text, "she") == "PERGOV"
    assert _code(got, text, "He") == "CHLGOV"  # not the most recent subject, who is a woman


@pytest.mark.model
def test_gender_from_title(kb: ActorKB) -> None:
    text = (
        "Chilean Foreign Minister Mrs Elena Duarte met Peruvian President Tomas Varga in Lima. "
        "Later he flew home."
    )
    assert _code(_pronouns(text, kb), text, "he", "Later") == "PERGOV"
    text = text.replace("he flew", "she flew")
    assert _code(_pronouns(text, kb), text, "she", "Later") == "CHLGOV"


@pytest.mark.model
def test_gendered_noun_is_a_candidate(kb: ActorKB) -> None:
    text = (
        "Peruvian President Tomas Varga visited a camp near Lima. A woman there said she had lost her home."
    )
    assert _code(_pronouns(text, kb), text, "she") == "CVL"  # the woman (a civilian), not the president
    text = "Peruvian President Tomas Varga visited a camp near Lima. A woman there said he had ignored them."
    assert _code(_pronouns(text, kb), text, "he") == "PERGOV"


@pytest.mark.model
def test_possessive_gives_gender(kb: ActorKB) -> None:
    text = "Chilean President Tomas Varga met his wife at the airport. She said the visit was long."
    assert _code(_pronouns(text, kb), text, "She") is None
    text = "Chilean President Tomas Varga met his wife at the airport. He said the visit was long."
    assert _code(_pronouns(text, kb), text, "He") == "CHLGOV"


@pytest.mark.model
def test_new_person_in_a_paragraph_blocks_older_antecedent(kb: ActorKB) -> None:
    text = "Chilean President Tomas Varga arrived on Monday.\n\nHe said the talks went well."
    assert _code(_pronouns(text, kb), text, "He") == "CHLGOV"
    text = (
        "Chilean President Tomas Varga arrived on Monday.\n\nSarah Jenkins, who runs a bakery in the "
        "capital, was not impressed. She said prices were too high."
    )
    assert _code(_pronouns(text, kb), text, "She") is None  # the baker, who has no code


@pytest.mark.model
def test_centering_prefers_the_main_subject(kb: ActorKB) -> None:
    text = (
        "Chilean President Tomas Varga said that Peruvian President Pieter Holm would visit soon. "
        "He also announced new tariffs."
    )
    assert _code(_pronouns(text, kb), text, "He") == "CHLGOV"


@pytest.mark.model
def test_first_person_inside_a_quote_is_the_speaker(kb: ActorKB) -> None:
    text = '"We trust Peruvian President Pieter Holm and I thank him," Chilean President Tomas Varga said.'
    got = _pronouns(text, kb)
    assert _code(got, text, "We") == "CHLGOV"
    assert _code(got, text, "I") == "CHLGOV"
    assert _code(got, text, "him") == "PERGOV"  # not the speaker
    text = "I think Chilean President Tomas Varga is right."
    assert _code(_pronouns(text, kb), text, "I") is None  # not inside a quote


@pytest.mark.model
def test_narrative_pronoun_skips_names_inside_quotes(kb: ActorKB) -> None:
    text = 'Chilean President Tomas Varga said: "Peruvian President Pieter Holm is a friend." He then left.'
    assert _code(_pronouns(text, kb), text, "He") == "CHLGOV"
