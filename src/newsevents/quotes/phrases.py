"""Multi-word cues: a verb with a particle ("lay out", "shoot back", "go after") or a light verb with its
noun ("make the case", "take aim at", "sound the alarm", "raise concerns"), matched on the parse.

A phrase of the lexicon is its verb lemma and the lemmas of the words the verb governs (directly or
through one word: "took *aim* at"); determiners and modifiers in between do not matter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["match_phrase", "phrase_roots"]

# prepositions whose object is what a phrasal cue is about or aimed at ("went after X", "weighed in on X")
_CONTENT_PREPS = frozenset(
    {"about", "on", "over", "at", "against", "for", "of", "with", "after", "from", "to", "that", "behind"}
)
_CLAUSES = frozenset({"ccomp", "xcomp", "acl", "oprd"})
# who a phrasal cue is addressed to rather than what it is about ("shot back at reporters")
_AUDIENCE = frozenset({"reporter", "journalist", "audience", "crowd", "interviewer", "host", "press"})
_TIMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})
_MAX_REACH = 6  # tokens between the verb and a word of its phrase


def match_phrase(tok: Token, lemma: str, lex: CueLexicon) -> tuple[str, list[Token]] | None:
    """The kind of the longest phrase of verb ``tok`` (lemma ``lemma``) and its other words, or None."""
    entries = lex.phrases.get(lemma)
    if not entries:
        return None
    near: dict[str, Token] = {}
    for c in tok.children:
        if tok.i < c.i <= tok.i + _MAX_REACH:
            near.setdefault(c.lemma_.lower(), c)
            for g in c.children:
                if tok.i < g.i <= tok.i + _MAX_REACH:
                    near.setdefault(g.lemma_.lower(), g)
    for words, kind in entries:
        if all(w in near for w in words):
            return kind, [near[w] for w in words]
    return None


def phrase_roots(tok: Token, parts: list[Token]) -> list[Token]:
    """The content of phrasal cue ``tok`` + ``parts``: a clause of the verb or of its noun ("made the case
    that ..."), an object the phrase does not use ("laid out a plan"), the object of a preposition of the
    phrase ("took aim at X", "went after X", "raised concerns about X")."""
    own = {tok.i, *(p.i for p in parts)}
    roots: list[Token] = []
    for h in (tok, *parts):
        for c in h.children:
            if c.i in own or c.i < tok.i:
                continue
            that_clause = c.dep_ == "advcl" and any(g.lower_ == "that" for g in c.children)
            if (
                c.dep_ in _CLAUSES
                or that_clause
                or (c.dep_ in ("dobj", "attr") and h.i == tok.i and _content_like(c))
            ):
                roots.append(c)
            elif c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS:
                roots.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp") and _content_like(g))
            elif c.dep_ in ("pobj", "pcomp") and h.i in own and h.i != tok.i and _content_like(c):
                roots.append(c)  # the phrase's own preposition: "went after X"
    return sorted(roots, key=lambda t: t.i)


def _content_like(t: Token) -> bool:
    return t.lemma_.lower() not in _AUDIENCE and t.ent_type_ not in _TIMES
