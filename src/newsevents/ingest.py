"""Read articles from files, directories, globs and stdin.

Inputs: ``.txt`` (the text is the decoded file, byte for byte), ``.html``/``.htm`` (main text and
metadata via trafilatura, no network), ``.jsonl`` (one article per line: ``id``, ``text`` or ``html``,
``url``, ``title``, ``published`` (alias ``date``), ``source``; other fields are ignored), ``.warc`` /
``.arc`` web archives (each HTTP 200 HTML or plain-text response is an article; streamed, so any size)
and ``.rss`` / ``.atom`` / ``.xml`` feeds (each entry with full content is an article); each may be
gzipped (``.gz``). Directories are walked recursively in sorted order; ``-`` reads stdin (text, HTML,
JSONL, an uncompressed WARC or a feed, detected from the content).

Article ids: the path for a text or HTML file, ``id`` (else ``path:line``) for JSONL, the URL for a WARC
record (``URL@record-id`` when the URL came earlier in the run with another text), the entry's id IRI
(else its link) for a feed entry. Failures and ``Article.input`` name a WARC record ``path@byte-offset``
and a feed entry ``path#n``.

Nothing here raises for bad input: every problem becomes a :class:`~newsevents.rows.Failure` with a
numbered error, handed to ``on_failure``, and the other inputs go on.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import email.utils
import glob
import gzip
import hashlib
import io
import json
import os
import re
import urllib.parse
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, cast

from . import archives
from .document import Article
from .errors import Errors
from .rows import Failure

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest input (a file, a decompressed file, one JSONL line, one WARC record's payload) that is read;
larger ones fail (E008). A WARC file itself may be any size."""

