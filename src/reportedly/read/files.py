"""read_path: the articles in a file, a folder or stdin, one bad item never stopping the rest.

==========================  ==============================================
``.txt``                    one plain-text article
``.html`` ``.htm``          one web page
``.json``                   one object, or a list of objects
``.jsonl`` ``.ndjson``      one object per line
``.jsonl.gz`` ``.json.gz``  one object per line (a gzipped JSON document too)
``.txt.gz``                 one plain-text article per line
``.html.gz``                one web page
``.warc`` ``.warc.gz``      the web pages of a web archive (:mod:`.warc`)
``.rss`` ``.atom``          one article per feed entry (:mod:`.feed`)
``.xml``                    a feed when it starts like one, else guessed
``.urls``                   one URL per line, each fetched (:mod:`.fetch`)
``.txt`` of URLs only       the same, when every line (bar blanks and ``#``
                            comments) is an http(s) URL
other names, ``-`` (stdin)  the format is guessed from the content
a folder                    every file above in it (recursively, sorted)
==========================  ==============================================

URLs are fetched with the :class:`~reportedly.read.fetch.Fetcher` given to
read_path, else with a default one, which refuses private addresses.

Items that cannot be read are yielded as :class:`ReadFailure` with the coded
error and where it happened (``file.jsonl:12`` for line 12, ``file.json[3]`` for
the fourth object of a list).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import settings
from ..errors import InputTooLarge, MalformedInput, ReportedlyError
from ..records import Article
from .jsondoc import COLLECTION_FIELDS, collection, parse_json, read_object
from .load import FORMATS, apply_overrides, finish, load_one, sniff_format
from .validate import decode, too_large_message

if TYPE_CHECKING:
    from .fetch import Fetcher

#: Formats read_path accepts besides those of load_article.
PATH_FORMATS: tuple[str, ...] = (*FORMATS, "jsonl")

_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_HEAD_BYTES = 65_536
#: Files read by the readers of warc.py, feed.py and fetch.py (their format is
#: decided by the name alone; ``.xml`` and ``.txt`` files by their content too).
_SPECIAL: dict[str, str] = {
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
}
#: A .txt file of at most this many bytes may be a URL list.
_URL_LIST_BYTES = 1 << 20


@dataclass
class ReadFailure:
    """An item read_path could not read, and why."""

    item: str
    error: ReportedlyError


Overrides = Mapping[str, str | None]


class Readable(Protocol):
    """What read_path needs of a byte stream (files, gzip files, stdin, BytesIO)."""

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


class _Prefixed(io.RawIOBase):
    """A raw stream that yields ``head`` first, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def format_of(path: Path) -> tuple[str | None, bool]:
    """(format from the file name or None, gzipped?)"""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return _EXTENSIONS.get(Path(name).suffix), gz


