"""The built-in lexicon: countries, IGOs, places, named organisations, office holders and agent words.

Read lazily from the package's ``data/*.tsv`` files (our own compact tables of general knowledge).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from importlib import resources

from .entries import Entry, split_code
from .tokens import key_of, tokenize

Keyed = tuple[tuple[str, ...], Entry]


def read_rows(name: str) -> list[list[str]]:
    """Non-comment rows of ``data/<name>`` split on tabs."""
    text = resources.files("newsevents").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def case_rule(name: str) -> str:
    """Acronyms match only in capitals ("US" never matches the pronoun "us")."""
    toks = tokenize(name)
    if len(toks) != 1:
        return ""
    word = toks[0].text
    if word.isupper() and len(word.replace(".", "")) <= 6:
        return "upper"
    if sum(c.isupper() for c in word) >= 2:
        return "cap"
    return ""


def plural(word: str) -> str:
    """Regular English plural of a noun phrase's last word."""
    if word.endswith(("man",)) and not word.endswith("human"):
        return word[:-3] + "men"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def demonym_plural(word: str) -> str | None:
    if word.endswith(("s", "sh", "ch", "ese", "man", "men", "born")):
        return None
    return word + "s"


def _date(value: str) -> dt.date | None:
    value = value.strip()
    return dt.date.fromisoformat(value) if value else None


def _field(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def country_codes() -> frozenset[str]:
    return frozenset(row[0].strip() for row in read_rows("countries.tsv"))


def country_entries() -> Iterator[Keyed]:
    for row in read_rows("countries.tsv"):
        iso = row[0].strip()
        names = [n for n in _field(row, 1).split("|") if n]
        label = names[0] if names else iso
        for n in names:
            yield key_of(n), Entry("country", iso, iso, None, label, case=case_rule(n))
        for d in (x for x in _field(row, 2).split("|") if x):
            yield key_of(d), Entry("country", iso, iso, None, label, case=case_rule(d))
            many = demonym_plural(d)
            if many:
                yield key_of(many), Entry("country", iso, iso, None, label)
        for c in (x for x in _field(row, 3).split("|") if x):
            yield key_of(c), Entry("capital", f"{iso}GOV", iso, "GOV", label, priority=0, case=case_rule(c))


def igo_entries() -> Iterator[Keyed]:
    for row in read_rows("igos.tsv"):
        code = row[0].strip()
        country, sector = split_code(code)
        names = [n for n in _field(row, 1).split("|") if n]
        for n in names:
            yield key_of(n), Entry("igo", code, country, sector, names[0], case=case_rule(n))


def place_entries() -> Iterator[Keyed]:
    for row in read_rows("places.tsv"):
        iso, kind = row[1].strip(), row[2].strip()
        for n in (x for x in row[0].split("|") if x):
            if kind == "prestate":
                entry = Entry("prestate", f"{iso}PRE", iso, "PRE", n, priority=0, case=case_rule(n))
            elif kind == "city":
                entry = Entry("city", iso, iso, "CVL", n, priority=0, case=case_rule(n))
            else:
                entry = Entry("region", iso, iso, None, n, case=case_rule(n))
            yield key_of(n), entry


def history_entries() -> Iterator[Keyed]:
    """``actor_history.tsv``: places whose state or role changed, valid within their dates only."""
    for row in read_rows("actor_history.tsv"):
        iso, kind = row[1].strip(), row[2].strip()
        start, end = _date(_field(row, 3)), _date(_field(row, 4))
        for n in (x for x in row[0].split("|") if x):
            if kind == "capital":
                entry = Entry("capital", f"{iso}GOV", iso, "GOV", n, priority=0, start=start, end=end)
            else:
                entry = Entry("city", iso, iso, "CVL", n, priority=0, start=start, end=end)
            yield key_of(n), replace(entry, case=case_rule(n))


def named_entries(file: str, kind: str, countries: frozenset[str]) -> Iterator[Keyed]:
    """``orgs.tsv`` / ``persons.tsv``: names, code, optional term."""
    for row in read_rows(file):
        names = [n for n in row[0].split("|") if n]
        code = row[1].strip()
        country, sector = split_code(code, countries)
        start, end = _date(_field(row, 2)), _date(_field(row, 3))
        for n in names:
            label = names[0] if kind == "person" else n
            entry = Entry(kind, code, country, sector, label, start=start, end=end, case=case_rule(n))
            yield key_of(n), entry


# "the Reagan administration", "the Abe government": a leader's surname before one of these nouns is the
# government they led
_GOVERNMENT_NOUNS = ("administration", "government", "govt", "cabinet", "regime", "presidency", "junta")
LEADER_FILES = ("persons.tsv", "actor_leaders.tsv")
# cabinet ministers, military chiefs, regional executives, opposition figures and public figures by region
PEOPLE_FILES = (
    "actor_people_americas_europe.tsv",
    "actor_people_africa_asia.tsv",
    "actor_people_east_asia.tsv",
)


def leader_government_entries(countries: frozenset[str]) -> Iterator[Keyed]:
    """``<surname> administration`` -> the leader's country + GOV, restricted to the leader's terms.

    Surnames are the last words of the names of heads of state and government (``LEADER_FILES``) with at
    least 3 letters; a surname shared by leaders of different countries is ambiguous and left out.
    """
    by_surname: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}
    label: dict[str, str] = {}
    for file in LEADER_FILES:
        for row in read_rows(file):
            country, sector = split_code(row[1].strip(), countries)
            if not country or sector != "GOV":
                continue
            start, end = _date(_field(row, 2)), _date(_field(row, 3))
            for name in (n for n in row[0].split("|") if n):
                toks = tokenize(name)
                if toks and len(toks[-1].norm) >= 3 and toks[-1].is_title:
                    by_surname.setdefault(toks[-1].norm, []).append((country, start, end))
                    label.setdefault(toks[-1].norm, toks[-1].text)
    for surname, terms in by_surname.items():
        if len({c for c, _, _ in terms}) != 1:
            continue
        country = terms[0][0]
        for start, end in sorted({(s, e) for _, s, e in terms}, key=lambda t: t[0] or dt.date.min):
            for noun in _GOVERNMENT_NOUNS:
                name = f"{label[surname]} {noun}"
                entry = Entry("org", f"{country}GOV", country, "GOV", name, start=start, end=end, case="cap")
                yield (surname, noun), entry


def agent_entries() -> Iterator[Keyed]:
    for row in read_rows("agents.tsv"):
        term, _, many = row[0].strip().partition("|")
        sector = row[1].strip()
        priority = int(_field(row, 2) or 2)
        entry = Entry("agent", sector, None, sector, term, priority=priority)
        yield key_of(term), entry
        words = term.split(" ")
        yield key_of(many or " ".join([*words[:-1], plural(words[-1])])), entry


def builtin_entries() -> Iterator[Keyed]:
    countries = country_codes()
    yield from country_entries()
    yield from igo_entries()
    yield from place_entries()
    yield from history_entries()
    yield from named_entries("orgs.tsv", "org", countries)
    yield from named_entries("actor_media.tsv", "org", countries)
    yield from named_entries("actor_legislatures.tsv", "org", countries)
    yield from named_entries("persons.tsv", "person", countries)
    yield from named_entries("actor_leaders.tsv", "person", countries)
    yield from leader_government_entries(countries)
    yield from named_entries("actor_officials.tsv", "person", countries)
    for file in PEOPLE_FILES:
        yield from named_entries(file, "person", countries)
    yield from agent_entries()
