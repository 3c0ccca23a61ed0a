"""The ``clean`` stage: blank scraper artifacts and normalise characters without moving any offset.

``clean_text`` always has exactly the length of ``Article.text``: artifacts (``[ad_1]``, ``Source link``,
share/subscribe/cookie boilerplate lines ...) are overwritten with spaces, curly quotes become straight
quotes and exotic spaces plain spaces, one code point for one code point. Line breaks are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .document import Document
from .pipeline import Resources, register_stage

# One code point -> one code point, so offsets never move.
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
        "\u200a": " ", "\u200b": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ", "\ufeff": " ",
        "\t": " ", "\r": " ", "\x0b": " ", "\x0c": " ",
    }
)  # fmt: skip

# Artifacts that are blanked wherever they occur.
_INLINE = (
    r"\[ad_\d+\]",
    r"\(adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\)\.push\(\{\}\);?",
)

# Whole lines of boilerplate (matched against the line without its surrounding blanks, case-insensitive).
_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|instagram|pinterest|reddit|email|e-mail|messenger)"
)
_LINES = (
    # "[ad_2]Source link" and friends at the end of scraped pages
    r"(?:\[ad_\d+\]\s*)*source\s+link",
    r"advertisement(?:\s*[-:|]?\s*(?:continue|scroll)\s+reading(?:\s+below)?)?",
    r"(?:sponsored(?:\s+content)?|promoted(?:\s+stories)?|ad|ads|paid\s+content)",
    r"(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advertisement)?",
    r"continue\s+reading(?:\s+(?:below|the\s+main\s+story|here))?\W*",
    # link lists: the header alone, or the header, a colon/arrow and a headline
    r"(?:(?:read|see)\s+(?:more|also|next)|also\s+read|related|recommended|more\s+from\s+\S+"
    r"|most\s+(?:read|popular|viewed))(?:\s+(?:articles?|stories|coverage|news|content|videos?))?"
    r"(?:\s*[:>»|-].{0,200}|\W*)",
    r"share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|video))?"
    r"(?:\s+(?:on|via|with|to)\s+" + _SOCIAL + r")?\W*",
    r"share\s+(?:on|via)\s+" + _SOCIAL + r".{0,80}",
    r"(?:tweet|print|email|e-mail|comments?|save|copy\s+link|" + _SOCIAL + r")(?:\s*[|/·•]\s*\w+){0,8}\W*",
    r"follow\s+(?:us|me|\S+)\s+on\s+" + _SOCIAL + r".{0,200}",
    r"(?:click|tap)\s+here\s+(?:to|for)\b.{0,200}",
    r"(?:sign\s+up|subscribe|register)\s+(?:now\s+)?(?:for|to)\s+(?:our|the|a)\s+.{0,80}newsletters?.{0,120}",
    r"subscribe(?:\s+(?:now|today|here))?\W*",
    r"subscribe\s+to\s+(?:our|the)\s+.{0,80}(?:channel|newsletter|podcast|updates|feed).{0,120}",
    r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies.{0,400}",
    r"by\s+(?:continuing|using)\s+.{0,120}\bcookies\b.{0,300}",
    r"(?:accept|allow|manage)(?:\s+all)?\s+cookies.{0,80}",
    r"cookie\s+(?:policy|settings|preferences|notice|consent).{0,80}",
    r"(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|scroll\s+to\s+top)",
    r"image\s+(?:copyright|source)\b.{0,120}",
    r"(?:©|\(c\)|copyright\s+©?)\s*\d{4}.{0,160}",
    r"all\s+rights\s+reserved\.?",
)

_WORD = re.compile(r"[a-z']+")
_STOPWORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "on",
        "it",
        "with",
        "as",
        "was",
        "he",
        "said",
        "by",
        "at",
        "from",
        "be",
        "his",
        "have",
        "has",
        "are",
        "an",
        "this",
        "but",
        "not",
        "they",
        "which",
        "or",
        "its",
        "were",
        "been",
        "who",
        "will",
        "their",
        "had",
        "would",
        "we",
        "after",
        "also",
        "about",
        "there",
        "when",
        "than",
        "more",
        "one",
        "her",
        "she",
        "you",
        "i",
        "new",
        "other",
        "into",
        "up",
        "over",
        "out",
        "could",
        "can",
        "what",
        "them",
        "some",
        "two",
        "all",
        "if",
    }
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    inline = re.compile("|".join(_INLINE), re.IGNORECASE)
    lines = re.compile(
        r"^[ \t\u00a0]*(?:" + "|".join(f"(?:{p})" for p in _LINES) + r")[ \t\u00a0]*$",
        re.IGNORECASE | re.MULTILINE,
    )
    return inline, lines


def artifact_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of scraper artifacts in ``text``.

    Line-level boilerplate spans cover the line's content but never its line break.
    """
    inline, lines = _patterns()
    spans = [m.span() for m in inline.finditer(text)]
    spans.extend(m.span() for m in lines.finditer(text) if m.end() > m.start())
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def clean_text(text: str) -> str:
    """``text`` with artifacts blanked by spaces and characters normalised; same length as ``text``."""
    out = text.translate(_CHAR_MAP)
    spans = artifact_spans(text)
    if not spans:
        return out
    pieces = []
    pos = 0
    for start, end in spans:
        pieces.append(out[pos:start])
        pieces.append(" " * (end - start))
        pos = end
    pieces.append(out[pos:])
    return "".join(pieces)


def detect_language(text: str, *, sample: int = 4000) -> str | None:
    """``"en"`` when the text reads as English (share of common English function words), else ``None``.

    Texts too short to judge (fewer than 8 words) count as English when they are written in Latin
    letters, since the pipeline is English-only and a sentence-long record should still be coded.
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 8:
        letters = [c for c in text[:sample] if c.isalpha()]
        if not letters:
            return None
        latin = sum(1 for c in letters if c.isascii())
        return "en" if latin / len(letters) >= 0.9 else None
    share = sum(1 for w in words if w in _STOPWORDS) / len(words)
    return "en" if share >= 0.15 else None


@register_stage("clean", assigns=("clean_text", "language"))
def clean(doc: Document, res: Resources) -> Document:
    """Fill ``doc.clean_text`` (offset-preserving) and ``doc.language``."""
    doc.clean_text = clean_text(doc.text)
    doc.language = detect_language(doc.clean_text)
    return doc
