"""The ``actors`` stage: mentions with offsets, persons introduced by roles, metonymy and pronouns."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.span import actor_for_span
from newsevents.actors.stage import find_actors, find_mentions
from newsevents.document import Actor, Article, Document
from newsevents.pipeline import Resources

DATE = dt.date(2019, 3, 1)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def _parsed(words: list[str], heads: list[int], deps: list[str], ents: list[str]) -> Doc:
    """A hand-built parse (no model): words are separated by single spaces."""
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, ents=ents)


def _by_text(mentions: list[Actor]) -> dict[str, Actor]:
    return {m.text: m for m in mentions}


def test_lexicon_mentions_without_parse(kb: ActorKB) -> None:
    text = "Chilean rebels met UN envoys and the Kremlin in Geneva."
    mentions = find_mentions(text, kb, DATE)
    got = [(m.text, m.code, m.kind) for m in mentions]
    assert got == [
        ("Chilean", "CHL", "country"),
        ("rebels", "REB", "agent"),
        ("UN", "IGOUNO", "igo"),
        ("envoys", "GOV", "agent"),
        ("Kremlin", "RUSGOV", "org"),
        ("Geneva", "CHE", "country"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    rebels = actor_for_span(mentions, 0, len("Chilean rebels"))
    assert rebels is not None and rebels.code == "CHLREB"


def test_person_introduced_by_role_keeps_code(kb: ActorKB) -> None:
    # "Ruritanian Prime Minister Rudolf Rassendyll arrived . Rassendyll said he would stay ."
    words = ["Ruritanian", "Prime", "Minister", "Rudolf", "Rassendyll", "arrived", ".",
             "Rassendyll", "said", "he", "would", "stay", "."]  # fmt: skip
    heads = [4, 2, 4, 4, 5, 5, 5, 8, 8, 11, 11, 8, 8]
    deps = ["amod", "compound", "compound", "compound", "nsubj", "ROOT", "punct",
            "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]  # fmt: skip
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O", "O", "O"]
    sdoc = _parsed(words, heads, deps, ents)
    text = sdoc.text
    mentions = find_mentions(text, kb, DATE, sdoc)
    persons = [m for m in mentions if m.kind == "person"]
    # Ruritania is not a country we know: the role still gives the sector
    assert [(p.text, p.code) for p in persons] == [
        ("Rudolf Rassendyll", "GOV"),
        ("Rassendyll", "GOV"),
        ("he", "GOV"),
    ]


def test_known_country_role_and_pronoun(kb: ActorKB) -> None:
    # "Peruvian Foreign Minister Ana Quispe visited Lima . Quispe said she was pleased ."
    words = ["Peruvian", "Foreign", "Minister", "Ana", "Quispe", "visited", "Lima", ".",
             "Quispe", "said", "she", "was", "pleased", "."]  # fmt: skip
    heads = [2, 2, 4, 4, 5, 5, 5, 5, 9, 9, 11, 9, 11, 9]
    deps = ["amod", "compound", "compound", "compound", "nsubj", "ROOT", "dobj", "punct",
            "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"]  # fmt: skip
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O"]
    sdoc = _parsed(words, heads, deps, ents)
    mentions = find_mentions(sdoc.text, kb, DATE, sdoc)
    persons = [(m.text, m.code) for m in mentions if m.kind == "person"]
    assert persons == [("Ana Quispe", "PERGOV"), ("Quispe", "PERGOV"), ("she", "PERGOV")]
    phrase = actor_for_span(mentions, 0, len("Peruvian Foreign Minister Ana Quispe"), head_start=22)
    assert phrase is not None and phrase.code == "PERGOV"


def test_capital_is_government_as_subject_and_country_as_place(kb: ActorKB) -> None:
    # "Ankara warned Athens . Talks were held in Ankara ."
    words = ["Ankara", "warned", "Athens", ".", "Talks", "were", "held", "in", "Ankara", "."]
    heads = [1, 1, 1, 1, 6, 6, 6, 6, 7, 6]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"]
    sdoc = _parsed(words, heads, deps, ["O"] * len(words))
    mentions = find_mentions(sdoc.text, kb, DATE, sdoc)
    assert [(m.text, m.code) for m in mentions] == [
        ("Ankara", "TURGOV"),
        ("Athens", "GRCGOV"),
        ("Ankara", "TUR"),
    ]


def test_stage_sets_sorted_mentions(kb: ActorKB) -> None:
    text = "Japanese police arrested two Vietnamese smugglers."
    article = Article(article_id="t1", text=text, content_hash="x", published=DATE)
    doc = Document(article=article, clean_text=text)
    out = find_actors(doc, Resources(actor_kb=kb))
    assert [(m.text, m.code) for m in out.mentions] == [
        ("Japanese", "JPN"),
        ("police", "COP"),
        ("Vietnamese", "VNM"),
        ("smugglers", "CRM"),
    ]
    assert [m.start for m in out.mentions] == sorted(m.start for m in out.mentions)


ARTICLE = (
    "Mexican President Andres Manuel Lopez Obrador met Guatemalan Foreign Minister Mario Bucaro in "
    "Mexico City on Monday.\n\nLopez Obrador said the two governments would work together on migration. "
    "Bucaro thanked Mexico for its help, and he invited Mexican officials to Guatemala City.\n\n"
    "Washington welcomed the talks, a State Department spokesman said."
)


@pytest.mark.model
def test_stage_on_a_parsed_article(kb: ActorKB) -> None:
    from newsevents.nlp import load_model

    nlp = load_model()
    article = Article(article_id="m1", text=ARTICLE, content_hash="y", published=dt.date(2022, 5, 9))
    doc = Document(article=article, clean_text=ARTICLE, spacy_doc=nlp(ARTICLE))
    mentions = find_actors(doc, Resources(actor_kb=kb)).mentions
    for m in mentions:
        assert ARTICLE[m.start : m.end] == m.text
    codes = [(m.text, m.code) for m in mentions]
    assert ("Andres Manuel Lopez Obrador", "MEXGOV") in codes
    assert ("Lopez Obrador", "MEXGOV") in codes
    bucaro = [c for t, c in codes if t == "Bucaro"]
    assert bucaro and set(bucaro) == {"GTMGOV"}
    assert ("Washington", "USAGOV") in codes
    assert ("he", "GTMGOV") in codes  # "Bucaro thanked Mexico ..., and he invited"
    by_text = _by_text(mentions)
    assert by_text["Mexico City"].code == "MEX"  # the place of the meeting, not an actor's government
