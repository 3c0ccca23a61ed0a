"""Event clusters: reports of one real-world event in several articles share a ``cluster_id``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FakeCameo, make_document
from newsevents.rows import cluster_id, document_rows
from newsevents.store import Store, coerce_row


def row(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_date": "2023-05-09",
        "date_precision": "day",
        "modality": "asserted",
        "cameo_root": "04",
        "source_code": "NORGOV",
        "source_country": "NOR",
        "target_code": "CHLGOV",
        "target_country": "CHL",
    }
    base.update(over)
    return base


def test_same_day_dyad_and_root_is_one_cluster_whatever_the_sector_or_subcode() -> None:
    a = cluster_id(row())
    assert a is not None and a.startswith("c")
    assert cluster_id(row(source_code="NORMIL", cameo_code="042")) == a
    assert cluster_id(row(cameo_root="19")) != a
    assert cluster_id(row(event_date="2023-05-10")) != a
    assert cluster_id(row(source_country="SWE", source_code="SWEGOV")) != a


def test_igo_actors_cluster_by_organisation() -> None:
    un = row(source_code="IGOUNOMIL", source_country="UNO")
    assert cluster_id(un) == cluster_id(row(source_code="IGOUNOGOV", source_country="UNO"))
    assert cluster_id(un) != cluster_id(row(source_code="IGOEUREEC", source_country="EUR"))


@pytest.mark.parametrize(
    "over",
    [
        {"modality": "negated"},
        {"modality": "future"},
        {"date_precision": "month", "event_date": "2023-05"},
        {"event_date": None},
        {"source_code": None, "source_country": None, "target_code": None, "target_country": None},
        {"cameo_root": None},
    ],
)
def test_reports_that_cannot_be_told_apart_get_no_cluster(over: dict[str, Any]) -> None:
    assert cluster_id(row(**over)) is None


def test_clusters_table_counts_mentions_articles_and_sources(
    tmp_path: Path, cameo: Callable[[str], FakeCameo]
) -> None:
    db = tmp_path / "c.duckdb"
    batch = []
    for aid, source in (("a1", "Daily One"), ("a2", "Weekly Two")):
        doc = make_document(article_id=aid)
        doc.article = dataclasses.replace(doc.article, source=source)
        rows = document_rows(doc, cameo=cameo)
        batch.append({t: [coerce_row(t, r) for r in rs] for t, rs in rows.items()})
    with Store(db) as store:
        store.write(batch)
        (cluster,) = store.rows("clusters")
        out = tmp_path / "clusters.jsonl"
        assert store.export("clusters", "jsonl", out) == 1
    assert (cluster["num_mentions"], cluster["num_articles"], cluster["num_sources"]) == (2, 2, 2)
    assert (cluster["source_country"], cluster["target_country"], cluster["cameo_root"]) == (
        "NOR",
        "CHL",
        "04",
    )
    assert cluster["first_event_id"] == "a1:e0"
    assert json.loads(out.read_text(encoding="utf-8"))["cluster_id"] == cluster["cluster_id"]
