"""Geo and event-location scoring on hand-made records."""

from __future__ import annotations

import math
from typing import Any

import pytest

from newsevents.evaluate.scoring_event_location import location_correct, nearest_event, score_event_location
from newsevents.evaluate.scoring_geo import MAX_ERROR_KM, auc, haversine_km, score_geo, score_record

TEXT = "Talks in Oslo and Bergen ended; the Norwegian side left for Tromso."


def _gold(
    start: int,
    end: int,
    lat: float | None = None,
    lon: float | None = None,
    scorable: bool = True,
    gid: str | None = None,
) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "text": TEXT[start:end],
        "scorable": scorable,
        "lat": lat,
        "lon": lon,
        "geonameid": gid,
        "country": None,
    }


def _pred(
    start: int, end: int, lat: float | None = None, lon: float | None = None, gid: int | None = None
) -> dict[str, Any]:
    return {"article_id": "a", "start": start, "end": end, "lat": lat, "lon": lon, "geonameid": gid}


RECORD = {
    "id": "a",
    "corpus": "X",
    "text": TEXT,
    "toponyms": [
        _gold(9, 13, 59.91, 10.75, gid="1"),
        _gold(18, 24, 60.39, 5.32),
        _gold(36, 45, scorable=False),
        _gold(60, 66, 69.65, 18.96),
    ],
}


def test_haversine_and_auc() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)
    assert auc([0.0]) == 0.0
    assert auc([0.0, MAX_ERROR_KM]) == pytest.approx(0.5, abs=1e-3)
    assert auc([]) is None


def test_detection_geocoding_and_rules() -> None:
    preds = [
        _pred(9, 13, 59.9, 10.7, gid=1),  # Oslo, right
        _pred(10, 13),  # overlaps a kept span: rejected, a false positive
        _pred(18, 24, 0.0, 0.0),  # Bergen, far off
        _pred(36, 45),  # overlaps only an unscorable gold span: ignored
        _pred(0, 5),  # "Talks": false positive
    ]
    c = score_record(RECORD, preds)
    assert (c.gold, c.matched, c.rejected, c.ignored, c.predicted) == (3, 2, 1, 1, 4)
    assert len(c.errors) == 2 and min(c.errors) < 161 < max(c.errors)
    m = score_geo([RECORD], {"a": preds})
    assert m["precision"] == pytest.approx(0.5) and m["recall"] == pytest.approx(2 / 3)
    assert m["acc161"] == pytest.approx(0.5)
    assert m["geonameid_accuracy"] == 1.0 and m["X.f1"] == m["f1"]


def test_missing_coordinates_count_as_worst_error() -> None:
    c = score_record(RECORD, [_pred(60, 66)])
    assert c.errors == [MAX_ERROR_KM]
    assert not math.isnan(c.metrics()["auc"] or 0.0)


EL_TEXT = "Police said rebels attacked a convoy near Goma on Monday, far from Kinshasa."
VERB = (19, 27)


def _el(locs: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "id": "s",
        "gold": True,
        "text": EL_TEXT,
        "event_verbs": [{"start": VERB[0], "end": VERB[1]}],
        "event_locations": [{"start": s, "end": e, "text": EL_TEXT[s:e]} for s, e in locs],
    }


def test_event_location_rules() -> None:
    rec = _el([(42, 46)])
    assert location_correct("Goma", rec, [], VERB)
    assert location_correct("Goma, North Kivu", rec, [], VERB)
    assert not location_correct("Kinshasa", rec, [], VERB)
    assert not location_correct(None, rec, [], VERB)
    assert not location_correct("x" * 61, rec, [], VERB)
    # A name standing for no span is compared with the gold texts.
    assert location_correct("goma", _el([(42, 46)]), [], VERB)
    assert location_correct(None, _el([]), [], VERB)
    assert not location_correct("Goma", _el([]), [], VERB)


def test_nearest_event_prefers_located_on_ties() -> None:
    evs: list[dict[str, Any]] = [
        {"trigger_start": 5, "trigger_end": 9, "location_name": None},
        {"trigger_start": 19, "trigger_end": 27, "location_name": None},
        {"trigger_start": 20, "trigger_end": 25, "location_name": "Goma"},
    ]
    assert nearest_event(VERB, evs) is evs[2]
    out = score_event_location([_el([(42, 46)])], {"s": evs}, {"s": []})
    assert out["accuracy"] == 1.0 and out["coverage"] == 1.0
    assert score_event_location([_el([(42, 46)])], {}, {})["accuracy"] == 0.0
