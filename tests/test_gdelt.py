"""GDELT 2.0 Events export: 61 fields per event cluster, FIPS geo codes, the export command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import FakeCameo, make_document
from newsevents.cli import cli
from newsevents.errors import NewsEventsError
from newsevents.gdelt import (
    GDELT_COLUMNS,
    cluster_record,
    fips_code,
    fraction_date,
    gdelt_fields,
    geo_type,
    global_event_id,
)
from newsevents.rows import document_rows
from newsevents.store import Store, coerce_row

F = {name: i for i, name in enumerate(GDELT_COLUMNS)}


def _batch(
    cameo: Callable[[str], FakeCameo], aid: str, source: str | None, tone: float | None, **event: Any
) -> dict[str, list[dict[str, Any]]]:
    doc = make_document(article_id=aid)
    doc.article = dataclasses.replace(doc.article, source=source, url=f"https://news.example/{aid}")
    if event:
        doc.events = [dataclasses.replace(doc.events[0], **event)]
    rows = document_rows(doc, cameo=cameo)
    rows["articles"][0]["tone"] = tone
    return {t: [coerce_row(t, r) for r in rs] for t, rs in rows.items()}


def _export(db: Path) -> list[list[str]]:
    out = io.StringIO()
    with Store(db, read_only=True) as store:
        n = store.export("events", "gdelt", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == n
    return [line.split("\t") for line in lines]


@pytest.fixture
def gdelt_db(tmp_path: Path, cameo: Callable[[str], FakeCameo]) -> Path:
    """Two sources report one meeting (one cluster); a third article has an unclustered threat."""
    db = tmp_path / "g.duckdb"
    with Store(db) as store:
        store.write(
            [
                _batch(cameo, "a1", "Daily One", -2.0),
                _batch(cameo, "a2", "Weekly Two", 4.0),
                _batch(cameo, "a3", None, None, cameo_code="138", modality="hypothetical"),
            ]
        )
    return db


def test_columns_follow_the_codebook() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5] == "Actor1Code" and GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_one_row_per_cluster_with_counts_and_tone(gdelt_db: Path) -> None:
    rows = _export(gdelt_db)
    assert len(rows) == 2 and all(len(r) == 61 for r in rows)
    meeting, threat = rows
    assert [meeting[F[k]] for k in ("NumMentions", "NumSources", "NumArticles")] == ["2", "2", "2"]
    assert float(meeting[F["AvgTone"]]) == pytest.approx(1.0)  # mean of the two articles' tone
    assert [threat[F[k]] for k in ("NumMentions", "NumSources", "NumArticles", "AvgTone")] == [
        "1",
        "0",
        "1",
        "",
    ]
    assert meeting[F["GLOBALEVENTID"]] != threat[F["GLOBALEVENTID"]]
    assert threat[F["EventCode"]] == "138" and threat[F["EventRootCode"]] == "13"


def test_field_types_and_values(gdelt_db: Path) -> None:
    meeting = _export(gdelt_db)[0]
    assert int(meeting[F["GLOBALEVENTID"]]) > 0
    assert (meeting[F["SQLDATE"]], meeting[F["MonthYear"]], meeting[F["Year"]]) == (
        "20210302",
        "202103",
        "2021",
    )
    assert float(meeting[F["FractionDate"]]) == pytest.approx(2021.1699, abs=1e-4)
    assert [meeting[F[f"Actor1{k}"]] for k in ("Code", "CountryCode", "Type1Code")] == [
        "NORGOV",
        "NOR",
        "GOV",
    ]
    assert meeting[F["Actor2Code"]] == "CHLGOV" and meeting[F["Actor1Name"]].isupper()
    assert (meeting[F["EventCode"]], meeting[F["EventBaseCode"]], meeting[F["EventRootCode"]]) == (
        "040",
        "040",
        "04",
    )
    assert (meeting[F["QuadClass"]], float(meeting[F["GoldsteinScale"]])) == ("2", -2.5)
    assert meeting[F["IsRootEvent"]] == "0"  # the event is in the third sentence
    assert meeting[F["Actor1Geo_Type"]] == "0" and meeting[F["Actor1Geo_FullName"]] == ""
    geo = {
        k: meeting[F[f"ActionGeo_{k}"]] for k in ("Type", "FullName", "CountryCode", "ADM1Code", "FeatureID")
    }
    assert geo == {"Type": "4", "FullName": "Oslo, Norway", "CountryCode": "NO", "ADM1Code": "NO",
                   "FeatureID": "3143244"}  # fmt: skip
    assert float(meeting[F["ActionGeo_Lat"]]) == pytest.approx(59.91)
    assert meeting[F["DATEADDED"]] == "20210302000000"
    assert meeting[F["SOURCEURL"]] == "https://news.example/a1"


def test_global_event_id_is_stable_and_derived_from_the_cluster() -> None:
    assert global_event_id("c0123456789abcdef") == int("0123456789abcde", 16)
    assert global_event_id("a1:e0") == global_event_id("a1:e0") != global_event_id("a1:e1")
    assert 0 < global_event_id("a1:e0") < 2**63


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [("USA", "US"), ("PRK", "KN"), ("KOR", "KS"), ("DEU", "GM"), ("GBR", "UK"), ("CHN", "CH"), ("SRB", "RI"),
     ("prk", "KN"), (None, ""), ("XYZ", "")],
)  # fmt: skip
def test_fips_codes(iso3: str | None, fips: str) -> None:
    assert fips_code(iso3) == fips


def test_geo_types() -> None:
    assert geo_type("PCLI", "FRA") == 1
    assert geo_type("ADM1", "USA") == 2 and geo_type("ADM1", "IND") == 5
    assert geo_type("PPL", "USA") == 3 and geo_type("PPLC", "IRQ") == 4
    assert geo_type(None, "IRQ", has_point=False) == 1 and geo_type(None, "IRQ") == 4
    assert geo_type("CONT", None) == 0 and geo_type("PPL", None) == 0


def test_fraction_date_uses_gdelt_formula() -> None:
    assert fraction_date(dt.date(2015, 2, 18)) == pytest.approx(2015.1315)
    assert fraction_date(dt.date(2020, 1, 1)) == pytest.approx(2020.0027)


def _mention(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": "a1:e0",
        "article_id": "a1",
        "cluster_id": None,
        "sentence_index": 0,
        "source_code": "IGOUNO",
        "source_country": "IGO",
        "source_sector": None,
        "source_name": "United Nations",
        "target_code": "USAGOVMIL",
        "target_country": "USA",
        "target_sector": "GOV",
        "target_name": None,
        "target_text": "the Pentagon",
        "cameo_code": "01",
        "quad_class": 1,
        "goldstein": 0.0,
        "event_date": "2019-07",
        "location_name": "Texas",
        "location_country": "USA",
        "lat": 31.0,
        "lon": -100.0,
        "location_feature": "ADM1",
        "location_admin1": "Texas",
        "location_geonameid": "4736286",
        "published": dt.date(2019, 8, 1),
        "url": None,
        "source": "Wire",
        "article_tone": None,
    }
    base.update(over)
    return base


def test_record_of_igo_actor_partial_date_and_us_state() -> None:
    fields = gdelt_fields(cluster_record([_mention()]))
    assert len(fields) == 61
    actor1 = ("Code", "Name", "CountryCode", "KnownGroupCode", "Type1Code")
    assert [fields[F[f"Actor1{k}"]] for k in actor1] == ["IGOUNO", "UNITED NATIONS", "", "UNO", "IGO"]
    assert [fields[F[f"Actor2{k}"]] for k in ("Name", "CountryCode", "Type1Code", "Type2Code")] == [
        "THE PENTAGON", "USA", "GOV", "MIL",
    ]  # fmt: skip
    assert fields[1:5] == ["", "201907", "2019", ""]  # month precision: no day, no fraction
    assert fields[F["EventCode"]] == "010" and fields[F["IsRootEvent"]] == "1"
    assert [fields[F[f"ActionGeo_{k}"]] for k in ("Type", "FullName", "ADM1Code")] == [
        "2",
        "Texas, United States",
        "USTX",
    ]
    assert fields[F["SOURCEURL"]] == "Wire"  # no URL: the source's name


def test_cluster_takes_the_most_frequent_coding_and_first_url() -> None:
    mentions = [
        _mention(
            event_id="a2:e0",
            article_id="a2",
            cluster_id="c00000000000000ff",
            source_code="RUSGOV",
            published=dt.date(2019, 8, 3),
            url="https://late.example",
            article_tone=3.0,
        ),
        _mention(
            event_id="a3:e0",
            article_id="a3",
            cluster_id="c00000000000000ff",
            source_code="IGOUNO",
            published=dt.date(2019, 8, 2),
            url="https://early.example",
            article_tone=1.0,
            sentence_index=4,
        ),
        _mention(
            event_id="a3:e1",
            article_id="a3",
            cluster_id="c00000000000000ff",
            source_code="IGOUNO",
            published=dt.date(2019, 8, 2),
            url="https://early.example",
            article_tone=1.0,
            sentence_index=5,
        ),
    ]
    record = cluster_record(mentions)
    assert record["global_event_id"] == global_event_id("c00000000000000ff")
    assert record["source_code"] == "IGOUNO"
    assert (record["num_mentions"], record["num_articles"], record["num_sources"]) == (3, 2, 1)
    assert record["avg_tone"] == pytest.approx(2.0)  # per article, not per mention
    assert record["source_url"] == "https://early.example"
    assert record["date_added"] == dt.date(2019, 8, 2)


def test_free_text_cannot_break_a_record() -> None:
    fields = gdelt_fields(cluster_record([_mention(source_name="A\tB\nC", url="https://x.example/a b")]))
    assert fields[F["Actor1Name"]] == "A B C"
    assert not any("\t" in f or "\n" in f for f in fields)


def test_empty_events_table_gives_empty_output(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    assert _export(db) == []


def test_gdelt_is_for_events_only(gdelt_db: Path) -> None:
    with Store(gdelt_db, read_only=True) as store, pytest.raises(NewsEventsError, match=r"\[E033\]"):
        store.export("articles", "gdelt", io.StringIO())
    result = CliRunner().invoke(cli, ["export", "places", "--db", str(gdelt_db), "--format", "gdelt"])
    assert result.exit_code == 2 and "E033" in result.output


def test_cli_exports_gdelt_to_stdout_and_file(gdelt_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "events", "--db", str(gdelt_db), "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)
    out = tmp_path / "events.tsv"
    args = ["export", "events", "--db", str(gdelt_db), "--format", "gdelt", "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines() == lines
