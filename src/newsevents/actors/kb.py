"""The actor knowledge base: phrase lookup (longest match first) and free-text actor resolution.

``load_kb()`` builds the default knowledge base from the package's own tables (countries, capitals,
demonyms, IGOs, places, named organisations, office holders with terms, agent words); ``load_kb([path,
...])`` adds PETRARCH-format actor/agent dictionaries, whose entries win over the built-in ones.
Matching works on normalised word tokens only (no spaCy), so resolving a string is cheap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from ..document import Actor
from ..errors import Errors, NewsEventsError
from .builtin import Keyed, builtin_entries, country_codes
from .entries import IGO_BLOCS, KIND_RANK, Entry, select, split_code
from .petrarch import dictionary_entries
from .span import DISCARD, DISCARD_STORY
from .tokens import Token, tokenize

# prepositions that open a modifier of the phrase head ("president OF the European Council",
# "Muslim leaders IN France"); "of" phrases rank before the others when looking for a country
_OF = frozenset({"of"})
_PREPS = frozenset(
    {
        "in",
        "at",
        "to",
        "for",
        "from",
        "with",
        "on",
        "across",
        "near",
        "inside",
        "outside",
        "against",
        "by",
        "into",
        "over",
        "under",
        "within",
        "throughout",
        "around",
        "toward",
        "towards",
        "about",
    }
)
# name particles ignored when matching a person's name variant ("Omar Hassan el-Bashir")
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "ben", "abu", "de", "da", "van", "von", "der"})
_ISO_DATE_RE = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$")
_FORMER = frozenset(
    {"former", "ex", "retired", "erstwhile", "onetime", "one-time", "exiled", "ousted", "deposed", "toppled"}
    | {"overthrown", "late", "disgraced", "jailed", "imprisoned"}
)
_NORM = attrgetter("norm")
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_ENTITY_KINDS = frozenset({"person", "org", "igo", "actor"})
_PLACE_KINDS = frozenset({"country", "capital", "prestate", "region", "city"})
_MENTION_KIND = {"person": "person", "org": "org", "igo": "igo", "actor": "org", "agent": "agent"}
# courtesy titles written before a surname that are no given name ("Mr Hariri", "Dr Smith")
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mme", "mister", "madam", "madame", "dr", "doctor", "sir", "dame", "lord"}
    | {"lady", "prof", "professor", "rev", "reverend", "gen", "col", "capt", "lt", "sgt", "maj", "adm"}
    | {"sen", "rep", "gov", "pres", "st", "hon", "herr", "frau", "monsieur", "senor", "sheikh", "imam"}
    | {"ayatollah", "emir", "prince", "princess", "king", "queen", "president", "premier", "chancellor"}
)
# common English short forms of given names -> one canonical form ("Jim Mattis" is "James Mattis")
_NICKNAMES = {
    "jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william",
    "bob": "robert", "bobby": "robert", "rob": "robert", "mike": "michael", "mick": "michael",
    "joe": "joseph", "tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard",
    "ted": "edward", "ed": "edward", "eddie": "edward", "ned": "edward", "tony": "anthony",
    "chris": "christopher", "dave": "david", "steve": "stephen", "steven": "stephen", "ben": "benjamin",
    "sam": "samuel", "nick": "nicholas", "alex": "alexander", "andy": "andrew", "dan": "daniel",
    "danny": "daniel", "pat": "patrick", "ron": "ronald", "don": "donald", "jack": "john",
    "johnny": "john", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "katie": "katherine",
    "sue": "susan", "matt": "matthew", "pete": "peter", "greg": "gregory", "jeff": "jeffrey",
    "ken": "kenneth", "larry": "lawrence", "jerry": "gerald", "chuck": "charles", "charlie": "charles",
    "fred": "frederick", "harry": "henry", "hank": "henry", "phil": "philip", "tim": "timothy",
    "vlad": "vladimir", "sergey": "sergei", "mohammad": "mohammed", "muhammad": "mohammed",
    "mohamed": "mohammed",
}  # fmt: skip


# capitalised nouns that make a person's name or a role word part of a place or institution name: "the
# Carter Center", "Reagan Airport", "the Empire State Building" are no mention of the person or role
_SITE_NOUNS = frozenset(
    {"building", "tower", "towers", "airport", "street", "avenue", "boulevard", "bridge", "stadium"}
    | {"arena", "square", "plaza", "highway", "park", "dam", "station", "terminal", "road", "port"}
)
_INSTITUTION_NOUNS = _SITE_NOUNS | frozenset(
    {"foundation", "institute", "institution", "center", "centre", "library", "museum", "school"}
    | {"university", "college", "academy", "prize", "award", "doctrine", "hospital", "memorial", "hall"}
    | {"fund", "trust", "lecture", "scholarship", "fellowship", "medal"}
)


# a role word written as the object of "anti-" / "pro-" / "non-" modifies another head ("anti-regime rebels",
# "pro-government militias") and names no actor itself
_NEGATED_PREFIX_RE = re.compile(r"\b(?:[Aa]nti|[Pp]ro|[Nn]on)[-‐‑]$")
_NEXT_WORD_RE = re.compile(r" ([A-Z][a-z]+)\b")


def names_institution(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is followed by a capitalised institution or place noun
    ("Clinton| Foundation", "Reagan| Airport")."""
    m = _NEXT_WORD_RE.match(text, end)
    return m is not None and m.group(1).lower() in _INSTITUTION_NOUNS


