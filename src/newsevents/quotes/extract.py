"""Find attributions in a parsed document: cue, speaker token and content span.

Three sources, all on the spaCy parse of ``clean_text`` (same offsets as the article text):

- **verb cues** (``said``, ``told``, ``warned`` ...): the content is the clausal complement (``ccomp``),
  for ``object`` cues also the object or prepositional complement ("called for talks"); the speaker is the
  subject, climbing through participles ("..., adding that ...") and relative clauses ("X, who said ...");
- **according to X**: the speaker is X, the content the clause it modifies;
- **cue nouns** with a *that* clause ("expressed his belief that ...");
- **phrasal cues** (:mod:`.phrases`: "laid out a plan", "took aim at X", "made the case that ...");
- **occasions** of a plain verb ("In a statement, the firm apologized for ...").

Quoted spans (:mod:`.marks`) that such a content overlaps are taken in whole (mixed and direct quotes
with their marks); quotes left over are attributed to a cue verb next to them (``"...," said KCNA``;
``He said: "..."``), or continue the attributed quote before them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import doc_text, token_starts
from .cues import CueLexicon
from .marks import QuoteSpan, paragraphs
from .phrases import match_phrase, phrase_roots

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Attribution", "find_attributions"]

_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_CLIMB = frozenset(
    {"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "dobj", "pobj", "npadvmod", "acomp"}
)
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd", "ccomp", "attr"})
_OBJECT_PREPS = frozenset({"for", "on", "as", "about", "of", "that"})
_TRAIL = frozenset({",", ".", ";", ":", "-", "--", "—", "–", "and", "but", "or", "(", "["})
_LEAD = frozenset({",", ";", ":", "-", "--", "—", "–", ")", "]"})
_SPEAKER_RIGHT = frozenset({"compound", "flat", "appos", "nmod"})
_ABOUT_PREPS = frozenset({"about", "on", "of", "for", "to", "against", "over"})
_CONTENT_PRONOUNS = frozenset(
    {"it", "this", "that", "what", "which", "these", "those", "something", "nothing", "so"}
)
_AUDIENCE = frozenset(
    [
        "reporter",
        "journalist",
        "audience",
        "crowd",
        "supporter",
        "listener",
        "viewer",
        "reader",
        "press",
        "interviewer",
        "host",
        "anchor",
        "student",
        "worker",
        "voter",
        "member",
        "delegate",
        "donor",
        "people",
    ]
)
# verbs whose "to" phrase is what they answer or point at, not an addressee ("responded to the report")
_TO_CONTENT = frozenset(
    {"respond", "reply", "react", "point", "refer", "object", "allude", "agree", "testify"}
)
# entity types of a time, place or amount phrase, never the content ("spoke on Friday", "posted on Twitter")
_CIRCUMSTANCE = frozenset(
    {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "ORG", "MONEY", "PERCENT"}
)
# what can be the source of a clause introduced by "in" ("In the latest survey, ...")
_DOCUMENTS = frozenset(
    [
        "poll",
        "survey",
        "study",
        "report",
        "analysis",
        "memo",
        "document",
        "letter",
        "filing",
        "video",
        "ad",
        "advertisement",
        "book",
        "article",
        "column",
        "op-ed",
        "editorial",
        "essay",
        "tweet",
        "post",
        "census",
        "data",
        "ruling",
        "complaint",
        "lawsuit",
        "indictment",
        "transcript",
        "footage",
        "commercial",
    ]
)
# what a speaker says things in ("In a statement, the party ..."), never the source itself
_SPEECH_EVENTS = frozenset(
    {"statement", "interview", "speech", "remark", "address", "briefing", "testimony", "appearance", "op-ed"}
)
_NOUN_PREPS = frozenset({"for", "of", "about", "on", "against", "over", "to"})
_ADJECTIVE_PREPS = frozenset({"of", "about", "that", "over", "with", "in", "on", "toward", "towards"})
# adverbs that mark their clause as reported without naming a source ("the deal was reportedly signed")
_HEARSAY = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "ostensibly"})
_CLOSERS = frozenset({'"', "”", "’", "''", "'"})
_OPENERS = frozenset({'"', "“", "``", "'"})
_LEMMA_FIXES = {"hop": "hope"}
_CONTRACTED_S = frozenset({"'s", "’s"})
# words :func:`_from_token` tests by form, whatever their part of speech
_FORM_CUES = ("according", "in", *sorted(_HEARSAY))
# verbs of talking whose content is only their topic ("spoke about", "talked of")
_TOPIC_VERBS = frozenset({"speak", "talk"})
# verbs whose subject, not their object, is the source of what the infinitive after the object says: a
# promise ("promised him to"), an object that is a means to an end ("used the speech to attack", "had this to
# say", "emailed him to thank him"), rules that oblige someone ("the rules require delegates to vote")
_SUBJECT_CONTROL = frozenset(
    [
        "promise",
        "vow",
        "pledge",
        "offer",
        "use",
        "have",
        "take",
        "spend",
        "need",
        "do",
        "email",
        "write",
        "call",
        "require",
        "oblige",
        "obligate",
        "empower",
        "allow",
        "permit",
        "enable",
        "authorize",
        "compel",
    ]
)
_QUANTITIES = frozenset({"little", "much", "more", "less", "everything", "anything", "enough", "all"})
# evidence verbs: their object is what the source found or shows, a person too ("polls show Smith ahead")
_EVIDENCE = frozenset({"show", "find", "indicate", "suggest", "reveal"})
_NAMING = frozenset({"call", "name", "dub", "title", "entitle", "nickname", "label"})
_CONTRAST = frozenset({"but", "while", "although", "though", "whereas", "yet"})
_MAX_GAP = 80  # characters between a quote and a cue verb next to it


@dataclass
class Attribution:
    """One attribution before speaker resolution. Offsets are character offsets."""

    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: int | None = None
    # verb[-dep of the content root] | paren | according | document | hearsay | seem | noun[-prep] | agent
    # | direct | continuation | colon
    via: str = "verb"
    # the phrase that codes the speaker when the speaker is a relative pronoun ("X, who said ...")
    referent: tuple[int, int, int] | None = None

    @property
    def content(self) -> tuple[int, int]:
        return self.content_start, self.content_end


def find_attributions(
    sdoc: Doc, text: str, quotes: Sequence[QuoteSpan], lex: CueLexicon
) -> list[Attribution]:
    """All attributions of ``sdoc`` (parsed ``text``), sorted by content start; ``quotes`` from marks."""
    paras = list(paragraphs(text))
    para_starts = [p[0] for p in paras]
    found: list[Attribution] = []
    for i in _cue_candidates(sdoc, lex):
        att = _from_token(sdoc[i], lex, quotes, paras, para_starts)
        if att is not None:
            found.append(att)
    found.extend(_colon_lines(sdoc, text, paras, quotes))
    found = _dedup(_after_colon(sdoc, text, paras, quotes, lex, found))
    found.extend(_direct(sdoc, text, quotes, found, lex, paras, para_starts))
    found.sort(key=lambda a: (a.content_start, a.cue_start))
    return _outermost(_dedup(found))


def _outermost(atts: list[Attribution]) -> list[Attribution]:
    """Drop attributions nested in another one's content, cue and all ("X said Y claimed Z" is one
    attribution, by X): the reported report is part of what X said. A cue inside a longer content is
    dropped also when its own content runs past that content (a parse that cut the outer one short)."""
    return [
        a
        for a in atts
        if not any(
            b.content_start <= a.cue_start < b.content_end
            and not b.content_start <= a.content_start < a.content_end <= b.content_end
            and b.content != a.content
            and not a.content_start <= b.cue_start < a.content_end
            and b.content_end - b.content_start > a.content_end - a.content_start
            for b in atts
        )
        and not any(
            b.content_start <= a.content_start
            and a.content_end <= b.content_end
            and b.content_start <= a.cue_start < b.content_end
            and b.content != a.content
            for b in atts
        )
    ]


def _dedup(atts: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a in atts:
        if a.content in seen or a.content_end <= a.content_start:
            continue
        seen.add(a.content)
        out.append(a)
    return out


# --- cues found in the parse ----------------------------------------------------------------------------


def _cue_candidates(sdoc: Doc, lex: CueLexicon) -> list[int]:
    """Indexes of the tokens :func:`_from_token` may make a cue of (it returns None for all others), read
    from spaCy's token arrays rather than a ``Token`` per word: the words it tests by form, and nouns,
    adjectives and verbs whose lemma is in the lexicon."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.symbols import ADJ, AUX, NOUN, VERB

    if not len(sdoc):
        return []
    strings = sdoc.vocab.strings
    arr = sdoc.to_array([LOWER, POS, LEMMA])
    lemmas = lex.lemmas | _LEMMA_FIXES.keys()
    open_class = np.isin(arr[:, 1], [NOUN, ADJ, VERB, AUX])
    known = [h for h in np.unique(arr[open_class, 2]).tolist() if strings[h].lower() in lemmas]
    forms = np.array([strings[w] for w in _FORM_CUES], dtype=np.uint64)
    mask = np.isin(arr[:, 0], forms) | (open_class & np.isin(arr[:, 2], np.array(known, dtype=np.uint64)))
    return [int(i) for i in mask.nonzero()[0].tolist()]


