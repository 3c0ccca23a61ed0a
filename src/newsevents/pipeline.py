"""The named stages and the runner that maps them over documents.

A stage is a function ``(Document, Resources) -> Document``. Stages are registered by name with the
fields they require and assign (as in spaCy's component registry), so a batch runner or a Dask worker
can map them over partitions; :class:`Resources` (models, lexicons, knowledge bases) is loaded once per
process and shared read-only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .document import Document

if TYPE_CHECKING:
    from spacy.language import Language

    from .actors.kb import ActorKB
    from .events.lexicon import Lexicon

Stage = Callable[[Document, "Resources"], Document]


@dataclass(frozen=True)
class StageInfo:
    name: str
    func: Stage
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, StageInfo] = {}


def register_stage(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[Stage], Stage]:
    """Register a stage under ``name`` (decorator)."""

    def deco(func: Stage) -> Stage:
        _REGISTRY[name] = StageInfo(name, func, requires, assigns)
        return func

    return deco


def get_stage(name: str) -> StageInfo:
    _ensure_builtin_stages()
    return _REGISTRY[name]


def stage_names() -> list[str]:
    _ensure_builtin_stages()
    return list(_REGISTRY)


def _ensure_builtin_stages() -> None:
    # Importing the stage modules registers them; done lazily so importing this module has no effects.
    from . import clean  # noqa: F401
    from .actors import stage as _actors_stage  # noqa: F401
    from .dates import stage as _dates_stage  # noqa: F401
    from .events import stage as _events_stage  # noqa: F401
    from .places import stage as _places_stage  # noqa: F401
    from .quotes import stage as _quotes_stage  # noqa: F401
    from .tone import stage as _tone_stage  # noqa: F401


@dataclass
class Resources:
    """Everything the stages load once per process. Built lazily by :func:`load_resources`."""

    nlp: Language | None = None
    actor_kb: ActorKB | None = None
    lexicon: Lexicon | None = None
    extras: dict[str, Any] = field(default_factory=dict)


DEFAULT_STAGES: tuple[str, ...] = ("clean", "actors", "events", "places", "dates", "quotes", "tone")


def load_resources(dictionaries: Iterable[str] = ()) -> Resources:
    """Load the spaCy model, actor knowledge base, event lexicon and gazetteer (no network)."""
    from .actors.kb import load_kb
    from .events.lexicon import load_lexicon
    from .nlp import load_model
    from .places.gazetteer import load_gazetteer

    return Resources(
        nlp=load_model(),
        actor_kb=load_kb(dictionaries),
        lexicon=load_lexicon(),
        extras={"gazetteer": load_gazetteer()},
    )


def process(
    docs: Iterable[Document],
    resources: Resources,
    *,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    batch_size: int = 32,
    on_error: Callable[[Document, str, Exception], None] | None = None,
    timings: dict[str, float] | None = None,
) -> Iterator[Document]:
    """Run ``clean``, the spaCy parse (batched with ``nlp.pipe``) and the later stages over ``docs``.

    A document whose stage raises is handed to ``on_error`` (stage name, exception) and dropped from the
    output; the run goes on. ``timings``, when given, accumulates the seconds spent in each named stage.
    """
    _ensure_builtin_stages()
    pre = [s for s in stages if s == "clean"]
    post = [s for s in stages if s != "clean"]

    def run(doc: Document, names: list[str]) -> Document | None:
        for name in names:
            started = time.perf_counter() if timings is not None else 0.0
            try:
                doc = _REGISTRY[name].func(doc, resources)
            except Exception as exc:  # one bad article must never stop a run
                if on_error is None:
                    raise
                on_error(doc, name, exc)
                return None
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
        return doc

    cleaned = (d for d in (run(doc, pre) for doc in docs) if d is not None)
    nlp = resources.nlp
    if nlp is None:
        for doc in cleaned:
            out = run(doc, post)
            if out is not None:
                yield out
        return
    pairs = nlp.pipe(((d.clean_text or d.text, d) for d in cleaned), as_tuples=True, batch_size=batch_size)
    for sdoc, doc in pairs:
        doc.spacy_doc = sdoc
        out = run(doc, post)
        if out is not None:
            doc.spacy_doc = None  # free the parse once the stages are done
            yield out
