from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conftest import FakeCameo, make_article, make_document
from newsevents.errors import NewsEventsError
from newsevents.rows import COLUMNS, Failure, article_row, document_rows, event_rows, place_rows
from newsevents.store import Store, coerce_row

CONTRACT = {
    "articles": "article_id url title published source text content_hash duplicate_of",
    "events": "event_id article_id sentence_index evidence_start evidence_end source_text source_code "
    "source_country source_sector source_name target_text target_code target_country target_sector "
    "target_name cameo_code cameo_root goldstein quad_class plover_type plover_mode event_date date_text "
    "location_name location_country lat lon modality confidence quote_id cluster_id",
    "places": "article_id text start end name country admin1 lat lon geonameid feature",
    "dates": "article_id text start end type value",
    "quotes": "quote_id article_id kind speaker_text speaker_start speaker_end speaker_code cue_text "
    "cue_start cue_end content_text content_start content_end",
    "failures": "input article_id stage error",
}


def stored_rows(cameo: Callable[[str], FakeCameo], article_id: str = "a1") -> dict[str, list[dict[str, Any]]]:
    doc = make_document(article_id=article_id)
    return {t: [coerce_row(t, r) for r in rs] for t, rs in document_rows(doc, cameo=cameo).items()}


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_tables_have_every_contract_field(table: str) -> None:
    assert set(CONTRACT[table].split()) <= set(COLUMNS[table])


def test_event_rows(cameo: Callable[[str], FakeCameo]) -> None:
    doc = make_document()
    (row,) = event_rows(doc, cameo=cameo)
    assert row["event_id"] == "a1:e0"
    assert row["cameo_code"] == "040" and row["cameo_root"] == "04"
    assert (row["source_code"], row["source_country"], row["source_sector"]) == ("NORGOV", "NOR", "GOV")
    assert row["target_text"] == "the Chilean ambassador"
    assert (row["goldstein"], row["quad_class"], row["plover_type"], row["plover_mode"]) == (
        -2.5,
        2,
        "CONSULT",
        None,
    )
    assert doc.text[row["evidence_start"] : row["evidence_end"]].startswith("The foreign minister")
    assert row["quote_id"] is None and row["cluster_id"] is not None
    assert set(row) == set(COLUMNS["events"])


def test_event_without_actors_and_unknown_code() -> None:
    doc = make_document()
    doc.events[0] = type(doc.events[0])(1, 0, 5, 0, 3, "0311")
    (row,) = event_rows(doc, cameo=lambda code: None)
    assert row["source_code"] is None and row["target_name"] is None
    assert row["cameo_code"] == "0311" and row["cameo_root"] == "03" and row["goldstein"] is None


def test_event_rows_use_the_cameo_table_by_default() -> None:
    doc = make_document()
    doc.events.append(type(doc.events[0])(1, 0, 5, 0, 3, "999"))  # not a CAMEO code
    known, unknown = event_rows(doc)
    assert (
        known["cameo_name"] and isinstance(known["goldstein"], float) and known["quad_class"] in (1, 2, 3, 4)
    )
    assert (unknown["cameo_name"], unknown["goldstein"], unknown["cameo_root"]) == (None, None, "99")


def test_place_rows_keep_geonameid_as_string() -> None:
    (row,) = place_rows(make_document())
    assert row["geonameid"] == "3143244" and row["admin1"] is None and row["article_id"] == "a1"


def test_coerce_row_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        coerce_row("places", {"article_id": "a", "start": "four"})
    assert coerce_row("articles", {"article_id": "a", "published": "2020-01-02"})["published"] == dt.date(
        2020, 1, 2
    )


