"""GDELT-style tone: the share of positive and of negative words, from one pass over a parse.

GDELT's document tone is ``positive - negative`` where each is the percentage of all words of the text
found in a positive (resp. negative) dictionary; ``polarity`` is their sum. Here a word is positive when
its VADER valence is above zero and negative when below, with the polarity flipped when a negator ("not",
"n't", "no", "never", "without" ...) stands within the three tokens before it in the same sentence.
Proper nouns and prepositions are not scored ("Hope" the town, "like" the preposition).

Scoring is a handful of NumPy operations over ``Doc.to_array`` (no Python loop over tokens), so it costs
well under a millisecond per news article.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import hash_tables

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "NEGATION_WINDOW",
    "ArticleTone",
    "Tone",
    "score_doc",
    "sentence_tone_at",
    "text_tone",
]

#: How many tokens after a negator have their polarity flipped.
NEGATION_WINDOW = 3


@dataclass(frozen=True)
class Tone:
    """Tone measures of a text in GDELT's units (percent of words)."""

    positive: float  # % of words that are positive
    negative: float  # % of words that are negative
    words: int

    @property
    def tone(self) -> float:
        return self.positive - self.negative

    @property
    def polarity(self) -> float:
        return self.positive + self.negative


@dataclass(frozen=True)
class ArticleTone:
    """The tone of a whole article and of each of its sentences (character spans into the text)."""

    overall: Tone
    sentence_starts: tuple[int, ...] = ()
    sentence_tones: tuple[float, ...] = ()


EMPTY = Tone(0.0, 0.0, 0)


def _percent(count: float, words: float) -> float:
    return 100.0 * count / words if words else 0.0


def _arrays(sdoc: Doc) -> tuple[npt.NDArray[np.uint64], ...]:
    """Lower-case ids, POS, sentence starts, character offsets and a word mask of ``sdoc``'s tokens.

    A tagged doc tells words from punctuation by POS (cheap); an untagged one by lexeme flags."""
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, POS, SENT_START

    arr = np.asarray(sdoc.to_array([LOWER, POS, SENT_START, IDX]), dtype=np.uint64)
    pos = arr[:, 1]
    if pos.any():
        punct, space, sym = _non_word_pos()
        is_word = (pos != punct) & (pos != space) & (pos != sym)
    else:
        flags = np.asarray(sdoc.to_array([IS_PUNCT, IS_SPACE]), dtype=np.uint64)
        is_word = (flags[:, 0] == 0) & (flags[:, 1] == 0)
    return arr[:, 0], pos, arr[:, 2], arr[:, 3], is_word.astype(np.uint64)


@lru_cache(maxsize=1)
def _unscored_pos() -> tuple[int, int]:
    from spacy.symbols import ADP, PROPN

    return (int(PROPN), int(ADP))


@lru_cache(maxsize=1)
def _non_word_pos() -> tuple[int, int, int]:
    from spacy.symbols import PUNCT, SPACE, SYM

    return (int(PUNCT), int(SPACE), int(SYM))


def score_doc(sdoc: Doc) -> ArticleTone:
    """Tone of a parsed (or only tokenised) spaCy ``Doc`` and of each of its sentences."""
    import numpy as np

    if len(sdoc) == 0:
        return ArticleTone(EMPTY)
    keys, values, negator_keys = hash_tables()
    lower, pos, sent_start, idx, word_mask = _arrays(sdoc)
    n = len(lower)
    at = np.minimum(np.searchsorted(keys, lower), len(keys) - 1)
    valence = np.where(keys[at] == lower, values[at], 0.0)
    propn, adp = _unscored_pos()
    valence[(pos == propn) | (pos == adp)] = 0.0
    starts = np.flatnonzero(sent_start == 1)
    if starts.size == 0 or starts[0] != 0:
        starts = np.concatenate(([0], starts))
    sentence_id = np.zeros(n, dtype=np.int64)
    sentence_id[starts[1:]] = 1
    sentence_id = np.cumsum(sentence_id)
    neg_at = np.minimum(np.searchsorted(negator_keys, lower), len(negator_keys) - 1)
    negator = negator_keys[neg_at] == lower
    negated = np.zeros(n, dtype=bool)
    for k in range(1, NEGATION_WINDOW + 1):
        if k < n:
            negated[k:] |= negator[:-k] & (sentence_id[k:] == sentence_id[:-k])
    valence = np.where(negated, -valence, valence)
    is_word = word_mask.astype(bool)
    positive = (valence > 0) & is_word
    negative = (valence < 0) & is_word
    words_total = int(is_word.sum())
    overall = Tone(
        _percent(int(positive.sum()), words_total), _percent(int(negative.sum()), words_total), words_total
    )
    s_words = np.add.reduceat(is_word.astype(np.int64), starts)
    s_balance = np.add.reduceat(positive.astype(np.int64) - negative.astype(np.int64), starts)
    s_tone = np.divide(
        100.0 * s_balance, s_words, out=np.zeros(len(starts), dtype=np.float64), where=s_words > 0
    )
    return ArticleTone(overall, tuple(idx[starts].tolist()), tuple(s_tone.tolist()))


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    import spacy

    return spacy.blank("en")


def text_tone(text: str) -> Tone:
    """Tone of a plain text, tokenised with spaCy's English rules (no parse: every word is scored)."""
    return score_doc(_tokenizer().make_doc(text)).overall


def sentence_tone_at(tone: ArticleTone | None, offset: int | None) -> float | None:
    """Tone of the sentence that contains character ``offset`` (an event's evidence start)."""
    if tone is None or offset is None or not tone.sentence_starts:
        return None
    i = bisect.bisect_right(tone.sentence_starts, offset) - 1
    return tone.sentence_tones[max(i, 0)]
