"""The reporting-cue lexicon (``data/quote_cues.tsv``): verbs and nouns that introduce attributed content."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CueLexicon", "load_cues", "parse_cues"]

KINDS = ("speech", "belief", "object", "intent", "clause", "seem", "noun", "adjective", "agent")


@dataclass(frozen=True)
class CueLexicon:
    """Verb lemmas by kind (``speech``, ``belief``, ``object``, ``intent``, ``clause``, ``seem``), the cue
    nouns, the cue adjectives ("confident that", "critical of") and the agent nouns ("a critic of")."""

    verbs: dict[str, str]
    nouns: frozenset[str]
    adjectives: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()

    def verb_kind(self, lemma: str) -> str | None:
        return self.verbs.get(lemma)


def parse_cues(lines: list[str]) -> CueLexicon:
    """Build the lexicon from TSV lines (``lemma<TAB>kind``; ``#`` comments and blank lines skipped)."""
    verbs: dict[str, str] = {}
    nouns: set[str] = set()
    adjectives: set[str] = set()
    agents: set[str] = set()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lemma, _, kind = line.partition("\t")
        kind = kind.strip()
        if kind == "noun":
            nouns.add(lemma.lower())
        elif kind == "adjective":
            adjectives.add(lemma.lower())
        elif kind == "agent":
            agents.add(lemma.lower())
        elif kind in KINDS:
            verbs[lemma.lower()] = kind
    return CueLexicon(verbs, frozenset(nouns), frozenset(adjectives), frozenset(agents))


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon (read once per process)."""
    text = resources.files("newsevents").joinpath("data/quote_cues.tsv").read_text(encoding="utf-8")
    return parse_cues(text.splitlines())
