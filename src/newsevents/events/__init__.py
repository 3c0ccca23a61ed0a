"""The events layer: CAMEO/PLOVER ontology, the pattern lexicon and the dependency-based event coder."""

from __future__ import annotations

from .cameo import CameoCode, cameo_info, root
from .lexicon import Lexicon, Pattern, load_lexicon

__all__ = ["CameoCode", "Lexicon", "Pattern", "cameo_info", "load_lexicon", "root"]
