"""The ``places`` stage: toponyms resolved to the gazetteer, and each event's own location."""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..pipeline import Resources, register_stage
from .detect import detect_mentions
from .gazetteer import Gazetteer, Place, load_gazetteer
from .location import locate_events
from .resolve import Mention, anchors, resolve_mentions

__all__ = ["find_places", "place_rows"]


def _gazetteer(res: Resources) -> Gazetteer:
    gaz = res.extras.get("gazetteer")
    return gaz if isinstance(gaz, Gazetteer) else load_gazetteer()


def place_rows(
    article_id: str, mentions: list[Mention], senses: list[Place | None], near: list[Place | None]
) -> list[dict[str, Any]]:
    """Rows of the ``places`` table. A toponym the gazetteer does not know keeps null ``name``,
    ``geonameid`` and ``feature`` and takes the country and coordinates of the place it is near
    (``resolve.anchors``), or nulls when there is none."""
    rows = []
    for m, p, a in zip(mentions, senses, near, strict=True):
        known = p is not None
        q = p if p is not None else a
        rows.append(
            {
                "article_id": article_id,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "name": q.name if known and q else None,
                "country": q.country if q else None,
                "admin1": q.admin1 if q else None,
                "lat": q.lat if q else None,
                "lon": q.lon if q else None,
                "geonameid": q.geonameid if known and q else None,
                "feature": q.feature if known and q else None,
            }
        )
    return rows


@register_stage("places", requires=("spacy_doc", "mentions", "events"), assigns=("places", "events"))
def find_places(doc: Document, res: Resources) -> Document:
    """Fill ``doc.places`` and the location fields of ``doc.events``."""
    if doc.spacy_doc is None:
        return doc
    gaz = _gazetteer(res)
    text = doc.clean_text or doc.text
    # A one-word person that no lexicon knows is only the parser's guess ("captured Jaffna"): no veto.
    persons = [a.text for a in doc.mentions if a.kind == "person" and (a.code or " " in a.text.strip())]
    mentions = detect_mentions(doc.spacy_doc, text, gaz, persons)
    actor_countries = [a.country for a in doc.mentions if a.country and a.kind == "country"]
    senses = resolve_mentions(mentions, gaz, actor_countries)
    doc.places = place_rows(doc.article.article_id, mentions, senses, anchors(mentions, senses, gaz))
    demonym = [m.source == "demonym" for m in mentions]
    located = [dict(r, _demonym=d) for r, d in zip(doc.places, demonym, strict=True)]
    doc.events = locate_events(doc.events, located, doc.spacy_doc)
    return doc
