"""Pattern lexicon and intent composition (no model)."""

from __future__ import annotations

import pytest

from newsevents.errors import NewsEventsError
from newsevents.events.cameo import is_cameo_code
from newsevents.events.compose import FAMILIES, compose, family_of_code
from newsevents.events.lexicon import load_lexicon, parse_lexicon


@pytest.mark.parametrize(
    ("lemma", "preps", "args", "code"),
    [
        ("express", (), {"regret"}, "055"),
        ("sign", (), {"agreement"}, "057"),
        ("impose", (), {"sanction"}, "163"),
        ("impose", (), {"curfew"}, "1723"),
        ("decline", (), {"comment"}, "011"),
        ("visit", (), (), "042"),
        ("host", (), (), "043"),
        ("accuse", (), (), "112"),
        ("condemn", (), (), "111"),
        ("denounce", (), (), "111"),
        ("arrest", (), (), "173"),
        ("shell", (), (), "194"),
        ("massacre", (), (), "202"),
        ("mediate", (), (), "045"),
        ("negotiate", (), (), "046"),
        ("apologize", (), (), "055"),
        ("expel", (), {"inspector"}, "1662"),
        ("call", {"off"}, {"strike"}, "082"),
        ("withdraw", {"from"}, {"peacekeeping force", "force"}, "1661"),
        ("patrol", (), (), "150"),
        ("liberate", (), {"town"}, "192"),
        ("liberate", (), (), "192"),
    ],
)
def test_pattern_lookup(lemma: str, preps: tuple[str, ...], args: set[str], code: str) -> None:
    p = load_lexicon().match("V", lemma, preps, args)
    assert p is not None
    assert p.code == code


def test_intent_rows_carry_their_intent() -> None:
    lex = load_lexicon()
    assert lex.match("V", "threaten").intent == "13"  # type: ignore[union-attr]
    assert lex.match("V", "urge").intent == "02"  # type: ignore[union-attr]
    assert lex.match("V", "demand").intent == "10"  # type: ignore[union-attr]
    assert lex.match("V", "refuse").intent == "12"  # type: ignore[union-attr]
    assert lex.match("V", "promise").intent == "03"  # type: ignore[union-attr]
    assert lex.match("V", "say").intent == "say"  # type: ignore[union-attr]


def test_unconstrained_row_does_not_match_unknown_lemma() -> None:
    assert load_lexicon().match("V", "photosynthesize") is None
    assert not load_lexicon().has("V", "photosynthesize")


def test_every_root_category_is_covered() -> None:
    codes = {p.code for key in load_lexicon().lemmas() for p in load_lexicon().rows(*key)}
    roots = {c[:2] for c in codes if is_cameo_code(c)}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_event_nouns() -> None:
    lex = load_lexicon()
    assert lex.match("N", "hunger strike").code == "142"  # type: ignore[union-attr]
    assert lex.match("N", "talk").code == "040"  # type: ignore[union-attr]


def test_parse_rejects_bad_rows() -> None:
    with pytest.raises(NewsEventsError, match="E019"):
        parse_lexicon("V\tfrobnicate\t\t\t999\t\n")
    with pytest.raises(NewsEventsError, match="E019"):
        parse_lexicon("X\tvisit\t\t\t042\t\n")
    with pytest.raises(NewsEventsError, match="E019"):
        parse_lexicon("V\tvisit\t\t\t042\t77\n")


def test_parse_specificity_order() -> None:
    lex = parse_lexicon("V\tlift\t\t\t081\t\nV\tlift\t\tsanction|embargo\t085\t\nV\tlift\tup\t\t080\t\n")
    assert lex.match("V", "lift").code == "081"  # type: ignore[union-attr]
    assert lex.match("V", "lift", (), {"embargo"}).code == "085"  # type: ignore[union-attr]
    assert lex.match("V", "lift", {"up"}, {"embargo"}).code == "085"  # type: ignore[union-attr]
    assert lex.match("V", "lift", {"up"}, ()).code == "080"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("intent", "family", "negated", "code"),
    [
        ("13", "sanction", False, "1312"),
        ("13", None, False, "130"),
        ("03", "aid.hum", False, "0333"),
        ("03", "sanction", False, "1312"),  # a stated intent to sanction is a threat
        ("03", "yield.intl", True, "1245"),  # "will not allow ..." is a refusal
        ("02", "yield.release", False, "0253"),
        ("10", "ref.lead", False, "1041"),
        ("12", "meet", False, "125"),
        ("12", None, False, "120"),
    ],
)
def test_compose(intent: str, family: str | None, negated: bool, code: str) -> None:
    assert compose(intent, family, negated_content=negated) == code


def test_family_of_code() -> None:
    assert family_of_code("0841") == "yield.release"
    assert family_of_code("1723") == "curfew"
    assert family_of_code("ref.lead") == "ref.lead"
    assert family_of_code("010") is None
    assert {family_of_code(c) for c in ("042", "046")} == {"meet"}
    assert "settle" in FAMILIES
