"""Knowledge-base additions, time-aware offices, phrase composition, compounds, titles and discards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.actors.coref import add_compounds, add_titles
from newsevents.actors.kb import ActorKB, load_kb
from newsevents.actors.span import actor_for_span, actors_for_span, discarded
from newsevents.actors.stage import find_mentions
from newsevents.document import Actor


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def _m(text: str, start: int, code: str | None, country: str | None, sector: str | None, kind: str) -> Actor:
    return Actor(text, start, start + len(text), code, country, sector, text, kind)


# ------------------------------------------------------------------ knowledge base


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("President Trump", "2018-06-01", "USAGOV"),
        ("President Trump", "2022-06-01", "USAELI"),
        ("President Trump", "2025-06-01", "USAGOV"),
        ("Sergei Shoigu", "2015-01-01", "RUSGOV"),
        ("Valery Gerasimov", "2020-01-01", "RUSMIL"),
        ("Hakan Fidan", "2015-01-01", "TURSPY"),
        ("Hakan Fidan", "2024-01-01", "TURGOV"),
        ("Penny Wong", "2023-03-01", "AUSGOV"),
        ("Josep Borrell", "2021-03-01", "IGOEUREEC"),
    ],
)
def test_office_holders_by_date(kb: ActorKB, text: str, date: str, code: str) -> None:
    assert kb.resolve(text, date).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KCNA", "PRKGOVMED"),
        ("the Xinhua news agency", "CHNGOVMED"),
        ("Russian state media", "RUSGOVMED"),
        ("Iran's state television", "IRNGOVMED"),
        ("Reuters", "GBRMED"),
        ("the Knesset", "ISRLEG"),
        ("the speaker of the Storting", "NORLEG"),
        ("members of the Bundestag", "DEULEG"),
    ],
)
def test_media_and_legislatures(kb: ActorKB, text: str, code: str) -> None:
    assert kb.resolve(text).code == code


def test_state_media_in_running_text_is_the_voice_of_its_state(kb: ActorKB) -> None:
    text = "Xinhua said the talks had failed."
    got = [(m.text, m.code, m.country) for m in find_mentions(text, kb)]
    assert got[0] == ("Xinhua", "CHNGOVMED", "CHN")


# ------------------------------------------------------------------ phrase composition (span.py)


def test_named_lead_takes_only_adjacent_role_words() -> None:
    # "Ruritania, the state's old foe" : the appositive's role word does not attach to the name
    mentions = [
        _m("Ruritania", 0, "RUR", "RUR", None, "country"),
        _m("state", 15, "GOV", None, "GOV", "agent"),
    ]
    actor = actor_for_span(mentions, 0, 30, head_start=0)
    assert actor is not None and actor.code == "RUR"
    # "Ruritania police" : adjacent role word composes
    mentions = [
        _m("Ruritania", 0, "RUR", "RUR", None, "country"),
        _m("police", 10, "COP", None, "COP", "agent"),
    ]
    assert (a := actor_for_span(mentions, 0, 16, head_start=10)) is not None and a.code == "RURCOP"


def test_role_word_modifying_a_non_actor_head_is_ignored() -> None:
    # "two artillery shells at Seoul": head "shells" is no actor
    text = "two artillery shells at Seoul"
    mentions = [
        _m("artillery", 4, "MIL", None, "MIL", "agent"),
        _m("Seoul", 24, "KORGOV", "KOR", "GOV", "country"),
    ]
    actor = actor_for_span(mentions, 0, len(text), head_start=text.index("shells"))
    assert actor is not None and actor.code == "KORGOV"
    only = [_m("artillery", 4, "MIL", None, "MIL", "agent")]
    assert actor_for_span(only, 0, 20, head_start=14) is None


def test_role_head_takes_country_from_its_modifier() -> None:
    # "soldiers from Ruritania"
    mentions = [
        _m("soldiers", 0, "MIL", None, "MIL", "agent"),
        _m("Ruritania", 14, "RUR", "RUR", None, "country"),
    ]
    actor = actor_for_span(mentions, 0, 23, head_start=0)
    assert actor is not None and actor.code == "RURMIL"


# ------------------------------------------------------------------ compounds and titles (coref.py)


def test_both_leaders_gives_one_mention_per_member() -> None:
    text = "Tom Ruler met Ann Chief in Oslo. Both leaders signed a pact."
    mentions = [
        _m("Tom Ruler", 0, "RURGOV", "RUR", "GOV", "person"),
        _m("Ann Chief", 14, "GRDGOV", "GRD", "GOV", "person"),
        _m("leaders", text.index("leaders"), "GOV", None, "GOV", "agent"),
    ]
    out = add_compounds(text, mentions)
    start = text.index("Both")
    members = actors_for_span(out, start, start + len("Both leaders"), head_start=text.index("leaders"))
    assert [a.code for a in members] == ["RURGOV", "GRDGOV"]
    assert all((a.start, a.end) == (start, start + 12) for a in members)


def test_both_countries_and_two_sides() -> None:
    text = "Ruritania and Grenada met. The two sides and both governments agreed."
    mentions = [
        _m("Ruritania", 0, "RUR", "RUR", None, "country"),
        _m("Grenada", 14, "GRD", "GRD", None, "country"),
    ]
    out = add_compounds(text, mentions)
    sides = [m.code for m in out if m.text == "The two sides"]
    govs = [m.code for m in out if m.text == "both governments"]
    assert sides == ["RUR", "GRD"] and govs == ["RURGOV", "GRDGOV"]


def test_compound_needs_two_members() -> None:
    text = "Ruritania spoke. Both sides agreed."
    mentions = [_m("Ruritania", 0, "RUR", "RUR", None, "country")]
    assert add_compounds(text, mentions) == mentions


def test_definite_title_names_the_person_introduced_with_it() -> None:
    text = "Ruritanian Foreign Minister Ann Chief arrived. The minister said the foreign minister would stay."
    mentions = [
        _m("Ruritanian", 0, "RUR", "RUR", None, "country"),
        _m("Foreign Minister", 11, "GOV", None, "GOV", "agent"),
        _m("Ann Chief", 28, "RURGOV", "RUR", "GOV", "person"),
        _m("minister", text.index("minister said"), "GOV", None, "GOV", "agent"),
        _m("foreign minister", text.index("foreign minister would"), "GOV", None, "GOV", "agent"),
    ]
    out = add_titles(text, mentions)
    later = [m for m in out if m.start > 40]
    assert [(m.kind, m.code, m.name) for m in later] == [("person", "RURGOV", "Ann Chief")] * 2


def test_indefinite_or_other_title_stays_a_role() -> None:
    text = "Ruritanian Foreign Minister Ann Chief arrived. A minister and the general left."
    mentions = [
        _m("Ruritanian", 0, "RUR", "RUR", None, "country"),
        _m("Foreign Minister", 11, "GOV", None, "GOV", "agent"),
        _m("Ann Chief", 28, "RURGOV", "RUR", "GOV", "person"),
        _m("minister", text.index("minister and"), "GOV", None, "GOV", "agent"),
        _m("general", text.index("general"), "MIL", None, "MIL", "agent"),
    ]
    out = add_titles(text, mentions)
    assert [m.kind for m in out if m.start > 40] == ["agent", "agent"]


def test_it_and_they_follow_the_previous_subject(kb: ActorKB) -> None:
    words = ["Ruritania", "protested", ".", "It", "recalled", "its", "envoy", "."]
    heads = [1, 1, 1, 4, 4, 6, 4, 4]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "poss", "dobj", "punct"]
    sdoc = Doc(
        spacy.blank("en").vocab, words=words, heads=heads, deps=deps, sent_starts=[1, 0, 0, 1, 0, 0, 0, 0]
    )
    extra = ActorKB([(("ruritania",), _entry())], kb.countries)
    got = [(m.text, m.code) for m in find_mentions(sdoc.text, extra, None, sdoc)]
    assert ("It", "RUR") in got


def _entry():  # type: ignore[no-untyped-def]
    from newsevents.actors.entries import Entry

    return Entry("country", "RUR", "RUR", None, "Ruritania")


# ------------------------------------------------------------------ PETRARCH dictionaries


def test_dictionary_compounds_prefix_agents_dates_and_discards(tmp_path: Path) -> None:
    (tmp_path / "test.actors.txt").write_text(
        "RURITANIA [RUR]\nTHE_TWINS [RUR/GRD]\n"
        "OLD_KING [RUR]\n\t[RURGOV 20000101-20101231]\n\t[RURELI >20110101]\n"
    )
    (tmp_path / "test.agents.txt").write_text("AID_GROUP [NGO~]\nCLERIC [~REL]\n")
    (tmp_path / "test.discards.txt").write_text("CRICKET\n+World Chess Cup\n")
    kb = load_kb([str(tmp_path)])
    text = "AID GROUP Ruritania and the Twins watched cricket."
    ms = find_mentions(text, kb, dt.date(2005, 1, 1))
    assert ("AID GROUP Ruritania", "NGORUR") in [(m.text, m.code) for m in ms]
    assert [m.code for m in ms if m.text == "Twins"] == ["RUR", "GRD"]
    assert discarded(ms, 0, len(text))
    assert not discarded(ms, 0, 10)
    story = find_mentions("Ruritania hosts the World Chess Cup. Ruritania wins.", kb)
    assert discarded(story, 37, 52)
    assert kb.resolve("old king", "2005-06-01").code == "RURGOV"
    assert kb.resolve("old king", "2015-06-01").code == "RURELI"
    assert kb.resolve("Ruritania cleric").code == "RURREL"
