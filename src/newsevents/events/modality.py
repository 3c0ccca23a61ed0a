"""The modality of an event trigger: asserted, negated, hypothetical or future.

Rules (first that applies wins):

- **negated**: the trigger has a ``neg`` child ("did not meet"), a "never"/"no longer" modifier or an object
  determined by "no" ("offered no concessions").
- **hypothetical**: a conditional clause ("if", "unless", "whether" as the trigger's ``mark``), a modal of
  possibility ("would", "could", "might", "may", "should", "must"), or a question (the sentence ends in "?"
  and the trigger is its root). "would" inside a reported clause ("he said they would meet") is the future
  of the past and counts as **future**.
  So is the "to"/"-ing" complement of a verb or adjective that only favours or weighs it ("favored imposing
  tariffs", "is likely to attack", "too early to discuss").
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
    "HYPOTHETICAL_GOVERNORS",
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
# governors whose "to"/"-ing" complement is only favoured, proposed or judged likely, not done ("favored
# imposing tariffs", "proposed to send troops", "is likely to say")
HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "favor", "favour", "propose", "suggest", "recommend", "advocate", "prefer", "like", "love", "need",
        "consider", "contemplate", "likely", "unlikely", "unable", "supposed", "deserve", "have",
    }
)  # fmt: skip
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
    """A ``neg`` child, "never"/"no", "no longer"/"no more", or an object with "no" ("offered no deal")."""
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("advmod", "det") and c.text.lower() in _NEG_WORDS:
            return True
        if (
            c.dep_ == "advmod"
            and c.lower_ in ("longer", "more")
            and any(g.lower_ == "no" for g in c.children)
        ):
            return True
        if c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True
    return False


def is_reported(tok: Token) -> bool:
    """True when ``tok`` heads a clause reported by a speech or belief verb ("said they would meet")."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING_VERBS


def _has_to(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _governor(tok: Token) -> Token | None:
    """The verb/adjective whose "to"-complement ``tok`` is (following conjunctions): "plans to visit",
    "expects X to visit"."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.head is not head and (head.dep_ == "xcomp" or (head.dep_ == "ccomp" and _has_to(head))):
        return head.head
    return None


def _for_to(tok: Token) -> bool:
    """A "for X to do" clause ("called for officials to allow aid in"): wished for, not done; but "it
    took years for X to do" happened."""
    if not _has_to(tok) or tok.head.lemma_.lower() == "take":
        return False
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)


def _purpose_of(tok: Token) -> Token | None:
    """The verb whose "to"-purpose clause ``tok`` heads ("went to Syria to attack X"), else None."""
    if tok.dep_ == "advcl" and _has_to(tok) and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def _too_to(gov: Token) -> bool:
    """ "too early to discuss", "too late to stop": the complement does not happen."""
    return any(c.dep_ == "advmod" and c.lower_ == "too" for c in gov.children)


def modality_of(tok: Token) -> str:
    """The modality of the event triggered by ``tok`` (see module docs)."""
    if is_negated(tok) or (tok.dep_ == "acomp" and is_negated(tok.head)):  # "is not willing to"
        return NEGATED
    aux = _aux_lemmas(tok)
    head = tok
    while head.dep_ == "conj" and head.head is not head and not aux:
        head = head.head
        aux = _aux_lemmas(head)
    if any(c.dep_ == "mark" and c.text.lower() in _CONDITIONAL_MARKS for c in head.children) or _for_to(head):
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
        if lemma in HYPOTHETICAL_GOVERNORS or _too_to(gov):
            return HYPOTHETICAL
        if _aux_lemmas(gov) & _FUTURE_AUX:
            return FUTURE
        gov = _governor(gov)
    sent = tok.sent
    if tok.dep_ == "ROOT" and sent.text.rstrip().endswith("?"):
        return HYPOTHETICAL
    purpose = _purpose_of(head)
    if purpose is not None:  # the purpose of a planned or supposed act is no more real than the act
        outer = modality_of(purpose)
        if outer in (FUTURE, HYPOTHETICAL):
            return outer
    return ASSERTED
