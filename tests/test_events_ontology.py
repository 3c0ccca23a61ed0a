"""Every CAMEO code is reachable by the coder, and every code carries its PLOVER counterpart (no model)."""

from __future__ import annotations

import pytest

from newsevents.events.cameo import _plover_table, all_codes, cameo_info, is_cameo_code
from newsevents.events.compose import FAMILIES, INTENTS, REFINABLE, compose, family_of_code, refine
from newsevents.events.lexicon import load_lexicon


def _reachable() -> set[str]:
    """Codes of lexicon rows, of intent compositions and of protest/accession refinements."""
    lex = load_lexicon()
    out = {p.code for key in lex.lemmas() for p in lex.rows(*key) if is_cameo_code(p.code)}
    for intent in INTENTS:
        for family in (*sorted(FAMILIES), None):
            for negated in (False, True):
                out.add(compose(intent, family, negated_content=negated))
    out.update(refine(code, family) for code in REFINABLE for family in FAMILIES)
    return out


def test_every_three_and_four_digit_code_is_reachable() -> None:
    reachable = _reachable()
    missing = [c for c in all_codes() if len(c) >= 3 and c not in reachable]
    assert missing == []


def test_reachable_codes_are_all_cameo_codes() -> None:
    assert all(is_cameo_code(c) for c in _reachable())


@pytest.mark.parametrize(
    ("code", "family", "refined"),
    [
        ("141", "ref.lead", "1411"),
        ("142", "ref.policy", "1422"),
        ("143", "ref.rights", "1433"),
        ("144", "ref.inst", "1444"),
        ("145", "ref.lead", "1451"),
        ("083", "ref.inst", "0834"),
        ("141", "ref", "141"),  # "demanding reforms": no sub-code
        ("141", "yield.release", "141"),  # "demanding the release of ...": no sub-code
        ("141", None, "141"),
        ("190", "ref.lead", "190"),  # not a refinable form
    ],
)
def test_refine(code: str, family: str | None, refined: str) -> None:
    assert refine(code, family) == refined


def test_non_force_threats() -> None:
    assert compose("13", family_of_code("115")) == "131"  # threatened to sue
    assert compose("13", family_of_code("129")) == "131"  # threatened to veto
    assert compose("03", family_of_code("115")) == "131"  # a stated intent to sue is a threat
    assert compose("13", family_of_code("163")) == "1312"  # sanctions stay specific


def test_accession_codes_keep_their_family() -> None:
    assert [family_of_code(c) for c in ("0831", "0832", "0833", "0834", "083")] == [
        "ref.lead",
        "ref.policy",
        "ref.rights",
        "ref.inst",
        "ref",
    ]


@pytest.mark.parametrize(
    ("lemma", "preps", "args", "code"),
    [
        ("lay", (), {"wreath"}, "017"),
        ("attend", (), {"funeral"}, "017"),
        ("meet", {"on"}, {"neutral ground", "ground"}, "044"),
        ("ease", (), {"restriction", "press"}, "0811"),
        ("lift", (), {"ban", "party"}, "0812"),
        ("relinquish", (), {"power"}, "0831"),
        ("reverse", (), {"policy"}, "0832"),
        ("grant", (), {"right"}, "0833"),
        ("amend", (), {"constitution"}, "0834"),
        ("hand", {"back"}, (), "084"),
        ("agitate", (), (), "140"),
        ("put", {"on"}, {"police", "alert"}, "151"),
        ("put", {"on"}, {"troop", "alert"}, "152"),
        ("deploy", (), {"riot police", "police"}, "153"),
        ("deploy", (), {"troop"}, "154"),
        ("suspend", (), {"cooperation"}, "160"),
        ("withdraw", {"from"}, {"treaty"}, "160"),
        ("expel", (), {"staff"}, "166"),
        ("beat", {"to"}, {"death"}, "1823"),
        ("beat", (), (), "182"),
        ("commit", (), {"mass violence", "violence"}, "200"),
        ("use", (), {"mass destruction", "destruction", "weapon"}, "204"),
        ("use", (), {"tear gas", "gas"}, "175"),  # riot control is not a chemical weapon
        ("use", (), {"nerve gas", "gas"}, "2041"),
        ("go", {"on"}, {"hunger strike", "strike"}, "142"),
    ],
)
def test_new_pattern_rows(lemma: str, preps: set[str], args: set[str], code: str) -> None:
    p = load_lexicon().match("V", lemma, preps, args)
    assert p is not None
    assert p.code == code


def test_symbolic_nouns_are_not_protests() -> None:
    p = load_lexicon().match("N", "vigil")
    assert p is not None
    assert p.code == "017"


def test_every_code_gets_the_plover_type_and_mode_of_the_map() -> None:
    table = _plover_table()
    for code in all_codes():
        info = cameo_info(code)
        if code in table:
            assert (info.plover_type, info.plover_mode) == table[code], code
        elif code[:3] in table:  # a sub-code the map leaves out takes its parent's type and mode
            assert (info.plover_type, info.plover_mode) == table[code[:3]], code
    # the map has no PLOVER type for statements (01) and appeals (02) only
    untyped = {c[:2] for c in all_codes() if cameo_info(c).plover_type is None}
    assert untyped == {"01", "02"}


def test_new_codes_have_plover_types() -> None:
    for code in ("017", "044", "0811", "0831", "084", "131", "140", "1411", "151", "153", "160", "166"):
        assert cameo_info(code).plover_type is not None or code.startswith("01"), code
    assert cameo_info("1823").plover_type == "ASSAULT"
    assert cameo_info("153").plover_mode == "police"
