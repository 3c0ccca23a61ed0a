"""Modality of triggers on hand-built parses (no model)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.events.modality import modality_of


def _doc(rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """rows: (word, lemma, pos, head index, dep)."""
    words = [r[0] for r in rows]
    return Doc(
        Vocab(),
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
    )


def test_asserted() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 1, "nsubj"), ("visited", "visit", "VERB", 1, "ROOT"),
              ("Lima", "Lima", "PROPN", 1, "dobj"), (".", ".", "PUNCT", 1, "punct")])  # fmt: skip
    assert modality_of(d[1]) == "asserted"


def test_negated() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 3, "nsubj"), ("did", "do", "AUX", 3, "aux"),
              ("not", "not", "PART", 3, "neg"), ("meet", "meet", "VERB", 3, "ROOT"),
              ("Lima", "Lima", "PROPN", 3, "dobj")])  # fmt: skip
    assert modality_of(d[3]) == "negated"


def test_never_is_negation() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 2, "nsubj"), ("never", "never", "ADV", 2, "neg"),
              ("attacked", "attack", "VERB", 2, "ROOT"), ("Lima", "Lima", "PROPN", 2, "dobj")])  # fmt: skip
    assert modality_of(d[2]) == "negated"


def test_future_will() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 2, "nsubj"), ("will", "will", "AUX", 2, "aux"),
              ("visit", "visit", "VERB", 2, "ROOT"), ("Lima", "Lima", "PROPN", 2, "dobj")])  # fmt: skip
    assert modality_of(d[2]) == "future"


def test_future_plans_to() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 1, "nsubj"), ("plans", "plan", "VERB", 1, "ROOT"),
              ("to", "to", "PART", 3, "aux"), ("visit", "visit", "VERB", 1, "xcomp"),
              ("Lima", "Lima", "PROPN", 3, "dobj")])  # fmt: skip
    assert modality_of(d[3]) == "future"


def test_conditional_if() -> None:
    d = _doc([("if", "if", "SCONJ", 2, "mark"), ("Oslo", "Oslo", "PROPN", 2, "nsubj"),
              ("attacks", "attack", "VERB", 2, "ROOT"), ("Lima", "Lima", "PROPN", 2, "dobj")])  # fmt: skip
    assert modality_of(d[2]) == "hypothetical"


def test_could_is_hypothetical() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 2, "nsubj"), ("could", "could", "AUX", 2, "aux"),
              ("attack", "attack", "VERB", 2, "ROOT"), ("Lima", "Lima", "PROPN", 2, "dobj")])  # fmt: skip
    assert modality_of(d[2]) == "hypothetical"


def test_would_in_reported_clause_is_future() -> None:
    d = _doc([("Oslo", "Oslo", "PROPN", 1, "nsubj"), ("said", "say", "VERB", 1, "ROOT"),
              ("it", "it", "PRON", 4, "nsubj"), ("would", "would", "AUX", 4, "aux"),
              ("visit", "visit", "VERB", 1, "ccomp"), ("Lima", "Lima", "PROPN", 4, "dobj")])  # fmt: skip
    assert modality_of(d[4]) == "future"


def test_question_is_hypothetical() -> None:
    d = _doc([("Will", "will", "AUX", 2, "aux"), ("Oslo", "Oslo", "PROPN", 2, "nsubj"),
              ("attack", "attack", "VERB", 2, "ROOT"), ("?", "?", "PUNCT", 2, "punct")])  # fmt: skip
    # "will" makes it future unless the sentence is a question; a question wins only without "will"
    assert modality_of(d[2]) in ("future", "hypothetical")
    d2 = _doc([("Did", "do", "AUX", 2, "aux"), ("Oslo", "Oslo", "PROPN", 2, "nsubj"),
               ("attack", "attack", "VERB", 2, "ROOT"), ("?", "?", "PUNCT", 2, "punct")])  # fmt: skip
    assert modality_of(d2[2]) == "hypothetical"
