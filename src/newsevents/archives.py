"""Raw material from web archives (WARC / ARC) and RSS / Atom feeds, read offline.

:func:`iter_warc` streams a WARC or ARC file (plain or gzipped, any size) and yields, per record, either
the payload of an HTTP 200 HTML / plain-text response (:class:`WarcPayload`), the reason a record is not an
article (:class:`WarcSkip`), or damage it could not read past (:class:`WarcDamage`, after which it looks for
the next readable record). :func:`parse_feed` reads an RSS 2.0 / RSS 1.0 / Atom document given as bytes
and picks each entry's article text. :func:`fragment_text` turns an HTML fragment into text.

Nothing here fetches a URL or decides ids: :mod:`newsevents.ingest` turns these into articles.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html.parser
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

__all__ = [
    "Feed",
    "FeedEntry",
    "WarcDamage",
    "WarcPayload",
    "WarcSkip",
    "fragment_text",
    "iter_warc",
    "parse_feed",
]

TEXT_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
"""HTTP payloads read from a WARC; every other type is skipped."""

MIN_SUMMARY_CHARS = 400
"""A feed entry without full content is an article only when its summary's text is longer than this."""

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_SCAN = 1 << 20
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_MIN_WORDS = 5


@dataclass(frozen=True)
class WarcPayload:
    """An HTTP 200 response with an HTML or plain-text payload."""

    offset: int  # byte offset of the record in the file (as in a CDX index)
    uri: str  # WARC-Target-URI
    record_id: str  # WARC-Record-ID without the angle brackets
    warc_date: str | None  # WARC-Date (ISO 8601)
    media_type: str  # one of TEXT_MEDIA_TYPES
    charset: str | None  # from the HTTP Content-Type
    payload: bytes | None  # HTTP body (de-chunked, decoded); None: larger than max_bytes
    length: int  # the record's Content-Length


@dataclass(frozen=True)
class WarcSkip:
    """A record that is not an article by design (request, revisit, 404, image …)."""

    offset: int
    uri: str | None
    reason: str


@dataclass(frozen=True)
class WarcDamage:
    """Bytes from ``offset`` on could not be read; reading went on at ``resumed_at`` (None: never), or
    with ``record_only`` a single record was incomplete."""

    offset: int
    reason: str
    resumed_at: int | None
    record_only: bool = False  # only this record is lost; reading goes on with the next one


WarcItem = WarcPayload | WarcSkip | WarcDamage


def _warc_errors() -> tuple[type[BaseException], ...]:
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    # warcio raises ArchiveLoadFailed for most damage, but a damaged header block can also surface as
    # AttributeError (a missing WARC-Target-URI), ValueError or a zlib / EOF / gzip error from the
    # decompressor.
    return (ArchiveLoadFailed, AttributeError, ValueError, EOFError, zlib.error, gzip.BadGzipFile)


