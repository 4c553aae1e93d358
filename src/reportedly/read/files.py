"""read_path: the articles in a file, a folder or stdin, one bad item never stopping the rest.

Each file is read by the registered reader its name or content selects
(:func:`~.base.reader_for`); the built-ins:

==========================  ==============================================
``.txt``                    one plain-text article (``text``)
``.html`` ``.htm``          one web page (``html``)
``.json``                   one object, or a list of objects (``json``)
``.jsonl`` ``.ndjson``      one object per line (``jsonl``)
``.jsonl.gz`` ``.json.gz``  one object per line (a gzipped JSON document too)
``.txt.gz``                 one plain-text article per line
``.html.gz``                one web page (``gzip``: any stream reader's name + ``.gz``)
``.warc`` ``.warc.gz``      the web pages of a web archive (``warc``, :mod:`.warc`)
``.rss`` ``.atom``          one article per feed entry (``feed``, :mod:`.feed`)
``.xml``                    a feed when it starts like one, else guessed
``.urls``                   one URL per line, each fetched (``urls``, :mod:`.fetch`)
``.txt`` of URLs only       the same, when every line (bar blanks and ``#``
                            comments) is an http(s) URL
other names, ``-`` (stdin)  the format is guessed from the content
a folder                    every file above in it (recursively, sorted)
==========================  ==============================================

URLs are fetched with the :class:`~reportedly.read.fetch.Fetcher` given to
read_path, else with a default one, which refuses private addresses.

Items that cannot be read are yielded as :class:`~.base.ReadFailure` with the coded
error and where it happened (``file.jsonl:12`` for line 12, ``file.json[3]`` for
the fourth object of a list).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MalformedInput
from .base import (
    READERS,
    ReadFailure,
    ReadOptions,
    Result,
    StreamReader,
    reader_for,
    stream_formats,
)
from .stream import count_items, read_file, read_stream

if TYPE_CHECKING:
    from .fetch import Fetcher


def _files(folder: Path) -> Iterator[Path]:
    """The files of a folder some reader reads (recursively, sorted, no hidden files)."""
    for child in sorted(folder.rglob("*")):
        if child.is_file() and not child.name.startswith(".") and reader_for(child):
            yield child


def _named(fmt: str) -> StreamReader | None:
    reader = READERS.get(fmt) if fmt in READERS else None
    return reader if isinstance(reader, StreamReader) else None


def read_path(
    path: str | Path,
    *,
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Result]:
    """Yield the articles of a file (``"-"`` is stdin), or of every file in a folder.

    ``fmt`` (a stream reader: "text", "html", "json" or "jsonl") overrides the format
    given by the file name (and turns off the WARC, feed and URL-list readers);
    ``published`` and ``outlet``, when given, override the metadata of every article.
    ``fetcher`` fetches the URLs of URL lists (default: a ``Fetcher()``, which
    refuses private addresses).
    """
    options = ReadOptions({"published": published, "outlet": outlet}, fetcher)
    named = _named(fmt) if fmt is not None else None
    if fmt is not None and named is None:
        known = ", ".join(stream_formats())
        yield ReadFailure(
            str(path), MalformedInput(f"{path}: unknown format {fmt!r}; use one of {known}")
        )
        return
    if str(path) == "-":
        yield from read_stream(
            sys.stdin.buffer, item="<stdin>", reader=named, gz=False, overrides=options.overrides
        )
        return
    p = Path(path)
    if p.is_dir():
        for child in _files(p):
            yield from read_path(
                child, fmt=fmt, published=published, outlet=outlet, fetcher=fetcher
            )
        return
    reader = named or reader_for(p)
    if reader is None:
        yield from read_file(p, None, options)  # no name to go by: guessed from the content
    else:
        yield from reader.read(p, options)


def estimate_items(path: str | Path) -> int | None:
    """About how many items :func:`read_path` will yield for ``path`` (for a progress
    bar's ETA): one per file, one per line of JSON Lines, one per URL of a URL list; None
    when it cannot tell without reading everything (stdin, WARC, feeds)."""
    if str(path) == "-":
        return None
    p = Path(path)
    if p.is_dir():
        total = 0
        for child in _files(p):
            n = estimate_items(child)
            if n is None:
                return None
            total += n
        return total
    reader = reader_for(p)
    return count_items(p, None) if reader is None else reader.count(p)
