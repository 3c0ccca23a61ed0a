"""newsevents: turn news articles into political event data (who did what to whom, when and where).

The public API is listed in ``__all__``. Heavy parts (the store, the runner, ingest) load on first use,
so ``import newsevents`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import Actor, Article, Document, Event
from .errors import Errors, NewsEventsError

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Document",
    "Errors",
    "Event",
    "Failure",
    "NewsEventsError",
    "RunReport",
    "Store",
    "__version__",
    "code_inputs",
    "iter_articles",
]

if TYPE_CHECKING:
    from .ingest import iter_articles
    from .rows import Failure
    from .runner import RunReport, code_inputs
    from .store import Store

_LAZY = {
    "Failure": "rows",
    "RunReport": "runner",
    "code_inputs": "runner",
    "iter_articles": "ingest",
    "Store": "store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)