def iter_warc(stream: IO[bytes], max_bytes: int) -> Iterator[WarcItem]:
    """Every record of a WARC or ARC stream (gzipped or not), read lazily, one payload at a time.

    Payloads larger than ``max_bytes`` are not kept (``payload`` None). After damage, a seekable
    stream is searched for the next gzip member (or the next ``WARC/1.`` line in an uncompressed WARC)
    and reading goes on from there; one :class:`WarcDamage` is yielded per damaged stretch. A file
    gzipped as a whole (one member, not one per record) is read through a decompressor; its records'
    offsets are then positions in the decompressed data.
    """
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    errors = _warc_errors()
    marker: bytes | None = None
    start = 0
    if stream.seekable():
        start = stream.tell()
        head = stream.read(4096)
        stream.seek(start)
        if not head:
            yield WarcDamage(start, "the file is empty", None)
            return
        if not _is_archive(head):
            yield WarcDamage(start, "not a WARC or ARC file", None)
            return
        marker = (
            _GZIP_MAGIC if head.startswith(_GZIP_MAGIC) else _WARC_LINE if head.startswith(b"WARC/") else None
        )
    source: IO[bytes] = stream
    damage: tuple[int, str] | None = None
    done = 0  # records yielded so far
    clean = True  # no damage met yet (so ``done`` says where a restart should begin)
    while True:
        records = ArchiveIterator(source, arc2warc=True)
        problem: tuple[int, str] | None = None
        try:
            for record in records:
                offset = int(records.offset)
                if done < 0:
                    done += 1
                    continue
                if damage is not None:
                    yield WarcDamage(damage[0], damage[1], offset)
                    damage = None
                done += 1
                yield _examine(record, offset, max_bytes)
        except errors as exc:
            if clean and marker == _GZIP_MAGIC and "non-chunked gzip" in str(exc):
                stream.seek(start)  # one gzip member holds many records: decompress the whole file
                source = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
                done, marker = -done, None  # pass over the records already yielded
                continue
            problem = (int(records.offset), _reason(exc))
        else:
            if source is stream and marker is not None:
                problem = _leftover(stream, int(records.offset))
        if problem is None:
            break
        if damage is None:
            damage, clean = problem, False
        resume = _find(stream, marker, problem[0] + 1) if marker is not None else None
        if resume is None:
            break
        stream.seek(resume)
    if damage is not None:
        yield WarcDamage(damage[0], damage[1], None)


def _leftover(stream: IO[bytes], end: int) -> tuple[int, str] | None:
    """Data after where warcio stopped (it ends quietly at some damage): where, and why."""
    stream.seek(end)
    if stream.read(4096).strip(b"\r\n\t \x00"):
        return end, "unreadable data after the last readable record"
    return None


def _is_archive(head: bytes) -> bool:
    """Whether the first bytes of a file (gzipped or not) start a WARC or ARC file."""
    if head.startswith(_GZIP_MAGIC):
        inflate = zlib.decompressobj(wbits=31)
        try:
            head = inflate.decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def _examine(record: Any, offset: int, max_bytes: int) -> WarcItem:
    headers = record.rec_headers
    uri: str | None = headers.get_header("WARC-Target-URI")
    if record.rec_type != "response":
        return WarcSkip(offset, uri, f"{record.rec_type} record")
    http = record.http_headers
    if http is None or uri is None:
        return WarcSkip(offset, uri, "response without HTTP headers")
    status = str(http.get_statuscode())
    if status != "200":
        return WarcSkip(offset, uri, f"HTTP status {status}")
    media, charset = _media_type(http.get_header("Content-Type") or "")
    if media and media not in TEXT_MEDIA_TYPES:
        return WarcSkip(offset, uri, f"media type {media}")
    if media == "text/plain" and uri.lower().split("?", 1)[0].endswith("/robots.txt"):
        return WarcSkip(offset, uri, "robots.txt")
    payload: bytes = record.content_stream().read(max_bytes + 1)
    missing = getattr(record.raw_stream, "limit", 0)
    if len(payload) <= max_bytes and isinstance(missing, int) and missing > 0:
        return WarcDamage(
            offset, f"the record is cut short ({missing} bytes missing)", None, record_only=True
        )
    if not media:  # no Content-Type: only a payload that looks like HTML is read
        if not _HTML_SNIFF.search(payload[:4096]):
            return WarcSkip(offset, uri, "no media type")
        media = "text/html"
    return WarcPayload(
        offset=offset,
        uri=uri,
        record_id=str(headers.get_header("WARC-Record-ID") or "").strip("<>"),
        warc_date=headers.get_header("WARC-Date"),
        media_type=media,
        charset=charset,
        payload=payload if len(payload) <= max_bytes else None,
        length=int(record.length or 0),
    )


def _media_type(content_type: str) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``text/html; charset=UTF-8``."""
    parts = content_type.split(";")
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return parts[0].strip().lower(), charset


def _find(stream: IO[bytes], marker: bytes, position: int) -> int | None:
    """Offset of the next ``marker`` at or after ``position`` (for a line marker: the line's start)."""
    skip = 1 if marker.startswith(b"\n") else 0
    stream.seek(position)
    carry = b""
    base = position
    while chunk := stream.read(_SCAN):
        data = carry + chunk
        hit = data.find(marker)
        if hit >= 0:
            return base + hit + skip
        keep = len(marker) - 1
        carry = data[-keep:]
        base += len(data) - len(carry)
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0].strip() if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