def special_kind(path: Path) -> str | None:
    """ "warc", "feed" or "urls" when the file is read by those readers, else None."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    suffix = Path(name[:-3] if gz else name).suffix
    kind = _SPECIAL.get(suffix)
    if kind == "warc":
        return kind
    if gz:
        return None
    if kind is not None:
        return kind
    if suffix == ".xml":
        from .feed import looks_like_feed

        return "feed" if looks_like_feed(_head(path, 4096)) else None
    if suffix == ".txt" and _is_url_list(_head(path, _URL_LIST_BYTES + 1)):
        return "urls"
    return None


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _is_url_list(data: bytes) -> bool:
    if len(data) > _URL_LIST_BYTES:
        return False
    from .fetch import is_url, url_lines

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = url_lines(text)
    return bool(lines) and all(is_url(line) for _, line in lines)


def _is_json_line(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line.decode("utf-8-sig", "replace")), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _json_mode(head: bytes) -> str:
    """ "lines" when the data is one-line JSON objects (two or more), else "document"."""
    first, _, rest = head.removeprefix(codecs.BOM_UTF8).lstrip().partition(b"\n")
    if first.startswith(b"{") and rest.strip() and _is_json_line(first):
        return "lines"
    return "document"


def _mode(fmt: str | None, gz: bool, head: bytes) -> tuple[str, str]:
    """(how to read: "lines" or "document", format of an item)"""
    if fmt is None:
        fmt = sniff_format(head[:_HEAD_BYTES].decode("utf-8", "replace"))
    if fmt == "jsonl":
        return "lines", "json"
    if fmt == "json":
        return _json_mode(head), "json"
    if fmt == "text" and gz:
        return "lines", "text"
    return "document", fmt


def read_path(
    path: str | Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield the articles of a file (``"-"`` is stdin), or of every file in a folder.

    ``fmt`` ("text", "html", "json" or "jsonl") overrides the format given by the
    file name (and turns off the WARC, feed and URL-list readers); ``published``
    and ``outlet``, when given, override the metadata of every article.
    ``fetcher`` fetches the URLs of URL lists (default: a ``Fetcher()``, which
    refuses private addresses).
    """
    overrides: dict[str, str | None] = {"published": published, "outlet": outlet}
    if fmt is not None and fmt not in PATH_FORMATS:
        yield ReadFailure(
            str(path),
            MalformedInput(f"{path}: unknown format {fmt!r}; use one of {', '.join(PATH_FORMATS)}"),
        )
        return
    if str(path) == "-":
        yield from _read_stream(
            sys.stdin.buffer, item="<stdin>", fmt=fmt, gz=False, overrides=overrides
        )
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if not child.is_file() or child.name.startswith("."):
                continue
            if format_of(child)[0] or special_kind(child):
                yield from read_path(
                    child, fmt=fmt, published=published, outlet=outlet, fetcher=fetcher
                )
        return
    item = str(path)
    kind = special_kind(p) if fmt is None else None
    if kind is not None:
        yield from _read_special(kind, p, overrides=overrides, fetcher=fetcher)
        return
    name_fmt, gz = format_of(p)
    try:
        raw = p.open("rb")
    except OSError as exc:
        yield ReadFailure(
            item, MalformedInput(f"{item}: cannot open the file ({exc.strerror or exc})")
        )
        return
    with raw:
        stream: Readable = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
        yield from _read_stream(stream, item=item, fmt=fmt or name_fmt, gz=gz, overrides=overrides)


def _line_items(line: bytes) -> int:
    """Articles on one JSON line: one, or about one per text of a collection line."""
    if any(f'"{f}"'.encode() in line for f in COLLECTION_FIELDS):
        return max(1, line.count(b'"text":') + line.count(b'"html":'))
    return 1


def estimate_items(path: str | Path) -> int | None:
    """About how many items :func:`read_path` will yield for ``path`` (for a progress
    bar's ETA): one per file, one per line of JSON Lines, one per URL of a URL list; None
    when it cannot tell without reading everything (stdin, WARC, feeds)."""
    if str(path) == "-":
        return None
    p = Path(path)
    if p.is_dir():
        total = 0
        for child in sorted(p.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                if format_of(child)[0] or special_kind(child):
                    n = estimate_items(child)
                    if n is None:
                        return None
                    total += n
        return total
    kind = special_kind(p)
    if kind == "urls":
        from .fetch import url_lines

        return len(url_lines(_head(p, _URL_LIST_BYTES).decode("utf-8-sig", "replace")))
    if kind is not None:
        return None
    name_fmt, gz = format_of(p)
    try:
        with p.open("rb") as raw:
            stream: Readable = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            head = stream.read(_HEAD_BYTES)
            how, _ = _mode(name_fmt, gz, head)
            if how != "lines":
                return 1  # a JSON document is most often one article
            count, rest = 0, head
            while True:
                lines = rest.split(b"\n")
                rest = lines.pop()  # an unfinished line waits for the next block
                count += sum(_line_items(line) for line in lines if line.strip())
                block = stream.read(1 << 20)
                if not block:
                    return count + (_line_items(rest) if rest.strip() else 0)
                rest += block
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return None


def _read_special(
    kind: str, path: Path, *, overrides: Overrides, fetcher: Fetcher | None
) -> Iterator[Article | ReadFailure]:
    items: Iterator[Article | ReadFailure]
    if kind == "warc":
        from .warc import read_warc

        items = read_warc(path, item_prefix=str(path))
    elif kind == "feed":
        from .feed import read_feed

        items = read_feed(path, item_prefix=str(path))
    else:
        from .fetch import Fetcher, read_url_list

        items = read_url_list(path, fetcher or Fetcher())
    for result in items:
        if isinstance(result, Article):
            apply_overrides(result, overrides)
        yield result


def _read_stream(
    stream: Readable, *, item: str, fmt: str | None, gz: bool, overrides: Overrides
) -> Iterator[Article | ReadFailure]:
    try:
        head = stream.read(_HEAD_BYTES)
        if not gz and fmt is None and head[:2] == b"\x1f\x8b":
            # a gzip file without a .gz name: read what is inside
            stream = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, stream)))
            head = stream.read(_HEAD_BYTES)
            gz = True
        mode, item_fmt = _mode(fmt, gz, head)
        whole = io.BufferedReader(_Prefixed(head, stream))
        if mode == "lines":
            yield from _read_lines(whole, item=item, fmt=item_fmt, overrides=overrides)
        else:
            yield from _read_document(whole, item=item, fmt=item_fmt, overrides=overrides)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadFailure(
            item,
            MalformedInput(f"{item}: the data cannot be read, corrupt or truncated ({exc})"),
        )


