"""Person pronouns ("he", "she", "him", "her"; "I"/"we" inside a quote) resolved to earlier person mentions.

Candidates are the person mentions (coded or not) and gendered singular nouns ("the woman", "her husband");
a pronoun that resolves to an uncoded candidate gets no code (better none than a wrong person). Rules:
- gender agreement: a candidate's gender comes from a title or gendered noun right before the name
  ("Mrs", "Queen", "her husband"), from the pronouns of a sentence where it is the only candidate, and from
  the pronouns already resolved to it (chains); unknown gender agrees with both;
- subject preference with recency, in the pronoun's paragraph, else in the nearest earlier paragraph that
  names a candidate; an object pronoun is not its own clause's subject;
- quotes: a pronoun of the narrative does not refer to someone named inside a quote; "he"/"she" inside a
  quote is not its speaker; "I"/"we" inside a quote is the speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..document import Actor
from ..quotes.marks import quote_spans
from .parse_table import ParseTable

__all__ = ["Gender", "gender_before", "resolve_person_pronouns"]

Gender = str | None  # "m", "f" or unknown

_MALE_WORDS = frozenset(
    {"mr", "mister", "sir", "lord", "king", "prince", "duke", "baron", "earl", "count", "emperor", "herr"}
    | {"monsieur", "senor", "señor", "signor", "sheikh", "husband", "father", "son", "brother", "uncle"}
    | {"nephew", "grandfather", "grandson", "boyfriend", "widower", "man", "boy", "gentleman", "spokesman"}
    | {"chairman", "congressman", "businessman", "policeman", "fireman", "sultan", "emir", "pope", "monk"}
    | {"stepfather", "dad", "fiance", "groom", "actor", "ayatollah", "imam", "bishop", "cardinal"}
)
_FEMALE_WORDS = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "queen", "princess", "duchess"}
    | {"baroness", "countess", "empress", "frau", "senora", "señora", "signora", "sheikha", "wife"}
    | {"mother", "daughter", "sister", "aunt", "niece", "grandmother", "granddaughter", "girlfriend"}
    | {"widow", "woman", "girl", "spokeswoman", "chairwoman", "congresswoman", "businesswoman"}
    | {"policewoman", "stepmother", "mum", "mom", "fiancee", "fiancée", "bride", "actress", "nun"}
)
# gendered nouns that are themselves candidates ("the woman ... she"), singular only
_GENDERED_NOUNS = (_MALE_WORDS | _FEMALE_WORDS) - frozenset(
    {"mr", "mister", "sir", "lord", "herr", "monsieur", "senor", "señor", "signor", "mrs", "ms", "miss"}
    | {"madam", "madame", "mme", "lady", "dame", "frau", "senora", "señora", "signora", "count", "pope"}
)
# the gendered nouns as whole words, any case (each hit is checked against the token boundaries)
_GENDERED_ALTERNATIVES = "|".join(sorted(map(re.escape, _GENDERED_NOUNS), key=len, reverse=True))
_GENDERED_RE = re.compile(rf"(?i)(?<![\w])(?:{_GENDERED_ALTERNATIVES})(?![\w])")
_NEWLINE_RE = re.compile("\n")
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er|[Hh]is|[Hh]imself|[Hh]erself|I|[Ww]e)\b")
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "pobj", "dative", "iobj"})
_SAY = frozenset(
    {"say", "tell", "add", "ask", "write", "warn", "insist", "explain", "claim", "state", "note", "reply"}
    | {"argue", "continue", "declare", "recall", "acknowledge", "admit", "tweet", "answer", "conclude"}
)
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")
_LOOKBACK = 10  # candidates considered per pronoun
_SPEAKER_WINDOW = 8  # tokens between a quote mark and its speech verb


@dataclass
class _Cand:
    start: int
    end: int
    key: str
    actor: Actor | None  # None: a candidate that blocks (an uncoded person, a gendered noun)
    subject: bool
    main: bool  # the subject of its sentence's root verb
    verb: int  # the token whose subject the candidate is, else -1
    sent: int  # the first token of its sentence
    para: int
    quoted: bool


def gender_before(text: str, start: int, end: int | None = None) -> Gender:
    """The gender given by the title or gendered noun right before a name ("Mrs", "her husband"), or that
    opens the name ``[start, end)`` ("Queen Rania")."""
    head = _WORD_RE.match(text, start, end if end is not None else start)
    if head is not None and head.group().lower() in _MALE_WORDS | _FEMALE_WORDS:
        return "m" if head.group().lower() in _MALE_WORDS else "f"
    words = _WORD_RE.findall(text[max(0, start - 40) : start])
    for w in reversed(words[-3:]):
        low = w.lower()
        if low in _MALE_WORDS:
            return "m"
        if low in _FEMALE_WORDS:
            return "f"
        if w[:1].islower() and low not in ("the", "a", "her", "his"):
            return None
    return None


def _key(m: Actor) -> str:
    return m.name or m.text


def resolve_person_pronouns(
    text: str, mentions: list[Actor], table: ParseTable, at: Callable[[int], int | None]
) -> list[Actor]:
    """``mentions`` plus the person pronouns resolved to a coded candidate (see the module doc)."""
    newlines = [m.start() for m in _NEWLINE_RE.finditer(text)]
    quotes = [(q.start, q.end) for q in quote_spans(text)]
    qstarts = [q[0] for q in quotes]

    def para(pos: int) -> int:
        return bisect.bisect_left(newlines, pos)

    def quote_of(pos: int) -> int | None:
        k = bisect.bisect_right(qstarts, pos) - 1
        return k if k >= 0 and quotes[k][0] < pos < quotes[k][1] else None

    deps = table.deps

    def cand(start: int, end: int, key: str, actor: Actor | None, k: int | None) -> _Cand:
        subject = k is not None and deps[k] in _SUBJECT
        verb = table.heads[k] if k is not None and subject else -1
        sent = table.sent_starts[k] if k is not None else -1
        main = subject and deps[verb] == "ROOT"
        return _Cand(
            start, end, key, actor, subject, main, verb, sent, para(start), quote_of(start) is not None
        )

    cands: list[_Cand] = []
    gender: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind != "person":
            continue
        k = at(m.end - 1)
        cands.append(cand(m.start, m.end, _key(m), m if m.code else None, k))
        g = gender_before(text, m.start, m.end)
        if g is not None:
            gender.setdefault(_key(m), set()).add(g)
    covered = sorted((m.start, m.end) for m in mentions if m.kind == "person")
    cstarts = [c[0] for c in covered]
    for hit in _GENDERED_RE.finditer(text):
        s, e = hit.span()
        k = at(s)
        if k is None or table.starts[k] != s or table.ends[k] != e:
            continue  # not a whole token
        low = hit.group().lower()
        if low not in _GENDERED_NOUNS or deps[k] == "compound":
            continue  # "King Abdullah": a title, not a candidate
        j = bisect.bisect_right(cstarts, s) - 1
        if j >= 0 and covered[j][1] > s:
            continue
        coded = next((m for m in mentions if m.start <= s < m.end and m.code and m.kind == "agent"), None)
        key = f"#{s}"
        gender[key] = {"m" if low in _MALE_WORDS else "f"}
        cands.append(cand(s, e, key, coded, k))
    cands.sort(key=lambda c: c.start)
    pronouns = [(p.start(), p.end(), p.group()) for p in _PRONOUN_RE.finditer(text)]
    _vote_genders(cands, pronouns, table, at, gender)
    if not any(c.actor is not None for c in cands):
        return mentions
    out = list(mentions)
    # narrative pronouns first, then those inside quotes (their speaker may be a narrative pronoun)
    resolved: dict[int, _Cand] = {}
    for inside in (False, True):
        for start, end, word in pronouns:
            low = word.lower()
            if low not in ("he", "she", "him", "her") or (quote_of(start) is not None) != inside:
                continue
            tok = at(start)
            obj = low in ("him", "her")
            if tok is None or deps[tok] not in (_OBJECT if obj else _SUBJECT) or table.tags[tok] == "PRP$":
                continue
            speaker = _speaker(start, quote_of, quotes, table, at, cands, resolved) if inside else None
            clause = table.heads[tok] if deps[tok] != "pobj" else table.heads[table.heads[tok]]
            sent = table.sent_starts[tok]
            prev_sent = table.sent_starts[sent - 1] if sent > 0 else sent
            spoke = speaker.key if speaker is not None else None
            where = (para(start), prev_sent, clause if obj else None)
            pick = _antecedent(cands, start, where, _PRONOUN_GENDER[low], gender, inside, spoke)
            if pick is None:
                continue
            g = _PRONOUN_GENDER[low]
            gender.setdefault(pick.key, set()).add(g)
            chain = cand(start, end, pick.key, pick.actor, tok)
            bisect.insort(cands, chain, key=lambda c: c.start)
            resolved[start] = chain
            if pick.actor is not None:
                out.append(replace(pick.actor, text=word, start=start, end=end))
    for start, end, word in pronouns:
        if word not in ("I", "we", "We") or quote_of(start) is None:
            continue
        tok = at(start)
        if tok is None or deps[tok] not in _SUBJECT:
            continue
        speaker = _speaker(start, quote_of, quotes, table, at, cands, resolved)
        if speaker is not None and speaker.actor is not None:
            out.append(replace(speaker.actor, text=word, start=start, end=end))
    return sorted(out, key=lambda m: (m.start, -m.end))


def _vote_genders(
    cands: Sequence[_Cand],
    pronouns: Sequence[tuple[int, int, str]],
    table: ParseTable,
    at: Callable[[int], int | None],
    gender: dict[str, set[str]],
) -> None:
    """A gendered pronoun with a single candidate before it in its sentence gives that candidate its gender
    ("Ana Quispe said she would resign", "Tomas Varga met his wife"), when all such pronouns agree."""
    by_sent: dict[int, list[_Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    votes: dict[str, set[str]] = {}
    for start, _, word in pronouns:
        g = _PRONOUN_GENDER.get(word.lower())
        k = at(start)
        if g is None or k is None:
            continue
        before = [c for c in by_sent.get(table.sent_starts[k], []) if c.start < start]
        if len(before) == 1:
            votes.setdefault(before[0].key, set()).add(g)
    for key, gs in votes.items():
        if len(gs) == 1 and key not in gender:  # a title or gendered noun outranks the votes
            gender[key] = gs


def _agrees(key: str, g: str, gender: dict[str, set[str]]) -> bool:
    known = gender.get(key)
    return not known or known == {g} or len(known) > 1


def _antecedent(
    cands: Sequence[_Cand],
    pos: int,
    where: tuple[int, int, int | None],
    g: str,
    gender: dict[str, set[str]],
    inside: bool,
    speaker: str | None,
) -> _Cand | None:
    """The antecedent of the pronoun at ``pos``; ``where`` is its paragraph, the first token of the previous
    sentence and, for an object pronoun, the verb of its clause."""
    para, prev_sent, clause = where
    i = bisect.bisect_left([c.start for c in cands], pos) - 1
    here: list[_Cand] = []  # compatible candidates of the pronoun's paragraph, most recent first
    before: list[_Cand] = []  # ... of the nearest earlier paragraph that has a candidate
    earlier: int | None = None
    for j in range(i, max(i - 3 * _LOOKBACK, -1), -1):
        c = cands[j]
        if c.quoted and not inside:
            continue  # a narrative pronoun does not name someone first named in a quote
        if c.para != para:
            if earlier is None:
                earlier = c.para
            if c.para != earlier or here:
                break
        if c.key == speaker or not _agrees(c.key, g, gender):
            continue
        (here if c.para == para else before).append(c)
        if len(here) + len(before) >= _LOOKBACK:
            break
    pool = here or before
    if not pool:
        return None
    if clause is not None:  # "Kim welcomed Pompeo and thanked him": not the subject of its own clause
        own = {c.key for c in pool if c.verb == clause}
        return next((c for c in pool if c.key not in own), None)
    # centering: the subject of the root verb of this or the previous sentence, then a subject, then the
    # most recent candidate there; else the most recent subject of the paragraph
    recent = [c for c in pool if c.sent >= prev_sent]
    if recent:
        return next((c for c in recent if c.main), next((c for c in recent if c.subject), recent[0]))
    return next((c for c in pool if c.subject), pool[0])


def _speaker(
    pos: int,
    quote_of: Callable[[int], int | None],
    quotes: Sequence[tuple[int, int]],
    table: ParseTable,
    at: Callable[[int], int | None],
    cands: Sequence[_Cand],
    resolved: dict[int, _Cand],
) -> _Cand | None:
    """The candidate that speaks the quote around ``pos``: the subject of a speech verb right after the
    closing mark (", he said") or right before the opening one ("Jo Bloggs said: ...")."""
    q = quote_of(pos)
    if q is None:
        return None
    qs, qe = quotes[q]
    first, last = at(qs), at(qe - 1)
    n, lemmas, heads, deps = len(table.starts), table.lemmas, table.heads, table.deps
    after = range(last + 1, min(n, last + 1 + _SPEAKER_WINDOW)) if last is not None else range(0)
    before = range(first - 1, max(first - 1 - _SPEAKER_WINDOW, -1), -1) if first is not None else range(0)
    verbs = [k for k in (*after, *before) if lemmas[k] in _SAY]
    for v in verbs[:2]:
        near = range(max(0, v - 6), min(n, v + 6))
        subj = next((k for k in near if heads[k] == v and deps[k] == "nsubj"), None)
        if subj is None:
            continue
        s = table.starts[subj]
        if s in resolved:
            return resolved[s]
        hit = next((c for c in cands if c.start <= s < c.end), None)
        if hit is not None:
            return hit
    return None