def given_key(word: str) -> str:
    """A given name's canonical form: ``"Jim"`` -> ``"james"``; other names as normalised."""
    return _NICKNAMES.get(word, word)


def same_given_name(given: str, name: str | None) -> bool:
    """True when the (normalised) given name fits the first word of ``name`` ("Jim" fits "James
    Mattis", "Alex" fits "Alexander Yakovenko")."""
    first = _first_name(name or "")
    if first is None:
        return False
    return given_key(given) == given_key(first) or (len(given) >= 3 and first.startswith(given))


@lru_cache(maxsize=65536)
def _first_name(name: str) -> str | None:
    words = [t.norm for t in tokenize(name) if t.norm not in NAME_PARTICLES]
    return words[0] if len(words) >= 2 else None


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``[i, j)`` of a token list matched a lexicon phrase with these entries."""

    i: int
    j: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    pos: int
    seg: int
    entry: Entry
    dated: bool = False  # the phrase has office terms in the knowledge base


class ActorKB:
    """Phrase table of actor entries with longest-match lookup and resolution to :class:`Actor`."""

    def __init__(self, entries: Iterable[Keyed], countries: frozenset[str] = frozenset()) -> None:
        table: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        for key, entry in entries:
            if key and entry not in table[key]:
                table[key].append(entry)
        self._table: dict[tuple[str, ...], tuple[Entry, ...]] = {k: tuple(v) for k, v in table.items()}
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self._table:
            lengths[key[0]].add(len(key))
        self._lengths = {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}
        self.countries = countries
        self._variant_index: dict[tuple[str, str], tuple[Entry, ...]] | None = None
        self._typo_index: dict[str, tuple[Entry, ...]] | None = None

    def __len__(self) -> int:
        return len(self._table)

    def lookup(self, phrase: str) -> tuple[Entry, ...]:
        """Entries stored for exactly this phrase."""
        return self._table.get(tuple(t.norm for t in tokenize(phrase)), ())

    # ------------------------------------------------------------------ matching
    def match(self, tokens: Sequence[Token], *, strict_case: bool = False) -> list[Match]:
        """Non-overlapping phrase matches, left to right, longest first.

        With ``strict_case`` (running text) named entries must start with a capital letter; agent words
        match in any case. Acronyms ("US", "WHO") always have to be written in capitals.
        """
        out: list[Match] = []
        n = len(tokens)
        norms = list(map(_NORM, tokens))
        table = self._table
        free = 0  # the first token after the last match
        found = list(map(self._lengths.get, norms))  # phrase lengths starting with each word
        for i in compress(range(n), found):
            if i < free:
                continue
            for size in found[i] or ():
                if i + size > n:
                    continue
                entries = table.get(tuple(norms[i : i + size]))
                if not entries:
                    continue
                ok = tuple(e for e in entries if _case_ok(e, tokens[i], strict_case))
                if ok:
                    out.append(Match(i, i + size, ok))
                    free = i + size
                    break
        return out

    # ------------------------------------------------------------------ fallbacks
    def person_variant(self, tokens: Sequence[Token]) -> tuple[Entry, ...]:
        """Person entries for a name written with extra or missing middle parts.

        "Harry Ho-jen Tseng" or "Omar Hassan el-Bashir" -> the person stored as first + last name
        ("Harry Tseng"), Arabic particles (al, el, bin ...) ignored. Only names of 2+ capitalised words.
        """
        words = [t.norm for t in tokens if t.norm not in NAME_PARTICLES]
        if len(words) < 2 or not all(t.is_title for t in tokens):
            return ()
        found = tuple(e for e in self._table.get((words[0], words[-1]), ()) if e.kind == "person")
        return found or tuple(
            e for e in self._variants().get((words[0], words[-1]), ()) if e.kind == "person"
        )

    def typo_place(self, token: Token) -> tuple[Entry, ...]:
        """Country, capital or city entries for a capitalised word with two adjacent letters swapped
        ("Mubmai" -> Mumbai); words shorter than 5 letters never match."""
        if len(token.norm) < 5 or not token.is_title:
            return ()
        return self._typos().get(token.norm, ())

    def without_namesakes(
        self, matches: Sequence[Match], tokens: Sequence[Token], text: str, *, running: bool
    ) -> list[Match]:
        """Drop person matches that name someone or something else: a surname written after another
        given name ("Nasr al-Hariri" is not the leader stored as "Hariri", "Melania Trump" not "Trump";
        see :func:`given_name_before`), a name in an institution name ("the Carter Center": only its
        country), a capitalised role word in a place name ("the Empire State Building") and role words
        after "anti-", "pro-" or "non-" ("anti-regime rebels")."""
        out: list[Match] = []
        covered_end = 0
        for m in matches:
            nxt = tokens[m.j] if m.j < len(tokens) else None
            if nxt is not None and nxt.is_title and text[tokens[m.j - 1].end : nxt.start] == " ":
                person = nxt.norm in _INSTITUTION_NOUNS
                site = nxt.norm in _SITE_NOUNS and tokens[m.j - 1].is_title
                rest = tuple(
                    _as_place(e) if e.kind == "person" and person else e
                    for e in m.entries
                    if not (e.kind == "agent" and site)
                    and not (e.kind == "person" and person and not e.country)
                )
                if not rest:
                    continue
                m = Match(m.i, m.j, rest)
            if _NEGATED_PREFIX_RE.search(text, max(0, tokens[m.i].start - 5), tokens[m.i].start):
                rest = tuple(e for e in m.entries if e.kind != "agent")  # "anti-regime rebels"
                if not rest:
                    continue
                m = Match(m.i, m.j, rest)
            given = given_name_before(tokens, m.i, covered_end, text, running=running)
            if m.j - m.i == 1 and given is not None and any(e.kind == "person" for e in m.entries):
                rest = tuple(
                    e for e in m.entries if e.kind != "person" or same_given_name(given.norm, e.name)
                )
                if rest:
                    out.append(Match(m.i, m.j, rest))
                continue
            out.append(m)
            covered_end = m.j
        return out

    def _fallback(self, tokens: list[Token], matches: list[Match]) -> list[Match]:
        used = {k for m in matches for k in range(m.i, m.j)}
        out: list[Match] = []
        run: list[int] = []
        for k in [*range(len(tokens)), -1]:
            if k >= 0 and k not in used and tokens[k].is_title and tokens[k].norm not in _OF:
                run.append(k)
                continue
            if len(run) >= 2:
                found = self.person_variant([tokens[i] for i in run])
                if found:
                    out.append(Match(run[0], run[-1] + 1, found))
                    used.update(run)
            run = []
        for k, t in enumerate(tokens):
            if k not in used:
                typo = self.typo_place(t)
                if typo:
                    out.append(Match(k, k + 1, typo))
        return out

    def _variants(self) -> dict[tuple[str, str], tuple[Entry, ...]]:
        if self._variant_index is None:
            index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
            for key, entries in self._table.items():
                words = [w for w in key if w not in NAME_PARTICLES]
                if len(words) >= 2 and any(e.kind == "person" for e in entries):
                    index[(words[0], words[-1])].extend(e for e in entries if e.kind == "person")
            self._variant_index = {k: tuple(v) for k, v in index.items()}
        return self._variant_index

    def _typos(self) -> dict[str, tuple[Entry, ...]]:
        if self._typo_index is None:
            index: dict[str, list[Entry]] = defaultdict(list)
            for key, entries in self._table.items():
                places = [e for e in entries if e.kind in ("country", "capital", "city")]
                if len(key) != 1 or len(key[0]) < 5 or not places:
                    continue
                word = key[0]
                for i in range(len(word) - 1):
                    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                    if swapped != word and swapped not in self._lengths:
                        index[swapped].extend(places)
            self._typo_index = {k: tuple(v) for k, v in index.items()}
        return self._typo_index

    # ------------------------------------------------------------------ resolution
    def resolve(self, text: str, date: dt.date | str | None = None, context: str | None = None) -> Actor:
        """Resolve a free-text actor string ("North Korean leader Kim Jong Un") to an :class:`Actor`.

        ``date`` (a date or ``YYYY-MM-DD``) selects time-restricted codes (office holders' terms).
        The result has ``code`` None when the text names no actor.
        """
        date = as_date(date)
        tokens = tokenize(text)
        actor = self._resolve_tokens(text, tokens, date)
        if actor.country is None and context:
            ctx = self.resolve(context, date)
            country = ctx.country
            if country is not None:
                igo = (actor.code or "").startswith("IGO")
                code = actor.code if igo else _compose(country, actor.sector)
                actor = Actor(
                    text=text,
                    start=0,
                    end=len(text),
                    code=code,
                    country=country,
                    sector=actor.sector,
                    name=actor.name or ctx.name,
                    kind=actor.kind,
                )
        return actor

    def text_mentions(self, text: str, date: dt.date | None = None) -> list[Actor]:
        """Lexicon mentions of running text, sorted by start (see :meth:`mentions`)."""
        tokens = tokenize(text)
        matches = self.without_namesakes(self.match(tokens, strict_case=True), tokens, text, running=True)
        return self.mentions(matches, tokens, text, date)

    def mentions(
        self, matches: Sequence[Match], tokens: Sequence[Token], text: str, date: dt.date | None
    ) -> list[Actor]:
        """The mentions of phrase matches in running text.

        A compound dictionary code (``FRO/BIL/SAM``) gives one mention per member with the same span; a
        discard phrase gives a ``discard`` / ``discard_story`` marker; a prefixed dictionary agent
        (``[NGO~]``) written right before a named actor merges with it ("MSF Arnor" -> ``NGOARN``).
        """
        out: list[Actor] = []
        prefix_at: dict[int, Entry] = {}
        for m in matches:
            entry = select(m.entries, date)
            if entry is None:
                continue
            start, end = tokens[m.i].start, tokens[m.j - 1].end
            if entry.kind == "discard":
                kind = DISCARD_STORY if entry.priority >= 1 else DISCARD
                out.append(Actor(text=text[start:end], start=start, end=end, code=None, kind=kind))
                continue
            if entry.code is None:
                continue
            if "/" in entry.code:
                out.extend(self._members(entry, text, start, end))
                continue
            actor = _mention(entry, text, start, end)
            prev = prefix_at.get(start)
            if prev is not None and actor.kind != "agent" and actor.country and actor.code:
                first = out.pop()
                sector = prev.sector or ""
                span = text[first.start : end]
                actor = replace(actor, text=span, start=first.start, code=sector + actor.code, sector=sector)
            out.append(actor)
            if entry.kind == "agent" and entry.prefix and m.j < len(tokens):
                nxt = tokens[m.j].start
                if nxt - end <= 1 and text[end:nxt].strip() == "":
                    prefix_at[nxt] = entry
        return out

    def _members(self, entry: Entry, text: str, start: int, end: int) -> list[Actor]:
        out = []
        for part in (p for p in (entry.code or "").split("/") if p):
            country, sector = split_code(part, self.countries)
            out.append(
                Actor(
                    text=text[start:end],
                    start=start,
                    end=end,
                    code=part,
                    country=country,
                    sector=sector,
                    name=entry.name,
                    kind=_MENTION_KIND.get(entry.kind, "country"),
                )
            )
        return out

    def mention(self, match: Match, tokens: Sequence[Token], text: str, date: dt.date | None) -> Actor | None:
        """The actor mention for one phrase match in running text (offsets into ``text``)."""
        entry = select(match.entries, date)
        if entry is None or entry.code is None or entry.kind == "discard":
            return None
        return _mention(entry, text, tokens[match.i].start, tokens[match.j - 1].end)

    def _resolve_tokens(self, text: str, tokens: list[Token], date: dt.date | None) -> Actor:
        empty = Actor(text=text, start=0, end=len(text), code=None)
        if not tokens:
            return empty
        matches = self.without_namesakes(self.match(tokens), tokens, text, running=False)
        if not any(e.kind == "person" or e.country for m in matches for e in m.entries):
            matches = sorted([*matches, *self._fallback(tokens, matches)], key=lambda m: m.i)
        inner = {k for m in matches for k in range(m.i + 1, m.j)}
        segs = _segments(text, tokens, inner)
        hits: list[_Hit] = []
        for m in matches:
            entry = select(m.entries, date)
            if entry is not None:
                hits.append(_Hit(m.i, segs[m.i], entry, any(e.dated for e in m.entries)))
        if any(h.entry.code is None for h in hits if h.seg == 0) and not any(h.entry.code for h in hits):
            return empty
        hits = [h for h in hits if h.entry.code is not None]
        if not hits:
            return empty
        head_seg = min(h.seg for h in hits)
        leads = [h for h in hits if h.seg == head_seg and h.entry.kind in _ENTITY_KINDS]
        lead = min(leads, key=lambda h: (KIND_RANK[h.entry.kind], h.pos)) if leads else None
        places = sorted((h for h in hits if h.entry.kind != "agent" and h.entry.country), key=lambda h: h.seg)
        source = lead if lead is not None and lead.entry.country else (places[0] if places else None)
        country = source.entry.country if source else None

        sector: str | None = None
        prefix = False
        agent_hint = _best_agent(hits)
        if lead is not None and lead.entry.sector:
            sector = lead.entry.sector
            known = lead.dated and date is not None
            if not known and agent_hint is not None and agent_hint.priority >= 2 and agent_hint.sector:
                # an explicit office in the phrase ("Secretary of State X") names the role; known terms
                # win ("President Trump" in 2022 is a former office holder: USAELI)
                sector = agent_hint.sector
        else:
            agent = agent_hint
            if agent is not None:
                sector, prefix = agent.sector, agent.prefix
                body = source.entry if source is not None and source.seg == 1 else None
                if body is not None and body.kind in ("org", "actor") and body.sector and sector == "GOV":
                    sector = body.sector  # "the speaker of the Knesset" -> LEG, "head of the CIA" -> SPY
            elif source is not None and source.seg == head_seg and source.entry.kind in _PLACE_KINDS:
                sector = source.entry.sector
        former = any(t.norm in _FORMER for t, s in zip(tokens, segs, strict=True) if s == head_seg)
        if former and sector and sector[:3] in _OFFICE_SECTORS:
            sector = "ELI"

        igo = source.entry if source is not None and (source.entry.code or "").startswith("IGO") else None
        if igo is not None and igo.code is not None:
            code: str | None = igo.code
            if sector and sector != igo.sector and not igo.code.endswith(sector):
                code = igo.code + sector
        elif lead is not None and lead.entry.country is None and lead.entry.code:
            code = lead.entry.code  # non-state codes such as IMGREB or NGO
        elif prefix and sector:
            code = sector + (country or "")
        else:
            code = _compose(country, sector)
        named = lead or source
        name = named.entry.name if named is not None else None
        kind = _MENTION_KIND.get(named.entry.kind, "country") if named is not None else "agent"
        if named is None or (lead is None and sector and source is not None and source.seg != head_seg):
            kind = "agent"
        return Actor(
            text=text, start=0, end=len(text), code=code, country=country, sector=sector, name=name, kind=kind
        )


def _mention(entry: Entry, text: str, start: int, end: int) -> Actor:
    """The mention of a coded (not discard) entry at ``text[start:end]``."""
    kind = _MENTION_KIND.get(entry.kind, "country")
    sector = entry.sector
    code: str | None = entry.code
    if entry.kind == "city" or entry.kind == "region":
        sector, code = None, entry.country
    return Actor(
        text=text[start:end],
        start=start,
        end=end,
        code=code,
        country=entry.country,
        sector=sector,
        name=entry.name,
        kind=kind,
    )


def as_date(value: dt.date | str | None) -> dt.date | None:
    """``"2018-10-07"`` -> date; a date or None passes through; other strings raise error E009."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not _ISO_DATE_RE.match(text):
        raise NewsEventsError(Errors.E009, value=value)
    year, month, day = (int(x) for x in text.split("-"))
    if day > calendar.monthrange(year, month)[1]:
        raise NewsEventsError(Errors.E009, value=value)
    return dt.date(year, month, day)


def _as_place(entry: Entry) -> Entry:
    """A person's name inside an institution name ("the Rassendyll Foundation") only locates it: the
    person's country, no sector."""
    code = entry.country if entry.country not in IGO_BLOCS else f"IGO{entry.country}"
    return replace(entry, kind="region", code=code, sector=None, start=None, end=None)


def given_name_before(
    tokens: Sequence[Token], i: int, covered_end: int, text: str, *, running: bool
) -> Token | None:
    """The given name written before token ``i`` (a surname): a capitalised word that no lexicon phrase
    covers and that is no courtesy title ("Nasr" in "Nasr al-Hariri"), else None.

    Name particles between them are skipped ("al-"). ``covered_end`` is the token index where the
    previous match ended. In running text (``running``) a capital may be an ordinary word ("Yesterday
    Trump said", a headline "Voters Back Trump"), so there it only counts when joined by a particle;
    the actors stage checks the other names against the parse.
    """
    p = i - 1
    particle = False
    while p >= covered_end and tokens[p].norm in NAME_PARTICLES:
        p, particle = p - 1, True
    if p < covered_end or p < 0 or (running and not particle):
        return None
    word = tokens[p]
    gap = text[word.end : tokens[p + 1].start]
    if gap.strip(" -‐‑") or not word.is_title or word.is_upper or word.norm in HONORIFICS:
        return None
    return word


def _case_ok(entry: Entry, first: Token, strict: bool) -> bool:
    if entry.case == "upper" and not first.is_upper:
        return False
    if entry.case == "cap" and first.is_lower:
        return False
    if not strict or entry.kind in ("agent", "discard"):
        return True
    return first.text[0].isupper() or first.text[0].isdigit()


def _segments(text: str, tokens: list[Token], inner: set[int]) -> list[int]:
    """0 for the phrase head, 1 inside an "of" modifier, 2 inside other prepositional modifiers.

    A comma starts an appositive, which counts as head again ("Harry Tseng, Taiwan's deputy minister").
    """
    segs: list[int] = []
    cur = 0
    prev_end = 0
    for k, t in enumerate(tokens):
        if "," in text[prev_end : t.start] or "(" in text[prev_end : t.start]:
            cur = 0
        if k in inner:
            pass
        elif t.is_lower and t.norm in _OF:
            cur = max(cur, 1)
        elif t.is_lower and t.norm in _PREPS:
            cur = 2
        segs.append(cur)
        prev_end = t.end
    return segs


def _best_agent(hits: list[_Hit]) -> Entry | None:
    """The sector word of the phrase: the strongest in the head, else in an "of" phrase, else anywhere.

    A generic head word ("chairman", "official") gives way to a specific word in its "of" phrase
    ("chairman of the company's board" -> BUS). Among equals the last (the head noun) wins.
    """
    agents = [h for h in hits if h.entry.kind == "agent"]
    if not agents:
        return None
    by_seg: dict[int, _Hit] = {}
    for h in agents:
        best = by_seg.get(h.seg)
        if best is None or h.entry.priority >= best.entry.priority:
            by_seg[h.seg] = h
    segs = sorted(by_seg)
    first = by_seg[segs[0]]
    for s in segs[1:]:
        if first.entry.priority <= 1 and by_seg[s].entry.priority >= 2:
            return by_seg[s].entry
    return first.entry


def _compose(country: str | None, sector: str | None) -> str | None:
    if not country and not sector:
        return None
    if country in IGO_BLOCS:
        return f"IGO{country}{sector or ''}"
    return f"{country or ''}{sector or ''}"


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> ActorKB:
    countries = country_codes()
    entries: list[Keyed] = list(builtin_entries())
    if paths:
        entries.extend(dictionary_entries(paths, countries))
    return ActorKB(entries, countries)


def load_kb(dictionaries: Iterable[str] = ()) -> ActorKB:
    """The built-in knowledge base, plus PETRARCH-format dictionaries (files or directories) if given.

    Cached per set of paths: the default knowledge base is built once per process.
    """
    return _load(tuple(str(p) for p in dictionaries))