def _read_document(
    stream: Readable, *, item: str, fmt: str, overrides: Overrides
) -> Iterator[Article | ReadFailure]:
    limit = settings.MAX_INPUT_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        hint = "; put many articles in a JSON Lines file" if fmt == "json" else ""
        yield ReadFailure(item, InputTooLarge(too_large_message(item) + hint))
        return
    if fmt != "json":
        try:
            yield load_one(data, fmt=fmt, item=item, overrides=overrides)
        except ReportedlyError as exc:
            yield ReadFailure(item, exc)
        return
    try:
        obj = parse_json(decode(data, item=item), item=item)
    except MalformedInput as exc:
        if "Extra data" in exc.message:  # JSON Lines under a .json name
            yield from _read_lines(io.BytesIO(data), item=item, fmt="json", overrides=overrides)
        else:
            yield ReadFailure(item, exc)
        return
    except ReportedlyError as exc:
        yield ReadFailure(item, exc)
        return
    if collection(obj) is not None:
        yield from _collection(obj, item=item, overrides=overrides)
        return
    if isinstance(obj, list):
        for i, element in enumerate(obj):
            sub = f"{item}[{i}]"
            try:
                yield finish(read_object(element, item=sub), item=sub, overrides=overrides)
            except ReportedlyError as exc:
                yield ReadFailure(sub, exc)
        return
    try:
        yield finish(read_object(obj, item=item), item=item, overrides=overrides)
    except ReportedlyError as exc:
        yield ReadFailure(item, exc)


def _read_lines(
    stream: Readable, *, item: str, fmt: str, overrides: Overrides
) -> Iterator[Article | ReadFailure]:
    """One article per line; blank lines are skipped, bad lines yield ReadFailure."""
    limit = settings.MAX_INPUT_BYTES
    lineno = 0
    while True:
        line = stream.readline(limit + 2)
        if not line:
            return
        lineno += 1
        sub = f"{item}:{lineno}"
        if len(line) > limit + 1 and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield ReadFailure(sub, InputTooLarge(too_large_message(sub)))
            continue
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        if fmt == "json" and any(f'"{f}"'.encode() in line for f in COLLECTION_FIELDS):
            try:
                obj = parse_json(decode(line, item=sub), item=sub)
            except ReportedlyError as exc:
                yield ReadFailure(sub, exc)
                continue
            if collection(obj) is not None:
                yield from _collection(obj, item=sub, overrides=overrides)
                continue
        try:
            yield load_one(line, fmt=fmt, item=sub, overrides=overrides)
        except ReportedlyError as exc:
            yield ReadFailure(sub, exc)


def _collection(obj: Any, *, item: str, overrides: Overrides) -> Iterator[Article | ReadFailure]:
    """The articles of a collection object (see :func:`.jsondoc.collection`)."""
    found = collection(obj)
    if found is None:
        return
    elements, shared = found
    for i, element in enumerate(elements):
        sub = f"{item}[{i}]"
        try:
            article = read_object(element, item=sub)
            article.meta["collection"] = shared
            yield finish(article, item=sub, overrides=overrides)
        except ReportedlyError as exc:
            yield ReadFailure(sub, exc)
