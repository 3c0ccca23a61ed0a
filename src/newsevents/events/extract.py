"""Code events from a spaCy dependency parse with the pattern lexicon.

Per sentence:

1. **Triggers.** Verbs whose lemma is in the lexicon; adjectives of intent ("ready to", "willing to") with a
   "to"-complement; event nouns ("talks", "rally", "hunger strike") when they are the object of a light
   verb ("held talks", "staged a rally", "began a hunger strike"). The lexicon row is chosen by the
   trigger's particles/prepositions and the lemmas of its arguments (most specific row wins).
2. **Intent verbs** (appeal, agree/promise, demand, reject/refuse, threaten) take their code from the
   content of their complement ("threatened to impose sanctions" -> 1312, see ``compose``); the
   complement is then not coded on its own. So are the complements of every other trigger ("declined to
   comment", "denied attacking": no attack is coded).
3. **Reported clauses.** "X said Y must/should Z" is a demand/appeal by X to Y about Z; a future or
   "would" action ("Turkey will allow ...", "he said they would meet") is coded twice: the action with
   modality ``future``, and the *stated intent* (03x, or 13x for conflictual actions, or 12x when negated)
   as an asserted event.
4. **Actors.** Source = grammatical subject (inherited through conjoined verbs, "to"-complements and
   participle clauses; the "by" agent of a passive), target = passive subject, direct object, dative or the
   object of a preposition (the pattern's own preposition first). Each argument phrase (its subtree minus
   conjuncts and clauses) is mapped to actors with ``actors_for_span``; conjoined arguments give one event
   each (at most 4 per trigger).
   The object of a "giving/using" pattern is its theme, not its target ("offered troops to Mali",
   "fired rockets at X", "granted asylum to Y": the "to"/"at"/"on" phrase, also on the theme noun, wins).
   A sector-only actor ("the rebels", "the judge") takes the state of its counterpart, else the one state
   the sentence mentions; an event without a target takes another mention of the source's state when the
   sentence names only that state ("police arrested people in Lisbon": domestic).
5. **Subordinate clauses.** A "to"-purpose clause of the same category ("began a hunger strike to protest
   against X") and a participle consequence of an attack ("shelled the town, killing 20") are folded into
   the main event; so is a protest's purpose or participle clause ("marched to demand reforms", "blocked
   roads, demanding ...") and a verbal participle adjunct ("rejected the plan, urging X to ..."); a gerund
   after a preposition is content or means, not an event ("accused X of attacking Y", "by dumping ...");
   "bring/put an end to X" reads as "end X"; "an attempt/plot to kill" is 185.
   **Background** (``background_level``): relative clauses, participles modifying a noun and clauses of
   time or cause ("after crowds burned its embassy") only set the scene and are dropped when the sentence
   has a main event other than a plain statement; "to"-clauses of nouns ("plans to sell arms") and fronted
   participles ("Rebuked by X, ...") are always dropped; participles used as nouns ("the wounded") are no
   triggers. Targets: an object owned by the subject ("withdrew its troops from X") yields to the place or
   recipient; a stranded preposition ("ties with and an embassy in X") takes the later conjunct's object;
   a threat's target may be the subject of its condition ("... if the United States deploys ...").
6. **Refinements.** A protest (141-145) or an accession (083) takes the sub-code of what it demands or
   grants, read from its "for"-phrase, purpose or participle clause ("rioted, demanding the president's
   resignation" -> 1451; "staged a rally for democracy" -> 1414). A meeting "in"/"at" a place of a state
   none of its (at least two) parties belongs to is a meeting at a third location (044).
7. **Rule:** an event needs a source or a target actor. The plain statement code 010 ("X said ...") is
   emitted only when the sentence has no other event, its speaker has a state and the reported clause has
   an actor as its subject (the target).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..actors.parse_table import ParseTable, parse_table
from ..actors.span import DISCARD_KINDS, actors_for_span, compose_code, discarded
from ..document import Actor, Event
from .compose import INTENTS, REFINABLE, compose, family_of_code, refine
from .lexicon import NO_EVENT, Lexicon, Pattern
from .modality import ASSERTED, FUTURE, NEGATED, is_negated, is_reported, modality_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ASIDE", "LIGHT_VERBS", "SCENE", "background_level", "extract_events"]

LIGHT_VERBS = frozenset(
    {
        "hold", "stage", "launch", "conduct", "carry", "begin", "start", "continue", "mount", "organize",
        "organise", "lead", "join", "have", "go", "make", "pay", "undertake", "resume", "call", "unleash",
        "announce", "order", "open", "wage", "perpetrate", "commit", "end", "step", "escalate",
        "stag",  # the model lemmatizes "staged" as "stag"
    }
)  # fmt: skip
_SUBJ = frozenset({"nsubj", "csubj"})
_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative", "nsubj", "acomp"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_PHRASE_STOP = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "parataxis", "ccomp", "preconj"})
_TARGET_PREPS = (
    "to",
    "with",
    "against",
    "on",
    "upon",
    "at",
    "from",
    "for",
    "toward",
    "towards",
    "into",
    "in",
)
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# named-entity classes of an object, matched by the "@place" / "@person" obj cells of the lexicon
_ENT_FORMS = {"GPE": "@place", "LOC": "@place", "FAC": "@place", "PERSON": "@person", "NORP": "@person"}
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_DEMAND_AUX = frozenset({"must"})
_APPEAL_AUX = frozenset({"should", "ought"})
_NOT_DEMAND_AUX = frozenset({"would", "could", "might", "may", "will"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})
_SYMMETRIC_ROOTS = frozenset({"04", "05", "06", "19"})
_NEEDS_TARGET = frozenset({"040"})
_MAX_PER_TRIGGER = 4
_KILLING = frozenset({"186", "190"})
_KILL_VERBS = frozenset({"kill", "murder", "assassinate", "slay", "execute", "poison", "behead"})
_LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around"})
_ALLIED_PREPS = frozenset({"alongside", "beside"})
# objects that name the fight itself, not its target ("X and Y fought a war")
_COGNATE_OBJECTS = frozenset({"war", "battle", "fight", "duel", "skirmish", "clash", "gunfight", "firefight"})
_PLACE_PREPS = _LOCATIVE_PREPS | {"against", "on", "into", "across"}
_MEASURE_NOUNS = frozenset(
    {
        "day", "week", "month", "year", "hour", "night", "round", "series", "wave", "spate", "string",
        "flurry", "cycle", "bout", "set", "number",
    }
)  # fmt: skip
# acts whose participle before a noun reports that the act happened ("the abducted aid workers")
_ATTRIBUTIVE_CODES = frozenset({"173", "181", "1821", "1822", "1823", "186"})
_ATTEMPTS = frozenset({"attempt", "bid", "plot", "try"})
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_STATELESS_SECTORS = frozenset({"REF", "IGO", "NGO", "MNC", "IMG"})  # refugees are not of their host
_NOT_STATES = frozenset({"IGO", "UNO", "EUR"})
_END_VERBS = frozenset({"bring", "put"})
# codes whose pattern object is the thing given/used/deployed, so the target is a prepositional object
_THEME_ROOTS = frozenset({"06", "07", "15", "19", "20"})
_THEME_CODES = frozenset({"163", "057", "0312", "0331", "0332", "0333", "0334"})
_THEME_PREPS = frozenset({"to", "on", "against", "for", "at"})
_OBJECT_PREPS = frozenset({"for", "to", "with", "against", "on", "toward", "towards"})
# adverbial clauses that set the scene of the main event (time, cause, circumstance)
_SCENE_MARKS = frozenset(
    {"after", "before", "when", "while", "as", "since", "until", "once", "because", "whereas"}
)
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})
_CONDITION_MARKS = frozenset({"if", "unless"})
# governors of a future that is the reporter's expectation, not the actor's stated intent
_OBSERVER_FUTURE = frozenset({"about", "expect", "due", "likely"})
_NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr"})
# what a protest is about: its purpose or participle clause ("marched to demand", "rallied, accusing X")
_PROTEST_CONTENT_ROOTS = frozenset({"01", "02", "10", "11", "12", "14"})
# a participle between a determiner/number/adjective and its noun is a modifier ("pledged delegates")
_NP_LEFT_TAGS = frozenset({"DT", "CD", "PRP$", "POS", "JJ", "JJR", "JJS", "PDT"})
_QUESTION_VERBS = frozenset({"ask"})
# verbs of winning a contest: a physical act only with a sign of force ("beat him up", "beaten with sticks")
_CONTEST_VERBS = frozenset({"beat"})
_FORCE_PARTICLES = frozenset({"up"})
_FORCE_RESULTS = frozenset(
    {"death", "ground", "pulp", "unconscious", "senseless", "bloody", "unconsciousness", "coma"}
)
_CONTEST_WORDS = frozenset(
    {
        "election", "primary", "caucus", "race", "poll", "vote", "nomination", "runoff", "ballot", "match",
        "game", "final", "cup", "championship", "tournament", "title", "series", "seat", "percent", "point",
        "expectation", "forecast", "estimate", "odd", "record", "rival", "opponent", "challenge",
        "challenger", "candidate", "team", "goal", "score", "win", "victory", "contest", "matchup",
        "incumbent", "field", "deadline", "league", "season", "round", "set", "playoff", "medal",
        "competition", "bid", "margin",
    }
)  # fmt: skip
# clauses that are the content of a noun or of an alternative, not facts ("a call for providing arms", "the
# idea that he struck a deal", "rather than arresting them", "without consulting X")
_NONFACT_PREPS = frozenset({"than", "without"})
_NONFACT_NOUNS = frozenset(
    {
        "idea", "possibility", "prospect", "threat", "risk", "cost", "plan", "proposal", "goal", "aim",
        "hope", "fear", "danger", "option", "chance", "question", "notion", "promise", "pledge", "vow",
        "call",
        "demand", "request", "appeal", "thought", "dream", "talk", "suggestion", "advantage", "benefit",
        "importance", "need", "necessity", "way", "ban", "policy", "strategy",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Match:
    token: Token
    pattern: Pattern
    code: str
    content: Token | None
    light: Token | None  # the light verb of a noun trigger


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _forms(tok: Token) -> list[str]:
    """Lemma plus "modifier lemma" two-word forms ("hunger strike", "military aid"), longest first."""
    lemma = _lemma(tok)
    mods = [c for c in tok.lefts if c.dep_ in _MODIFIERS]
    out = [f"{_lemma(c)} {lemma}" for c in mods]
    # "military aid program": the modifier's own two-word form ("military aid") counts too
    out.extend(
        f"{_lemma(g)} {_lemma(c)}"
        for c in mods
        if c.dep_ == "compound"
        for g in c.lefts
        if g.dep_ in _MODIFIERS
    )
    out.append(lemma)
    return out


def _preps(tok: Token) -> set[str]:
    return {
        _lemma(c)
        for c in tok.children
        if c.dep_ in ("prt", "prep", "agent", "compound:prt") or (c.dep_ == "advmod" and c.lower_ == "back")
    }


def _args(tok: Token) -> set[str]:
    """Lemma forms of the trigger's arguments (the ``obj`` cell of a pattern is matched against these)."""
    out: set[str] = set()
    for c in tok.children:
        dep = c.dep_
        if dep in _OBJ_DEPS or dep == "xcomp":
            out.update(_forms(c))
            if dep == "oprd":  # "considers X a threat": a judgement, not an act
                out.add("@oprd")
            if dep in ("dobj", "nsubjpass") and c.ent_type_ in _ENT_FORMS:  # "captured Kandahar"
                out.add(_ENT_FORMS[c.ent_type_])
            for g in c.children:
                if g.dep_ == "prep":
                    out.update(f for p in g.children if p.dep_ == "pobj" for f in _forms(p))
                elif dep == "xcomp" and g.dep_ in ("dobj", "prt"):
                    out.update(_forms(g))
        elif dep in _PREP_DEPS:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    out.update(_forms(g))
                    if g.dep_ == "pcomp":
                        out.update(f for d in g.children if d.dep_ == "dobj" for f in _forms(d))
        elif dep == "ccomp":
            out.add("@ccomp")
            if c.pos_ in ("NOUN", "PROPN"):  # small clause: "allow workers the freedom"
                out.update(_forms(c))
                out.update(f for g in c.children if g.dep_ == "nsubj" for f in _forms(g))
    return out


