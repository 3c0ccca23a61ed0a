"""WARC / ARC archives and RSS / Atom feeds as inputs (all fixtures are written here; no network)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.archives import fragment_text, parse_feed
from newsevents.cli import cli
from newsevents.document import Article
from newsevents.ingest import input_kind, iter_articles
from newsevents.rows import Failure

PARAGRAPHS = {
    "dam": [
        "Engineers from two neighbouring provinces agreed on Wednesday to share the water of a new dam on "
        "the upper river, ending a dispute that had delayed the project for three years.",
        "The agreement sets out how much water each province may take during the dry season and creates a "
        "joint commission that will meet every spring to review the figures.",
        "Farmers' unions in the lower valley welcomed the deal but said they would watch closely whether the "
        "promised releases arrived on time during the summer months.",
    ],
    "port": [
        "Dock workers at the northern port ended a nine-day strike on Friday after the port authority "
        "offered a wage rise of six percent and new rules on night shifts.",
        "Shipping companies had diverted dozens of vessels to other harbours during the strike, and traders "
        "warned that shortages of fuel and grain could last for weeks.",
        "The union's leader told members at a meeting outside the gates that the offer was a victory but "
        "that talks on pensions would resume in the autumn.",
    ],
    "port2": [
        "Dock workers at the northern port ended a nine-day strike on Friday after the port authority "
        "offered a wage rise of six percent and new rules on night shifts, the union said in a corrected "
        "report.",
        "Shipping companies had diverted dozens of vessels to other harbours during the strike, and traders "
        "warned that shortages of fuel and grain could last for weeks.",
    ],
    "school": [
        "The education ministry said on Monday that it would rebuild forty village schools damaged by floods "
        "last year, using money from a regional development fund.",
        "Teachers in the affected districts have held classes in tents and community halls since the floods, "
        "and parents' groups have asked for the work to start before the rains return.",
    ],
}


def page(key: str, title: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS[key])
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="og:title" content="{title}">{meta}</head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>\n{body}</article><footer>Contact us</footer></body></html>"
    ).encode()


def run(inputs: list[str], **kwargs: object) -> tuple[list[Article], list[Failure], list[tuple[str, str]]]:
    failures: list[Failure] = []
    skips: list[tuple[str, str]] = []
    articles = list(
        iter_articles(inputs, on_failure=failures.append, on_skip=lambda w, r: skips.append((w, r)), **kwargs)  # type: ignore[arg-type]
    )
    return articles, failures, skips


def codes(failures: list[Failure]) -> list[str]:
    return [f.error[1:5] for f in failures]


class Warc:
    """Writes a small WARC with warcio; remembers each record's id."""

    def __init__(self, path: Path, *, gz: bool = True) -> None:
        self.path = path
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gz)
        self.ids: list[str] = []

    def add(self, record_type: str, url: str, payload: bytes, **kwargs: object) -> None:
        status = str(kwargs.get("status", "200 OK"))
        ctype = str(kwargs.get("ctype", "text/html; charset=utf-8"))
        http = None
        if record_type in ("response", "revisit"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        elif record_type == "request":
            http = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
        record = self.writer.create_warc_record(
            url,
            record_type,
            payload=io.BytesIO(payload),
            length=len(payload),  # a known length: warcio needs no temporary file
            http_headers=http,
            warc_headers_dict={"WARC-Date": str(kwargs.get("date", "2022-03-14T08:00:00Z"))},
        )
        self.ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
        self.writer.write_record(record)

    def save(self, tail: bytes = b"") -> Path:
        self.path.write_bytes(self.buffer.getvalue() + tail)
        return self.path


def sample_warc(path: Path, *, gz: bool = True) -> Warc:
    warc = Warc(path, gz=gz)
    warc.writer.write_record(warc.writer.create_warcinfo_record(path.name, {"software": "test"}))
    warc.ids.append("warcinfo")
    warc.add("request", "https://news.example.org/dam", b"")
    warc.add(
        "response", "https://news.example.org/dam", page("dam", "Provinces share dam water", "2022-03-09")
    )
    warc.add(
        "response", "https://news.example.org/missing", b"<html>Not found</html>", status="404 Not Found"
    )
    warc.add("response", "https://news.example.org/logo.png", b"\x89PNG\r\n", ctype="image/png")
    warc.add("response", "https://www.port.example.com/strike", page("port", "Port strike ends"))
    warc.add("revisit", "https://news.example.org/dam", b"")
    warc.add(
        "response", "https://news.example.org/dam", page("dam", "Provinces share dam water", "2022-03-09")
    )
    warc.add(
        "response",
        "https://www.port.example.com/strike",
        page("port2", "Port strike ends"),
        date="2022-03-15T01:00:00Z",
    )
    warc.add(
        "response",
        "https://news.example.org/notes.txt",
        "\n".join(PARAGRAPHS["school"]).encode(),
        ctype="text/plain",
    )
    warc.add(
        "response",
        "https://news.example.org/robots.txt",
        b"User-agent: *\nDisallow: /private\n",
        ctype="text/plain",
    )
    warc.save()
    return warc


def test_warc_responses_become_articles(tmp_path: Path) -> None:
    warc = sample_warc(tmp_path / "crawl.warc.gz")
    articles, failures, skips = run([str(warc.path)], default_published=dt.date(2000, 1, 1))
    assert failures == []
    dam, port, port2, notes = articles
    assert dam.article_id == dam.url == "https://news.example.org/dam"
    assert dam.title == "Provinces share dam water"
    assert dam.published == dt.date(2022, 3, 9)  # the page's own date wins over the capture date
    assert dam.source == "news.example.org"
    assert "joint commission" in dam.text and "Contact us" not in dam.text
    assert port.article_id == "https://www.port.example.com/strike"
    assert port.published == dt.date(2022, 3, 14)  # no date in the page: the WARC-Date
    assert port.source == "port.example.com"
    # the same URL captured again with another text keeps both, the second under URL@record-id
    assert port2.article_id == f"https://www.port.example.com/strike@{warc.ids[8]}"
    assert port2.published == dt.date(2022, 3, 15) and "corrected report" in port2.text
    assert notes.text == "\n".join(PARAGRAPHS["school"]) and notes.title is None
    assert all(a.input.startswith(f"{warc.path}@") for a in articles)
    assert int(dam.input.rsplit("@", 1)[1]) > 0
    assert [reason for _, reason in skips] == [
        "warcinfo record", "request record", "HTTP status 404", "media type image/png", "revisit record",
        "same URL and text as an earlier record", "robots.txt",
    ]  # fmt: skip


def test_warc_ids_are_the_same_on_every_run(tmp_path: Path) -> None:
    warc = sample_warc(tmp_path / "crawl.warc.gz")
    first = [(a.article_id, a.content_hash) for a in run([str(warc.path)])[0]]
    again = [(a.article_id, a.content_hash) for a in run([str(warc.path)])[0]]
    assert first == again and len(first) == 4 and len({i for i, _ in first}) == 4


def test_warc_damaged_tail_keeps_the_records_before_it(tmp_path: Path) -> None:
    warc = sample_warc(tmp_path / "broken.warc.gz")
    good = warc.path.read_bytes()
    broken_member = gzip.compress(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nHTTP/1.1 200"
    )[:-12]
    warc.path.write_bytes(good + broken_member)
    articles, failures, _ = run([str(warc.path)])
    assert len(articles) == 4
    assert codes(failures) == ["E034"]
    assert failures[0].input == f"{warc.path}@{len(good)}"
    assert failures[0].error.startswith(f"[E034] WARC/ARC data at byte {len(good)} can not be read (")
    assert failures[0].error.endswith("the rest of the file was skipped")


def test_warc_damage_in_the_middle_resumes_at_the_next_record(tmp_path: Path) -> None:
    first = Warc(tmp_path / "a.warc.gz")
    first.add("response", "https://news.example.org/dam", page("dam", "Provinces share dam water"))
    second = Warc(tmp_path / "b.warc.gz")
    second.add("response", "https://news.example.org/schools", page("school", "Schools to be rebuilt"))
    head = first.buffer.getvalue()
    garbage = b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4  # a gzip header followed by no valid data
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(head + garbage + second.buffer.getvalue())
    articles, failures, _ = run([str(path)])
    assert [a.url for a in articles] == ["https://news.example.org/dam", "https://news.example.org/schools"]
    assert codes(failures) == ["E034"]
    assert failures[0].error.endswith(f"reading went on at byte {len(head) + len(garbage)}")
    assert articles[1].input == f"{path}@{len(head) + len(garbage)}"


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n")
    articles, failures, _ = run([str(path)])
    assert articles == [] and codes(failures) == ["E034"]
    assert "the rest of the file was skipped" in failures[0].error


def test_uncompressed_warc_and_record_size_limit(tmp_path: Path) -> None:
    warc = Warc(tmp_path / "plain.warc", gz=False)
    warc.add("response", "https://news.example.org/dam", page("dam", "Provinces share dam water"))
    warc.add("response", "https://news.example.org/big", page("port", "Port strike ends") + b" " * 5000)
    warc.add("response", "https://news.example.org/schools", page("school", "Schools to be rebuilt"))
    warc.save()
    articles, failures, _ = run([str(warc.path)], max_bytes=4000)
    assert [a.url for a in articles] == ["https://news.example.org/dam", "https://news.example.org/schools"]
    assert codes(failures) == ["E008"]
    assert failures[0].article_id == "https://news.example.org/big"
    assert failures[0].input.startswith(f"{warc.path}@")


def test_html_record_without_article_text_is_skipped_not_failed(tmp_path: Path) -> None:
    warc = Warc(tmp_path / "menu.warc.gz")
    warc.add(
        "response", "https://news.example.org/", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    warc.save()
    articles, failures, skips = run([str(warc.path)])
    assert articles == [] and failures == []  # a crawl's section fronts and menus are not bad articles
    assert [reason for _, reason in skips] == ["page without article text"]


def test_arc_file(tmp_path: Path) -> None:
    def arc_record(header: str, body: bytes) -> bytes:
        return f"{header} {len(body)}\n".encode() + body + b"\n"

    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("school", "Schools to be rebuilt")
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    desc_record = arc_record("filedesc://test.arc 0.0.0.0 20190105120000 text/plain", desc)
    page_record = arc_record("https://news.example.org/schools 192.0.2.1 20190105120000 text/html", http)
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(desc_record) + gzip.compress(page_record))  # one gzip member per record
    plain = tmp_path / "old.arc"
    plain.write_bytes(desc_record + page_record)
    articles, failures, _ = run([str(path)])
    articles += run([str(plain)])[0]
    assert failures == []
    assert [a.article_id for a in articles] == ["https://news.example.org/schools"] * 2
    assert articles[0].published == dt.date(2019, 1, 5)
    assert "forty village schools" in articles[0].text
    assert articles[1].input == f"{plain}@{len(desc_record)}"


def test_warc_gzipped_as_a_whole(tmp_path: Path) -> None:
    warc = sample_warc(tmp_path / "crawl.warc", gz=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(warc.path.read_bytes()))  # `gzip crawl.warc`: one member, many records
    expected, failures, _ = run([str(warc.path)])
    assert failures == []
    articles, failures, _ = run([str(whole)])
    assert failures == []
    assert [(a.article_id, a.input.replace("whole.warc.gz", "crawl.warc")) for a in articles] == [
        (a.article_id, a.input) for a in expected
    ]


def test_archives_and_feeds_in_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "crawl").mkdir()
    sample_warc(tmp_path / "crawl" / "one.warc.gz")
    (tmp_path / "crawl" / "feed.rss").write_text(RSS)
    articles, failures, _ = run([str(tmp_path / "crawl")])
    assert len(articles) == 6 and codes(failures) == ["E035"]
    assert input_kind("a.WARC.GZ") == ("warc", True) and input_kind("b.arc") == ("warc", False)
    assert input_kind("c.atom") == ("feed", False) and input_kind("d.xml.gz") == ("feed", True)
    globbed, _, _ = run([str(tmp_path / "crawl" / "*.warc.gz")])
    assert len(globbed) == 4
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")
    (failure,) = run([str(empty)])[1]
    assert ".warc, .arc, .rss, .atom, .xml" in failure.error


