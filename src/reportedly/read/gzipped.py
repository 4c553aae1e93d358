"""The gzip reader: ``<name>.gz`` files read, decompressed, by the stream reader of ``<name>``.

``a.jsonl.gz`` is read by the ``jsonl`` reader, ``a.txt.gz`` by the ``text`` reader (one
article per line), and so on for every stream reader, plug-ins included. Gzipped data
without a ``.gz`` name is recognised by its first bytes when the format is guessed
(:func:`.stream.read_stream`). Other ``.gz`` files are left to the reader whose own suffix
says so (``.warc.gz``), or not read from folders.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .base import ReadOptions, Result, StreamReader, reader_by_suffix
from .stream import count_items, gzipped, read_file


def inner_reader(path: Path) -> StreamReader | None:
    """The stream reader of a ``.gz`` file's name without ``.gz``, or None."""
    if not gzipped(path):
        return None
    reader = reader_by_suffix(path.name[:-3])
    return reader if isinstance(reader, StreamReader) else None


@dataclass(frozen=True)
class GzipReader:
    """The ``gzip`` reader (chosen by :meth:`sniff`: it has no suffix of its own)."""

    suffixes: tuple[str, ...] = ()

    def sniff(self, path: Path) -> bool:
        return inner_reader(path) is not None

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        return read_file(path, inner_reader(path), options)

    def count(self, path: Path) -> int | None:
        return count_items(path, inner_reader(path))


#: The registered instance (entry point ``reportedly.readers: gzip``).
GZIP = GzipReader()
