"""Word tokens for actor matching: the same tokenizer for lexicon keys, free-text actor strings and articles.

Tokens keep their character offsets; their ``norm`` is lower-cased, accent-free and has the dots of
abbreviations removed ("U.S." -> "us", "Khürelsükh" -> "khurelsukh"). Hyphens and apostrophes split words,
identically on both sides, so "Kim Jong-un" and "Kim Jong Un" give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# dotted abbreviations first (U.S., U.N., D.P.R.K., m.p.), then runs of letters/digits
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}(?:[^\W\d_](?![\w.]))?|[^\W_]+")


class Token(NamedTuple):
    text: str
    norm: str
    start: int
    end: int

    @property
    def is_upper(self) -> bool:
        """All letters are capitals ("US", "U.N.", "G7")."""
        return self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """``"Khürelsükh"`` -> ``"khurelsukh"``; ``"U.S."`` -> ``"us"``."""
    if word.isascii():
        return word.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.lower().replace(".", "")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    # built with tuple.__new__: an article has ~1,000 tokens and Token(...) would run a Python __new__ each
    return [
        _new(Token, (word := m.group(), normalise(word), m.start() + offset, m.end() + offset))
        for m in _TOKEN_RE.finditer(text)
    ]


_new = tuple.__new__


def key_of(phrase: str) -> tuple[str, ...]:
    """The lookup key of a lexicon phrase; a leading article is dropped ("the Kremlin" -> ("kremlin",))."""
    norms = tuple(t.norm for t in tokenize(phrase))
    while norms and norms[0] in ("the", "a", "an"):
        norms = norms[1:]
    return norms
