"""Resolve speakers to coded actors, through the actor mentions and in-article coreference.

A speaker phrase is coded from the actor mentions inside it (:func:`newsevents.actors.span.actor_for_span`).
Pronouns ("he said", "they said") and bare descriptions without a country ("the ministry", "state media",
"the department", "officials") take the most recent compatible speaker of the article, or an actor
mention before them: same sector first; a ministry or department the country of the last minister or
secretary named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..actors.span import actor_for_span, compose_code
from ..document import Actor

__all__ = ["SpeakerResolver", "is_pronoun"]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
_GROUP_PRONOUNS = frozenset({"they", "it", "we", "them"})
# an institution named by its head noun -> the role words of the people who lead it
_INSTITUTION_ROLES: dict[str, tuple[str, ...]] = {
    "department": ("secretary", "department"),
    "ministry": ("minister", "ministry"),
    "office": ("minister", "president", "office"),
}
_WORD = re.compile(r"[a-z]+")
_NEAR = 30  # characters between a role word and the country or person that anchors it


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PERSON_PRONOUNS | _GROUP_PRONOUNS


class SpeakerResolver:
    """Resolve the speakers of one article in text order, remembering earlier speakers."""

    def __init__(self, mentions: Sequence[Actor], text: str) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.text = text
        self.history: list[Actor] = []

    def resolve(self, start: int, end: int, head: int | None) -> Actor | None:
        """The actor of the speaker phrase ``[start, end)``; remembered for later pronouns."""
        phrase = self.text[start:end]
        actor = actor_for_span(self.mentions, start, end, head)
        low = phrase.strip().lower()
        if low in _PERSON_PRONOUNS:
            if actor is None or not actor.code:
                actor = self._antecedent(start, person=True) or actor
        elif low in _GROUP_PRONOUNS:
            if actor is None or not actor.code:
                actor = self._antecedent(start, person=False) or actor
        elif actor is not None and actor.country is None and actor.kind == "agent":
            actor = self._complete(actor, phrase, start)
        if actor is not None:
            actor = replace(actor, text=phrase, start=start, end=end)
            if actor.code:
                self.history.append(actor)
        return actor

    def _antecedent(self, before: int, *, person: bool) -> Actor | None:
        for a in reversed(self.history):
            if a.start < before and (a.kind == "person") == person and a.code:
                return a
        for m in reversed(self.mentions):
            if m.end <= before and m.code and (m.kind == "person") == person and m.country:
                return m
        return None

    def _complete(self, actor: Actor, phrase: str, start: int) -> Actor:
        """Fill the country of a sector-only speaker ("the ministry", "state media")."""
        country = None
        for a in reversed(self.history):
            if a.start < start and a.country and a.sector == actor.sector and a.kind != "person":
                country = a.country
                break
        words = _WORD.findall(phrase.lower())
        roles = next((r for w in reversed(words) if (r := _INSTITUTION_ROLES.get(w))), None)
        if roles is not None:
            country = self._role_country(roles, start) or country
        if country is None:
            return actor
        return replace(actor, country=country, code=compose_code(country, actor.sector))

    def _role_country(self, roles: tuple[str, ...], before: int) -> str | None:
        """The country of the last mention naming one of ``roles`` before ``before``."""
        for k in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[k]
            if m.end > before or not any(r in m.text.lower() for r in roles):
                continue
            if m.country:
                return m.country
            lo, hi = m.start - _NEAR, m.end + _NEAR
            near = [
                x
                for x in self.mentions[max(0, k - 3) : k + 4]
                if x is not m
                and x.country
                and lo <= x.start
                and x.end <= hi
                and "\n" not in self.text[min(x.end, m.end) : max(x.start, m.start)]
            ]
            if near:
                return min(near, key=lambda x: abs(x.start - m.start)).country
        return None
