"""The read-only HTTP API over a small hand-built database (no model, no network)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from conftest import sha
from newsevents.api import create_app
from newsevents.api.queries import EventFilter, Page, event_queries
from newsevents.errors import NewsEventsError
from newsevents.events.cameo import cameo_info
from newsevents.rows import COLUMNS, Failure, cluster_id
from newsevents.store import EXPORT_FORMATS, Store, coerce_row

TEXT_1 = (
    "Ministers meet in Oslo\n"
    "\n"
    "The Norwegian foreign minister met the Chilean ambassador in Oslo on Tuesday.\n"
    "\u201cWe will keep talking,\u201d the minister said afterwards.\n"
    "Rebels attacked a police station near the border.\n"
)
TEXT_2 = (
    "Envoy row deepens\n"
    "\n"
    "Chile criticised Norway over the recall of its envoy.\n"
    "The United States may impose sanctions on North Korea next month.\n"
    "Officials in Santiago confirmed the Norwegian minister met the ambassador in Oslo on Tuesday.\n"
    "A Chilean official said the talks had been useful.\n"
)

Side = tuple[str, str | None, str | None, str | None, str | None]  # text, code, country, sector, name
CRITICISM = "Chile criticised Norway over the recall of its envoy."
NOR_MIN: Side = ("The Norwegian foreign minister", "NORGOV", "NOR", "GOV", None)
CHL_AMB: Side = ("the Chilean ambassador", "CHLGOV", "CHL", "GOV", None)


def _side(prefix: str, side: Side | None) -> dict[str, Any]:
    keys = ("text", "code", "country", "sector", "name")
    return {f"{prefix}_{k}": (side[i] if side else None) for i, k in enumerate(keys)}


def event(
    article_id: str, n: int, text: str, sentence: str, trigger: str, code: str, **over: Any
) -> dict[str, Any]:
    start = text.index(sentence)
    trig = text.index(trigger, start)
    info = cameo_info(code)
    row: dict[str, Any] = {
        "event_id": f"{article_id}:e{n}",
        "article_id": article_id,
        "sentence_index": n,
        "evidence_start": start,
        "evidence_end": start + len(sentence),
        **_side("source", over.pop("source", None)),
        **_side("target", over.pop("target", None)),
        "cameo_code": code,
        "cameo_root": code[:2],
        "goldstein": info.goldstein,
        "quad_class": info.quad_class,
        "plover_type": info.plover_type,
        "plover_mode": info.plover_mode,
        "modality": "asserted",
        "confidence": 0.7,
        "cameo_name": info.name,
        "trigger_text": trigger,
        "trigger_start": trig,
        "trigger_end": trig + len(trigger),
        "date_precision": "day",
    }
    row.update(over)
    row["cluster_id"] = cluster_id(row)
    return row


def quote(
    article_id: str, n: int, text: str, speaker: str, code: str, cue: str, content: str, kind: str
) -> dict[str, Any]:
    s, c, q = text.index(speaker), text.index(cue), text.index(content)
    return {
        "quote_id": f"{article_id}:q{n}", "article_id": article_id, "kind": kind,
        "speaker_text": speaker, "speaker_start": s, "speaker_end": s + len(speaker), "speaker_code": code,
        "cue_text": cue, "cue_start": c, "cue_end": c + len(cue),
        "content_text": content, "content_start": q, "content_end": q + len(content),
    }  # fmt: skip


def article(article_id: str, text: str, published: str, source: str, title: str) -> dict[str, Any]:
    return {
        "article_id": article_id, "url": f"https://news.example.org/{article_id}", "title": title,
        "published": published, "source": source, "text": text, "content_hash": sha(text), "input": "t",
    }  # fmt: skip


def sample_tables() -> list[dict[str, list[dict[str, Any]]]]:
    """Two articles: five events (two reports of one meeting), two quotes."""
    s1 = "The Norwegian foreign minister met the Chilean ambassador in Oslo on Tuesday."
    s2 = "\u201cWe will keep talking,\u201d the minister said afterwards."
    oslo = {"location_name": "Oslo", "location_country": "NOR", "lat": 59.91, "lon": 10.75}
    a1 = {
        "articles": [article("a1", TEXT_1, "2021-03-03", "Wire One", "Ministers meet in Oslo")],
        "events": [
            event("a1", 0, TEXT_1, s1, "met", "040", source=NOR_MIN, target=CHL_AMB, event_date="2021-03-02",
                  date_text="Tuesday", **oslo),
            event("a1", 1, TEXT_1, s2, "said", "010", source=("the minister", "NORGOV", "NOR", "GOV", None),
                  event_date="2021-03-02", quote_id="a1:q0"),
            event("a1", 2, TEXT_1, "Rebels attacked a police station near the border.", "attacked", "180",
                  source=("Rebels", "REB", None, "REB", None), target=("police", "COP", None, "COP", None),
                  date_precision=None),
        ],
        "quotes": [
            quote("a1", 0, TEXT_1, "the minister", "NORGOV", "said", "We will keep talking", "direct")
        ],
    }  # fmt: skip
    s3 = "Officials in Santiago confirmed the Norwegian minister met the ambassador in Oslo on Tuesday."
    a2 = {
        "articles": [article("a2", TEXT_2, "2021-03-05", "Paper Two", "Envoy row deepens")],
        "events": [
            event("a2", 0, TEXT_2, CRITICISM, "criticised", "111",
                  source=("Chile", "CHL", "CHL", None, None), target=("Norway", "NOR", "NOR", None, None),
                  event_date="2021-03-04", location_name="Santiago", location_country="CHL"),
            event("a2", 1, TEXT_2, "The United States may impose sanctions on North Korea next month.",
                  "impose sanctions", "163", source=("The United States", "USA", "USA", None, None),
                  target=("North Korea", "PRK", "PRK", None, None), modality="future", event_date="2021-04",
                  date_precision="month"),
            event("a2", 2, TEXT_2, s3, "met", "040",
                  source=("the Norwegian minister", "NORGOV", "NOR", "GOV", None),
                  target=("the ambassador", "CHLGOV", "CHL", "GOV", None), event_date="2021-03-02", **oslo),
        ],
        "quotes": [
            quote("a2", 0, TEXT_2, "A Chilean official", "CHLGOV", "said", "the talks had been useful",
                  "indirect")
        ],
    }  # fmt: skip
    return [{t: [coerce_row(t, r) for r in rows] for t, rows in item.items()} for item in (a1, a2)]


def build_db(path: Path) -> Path:
    with Store(path) as store:
        store.write(sample_tables())
        store.add_failure(Failure("broken.html", None, "ingest", "[E005] HTML page has no extractable text"))
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_db(tmp_path_factory.mktemp("api") / "api.duckdb")
    with TestClient(create_app(db)) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def ids(client: TestClient, url: str = "/api/events", **params: Any) -> list[str]:
    key = "quote_id" if "quotes" in url else "cluster_id" if "clusters" in url else "event_id"
    return [row[key] for row in get(client, url, **params)["items"]]


# -- app creation ---------------------------------------------------------------------------------


def test_missing_database_is_numbered_error_at_creation(tmp_path: Path) -> None:
    with pytest.raises(NewsEventsError, match=r"\[E023\] database not found"):
        create_app(tmp_path / "nope.duckdb")
    assert not (tmp_path / "nope.duckdb").exists()


def test_health_counts_every_table(client: TestClient) -> None:
    body = get(client, "/api/health")
    assert body["status"] == "ok"
    counts = body["counts"]
    assert {k: counts[k] for k in ("articles", "events", "places", "dates", "quotes", "failures")} == {
        "articles": 2, "events": 6, "places": 0, "dates": 0, "quotes": 2, "failures": 1,
    }  # fmt: skip
    assert counts["clusters"] == 3  # the meeting (2 reports), the statement, the criticism


def test_cameo_roots_lists_twenty_named_roots(client: TestClient) -> None:
    roots = get(client, "/api/cameo/roots")["roots"]
    assert [r["root"] for r in roots] == [f"{n:02d}" for n in range(1, 21)]
    assert roots[3]["name"] == cameo_info("04").name


# -- events ---------------------------------------------------------------------------------------


def test_events_default_is_asserted_in_date_order_with_evidence(client: TestClient) -> None:
    body = get(client, "/api/events")
    assert (body["total"], body["limit"], body["offset"]) == (5, 100, 0)
    items = body["items"]
    assert [r["event_id"] for r in items] == ["a1:e0", "a1:e1", "a2:e2", "a1:e2", "a2:e0"]
    first = items[0]
    assert set(COLUMNS["events"]) <= set(first)
    assert (
        first["evidence"] == "The Norwegian foreign minister met the Chilean ambassador in Oslo on Tuesday."
    )
    assert first["cameo_name"] == cameo_info("040").name and first["trigger_text"] == "met"
    text = TEXT_1
    assert text[first["trigger_start"] : first["trigger_end"]] == "met"
    undated = items[3]  # no event date: filed under its article's publication date
    assert undated["event_date"] is None and undated["date"] == "2021-03-03"


def test_event_evidence_counts_characters_not_bytes(client: TestClient) -> None:
    (row,) = get(client, "/api/events", code="010")["items"]
    assert row["evidence"].startswith("\u201cWe will keep talking,\u201d")
    assert row["evidence"][row["trigger_start"] - row["evidence_start"] :].startswith("said")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "NOR"}, ["a1:e0", "a1:e1", "a2:e2"]),
        ({"source": "norgov"}, ["a1:e0", "a1:e1", "a2:e2"]),
        ({"source": "REB"}, ["a1:e2"]),
        ({"target": "CHL"}, ["a1:e0", "a2:e2"]),
        ({"dyad": "NOR:CHL"}, ["a1:e0", "a2:e2"]),
        ({"dyad": "CHL:NOR"}, ["a2:e0"]),
        ({"dyad": ":COP"}, ["a1:e2"]),
        ({"dyad": "USA:PRK", "modality": "any"}, ["a2:e1"]),
        ({"root": "04"}, ["a1:e0", "a2:e2"]),
        ({"root": "4"}, ["a1:e0", "a2:e2"]),
        ({"root": "18"}, ["a1:e2"]),
        ({"code": "11"}, ["a2:e0"]),
        ({"code": "111"}, ["a2:e0"]),
        ({"plover": cameo_info("180").plover_type}, ["a1:e2"]),
        ({"modality": "future"}, ["a2:e1"]),
        ({"modality": "negated"}, []),
        ({"modality": "any"}, ["a1:e0", "a1:e1", "a2:e2", "a1:e2", "a2:e0", "a2:e1"]),
        ({"date_from": "2021-03-03"}, ["a1:e2", "a2:e0"]),
        ({"date_to": "2021-03-02"}, ["a1:e0", "a1:e1", "a2:e2"]),
        ({"date_from": "2021-03-03", "date_to": "2021-03-03"}, ["a1:e2"]),
        ({"date_from": "2021-04-10", "modality": "any"}, ["a2:e1"]),  # "2021-04" overlaps
        ({"date_to": "2021-03-31", "modality": "any"}, ["a1:e0", "a1:e1", "a2:e2", "a1:e2", "a2:e0"]),
        ({"country": "chl"}, ["a2:e0"]),
        ({"country": "NOR"}, ["a1:e0", "a2:e2"]),
        ({"q": "POLICE STATION"}, ["a1:e2"]),  # evidence text
        ({"q": "ambassador"}, ["a1:e0", "a2:e2"]),
        ({"q": "united states", "modality": "any"}, ["a2:e1"]),  # actor text
        ({"q": "100%"}, []),  # not a LIKE pattern
        ({"article_id": "a2"}, ["a2:e2", "a2:e0"]),
        ({"source": "NOR", "root": "01"}, ["a1:e1"]),
        ({"source": ""}, ["a1:e0", "a1:e1", "a2:e2", "a1:e2", "a2:e0"]),  # empty = no filter
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(client, **params) == expected
    assert get(client, "/api/events", **params)["total"] == len(expected)


def test_event_cluster_filter_finds_both_reports(client: TestClient) -> None:
    (meeting,) = [r for r in get(client, "/api/events", root="04")["items"] if r["article_id"] == "a1"]
    assert ids(client, cluster_id=meeting["cluster_id"]) == ["a1:e0", "a2:e2"]


def test_events_pagination(client: TestClient) -> None:
    all_ids = ids(client)
    page = get(client, "/api/events", limit=2, offset=1)
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)
    assert [r["event_id"] for r in page["items"]] == all_ids[1:3]
    assert get(client, "/api/events", offset=50)["items"] == []
    assert len(get(client, "/api/events", limit=1000)["items"]) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 1001},
        {"limit": "ten"},
        {"offset": -1},
        {"root": "004"},
        {"root": "ab"},
        {"code": "04x"},
        {"dyad": "USA-PRK"},
        {"modality": "maybe"},
        {"source": "US A"},
        {"q": "x" * 201},
    ],
)
def test_bad_event_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] and next(iter(params)) in body["error"]


def test_bad_date_is_422_with_numbered_error(client: TestClient) -> None:
    r = client.get("/api/events", params={"date_from": "2021-13-40"})
    assert r.status_code == 422
    assert "[E009] invalid date '2021-13-40'" in r.json()["error"]


def test_event_detail_has_evidence_quote_and_article(client: TestClient) -> None:
    body = get(client, "/api/events/a1:e1")
    assert body["event"]["event_id"] == "a1:e1"
    assert body["event"]["evidence"] == "\u201cWe will keep talking,\u201d the minister said afterwards."
    assert body["quote"]["quote_id"] == "a1:q0" and body["quote"]["content_text"] == "We will keep talking"
    art = body["article"]
    assert (art["title"], art["url"], art["published"], art["source"]) == (
        "Ministers meet in Oslo",
        "https://news.example.org/a1",
        "2021-03-03",
        "Wire One",
    )
    assert "text" not in art
    assert get(client, "/api/events/a1:e0")["quote"] is None


def test_unknown_event_and_article_are_404(client: TestClient) -> None:
    for url in ("/api/events/zz:e9", "/api/articles/zz"):
        r = client.get(url)
        assert r.status_code == 404 and "not found: zz" in r.json()["detail"]
    assert client.get("/api/nothing").status_code == 404


# -- quotes, clusters, articles, stats --------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["a1:q0", "a2:q0"]),
        ({"speaker": "chilean"}, ["a2:q0"]),
        ({"speaker": "norgov"}, ["a1:q0"]),
        ({"speaker": "GOV"}, ["a1:q0", "a2:q0"]),
        ({"country": "chl"}, ["a2:q0"]),
        ({"country": "PRK"}, []),
        ({"q": "KEEP talking"}, ["a1:q0"]),
        ({"article_id": "a2"}, ["a2:q0"]),
        ({"speaker": "official", "q": "useful"}, ["a2:q0"]),
    ],
)
def test_quote_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    body = get(client, "/api/quotes", **params)
    assert [r["quote_id"] for r in body["items"]] == expected
    assert body["total"] == len(expected)
    if body["items"]:
        assert set(body["items"][0]) == set(COLUMNS["quotes"])


def test_quotes_pagination_and_bounds(client: TestClient) -> None:
    assert ids(client, "/api/quotes", limit=1, offset=1) == ["a2:q0"]
    assert client.get("/api/quotes", params={"limit": 1001}).status_code == 422
    assert client.get("/api/quotes", params={"country": "P;R"}).status_code == 422


def test_clusters(client: TestClient) -> None:
    body = get(client, "/api/clusters")
    assert body["total"] == 3
    top = body["items"][0]
    assert (top["cameo_root"], top["num_mentions"], top["num_articles"], top["num_sources"]) == (
        "04",
        2,
        2,
        2,
    )
    assert top["first_event_id"] == "a1:e0" and top["event_date"] == "2021-03-02"
    assert ids(client, "/api/clusters", min_articles=2) == [top["cluster_id"]]
    assert len(ids(client, "/api/clusters", root="11")) == 1
    assert len(ids(client, "/api/clusters", country="CHL")) == 2  # the meeting (target) and the criticism
    assert len(ids(client, "/api/clusters", country="REB")) == 0
    assert len(ids(client, "/api/clusters", date_from="2021-03-03")) == 1
    assert len(ids(client, "/api/clusters", date_to="2021-03-02")) == 2
    assert len(ids(client, "/api/clusters", limit=1, offset=2)) == 1
    assert ids(client, "/api/clusters", offset=3) == []
    assert client.get("/api/clusters", params={"min_articles": 0}).status_code == 422


def test_article(client: TestClient) -> None:
    body = get(client, "/api/articles/a2")
    assert (
        body["text"] == TEXT_2 and body["title"] == "Envoy row deepens" and body["published"] == "2021-03-05"
    )
    assert body["counts"] == {"events": 3, "places": 0, "dates": 0, "quotes": 1}


def test_stats_are_computed_over_the_filtered_events(client: TestClient) -> None:
    body = get(client, "/api/stats")
    assert body["total"] == 5
    assert [(r["root"], r["n"]) for r in body["by_root"]] == [("01", 1), ("04", 2), ("11", 1), ("18", 1)]
    assert body["by_root"][1]["name"] == cameo_info("04").name
    quads = {r["quad_class"]: (r["n"], r["name"]) for r in body["by_quad_class"]}
    assert sum(n for n, _ in quads.values()) == 5 and quads[4] == (1, "Material conflict")
    assert body["by_day"] == [
        {"day": "2021-03-02", "n": 3}, {"day": "2021-03-03", "n": 1}, {"day": "2021-03-04", "n": 1},
    ]  # fmt: skip
    assert body["top_dyads"][0] == {"source_code": "NORGOV", "target_code": "CHLGOV", "n": 2}
    assert body["top_locations"][0] == {"location_name": "Oslo", "location_country": "NOR", "n": 2}
    filtered = get(client, "/api/stats", root="04")
    assert filtered["total"] == 2 and [r["root"] for r in filtered["by_root"]] == ["04"]
    everything = get(client, "/api/stats", modality="any")
    assert everything["total"] == 6 and everything["by_day"][-1] == {"day": "2021-03-04", "n": 1}


# -- export ---------------------------------------------------------------------------------------


def test_export_jsonl_matches_the_store(client: TestClient) -> None:
    r = client.get("/api/export/events.jsonl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="events.jsonl"' in r.headers["content-disposition"]
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert [x["event_id"] for x in rows] == ["a1:e0", "a1:e1", "a1:e2", "a2:e0", "a2:e1", "a2:e2"]
    assert list(rows[0]) == list(COLUMNS["events"])


def test_export_csv_and_clusters(client: TestClient) -> None:
    r = client.get("/api/export/quotes.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(r.text)))
    assert table[0] == list(COLUMNS["quotes"]) and len(table) == 3
    clusters = client.get("/api/export/clusters.jsonl").text.splitlines()
    assert len(clusters) == 3


def test_export_parquet(client: TestClient) -> None:
    r = client.get("/api/export/articles.parquet")
    assert r.status_code == 200
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 2 and table.column("article_id").to_pylist() == ["a1", "a2"]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_events_in_every_store_format(client: TestClient, fmt: str) -> None:
    r = client.get(f"/api/export/events.{fmt}")
    assert r.status_code == 200 and r.content
    with Store(client.app.state.db.path, read_only=True) as store:  # type: ignore[attr-defined]
        expected = io.BytesIO() if fmt == "parquet" else io.StringIO(newline="")
        store.export("events", fmt, expected)
    if fmt != "parquet":
        assert r.text == expected.getvalue()


@pytest.mark.parametrize(
    ("url", "code"), [("/api/export/nothing.jsonl", "E013"), ("/api/export/events.xml", "E014")]
)
def test_export_unknown_table_or_format(client: TestClient, url: str, code: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert r.json()["code"] == code and r.json()["detail"].startswith(f"[{code}]")


# -- dashboard and queries ------------------------------------------------------------------------


def test_dashboard_is_served_offline(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert "static/app.js" in html and "static/style.css" in html
    assert "http://" not in html and "https://" not in html
    for asset in ("app.js", "style.css"):
        res = client.get(f"/static/{asset}")
        assert res.status_code == 200
        assert "http://" not in res.text and "https://" not in res.text and "//cdn" not in res.text


def test_event_query_binds_every_value() -> None:
    f = EventFilter(source="x'; DROP TABLE events; --", q="%", date_from=dt.date(2021, 1, 2))
    (sql, params), (count_sql, count_params) = event_queries(f, Page(limit=5, offset=10))
    assert "DROP" not in sql and "DROP" not in count_sql
    assert params[-2:] == [5, 10] and count_params == params[:-2]
    assert "2021-01-02" in params


# -- the serve command ----------------------------------------------------------------------------


def test_serve_command_missing_db_is_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: [E023] database not found: {tmp_path / 'none.duckdb'}"


def test_serve_command_runs_uvicorn_on_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner
    from fastapi import FastAPI

    from newsevents.cli import cli

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = build_db(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert isinstance(seen["app"], FastAPI) and (seen["host"], seen["port"]) == ("127.0.0.1", 8765)
    assert CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"]).exit_code == 2
