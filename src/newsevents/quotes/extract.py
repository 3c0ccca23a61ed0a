"""Find attributions in a parsed document: cue, speaker token and content span.

Three sources, all on the spaCy parse of ``clean_text`` (same offsets as the article text):

- **verb cues** (``said``, ``told``, ``warned`` ...): the content is the clausal complement (``ccomp``),
  for ``object`` cues also the object or prepositional complement ("called for talks"); the speaker is the
  subject, climbing through participles ("..., adding that ...") and relative clauses ("X, who said ...");
- **according to X**: the speaker is X, the content the clause it modifies;
- **cue nouns** with a *that* clause ("expressed his belief that ...").

Quoted spans (:mod:`.marks`) that such a content overlaps are taken in whole (mixed and direct quotes
with their marks); quotes left over are attributed to a cue verb next to them (``"...," said KCNA``;
``He said: "..."``), or continue the attributed quote before them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import CueLexicon
from .marks import QuoteSpan, paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Attribution", "find_attributions"]

_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_CLIMB = frozenset({"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "dobj", "pobj", "npadvmod"})
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd", "ccomp", "attr"})
_OBJECT_PREPS = frozenset({"for", "on", "as", "about", "of", "that"})
_TRAIL = frozenset({",", ".", ";", ":", "-", "--", "—", "–", "and", "but", "or", "(", "["})
_LEAD = frozenset({",", ";", ":", "-", "--", "—", "–", ")", "]"})
_SPEAKER_RIGHT = frozenset({"compound", "flat", "appos", "nmod"})
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
    via: str = "verb"  # verb | paren | according | noun | direct | continuation | colon
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
    for tok in sdoc:
        att = _from_token(tok, lex, quotes, paras, para_starts)
        if att is not None:
            found.append(att)
    found.extend(_colon_lines(sdoc, text, paras, quotes))
    found = _dedup(found)
    found.extend(_direct(sdoc, text, quotes, found, lex, paras, para_starts))
    found.sort(key=lambda a: (a.content_start, a.cue_start))
    return _dedup(found)


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
    pos = tok.pos_
    if pos == "NOUN":
        if tok.lemma_.lower() in lex.nouns and not _in_quote(tok.idx, quotes):
            return _noun_cue(tok, quotes, paras, para_starts)
        return None
    if pos not in ("VERB", "AUX"):
        return None
    kind = lex.verb_kind(tok.lemma_.lower())
    if kind is None:
        return None
    roots = [c for c in tok.children if c.dep_ == "ccomp"]
    if not roots and kind in ("object", "intent"):
        roots = [
            c
            for c in tok.children
            if c.i > tok.i and (c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS))
        ]
    if not roots and kind in ("belief", "intent"):
        roots = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    paren = False
    if roots:
        if len(roots) > 1 and roots[0].i < tok.i < roots[-1].i:
            roots = [r for r in roots if r.i > tok.i]
        span = _content_span(roots, tok, lex)
    elif kind == "speech":
        span = _around(tok)
        paren = span is not None and span[0] < tok.idx < span[1]
    else:
        return None
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    if end <= start:
        return None
    subj = subject_of(tok, lex)
    if kind == "speech" and end <= tok.idx and (subj is None or start <= subj.idx < end):
        subj = _inverted_subject(tok)
    if _in_quote(tok.idx, quotes) and (kind != "speech" or subj is None or subj.lower_ in _FIRST_SECOND):
        return None  # "I think ..." inside a quotation is the quote, not another attribution
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="paren" if paren else "verb")
    _set_speaker(att, subj, inside_ok=paren)
    return att


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
    att = Attribution(tok.idx, to.idx + len(to.text), start, end, via="according")
    _set_speaker(att, obj)
    return att


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
    if clause is None:
        return None
    span = _trim_tokens(tok.doc, clause.left_edge.i, clause.right_edge.i)
    if span is None:
        return None
    start, end = _fit(span, tok.idx, quotes, paras, para_starts)
    att = Attribution(tok.idx, tok.idx + len(tok.text), start, end, via="noun")
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if (
        (speaker is None or speaker.pos_ == "PRON")
        and tok.head.i != tok.i
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        speaker = next((c for c in tok.head.children if c.dep_ in _SUBJ), speaker)
    _set_speaker(att, speaker)
    return att


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
    """Character span of the content rooted at ``roots``, cut before a trailing participial cue."""
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
            if (
                d.dep_ in ("advcl", "conj")
                and d.tag_ == "VBG"
                and d.i > r.i
                and lex.verb_kind(d.lemma_.lower()) is not None
                and left < d.left_edge.i <= right
            ):
                right = d.left_edge.i - 1
    return _trim_tokens(doc, left, right)


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
                return subject_of(anc.head, lex)
    cur = tok
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ in _SUBJ), None)
        if subj is None and cur.dep_ != "relcl":
            subj = next(
                (g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None
            )
        if subj is not None:
            return subj
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        if cur.dep_ == "ccomp":
            return None
        cur = cur.head
    return None


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
    if subj.lower_ in _RELATIVE and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.head.i:
        ref = subj.head.head
        r_start, r_end = speaker_span(ref)
        att.referent = (r_start, r_end, ref.idx)
    start, end = speaker_span(subj)
    if (
        not inside_ok and start < att.content_end and att.content_start < end
    ):  # speaker inside the content: head only
        start, end = subj.idx, subj.idx + len(subj.text)
        if start < att.content_end and att.content_start < end:
            return
    att.speaker_start, att.speaker_end, att.speaker_head = start, end, subj.idx


def _colon_lines(
    sdoc: Doc, text: str, paras: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]
) -> list[Attribution]:
    """Headline style ``Name: what they said`` (and ``Q:`` / ``A:`` interview lines)."""
    out = []
    starts = [t.idx for t in sdoc]
    for p_start, p_end in paras:
        colon = text.find(":", p_start, min(p_end, p_start + 40))
        if colon < 0 or colon == p_start or any(q.start < colon < q.end for q in quotes):
            continue
        a, b = bisect.bisect_left(starts, p_start), bisect.bisect_left(starts, colon)
        head = sdoc[a:b]
        if not 1 <= len(head) <= 5:
            continue
        if not (all(t.pos_ == "PROPN" or t.text == "." for t in head) or head.text in ("Q", "A")):
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


# --- direct quotes left over -------------------------------------------------------------------------------


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
    starts = [t.idx for t in sdoc]
    out: list[Attribution] = []
    for q in quotes:
        if _is_name(text[q.start : q.end]) or _covered(q, found) or _covered(q, out):
            continue
        k = bisect.bisect_right(para_starts, q.start) - 1
        p_start, p_end = paras[k] if k >= 0 else (0, len(text))
        cue = _cue_after(sdoc, starts, q, p_end, lex, text) or _cue_before(sdoc, starts, q, p_start, lex)
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
                subj = subject_of(cue, lex)
                if subj is None or q.start <= subj.idx < q.end:  # the quote's own subject
                    subj = _inverted_subject(cue)
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
        if tok.pos_ in ("VERB", "AUX") and lex.verb_kind(tok.lemma_.lower()) == "speech":
            if full_stop and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                return None
            return tok if tok.i - i < 8 or tok.idx - q.end <= _MAX_GAP * 3 else None
        if (tok.text in (".", "!", "?") and tok.i > i) or tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None
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
        if tok.pos_ in ("VERB", "AUX") and lex.verb_kind(tok.lemma_.lower()) == "speech":
            return tok
    if last.text == ":" and i > 0 and sdoc[i - 1].pos_ == "PROPN":
        return last
    return None
