"""Pair quotation marks into quoted spans (pure functions, no model).

Works on ``Document.clean_text``, where curly marks are already straight (``"`` and ``'``) and offsets
equal those of ``Article.text``. Rules:

- double marks (``"``, and ``''`` as some papers write it) pair up left to right inside one paragraph (a
  line); a mark never pairs across a line break;
- a paragraph with an odd number of marks whose last mark opens a quote leaves it open to the paragraph
  end; when the next paragraph starts with a mark, the quote continues there (multi-paragraph quote,
  one ``group``);
- a paragraph whose first (odd) mark closes a quote closes the quote left open by the previous paragraph;
- unbalanced spans stop at the paragraph end and at ``max_open`` characters (at a sentence end when possible),
  so a stray mark never swallows the article;
- single marks pair only outside double-quoted spans, open before a letter and close after a word, so
  apostrophes ("don't", "the Smiths' house") do not open quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["QuoteSpan", "artifact_free", "paragraphs", "quote_spans", "trim"]

MAX_OPEN = 600
MAX_SINGLE = 300
_DOUBLE = re.compile(r"\"|(?<!')''(?!')")
_SENT_END = re.compile(r"[.!?][\"']?\s")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\-—–:]))'(?=[A-Za-z0-9])")
_SINGLE_CLOSE = re.compile(r"(?<=[A-Za-z0-9.,!?])'(?=[\s.,;:!?)\]\-—–]|$)")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted span ``[start, end)`` including its marks (an unclosed span has no closing mark)."""

    start: int
    end: int
    closed: bool = True
    group: int = 0  # spans of one multi-paragraph quote share a group number
    mark: str = '"'


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-blank line of ``text``, whitespace-trimmed."""
    pos = 0
    for line in text.split("\n"):
        start, end = trim(text, pos, pos + len(line))
        if end > start:
            yield start, end
        pos += len(line) + 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap(text: str, start: int, end: int, limit: int) -> int:
    """End of an unclosed span: the paragraph end, or the last sentence end within ``limit`` chars."""
    if end - start <= limit:
        return end
    window = text[start : start + limit]
    last = None
    for m in _SENT_END.finditer(window):
        last = m.start() + 1
    return start + (last if last is not None and last > 20 else limit)


def _mark_end(text: str, i: int) -> int:
    """End of the double mark at ``i`` (``"`` or the two-apostrophe ``''``)."""
    return i + 2 if text.startswith("''", i) else i + 1


def _closes(text: str, i: int) -> bool:
    """A mark that reads as closing: after a non-space, before a space, punctuation or the end."""
    before = text[i - 1] if i > 0 else " "
    j = _mark_end(text, i)
    after = text[j] if j < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]-—–")


def quote_spans(text: str, *, max_open: int = MAX_OPEN) -> list[QuoteSpan]:
    """All quoted spans of ``text`` (double then single marks), sorted by start."""
    spans: list[QuoteSpan] = []
    groups = 0
    carry: int | None = None  # group of the quote left open at the end of the previous paragraph
    for p_start, p_end in paragraphs(text):
        marks = [m.start() for m in _DOUBLE.finditer(text, p_start, p_end)]
        continued = carry if marks and marks[0] == p_start else None
        carry = None
        if not marks:
            continue
        if len(marks) == 1 and marks[0] != p_start and _closes(text, marks[0]):
            # closes a quote whose opening mark was lost
            groups += 1
            spans.append(QuoteSpan(p_start, _mark_end(text, marks[0]), True, groups))
            continue
        for k in range(0, len(marks) - 1, 2):
            if k == 0 and continued is not None:
                group = continued
            else:
                groups += 1
                group = groups
            spans.append(QuoteSpan(marks[k], _mark_end(text, marks[k + 1]), True, group))
        if len(marks) % 2 == 1:
            if len(marks) == 1 and continued is not None:
                group = continued
            else:
                groups += 1
                group = groups
            end = _cap(text, marks[-1], p_end, max_open)
            s, e = trim(text, marks[-1], end)
            if e - s > 1:
                spans.append(QuoteSpan(s, e, False, group))
                carry = group if end == p_end else None
    spans.extend(_single_spans(text, spans))
    spans.sort(key=lambda q: q.start)
    return spans


def _single_spans(text: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Spans in single marks outside the double-quoted spans, within one paragraph."""
    out: list[QuoteSpan] = []

    def inside_double(i: int) -> bool:
        return any(q.start <= i < q.end for q in doubles)

    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        if "'" not in para:
            continue
        closes = [m.start() + p_start for m in _SINGLE_CLOSE.finditer(para)]
        pos = p_start
        for m in _SINGLE_OPEN.finditer(para):
            start = m.start() + p_start
            if start < pos or inside_double(start):
                continue
            end = next((c for c in closes if start + 1 < c <= start + MAX_SINGLE), None)
            if end is None or inside_double(end):
                continue
            # "the Smiths' house": a closing mark after a plural -s before a lower-case word is an apostrophe
            after = text[end + 2] if end + 2 < len(text) else ""
            if text[end - 1] == "s" and text[end + 1 : end + 2] == " " and after.islower():
                continue
            out.append(QuoteSpan(start, end + 1, True, -1, "'"))
            pos = end + 1
    return out


def artifact_free(text: str, clean: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` cut before the first scraper artifact (a non-space blanked in ``clean``), trimmed."""
    for i in range(start, end):
        if clean[i] == " " and not text[i].isspace():
            end = i
            break
    return trim(clean, start, end)