def _from_token(
    tok: Token,
    lex: CueLexicon,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> Attribution | None:
    lower = tok.lower_
    if lower == "according":
        return _according(tok, quotes, paras, para_starts)
    if lower in _HEARSAY and tok.head.pos_ in ("VERB", "AUX") and not _in_quote(tok.idx, quotes):
        head = tok.head
        span = _trim_tokens(tok.doc, head.left_edge.i, head.right_edge.i)
        if span is None:
            return None
        start, end = _fit(span, tok.idx, quotes, paras, para_starts)
        return Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="hearsay")
    if lower == "in" and tok.dep_ == "prep":
        return _in_document(tok, lex, quotes, paras, para_starts)
    pos = tok.pos_
    if pos == "NOUN":
        if _in_quote(tok.idx, quotes):
            return None
        if tok.lemma_.lower() in lex.nouns:
            return _noun_cue(tok, quotes, paras, para_starts)
        if tok.lemma_.lower() in lex.agents:
            return _agent_noun(tok, quotes, paras, para_starts)
        return None
    if pos == "ADJ":
        if tok.lemma_.lower() in lex.adjectives and tok.dep_ in ("acomp", "amod", "oprd", "conj"):
            return _adjective_cue(tok, lex, quotes, paras, para_starts)
        return None
    if pos not in ("VERB", "AUX"):
        return None
    lemma = verb_lemma(tok)
    phrase = match_phrase(tok, lemma, lex)
    kind = phrase[0] if phrase is not None else lex.verb_kind(lemma)
    if kind is None or _discourse_marker(tok) or _not_reported(tok):
        return None
    if kind == "seem":
        return _evidential(tok, lex, quotes, paras, para_starts)
    roots = phrase_roots(tok, phrase[1]) if phrase is not None else _arguments(tok, kind)
    passive = _is_passive(tok)
    paren = as_clause = False
    if roots:
        if len(roots) > 1 and roots[0].i < tok.i < roots[-1].i:
            roots = [r for r in roots if r.i > tok.i]
        if verb_lemma(tok) in _TOPIC_VERBS:  # "spoke about the wall", not "spoke on Monday" / "spoke Spanish"
            roots = [r for r in roots if r.dep_ != "prep" or r.lower_ in ("about", "of")]
            if not any(r.dep_ == "prep" for r in roots):
                return None
        span = _content_span(roots, tok, lex)
    elif phrase is None and kind in ("speech", "belief") and (as_span := _as_clause(tok)) is not None:
        span = as_span  # "As the senator pointed out, the rulings ..."
        as_clause = True
    elif kind == "speech" or (kind == "belief" and tok.dep_ in ("parataxis", "ROOT")):
        span = _around(tok)  # "The plan, he said, ..."; "The plan, they think, ..."
        paren = span is not None and span[0] < tok.idx < span[1]
    else:
        return None
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    if end <= start:
        return None
    subj = _agent(tok) if passive else _unclosed_apposition(subject_of(tok, lex), tok)
    if subj is not None and subj.i > tok.i and "\n" in doc_text(tok.doc)[tok.idx : subj.idx]:
        subj = None  # the parse ran the cue's clause into a later paragraph and took a subject from there
    if kind == "speech" and end <= tok.idx and (subj is None or start <= subj.idx < end):
        subj = _inverted_subject(tok)
    if subj is not None and _in_quote(subj.idx, quotes) and not _in_quote(tok.idx, quotes):
        # the parse took a word of the quotation for the speaker: '"My friends, ...," the senator said'
        before = [
            q
            for q in quotes
            if q.end <= tok.idx and q.mark == '"' and "\n" not in doc_text(tok.doc)[q.end : tok.idx]
        ]
        subj = _between_quote(tok, before[-1].end) if before else None
        subj = subj or _inverted_subject(tok) or _nearest_subject(tok, quotes)
    if subj is None and not passive:
        subj = _initial_name(tok) or _phrase_before(tok) or _nearest_subject(tok, quotes)
    if _in_quote(tok.idx, quotes) and (kind != "speech" or subj is None or subj.lower_ in _FIRST_SECOND):
        return None  # "I think ..." inside a quotation is the quote, not another attribution
    if subj is not None and subj.lower_ == "you" and kind != "speech":
        return None  # "if you read between the lines", "you know": the generic reader, not a source
    via = "paren" if paren else "as" if as_clause else ("verb-" + roots[0].dep_ if roots else "verb")
    cue_end = tok.idx + len(tok.text)
    if phrase is not None:
        via = "phrase-" + via
        cue_end = max([cue_end, *(p.idx + len(p.text) for p in phrase[1] if p.idx < start or p.idx >= end)])
    att = Attribution(tok.idx, cue_end, start, end, via=via)
    _set_speaker(att, subj, inside_ok=paren)
    return att


def _discourse_marker(tok: Token) -> bool:
    """A connective opening a sentence ("That said, ...", "That being said, ..."), not a report."""
    doc, i = tok.doc, tok.i
    if i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    j = i - 1 if i >= 1 and doc[i - 1].lower_ != "being" else i - 2
    return j >= 0 and doc[j].lower_ in ("that", "this") and bool(doc[j].is_sent_start)