_KINDS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".arc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip
_GLOB_CHARS = re.compile(r"[*?\[]")
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_FEED_SNIFF = re.compile(rb"(?:<\?[^>]*>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_CHUNK = 1 << 16
_MIN_HTML_WORDS = 5

OnFailure = Callable[[Failure], None]
OnSkip = Callable[[str, str], None]


class _ByteStream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...
    def readline(self, size: int = -1, /) -> bytes: ...


class _Problem(Exception):
    """Internal: one input can not be read; carries the numbered message."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.error = error
        super().__init__(error.format(**kwargs))


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 encoded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_date(value: object) -> dt.date | None:
    """``YYYY-MM-DD`` (optionally followed by a time), ``YYYYMMDD`` or an RFC 2822 date -> date.

    ``None`` and ``""`` give ``None``; anything else that is not a date raises :class:`ValueError`.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    s = value.strip()
    m = _ISO_DATE.match(s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if len(s) == 8 and s.isdigit():
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    parsed = email.utils.parsedate(s)
    if parsed is None:
        raise ValueError(value)
    return dt.date(parsed[0], parsed[1], parsed[2])


def input_kind(name: str) -> tuple[str | None, bool]:
    """``("text" | "html" | "jsonl" | "warc" | "feed" | None, gzipped)`` from a file name."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return _KINDS.get(os.path.splitext(lower)[1]), gz


def _path_id(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def iter_articles(
    inputs: Sequence[str],
    *,
    on_failure: OnFailure,
    default_published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
    on_skip: OnSkip | None = None,
) -> Iterator[Article]:
    """Yield one :class:`Article` per readable article in ``inputs``; report the rest to ``on_failure``.

    ``default_published`` is used where the input itself carries no date. ``stdin`` is the stream read
    for ``-`` (default: the process's standard input). ``on_skip(where, reason)`` hears of the WARC
    records that are no article by design (requests, revisits, non-200 responses, images, a repeat of
    an earlier record's URL and text); they are not failures.
    """
    reader = _Reader(on_failure, default_published, max_bytes, on_skip)
    seen: set[str] = set()
    for spec in inputs:
        if spec == "-":
            yield from reader.stdin(stdin)
            continue
        for path, explicit in _expand(spec, on_failure):
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            yield from reader.file(path, explicit=explicit)


def _expand(spec: str, on_failure: OnFailure) -> Iterator[tuple[str, bool]]:
    """Paths named by one input: a file (explicit), a directory's supported files, or a glob's matches."""
    if os.path.isdir(spec):
        found = _walk(spec)
        if not found:
            on_failure(Failure(spec, None, "ingest", Errors.E021.format(path=spec)))
        yield from ((p, False) for p in found)
    elif os.path.exists(spec):
        yield spec, True
    elif _GLOB_CHARS.search(spec) and (matches := sorted(glob.glob(spec, recursive=True))):
        for match in matches:
            if os.path.isdir(match):
                yield from ((p, False) for p in _walk(match))
            elif input_kind(match)[0] is not None:
                yield match, False
    else:
        on_failure(Failure(spec, None, "ingest", Errors.E001.format(path=spec)))


def _walk(directory: str) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(
            os.path.join(root, f) for f in files if not f.startswith(".") and input_kind(f)[0] is not None
        )
    return sorted(out)


def _sniff(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"WARC/1."):
        return "warc"
    if _FEED_SNIFF.match(stripped):
        return "feed"
    if stripped.startswith(b"<") and _HTML_SNIFF.search(head[:4096]):
        return "html"
    return "text"


def _check_bytes(data: bytes) -> str:
    """Decode a whole input strictly as UTF-8, or raise :class:`_Problem` (empty, binary, bad UTF-8)."""
    if not data.strip():
        raise _Problem(Errors.E002)
    if b"\x00" in data:
        raise _Problem(Errors.E003)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Problem(Errors.E004, pos=exc.start) from None


def _read_limited(stream: _ByteStream, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Problem(Errors.E008, size=f"more than {max_bytes}", limit=max_bytes)
    return data


class _Reader:
    def __init__(
        self,
        on_failure: OnFailure,
        default_published: dt.date | None,
        max_bytes: int,
        on_skip: OnSkip | None = None,
    ) -> None:
        self.on_failure = on_failure
        self.on_skip = on_skip
        self.default_published = default_published
        self.max_bytes = max_bytes
        self.url_ids: dict[str, dict[str, str]] = {}  # WARC URL -> content hash -> article id

    def fail(self, where: str, article_id: str | None, message: str) -> None:
        self.on_failure(Failure(where, article_id, "ingest", message))

    def skip(self, where: str, reason: str) -> None:
        if self.on_skip is not None:
            self.on_skip(where, reason)

    # -- files -------------------------------------------------------------------------------------
    def file(self, path: str, *, explicit: bool) -> Iterator[Article]:
        kind, gz = input_kind(path)
        if kind is None and not explicit:
            return
        file_id = _path_id(path)
        try:
            if kind == "jsonl":
                with _open(path, gz) as stream:
                    yield from self.jsonl(stream, path, file_id)
                return
            if kind == "warc":
                with open(path, "rb") as raw:  # warcio recognises gzip itself, member by member
                    yield from self.warc(raw, path)
                return
            data = self._read_file(path, gz)
        except _Problem as problem:
            self.fail(path, file_id, str(problem))
            return
        except (OSError, EOFError, zlib.error) as exc:  # unreadable file or corrupt gzip
            self.fail(path, file_id, Errors.E028.format(reason=_oserror_reason(exc)))
            return
        kind = kind or _sniff(data[:4096])
        if kind == "jsonl":  # an explicit file without a known suffix that holds JSONL
            yield from self.jsonl(_LinesOf(data), path, file_id)
            return
        if kind == "warc":  # an explicit uncompressed WARC without a known suffix
            yield from self.warc(io.BytesIO(data), path)
            return
        if kind == "feed":
            yield from self.feed(data, path, file_id)
            return
        article = self.whole(data, kind, path, file_id)
        if article is not None:
            yield article

    def _read_file(self, path: str, gz: bool) -> bytes:
        if gz:
            with gzip.open(path, "rb") as stream:
                return _read_limited(stream, self.max_bytes)
        size = os.stat(path).st_size
        if size > self.max_bytes:
            raise _Problem(Errors.E008, size=size, limit=self.max_bytes)
        if size == 0:
            raise _Problem(Errors.E002)
        with open(path, "rb") as stream:
            return _read_limited(stream, self.max_bytes)

    def whole(self, data: bytes, kind: str, where: str, article_id: str | None) -> Article | None:
        """A text or HTML input read whole. ``article_id`` None: derived from the content (stdin)."""
        try:
            if kind == "html":
                if not data.strip():
                    raise _Problem(Errors.E002)
                if b"\x00" in data:
                    raise _Problem(Errors.E003)
                return self.html(data, where, article_id, {})
            text = _check_bytes(data)
        except _Problem as problem:
            self.fail(where, article_id, str(problem))
            return None
        digest = content_hash(text)
        return Article(
            article_id=article_id or f"stdin:{digest[:16]}",
            text=text,
            content_hash=digest,
            published=self.default_published,
            input=where,
        )

    def html(
        self,
        data: bytes | str,
        where: str,
        article_id: str | None,
        given: dict[str, Any],
        fallback_published: dt.date | None = None,
    ) -> Article:
        """Main text and metadata of an HTML page; fields in ``given`` (from a JSONL record) win.

        The date is ``given``'s, else the page's own, else ``fallback_published`` (a WARC record's
        capture date), else the run's default.
        """
        import trafilatura  # lazy: slow to import

        result = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_images=False, url=given.get("url")
        )
        text = getattr(result, "text", None) if result is not None else None
        if not text or len(text.split()) < _MIN_HTML_WORDS:  # a menu or an error page, not an article
            raise _Problem(Errors.E005)
        digest = content_hash(text)
        published = given.get("published")
        if published is None:
            published = (
                _quiet_date(getattr(result, "date", None)) or fallback_published or self.default_published
            )
        return Article(
            article_id=article_id or f"stdin:{digest[:16]}",
            text=text,
            content_hash=digest,
            url=given.get("url") or getattr(result, "url", None),
            title=given.get("title") or getattr(result, "title", None),
            published=published,
            source=given.get("source")
            or getattr(result, "sitename", None)
            or getattr(result, "hostname", None),
            input=where,
        )

    # -- stdin -------------------------------------------------------------------------------------
    def stdin(self, stream: IO[bytes] | None) -> Iterator[Article]:
        if stream is None:
            import sys

            stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            self.fail("-", None, Errors.E028.format(reason="no standard input"))
            return
        try:
            first = stream.readline(self.max_bytes + 1)
            if _sniff(first) == "jsonl":
                yield from self.jsonl(stream, "-", "stdin", first=first)
                return
            if _sniff(first) == "warc":
                yield from self.warc(io.BufferedReader(_Prefixed(first, stream)), "-")
                return
            data = first + stream.read(max(self.max_bytes + 1 - len(first), 0))
            if len(data) > self.max_bytes:
                raise _Problem(Errors.E008, size=f"more than {self.max_bytes}", limit=self.max_bytes)
        except _Problem as problem:
            self.fail("-", None, str(problem))
            return
        except OSError as exc:
            self.fail("-", None, Errors.E028.format(reason=_oserror_reason(exc)))
            return
        kind = _sniff(data[:4096])
        if kind == "feed":
            yield from self.feed(data, "-", "stdin")
            return
        article = self.whole(data, kind, "-", None)
        if article is not None:
            yield article

    # -- WARC / ARC --------------------------------------------------------------------------------
    def warc(self, stream: IO[bytes], where: str) -> Iterator[Article]:
        for item in archives.iter_warc(stream, self.max_bytes):
            label = f"{where}@{item.offset}"
            if isinstance(item, archives.WarcSkip):
                self.skip(label, item.reason)
            elif isinstance(item, archives.WarcDamage):
                if item.record_only:
                    resumed = "the record was skipped"
                elif item.resumed_at is not None:
                    resumed = f"reading went on at byte {item.resumed_at}"
                else:
                    resumed = "the rest of the file was skipped"
                self.fail(
                    label, None, Errors.E034.format(offset=item.offset, reason=item.reason, resumed=resumed)
                )
            else:
                article = self.warc_record(item, label)
                if article is not None:
                    yield article

    def warc_record(self, record: archives.WarcPayload, label: str) -> Article | None:
        url = record.uri
        if record.payload is None:
            too_large = Errors.E008.format(size=f"more than {self.max_bytes}", limit=self.max_bytes)
            self.fail(label, url, too_large)
            return None
        captured = _quiet_date(record.warc_date)
        try:
            if record.media_type == "text/plain":
                text = _decode_text(record.payload, record.charset)
                article = Article(
                    article_id=url,
                    text=text,
                    content_hash=content_hash(text),
                    published=captured or self.default_published,
                    input=label,
                )
            else:
                body = _decode_html(record.payload, record.charset)
                article = self.html(body, label, url, {"url": url}, fallback_published=captured)
        except _Problem as problem:
            if problem.error is Errors.E005:  # a crawl holds section fronts and menus: not articles
                self.skip(label, "page without article text")
            else:
                self.fail(label, url, str(problem))
            return None
        ids = self.url_ids.setdefault(url, {})
        if article.content_hash in ids:
            self.skip(label, "same URL and text as an earlier record")
            return None
        article_id = f"{url}@{record.record_id}" if ids else url
        ids[article.content_hash] = article_id
        return dataclasses.replace(article, article_id=article_id, url=url, source=_host(url))

    # -- RSS / Atom ----------------------------------------------------------------------------------
    def feed(self, data: bytes, where: str, file_id: str) -> Iterator[Article]:
        parsed = archives.parse_feed(data)
        if isinstance(parsed, str):
            self.fail(where, file_id, Errors.E036.format(reason=parsed))
            return
        source = parsed.title or _host(parsed.link)
        for entry in parsed.entries:
            label = f"{where}#{entry.index}"
            article_id = _entry_id(entry, file_id)
            if entry.body is None:
                self.fail(label, article_id, Errors.E035.format())
                continue
            text = archives.fragment_text(entry.body) if entry.body_is_html else entry.body.strip()
            if len(text.split()) < _MIN_HTML_WORDS:
                self.fail(label, article_id, Errors.E035.format())
                continue
            yield Article(
                article_id=article_id,
                text=text,
                content_hash=content_hash(text),
                url=entry.link,
                title=entry.title,
                published=entry.published or self.default_published,
                source=source or _host(entry.link),
                input=label,
            )

    # -- JSONL -------------------------------------------------------------------------------------
    def jsonl(
        self, stream: _ByteStream, where: str, file_id: str, *, first: bytes | None = None
    ) -> Iterator[Article]:
        line_no = 0
        while True:
            raw = first if first is not None and line_no == 0 else stream.readline(self.max_bytes + 1)
            if not raw:
                return
            line_no += 1
            label = f"{where}:{line_no}"
            if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(stream)
                too_large = Errors.E008.format(size=f"more than {self.max_bytes}", limit=self.max_bytes)
                self.fail(label, None, too_large)
                continue
            if not raw.strip():
                continue
            try:
                article = self.record(raw, line_no, label, file_id)
            except _Problem as problem:
                self.fail(label, None, str(problem))
                continue
            if isinstance(article, Failure):
                self.on_failure(article)
            else:
                yield article

    def record(self, raw: bytes, line_no: int, label: str, file_id: str) -> Article | Failure:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Problem(Errors.E004, pos=exc.start) from None
        try:
            obj = json.loads(line.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            raise _Problem(Errors.E006, line=line_no, reason=f"{exc.msg} (column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise _Problem(Errors.E020, line=line_no)
        rid = obj.get("id")
        article_id = str(rid) if isinstance(rid, (str, int)) and str(rid) else f"{file_id}:{line_no}"

        def failure(error: Errors, **kwargs: object) -> Failure:
            return Failure(label, article_id, "ingest", error.format(**kwargs))

        raw_date = obj["published"] if obj.get("published") is not None else obj.get("date")
        try:
            published = parse_date(raw_date)
        except ValueError:
            return failure(Errors.E009, value=raw_date)
        given: dict[str, Any] = {
            "url": _str_or_none(obj.get("url")),
            "title": _str_or_none(obj.get("title")),
            "source": _str_or_none(obj.get("source")),
            "published": published,
        }
        field = "text" if obj.get("text") is not None else "html" if obj.get("html") is not None else None
        if field is None:
            return failure(Errors.E007, line=line_no)
        value = obj[field]
        if not isinstance(value, str):
            return failure(Errors.E027, line=line_no, field=field, kind=type(value).__name__)
        if not value.strip():
            return failure(Errors.E002)
        if field == "html":
            try:
                return self.html(value, label, article_id, given)
            except _Problem as problem:
                return Failure(label, article_id, "ingest", str(problem))
        return Article(
            article_id=article_id,
            text=value,
            content_hash=content_hash(value),
            url=given["url"],
            title=given["title"],
            published=published if published is not None else self.default_published,
            source=given["source"],
            input=label,
        )


class _Prefixed(io.RawIOBase):
    """A raw stream whose first bytes were already read (stdin after sniffing its first line)."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._first = first
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._first:
            chunk, self._first = self._first[: len(view)], self._first[len(view) :]
        else:
            chunk = self._rest.read(len(view))
        view[: len(chunk)] = chunk
        return len(chunk)


class _LinesOf:
    """``readline`` over bytes already in memory (an explicit JSONL file without a known suffix)."""

    def __init__(self, data: bytes) -> None:
        self._lines = iter(data.splitlines(keepends=True))

    def read(self, size: int = -1, /) -> bytes:
        return b"".join(self._lines)

    def readline(self, size: int = -1, /) -> bytes:
        return next(self._lines, b"")


def _skip_rest_of_line(stream: _ByteStream) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _open(path: str, gz: bool) -> IO[bytes]:
    if gz:
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _decode_text(payload: bytes, charset: str | None) -> str:
    """A plain-text WARC payload in its declared charset (default UTF-8), strictly."""
    if not payload.strip():
        raise _Problem(Errors.E002)
    if b"\x00" in payload:
        raise _Problem(Errors.E003)
    encoding = charset if charset and _known_codec(charset) else "utf-8"
    try:
        return payload.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _Problem(Errors.E004, pos=exc.start) from None


def _decode_html(payload: bytes, charset: str | None) -> bytes | str:
    """An HTML payload decoded with the HTTP charset when that works; else the bytes (trafilatura guesses)."""
    if not payload.strip():
        raise _Problem(Errors.E002)
    if charset and _known_codec(charset):
        try:
            return payload.decode(charset)
        except UnicodeDecodeError:  # a wrong header: let trafilatura detect the encoding
            return payload
    return payload


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _host(url: str | None) -> str | None:
    """``news.example.org`` from a URL (without a leading ``www.``)."""
    host = urllib.parse.urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _entry_id(entry: archives.FeedEntry, file_id: str) -> str:
    """A feed entry's id if it is an IRI (Atom ids and most RSS guids are), else its link, else a
    local id made from the feed file and the guid or the entry's position."""
    if entry.entry_id and ":" in entry.entry_id:
        return entry.entry_id
    if entry.link:
        return entry.link
    return f"{file_id}#{entry.entry_id or entry.index}"


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _quiet_date(value: object) -> dt.date | None:
    """A metadata date found by trafilatura; an unusable one is simply absent."""
    try:
        return parse_date(value)
    except ValueError:  # htmldate found something that is not a calendar date
        return None


def _oserror_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