def test_warc_on_stdin() -> None:
    warc = Warc(Path("unused"), gz=False)
    warc.add("response", "https://news.example.org/dam", page("dam", "Provinces share dam water"))
    (article,), failures, _ = run(["-"], stdin=io.BytesIO(warc.buffer.getvalue()))
    assert failures == [] and article.article_id == "https://news.example.org/dam"
    assert article.input.startswith("-@")


# -- feeds -------------------------------------------------------------------------------------------

LONG_SUMMARY = " ".join(PARAGRAPHS["school"]) + " " + PARAGRAPHS["dam"][0]

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Valley Courier</title>
  <link>https://courier.example.net/</link>
  <description>Local news</description>
  <item>
    <title>Port strike ends</title>
    <link>https://courier.example.net/2022/port-strike</link>
    <guid isPermaLink="false">4711</guid>
    <pubDate>Fri, 11 Mar 2022 18:30:00 +0000</pubDate>
    <description>Dock workers end their strike.</description>
    <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in PARAGRAPHS["port"])}
      <p>Share this: <a href="https://social.example/x">Post</a></p>]]></content:encoded>
  </item>
  <item>
    <title>Schools to be rebuilt</title>
    <link>https://courier.example.net/2022/schools</link>
    <guid>https://courier.example.net/?p=88</guid>
    <pubDate>Mon, 07 Mar 2022 09:00:00 +0000</pubDate>
    <description>&lt;p&gt;{LONG_SUMMARY}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://courier.example.net/2022/council</link>
    <description>The council met on Tuesday. More to follow.</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>River Basin Monitor</title>
  <link href="https://monitor.example.org/"/>
  <id>tag:monitor.example.org,2022:feed</id>
  <updated>2022-03-10T12:00:00Z</updated>
  <entry>
    <title type="html">Provinces share dam water</title>
    <link rel="alternate" href="https://monitor.example.org/dam-deal"/>
    <id>tag:monitor.example.org,2022:dam-deal</id>
    <updated>2022-03-10T11:00:00Z</updated>
    <content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS["dam"])}</content>
  </entry>
  <entry>
    <title>Short note</title>
    <link rel="alternate" href="https://monitor.example.org/note"/>
    <id>tag:monitor.example.org,2022:note</id>
    <updated>2022-03-09T11:00:00Z</updated>
    <summary>A short teaser only.</summary>
  </entry>
  <entry>
    <title>Plain text entry</title>
    <id>tag:monitor.example.org,2022:plain</id>
    <updated>2022-03-08T11:00:00Z</updated>
    <content type="text">{PARAGRAPHS["port"][0]}</content>
  </entry>
