from newsevents.actors.span import actor_for_span, actors_for_span, compose_code
from newsevents.document import Actor


def _m(
    text: str, start: int, code: str, country: str | None, sector: str | None, kind: str = "agent"
) -> Actor:
    return Actor(text, start, start + len(text), code, country, sector, None, kind)


def test_compose_code() -> None:
    assert compose_code("USA", "GOV") == "USAGOV"
    assert compose_code(None, "REB") == "REB"
    assert compose_code("UNO", "GOV") == "IGOUNOGOV"
    assert compose_code(None, None) is None


def test_phrase_combines_country_and_role() -> None:
    # "Iraqi defence minister" -> IRQ + GOV
    mentions = [_m("Iraqi", 0, "IRQ", "IRQ", None, "country"), _m("defence minister", 6, "GOV", None, "GOV")]
    actor = actor_for_span(mentions, 0, 22, head_start=15)
    assert actor is not None and actor.code == "IRQGOV"


def test_compound_actor_gives_each_member() -> None:
    # "both leaders" stored as two mentions with one span
    mentions = [
        _m("both leaders", 10, "USAGOV", "USA", "GOV"),
        _m("both leaders", 10, "PRKGOV", "PRK", "GOV"),
    ]
    actors = actors_for_span(mentions, 10, 22, head_start=15)
    assert [a.code for a in actors] == ["USAGOV", "PRKGOV"]
    assert actors_for_span(mentions, 0, 5, head_start=2) == []


def test_plain_phrase_gives_one_actor() -> None:
    mentions = [_m("rebels", 0, "REB", None, "REB")]
    assert [a.code for a in actors_for_span(mentions, 0, 6, head_start=0)] == ["REB"]
