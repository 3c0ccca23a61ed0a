"""Event-location and detection rules added for clause, apposition and premodifier cases (own sentences)."""

from __future__ import annotations

import hashlib

import pytest

from newsevents.document import Actor, Article, Document, Event
from newsevents.pipeline import Resources, get_stage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resources() -> Resources:
    from newsevents.nlp import load_model

    return Resources(nlp=load_model())


def _located(text: str, trigger: str, res: Resources) -> Document:
    from newsevents.places import stage as _stage  # noqa: F401 - registers "places"

    assert res.nlp is not None
    i = text.index(trigger)
    actor = Actor("Rebels", 0, 6, "REB", sector="REB")
    ev = Event(0, 0, len(text), i, i + len(trigger), "190", source=actor, trigger_text=trigger)
    art = Article("t", text, hashlib.sha256(text.encode()).hexdigest())
    doc = Document(art, clean_text=text, spacy_doc=res.nlp(text), events=[ev])
    return get_stage("places").func(doc, res)


def test_village_of_x_in_region_names_the_village(resources: Resources) -> None:
    text = "Rebels seized the village of Kfar Tennit in western Idlib after heavy fighting."
    assert _located(text, "seized", resources).events[0].location_name == "Kfar Tennit"


def test_country_premodifying_a_non_place_noun_is_no_place(resources: Resources) -> None:
    text = "Rebels said their commander was killed in a U.S. airstrike on Monday."
    assert _located(text, "killed", resources).events[0].location_name is None


def test_city_premodifying_a_facility_is_the_place(resources: Resources) -> None:
    text = "Rebels attacked the Kabul headquarters of the mission on Monday."
    assert _located(text, "attacked", resources).events[0].location_name == "Kabul"


def test_object_of_a_non_locative_preposition_inside_the_object(resources: Resources) -> None:
    # "the envoy for Iraq" says whom the envoy serves, not where the killing happened.
    text = "Rebels killed the special envoy for Iraq on the road to Amman."
    assert _located(text, "killed", resources).events[0].location_name == "Amman"


def test_relative_clause_place_is_not_the_patrols(resources: Resources) -> None:
    text = "Rebels ambushed soldiers on the road to Aleppo who had been based in Turkey."
    assert _located(text, "ambushed", resources).events[0].location_name == "Aleppo"


def test_city_before_its_province_wins(resources: Resources) -> None:
    # "North Kivu province" counts as a region, so the city is the smaller place.
    text = "Rebels captured Goma, the capital of North Kivu province, on Tuesday."
    doc = _located(text, "captured", resources)
    assert doc.events[0].location_name == "Goma"
    assert any(p["text"] == "Goma" and p["country"] == "COD" for p in doc.places)


def test_apposition_makes_an_unknown_name_a_place(resources: Resources) -> None:
    text = "Rebels raided a house in Qasr Banat, a small town near the border, on Friday."
    doc = _located(text, "raided", resources)
    assert any(p["text"] == "Qasr Banat" for p in doc.places)
    assert doc.events[0].location_name == "Qasr Banat"


def test_distance_apposition_cues_a_small_known_place(resources: Resources) -> None:
    text = "Peacekeepers patrolled Zorzor, 200 kilometers north of Monrovia, on Tuesday."
    doc = _located(text, "patrolled", resources)
    assert any(p["text"] == "Zorzor" and p["country"] == "LBR" for p in doc.places)


def test_hyphenated_name_is_not_cut_to_a_particle(resources: Resources) -> None:
    text = "Rebels shelled the neighbourhood of Al-Zuhour in southern Homs."
    doc = _located(text, "shelled", resources)
    assert all(not p["text"].endswith("-") for p in doc.places)


def test_according_to_is_no_place_of_the_event(resources: Resources) -> None:
    text = "The guard was shot dead, according to Kano television reports."
    assert _located(text, "shot", resources).events[0].location_name is None


def test_one_word_parser_person_that_is_a_big_city_is_the_place(resources: Resources) -> None:
    # The parser may call a lone city name a person; a large gazetteer place in a possessive wins.
    text = "Troops patrolled Bukavu's streets overnight."
    doc = _located(text, "patrolled", resources)
    assert [p["text"] for p in doc.places] == ["Bukavu"]
    assert doc.events[0].location_name == "Bukavu"


def test_unknown_one_word_person_from_the_actor_layer_does_not_veto_a_place(resources: Resources) -> None:
    from newsevents.places import stage as _stage  # noqa: F401 - registers "places"

    text = "Police detained Goma residents after the march."
    assert resources.nlp is not None
    art = Article("t", text, hashlib.sha256(text.encode()).hexdigest())
    guess = Actor("Goma", 16, 20, None, name="Goma", kind="person")
    doc = Document(art, clean_text=text, spacy_doc=resources.nlp(text), mentions=[guess])
    doc = get_stage("places").func(doc, resources)
    assert [p["text"] for p in doc.places] == ["Goma"]
    # A person the actor lexicon knows (it has a code) still vetoes the same word.
    known = Actor("Goma", 16, 20, "COD", name="Goma", kind="person")
    doc = Document(art, clean_text=text, spacy_doc=resources.nlp(text), mentions=[known])
    assert get_stage("places").func(doc, resources).places == []


def test_generic_word_ending_a_facility_name_is_no_region(resources: Resources) -> None:
    text = "Rebels met at the Riverside Conference Centre on Monday."
    doc = _located(text, "met", resources)
    assert all(p["text"] != "Centre" for p in doc.places)


def test_islands_and_english_region_names_are_in_the_gazetteer() -> None:
    from newsevents.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    island = g.lookup("Mindanao")[0]
    assert (island.feature, island.country) == ("RGN", "PHL")
    province = g.lookup("East Java")[0]
    assert (province.feature, province.country, province.admin1) == ("ADM1", "IDN", "East Java")