def _end_object(tok: Token) -> Token | None:
    """The X of "bring/put an end to X" (a paraphrase of "end X"), else None."""
    if _lemma(tok) not in _END_VERBS:
        return None
    for c in tok.children:
        if c.dep_ == "dobj" and _lemma(c) == "end":
            for prep in (*c.children, *tok.children):
                if prep.dep_ == "prep" and _lemma(prep) == "to":
                    for g in prep.children:
                        if g.dep_ == "pobj":
                            return g
    return None


def _match_verb(tok: Token, lex: Lexicon) -> Pattern | None:
    ended = _end_object(tok)
    if ended is not None:
        return lex.match("V", "end", (), _forms(ended))
    preps, args = _preps(tok), _args(tok)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the debate hosted by X": a blocking row may name the noun
        blocked = lex.match("V", _lemma(tok), preps, args | set(_forms(tok.head)))
        if blocked is not None and blocked.code == NO_EVENT:
            return blocked
    return lex.match("V", _lemma(tok), preps, args)


def _match_noun(tok: Token, lex: Lexicon) -> Pattern | None:
    for form in _forms(tok):
        p = lex.match("N", form)
        if p is not None:
            return p
    return None


def _is_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB"


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_


# ---------------------------------------------------------------- content of intents


def _family(tok: Token, lex: Lexicon, depth: int = 0) -> str | None:
    """The content family of a complement (verb phrase or noun phrase), or None."""
    if depth > 3:
        return None
    if _is_verb(tok) or tok.pos_ == "ADJ":
        p = _match_verb(tok, lex) if _is_verb(tok) else lex.match("A", _lemma(tok))
        if p is not None and p.intent in INTENTS:
            inner = _content(tok, p)
            return _family(inner, lex, depth + 1) if inner is not None else None
        if p is not None and p.intent == "":
            return family_of_code(p.code)
        for c in tok.children:
            if c.dep_ == "xcomp":
                fam = _family(c, lex, depth + 1)
                if fam is not None:
                    return fam
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                return _family(c, lex, depth + 1)
        return None
    p = _match_noun(tok, lex)
    if p is not None and p.code == "ref":  # "a change of policy", "reform of the constitution"
        for c in tok.children:
            if c.dep_ == "prep" and _lemma(c) in ("of", "in"):
                sub = next((_family(g, lex, depth + 1) for g in c.children if g.dep_ == "pobj"), None)
                if sub is not None and sub.startswith("ref."):
                    return sub
    if p is not None:
        return family_of_code(p.code)
    for c in tok.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    fam = _family(g, lex, depth + 1)
                    if fam is not None:
                        return fam
        elif c.dep_ in ("acl", "relcl") and _is_verb(c):
            fam = _family(c, lex, depth + 1)
            if fam is not None:
                return fam
    return None


