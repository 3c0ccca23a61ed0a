"""Label normalisation shared by the event scorers: PLOVER mapping, actor countries, modality.

Everything here follows ``shared/eval/README.md`` (section *Events metrics*) so that our scores agree with
the maintainers' independent scorer. All functions are pure; the CAMEO->PLOVER table is passed in.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = [
    "LEGACY_COUNTRIES",
    "PLOVER_ALIASES",
    "SECTOR_CODES",
    "actor_country",
    "country_matches",
    "counts_as_asserted",
    "load_cameo_codes",
    "load_plover_table",
    "map_cameo_to_plover",
    "normalise_plover",
    "parse_plover_table",
]

PloverTable = Mapping[str, str]

# PLOVER v0.5b1 names accepted for the current 16 categories.
PLOVER_ALIASES: Mapping[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

# Legacy CAMEO country codes -> ISO 3166-1 alpha-3.
LEGACY_COUNTRIES: Mapping[str, str] = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
}

# CAMEO / Phoenix / PLOVER agent (sector) codes, and the international actor types without a country.
# A code starting with one of these has no country ("---"). None of them is an ISO3 country code.
SECTOR_CODES: frozenset[str] = frozenset(
    (
        "AGR",
        "AMN",
        "BUD",
        "BUS",
        "CHR",
        "COP",
        "CRM",
        "CTH",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "GOV",
        "GRP",
        "HIN",
        "HLH",
        "HRI",
        "IMG",
        "INS",
        "IRC",
        "JEW",
        "JNK",
        "JRN",
        "JUD",
        "LAB",
        "LEG",
        "MED",
        "MIL",
        "MNC",
        "MOD",
        "MOS",
        "MUS",
        "NGM",
        "NGO",
        "NON",
        "OPP",
        "PKO",
        "PPL",
        "PRE",
        "PRM",
        "PTY",
        "RAD",
        "REB",
        "REF",
        "REL",
        "SEP",
        "SET",
        "SOC",
        "SPY",
        "UAF",
        "UIS",
        "UNK",
    )
)

_ASSERTED = frozenset({"", "asserted"})


def counts_as_asserted(modality: object) -> bool:
    """Only events with modality ``asserted``, empty or null are scored."""
    if modality is None:
        return True
    return str(modality).strip().lower() in _ASSERTED


def parse_plover_table(lines: Iterable[str]) -> dict[str, str]:
    """Parse ``cameo2plover.tsv`` (header ``cameo, plover_event, ...``). The first row of a code wins."""
    table: dict[str, str] = {}
    for row in csv.reader(lines, delimiter="\t"):
        if len(row) < 2 or row[0].strip().lower() == "cameo":
            continue
        code, plover = row[0].strip(), row[1].strip().upper()
        if code and plover and code not in table:
            table[code] = plover
    return table


def load_cameo_codes(path: Path) -> frozenset[str]:
    """The ``code`` column of the CAMEO codebook table; empty when the file is absent."""
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["code"].strip() for row in csv.DictReader(fh, delimiter="\t") if row.get("code"))


def load_plover_table(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return parse_plover_table(fh)


def map_cameo_to_plover(code: object, table: PloverTable) -> str | None:
    """Look ``code`` up; if absent drop its last character and retry down to the 2-digit root."""
    if code is None:
        return None
    key = str(code).strip().upper()
    while len(key) >= 2:
        if key in table:
            return table[key]
        key = key[:-1]
    return None


def normalise_plover(label: object) -> str | None:
    """Upper-case a PLOVER type and map v0.5b1 aliases; empty -> None."""
    if label is None:
        return None
    text = str(label).strip().upper()
    if not text:
        return None
    return PLOVER_ALIASES.get(text, text)


def actor_country(code: object, fallback_country: object = None) -> str:
    """The country of an actor for triples.

    First 3 letters of the CAMEO actor code; ``IGO`` + organisation for IGOs (``IGOUNOMIL`` -> ``IGOUNO``);
    ``---`` for codes that start with a sector; legacy codes normalised; a null code falls back to the
    event's ``*_country``; no actor at all is ``---``.
    """
    text = str(code).strip().upper() if code is not None else ""
    if not text:
        text = str(fallback_country).strip().upper() if fallback_country is not None else ""
    if not text:
        return "---"
    if text.startswith("IGO"):
        return text[:6]
    head = text[:3]
    if head in SECTOR_CODES:
        return "---"
    return LEGACY_COUNTRIES.get(head, head)


def country_matches(gold: str, pred: str) -> bool:
    """Gold and predicted countries match; a bare gold ``IGO`` matches any ``IGO...``."""
    if gold == pred:
        return True
    return gold == "IGO" and pred.startswith("IGO")
