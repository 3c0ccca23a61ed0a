"""Namesakes, role phrases around names and names inside institution names (actors layer, no model)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.actors.builtin import builtin_entries
from newsevents.actors.entries import Entry
from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.stage import find_mentions
from newsevents.actors.tokens import key_of
from newsevents.document import Actor

DATE = dt.date(2019, 3, 1)
_WORD_RE = re.compile(r"\w+|[^\w\s]")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    """The built-in tables plus two invented office holders stored with a surname alias."""
    extra = [
        (key_of(n), Entry("person", "FRAGOV", "FRA", "GOV", "Rudolf Rassendyll"))
        for n in ("Rudolf Rassendyll", "Rassendyll")
    ] + [
        (key_of(n), Entry("person", "NGAGOV", "NGA", "GOV", "James Okonkwo"))
        for n in ("James Okonkwo", "Okonkwo")
    ]
    return ActorKB([*builtin_entries(), *extra], load_kb().countries)


def _doc(text: str, persons: tuple[str, ...] = ()) -> Doc:
    """A parse without a model: words and spacing from ``text``, PERSON entities where given."""
    found = list(_WORD_RE.finditer(text))
    words = [m.group() for m in found]
    spaces = [m.end() < len(text) and text[m.end()] == " " for m in found]
    ents = ["O"] * len(words)
    for name in persons:
        s = text.index(name)
        inside = [k for k, m in enumerate(found) if s <= m.start() < s + len(name)]
        for n, k in enumerate(inside):
            ents[k] = ("B-" if n == 0 else "I-") + "PERSON"
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, ents=ents)
    assert doc.text == text
    return doc


def _codes(mentions: list[Actor], kind: str = "person") -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in mentions if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Marta Rassendyll", None),  # another given name: someone else with that surname
        ("Omar al-Rassendyll", None),
        ("Rassendyll", "FRAGOV"),
        ("Mr Rassendyll", "FRAGOV"),
        ("Rudolf Rassendyll", "FRAGOV"),
        ("Jim Okonkwo", "NGAGOV"),  # a common English short form ("Jim" for "James")
        ("Ngozi Okonkwo", None),
        ("Marta Rassendyll, head of the Peruvian opposition", "PEROPP"),
    ],
)
def test_resolve_surname_with_another_given_name(kb: ActorKB, text: str, code: str | None) -> None:
    assert kb.resolve(text, DATE).code == code


def test_running_text_without_parse_drops_only_particle_names(kb: ActorKB) -> None:
    mentions = kb.text_mentions("Omar al-Rassendyll met Rassendyll. Voters Back Rassendyll.", DATE)
    assert _codes(mentions) == [("Rassendyll", "FRAGOV"), ("Rassendyll", "FRAGOV")]


def test_namesake_at_sentence_start_and_its_later_mentions(kb: ActorKB) -> None:
    text = "Marta Rassendyll, an aid worker, spoke to reporters. Rassendyll said the camp was full."
    mentions = find_mentions(text, kb, DATE, _doc(text, ("Marta Rassendyll",)))
    assert _codes(mentions) == [("Marta Rassendyll", "NGO"), ("Rassendyll", "NGO")]


def test_known_person_named_with_title_keeps_bare_surname(kb: ActorKB) -> None:
    text = "Marta Rassendyll met President Rassendyll. Rassendyll said the talks went well."
    mentions = find_mentions(text, kb, DATE, _doc(text, ("Marta Rassendyll",)))
    codes = _codes(mentions)
    assert ("Marta Rassendyll", None) in codes
    assert codes[-2:] == [("Rassendyll", "FRAGOV"), ("Rassendyll", "FRAGOV")]


def test_full_name_does_not_take_the_code_of_a_namesake_met_before(kb: ActorKB) -> None:
    text = (
        "The Peruvian finance minister, Lena Vossberg, arrived. Karl Vossberg, a teacher, said it was late."
    )
    doc = _doc(text, ("Lena Vossberg", "Karl Vossberg"))
    codes = _codes(find_mentions(text, kb, DATE, doc))
    assert codes == [("Lena Vossberg", "PERGOV"), ("Karl Vossberg", "EDU")]


def test_role_phrase_before_comma_and_name(kb: ActorKB) -> None:
    text = "Russia's ambassador to Peru, Ivan Petrovsky, said the talks failed."
    codes = _codes(find_mentions(text, kb, DATE, _doc(text, ("Ivan Petrovsky",))))
    assert codes == [("Ivan Petrovsky", "RUSGOV")]


def test_place_before_comma_gives_no_role(kb: ActorKB) -> None:
    text = "In Peru, Ivan Petrovsky said the talks failed."
    codes = _codes(find_mentions(text, kb, DATE, _doc(text, ("Ivan Petrovsky",))))
    assert codes == [("Ivan Petrovsky", None)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ana Ruiz, who is a minister at the Kremlin, said it was late.", "RUSGOV"),
        ("Ana Ruiz, head of the Peruvian opposition, said it was late.", "PEROPP"),
        ("Ana Ruiz, who was injured, said it was late.", None),
    ],
)
def test_appositive_role_with_preposition_or_relative_clause(
    kb: ActorKB, text: str, code: str | None
) -> None:
    codes = _codes(find_mentions(text, kb, DATE, _doc(text, ("Ana Ruiz",))))
    assert codes == [("Ana Ruiz", code)]


def test_appositive_that_introduces_the_next_name_is_not_the_previous_ones(kb: ActorKB) -> None:
    text = "As shells fell on Marlow, a Peruvian envoy, Ana Ruiz, left."
    codes = _codes(find_mentions(text, kb, DATE, _doc(text, ("Marlow", "Ana Ruiz"))))
    assert ("Marlow", None) in codes


def test_names_inside_institution_names(kb: ActorKB) -> None:
    text = "The Rassendyll Foundation paid for a plaque at the Empire State Building, Rassendyll said."
    mentions = find_mentions(text, kb, DATE, _doc(text))
    assert _codes(mentions) == [("Rassendyll", "FRAGOV")]
    assert ("Foundation", "NGO") in _codes(mentions, "agent")
    assert ("Rassendyll", "FRA") in _codes(mentions, "country")  # the foundation's country only
    assert not any(m.text == "State" for m in mentions)


def test_title_followed_by_a_name_is_no_anaphor(kb: ActorKB) -> None:
    text = (
        "The Peruvian foreign secretary, Lena Vossberg, arrived. "
        "She met the secretary general Ana Ruiz. The secretary said it was late."
    )
    mentions = find_mentions(text, kb, DATE, _doc(text, ("Lena Vossberg", "Ana Ruiz")))
    second = text.index("secretary general")
    assert not any(m.start == second and m.code == "PERGOV" for m in mentions)
    last = text.rindex("secretary")
    assert any(m.start == last and m.code == "PERGOV" for m in mentions)  # "The secretary": Vossberg


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the shadow home secretary", "OPP"),
        ("the home secretary", "GOV"),
        ("the campaign manager", "PTY"),
        ("the Peruvian foundation", "PERNGO"),
    ],
)
def test_role_words(kb: ActorKB, text: str, code: str) -> None:
    assert kb.resolve(text, DATE).code == code


def test_role_word_after_anti_or_pro_is_no_actor(kb: ActorKB) -> None:
    mentions = kb.text_mentions(
        "The ministry ended support for anti-regime rebels and pro-government militias."
    )
    assert [(m.text, m.code) for m in mentions] == [
        ("ministry", "GOV"),
        ("rebels", "REB"),
        ("militias", "UAF"),
    ]
    assert [m.text for m in kb.text_mentions("The regime and the government met.")] == [
        "regime",
        "government",
    ]