# -- feeds -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One RSS item / Atom entry. ``body`` is its article text source, None when it only has a summary."""

    index: int  # 1-based position in the feed
    entry_id: str | None  # RSS guid / Atom id
    link: str | None
    title: str | None
    published: dt.date | None
    body: str | None
    body_is_html: bool


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes) -> Feed | str:
    """The feed in ``data``, or the reason it is not an RSS or Atom feed. Nothing is fetched."""
    import feedparser  # type: ignore[import-untyped]  # lazy: slow to import

    # A stream, never bytes or a str: feedparser would treat those as a file name or URL to open.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    version = dict.get(parsed, "version") or ""
    entries = dict.get(parsed, "entries") or []
    if not version and not entries:
        problem = dict.get(parsed, "bozo_exception")
        return _reason(problem) if problem is not None else "no <rss>, <feed> or <rdf:RDF> root element"
    head = dict.get(parsed, "feed") or {}
    return Feed(
        title=_text_field(head, "title"),
        link=_web_link(head),
        entries=tuple(_entry(i, e) for i, e in enumerate(entries, start=1)),
    )


def _entry(index: int, entry: Any) -> FeedEntry:
    body: str | None = None
    is_html = True
    for content in dict.get(entry, "content") or []:
        value = dict.get(content, "value") or ""
        if value.strip():
            body, is_html = value, _is_html(dict.get(content, "type"))
            break
    if body is None:
        summary = dict.get(entry, "summary") or ""
        detail = dict.get(entry, "summary_detail") or {}
        html_summary = _is_html(dict.get(detail, "type"))
        text = fragment_text(summary, boilerplate=False) if html_summary else summary.strip()
        if len(text) > MIN_SUMMARY_CHARS:
            body, is_html = summary, html_summary
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return FeedEntry(
        index=index,
        entry_id=_text_field(entry, "id"),
        link=_web_link(entry),
        title=_text_field(entry, "title"),
        published=dt.date(stamp[0], stamp[1], stamp[2]) if stamp else None,
        body=body,
        body_is_html=is_html,
    )


def _text_field(mapping: Any, key: str) -> str | None:
    value = dict.get(mapping, key)
    return value.strip() or None if isinstance(value, str) else None


def _web_link(mapping: Any) -> str | None:
    """An http(s) link; feedparser also fills ``link`` from non-web ids such as ``tag:`` URIs."""
    link = _text_field(mapping, "link")
    return link if link is not None and link.lower().startswith(("http://", "https://")) else None


def _is_html(media_type: object) -> bool:
    return media_type != "text/plain"


# -- HTML fragments --------------------------------------------------------------------------------


def fragment_text(fragment: str, *, boilerplate: bool = True) -> str:
    """Text of an HTML fragment (a feed entry's content).

    With ``boilerplate`` (default) trafilatura drops share links and similar clutter as it does for
    pages; when that leaves fewer than five words (a short or unusual fragment) the plain text of the
    fragment is used, one line per block element.
    """
    if boilerplate:
        import trafilatura  # lazy: slow to import

        result = trafilatura.bare_extraction(
            f"<html><body><article>{fragment}</article></body></html>",
            with_metadata=False,
            include_comments=False,
            include_images=False,
        )
        text = getattr(result, "text", None) if result is not None else None
        if text and len(text.split()) >= _MIN_WORDS:
            return str(text)
    return _PlainText.of(fragment)


class _PlainText(html.parser.HTMLParser):
    """Text of HTML, one line per block element, without scripts and styles."""

    _BLOCKS = frozenset({
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "td", "th", "tr", "ul",
    })  # fmt: skip
    _HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    @classmethod
    def of(cls, fragment: str) -> str:
        parser = cls()
        parser.feed(fragment)
        parser.close()
        lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
        return "\n".join(line for line in lines if line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