def _not_reported(tok: Token) -> bool:
    """Cue verbs in a sense that reports nothing: "is supposed to" (an expectation), "was charged with"
    (an indictment), "a group called X" / "a man named Y" (a name, not a report)."""
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.lemma_.lower() in _NAMING:
        return True
    return (tok.lower_ == "supposed" and nxt == "to") or (tok.lower_ == "charged" and _is_passive(tok))


def verb_lemma(tok: Token) -> str:
    """The lemma of a verb token, repairing the small model's misreadings ("hoped" -> "hop")."""
    return _fixed_lemma(tok.lower_, tok.lemma_.lower())


def _fixed_lemma(lower: str, lemma: str) -> str:
    return _LEMMA_FIXES.get(lemma, lemma) if lower.startswith(lemma) else lemma


def _evidential(
    tok: Token,
    lex: CueLexicon,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> Attribution | None:
    """ "X seems to ...", "it appears likely that ...": an impression without a named source (unless one
    is given: "to many voters it seemed ..."); the content is the subject and the complement."""
    comp = [
        c
        for c in tok.children
        if c.i > tok.i
        and (c.dep_ in ("xcomp", "acomp", "ccomp", "oprd", "attr") or c.lower_ in ("like", "as"))
    ]
    if not comp or _in_quote(tok.idx, quotes):
        return None
    subj = next((c for c in tok.children if c.dep_ in _SUBJ and c.i < tok.i), None)
    holder = (
        subj is not None
        and _animate(subj)
        and any(c.dep_ == "xcomp" and lex.verb_kind(verb_lemma(c)) not in (None, "seem") for c in comp)
    )
    left = (
        subj.left_edge.i
        if subj is not None and not holder and subj.lower_ not in ("it", "there")
        else comp[0].left_edge.i
    )
    span = _trim_tokens(tok.doc, left, max(c.right_edge.i for c in comp))
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="seem")
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if to is not None:
        _set_speaker(att, next((g for g in to.children if g.dep_ == "pobj"), None))
    elif holder:  # "the voters seem to care more about ...": the impression is theirs
        _set_speaker(att, subj)
    return att


def _animate(tok: Token) -> bool:
    """A person or group: a personal pronoun, a named person, organisation or nationality, or a plural noun
    of people."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "we", "i", "you")
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lemma_.lower() in _AUDIENCE


def _adjective_cue(
    tok: Token,
    lex: CueLexicon,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> Attribution | None:
    """ "X is confident that ...", "critical of the plan", "worried about ...": the clause or the object
    of the adjective; the source is the subject of its copula (or the noun it modifies)."""
    roots = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i]
    if not roots:
        roots = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in _ADJECTIVE_PREPS
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
        ][:1]
    if not roots or _in_quote(tok.idx, quotes):
        return None
    span = _trim_tokens(tok.doc, min(r.left_edge.i for r in roots), max(r.right_edge.i for r in roots))
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="adjective")
    if tok.dep_ == "amod":
        subj: Token | None = tok.head
    else:
        head = tok.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        subj = subject_of(head, lex) if head.pos_ in ("VERB", "AUX") else None
    _set_speaker(att, subj)
    return att


def _is_passive(tok: Token) -> bool:
    """A passive cue ("was reported", "Asked about the vote, she ..."): its subject is not the source."""
    kids = list(tok.children)
    aux = [c for c in kids if c.dep_ == "auxpass"]
    if (
        aux
        and all(a.lower_ in _CONTRACTED_S for a in aux)
        and any(c.dep_ in ("dobj", "ccomp") for c in kids)
        and not any(c.dep_ == "nsubjpass" and c.lower_ in ("it", "this") for c in kids)
    ):
        return False  # "he's predicted big wins": a contracted "has" read as passive "is", yet with an object
    if aux or any(c.dep_ == "nsubjpass" for c in kids):
        return True
    return (
        tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(c.dep_ in _SUBJ for c in tok.children)
    )


def _agent(tok: Token) -> Token | None:
    """The ``by`` phrase of a passive cue ("was reported by the paper")."""
    return next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _addressee_like(t: Token) -> bool:
    """A person or audience the cue is addressed to rather than its content ("told him", "to reporters")."""
    if t.pos_ == "PRON":
        return t.lower_ not in _CONTENT_PRONOUNS
    return t.ent_type_ in ("PERSON", "NORP") or t.lemma_.lower() in _AUDIENCE


def _arguments(tok: Token, kind: str) -> list[Token]:
    """The dependents of cue verb ``tok`` that make its content, by preference: a clause (``ccomp``), an
    infinitive (``xcomp``), an object (not an addressee), a prepositional object ("talked about X"), the
    subject of a passive cue ("X was reported by ..."). Empty when it has none of them."""
    kids = list(tok.children)
    roots = [c for c in kids if c.dep_ == "ccomp"]
    if roots or kind == "clause":
        return roots
    before = tok.nbor(-1).text if tok.i > 0 else ""
    if kind == "speech" and (before in _CLOSERS or (before == "," and not _subject_before(tok))):
        return []  # '"...," reported the agency': the noun after the cue is its speaker, not its content
    after = [c for c in kids if c.i > tok.i]
    if kind in ("object", "intent"):
        roots = [
            c for c in after if c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS)
        ]
        if roots:
            return roots
    roots = [c for c in after if c.dep_ == "xcomp"]
    if roots:
        return roots
    if kind != "address":
        evidence = verb_lemma(tok) in _EVIDENCE  # "polls show Clinton ahead": no addressee, the finding
        roots = [c for c in after if c.dep_ == "dobj" and (evidence or not _addressee_like(c))]
        if roots and (kind != "speech" or _subject_before(tok)):
            return roots
    for c in after:
        if c.dep_ == "prep" and c.lower_ in _ABOUT_PREPS and (c.lower_ != "to" or tok.lemma_ in _TO_CONTENT):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and not _addressee_like(objs[0]) and objs[0].ent_type_ not in _CIRCUMSTANCE:
                return objs[:1]
    return [c for c in kids if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this")]


def _subject_before(tok: Token) -> bool:
    return any(c.dep_ in _SUBJ and c.i < tok.i for c in tok.children) or tok.tag_ == "VBG"


def _in_quote(at: int, quotes: Sequence[QuoteSpan]) -> bool:
    return any(q.start < at < q.end and q.mark == '"' for q in quotes)


def _according(
    tok: Token, quotes: Sequence[QuoteSpan], paras: Sequence[tuple[int, int]], para_starts: Sequence[int]
) -> Attribution | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    return _source_phrase(tok, to, obj, quotes, paras, para_starts, "according")


def _in_document(
    tok: Token,
    lex: CueLexicon,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> Attribution | None:
    """ "In the latest poll, X leads ...": a poll, survey, report or document as the source of its clause
    (not when the clause has a cue of its own: "she said in a statement")."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or tok.head.pos_ not in ("VERB", "AUX") or lex.verb_kind(verb_lemma(tok.head)) is not None:
        return None
    if obj.lemma_.lower() in _SPEECH_EVENTS:
        return _in_speech_event(tok, obj, lex, quotes, paras, para_starts)
    if obj.lemma_.lower() not in _DOCUMENTS or obj.tag_ != "NN":
        return None
    if tok.i > tok.head.i and not any(c.dep_ in ("compound", "amod", "nmod") for c in obj.children):
        return None  # "rose in the poll" is a place in a ranking, "in the latest CBS poll" a source
    return _source_phrase(tok, tok, obj, quotes, paras, para_starts, "document")


