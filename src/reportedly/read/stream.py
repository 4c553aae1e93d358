"""Reading a byte stream (a file, gzipped or not, or stdin) with a stream reader.

The stream is read as one document or one item per line, as the
:class:`~.base.StreamReader` decides from its head; with no reader given, the format
is guessed from the content (:func:`~.load.sniff_format`), and gzipped data without a
``.gz`` name is decompressed first. :class:`OneArticlePerItem` is the base of the
built-in stream readers (``text``, ``html``, ``json``, ``jsonl``).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from .. import settings
from ..errors import InputTooLarge, MalformedInput, ReportedlyError
from .base import READERS, Overrides, Readable, ReadFailure, ReadOptions, Result, StreamReader
from .load import load_one, sniff_format
from .validate import too_large_message

HEAD_BYTES = 65_536


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


def gzipped(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def sniffed(head: bytes) -> StreamReader:
    """The stream reader of the article format the data looks like."""
    reader = READERS.get(sniff_format(head[:HEAD_BYTES].decode("utf-8", "replace")))
    if not isinstance(reader, StreamReader):
        raise TypeError(f"the article format {reader!r} is not a stream reader")
    return reader


def read_file(path: Path, reader: StreamReader | None, options: ReadOptions) -> Iterator[Result]:
    """The items of a file (gzipped when its name ends with ``.gz``)."""
    item = str(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield ReadFailure(
            item, MalformedInput(f"{item}: cannot open the file ({exc.strerror or exc})")
        )
        return
    gz = gzipped(path)
    with raw:
        stream: Readable = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
        yield from read_stream(stream, item=item, reader=reader, gz=gz, overrides=options.overrides)


def read_stream(
    stream: Readable,
    *,
    item: str,
    reader: StreamReader | None,
    gz: bool,
    overrides: Overrides,
) -> Iterator[Result]:
    """The items of a stream; ``reader`` None guesses the format from the content."""
    try:
        head = stream.read(HEAD_BYTES)
        if not gz and reader is None and head[:2] == b"\x1f\x8b":
            # a gzip file without a .gz name: read what is inside
            stream = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, stream)))
            head = stream.read(HEAD_BYTES)
            gz = True
        chosen = reader or sniffed(head)
        whole = io.BufferedReader(_Prefixed(head, stream))
        if chosen.lines(head, gz=gz):
            yield from read_lines(whole, reader=chosen, item=item, overrides=overrides)
        else:
            yield from _read_document(whole, reader=chosen, item=item, overrides=overrides)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadFailure(
            item,
            MalformedInput(f"{item}: the data cannot be read, corrupt or truncated ({exc})"),
        )


def _read_document(
    stream: Readable, *, reader: StreamReader, item: str, overrides: Overrides
) -> Iterator[Result]:
    limit = settings.MAX_INPUT_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ReadFailure(item, InputTooLarge(too_large_message(item) + reader.too_large_hint))
        return
    yield from reader.read_document(data, item=item, overrides=overrides)


def read_lines(
    stream: Readable, *, reader: StreamReader, item: str, overrides: Overrides
) -> Iterator[Result]:
    """One item per line; blank lines are skipped, bad lines yield ReadFailure."""
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
        if line.strip():
            yield from reader.read_line(line, item=sub, overrides=overrides)


def count_items(path: Path, reader: StreamReader | None) -> int | None:
    """About how many items :func:`read_file` yields: one for a document, one per line
    (as the reader's ``items_on_line`` counts) read line by line; None when it cannot be read."""
    gz = gzipped(path)
    try:
        with path.open("rb") as raw:
            stream: Readable = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            head = stream.read(HEAD_BYTES)
            chosen = reader or sniffed(head)
            if not chosen.lines(head, gz=gz):
                return 1  # a JSON document is most often one article
            count, rest = 0, head
            while True:
                lines = rest.split(b"\n")
                rest = lines.pop()  # an unfinished line waits for the next block
                count += sum(chosen.items_on_line(line) for line in lines if line.strip())
                block = stream.read(1 << 20)
                if not block:
                    return count + (chosen.items_on_line(rest) if rest.strip() else 0)
                rest += block
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return None


class OneArticlePerItem:
    """Base of stream readers whose document, and each line, is one article of the
    article format registered under ``format_name``."""

    format_name: str = ""
    suffixes: tuple[str, ...] = ()
    too_large_hint: str = ""

    def sniff(self, path: Path) -> bool:
        return False

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        return read_file(path, self, options)

    def count(self, path: Path) -> int | None:
        return count_items(path, self)

    def lines(self, head: bytes, *, gz: bool) -> bool:
        return False

    def read_document(self, data: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        yield self.one(data, item=item, overrides=overrides)

    def read_line(self, line: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        yield self.one(line, item=item, overrides=overrides)

    def items_on_line(self, line: bytes) -> int:
        return 1

    def one(self, data: bytes, *, item: str, overrides: Overrides) -> Result:
        try:
            return load_one(data, fmt=self.format_name, item=item, overrides=overrides)
        except ReportedlyError as exc:
            return ReadFailure(item, exc)
