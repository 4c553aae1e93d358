"""WARC reader: the web pages of a web archive (``.warc`` or ``.warc.gz``), through warcio.

Every ``response`` record with a 2xx HTTP status and an HTML or plain-text payload
is read with the HTML or text reader. The article's url is the record's
WARC-Target-URI; its date is the page's own, else the record's WARC-Date.

Other records (requests, metadata, redirects, images, CSS, scripts) are skipped
silently. A payload that claims to be HTML or text but cannot be read is a
:class:`ReadFailure`. A corrupt record is a ReadFailure (MalformedInput) naming the
file and the record's offset; reading goes on at the next record found after it
when the file can be searched (a file, not stdin).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.bufferedreaders import ChunkedDataException  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
from warcio.statusandheaders import (  # type: ignore[import-untyped]
    StatusAndHeadersParserException,
)

from .. import settings
from ..errors import InputTooLarge, MalformedInput, ReportedlyError
from ..records import Article
from .base import ReadFailure, ReadOptions, Result, apply_overrides, overridden
from .html import looks_like_html
from .load import load_one
from .validate import too_large_message

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
#: Where reading may start again after a corrupt record: a gzip member, a WARC header.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_BLOCK = 1 << 20
#: What warcio raises for corrupt or truncated data.
_CORRUPT: tuple[type[Exception], ...] = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ChunkedDataException,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
)


def read_warc(
    path_or_stream: str | Path | IO[bytes],
    *,
    item_prefix: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield an Article for every HTML or text page of a WARC file, a ReadFailure
    for every page or record that cannot be read.

    Items are named ``<item_prefix>@<record offset>`` (``item_prefix`` defaults to
    the file name). ``published`` and ``outlet``, when given, override the metadata
    of every article.
    """
    if isinstance(path_or_stream, str | Path):
        prefix = item_prefix or str(path_or_stream)
        try:
            fh = Path(path_or_stream).open("rb")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            yield ReadFailure(
                prefix, MalformedInput(f"{prefix}: cannot open the file ({exc.strerror or exc})")
            )
            return
        with fh:
            yield from _read(fh, prefix=prefix, published=published, outlet=outlet)
        return
    prefix = item_prefix or str(getattr(path_or_stream, "name", "<warc>"))
    yield from _read(path_or_stream, prefix=prefix, published=published, outlet=outlet)


def _seekable(fh: IO[bytes]) -> bool:
    try:
        return fh.seekable()
    except (AttributeError, OSError, ValueError):
        return False


def _read(
    fh: IO[bytes], *, prefix: str, published: str | None, outlet: str | None
) -> Iterator[Article | ReadFailure]:
    seekable = _seekable(fh)
    gz: bool | None = None
    while True:
        if seekable and gz is None:
            start = fh.tell()
            gz = fh.read(2) == b"\x1f\x8b"
            fh.seek(start)
        iterator = ArchiveIterator(fh)
        offset = iterator.offset
        try:
            for record in iterator:
                item = f"{prefix}@{offset}"
                errors = iterator.err_count
                result = _record(record, item=item, published=published, outlet=outlet)
                iterator.read_to_end()
                if iterator.err_count > errors:
                    # warcio found no blank line where the record should end
                    result = ReadFailure(
                        item,
                        MalformedInput(
                            f"{item}: the WARC record at byte {offset} is corrupt (its "
                            "Content-Length does not match its data); it is skipped"
                        ),
                    )
                if result is not None:
                    yield result
                offset = iterator.offset
            return
        except _CORRUPT as exc:
            item = f"{prefix}@{offset}"
            yield ReadFailure(
                item,
                MalformedInput(
                    f"{item}: the WARC record at byte {offset} is corrupt or truncated "
                    f"({type(exc).__name__}: {exc}); the records after it are read if they "
                    "can be found"
                ),
            )
        if not seekable:
            return
        restart = _next_start(fh, offset + 1, bool(gz))
        if restart is None:
            return
        fh.seek(restart)


def _next_start(fh: IO[bytes], position: int, gz: bool) -> int | None:
    """The offset of the next gzip member (or WARC header at a line start) from ``position``."""
    magic = _GZIP_MAGIC if gz else b"\n" + _WARC_MAGIC
    skip = 0 if gz else 1
    fh.seek(position)
    carry = b""
    base = position
    while True:
        block = fh.read(_SCAN_BLOCK)
        if not block:
            return None
        data = carry + block
        at = data.find(magic)
        if at != -1:
            return base + at + skip
        carry = data[-len(magic) :]
        base += len(data) - len(carry)


def _header(headers: Any, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get_header(name)
    return value if isinstance(value, str) and value.strip() else None


def _record(
    record: Any, *, item: str, published: str | None, outlet: str | None
) -> Article | ReadFailure | None:
    """The Article of one record, its ReadFailure, or None for a record that is no page."""
    if record.format != "warc":
        return ReadFailure(
            item,
            MalformedInput(
                f"{item}: the data at byte {item.rsplit('@', 1)[1]} is not a WARC record "
                "(ARC files and other formats are not read); is this a WARC file?"
            ),
        )
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if not (isinstance(status, str) and status.startswith("2")):
            return None
        content_type = _header(http, "Content-Type")
    else:
        content_type = _header(record.rec_headers, "Content-Type")
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    uri = _header(record.rec_headers, "WARC-Target-URI")
    limit = settings.MAX_INPUT_BYTES
    try:
        data = record.content_stream().read(limit + 1)
    except _CORRUPT as exc:
        if mime in _HTML_TYPES or mime in _TEXT_TYPES:
            return ReadFailure(
                item,
                MalformedInput(f"{item}: the payload of {uri} cannot be read ({exc})"),
            )
        return None
    if mime in _HTML_TYPES:
        fmt = "html"
    elif mime in _TEXT_TYPES:
        fmt = "text"
    elif not mime:
        if not looks_like_html(data[:65_536].decode("utf-8", "replace")):
            return None
        fmt = "html"
    else:
        return None  # images, CSS, scripts, PDFs...
    if len(data) > limit:
        return ReadFailure(item, InputTooLarge(too_large_message(item)))
    overrides = {"url": uri, "outlet": outlet, "published": published}
    try:
        article = load_one(data, fmt=fmt, item=item, overrides=overrides)
    except ReportedlyError as exc:
        return ReadFailure(item, exc)
    if article.published is None:
        apply_overrides(article, {"published": _header(record.rec_headers, "WARC-Date")})
    article.meta.setdefault("warc_offset", int(item.rsplit("@", 1)[1]))
    return article


@dataclass(frozen=True)
class WarcReader:
    """The ``warc`` reader: the web pages of a web archive."""

    suffixes: tuple[str, ...] = (".warc", ".warc.gz")

    def sniff(self, path: Path) -> bool:
        return False

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        return overridden(read_warc(path, item_prefix=str(path)), options.overrides)

    def count(self, path: Path) -> int | None:
        return None  # not known without reading every record


#: The registered instance (entry point ``reportedly.readers: warc``).
WARC = WarcReader()
