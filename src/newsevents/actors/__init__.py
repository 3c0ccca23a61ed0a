"""Actors: the knowledge base that codes actor strings and the ``actors`` pipeline stage."""

from __future__ import annotations

from .kb import ActorKB, load_kb

__all__ = ["ActorKB", "load_kb"]