def _in_speech_event(
    tok: Token,
    obj: Token,
    lex: CueLexicon,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> Attribution | None:
    """ "In a statement, the firm apologized for ...", "In an interview, she ruled out ...": the occasion
    is the cue, the speaker the subject of the verb it modifies, the content that verb and what follows."""
    head = tok.head
    subj = next((c for c in head.children if c.dep_ in _SUBJ and c.i < head.i), None)
    if subj is None or _in_quote(tok.idx, quotes) or subj.lower_ in ("it", "there", "this", "that"):
        return None
    left = head.i
    right = head.right_edge.i if tok.i < head.i else tok.left_edge.i - 1
    span = _trim_tokens(tok.doc, left, right)
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    if end <= start:
        return None
    att = Attribution(tok.idx, obj.idx + len(obj.text), start, end, via="occasion")
    _set_speaker(att, subject_of(head, lex))
    return att


def _source_phrase(
    tok: Token,
    last: Token,
    obj: Token,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
    via: str,
) -> Attribution | None:
    """The clause modified by the source phrase ``tok``...``last`` ``obj``, attributed to ``obj``."""
    head = tok.head if tok.head.i != tok.i else tok
    sent = tok.sent
    a_left, a_right = tok.left_edge.i, tok.right_edge.i
    left, right = (sent.start, sent.end - 1) if head.i == tok.i else (head.left_edge.i, head.right_edge.i)
    before = (left, a_left - 1)
    after = (a_right + 1, right)
    side = after if after[1] - after[0] >= before[1] - before[0] else before
    span = _trim_tokens(sent.doc, side[0], side[1])
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, last.idx + len(last.text), start, end, via=via)
    _set_speaker(att, _author(obj) or obj)
    return att


def _author(obj: Token) -> Token | None:
    """Who made a report, poll or statement named as a source: "a survey by X", "data from X"."""
    if obj.pos_ != "NOUN":
        return None
    return next(
        (
            g
            for c in obj.rights
            if c.dep_ == "prep" and c.lower_ in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        ),
        None,
    )


