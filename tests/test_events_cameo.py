"""The CAMEO table, Goldstein scores and the PLOVER mapping (no model)."""

from __future__ import annotations

import pytest

from newsevents.errors import NewsEventsError
from newsevents.events.cameo import all_codes, cameo_info, is_cameo_code, plover_for, root


def test_code_fields() -> None:
    info = cameo_info("042")
    assert info.name == "Make a visit"
    assert info.goldstein == pytest.approx(1.9)
    assert info.quad_class == 1
    assert info.plover_type == "CONSULT"
    assert info.root == "04"


def test_conflict_code() -> None:
    info = cameo_info("190")
    assert info.goldstein == pytest.approx(-10.0)
    assert info.quad_class == 4
    assert info.plover_type == "ASSAULT"


def test_leading_zero_and_four_digit_codes() -> None:
    assert cameo_info("0311").plover_type == "AGREE"
    assert root("0311") == "03"
    assert "0311" in all_codes()
    assert len(all_codes()) > 300


def test_plover_falls_back_to_parent_code() -> None:
    # 1213 has no own PLOVER row in some versions; the lookup must still end on a 12x row
    assert plover_for("1213")[0] == "REJECT"
    # an unknown 4-digit child falls back to its 3-digit parent
    assert plover_for("1829") == plover_for("182")


def test_first_row_wins_for_duplicated_codes() -> None:
    assert plover_for("08")[0] == "CONCEDE"


def test_statements_have_no_plover_type() -> None:
    assert cameo_info("010").plover_type is None
    assert plover_for("01") == (None, None)


def test_unknown_code_raises_numbered_error() -> None:
    assert not is_cameo_code("999")
    with pytest.raises(NewsEventsError, match="E018"):
        cameo_info("999")
