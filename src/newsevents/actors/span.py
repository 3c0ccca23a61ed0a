"""Combine the actor mentions inside a phrase into one actor ("North Korean leader" -> PRK + GOV)."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Actor

# The actor layer stores an IGO's organisation in ``country`` (UNO, EUR) or the bare marker IGO.
_IGO_COUNTRIES = frozenset({"IGO", "UNO", "EUR"})


def compose_code(country: str | None, sector: str | None) -> str | None:
    """``USA`` + ``GOV`` -> ``USAGOV``; a sector without a country stays bare (``REB``)."""
    if not country and not sector:
        return None
    if country in _IGO_COUNTRIES:
        return f"IGO{'' if country == 'IGO' else country}{sector or ''}"
    return f"{country or ''}{sector or ''}"


def actor_for_span(
    mentions: Sequence[Actor], start: int, end: int, head_start: int | None = None
) -> Actor | None:
    """The actor a phrase ``[start, end)`` denotes, built from the mentions inside it.

    The mention containing the phrase head (``head_start``) leads; a missing country or sector is filled
    from the other mentions in the phrase, nearest first.
    """
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return None
    lead = inside[0]
    if head_start is not None:
        for m in inside:
            if m.start <= head_start < m.end:
                lead = m
                break
    country, sector, name = lead.country, lead.sector, lead.name
    for m in sorted(inside, key=lambda m: abs(m.start - lead.start)):
        if country is None and m.country:
            country = m.country
        if sector is None and m.sector:
            sector = m.sector
        if name is None and m.name:
            name = m.name
    if lead.kind == "igo" or (lead.code or "").startswith("IGO"):
        code = lead.code
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
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return []
    spans: dict[tuple[int, int], list[Actor]] = {}
    for m in inside:
        spans.setdefault((m.start, m.end), []).append(m)
    members = next(
        (
            group
            for (s, e), group in spans.items()
            if len(group) > 1 and head_start is not None and s <= head_start < e
        ),
        None,
    )
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
