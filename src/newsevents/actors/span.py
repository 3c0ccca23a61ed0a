"""Combine the actor mentions inside a phrase into one actor ("North Korean leader" -> PRK + GOV).

Mention kinds the actors stage produces: ``country``, ``igo``, ``org``, ``person``, ``agent`` (role words),
and two markers that are no actors: ``discard`` (a discard phrase of a user dictionary: the sentence yields
no events) and ``discard_story`` (the whole article yields no events). A compound actor ("both leaders",
"the two sides", a dictionary code ``FRO/BIL/SAM``) is stored as several mentions with the same span, one
per member.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Actor

# The actor layer stores an IGO's organisation in ``country`` (UNO, EUR) or the bare marker IGO.
_IGO_COUNTRIES = frozenset({"IGO", "UNO", "EUR"})
DISCARD = "discard"
DISCARD_STORY = "discard_story"
DISCARD_KINDS = frozenset({DISCARD, DISCARD_STORY})
# at most this many characters between two mentions that form one name ("Arnor cleric", "MSF Arnor")
_ADJACENT = 1


def compose_code(country: str | None, sector: str | None) -> str | None:
    """``USA`` + ``GOV`` -> ``USAGOV``; a sector without a country stays bare (``REB``)."""
    if not country and not sector:
        return None
    if country in _IGO_COUNTRIES:
        return f"IGO{'' if country == 'IGO' else country}{sector or ''}"
    return f"{country or ''}{sector or ''}"


def _actors_inside(mentions: Sequence[Actor], start: int, end: int) -> list[Actor]:
    return [m for m in mentions if m.start >= start and m.end <= end and m.kind not in DISCARD_KINDS]


def _adjacent_agents(inside: Sequence[Actor], lead: Actor) -> list[Actor]:
    """Agent words written right next to ``lead`` (a chain: "Arnor security officials")."""
    out: list[Actor] = []
    ordered = sorted(inside, key=lambda m: m.start)
    k = ordered.index(lead)
    left, right = lead.start, lead.end
    for m in reversed(ordered[:k]):
        if m.kind != "agent" or left - m.end > _ADJACENT:
            break
        out.append(m)
        left = m.start
    for m in ordered[k + 1 :]:
        if m.kind != "agent" or m.start - right > _ADJACENT:
            break
        out.append(m)
        right = m.end
    return out


def actor_for_span(
    mentions: Sequence[Actor], start: int, end: int, head_start: int | None = None
) -> Actor | None:
    """The actor a phrase ``[start, end)`` denotes, built from the mentions inside it.

    The mention containing the phrase head (``head_start``) leads. A role-word lead ("the ambassadors of
    Arnor", "soldiers from Gondor") takes its country from the nearest named mention in the phrase; a named
    lead ("Arnor", "Libya") takes a sector only from role words written right next to it ("Arnor cleric"),
    not from words elsewhere in the phrase ("Osgiliath, the state's fiercest foe"). When the head itself is
    no actor ("two artillery shells at Seoul") role words that only modify it are ignored.
    """
    inside = _actors_inside(mentions, start, end)
    if not inside:
        return None
    lead: Actor | None = None
    if head_start is not None:
        lead = next((m for m in inside if m.start <= head_start < m.end), None)
        if lead is None:
            inside = [m for m in inside if not (m.kind == "agent" and 0 <= head_start - m.end <= _ADJACENT)]
            if not inside:
                return None
            lead = next((m for m in inside if m.kind != "agent"), inside[0])
    if lead is None:
        lead = inside[0]
    country, sector, name = lead.country, lead.sector, lead.name
    by_distance = sorted(inside, key=lambda m: abs(m.start - lead.start))
    if lead.kind == "agent":
        for m in by_distance:
            if country is None and m.country:
                country = m.country
            if sector is None and m.sector:
                sector = m.sector
            if name is None and m.name and m.kind != "agent":
                name = m.name
    else:
        for m in by_distance:
            if country is None and m.country and m.kind != "agent":
                country = m.country
        if sector is None:
            sector = next((m.sector for m in _adjacent_agents(inside, lead) if m.sector), None)
    if lead.kind == "igo" or (lead.code or "").startswith("IGO"):
        code = lead.code
    elif lead.kind != "agent" and lead.code and sector == lead.sector and country == lead.country:
        code = lead.code  # keep the lead's own code ("PSEHMSGOV", "NGO")
    else:
        code = compose_code(country, sector)
    return Actor(
        text=lead.text,
        start=min(m.start for m in inside),
        end=max(m.end for m in inside),
        code=code,
        country=country,
        sector=sector,
        name=name,
        kind=lead.kind,
    )


def actors_for_span(
    mentions: Sequence[Actor], start: int, end: int, head_start: int | None = None
) -> list[Actor]:
    """Every actor a phrase denotes: one for a simple phrase, one per member for a compound actor.

    A compound actor ("both leaders", "the two sides") is stored by the actors stage as several mentions with
    the same span, one per member; each member becomes its own actor so the event coder can emit an event
    for each. Plain phrases give what :func:`actor_for_span` gives.
    """
    inside = _actors_inside(mentions, start, end)
    if not inside:
        return []
    spans: dict[tuple[int, int], list[Actor]] = {}
    for m in inside:
        spans.setdefault((m.start, m.end), []).append(m)
    compounds = [(s, e, g) for (s, e), g in spans.items() if len(g) > 1]
    members = next((g for s, e, g in compounds if head_start is not None and s <= head_start < e), None)
    if members is None and head_start is None and compounds:
        members = compounds[0][2]
    if members is None:
        single = actor_for_span(mentions, start, end, head_start)
        return [single] if single is not None else []
    seen: set[str | None] = set()
    out: list[Actor] = []
    for m in members:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


def discarded(mentions: Sequence[Actor], start: int, end: int) -> bool:
    """True when the text ``[start, end)`` (a sentence) must yield no events.

    That is when it contains a sentence-level discard phrase of a user dictionary (sports and the like), or
    the article contains a story-level discard phrase anywhere.
    """
    return any(
        m.kind == DISCARD_STORY or (m.kind == DISCARD and m.start >= start and m.end <= end) for m in mentions
    )
