"""Numbered errors. Every error a user can see has a code; ``docs/errors.md`` lists them all."""

from __future__ import annotations

from enum import Enum


class Errors(Enum):
    """Message templates, numbered like spaCy's ``Errors``."""

    E001 = "input not found: {path}"
    E002 = "input is empty"
    E003 = "input is binary, not text"
    E004 = "input is not valid UTF-8 (byte {pos})"
    E005 = "HTML page has no extractable article text"
    E006 = "JSONL line {line} is not valid JSON: {reason}"
    E007 = "JSONL line {line} has neither 'text' nor 'html'"
    E008 = "input is too large ({size} bytes; limit {limit})"
    E009 = "invalid date {value!r}: expected YYYY-MM-DD"
    E010 = "unsupported input type: {path}"
    E011 = "stage {stage} failed: {reason}"
    E012 = "database error: {reason}"
    E013 = "unknown table {table!r}; choose from {choices}"
    E014 = "unknown export format {fmt!r}; choose from {choices}"
    E015 = "dictionary file not readable: {path}"
    E016 = "evaluation data folder not found: {path}"
    E017 = "score {metric} = {value:.3f} is below the pinned floor {floor:.3f}"
    E020 = "JSONL line {line} is not a JSON object"
    E021 = (
        "no supported input files (.txt, .html, .htm, .jsonl, .warc, .arc, .rss, .atom, .xml, optionally .gz)"
        " under {path}"
    )
    E022 = "unexpected error: {reason}"
    E023 = "database not found: {path}"
    E024 = "parquet export needs --out FILE"
    E018 = "unknown CAMEO code {code!r}"
    E019 = "event lexicon {path}, line {line}: {reason}"
    E025 = "eval file {name} does not match MANIFEST.json (sha256 {actual}, manifest {expected})"
    E026 = "eval floors are pinned to other gold data ({names}); gate skipped"
    E027 = "JSONL line {line}: field {field!r} must be a string, not {kind}"
    E028 = "cannot read input: {reason}"
    E029 = "article id {article_id!r} appears twice in this run with different texts"
    E030 = "Dask worker failed: {reason}"
    E031 = "cannot connect to the Dask scheduler {address}: {reason}"
    E032 = "the tone lexicon needs the {package} package: pip install {package}"
    E033 = "format {fmt!r} exports only the {table} table, not {other!r}"
    E034 = "WARC/ARC data at byte {offset} can not be read ({reason}); {resumed}"
    E035 = "feed entry has no article text (summary only); fetch the page and code the HTML"
    E036 = "not an RSS or Atom feed: {reason}"

    def format(self, *args: object, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(*args, **kwargs)


class NewsEventsError(Exception):
    """An error meant for the user: one line, with its number."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.error = error
        self.code = error.name
        super().__init__(error.format(**kwargs))
