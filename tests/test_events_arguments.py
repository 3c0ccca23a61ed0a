"""Who is source and who is target: reporting speakers, conjoined subjects, places, coordinated titles,
relative pronouns and borrowed states (sentences written for these tests)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import mentions_from_table
from newsevents.document import Actor, Event
from newsevents.events.extract import extract_events
from newsevents.events.lexicon import load_lexicon

pytestmark = pytest.mark.model

# surface -> (code, country, sector); longer surfaces first so they win overlaps
ACTORS = {
    "UN envoy Mary Otieno": ("KENGOV", "KEN", "GOV"),
    "defence secretary": ("GOV", None, "GOV"),
    "Ugandan officials": ("UGAGOV", "UGA", "GOV"),
    "Ugandan rebels": ("UGAREB", "UGA", "REB"),
    "Ugandan troops": ("UGAMIL", "UGA", "MIL"),
    "Kenyan troops": ("KENMIL", "KEN", "MIL"),
    "Kenyan police": ("KENCOP", "KEN", "COP"),
    "Kenyan engineer": ("KENBUS", "KEN", "BUS"),
    "Kenyan soldiers": ("KENMIL", "KEN", "MIL"),
    "foreign minister": ("GOV", None, "GOV"),
    "Kenyan minister": ("KENGOV", "KEN", "GOV"),
    "Grace Achieng": ("JUD", None, "JUD"),
    "John Kamau": ("KENGOV", "KEN", "GOV"),
    "The judge": ("JUD", None, "JUD"),
    "engineers": ("BUS", None, "BUS"),
    "Kenyan": ("KEN", "KEN", None),
    "Ugandan": ("UGA", "UGA", None),
    "Kampala": ("UGA", "UGA", None),
    "Kismayo": ("SOM", "SOM", None),
    "Nairobi": ("KEN", "KEN", None),
    "Kenya": ("KEN", "KEN", None),
    "Uganda": ("UGA", "UGA", None),
}
_PERSONS = frozenset({"John Kamau", "Grace Achieng", "UN envoy Mary Otieno"})


def _mentions(text: str) -> list[Actor]:
    out = []
    for a in mentions_from_table(text, ACTORS):
        kind = "country" if a.sector is None else "person" if a.text in _PERSONS else "agent"
        out.append(replace(a, kind=kind))
    return out


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return extract_events(nlp(text), _mentions(text), load_lexicon(), text)


def _pairs(nlp, text: str) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {
        (e.source.code if e.source else None, e.target.code if e.target else None)
        for e in _events(nlp, text)
        if e.modality == "asserted"
    }


def _texts(nlp, text: str) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {
        (e.source.text if e.source else None, e.target.text if e.target else None)
        for e in _events(nlp, text)
        if e.modality == "asserted"
    }


# ---------------------------------------------------------------- the speaker of a report


def test_speaker_is_not_the_domestic_target(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenyan police detained dozens of protesters, the Kenyan minister said.")
    assert found and all(tgt != "KENGOV" for _, tgt in found)


def test_according_to_names_no_target(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenyan police detained dozens of protesters, according to the Kenyan minister.")
    assert found and all(tgt != "KENGOV" for _, tgt in found)


def test_domestic_target_in_the_clause_is_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("KENCOP", "KEN") in _pairs(nlp, "Kenyan police detained dozens of protesters in Nairobi.")


# ---------------------------------------------------------------- conjoined subjects


def test_joint_attackers_do_not_attack_each_other(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenyan and Ugandan troops struck targets near the border.")
    assert ("KEN", "UGA") not in found and ("UGA", "KEN") not in found


def test_passive_agents_are_not_each_others_targets(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "The town was defended by Kenyan troops and Ugandan troops.")
    assert ("KENMIL", "UGAMIL") not in found and ("UGAMIL", "KENMIL") not in found


def test_allies_fighting_alongside_are_no_enemies(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenyan troops and Ugandan troops are fighting alongside the rebels.")
    assert ("KENMIL", "UGAMIL") not in found and ("UGAMIL", "KENMIL") not in found


def test_conjoined_parties_of_a_war_fight_each_other(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenya and Uganda fought a war in 1987.")
    assert ("KEN", "UGA") in found and ("UGA", "KEN") in found


def test_conjoined_parties_of_a_meeting_meet_each_other(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Kenyan troops and Ugandan troops met near the border.")
    assert ("KENMIL", "UGAMIL") in found


# ---------------------------------------------------------------- places are no doers


def test_place_of_a_capture_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "Two engineers were kidnapped in Nairobi last week.")
    assert found and all(src != "Nairobi" for src, _ in found)


def test_place_in_the_subject_phrase_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "Airstrikes against Kismayo killed dozens of Kenyan soldiers.")
    assert all(src != "Kismayo" for src, _ in found)


def test_named_doer_still_source_with_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("KENCOP", "BUS") in {
        (s, t[-3:] if t else t) for s, t in _pairs(nlp, "Kenyan police arrested two engineers in Nairobi.")
    }


# ---------------------------------------------------------------- one person, two titles


def test_two_titles_of_one_person_are_one_source(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "The defence secretary and UN envoy Mary Otieno met Ugandan officials.")
    assert ("UN envoy Mary Otieno", "Ugandan officials") in found
    assert all(src != "defence secretary" and tgt != "defence secretary" for src, tgt in found)


def test_a_title_and_another_person_are_two_sources(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "The defence secretary and John Kamau met Ugandan officials.")
    assert {src for src, _ in found} >= {"defence secretary", "John Kamau"}


# ---------------------------------------------------------------- relative pronouns


def test_relative_pronoun_stands_for_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "This is the Kenyan engineer who was kidnapped by Ugandan rebels in Kampala.")
    assert ("Ugandan rebels", "Kenyan engineer") in found
    assert ("Ugandan rebels", "Kampala") not in found


# ---------------------------------------------------------------- borrowed states


def test_a_person_does_not_take_the_other_sides_state(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _pairs(nlp, "Grace Achieng criticized Ugandan officials in Nairobi.")
    assert ("JUD", "UGAGOV") in found and ("UGAJUD", "UGAGOV") not in found


def test_a_role_takes_the_counterparts_state(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("UGAJUD", "UGAGOV") in _pairs(nlp, "The judge criticized Ugandan officials in Nairobi.")
