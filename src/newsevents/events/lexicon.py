"""The event pattern lexicon: trigger lemma (+ particle/preposition, + argument lemma) -> CAMEO code.

The patterns live in ``data/verb_patterns.tsv`` (format described in its header). Rows are indexed by
``(pos, lemma)`` so a token is checked with one dictionary lookup; the few rows of a lemma are kept sorted
most specific first, so the first row whose constraints hold is the match.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import Errors, NewsEventsError
from .cameo import is_cameo_code
from .compose import FAMILIES, INTENTS

__all__ = ["NO_EVENT", "Lexicon", "Pattern", "load_lexicon", "parse_lexicon"]

POS_TAGS = frozenset({"V", "N", "A"})
# the code of a blocking row: a sense of the lemma that is no event ("hit the campaign trail", "shot back")
NO_EVENT = "-"
OTHER_INTENTS = frozenset({"", "say", "deny"})


@dataclass(frozen=True)
class Pattern:
    """One lexicon row for one lemma. ``code`` is a CAMEO code or a content family (see ``compose``)."""

    pos: str
    lemma: str
    prep: frozenset[str]
    obj: frozenset[str]
    code: str
    intent: str
    line: int

    @property
    def specificity(self) -> int:
        return 2 * bool(self.obj) + bool(self.prep)

    @property
    def is_event(self) -> bool:
        """False for content-only rows (their ``code`` is a family such as ``ref.lead``) and blocking rows."""
        return self.code not in FAMILIES and self.code != NO_EVENT

    def matches(self, preps: Collection[str], args: Collection[str]) -> bool:
        if self.prep and self.prep.isdisjoint(preps):
            return False
        return not (self.obj and self.obj.isdisjoint(args))


class Lexicon:
    """Patterns indexed by ``(pos, lemma)``."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        index: dict[tuple[str, str], list[Pattern]] = {}
        for p in patterns:
            index.setdefault((p.pos, p.lemma), []).append(p)
        self._index: dict[tuple[str, str], tuple[Pattern, ...]] = {
            key: tuple(sorted(rows, key=lambda p: (-p.specificity, p.line))) for key, rows in index.items()
        }

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._index.values())

    def has(self, pos: str, lemma: str) -> bool:
        return (pos, lemma) in self._index

    def rows(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self._index.get((pos, lemma), ())

    def match(
        self, pos: str, lemma: str, preps: Collection[str] = (), args: Collection[str] = ()
    ) -> Pattern | None:
        """The most specific row of ``lemma`` whose particle/preposition and argument constraints hold.

        Rows constrained by an argument beat rows constrained by a preposition, which beat bare rows; among
        argument rows, one matched by a two-word form ("peacekeeping force") beats one matched by a single
        word ("force"); remaining ties go to the earlier row.
        """
        best: Pattern | None = None
        best_score = -1
        for p in self._index.get((pos, lemma), ()):
            if not p.matches(preps, args):
                continue
            multiword = bool(p.obj) and any(" " in a for a in p.obj.intersection(args))
            score = 4 * bool(p.obj) + 2 * multiword + bool(p.prep)
            if score > best_score:
                best, best_score = p, score
        return best

    def lemmas(self) -> set[tuple[str, str]]:
        return set(self._index)


def _split(cell: str) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in cell.split("|") if x.strip())


def parse_lexicon(text: str, path: str = "<string>") -> Lexicon:
    """Parse the TSV format of ``verb_patterns.tsv``; raises ``NewsEventsError`` (E019) on a bad row."""
    patterns: list[Pattern] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 5:
            raise NewsEventsError(
                Errors.E019, path=path, line=n, reason="expected 5 or 6 tab-separated cells"
            )
        pos, lemmas, prep, obj, code = (c.strip() for c in cells[:5])
        intent = cells[5].strip() if len(cells) > 5 else ""
        if pos not in POS_TAGS:
            raise NewsEventsError(Errors.E019, path=path, line=n, reason=f"unknown pos {pos!r}")
        if not (is_cameo_code(code) or code in FAMILIES or code == NO_EVENT):
            raise NewsEventsError(Errors.E019, path=path, line=n, reason=f"unknown code {code!r}")
        if intent not in INTENTS and intent not in OTHER_INTENTS:
            raise NewsEventsError(Errors.E019, path=path, line=n, reason=f"unknown intent {intent!r}")
        for lemma in _split(lemmas):
            patterns.append(Pattern(pos, lemma, _split(prep), _split(obj), code, intent, n))
    return Lexicon(patterns)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (loaded once per process)."""
    res = resources.files("newsevents").joinpath("data").joinpath("verb_patterns.tsv")
    return parse_lexicon(res.read_text(encoding="utf-8"), path="verb_patterns.tsv")
