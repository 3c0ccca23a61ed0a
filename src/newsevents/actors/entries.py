"""Lexicon entries of the actor knowledge base and the CAMEO code conventions they follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

# CAMEO / PLOVER agent (sector) codes; the first three letters of a sector are its primary code.
_SECTOR_LIST = (
    "GOV MIL REB OPP COP JUD BUS MED NGO CVL LEG PTY SPY ELI UAF CRM EDU HLH REF LAB AGR REL MOS CHR "
    "JEW BUD HIN SIK PRE PRM DEV HRI ENV IMG NGM MNC UNK JNK SOC JRN KID"
)
SECTORS = frozenset(_SECTOR_LIST.split(" "))
# first triples that are not countries: international / transnational actor types
NON_STATE_PREFIXES = frozenset({"IMG", "NGO", "NGM", "MNC"})
# IGO "countries" the eval conventions name directly; every other IGO has country "IGO"
IGO_BLOCS = frozenset({"UNO", "EUR"})

# kinds, strongest first when one phrase has entries of several kinds
KIND_RANK = {
    "person": 0,
    "org": 1,
    "igo": 2,
    "actor": 3,
    "country": 4,
    "capital": 5,
    "prestate": 6,
    "region": 7,
    "city": 8,
    "agent": 9,
    "discard": 10,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: what a phrase denotes, optionally only within ``[start, end]``."""

    kind: str  # person | org | igo | actor | country | capital | prestate | region | city | agent | discard
    code: str | None  # full code (USAGOV, IGOUNOHLH, REB) or None for a discard
    country: str | None
    sector: str | None
    name: str | None
    priority: int = 2  # agents: 0 weak .. 3 specific
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive
    case: str = ""  # "upper": the text must be in capitals; "cap": must not be all lower case
    rank: int = 0  # 0 built-in, 1 user dictionary (user entries win)
    prefix: bool = False  # agent code written before the country ([NGO~])

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, date: dt.date) -> bool:
        return (self.start is None or date >= self.start) and (self.end is None or date <= self.end)


def split_code(code: str | None, countries: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """``"USAGOV"`` -> ``("USA", "GOV")``; ``"IGOUNOHLH"`` -> ``("UNO", "HLH")``; ``"REB"`` -> (None, REB).

    ``countries`` lists the codes known to be countries; an unknown first triple that is not a sector is
    taken as a country too (PETRARCH dictionaries use their own, e.g. fictional, country codes).
    """
    if not code or code.strip("-+") == "":
        return None, None
    code = code.upper()
    if code.startswith("IGO"):
        org = code[3:6]
        country = org if org in IGO_BLOCS else "IGO"
        rest = code[6:]
        chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
        sector = next((c for c in chunks if c in SECTORS and c not in NON_STATE_PREFIXES), None)
        return country, sector
    head, rest = code[:3], code[3:]
    if head in NON_STATE_PREFIXES:
        return None, rest or head
    if head in countries:
        return head, rest or None
    if code in SECTORS or head in SECTORS:
        return None, code
    return head, rest or None


def select(entries: Sequence[Entry], date: dt.date | None, today: dt.date | None = None) -> Entry | None:
    """The entry that applies on ``date``.

    Dated entries are tried in order (the first that covers the date wins), then the undated default.
    Without a date the undated default applies, else the office held longest (:func:`characteristic`).
    A known person outside all of their terms on a given date is an elite (country + ``ELI``).
    A dated place or organisation entry (a capital before independence, a renamed body) that covers the
    date wins over the undated ones; one that does not cover it is ignored.
    """
    if not entries:
        return None
    if len(entries) == 1 and not entries[0].dated:  # the common case, decided without the rules below
        return entries[0]
    top = max(e.rank for e in entries)
    entries = [e for e in entries if e.rank == top]
    entries = _by_period(entries, date)
    best_kind = min(KIND_RANK.get(e.kind, 9) for e in entries)
    entries = [e for e in entries if KIND_RANK.get(e.kind, 9) == best_kind]
    dated = [e for e in entries if e.dated]
    undated = [e for e in entries if not e.dated]
    if date is not None:
        for e in dated:
            if e.valid_on(date):
                return e
        if undated:
            return undated[0]
        return _former(_nearest(dated, date))
    if undated:
        return undated[0]
    return characteristic(dated, today)


def characteristic(entries: Sequence[Entry], today: dt.date | None = None) -> Entry:
    """The entry a person is best known for when the text has no date: the code held longest in total.

    Without a date nobody is known to be out of office, so the country and office are kept (undated
    CAMEO-manual style text about "President Bill Clinton" is about the president). Ties go to the
    most recent term.
    """
    now = today or dt.date.today()
    totals: dict[str | None, int] = {}
    for e in entries:
        start = e.start or e.end or now
        totals[e.code] = totals.get(e.code, 0) + max(((e.end or now) - start).days, 0)
    best = max(totals.values())
    return max(
        (e for e in entries if totals[e.code] == best), key=lambda e: (e.start or dt.date.min, e.end or now)
    )


def _by_period(entries: Sequence[Entry], date: dt.date | None) -> list[Entry]:
    """Drop non-person entries whose period excludes ``date``; one whose period covers it wins outright.

    Without a date the undated (current) entries stand. Persons are left alone: outside their terms they
    become elites (see :func:`select`).
    """
    periodic = [e for e in entries if e.dated and e.kind != "person"]
    if not periodic:
        return list(entries)
    if date is None:
        rest = [e for e in entries if e not in periodic]
        return rest or list(entries)
    covering = [e for e in periodic if e.valid_on(date)]
    if covering:
        return covering
    rest = [e for e in entries if e not in periodic]
    return rest or list(entries)


def _nearest(entries: Sequence[Entry], date: dt.date) -> Entry:
    def distance(e: Entry) -> int:
        if e.start is not None and date < e.start:
            return (e.start - date).days
        if e.end is not None and date > e.end:
            return (date - e.end).days
        return 0

    return min(entries, key=distance)


def _former(entry: Entry) -> Entry:
    """A person out of office: country + ELI (IGO officials keep no sector)."""
    if entry.kind != "person" or not entry.country or entry.country in IGO_BLOCS or entry.country == "IGO":
        return entry
    return replace(entry, sector="ELI", code=f"{entry.country}ELI", start=None, end=None)