def test_write_read_and_replace(db_path: Path, cameo: Callable[[str], FakeCameo]) -> None:
    with Store(db_path) as store:
        store.write([stored_rows(cameo)])
        assert store.stored_hashes(["a1", "zz"]) == {"a1": make_article().content_hash}
        assert store.originals([make_article().content_hash]) == {
            (make_article().content_hash, dt.date(2021, 3, 2)): "a1"
        }
        assert [store.count(t) for t in ("articles", "events", "places", "dates")] == [1, 1, 1, 1]
        new = make_article("A new text.", "a1")
        store.write([{"articles": [coerce_row("articles", article_row(new))]}], replace=["a1"])
        assert store.rows("articles")[0]["text"] == "A new text."
        assert [store.count(t) for t in ("articles", "events", "places", "dates")] == [1, 0, 0, 0]
    with Store(db_path, read_only=True) as store:  # the data outlives the connection
        assert store.count("articles") == 1


def test_batch_is_atomic(db_path: Path, cameo: Callable[[str], FakeCameo]) -> None:
    with Store(db_path) as store:
        store.write([stored_rows(cameo, "a1")])
        with pytest.raises(NewsEventsError, match=r"\[E012\]"):
            store.write([stored_rows(cameo, "b1"), stored_rows(cameo, "a1")])  # a1 again: key clash
        assert [r["article_id"] for r in store.rows("articles")] == ["a1"]
        assert store.count("events") == 1


def test_failures_are_not_duplicated_and_clear_on_success(
    db_path: Path, cameo: Callable[[str], FakeCameo]
) -> None:
    bad = Failure("in.jsonl:3", "a1", "ingest", "[E006] JSONL line 3 is not valid JSON: x")
    other = Failure("missing.txt", None, "ingest", "[E001] input not found: missing.txt")
    with Store(db_path) as store:
        for _ in range(3):
            store.add_failure(bad)
            store.add_failure(other)
        assert store.count("failures") == 2
        store.write([stored_rows(cameo, "a1")])  # a1 went through this time
        assert store.rows("failures") == [
            {"input": "missing.txt", "article_id": None, "stage": "ingest", "error": other.error}
        ]


def test_export_all_formats(db_path: Path, tmp_path: Path, cameo: Callable[[str], FakeCameo]) -> None:
    with Store(db_path) as store:
        store.write([stored_rows(cameo)])
        out = io.StringIO()
        assert store.export("articles", "jsonl", out) == 1
        (article,) = [json.loads(line) for line in out.getvalue().splitlines()]
        assert article["published"] == "2021-03-02"
        assert article["duplicate_of"] is None and article["url"] is None
        assert article["text"] == make_article().text

        out = io.StringIO()
        store.export("events", "csv", out)
        header, row = list(csv.reader(io.StringIO(out.getvalue())))
        rec = dict(zip(header, row, strict=True))
        assert rec["cameo_code"] == "040" and rec["quote_id"] == "" and rec["event_date"] == "2021-03-02"

        path = tmp_path / "places.parquet"
        assert store.export("places", "parquet", path) == 1
        assert pq.read_table(path).to_pylist()[0]["geonameid"] == "3143244"
        buf = io.BytesIO()
        store.export("events", "parquet", buf)
        assert pq.read_table(io.BytesIO(buf.getvalue())).column("cameo_code").to_pylist() == ["040"]

        jsonl_path = tmp_path / "dates.jsonl"
        store.export("dates", "jsonl", jsonl_path)
        assert json.loads(jsonl_path.read_text())["value"] == "2021-03-02"


def test_errors_are_numbered(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(NewsEventsError, match=r"\[E023\]"):
        Store(tmp_path / "nope.duckdb", read_only=True)
    with Store(db_path) as store:
        with pytest.raises(NewsEventsError, match=r"\[E013\]"):
            store.rows("users")
        with pytest.raises(NewsEventsError, match=r"\[E014\]"):
            store.export("events", "xml", io.StringIO())
    with pytest.raises(NewsEventsError, match=r"\[E012\]"):
        Store(tmp_path / "no" / "such" / "dir" / "x.duckdb")
