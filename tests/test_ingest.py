from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest

from newsevents.document import Article
from newsevents.ingest import input_kind, iter_articles, parse_date
from newsevents.rows import Failure

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Ministers agree on border talks | Example News</title>
<meta property="og:title" content="Ministers agree on border talks">
<meta property="og:url" content="https://news.example.org/2021/05/border-talks">
<meta property="article:published_time" content="2021-05-04T09:00:00Z">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers agree on border talks</h1>
<p>The foreign ministers of Peru and Ecuador agreed on Tuesday to reopen talks on their shared border,
after a week of protests in both capitals.</p>
<p>The two governments said in a joint statement that negotiators would meet in Lima next month and that
troops would stay away from the disputed area while the talks go on.</p>
<p>Opposition leaders in Quito criticised the agreement, saying it gave too much ground to Lima, and
called for a vote in parliament before any treaty is signed.</p>
</article>
<footer>Contact us</footer>
</body></html>
"""


def run(inputs: list[str], **kwargs: object) -> tuple[list[Article], list[Failure]]:
    failures: list[Failure] = []
    articles = list(iter_articles(inputs, on_failure=failures.append, **kwargs))  # type: ignore[arg-type]
    return articles, failures


def codes(failures: list[Failure]) -> list[str]:
    return [f.error[1:5] for f in failures]


def test_txt_is_stored_byte_for_byte(tmp_path: Path) -> None:
    text = "\ufeffLine one\r\nCafé “quoted” — line two\n\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    (article,), failures = run([str(path)], default_published=dt.date(2020, 1, 2))
    assert failures == []
    assert article.text == text
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.published == dt.date(2020, 1, 2)
    assert article.article_id == path.as_posix()
    assert article.input == str(path)


def test_directory_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta text.")
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"Gamma text."))
    articles, failures = run([str(tmp_path)])
    assert failures == []
    assert [a.text for a in articles] == ["Alpha text.", "Zeta text.", "Gamma text."]
    assert [a.article_id for a in articles] == [
        (tmp_path / "a.txt").as_posix(),
        (tmp_path / "b" / "z.txt").as_posix(),
        (tmp_path / "c.txt.gz").as_posix(),
    ]


def test_glob_and_same_file_twice(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One.")
    (tmp_path / "two.txt").write_text("Two.")
    articles, failures = run([str(tmp_path / "*.txt"), str(tmp_path / "one.txt")])
    assert failures == []
    assert [a.text for a in articles] == ["One.", "Two."]


def test_jsonl_fields_aliases_and_unknown_fields(tmp_path: Path) -> None:
    lines = [
        {"id": "x1", "text": "First story.", "url": "https://e.org/1", "title": "T1",
         "published": "2019-04-10", "source": "wire", "gold": [1, 2]},
        {"text": "Second story.", "date": "2019-04-11T10:00:00Z"},
        {"id": 17, "text": "Third story.", "published": None},
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n\n")
    articles, failures = run([str(path)], default_published=dt.date(2000, 1, 1))
    assert failures == []
    a, b, c = articles
    assert (a.article_id, a.url, a.title, a.published, a.source) == (
        "x1", "https://e.org/1", "T1", dt.date(2019, 4, 10), "wire",
    )  # fmt: skip
    assert a.input == f"{path}:1"
    assert b.article_id == f"{path.as_posix()}:2"
    assert b.published == dt.date(2019, 4, 11)
    assert c.article_id == "17"
    assert c.published == dt.date(2000, 1, 1)  # the default fills a missing date
    assert a.content_hash == hashlib.sha256(b"First story.").hexdigest()


def test_jsonl_bad_lines_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    lines = [
        '{"id": "ok1", "text": "Good one."}',
        '{"id": "broken", "text": "no end',
        '["a", "list"]',
        '{"id": "num", "text": 42}',
        '{"id": "blank", "text": "   "}',
        '{"id": "none"}',
        '{"id": "baddate", "text": "Dated.", "published": "next Tuesday"}',
        '{"id": "ok2", "text": "Good two."}',
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    articles, failures = run([str(path)])
    assert [a.article_id for a in articles] == ["ok1", "ok2"]
    assert codes(failures) == ["E006", "E020", "E027", "E002", "E007", "E009"]
    assert [f.input for f in failures] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert all(f.stage == "ingest" and "\n" not in f.error for f in failures)
    assert failures[2].article_id == "num"


def test_jsonl_gz_and_html_field(tmp_path: Path) -> None:
    records = [
        {"id": "g1", "text": "Gzipped story."},
        {"id": "h1", "html": HTML_PAGE, "title": "Given title", "published": "2021-05-05"},
    ]
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    (g, h), failures = run([str(path)])
    assert failures == []
    assert g.text == "Gzipped story."
    assert "reopen talks on their shared border" in h.text
    assert "Contact us" not in h.text
    assert h.title == "Given title"  # the record's fields win over the page's metadata
    assert h.published == dt.date(2021, 5, 5)


def test_html_file_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE)
    (article,), failures = run([str(path)])
    assert failures == []
    assert "Peru and Ecuador" in article.text
    assert "Home" not in article.text
    assert article.title == "Ministers agree on border talks"
    assert article.url == "https://news.example.org/2021/05/border-talks"
    assert article.published == dt.date(2021, 5, 4)
    assert article.source == "Example News"


def test_bad_inputs_become_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\t\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x02\x00")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Ça va, Zürich".encode("latin-1"))
    nopage = tmp_path / "nav.html"
    nopage.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 50 MB on paper, nothing written
        fh.truncate(50 * 1024 * 1024)
    corrupt = tmp_path / "corrupt.txt.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00garbage")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    missing = tmp_path / "missing.txt"
    inputs = [
        empty,
        blank,
        binary,
        latin,
        nopage,
        huge,
        corrupt,
        empty_dir,
        missing,
        tmp_path / "nomatch*.txt",
    ]
    articles, failures = run([str(p) for p in inputs])
    assert articles == []
    assert codes(failures) == ["E002", "E002", "E003", "E004", "E005", "E008", "E028", "E021", "E001", "E001"]
    assert failures[3].error == "[E004] input is not valid UTF-8 (byte 0)"
    assert (
        failures[5].error == f"[E008] input is too large ({50 * 1024 * 1024} bytes; limit {10 * 1024 * 1024})"
    )
    assert [f.input for f in failures] == [str(p) for p in inputs]


def test_max_bytes_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 100)
    assert run([str(path)], max_bytes=100)[0]
    articles, failures = run([str(path)], max_bytes=99)
    assert articles == [] and codes(failures) == ["E008"]
    gz = tmp_path / "b.txt.gz"
    gz.write_bytes(gzip.compress(b"y" * 1000))
    assert codes(run([str(gz)], max_bytes=999)[1]) == ["E008"]


def test_too_long_jsonl_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "long", "text": "w " * 200})
    path.write_text("\n".join([long_line, '{"id": "short", "text": "Fine."}']) + "\n")
    articles, failures = run([str(path)], max_bytes=100)
    assert [a.article_id for a in articles] == ["short"]
    assert codes(failures) == ["E008"] and failures[0].input == f"{path}:1"


def test_stdin_text_html_and_jsonl() -> None:
    (text,), _ = run(["-"], stdin=io.BytesIO(b"Plain text from a pipe.\n"))
    assert text.text == "Plain text from a pipe.\n"
    assert text.article_id.startswith("stdin:") and text.input == "-"
    (page,), _ = run(["-"], stdin=io.BytesIO(HTML_PAGE.encode()))
    assert "Peru and Ecuador" in page.text
    jsonl = b'{"id": "s1", "text": "One."}\n{"text": "Two."}\nnot json\n'
    articles, failures = run(["-"], stdin=io.BytesIO(jsonl))
    assert [a.article_id for a in articles] == ["s1", "stdin:2"]
    assert codes(failures) == ["E006"] and failures[0].input == "-:3"
    assert codes(run(["-"], stdin=io.BytesIO(b""))[1]) == ["E002"]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    notes = tmp_path / "README"
    notes.write_text("Just some text.")
    feed = tmp_path / "feed.data"
    feed.write_text('{"id": "f1", "text": "From a feed."}\n')
    articles, failures = run([str(notes), str(feed)])
    assert failures == []
    assert [a.text for a in articles] == ["Just some text.", "From a feed."]


def test_parse_date_and_input_kind() -> None:
    assert parse_date("2018-10-07") == dt.date(2018, 10, 7)
    assert parse_date("2018-10-07T12:00:00+02:00") == dt.date(2018, 10, 7)
    assert parse_date("20181007") == dt.date(2018, 10, 7)
    assert parse_date("Sun, 07 Oct 2018 10:00:00 GMT") == dt.date(2018, 10, 7)
    assert parse_date(None) is None
    for bad in ("2018-02-30", "soon", 2018):
        with pytest.raises(ValueError):
            parse_date(bad)
    assert input_kind("x/y.JSONL.GZ") == ("jsonl", True)
    assert input_kind("a.htm") == ("html", False)
    assert input_kind("a.pdf") == (None, False)
