"""The reporting-cue lexicon (``data/quote_cues.tsv``): verbs and nouns that introduce attributed content."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

__all__ = ["CueLexicon", "load_cues", "parse_cues"]

KINDS = ("speech", "belief", "object", "intent", "clause", "seem", "noun", "adjective", "agent")


@dataclass(frozen=True)
class CueLexicon:
    """Verb lemmas by kind (``speech``, ``belief``, ``object``, ``intent``, ``clause``, ``seem``), the cue
    nouns, the cue adjectives ("confident that", "critical of"), the agent nouns ("a critic of") and the
    multi-word verb cues ("lay out", "take aim", "make case"), indexed by their verb: ``phrases[verb]`` is
    a list of (the other words, kind), longest first."""

    verbs: dict[str, str]
    nouns: frozenset[str]
    adjectives: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def verb_kind(self, lemma: str) -> str | None:
        return self.verbs.get(lemma)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Every lemma a token may have to start a cue (single words and the verbs of phrases)."""
        return self.nouns | self.agents | self.adjectives | self.verbs.keys() | self.phrases.keys()


def parse_cues(lines: list[str]) -> CueLexicon:
    """Build the lexicon from TSV lines (``lemma<TAB>kind``; ``#`` comments and blank lines skipped). A
    verb kind on several words ("take aim<TAB>object") is a phrase: a verb and words it governs."""
    verbs: dict[str, str] = {}
    nouns: set[str] = set()
    adjectives: set[str] = set()
    agents: set[str] = set()
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lemma, _, kind = line.partition("\t")
        kind = kind.strip()
        words = lemma.lower().split()
        if len(words) > 1 and kind in KINDS[:6]:
            phrases.setdefault(words[0], []).append((tuple(words[1:]), kind))
        elif kind == "noun":
            nouns.add(lemma.lower())
        elif kind == "adjective":
            adjectives.add(lemma.lower())
        elif kind == "agent":
            agents.add(lemma.lower())
        elif kind in KINDS:
            verbs[lemma.lower()] = kind
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    return CueLexicon(verbs, frozenset(nouns), frozenset(adjectives), frozenset(agents), phrases)


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon (read once per process)."""
    text = resources.files("newsevents").joinpath("data/quote_cues.tsv").read_text(encoding="utf-8")
    return parse_cues(text.splitlines())
