"""The sentiment lexicon: VADER's word valences (``vaderSentiment``, MIT), read from the installed package.

Only the word -> valence table is used (no VADER rules); it is read once per process at first use and
turned into sorted arrays of spaCy string hashes so a document is scored with a few array operations.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import Errors, NewsEventsError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["NEGATORS", "hash_tables", "load_valences"]

_PACKAGE = "vaderSentiment"
_FILE = "vader_lexicon.txt"

#: Words that flip the polarity of a sentiment word within the next few tokens ("not good", "no peace",
#: "without violence"); spaCy splits "can't" into "ca" + "n't" and "cannot" into "can" + "not".
NEGATORS = frozenset(
    {"not", "n't", "no", "never", "without", "nor", "neither", "none", "nothing", "nobody", "nowhere",
     "cannot", "hardly", "rarely", "seldom", "aint", "dont", "cant", "wont", "didnt", "doesnt", "isnt"}
)  # fmt: skip


@lru_cache(maxsize=1)
def load_valences() -> dict[str, float]:
    """``{lower-cased token: valence}`` (-4 .. +4) from the VADER lexicon; negators are left out."""
    if importlib.util.find_spec(_PACKAGE) is None:
        raise NewsEventsError(Errors.E032, package="vadersentiment")
    text = (importlib.resources.files(_PACKAGE) / _FILE).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t", 2)
        if len(parts) < 2 or not parts[0] or parts[0] in NEGATORS:
            continue
        value = float(parts[1])
        if value != 0.0:
            out[parts[0]] = value
    return out


@lru_cache(maxsize=1)
def hash_tables() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64], npt.NDArray[np.uint64]]:
    """(sorted word hashes, their valences, sorted negator hashes) in spaCy's string-hash space."""
    import numpy as np
    from spacy.strings import get_string_id

    valences = load_valences()
    pairs = sorted((get_string_id(w), v) for w, v in valences.items())
    keys = np.array([k for k, _ in pairs], dtype=np.uint64)
    values = np.array([v for _, v in pairs], dtype=np.float64)
    negators = np.array(sorted(get_string_id(w) for w in NEGATORS), dtype=np.uint64)
    return keys, values, negators