def _content(tok: Token, pattern: Pattern) -> Token | None:
    """The complement an intent trigger is about: "to"-clause, "that"-clause, or its object."""
    kids = list(tok.children)
    for c in kids:
        if c.dep_ == "xcomp":
            return c
    for c in kids:
        if c.dep_ == "ccomp" and pattern.intent != "03":
            return c
    for c in kids:  # "sworn to fight" parsed as a purpose clause
        if (
            c.dep_ == "advcl"
            and c.pos_ == "VERB"
            and any(g.dep_ == "aux" and g.text.lower() == "to" for g in c.children)
        ):
            return c
    for c in kids:
        if c.dep_ in ("prep", "prt") and _lemma(c) in pattern.prep:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    for c in kids:
        if c.dep_ in ("dobj", "nsubjpass") and not c.ent_type_:
            return c
    for c in kids:
        if c.dep_ == "prep" and _lemma(c) in ("for", "to", "on", "upon", "of"):
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp") and not g.ent_type_:
                    return g
    return None


# ---------------------------------------------------------------- arguments


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *(c for c in tok.conjuncts if c.i > tok.i)]


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of an argument: its subtree minus conjuncts and attached clauses."""
    end_tok = tok
    for c in tok.rights:
        if c.dep_ not in _PHRASE_STOP:
            end_tok = max(end_tok, c.right_edge, key=lambda t: t.i)
    start = tok.left_edge
    while start.i < tok.i and (start.dep_ in ("cc", "punct", "preconj")):
        start = start.doc[start.i + 1]
    return start.idx, end_tok.idx + len(end_tok.text)


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or _reduced_passive(tok)


def _reduced_passive(tok: Token) -> bool:
    """A participle with a "by" agent parsed as an active verb with a subject ("soldiers shot dead by
    militants were buried"): the subject is the patient, the agent the doer."""
    if tok.tag_ not in ("VBD", "VBN"):
        return False
    kids = [c.dep_ for c in tok.children]
    return "agent" in kids and "nsubj" in kids and "dobj" not in kids and "aux" not in kids


def _subject(tok: Token) -> Token | None:
    cur = tok
    for _ in range(5):
        if _reduced_passive(cur):
            return _agent(cur)
        for c in cur.children:
            if c.dep_ in _SUBJ:
                if c.text.lower() in _RELATIVE and cur.dep_ == "relcl":
                    return cur.head
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if cur.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acomp") and cur.head is not cur:
            if any(c.dep_ == "nsubjpass" for c in cur.children):
                return None
            active = cur.dep_ == "xcomp" or (cur.dep_ == "conj" and cur.tag_ != "VBN")
            cur = cur.head
            # "X was indicted by Y and will resign", "X was asked by Y to mediate": X, not the agent
            passive_subj = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
            if active and passive_subj is not None:
                return passive_subj
            if cur.pos_ in ("ADP",):  # pcomp under a preposition: climb to the governing verb
                cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            return cur.head
        if cur.dep_ == "ccomp" and _lemma(cur) in ("be",):
            return None
        break
    return None


def _agent(tok: Token) -> Token | None:
    """The object of the "by" agent phrase of a passive trigger."""
    return next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _target_candidates(tok: Token, pattern: Pattern) -> list[Token]:
    out: list[Token] = []
    kids = list(tok.children)
    passive = _is_passive(tok)
    reduced = passive and _reduced_passive(tok)
    for c in kids:
        if (c.dep_ == "nsubjpass" and passive) or (c.dep_ == "nsubj" and reduced):
            out.append(_antecedent(c, tok))
    themes: list[Token] = []
    objects_of_object: list[Token] = []
    for c in kids:
        if c.dep_ in ("dobj", "dative", "attr", "oprd") and c.pos_ != "VERB":
            if _is_theme(c, pattern) or _own(c):
                themes.append(c)
            elif c.text.lower() not in _REFLEXIVES:
                out.append(_antecedent(c, tok))
                if c.dep_ == "dobj":  # "ended its support for the rebels": the rebels (when no actor)
                    objects_of_object.extend(
                        g
                        for pr in c.children
                        if pr.dep_ == "prep" and _lemma(pr) in _OBJECT_PREPS
                        for g in pr.children
                        if g.dep_ == "pobj"
                    )
    order = [p for p in _TARGET_PREPS if p in pattern.prep] + [
        p for p in _TARGET_PREPS if p not in pattern.prep
    ]
    # "granted asylum to X", "imposed sanctions on X": the recipient may hang on the theme noun
    preps = [c for c in kids if c.dep_ in ("prep", "dative")]
    preps += [g for c in kids if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"]  # "up to 16 X"
    preps += [
        g
        for t in themes
        for tt in _conjuncts(t)
        for g in tt.children
        if g.dep_ == "prep" and _lemma(g) in _THEME_PREPS
    ]
    out.extend(objects_of_object)
    for name in order:
        for c in preps:
            if _lemma(c) == name:
                out.extend(g for g in c.children if g.dep_ == "pobj")
    stranded = [c for c in preps if c.n_lefts + c.n_rights == 0]
    stranded += [
        c for t in (*out, *themes) for c in t.children if c.dep_ == "prep" and c.n_lefts + c.n_rights == 0
    ]
    if stranded:
        # "granted asylum to [officers holed up in ...]": the object was parsed as the subject of a clause
        starts = {c.i + 1 for c in stranded}
        out.extend(
            g
            for c in kids
            if c.dep_ in ("advcl", "ccomp", "conj")
            for g in c.children
            if g.dep_ in _SUBJ and g.left_edge.i in starts
        )
        # "established ties with and opened an embassy in X": the object comes with the later conjunct
        out.extend(t for c in tok.conjuncts if c.i > tok.i for t in _target_candidates(c, pattern))
    return out + themes


def _titles_of_one_person(conjuncts: Sequence[Token]) -> bool:
    """Two coordinated titles of one named person: a common-noun title first, then a name that carries a
    lower-case title of its own ("the defence minister and deputy premier John Doe")."""
    if len(conjuncts) != 2:
        return False
    title, name = conjuncts
    if title.pos_ != "NOUN" or name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
        return False
    if any(c.dep_ == "det" for c in name.children):
        return False
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in name.children)


def _antecedent(arg: Token, tok: Token) -> Token:
    """The noun a relative pronoun argument stands for: "a surgeon who was kidnapped", "the man whom
    police arrested" (the surgeon, the man); else ``arg`` itself."""
    if arg.lower_ not in _RELATIVE:
        return arg
    head = _clause_head(tok)
    return head.head if head.dep_ == "relcl" and head.head is not head else arg


def _victim_noun(tok: Token) -> list[Token]:
    """The noun a passive participle modifies is its target: "militants killed in the raid", "a reporter
    shot by police" (a reduced relative clause)."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [tok.head]
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):  # "the kidnapped engineers"
        return [tok.head]
    return []


def _attributive_match(tok: Token, lex: Lexicon) -> _Match | None:
    """A participle used as an adjective that can only report a violent or coercive act ("the kidnapped
    engineers", "the detained activists"): an event whose target is the noun."""
    if tok.dep_ != "amod" or tok.pos_ not in ("VERB", "ADJ") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    word = tok.text.lower()
    if tok.pos_ == "VERB":
        lemmas = [_lemma(tok)]
    elif word.endswith("ed"):  # tagged as an adjective: "kidnapped" -> "kidnap", "detained" -> "detain"
        lemmas = [word[:-2], word[:-1], word[:-3]]
    else:
        return None
    for lemma in lemmas:
        p = lex.match("V", lemma)
        if p is not None and p.intent == "" and p.code in _ATTRIBUTIVE_CODES:
            return _Match(tok, p, p.code, None, None)
    return None


def _np_participle(tok: Token) -> bool:
    """A past participle used as a noun modifier but parsed as a verb: "271 pledged delegates", "the
    endorsed candidate" (a verb is not preceded by a determiner, number or adjective)."""
    if tok.tag_ not in ("VBN", "VBD") or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    left, right = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    if any(c.dep_ in _SUBJ or c.dep_ == "nsubjpass" for c in tok.children):
        return False
    return left.tag_ in _NP_LEFT_TAGS and right.pos_ in ("NOUN", "PROPN")


def _asks_for_action(tok: Token) -> bool:
    """ "ask" is an appeal when it asks for something or someone to act ("asked X to resign", "asked for
    aid", "asked that X be freed"); "asked whether", "asked about" and a quoted question are questions."""
    for c in tok.children:
        if c.dep_ == "xcomp" or (c.dep_ == "prep" and _lemma(c) in ("for", "of")):
            return True
        if c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return True
        if c.dep_ == "dobj" and _lemma(c) in ("help", "aid", "assistance", "support", "permission"):
            return True
    return False


def _contest(tok: Token) -> bool:
    """ "beat" means winning a contest unless it shows physical force (a particle "up", a result such as "to
    death" or "unconscious", an instrument "with ...", or a passive without any sign of a contest): a
    contest word in the sentence, a score ("2-0"), or a named opponent."""
    kids = list(tok.children)
    if any(c.dep_ == "prt" and _lemma(c) in _FORCE_PARTICLES for c in kids):
        return False
    for c in kids:
        if c.dep_ in ("oprd", "acomp", "advmod", "xcomp") and _lemma(c) in _FORCE_RESULTS:
            return False
        if c.dep_ == "prep" and _lemma(c) in ("to", "into", "with"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if any(_lemma(g) in _FORCE_RESULTS or (_lemma(c) == "with" and not g.ent_type_) for g in objs):
                return False
    sent = tok.sent
    if any(_lemma(t) in _CONTEST_WORDS or ("-" in t.text and t.shape_.startswith("d-d")) for t in sent):
        return True
    if any(c.dep_ == "prt" for c in kids):  # "beat out", "beat back"
        return True
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for o in objs)


def _participle_objects(tok: Token) -> list[Token]:
    """Objects of a subjectless participle clause of an attack, which name its victims or aim: "a bomb
    exploded in the market, killing 12 soldiers", "shelled the area, targeting rebel positions"."""
    return [
        g
        for c in tok.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and c.i > tok.i
        and not any(k.dep_ in ("nsubj", "nsubjpass", "mark") for k in c.children)
        for t in _conjuncts(c)
        for g in t.children
        if g.dep_ == "dobj"
    ]


def _locative_objects(heads: Iterable[Token]) -> list[Token]:
    """Objects of the place prepositions ("in", "near", "at" ...) of the trigger(s)."""
    return [
        g
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and _lemma(c) in _LOCATIVE_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _event_place(heads: Sequence[Token], finder: _ActorFinder, sources: Sequence[Actor]) -> Actor | None:
    """The state where a violent event happened: a state or city named in a place phrase of the trigger,
    of a scene clause of it ("when they blew themselves up in X") or of an unnamed subject ("a bombing near
    X killed ..."). Returned as a bare state actor (no sector)."""
    phrases: list[Token] = []
    for h in heads:
        phrases.extend(c for c in h.children if c.dep_ == "prep" and _lemma(c) in _LOCATIVE_PREPS)
        for c in h.children:
            if c.dep_ == "advcl" or (c.dep_ in _SUBJ and not sources) or c.dep_ in ("dobj", "nsubjpass"):
                phrases.extend(g for g in c.children if g.dep_ == "prep" and _lemma(g) in _LOCATIVE_PREPS)
    for prep in phrases:
        start, end = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        for a in finder.mentions:
            if start <= a.start < end and a.kind == "country" and a.country and a.country not in _NOT_STATES:
                return replace(a, code=a.country, sector=None)
    return None


def _attack_agents(tok: Token, lex: Lexicon) -> list[Token]:
    """The "by" phrase of an attack noun the passive trigger happened in ("were wounded in an attack by X",
    "killed during a raid by X")."""
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and _lemma(c) in ("in", "during")
        for n in c.children
        if n.dep_ == "pobj" and _is_attack_noun(n, lex)
        for b in n.children
        if b.dep_ == "prep" and _lemma(b) == "by"
        for g in b.children
        if g.dep_ == "pobj"
    ]


def _mutual(tok: Token, code: str) -> bool:
    """Conjoined subjects of ``tok`` may act on each other ("X and Y met", "X and Y clashed"): not when
    they are the agents of a passive ("the town, defended by X and Y") or act together ("X and Y are
    fighting alongside Z"); in an attack, not when they are the states of one force ("French and British
    jets bombed ...") or attack an object ("X and Y struck targets")."""
    kids = list(tok.children)
    if _is_passive(tok) or any(c.dep_ == "agent" for c in kids):
        return False
    if any(c.dep_ == "prep" and _lemma(c) in _ALLIED_PREPS for c in kids):
        return False
    if code[:2] not in _VIOLENT_ROOTS:
        return True
    if any(c.dep_ == "dobj" and _lemma(c) not in _COGNATE_OBJECTS for c in kids):
        return False
    subj = _subject(tok)
    return subj is None or not any(c.dep_ == "amod" and c.conjuncts for c in subj.children)


def _is_reciprocal(tok: Token) -> bool:
    """ "each other", "one another"."""
    return tok.lower_ in ("other", "another") and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("each", "one")


def _is_attack_noun(tok: Token, lex: Lexicon) -> bool:
    p = _match_noun(tok, lex)
    return p is not None and p.code[:2] in _VIOLENT_ROOTS


def _own(tok: Token) -> bool:
    """The object belongs to the subject ("strengthened its forces in X", "withdrew their troops from X"):
    the place or recipient named by a preposition is the target, not the object."""
    return any(c.dep_ == "poss" and c.text.lower() in _POSSESSIVES for c in tok.children)


def _is_theme(tok: Token, pattern: Pattern) -> bool:
    """The object names what is given, used or sent ("provided aid", "fired rockets"), not the target."""
    if not pattern.obj or not (pattern.code[:2] in _THEME_ROOTS or pattern.code in _THEME_CODES):
        return False
    return not pattern.obj.isdisjoint(_forms(tok))


def _purpose_targets(tok: Token, pattern: Pattern) -> list[Token]:
    """Targets named in a "to"-purpose clause of the trigger ("went on strike to protest against X")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and any(
            g.dep_ == "aux" and g.text.lower() == "to" for g in c.children
        ):
            out.extend(_target_candidates(c, pattern))
    return out


def _condition_subjects(tok: Token, content: Token | None) -> list[Token]:
    """The subject of a condition attached to a threat: "threatened to stop talks *if the United States*
    deploys missiles" is a threat to the United States."""
    out: list[Token] = []
    for head in (tok, content):
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.text.lower() in _CONDITION_MARKS for g in c.children
            ):
                out.extend(g for g in c.children if g.dep_ in _SUBJ)
    return out


def _noun_targets(noun: Token) -> list[Token]:
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ == "prep" and _lemma(c) in ("with", "against", "on", "to", "between", "of", "in"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


class _ActorFinder:
    """Mentions of one sentence, sorted, mapped to actors per argument phrase."""

    def __init__(self, mentions: Sequence[Actor]) -> None:
        self.mentions = mentions
        countries = {m.country for m in mentions if m.country and m.country not in _NOT_STATES}
        # the one state every country-bearing mention of the sentence belongs to, if there is one
        self.country = next(iter(countries)) if len(countries) == 1 else None

    def domestic(
        self,
        source: Actor,
        clause: Token | None = None,
        places: Sequence[tuple[int, int]] = (),
        fellows: Sequence[tuple[int, int]] = (),
        as_source: bool = False,
    ) -> Actor | None:
        """Another mention of ``source``'s own state in the sentence ("... in Baku"): the domestic
        counterpart. Never a mention in ``fellows`` (the subject phrases: "the Iraqi army and X defended
        ..."), nor, as the source (``as_source``), a place in ``places`` ("was captured in X"). The speaker or
        addressee of the reporting clause around ``clause`` ("..., X said", "according to X") is only a
        last resort and then stands for its bare state as a target, never as a source."""
        if source.country is None or source.country != self.country:
            return None
        spans = _reporting_spans(clause) if clause is not None else []
        reporting: Actor | None = None
        for m in self.mentions:
            if m.country != source.country or _overlap(m, source):
                continue
            if (
                as_source
                and any(a <= m.start < b for a, b in places)
                and m.kind == "country"
                and not m.sector
            ):
                continue  # the place where it happened is no doer ("was captured in X")
            if any(a <= m.start < b for a, b in fellows):
                continue  # part of the subject ("the Iraqi army and X defended ...")
            if not any(a <= m.start < b for a, b in spans):
                return m
            reporting = reporting or m
        if reporting is None or as_source:
            return None
        return replace(reporting, code=reporting.country, sector=None, name=None, kind="country")

    def actors(self, tok: Token | None) -> list[Actor]:
        if tok is None:
            return []
        out: list[Actor] = []
        conjuncts = _conjuncts(tok)
        if _titles_of_one_person(conjuncts):  # "the security adviser and UN envoy Jane Roe": one person
            conjuncts = conjuncts[1:]
        for t in conjuncts:
            start, end = _phrase(t)
            # a compound actor ("both leaders", a dictionary's FRO/BIL code) gives one actor per member
            found = self._conjoined_modifiers(t) or actors_for_span(self.mentions, start, end, t.idx)
            for a in found:
                if all(a.start != b.start or a.code == b.code for b in out) and a not in out:
                    out.append(a)
        return out

    def _conjoined_modifiers(self, tok: Token) -> list[Actor]:
        """One actor per conjoined state adjective ("French and Egyptian warships"), with the sector."""
        adjs = [c for c in tok.children if c.dep_ == "amod" and c.i < tok.i]
        if not any(c.conjuncts for c in adjs):
            return []
        # "British, American and French forces": every state adjective, listed or conjoined
        states = [
            a
            for adj in sorted({t for c in adjs for t in (c, *c.conjuncts)}, key=lambda t: t.i)
            for a in actors_for_span(self.mentions, adj.idx, adj.idx + len(adj.text), adj.idx)
            if a.country and not a.sector
        ]
        if len(states) < 2:
            return []
        head = actors_for_span(self.mentions, tok.idx, tok.idx + len(tok.text), tok.idx)
        sector = head[0].sector if head and not head[0].country else None
        if sector is None:
            return states
        return [replace(a, code=compose_code(a.country or "", sector), sector=sector) for a in states]

    def first(self, toks: Iterable[Token], exclude: Sequence[Actor] = ()) -> list[Actor]:
        for t in toks:
            found = [a for a in self.actors(t) if not any(_overlap(a, b) for b in exclude)]
            if found:
                return found
        return []


def _with_country(
    actor: Actor | None,
    other: Actor | None,
    sentence_country: str | None,
    place: Actor | None = None,
) -> Actor | None:
    """A sector-only actor ("the rebels", "the judge") takes the state where the (violent) event happened,
    else the state of its counterpart, else the one state the sentence mentions: the domestic reading CAMEO
    coders apply to agents without a country. A named person never takes the other side's state (only the
    sentence's one state); refugees, NGOs and companies never take their counterpart's state (asylum
    granted to refugees by Peru)."""
    if actor is None or actor.country or not actor.sector or (actor.code or "").startswith("IGO"):
        return actor
    country = None
    if place is not None and actor.sector not in _STATELESS_SECTORS:
        country = place.country
    elif (
        actor.kind != "person"  # a named person never takes the other side's state
        and other is not None
        and other.country not in (None, *_NOT_STATES)
        and actor.sector not in _STATELESS_SECTORS
    ):
        country = other.country
    country = country or sentence_country
    if country is None:
        return actor
    return replace(actor, country=country, code=compose_code(country, actor.sector))


def _third_location(
    heads: Sequence[Token],
    cands: Sequence[Token],
    finder: _ActorFinder,
    sources: list[Actor],
    targets: list[Actor],
) -> tuple[str, list[Actor]]:
    """044 when a meeting takes place "in"/"at" a place of a state none of the (at least two) parties
    belongs to ("Iranian and Russian ministers met in Geneva"); the place is then not the target."""
    locs = [
        g
        for head in heads
        for c in head.children
        if c.dep_ == "prep" and _lemma(c) in ("in", "at")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    places = [a for t in locs for a in finder.actors(t)]
    if not places or any(a.sector or not a.country for a in places):
        return "040", targets
    others = finder.first([t for t in cands if t not in locs], sources)
    parties = sources + others
    countries = {a.country for a in parties}
    if len(parties) < 2 or None in countries or countries & {a.country for a in places}:
        return "040", targets
    return "044", others


def _subject_spans(tok: Token) -> list[tuple[int, int]]:
    """Character spans of the (conjoined) subject phrases of ``tok``."""
    subj = _subject(tok)
    return [_phrase(t) for t in _conjuncts(subj)] if subj is not None else []


def _locative_spans(tok: Token) -> list[tuple[int, int]]:
    """Character spans of the place phrases ("in X", "near X") of ``tok`` and of its objects."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj"))]
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and _lemma(c) in _LOCATIVE_PREPS
    ]


_REPORT_ROLES = frozenset({"nsubj", "dobj", "dative", "agent"})


def _reporting_spans(tok: Token) -> list[tuple[int, int]]:
    """Character spans of who reports ``tok``'s clause and to whom: the subject and addressee of the speech
    verb around it ("..., Trump said", "X told reporters that ...") and an "according to X" phrase."""
    out: list[tuple[int, int]] = []
    head = _clause_head(tok)
    while head.dep_ in ("xcomp", "conj") and head.head is not head:
        head = head.head
    reporter = _reporter(head) or (head.head if head.dep_ in ("ccomp", "parataxis") else None)
    if reporter is not None:
        for c in reporter.children:
            if c.dep_ in _REPORT_ROLES or (c.dep_ == "prep" and _lemma(c) == "to"):
                out.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            out.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
    return out


def _overlap(a: Actor, b: Actor) -> bool:
    return a.start < b.end and b.start < a.end


# ---------------------------------------------------------------- per sentence


def _code_of(m_tok: Token, pattern: Pattern, lex: Lexicon) -> tuple[str, Token | None]:
    if pattern.intent not in INTENTS:
        return pattern.code, None
    content = _content(m_tok, pattern)
    family = _family(content, lex) if content is not None else None
    if family is None:
        return pattern.code, content
    return compose(
        pattern.intent, family, negated_content=content is not None and is_negated(content)
    ), content


def _candidates(table: ParseTable, start: int, end: int, lex: Lexicon) -> list[int]:
    """Tokens of ``[start, end)`` that pass the cheap tests of :func:`_find_triggers` (read from the parse
    table, without creating spaCy tokens): a participle modifying a noun, a verb or adjective of the lexicon
    (or "bring/put" of "bring an end to"), a noun that is the object of a light verb."""
    deps, pos, lemmas, heads, ents = table.deps, table.pos, table.lemmas, table.heads, table.ent_types
    out: list[int] = []
    for i in range(start, end):
        p = pos[i]
        if deps[i] == "amod":
            if p in ("VERB", "ADJ") and pos[heads[i]] in ("NOUN", "PROPN"):
                out.append(i)
        elif p == "VERB" or p == "ADJ":
            if lex.has("V" if p == "VERB" else "A", lemmas[i]) or lemmas[i] in _END_VERBS:
                out.append(i)
        elif p in ("NOUN", "PROPN") and not ents[i] and _light_verb(table, i) is not None:
            out.append(i)
    return out


def _find_triggers(sent: Span, lex: Lexicon) -> tuple[list[_Match], set[int]]:
    matches: list[_Match] = []
    consumed: set[int] = set()
    verb_hits: set[int] = set()
    doc = sent.doc
    table = parse_table(doc)
    for i in _candidates(table, sent.start, sent.end, lex):
        tok = doc[i]
        if tok.dep_ == "amod":
            attributive = _attributive_match(tok, lex)
            if attributive is not None:
                matches.append(attributive)
            continue
        pos = "V" if _is_verb(tok) else "A" if tok.pos_ == "ADJ" else "N" if _is_noun(tok) else ""
        if not pos or (pos != "N" and not lex.has(pos, _lemma(tok)) and _end_object(tok) is None):
            continue
        if pos == "V":
            if tok.dep_ in _NOMINAL_DEPS and any(c.dep_ == "det" for c in tok.children):
                continue  # a participle used as a noun: "evacuated the wounded"
            p = _match_verb(tok, lex)
            if p is None or not p.is_event:
                continue
            if _np_participle(tok) and p.code not in _ATTRIBUTIVE_CODES:
                continue  # "271 pledged delegates", "the endorsed candidate": a modifier, not an act
            if _lemma(tok) in _QUESTION_VERBS and not _asks_for_action(tok):
                continue  # "asked whether ...", "asked about ...": a question, not an appeal
            if _lemma(tok) in _CONTEST_VERBS and _contest(tok):
                continue  # "Sanders beat Clinton in New Hampshire", "Wales beat Hungary 2-0"
            verb_hits.add(tok.i)
            code, content = _code_of(tok, p, lex)
            if (
                code in _KILLING
                and _lemma(tok) in _KILL_VERBS
                and tok.dep_ in ("acl", "xcomp")
                and _lemma(tok.head) in _ATTEMPTS
            ):
                code = "185"  # "an attempt to assassinate", "a plot to kill"
            matches.append(_Match(tok, p, code, content, None))
        elif pos == "A":
            if not any(c.dep_ == "xcomp" for c in tok.children):
                continue
            p = lex.match("A", _lemma(tok))
            if p is None:
                continue
            code, content = _code_of(tok, p, lex)
            matches.append(_Match(tok, p, code, content, None))
        else:
            light_i = _light_verb(table, i)
            if light_i is None:
                continue
            light = doc[light_i]
            p = _match_noun(tok, lex)
            if p is None or not p.is_event:
                continue
            matches.append(_Match(tok, p, p.code, None, light))
    matches = [_refined(m, lex) for m in matches]
    for m in matches:
        kids = [c for c in m.token.children if c.dep_ == "xcomp"]
        if m.pattern.intent in INTENTS or m.pattern.intent == "deny" or m.code[:2] == "11":
            kids += [c for c in m.token.children if c.dep_ in ("ccomp", "pcomp")]
        # a gerund after a preposition is the act's content or means, not an event of its own:
        # "accused X of violating ...", "charged X with supporting ...", "blocked the road by dumping ..."
        kids += [g for c in m.token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
        if m.pattern.intent in INTENTS or m.pattern.intent == "deny" or m.code[:2] in ("11", "17"):
            kids += [
                g
                for o in m.token.children
                if o.dep_ == "dobj"
                for c in o.children
                if c.dep_ == "prep"
                for g in c.children
                if g.dep_ == "pcomp"
            ]
        if m.content is not None:
            kids.append(m.content)
        stack = list(kids)
        while stack:  # the whole complement chain: "committed to allowing inspectors to visit"
            k = stack.pop()
            for t in _conjuncts(k):
                if t.i not in consumed:
                    consumed.add(t.i)
                    stack.extend(c for c in t.children if c.dep_ in ("xcomp", "ccomp", "pcomp"))
                    stack.extend(
                        g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"
                    )
    by_token = {m.token.i: m for m in matches}
    by_token.update({m.light.i: m for m in matches if m.light is not None})
    for m in matches:
        main = _subordinate_to(m, by_token)
        if main is not None:
            consumed.add(m.token.i)
    light_hits = {m.light.i for m in matches if m.light is not None}
    kept = [
        m
        for m in matches
        if m.token.i not in consumed
        and not (m.light is not None and (m.light.i in verb_hits or m.light.i in consumed))
        and not (m.light is None and m.token.i in light_hits and m.pattern.specificity == 0)
    ]
    return kept, consumed


def _measured(table: ParseTable, noun: int) -> int:
    """The measure noun an event noun is counted by ("two rounds of talks", "a wave of strikes", "ten days
    of exercises"): it takes the event noun's place as the light verb's object; else the noun itself."""
    prep = table.heads[noun]
    if table.deps[noun] == "pobj" and table.lemmas[prep] == "of" and table.heads[prep] != prep:
        measure = table.heads[prep]
        if table.pos[measure] == "NOUN" and table.lemmas[measure] in _MEASURE_NOUNS:
            return measure
    return noun


def _light_verb(table: ParseTable, noun: int) -> int | None:
    """The light verb whose object (or "on"-object: "went on strike") the event noun is ("held talks",
    "staged two rounds of protests"), else None."""
    anchor = _measured(table, noun)
    head = table.heads[anchor]
    dep = table.deps[anchor]
    if dep not in ("dobj", "nsubjpass", "attr", "pobj") or head == anchor:
        return None
    light = table.heads[head] if dep == "pobj" and table.lemmas[head] == "on" else head
    return light if table.lemmas[light] in LIGHT_VERBS else None


def _refined(m: _Match, lex: Lexicon) -> _Match:
    """A protest or an accession refined by what it demands or grants: "demonstrated demanding the
    president's resignation" (1411), "staged a rally for democracy" (1414), "agreed to the demand for new
    elections" (0834). The demand is a "for"-phrase, a purpose clause or a participle clause of the trigger
    (or of its light verb); for an accession also the demand it accedes to."""
    if m.code not in REFINABLE:
        return m
    heads = [m.token] if m.light is None else [m.token, m.light]
    for head in heads:
        for c in head.children:
            fam: str | None = None
            if c.dep_ == "prep" and (_lemma(c) == "for" or (m.code == "083" and _lemma(c) == "to")):
                fam = next((_family(g, lex) for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            elif m.code == "083" and c.dep_ == "dobj":
                fam = _family(c, lex)
            elif c.dep_ in ("advcl", "xcomp", "acl") and _is_verb(c) and _is_demand_clause(c):
                fam = _family(c, lex)
                # "..., saying he must resign": the demand is the reported must/should clause
                for g in c.children:
                    if fam is None and g.dep_ == "ccomp" and _reported_demand(g) is not None:
                        fam = _family(g, lex)
            code = refine(m.code, fam)
            if code != m.code:
                return replace(m, code=code)
    return m


def _is_demand_clause(tok: Token) -> bool:
    """A purpose clause ("to demand ...") or a subjectless participle clause ("..., demanding ...")."""
    if _has_to(tok):
        return True
    return tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def _protest_demand(reporter: Token, protest_heads: set[int]) -> bool:
    """The reporter is a protest's participle or purpose clause ("rallied, saying he must resign"): the
    demand is what the protest is about (see ``_refined``), not an event of its own."""
    return (
        reporter.dep_ in ("advcl", "xcomp", "acl")
        and reporter.head.i in protest_heads
        and _is_demand_clause(reporter)
    )


def _subordinate_to(m: _Match, by_token: dict[int, _Match]) -> _Match | None:
    """The event ``m`` only elaborates: a purpose clause of the same category ("began a hunger strike to
    protest against X") or a participle consequence of an attack ("shelled the town, killing 20")."""
    tok = _clause_head(m.token)  # "killing or wounding 50": the conjunct goes with its head
    if m.light is not None or tok.dep_ not in ("advcl", "xcomp") or tok.head.i not in by_token:
        return None
    main = by_token[tok.head.i]
    if main is m or (tok.dep_ == "xcomp" and (main.light is None or main.light.i != tok.head.i)):
        return None
    purpose = _has_to(tok)
    if purpose and main.code[:2] == m.code[:2]:
        return main
    if (purpose or tok.tag_ == "VBG") and main.code[:2] == "14" and m.code[:2] in _PROTEST_CONTENT_ROOTS:
        return main  # "marched to demand reforms", "blocked roads, demanding his release"
    if (
        m.code[:2] < "14"  # a verbal act; material acts ("..., arresting 12") stay events of their own
        and tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > tok.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)
    ):
        return main  # a participle adjunct elaborates the main event: "rejected the plan, urging X to ..."
    if tok.tag_ == "VBG" and m.code[:2] in _VIOLENT_ROOTS and main.code[:2] in _VIOLENT_ROOTS:
        return main
    return None


def _clause_head(tok: Token) -> Token:
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return head


def _has_to(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.text.lower() == "to" for c in tok.children)


SCENE, ASIDE = 1, 2  # background levels: a scene-setting clause; a non-actual or fronted aside


def background_level(tok: Token) -> int:
    """0 when ``tok`` heads or sits in the main clause; ``SCENE`` when it sits in a clause that sets the
    scene of the main event: a relative clause ("the rebels, who seized the town last year, ..."), a
    participle modifying a noun ("the rally staged by students", "rebels fighting the army") or an
    adverbial clause of time or cause ("after crowds burned the embassy", "as police cracked down");
    ``ASIDE`` for a "to"-clause of a noun, which is not a fact ("plans to sell arms", "refusal to accept"),
    and a fronted participle ("Rebuked by X, Y ...")."""
    if tok.dep_ == "amod":  # "the kidnapped engineers"
        return SCENE
    cur = tok
    for _ in range(6):
        head = _clause_head(cur)
        dep = head.dep_
        if dep == "acl" and head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children):
                return ASIDE  # "the idea that he struck a deal", "reports that troops shelled ..."
            return ASIDE if _has_to(head) else SCENE
        if dep == "pcomp" and _nonfactual_prep(head.head):
            return ASIDE
        if dep == "relcl":
            return SCENE
        if dep == "advcl":
            kids = list(head.children)
            if any(
                c.dep_ in ("mark", "advmod") and c.i < head.i and c.text.lower() in _SCENE_MARKS for c in kids
            ):
                return SCENE
            if (
                head.tag_ == "VBN"
                and head.i < head.head.i
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in kids)
            ):
                return ASIDE
        if dep == "ROOT" or head.head is head:
            return 0
        cur = head.head
    return 0


def _nonfactual_prep(prep: Token) -> bool:
    """A preposition whose gerund is no fact: "for" after a noun ("a call for providing arms"), the phrase of
    a noun of plans and ideas ("the cost of deporting", "the idea of meeting"; not "the process of
    returning"), an alternative ("rather than arresting", "instead of meeting") or "without"."""
    if prep.dep_ == "cc" or _lemma(prep) in _NONFACT_PREPS:
        return True
    gov = prep.head
    if gov is prep:
        return False
    if gov.pos_ in ("NOUN", "PROPN"):
        return _lemma(prep) == "for" or _lemma(gov) in _NONFACT_NOUNS
    return _lemma(gov) == "instead"


def _reported_demand(tok: Token) -> str | None:
    """``"10"`` / ``"02"`` when ``tok`` heads a reported must/should clause ("said China must drop ...")."""
    if not is_reported(tok) or is_negated(_clause_head(tok).head):  # "doesn't think X should ..."
        return None
    aux = {_lemma(c) for c in tok.children if c.dep_ == "aux"}
    if aux & _DEMAND_AUX or (
        _lemma(tok) in ("have", "need")
        and not aux & _NOT_DEMAND_AUX
        and any(c.dep_ == "xcomp" for c in tok.children)
    ):
        return "10"
    if aux & _APPEAL_AUX:
        return "02"
    return None


def _observed_future(tok: Token) -> bool:
    """The future is the reporter's expectation, not the actor's stated intent: "is about to", "is expected
    to"."""
    head = _clause_head(tok)
    return head.dep_ == "xcomp" and _lemma(head.head) in _OBSERVER_FUTURE


def _future_statement(tok: Token) -> bool:
    """The trigger states a future action (ignoring negation): "will not accept", "plans to impose"."""
    if not is_negated(tok):
        return modality_of(tok) == FUTURE and not _observed_future(tok)
    aux = {c.text.lower() for c in tok.children if c.dep_ == "aux"}
    return bool(aux & {"will", "shall", "'ll", "wo"}) or ("would" in aux and is_reported(tok))


def extract_events(doc: Doc, mentions: Sequence[Actor], lex: Lexicon, text: str) -> list[Event]:
    """All events of a parsed document (``doc`` parses ``text`` or a same-length cleaned copy)."""
    starts = [m.start for m in mentions]
    order = sorted(range(len(mentions)), key=lambda i: starts[i])
    sorted_mentions = [mentions[i] for i in order]
    sorted_starts = [m.start for m in sorted_mentions]
    discards = [m for m in mentions if m.kind in DISCARD_KINDS]  # only from user dictionaries
    events: list[Event] = []
    for s_index, sent in enumerate(doc.sents):
        lo = bisect_left(sorted_starts, sent.start_char)
        hi = bisect_right(sorted_starts, sent.end_char)
        if discards and discarded(discards, sent.start_char, sent.end_char):  # sports results and the like
            continue
        finder = _ActorFinder(sorted_mentions[lo:hi])
        events.extend(_sentence_events(sent, s_index, finder, lex, text))
    return events


def _evidence(sent: Span, text: str) -> tuple[int, int]:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _reporter(tok: Token) -> Token | None:
    """The speech verb whose reported clause ``tok`` heads ("X announced that *it* has ...")."""
    head = tok
    while head.dep_ in ("conj", "xcomp", "acomp") and head.head is not head:
        head = head.head
    return head.head if is_reported(head) else None


def _sources(tok: Token, finder: _ActorFinder) -> list[Actor]:
    """Actors of the subject of ``tok``; a pronoun subject of a reported clause falls back on the speaker."""
    subj = _subject(tok)
    found = finder.actors(subj)
    if subj is not None and found:
        # "airstrikes against X", "fighters in X": the place in the subject's phrase is no doer
        spans = [
            (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            for c in subj.children
            if c.dep_ == "prep" and _lemma(c) in _PLACE_PREPS
        ]
        found = [
            a
            for a in found
            if not (a.kind == "country" and not a.sector and any(x <= a.start < y for x, y in spans))
        ]
    if subj is None or subj.text.lower() not in _PRONOUNS or any(a.country for a in found):
        return found
    reporter = _reporter(tok)
    speakers = finder.actors(_subject(reporter)) if reporter is not None else []
    if not found:
        return speakers
    # "the Chilean rebels said they ...": a pronoun resolved to a bare sector is the speaker of that sector
    same = [a for a in speakers if a.country and a.sector == found[0].sector]
    return same or found


def _main_events(matches: list[_Match]) -> list[_Match]:
    """Drop asides, and the events of scene-setting clauses when the sentence has a main event other than a
    plain statement: the sentence codes its main event ("X restored ties with Y years after crowds burned
    its embassy"), but "he said progress was made, except with X, which denounced him" keeps the
    denunciation."""
    levels = {
        m.token.i: background_level(m.light if m.light is not None else m.token)
        for m in matches
        if m.code != "185"  # "an attempt to kill" is the event itself
    }
    has_main = any(not levels.get(m.token.i) and m.pattern.intent != "say" for m in matches)
    limit = SCENE if has_main else ASIDE
    return [m for m in matches if levels.get(m.token.i, 0) < limit]


def _sentence_events(sent: Span, s_index: int, finder: _ActorFinder, lex: Lexicon, text: str) -> list[Event]:
    matches, consumed = _find_triggers(sent, lex)
    matches = _main_events(matches)
    ev_start, ev_end = _evidence(sent, text)
    out: list[Event] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()
    says: list[_Match] = []
    protest_heads = {t.i for m in matches if m.code[:2] == "14" for t in (m.token, m.light) if t is not None}

    def emit(
        tok: Token,
        code: str,
        sources: list[Actor],
        targets: list[Actor],
        modality: str,
        conf: float,
        place: Actor | None = None,
        reciprocal: bool = False,
        unnamed_subject: bool = False,
        head: Token | None = None,
    ) -> None:
        clause = head if head is not None else tok
        mutual = _mutual(clause, code)
        if not targets and len(sources) > 1 and (reciprocal or (code[:2] in _SYMMETRIC_ROOTS and mutual)):
            pairs: list[tuple[Actor | None, Actor | None]] = [
                (sources[0], sources[1]),
                (sources[1], sources[0]),
            ]
        elif not targets and (code in _NEEDS_TARGET or not sources):
            return
        else:
            srcs: list[Actor | None] = [*sources] or [None]
            # a conjunct of the source is its fellow, never its target ("UK and US forces struck X")
            tgts: list[Actor | None] = [t for t in targets if not any(_overlap(t, x) for x in sources)]
            tgts = tgts or [None]
            pairs = [(s, t) for s in srcs for t in tgts]
        for s0, t0 in pairs[:_MAX_PER_TRIGGER]:
            s = _with_country(s0, t0, finder.country, place)
            t = _with_country(t0, s0, finder.country, place)
            if t is None and s is not None:
                t = finder.domestic(s, clause, fellows=_subject_spans(clause))
            elif s is None and t is not None and not unnamed_subject:
                s = finder.domestic(t, clause, places=_locative_spans(clause), as_source=True)
            key = (code, s.start if s else None, t.start if t else None, modality)
            if key in seen:
                continue
            seen.add(key)
            c = conf + (0.2 if s is not None else 0.0) + (0.1 if t is not None else 0.0)
            out.append(
                Event(
                    sentence_index=s_index,
                    evidence_start=ev_start,
                    evidence_end=ev_end,
                    trigger_start=tok.idx,
                    trigger_end=tok.idx + len(tok.text),
                    cameo_code=code,
                    source=s,
                    target=t,
                    modality=modality,
                    confidence=round(min(0.95, max(0.05, c)), 3),
                    trigger_text=tok.text,
                )
            )

    for m in matches:
        p = m.pattern
        if p.intent == "say":
            says.append(m)
            continue
        tok = m.token
        if m.light is not None:
            sources = _sources(m.light, finder)
            cands = _noun_targets(tok) + [
                t for t in _target_candidates(m.light, p) if t.i != tok.i and not tok.is_ancestor(t)
            ]
            cands += _purpose_targets(m.light, p)
            targets = finder.first(cands, sources)
            modality = modality_of(m.light)
            if any(c.dep_ == "neg" for c in tok.children):
                modality = NEGATED
        else:
            sources = _sources(tok, finder)
            if _is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children):
                sources = []
            cands = _target_candidates(tok, p)
            if m.code[:2] in _VIOLENT_ROOTS:
                locs = set(_locative_objects((tok,)))
                cands = (
                    _victim_noun(tok)
                    + [c for c in cands if c not in locs]
                    + _participle_objects(tok)
                    + [c for c in cands if c in locs]
                )
                if not sources and _is_passive(tok):  # "were wounded in an attack by X"
                    sources = finder.first(_attack_agents(tok, lex))
            if m.content is not None:
                cands += [c for c in m.content.children if c.dep_ in ("nsubj", "nsubjpass")]
                inner = _match_verb(m.content, lex) if m.content.pos_ == "VERB" else None
                cands += (
                    _target_candidates(m.content, inner or p)
                    if m.content.pos_ == "VERB"
                    else _noun_targets(m.content)
                )
            cands += _purpose_targets(tok, p)
            targets = finder.first(cands, sources)
            if not targets and m.code[:2] == "13":
                targets = finder.first(_condition_subjects(tok, m.content), sources)
            modality = modality_of(tok)
        code = m.code
        heads = (tok,) if m.light is None else (tok, m.light)
        if code == "040":
            code, targets = _third_location(heads, cands, finder, sources, targets)
        if len(sources) > 1 and targets and code[:2] in _SYMMETRIC_ROOTS:
            # "Indian and Chinese officials held talks in Beijing": the place is no party, the two meet
            spans = [_phrase(t) for t in _locative_objects(heads)]
            if all(any(a <= x.start < b for a, b in spans) for x in targets):
                targets = []
        place = _event_place(heads, finder, sources) if code[:2] in _VIOLENT_ROOTS else None
        reciprocal = len(sources) > 1 and any(_is_reciprocal(c) for c in cands)
        if reciprocal:  # "X and Y accused each other": an event each way
            targets = []
        base = 0.35 + (0.1 if p.specificity else 0.0) + (0.05 if m.code != p.code else 0.0)
        demand = _reported_demand(tok) if m.light is None else None
        if demand is not None:
            reporter = _reporter(tok)
            if reporter is not None and not _protest_demand(reporter, protest_heads):
                r_sources = _sources(reporter, finder)
                r_targets = finder.first(
                    [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")], r_sources
                )
                emit(
                    reporter,
                    compose(demand, family_of_code(m.code)),
                    r_sources,
                    r_targets or targets,
                    ASSERTED,
                    0.35,
                )
        # a subject that names no actor ("A country we call an ally is insisting ...") is not replaced by
        # another mention of the target's state (often the speaker of the quote)
        subj = None if sources else _subject(m.light if m.light is not None else tok)
        unnamed = subj is not None and subj.dep_ in _SUBJ
        emit(tok, code, sources, targets, modality, base, place, reciprocal, unnamed, m.light)
        if m.light is None and modality in (FUTURE, NEGATED) and _future_statement(tok):
            if p.intent == "":
                intent_code = compose("03", family_of_code(m.code), negated_content=modality == NEGATED)
                if not (modality == NEGATED and intent_code[:2] == "13"):  # "will not attack" is no threat
                    emit(tok, intent_code, sources, targets, ASSERTED, 0.3, unnamed_subject=unnamed)
            elif p.intent == "03" and modality == NEGATED:  # "will not accept" = refusal
                emit(tok, compose("12", family_of_code(m.code)), sources, targets, ASSERTED, 0.3)
        elif tok.pos_ == "ADJ" and p.intent == "03" and modality == NEGATED:  # "is not willing to meet"
            fam = _family(m.content, lex) if m.content is not None else None
            emit(tok, compose("12", fam), sources, targets, ASSERTED, 0.3, unnamed_subject=unnamed)

    for m in says:
        tok = m.token
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i not in consumed and c.pos_ in ("VERB", "AUX"):
                demand = _reported_demand(c)
                if demand is not None and not any(e.trigger_start == tok.idx for e in out):
                    sources = _sources(tok, finder)
                    targets = finder.first(
                        [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")], sources
                    )
                    emit(tok, compose(demand, _family(c, lex)), sources, targets, modality_of(tok), 0.3)
    if not out:  # a plain statement: only by an actor of a known state, about an actor in its content
        for m in says:
            sources = [a for a in finder.actors(_subject(m.token)) if a.country]
            clauses = [c for c in m.token.children if c.dep_ == "ccomp"]
            topics = finder.first([g for c in clauses for g in c.children if g.dep_ in _SUBJ], sources)
            if sources and topics and modality_of(m.token) == ASSERTED:
                emit(m.token, "010", sources[:1], topics[:1], ASSERTED, 0.05)
                break
    return out
