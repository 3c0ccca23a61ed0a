"""An actor does not act on itself: a target that is the source again (pronoun, same person) is dropped."""

from __future__ import annotations

from newsevents.document import Actor, Event
from newsevents.events.stage import without_self_target


def _actor(text: str, code: str, name: str, kind: str) -> Actor:
    return Actor(text, 0, len(text), code, code[:3], code[3:] or None, name, kind)


def _event(source: Actor, target: Actor) -> Event:
    return Event(0, 0, 40, 10, 14, "010", source=source, target=target)


def test_pronoun_or_same_person_as_target_is_dropped() -> None:
    minister = _actor("Ostrova", "NORGOV", "Ingrid Ostrova", "person")
    assert (
        without_self_target(_event(minister, _actor("she", "NORGOV", "Ingrid Ostrova", "person"))).target
        is None
    )
    country = _actor("Norway", "NOR", "Norway", "country")
    assert without_self_target(_event(country, _actor("it", "NOR", "Norway", "country"))).target is None


def test_another_mention_with_the_same_code_stays() -> None:
    group = _actor("Norwegian fishermen", "NOR", "Norway", "country")
    state = _actor("Norway", "NOR", "Norway", "country")
    assert without_self_target(_event(group, state)).target == state
    other = _actor("the prime minister", "NORGOV", "Jonas Lind", "person")
    minister = _actor("Ostrova", "NORGOV", "Ingrid Ostrova", "person")
    assert without_self_target(_event(minister, other)).target == other
