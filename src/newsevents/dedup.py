"""Near-duplicate (syndicated) articles: MinHash fingerprints of word shingles, found through LSH bands.

A wire story reprinted with another byline, a dateline, a different headline or a trailing "Related
coverage" block is not byte-identical to its original, so the content hash does not catch it. Two articles
are *near-duplicates* when the estimated Jaccard similarity of their sets of word 5-shingles is at least
``threshold`` (default :data:`DEFAULT_THRESHOLD`) and their publication dates are at most
:data:`MAX_DAYS` apart (or either is unknown).

A fingerprint is a MinHash signature of :data:`NUM_PERM` values (affine permutations of 32-bit shingle
hashes, computed with numpy: no library with its import cost for a dozen lines), cut into
:data:`BANDS` bands whose keys index it in the store; articles sharing a band key are compared on their
whole signatures. Texts shorter than :data:`MIN_WORDS` words get no fingerprint: a few shingles say too
little about a whole article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "BANDS",
    "DEFAULT_THRESHOLD",
    "MAX_DAYS",
    "MIN_WORDS",
    "NUM_PERM",
    "Candidate",
    "Fingerprint",
    "Indexed",
    "best_original",
    "fingerprint",
    "similarity",
]

SHINGLE = 5  # words per shingle
NUM_PERM = 64
BANDS = 16  # of NUM_PERM // BANDS values each: pairs at Jaccard 0.8 share a band with probability > 0.999
MIN_WORDS = 40
MAX_DAYS = 3
DEFAULT_THRESHOLD = 0.8
_SEED = 1
_PRIME = (1 << 31) - 1
_MULT = 1_000_003  # odd multiplier of the shingle hash polynomial
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Fingerprint:
    """MinHash signature (``NUM_PERM`` little-endian uint32 values) and its LSH band keys."""

    signature: bytes
    bands: tuple[int, ...]


#: an article's id, publication date and fingerprint (None: too short to fingerprint, recorded so that it is
#: not read again)
Indexed = tuple[str, dt.date | None, Fingerprint | None]


@dataclass(frozen=True)
class Candidate:
    """A stored (or earlier in the run) article a new one may duplicate."""

    article_id: str
    published: dt.date | None
    signature: bytes


def _shingle_hashes(words: Sequence[str]) -> Any:
    """The distinct 32-bit hashes of the runs of :data:`SHINGLE` consecutive words: the CRC-32 of each word,
    combined in order by a polynomial (mod 2**32), so each word is hashed once."""
    import numpy as np

    word_hash = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        acc = (acc * np.uint64(_MULT) + word_hash[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(acc)


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The :data:`NUM_PERM` affine hash permutations ``(a * h + b) mod p`` of :data:`_SEED`, drawn once."""
    import numpy as np

    gen = np.random.Generator(np.random.PCG64(_SEED))
    a = gen.integers(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
    b = gen.integers(0, _PRIME, size=NUM_PERM, dtype=np.uint64)
    return a, b


def fingerprint(text: str) -> Fingerprint | None:
    """The fingerprint of ``text`` (case and punctuation ignored); None for a text under
    :data:`MIN_WORDS` words."""
    import numpy as np

    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    hashes = _shingle_hashes(words)
    a, b = _permutations()
    # (a * h + b) mod p for every permutation and shingle, the minimum per permutation (p = 2**31 - 1:
    # a * h stays below 2**63, so uint64 arithmetic is exact)
    values = ((np.outer(a, hashes % _PRIME) + b[:, None]) % _PRIME).min(axis=1).astype("<u4")
    rows = NUM_PERM // BANDS
    bands = tuple(
        int.from_bytes(
            hashlib.blake2b(values[k * rows : (k + 1) * rows].tobytes() + bytes([k]), digest_size=8).digest(),
            "little",
            signed=True,
        )
        for k in range(BANDS)
    )
    return Fingerprint(values.tobytes(), bands)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal MinHash values."""
    import numpy as np

    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    if len(x) != len(y) or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / len(x)


def _close_in_time(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= MAX_DAYS


def best_original(
    fp: Fingerprint,
    published: dt.date | None,
    candidates: Iterable[Candidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> str | None:
    """The id of the first candidate (in the order given: earliest stored first) that ``fp`` duplicates,
    or None."""
    for cand in candidates:
        if (
            _close_in_time(published, cand.published)
            and similarity(fp.signature, cand.signature) >= threshold
        ):
            return cand.article_id
    return None