</feed>
"""


def test_rss_entries_with_full_content(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS)
    articles, failures, _ = run([str(path)])
    port, schools = articles
    assert port.article_id == "https://courier.example.net/2022/port-strike"  # guid 4711 is no IRI
    assert port.url == port.article_id and port.title == "Port strike ends"
    assert port.published == dt.date(2022, 3, 11) and port.source == "Valley Courier"
    assert port.text.startswith("Dock workers at the northern port") and "talks on pensions" in port.text
    assert "Dock workers end their strike." not in port.text  # the description is not the article
    assert port.input == f"{path}#1"
    assert schools.article_id == "https://courier.example.net/?p=88"
    assert schools.text == LONG_SUMMARY  # a summary long enough to be the article
    assert codes(failures) == ["E035"]
    assert failures[0].error == (
        "[E035] feed entry has no article text (summary only); fetch the page and code the HTML"
    )
    assert failures[0].input == f"{path}#3"
    assert failures[0].article_id == "https://courier.example.net/2022/council"


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM)
    articles, failures, _ = run([str(path)], default_published=dt.date(2000, 1, 1))
    dam, plain = articles
    assert dam.article_id == "tag:monitor.example.org,2022:dam-deal"
    assert dam.url == "https://monitor.example.org/dam-deal"
    assert dam.published == dt.date(2022, 3, 10) and dam.source == "River Basin Monitor"
    assert dam.text.split("\n") == PARAGRAPHS["dam"]
    assert plain.text == PARAGRAPHS["port"][0] and plain.url is None
    assert codes(failures) == ["E035"] and failures[0].article_id == "tag:monitor.example.org,2022:note"
    again = run([str(path)])[0]
    assert [a.article_id for a in again] == [a.article_id for a in articles]


def test_xml_that_is_no_feed_and_size_limit(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    articles, failures, _ = run([str(sitemap)])
    assert articles == [] and codes(failures) == ["E036"]
    feed = tmp_path / "big.rss.gz"
    feed.write_bytes(gzip.compress(RSS.encode()))
    assert len(run([str(feed)])[0]) == 2
    assert codes(run([str(feed)], max_bytes=1000)[1]) == ["E008"]


def test_feed_on_stdin_and_unknown_suffix(tmp_path: Path) -> None:
    articles, failures, _ = run(["-"], stdin=io.BytesIO(ATOM.encode()))
    assert len(articles) == 2 and codes(failures) == ["E035"]
    path = tmp_path / "download"
    path.write_text(RSS)
    assert len(run([str(path)])[0]) == 2


def test_fragment_text_keeps_short_fragments() -> None:
    assert fragment_text("<p>One line.</p><ul><li>Two</li></ul><script>x()</script>") == "One line.\nTwo"
    assert fragment_text("<p>A &amp; B</p>", boilerplate=False) == "A & B"


def test_parse_feed_never_opens_a_file_or_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret").write_text(RSS)
    assert isinstance(parse_feed(b"secret"), str)  # bytes naming a file are content, not a path
    assert isinstance(parse_feed(b"https://courier.example.net/feed"), str)


# -- CLI ---------------------------------------------------------------------------------------------


def test_cli_codes_a_warc(tmp_path: Path) -> None:
    warc = sample_warc(tmp_path / "crawl.warc.gz")
    broken_member = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nHTTP/1.1")[
        :-12
    ]
    warc.path.write_bytes(warc.path.read_bytes() + broken_member)
    db = tmp_path / "events.duckdb"
    args = ["code", str(warc.path), "--db", str(db), "--stages", "clean"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "4 coded" in result.stdout and "1 failure" in result.stdout, result.stdout
    assert " archive records not articles" in result.stdout
    assert "[E034] WARC/ARC data at byte" in result.stderr
    exported = CliRunner().invoke(cli, ["export", "articles", "--db", str(db)], catch_exceptions=False)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted(r["article_id"] for r in rows)[:2] == [
        "https://news.example.org/dam", "https://news.example.org/notes.txt",
    ]  # fmt: skip
    assert {r["source"] for r in rows} == {"news.example.org", "port.example.com"}
    failures = CliRunner().invoke(cli, ["export", "failures", "--db", str(db)], catch_exceptions=False)
    (failure,) = [json.loads(line) for line in failures.stdout.splitlines()]
    assert failure["error"].startswith("[E034]") and failure["input"].startswith(f"{warc.path}@")
    again = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "4 already stored" in again.stdout
