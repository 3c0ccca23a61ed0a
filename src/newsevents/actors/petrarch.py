"""Import PETRARCH / TABARI-format actor and agent dictionaries supplied by the user at run time.

Actor dictionaries: blocks of a name line (``NORTH_KOREA [PRK]``), ``+SYNONYM`` lines and code lines
(``[HOBGOV 19950601-19990815]``, ``[HOB <950601]``, ``[HOBREB >990816]``, ``[ONO <911226]``). ``_`` joins the
words of a name; ``#`` starts a comment; ``<!-- ... -->`` comments may span lines; ``---`` is a discard code.
Dates are ``YYMMDD`` (00-30 -> 20YY) or ``YYYYMMDD``; ``<`` means before, ``>`` from that day on, ``A-B``
is inclusive; restrictions are tried in order and an undated code is the default.

Agent dictionaries: ``PHRASE {PLURAL} [~GOV]`` (``{}`` = no plural, else the regular plural is added),
``[NGO~]`` puts the agent code before the country, ``!PERSON! = MAN, MEN ...`` defines a substitution set
used as ``CONGRESS!PERSON!``.

Discard dictionaries: one phrase a line ("BASEBALL", "+Manchester United"); a sentence containing a phrase
yields no events, and a phrase marked with ``+`` discards the whole story.

Compound codes (``[FRO/BIL/SAM]``: "the Shire" is three actors) are kept whole; the stage splits them into
one mention per member.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, NewsEventsError
from .builtin import Keyed, plural
from .entries import Entry, split_code
from .tokens import key_of

_BRACKET_RE = re.compile(r"\[([^\]]*)\]")
_DATE_RE = re.compile(r"^(\d{6}|\d{8})$")


def _kind_of(name: str) -> str:
    name = name.lower()
    if "discard" in name:
        return "discards"
    return "agents" if "agent" in name else "actors"


def dictionary_files(paths: Iterable[str]) -> list[tuple[Path, str]]:
    """(file, "actors" | "agents" | "discards") for every path; a directory contributes its actor, agent
    and discard files."""
    out: list[tuple[Path, str]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.iterdir()):
                name = f.name.lower()
                if not f.is_file() or not name.endswith(".txt"):
                    continue
                if "agent" in name or "actor" in name or "discard" in name:
                    out.append((f, _kind_of(name)))
        elif path.is_file():
            out.append((path, _kind_of(path.name)))
        else:
            raise NewsEventsError(Errors.E015, path=str(path))
    return out


def clean_lines(text: str) -> Iterator[str]:
    """Lines without comments (``#`` to end of line, ``<!-- -->`` possibly over several lines)."""
    in_comment = False
    for raw in text.splitlines():
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        while "<!" in line:
            head, _, tail = line.partition("<!")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line = head
                in_comment = True
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


def parse_date(value: str) -> dt.date | None:
    """``"950601"`` -> 1995-06-01, ``"090120"`` -> 2009-01-20, ``"20121109"`` -> 2012-11-09."""
    value = value.strip()
    if not _DATE_RE.match(value):
        return None
    if len(value) == 6:
        yy = int(value[:2])
        year, month, day = (2000 + yy if yy <= 30 else 1900 + yy), int(value[2:4]), int(value[4:6])
    else:
        year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, day) if day <= last else None


@dataclass(frozen=True)
class CodeSpec:
    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None


def parse_code(content: str) -> CodeSpec | None:
    """``"HOBGOV 19950601 - 19990815"`` -> CodeSpec; None when the restriction cannot be read."""
    parts = content.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip().upper()
    code_or_none = None if code.strip("-") == "" else code
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return CodeSpec(code_or_none)
    if rest[0] == "<":
        end = parse_date(rest[1:])
        return CodeSpec(code_or_none, None, end - dt.timedelta(days=1)) if end else None
    if rest[0] == ">":
        start = parse_date(rest[1:])
        return CodeSpec(code_or_none, start, None) if start else None
    if "-" in rest:
        a, _, b = rest.partition("-")
        start, end = parse_date(a), parse_date(b)
        return CodeSpec(code_or_none, start, end) if start and end else None
    return None


