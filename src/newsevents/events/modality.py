"""The modality of an event trigger: asserted, negated, hypothetical or future.

Rules (first that applies wins):

- **negated**: the trigger has a ``neg`` child ("did not meet") or a "never"/"no longer" modifier.
- **hypothetical**: a conditional clause ("if", "unless", "whether" as the trigger's ``mark``), a modal of
  possibility ("would", "could", "might", "may", "should", "must"), or a question (the sentence ends in "?"
  and the trigger is its root). "would" inside a reported clause ("he said they would meet") is the future
  of the past and counts as **future**.
- **future**: "will"/"shall"/"'ll", "going to", or the trigger is the "to"-complement of a plan/intent
  governor ("plans to visit", "is to visit", "is set to", "is about to", "decided to"), also further up a
  chain of complements ("prepared to resume shelling", "will try to reach").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ASSERTED",
    "FUTURE",
    "FUTURE_GOVERNORS",
    "HYPOTHETICAL",
    "MODALITIES",
    "NEGATED",
    "REPORTING_VERBS",
    "modality_of",
]

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE = "asserted", "negated", "hypothetical", "future"
MODALITIES = (ASSERTED, NEGATED, HYPOTHETICAL, FUTURE)

_NEG_WORDS = frozenset({"never", "not", "n't", "no"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_POSSIBLE_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "intend",
        "aim",
        "expect",
        "prepare",
        "decide",
        "resolve",
        "schedule",
        "set",
        "due",
        "go",  # "going to"
        "about",  # "is about to"
        "be",  # "is to visit"
        "hope",
        "want",
        "wish",
    }
)
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "state", "announce", "declare", "add", "report", "note", "stress", "confirm",
        "reiterate", "insist", "write", "explain", "claim", "assert", "reply", "respond", "conclude",
        "believe", "think", "know", "expect", "warn", "indicate", "suggest", "acknowledge", "admit",
    }
)  # fmt: skip


def _aux_lemmas(tok: Token) -> set[str]:
    return {
        c.text.lower() if c.text.lower() in ("'ll", "'d", "wo") else c.lemma_.lower()
        for c in tok.children
        if c.dep_ == "aux"
    }


def is_negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("advmod", "det") and c.text.lower() in _NEG_WORDS:
            return True
    return False


def is_reported(tok: Token) -> bool:
    """True when ``tok`` heads a clause reported by a speech or belief verb ("said they would meet")."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING_VERBS


def _governor(tok: Token) -> Token | None:
    """The verb/adjective whose "to"-complement ``tok`` is (following conjunctions)."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ == "xcomp" and head.head is not head:
        return head.head
    return None


def modality_of(tok: Token) -> str:
    """The modality of the event triggered by ``tok`` (see module docs)."""
    if is_negated(tok):
        return NEGATED
    aux = _aux_lemmas(tok)
    head = tok
    while head.dep_ == "conj" and head.head is not head and not aux:
        head = head.head
        aux = _aux_lemmas(head)
    if any(c.dep_ == "mark" and c.text.lower() in _CONDITIONAL_MARKS for c in head.children):
        return HYPOTHETICAL
    if aux & _FUTURE_AUX:
        return FUTURE
    if aux & _POSSIBLE_AUX:
        if ("would" in aux or "'d" in aux) and is_reported(head):
            return FUTURE
        return HYPOTHETICAL
    gov = _governor(head)
    for _ in range(3):  # up the "to"-complement chain: "prepared to resume shelling"
        if gov is None:
            break
        lemma = gov.lemma_.lower()
        if lemma in FUTURE_GOVERNORS and not (lemma == "go" and gov.tag_ != "VBG"):
            return FUTURE
        if _aux_lemmas(gov) & _FUTURE_AUX:
            return FUTURE
        gov = _governor(gov)
    sent = tok.sent
    if tok.dep_ == "ROOT" and sent.text.rstrip().endswith("?"):
        return HYPOTHETICAL
    return ASSERTED