def _noun_cue(
    tok: Token, quotes: Sequence[QuoteSpan], paras: Sequence[tuple[int, int]], para_starts: Sequence[int]
) -> Attribution | None:
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp", "appos")
            and c.i > tok.i
            and any(g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    via = "noun"
    if clause is None:  # "his support for the bill", "criticism of the plan from both parties"
        via = "noun-prep"
        clause = next(
            (
                g
                for c in tok.rights
                if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS
                for g in c.children
                if g.dep_ in ("pobj", "pcomp")
                and g.ent_type_ not in _CIRCUMSTANCE
                and not (c.lower_ == "to" and _addressee_like(g))  # "remarks to donors"
            ),
            None,
        )
    if clause is None:
        return None
    span = _trim_tokens(tok.doc, clause.left_edge.i, clause.right_edge.i)
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via=via)
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None) or next(
        (g for c in tok.rights if c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"), None
    )
    if speaker is None or speaker.pos_ == "PRON":
        # "X expressed (his) support for ...", "X doubled down on his support for ...": the verb's subject
        verb = tok.head
        if verb.dep_ == "prep" and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and verb.i != tok.i and tok.dep_ not in _SUBJ:
            speaker = next((c for c in verb.children if c.dep_ in _SUBJ), speaker)
    _set_speaker(att, speaker)
    return att


def _agent_noun(
    tok: Token, quotes: Sequence[QuoteSpan], paras: Sequence[tuple[int, int]], para_starts: Sequence[int]
) -> Attribution | None:
    """ "a critic of the plan", "a Sanders supporter": the stance is the content; the source is who the
    noun describes (the subject of "is a critic of", the head of an apposition)."""
    content = next(
        (
            g
            for c in tok.rights
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    ) or next((c for c in tok.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"), None)
    if content is None or tok.dep_ != "attr":  # "X is a critic of Y"; an apposition only describes X
        return None
    span = _trim_tokens(tok.doc, content.left_edge.i, content.right_edge.i)
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="agent")
    source: Token | None = None
    if tok.dep_ == "appos":
        source = tok.head
    elif tok.head.pos_ in ("AUX", "VERB"):
        source = next((c for c in tok.head.children if c.dep_ in _SUBJ), None)
    _set_speaker(att, source)
    return att


def _as_clause(tok: Token) -> tuple[int, int] | None:
    """``As the senator pointed out, the rulings have ...``, ``..., as described by the director, ...``: a cue
    in an "as" clause reports the clause that clause modifies; its token span without the "as" clause. Not
    "as" of time ("as she spoke, ..."): a verb of talking about, or one with a partner ("joked with"), has
    no gap for the "as" to fill."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or verb_lemma(tok) in _TOPIC_VERBS:
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("with", "to", "from", "about") for c in tok.children):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children):
        return None
    head = tok.head
    a_left, a_right = tok.left_edge.i, tok.right_edge.i
    before, after = (head.left_edge.i, a_left - 1), (a_right + 1, head.right_edge.i)
    side = after if after[1] - after[0] >= before[1] - before[0] else before
    return _trim_tokens(tok.doc, side[0], side[1])


def _around(tok: Token) -> tuple[int, int] | None:
    """Content of a speech verb set off by commas ("The plan, he said, is ..."; "..., said the minister"):
    the rest of its sentence."""
    sent = tok.sent
    doc = tok.doc
    subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
    if subj is None:
        return None
    if tok.dep_ == "ROOT":
        left = min(subj.left_edge.i, tok.i)
        right = max(subj.right_edge.i, tok.i)
        for c in tok.rights:
            if c.dep_ in ("npadvmod", "prep", "advmod", "dobj", "dative") and c.i == right + 1:
                right = c.right_edge.i
    else:
        left, right = tok.left_edge.i, tok.right_edge.i
        while left < tok.i and doc[left].is_punct:
            left += 1
        while right > tok.i and doc[right].is_punct:
            right -= 1
    if right - left > 12:
        return None
    before = left - 1 >= sent.start and doc[left - 1].text in (",", "--", "—", "–")
    after = right + 1 < sent.end and doc[right + 1].text in (",", ".", "--", "—", "–", "!", "?")
    if not after and right + 1 < sent.end:
        return None
    if before and right + 1 < sent.end and doc[right + 1].text == "," and right + 2 < sent.end - 1:
        return _trim_tokens(doc, sent.start, sent.end - 1)  # parenthetical: the whole sentence
    if before:
        return _trim_tokens(doc, sent.start, left - 1)
    if left == sent.start and right + 1 < sent.end - 1 and doc[right + 1].text == ",":
        return _trim_tokens(doc, right + 2, sent.end - 1)
    return None


def _content_span(roots: Sequence[Token], cue: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """Character span of the content rooted at ``roots``, cut before a trailing cue of its own ("...,
    adding that ..."; "... and the minister said ...")."""
    doc = cue.doc
    left = min(r.left_edge.i for r in roots)
    right = max(r.right_edge.i for r in roots)
    if left <= cue.i <= right:  # the cue sits inside (parse loop): keep the side the first root is on
        if roots[0].i > cue.i:
            left = cue.i + 1
        else:
            right = cue.i - 1
    for r in roots:
        for d in r.subtree:
            if d.dep_ not in ("advcl", "conj") or d.i <= r.i or not left < d.left_edge.i <= right:
                continue
            own_subject = next((c for c in d.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            kind = lex.verb_kind(d.lemma_.lower())
            if (d.tag_ == "VBG" and kind == "speech") or (
                kind is not None
                and own_subject is not None
                and d.dep_ == "conj"
                and own_subject.pos_ != "PRON"
            ):
                # "..., adding that ...", "... and the minister said ..." (not "... and he feels ...": the
                # same speaker going on, nor "..., assuming ...": a condition of the content)
                right = d.left_edge.i - 1
            elif own_subject is not None and d.pos_ in ("VERB", "AUX") and _contrast(d):
                right = d.left_edge.i - 1  # "... is safe, but for the critics it is ...": the writer's words
    right = _drop_trailing_aside(doc, left, right)
    return _trim_tokens(doc, left, right)


def _drop_trailing_aside(doc: Doc, left: int, right: int) -> int:
    """``right`` moved before a comma-set aside that ends the content: a non-restrictive relative clause
    (", which ...") or a participle (", leaving ...") is the writer's comment on what was reported."""
    for k in range(right, left + 2, -1):
        if doc[k - 1].text != ",":
            continue
        t = doc[k]
        clause = t if t.tag_ == "VBG" else (t.head if t.lower_ in ("which", "who", "whom", "whose") else None)
        if clause is None or clause.dep_ not in ("relcl", "advcl", "acl", "xcomp", "conj"):
            continue
        if clause.left_edge.i == k and clause.right_edge.i >= right:
            return k - 2
    return right


def _contrast(clause: Token) -> bool:
    """A clause joined by "but", "while", "although", "though" or "whereas" after a comma."""
    doc = clause.doc
    joiner = next((c for c in clause.children if c.dep_ in ("cc", "mark") and c.i < clause.i), None) or next(
        (c for c in clause.head.children if c.dep_ == "cc" and c.i < clause.i), None
    )
    if joiner is None or joiner.lower_ not in _CONTRAST or joiner.i == 0:
        return False
    return doc[joiner.i - 1].text in (",", ";", "--", "—", "–")


def _trim_tokens(doc: Doc, left: int, right: int) -> tuple[int, int] | None:
    while left <= right and (doc[left].text in _LEAD or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].lower_ in _TRAIL or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _fit(
    span: tuple[int, int],
    cue_at: int,
    quotes: Sequence[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> tuple[int, int]:
    """Clip ``span`` to the cue's paragraph and widen it over the quotes it cuts into."""
    start, end = span
    k = bisect.bisect_right(para_starts, cue_at) - 1
    if k >= 0:
        p_start, p_end = paras[k]
        start, end = max(start, p_start), min(end, p_end)
    for q in quotes:
        if q.start >= end:
            break
        if q.end <= start or (start <= q.start and q.end <= end) or q.start <= cue_at < q.end:
            continue
        start, end = min(start, q.start), max(end, q.end)
    return start, end


# --- speakers ---------------------------------------------------------------------------------------------


def subject_of(tok: Token, lex: CueLexicon) -> Token | None:
    """The speaker token of cue ``tok``: its subject, else the subject of the clause it hangs from."""
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj", "xcomp"):
        for anc in tok.ancestors:  # "X said it ..., adding that": not the subject of X's content
            if anc.dep_ == "ccomp" and lex.verb_kind(anc.head.lemma_.lower()) is not None:
                outer = subject_of(anc.head, lex)
                if outer is None or outer.lower_ not in _FIRST_SECOND:  # not a "you know" of a quotation
                    return outer
                break
    controller = _object_control(tok, lex)
    if controller is not None:
        return controller
    cur = tok
    for _ in range(6):
        subj = _best_subject([c for c in cur.children if c.dep_ in _SUBJ])
        if subj is None and cur.dep_ != "relcl":
            subj = next(
                (g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None
            )
        if subj is None and cur.i == tok.i:  # "he's said": the contracted "has" parsed as a verb of its own
            subj = next(
                (g for c in cur.lefts if c.lower_ in _CONTRACTED_S for g in c.children if g.dep_ == "nsubj"),
                None,
            )
        if subj is not None and subj.lower_ in ("that", "which") and cur.dep_ == "relcl":
            return _issuer(cur.head) or subj  # "released a report that says ...": whoever released it
        if subj is not None and cur.i != tok.i and subj.lower_ in ("it", "there") and cur.lemma_ == "be":
            return None  # "it's hard to imagine ...", "it is worth pointing out ...": no one in particular
        if subj is not None:
            return subj
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            if cur.tag_ == "VBG":  # "a poll showing ...": the noun does the showing, unless someone issued it
                return _issuer(cur.head) or cur.head
            owner = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if owner is not None:  # "his refusal to condemn ...": the owner of the noun
                return owner
        if cur.dep_ == "amod" and cur.i != tok.i and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head  # "those most willing to attack him": the people the adjective describes
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        if cur.dep_ == "ccomp":
            return None
        cur = cur.head
    return None


def _object_control(tok: Token, lex: CueLexicon) -> Token | None:
    """``led the senator to declare ...``, ``forced him to admit ...``: the object of the verb an infinitive
    cue complements is who does the declaring (not that verb's subject). Not when that verb is a cue itself
    ("urged them to vote": the urging is the attribution, by its subject) or one whose subject does the act
    (:data:`_SUBJECT_CONTROL`)."""
    head = verb_lemma(tok.head)
    if tok.dep_ != "xcomp" or tok.tag_ != "VB" or head in _SUBJECT_CONTROL or lex.verb_kind(head) is not None:
        return None
    obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative") and c.i < tok.i), None)
    if obj is None or obj.pos_ == "NUM" or obj.lower_ in _CONTENT_PRONOUNS | _QUANTITIES:
        return None
    return obj


def _best_subject(subjects: list[Token]) -> Token | None:
    """One subject of a verb the parse gave several: not a time stamp run into the clause ("9:30 p.m. /
    The governor says"), else the one nearest the verb."""
    subjects = [s for s in subjects if any(ch.isalnum() for ch in s.text)]  # not a "___" rule line
    if len(subjects) > 1:
        subjects = [
            s for s in subjects if s.ent_type_ not in ("DATE", "TIME") or s.pos_ == "PRON"
        ] or subjects
    return subjects[-1] if subjects else None


def _initial_name(cue: Token) -> Token | None:
    """``Jane Doe, a lawyer who ..., said``: a finite cue after a comma whose subject the parser lost, in a
    sentence opening with a name and a comma. The last word of that name."""
    doc = cue.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0 or doc[cue.i - 1].text != ",":
        return None
    start = cue.sent.start
    k = start
    while k < cue.i and (doc[k].pos_ == "PROPN" or (k > start and doc[k].text == ".")):
        k += 1
    if k == start or k - start > 5 or k >= cue.i - 1 or doc[k].text != ",":
        return None
    return doc[k - 1]


def _phrase_before(cue: Token) -> Token | None:
    """``Alarmed by X, Senator Y, the party leader, said ...``: a finite cue the parse left without a subject,
    right after a noun phrase (and its comma) that the parse hung elsewhere. The head of the largest such
    phrase ending just before the cue, within its sentence and line."""
    doc = cue.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == cue.sent.start:
        return None
    k = cue.i - 1
    if doc[k].text == "," and k > cue.sent.start:
        k -= 1
    last = doc[k]
    if last.pos_ not in ("NOUN", "PROPN") or "\n" in doc_text(doc)[last.idx : cue.idx]:
        return None
    best = None
    for t in [last, *last.ancestors]:  # up through "who spoke ... to discuss the talks" to "an official"
        if t.i >= cue.i or t.right_edge.i < last.i:
            break
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("compound", "poss"):
            continue
        if t.dep_ in ("dobj", "attr"):  # "criticized the plan said ...": a second verb, not a speaker
            if t is last and t.head.tag_ in ("VBD", "VBZ", "VBP"):
                return None
            continue
        best = t
        if t.dep_ != "appos" or t.head.dep_ in ("pobj", "dobj", "attr"):
            break  # on from an apposition to its head: "Senator X, the party leader,", the name
    if best is None or best.lower_ in _RELATIVE or best.ent_type_ in ("DATE", "TIME"):
        return None
    return best


def _issuer(noun: Token) -> Token | None:
    """``the council approved a resolution condemning ...``: the subject of the verb whose object the
    speaking noun is; None for people and for nouns that are not an object."""
    if noun.dep_ != "dobj" or _animate(noun) or noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE), None)


def _nearest_subject(cue: Token, quotes: Sequence[QuoteSpan]) -> Token | None:
    """The subject of an active cue whose parse lost it: ``"...," said the farmer`` (the noun right after a
    cue that follows a quote or a comma), else the nearest subject before the cue in its sentence and line,
    outside quotation marks."""
    doc = cue.doc
    sent = cue.sent
    if cue.i > sent.start and doc[cue.i - 1].text in _CLOSERS | {","} and cue.tag_ != "VBG":
        for t in doc[cue.i + 1 : min(cue.i + 4, sent.end)]:
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.lower_ not in _RELATIVE:
                return t.head if t.dep_ == "compound" and t.head.i > t.i else t
            if t.pos_ not in ("DET", "ADJ", "PROPN", "NOUN"):
                break
    for k in range(cue.i - 1, sent.start - 1, -1):
        t = doc[k]
        if "\n" in t.text or t.text in (";", ":"):
            return None
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.pos_ in ("PROPN", "NOUN", "PRON")
            and t.lower_ not in _RELATIVE
            and t.lower_ not in ("it", "there", "this", "that")
            and not _in_quote(t.idx, quotes)
        ):
            return t
    return None


def _unclosed_apposition(subj: Token | None, cue: Token) -> Token | None:
    """``Smith, a close aide said, ...``: an "apposition" that runs into the cue with no closing comma is the
    speaker of a parenthetical cue, not a description of the noun before it."""
    if subj is None or subj.i >= cue.i:
        return subj
    doc = cue.doc
    parenthetical = cue.i + 1 < len(doc) and doc[cue.i + 1].text == ","
    named = subj.ent_type_ == "PERSON" and not parenthetical
    for c in subj.rights:
        if named and c.pos_ == "NOUN":
            continue  # "Ann Ruiz, a farmer who ..., said": the name speaks, not its description
        if (
            c.dep_ == "appos"
            and c.right_edge.i == cue.i - 1
            and c.left_edge.i > 0
            and subj.doc[c.left_edge.i - 1].text == ","
            and c.pos_ in ("NOUN", "PROPN")
        ):
            return c
    return subj


def speaker_span(subj: Token) -> tuple[int, int]:
    """Character span of the speaker phrase headed by ``subj`` (modifiers on the left, names and "of X")."""
    if subj.pos_ == "PRON":
        return subj.idx, subj.idx + len(subj.text)
    left = subj.left_edge
    doc = subj.doc
    li = left.i
    while li < subj.i and (doc[li].is_punct or doc[li].is_space):
        li += 1
    right = subj.i
    for c in subj.rights:
        if c.dep_ in _SPEAKER_RIGHT or (c.dep_ == "prep" and c.lower_ == "of"):
            if any(t.is_space and "\n" in t.text for t in doc[right : c.right_edge.i + 1]):
                break
            right = c.right_edge.i
        else:
            break
    while right > subj.i and (doc[right].is_punct or doc[right].is_space) and doc[right].text != ")":
        right -= 1
    return doc[li].idx, doc[right].idx + len(doc[right].text)


def _set_speaker(att: Attribution, subj: Token | None, *, inside_ok: bool = False) -> None:
    if subj is None:
        return
    start, end = speaker_span(subj)
    if _time_stamp(subj, start, end):
        return
    text = doc_text(subj.doc)
    if "\n" in text[min(start, att.cue_start) : max(end, att.cue_end)]:
        clipped = _clip_to_line(subj, start, end, att.cue_start, att.cue_end)
        if clipped is None:
            return
        subj, start, end = clipped
    if subj.lower_ in _RELATIVE and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.head.i:
        ref = subj.head.head
        r_start, r_end = speaker_span(ref)
        att.referent = (r_start, r_end, ref.idx)
        if r_start < start and _joins(text[r_end:start]):
            start = r_start  # "the mayor, who said ...": the phrase and its pronoun
    if not inside_ok and att.content_start <= att.cue_start < att.content_end:
        # '"...," she said, "..."': a quote in two parts around its cue and speaker
        gap = text[min(end, att.cue_end) : max(start, att.cue_start)]
        inside_ok = len(gap) < 40 and not any(m in gap for m in _OPENERS | _CLOSERS)
    if (
        not inside_ok and start < att.content_end and att.content_start < end
    ):  # speaker inside the content: head only
        start, end = subj.idx, subj.idx + len(subj.text)
        if start < att.content_end and att.content_start < end:
            return
    att.speaker_start, att.speaker_end, att.speaker_head = start, end, subj.idx


def _time_stamp(subj: Token, start: int, end: int) -> bool:
    """A time the parse ran into the clause as its subject ("9:30 a.m.", "Thursday morning", "last week"):
    a time phrase with no name in it is never a source ("the 30-year-old" is one)."""
    if subj.ent_type_ not in ("DATE", "TIME") or subj.pos_ == "PRON" or "old" in subj.lower_:
        return False
    span = subj.doc.char_span(start, end, alignment_mode="expand") or ()
    return not any(t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME") for t in span)


def _clip_to_line(
    subj: Token, start: int, end: int, cue_start: int, cue_end: int
) -> tuple[Token, int, int] | None:
    """A speaker phrase cut to the line of its cue: the parse sometimes runs a time stamp, a dateline or
    the previous paragraph into the subject ("9:30 a.m.<newline>The governor says ...")."""
    text = doc_text(subj.doc)
    line_start = text.rfind("\n", 0, cue_start) + 1
    line_end = text.find("\n", cue_end)
    line_end = len(text) if line_end < 0 else line_end
    if end <= line_start:  # the phrase is wholly on an earlier line: a subject before the cue on its line
        return _line_subject(subj.doc, line_start, cue_start)
    start, end = max(start, line_start), min(end, line_end)
    if start >= end:
        return None
    words = [t for t in subj.doc.char_span(start, end, alignment_mode="expand") or () if t.is_alpha]
    if not words:
        return None
    if not start <= subj.idx < end:  # the head is on another line: the first phrase of the cue's line
        heads = [t for t in words if not start <= t.head.idx < end and t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not heads:
            return None
        subj = heads[0]
    return subj, words[0].idx, words[-1].idx + len(words[-1].text)


def _line_subject(doc: Doc, start: int, end: int) -> tuple[Token, int, int] | None:
    """The subject nearest before ``end`` in ``[start, end)`` (else the last noun phrase there), with its
    phrase kept inside the range."""
    region = doc.char_span(start, end, alignment_mode="contract")
    if region is None:
        return None
    nouns = [t for t in region if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in _RELATIVE]
    subjects = [t for t in nouns if t.dep_ in ("nsubj", "nsubjpass")]
    roots = [t for t in nouns if not region.start <= t.head.i < region.end]
    candidates = subjects or roots
    if not candidates:
        return None
    head = candidates[-1]
    s, e = speaker_span(head)
    return head, max(s, start), min(e, end)


def _joins(gap: str) -> bool:
    """True when ``gap`` between a phrase and its relative pronoun is only a comma or spaces."""
    return len(gap) <= 3 and "\n" not in gap and all(ch in ", " for ch in gap)


def _colon_lines(
    sdoc: Doc, text: str, paras: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]
) -> list[Attribution]:
    """Headline style ``Name: what they said`` (and ``Q:`` / ``A:`` interview lines)."""
    out = []
    starts = token_starts(sdoc)
    for p_start, p_end in paras:
        colon = text.find(":", p_start, min(p_end, p_start + 40))
        if colon < 0 or colon == p_start or any(q.start < colon < q.end for q in quotes):
            continue
        a, b = bisect.bisect_left(starts, p_start), bisect.bisect_left(starts, colon)
        while a < b and sdoc[a].text in _OPENERS:  # a transcript line inside quotation marks
            a += 1
        head = sdoc[a:b]
        if not 1 <= len(head) <= 5:
            continue
        if not (all(_name_word(t) for t in head) or head.text in ("Q", "A")):
            continue
        if head[-1].ent_type_ in ("DATE", "TIME", "GPE") and head.text not in ("Q", "A"):
            continue
        c_start, c_end = colon + 1, p_end
        while c_end > c_start and text[c_end - 1] in ".;":
            c_end -= 1
        while c_start < c_end and text[c_start].isspace():
            c_start += 1
        if len(text[c_start:c_end].split()) < 3:
            continue
        att = Attribution(colon, colon + 1, c_start, c_end, via="colon")
        att.speaker_start, att.speaker_end, att.speaker_head = head[0].idx, colon, head[-1].idx
        out.append(att)
    return out


def _after_colon(
    sdoc: Doc,
    text: str,
    paras: Sequence[tuple[int, int]],
    quotes: Sequence[QuoteSpan],
    lex: CueLexicon,
    found: list[Attribution],
) -> list[Attribution]:
    """``She added: the plan ...`` / ``He issued a statement:`` + a paragraph: what follows the colon of a
    speech verb's clause is the content (to the end of its sentence, or the next paragraph when the colon
    ends one). An attribution of that verb whose content ends before the colon is moved after it."""
    by_cue = {a.cue_start: a for a in found}
    para_starts = [p[0] for p in paras]
    out = list(found)
    for t in _colons(sdoc):
        if _in_quote(t.idx, quotes):
            continue
        verb = _colon_verb(t, lex)
        if verb is None:
            continue
        k = bisect.bisect_right(para_starts, t.idx) - 1
        if k < 0:
            continue
        p_end = paras[k][1]
        if not text[t.idx + 1 : p_end].strip():
            if k + 1 >= len(paras):
                continue
            start, end = paras[k + 1]
        else:
            nxt = next((x for x in sdoc[t.i + 1 : t.i + 3] if not x.is_space), None)
            if nxt is None:
                continue
            start, end = nxt.idx, min(p_end, nxt.sent.end_char)
        while end > start and text[end - 1] in ".;":
            end -= 1
        if any(q.start <= start < q.end for q in quotes) or end - start < 10:
            continue  # a quotation: the direct-quote pass takes it
        prev = by_cue.get(verb.idx)
        if prev is not None:
            if prev.content_end <= t.idx:
                prev.content_start, prev.content_end = start, end
            continue
        att = Attribution(verb.idx, verb.idx + len(verb.text), start, end, via="colon-verb")
        _set_speaker(att, subject_of(verb, lex))
        out.append(att)
    return out


def _colons(sdoc: Doc) -> list[Token]:
    """The ``:`` tokens of ``sdoc``, found in spaCy's token array."""
    from spacy.attrs import ORTH

    if not len(sdoc):
        return []
    colon = sdoc.vocab.strings[":"]
    return [sdoc[i] for i in (sdoc.to_array(ORTH) == colon).nonzero()[0].tolist()]


def _speech(tok: Token, lex: CueLexicon) -> bool:
    """A verb of saying, or the idiom "(as) X put it"."""
    if tok.lemma_.lower() == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    lemma = verb_lemma(tok)
    phrase = match_phrase(tok, lemma, lex)
    return (phrase[0] if phrase is not None else lex.verb_kind(lemma)) == "speech"


def _colon_verb(colon: Token, lex: CueLexicon) -> Token | None:
    """The speech verb of the clause a colon ends (within a few words before it), if any."""
    for tok in reversed(colon.doc[max(colon.sent.start, colon.i - 8) : colon.i]):
        if tok.text in (".", ";", "!", "?", '"', "“", "”") or (tok.tag_ == "IN" and tok.dep_ == "mark"):
            return None
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBZ", "VBP"):
            return tok if _speech(tok, lex) else None
    return None


# --- direct quotes left over -------------------------------------------------------------------------------


def _name_word(t: Token) -> bool:
    """A word of a capitalised name before a headline colon; the small model often tags a lone name at
    the start of a headline as a noun or adjective ("Smith: ...")."""
    if t.text in (".", "-"):
        return True
    return t.pos_ == "PROPN" or (t.pos_ in ("NOUN", "ADJ") and t.text[:1].isupper())


def _covered(q: QuoteSpan, atts: Iterable[Attribution]) -> bool:
    return any(a.content_start <= q.start and q.end <= a.content_end for a in atts)


def _direct(
    sdoc: Doc,
    text: str,
    quotes: Sequence[QuoteSpan],
    found: list[Attribution],
    lex: CueLexicon,
    paras: Sequence[tuple[int, int]],
    para_starts: Sequence[int],
) -> list[Attribution]:
    starts = token_starts(sdoc)
    out: list[Attribution] = []
    for q in quotes:
        if _is_name(text[q.start : q.end]) or _covered(q, found) or _covered(q, out):
            continue
        k = bisect.bisect_right(para_starts, q.start) - 1
        p_start, p_end = paras[k] if k >= 0 else (0, len(text))
        cue = (
            _cue_after(sdoc, starts, q, p_end, lex, text)
            or _cue_before(sdoc, starts, q, p_start, lex)
            or _any_verb_after(sdoc, starts, q, p_end, text)
        )
        if cue is not None:
            same = next(
                (a for a in [*found, *out] if a.cue_start == cue.idx and a.content_start >= p_start), None
            )
            if same is not None:  # '"As President," she said, "I will ..."': one quote around its cue
                same.content_start = min(same.content_start, q.start)
                same.content_end = max(same.content_end, q.end)
                continue
            att = Attribution(cue.idx, cue.idx + len(cue.text), q.start, q.end, via="direct")
            if cue.text == ":":
                att.via = "colon"
                _set_speaker(att, sdoc[cue.i - 1])
            else:
                subj = _unclosed_apposition(subject_of(cue, lex), cue)
                if subj is None or q.start <= subj.idx < q.end:  # the quote's own subject
                    subj = _inverted_subject(cue) or _between(sdoc, starts, q.end, cue)
                _set_speaker(att, subj)
            out.append(att)
            continue
        prev = _previous([*found, *out], q, p_start, text) if q.mark == '"' else None
        if prev is not None:
            if prev.content_start >= p_start:  # same paragraph: one quote in several parts
                prev.content_end = q.end
            else:
                out.append(
                    Attribution(
                        prev.cue_start,
                        prev.cue_end,
                        q.start,
                        q.end,
                        prev.speaker_start,
                        prev.speaker_end,
                        prev.speaker_head,
                        via="continuation",
                        referent=prev.referent,
                    )
                )
    return out


def _is_name(quoted: str) -> bool:
    """A short quoted title or name ("Hannity", "The Art of the Deal"-like): no words to attribute."""
    words = quoted.strip("\"' ,.").split()
    return len(words) < 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _between(sdoc: Doc, starts: Sequence[int], q_end: int, cue: Token) -> Token | None:
    """``"...," the former senator from Ohio said``: the head of the short noun phrase between a closing
    mark and its cue, when the parse took the quote's subject for the cue's."""
    return _between_quote(cue, q_end, bisect.bisect_left(starts, q_end))


def _between_quote(cue: Token, q_end: int, i: int | None = None) -> Token | None:
    """The head of the noun phrase between a quotation ending at ``q_end`` and its cue (see :func:`_between`);
    ``i`` the index of the first token after the quotation when known."""
    sdoc = cue.doc
    if i is None:
        i = cue.i
        while i > 0 and sdoc[i - 1].idx >= q_end:
            i -= 1
    words = [t for t in sdoc[i : cue.i] if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    heads = [t for t in words if not i <= t.head.i < cue.i and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if heads else None


def _inverted_subject(cue: Token) -> Token | None:
    """The noun after a cue verb that follows a quote (``"...," reported KCNA``), parsed as an object."""
    for c in cue.rights:
        if c.pos_ in ("PROPN", "NOUN") and c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "nsubj"):
            return c
    return None


def _previous(atts: Sequence[Attribution], q: QuoteSpan, p_start: int, text: str) -> Attribution | None:
    """The attribution a cue-less quote continues: the one just before it in the paragraph, or the
    direct quote closing the previous paragraph when this paragraph opens with the quote."""
    before = [a for a in atts if a.content_end <= q.start and a.cue_end <= q.start]
    if not before:
        return None
    prev = max(before, key=lambda a: a.content_end)
    if prev.content_start >= p_start:
        gap = text[max(prev.content_end, prev.cue_end) : q.start]
        return prev if len(gap) < _MAX_GAP and '"' not in gap else None
    if q.start == p_start and text[prev.content_start] in "\"'" and q.start - prev.content_end < 400:
        return prev
    return None


def _cue_after(
    sdoc: Doc, starts: Sequence[int], q: QuoteSpan, p_end: int, lex: CueLexicon, text: str
) -> Token | None:
    """A speech verb after the closing mark: ``"...," she said`` / ``"...," said the minister`` /
    ``"...," Trump, the front-runner, said``: the first verb of the clause after the quote. After a quote
    closing a sentence (``."``) a verb with a clause of its own starts a new attribution instead."""
    i = bisect.bisect_left(starts, q.end)
    full_stop = text[q.start : q.end].rstrip("\"'").endswith(".")
    for tok in sdoc[i : min(i + 30, len(sdoc))]:
        if tok.idx >= p_end or tok.text in ('"', "'", "''"):
            return None
        if tok.pos_ in ("VERB", "AUX") and _speech(tok, lex):
            if full_stop and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                return None
            return tok if tok.i - i < 8 or tok.idx - q.end <= _MAX_GAP * 3 else None
        if (tok.text in (".", "!", "?") and tok.i > i) or tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None
    return None


def _any_verb_after(sdoc: Doc, starts: Sequence[int], q: QuoteSpan, p_end: int, text: str) -> Token | None:
    """``"...," Smith shot back.``: a quote ending in a comma (or ? or !) and followed by a short clause,
    subject then verb, is attributed by that verb even when it is no known cue."""
    if text[q.start : q.end].rstrip("\"'”’").rstrip()[-1:] not in (",", "?", "!"):
        return None
    i = bisect.bisect_left(starts, q.end)
    for tok in sdoc[i : min(i + 6, len(sdoc))]:
        if tok.idx >= p_end or tok.is_punct:
            return None
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return tok if subj is not None and subj.idx >= q.end else None
    return None


def _cue_before(
    sdoc: Doc, starts: Sequence[int], q: QuoteSpan, p_start: int, lex: CueLexicon
) -> Token | None:
    """The cue ending the clause before the opening mark: ``He said: "..."``, ``adding, "..."``, a speaker
    and a colon (``Trump: "..."``); a paragraph ending in a colon introduces a quote opening the next one."""
    i = bisect.bisect_left(starts, q.start) - 1
    while i >= 0 and sdoc[i].is_space:
        i -= 1
    if i < 0:
        return None
    last = sdoc[i]
    if last.idx < p_start and not (last.text == ":" and q.start == p_start):
        return None
    if last.text not in (":", ",") and last.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return None
    floor = p_start if last.idx >= p_start else last.sent.start_char
    for tok in reversed(sdoc[max(0, i - 8) : i + 1]):
        if tok.idx < floor or tok.text in (".", "!", "?", '"', "''"):
            return None
        if tok.pos_ in ("VERB", "AUX") and _speech(tok, lex):
            return tok
    if last.text == ":" and i > 0 and sdoc[i - 1].pos_ == "PROPN":
        return last
    return None