@dataclass
class _Block:
    names: list[str] = field(default_factory=list)
    codes: list[CodeSpec] = field(default_factory=list)


def _name_part(line: str) -> str:
    return line.split("[", 1)[0].strip().lstrip("+").replace("_", " ").strip()


def _codes_in(line: str) -> list[CodeSpec]:
    return [spec for m in _BRACKET_RE.finditer(line) if (spec := parse_code(m.group(1))) is not None]


def actor_entries(text: str, countries: frozenset[str]) -> Iterator[Keyed]:
    """Entries of one actor dictionary (user entries: ``rank`` 1)."""
    blocks: list[_Block] = []
    for line in clean_lines(text):
        stripped = line.strip()
        if stripped.startswith("["):
            if blocks:
                blocks[-1].codes.extend(_codes_in(stripped))
            continue
        if stripped.startswith("+"):
            if blocks:
                blocks[-1].names.append(_name_part(stripped))
                blocks[-1].codes.extend(_codes_in(stripped))
            continue
        blocks.append(_Block([_name_part(stripped)], _codes_in(stripped)))
    for block in blocks:
        label = block.names[0].title() if block.names else None
        for spec in block.codes:
            country, sector = split_code((spec.code or "").split("/")[0] or None, countries)
            entry = Entry("actor", spec.code, country, sector, label, start=spec.start, end=spec.end, rank=1)
            for name in block.names:
                key = key_of(name)
                if key:
                    yield key, entry


def agent_entries(text: str) -> Iterator[Keyed]:
    """Entries of one agent dictionary."""
    substitutions: dict[str, list[str]] = {}
    for line in clean_lines(text):
        if "!" in line and "=" in line and "[" not in line:
            marker, _, values = line.partition("=")
            substitutions[marker.strip().strip("!").upper()] = [
                v.strip() for v in values.split(",") if v.strip()
            ]
            continue
        if "[" not in line:
            continue
        phrase, _, rest = line.partition("[")
        raw_code = rest.split("]", 1)[0].strip().replace(" ", "")
        prefix = raw_code.endswith("~") and not raw_code.startswith("~")
        sector = raw_code.strip("~").upper()
        if not sector:
            continue
        forms: list[str]
        if "!" in phrase:
            head, _, tail = phrase.partition("!")
            marker, _, after = tail.partition("!")
            forms = [head + sub + after for sub in substitutions.get(marker.upper(), [])]
        elif "{" in phrase:
            base, _, braces = phrase.partition("{")
            forms = [base, braces.split("}", 1)[0]]
        else:
            words = phrase.strip().replace("_", " ").split()
            forms = [phrase, " ".join([*words[:-1], plural(words[-1].lower())])] if words else []
        for form in forms:
            key = key_of(form.replace("_", " "))
            if key:
                priority = 3 if len(key) > 1 else 2
                yield (
                    key,
                    Entry(
                        "agent",
                        sector,
                        None,
                        sector,
                        form.replace("_", " ").strip().lower(),
                        priority=priority,
                        rank=1,
                        prefix=prefix,
                    ),
                )


def discard_entries(text: str) -> Iterator[Keyed]:
    """Entries of one discard dictionary: ``kind`` "discard", ``priority`` 1 for a story-level phrase."""
    for line in clean_lines(text):
        phrase = line.split(";", 1)[0].strip()
        story = phrase.startswith("+")
        phrase = phrase.lstrip("+").replace("_", " ").strip()
        key = key_of(phrase)
        if key:
            yield key, Entry("discard", None, None, None, phrase, priority=1 if story else 0, rank=1)


def dictionary_entries(paths: Iterable[str], countries: frozenset[str]) -> Iterator[Keyed]:
    for path, kind in dictionary_files(paths):
        text = path.read_text(encoding="utf-8", errors="replace")
        if kind == "agents":
            yield from agent_entries(text)
        elif kind == "discards":
            yield from discard_entries(text)
        else:
            yield from actor_entries(text, countries)
