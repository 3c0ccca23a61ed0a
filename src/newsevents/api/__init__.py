"""Read-only HTTP API and analyst dashboard over a newsevents database (``newsevents serve``).

FastAPI is imported only when this package is, never by the rest of newsevents.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
