"""Numbered errors. Every error a user can see has a code; ``docs/errors.md`` lists them all."""

from __future__ import annotations

from enum import Enum


class Errors(str, Enum):
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
    E018 = "unknown CAMEO code {code!r}"
    E019 = "event lexicon {path}, line {line}: {reason}"

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(*args, **kwargs)


class NewsEventsError(Exception):
    """An error meant for the user: one line, with its number."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.error = error
        self.code = error.name
        super().__init__(error.format(**kwargs))
