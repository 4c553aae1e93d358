"""What a reader is, what it yields, and the registry readers are chosen from.

A :class:`Reader` reads one input format from a file and yields an
:class:`~reportedly.records.Article` or a :class:`ReadFailure` per item. Readers are
chosen by the file's content (:meth:`Reader.sniff`, asked first) or by the end of
its name (:attr:`Reader.suffixes`, the longest match wins); see :func:`reader_for`.

Two narrower kinds:

- a :class:`StreamReader` reads any byte stream (stdin and gzipped data too) as one
  document or one item per line, and can be asked for by name (``fmt=``);
- an :class:`ArticleFormat` turns one decoded text into one Article; these are the
  formats of :func:`~reportedly.read.load_article`, guessed from the content when
  none is given (:meth:`ArticleFormat.looks_like`, in ``rank`` order).

The built-ins (``text``, ``html``, ``json``, ``jsonl``, ``gzip``, ``warc``, ``feed``, ``urls``)
are declared under the entry-point group ``reportedly.readers`` in reportedly's own
``pyproject.toml``, exactly as a third-party reader would be.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import ReportedlyError
from ..records import Article
from ..registry import Registry

if TYPE_CHECKING:
    from .fetch import Fetcher


@dataclass
class ReadFailure:
    """An item a reader could not read, and why."""

    item: str
    error: ReportedlyError


#: What readers yield.
Result = Article | ReadFailure
#: Metadata given by the caller (``published``, ``outlet``...); None leaves the reader's.
Overrides = Mapping[str, str | None]


class Readable(Protocol):
    """What stream readers need of a byte stream (files, gzip files, stdin, BytesIO)."""

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is given besides the file."""

    overrides: Overrides = field(default_factory=dict)
    #: Fetches the URLs of URL lists (None: a default ``Fetcher()``).
    fetcher: Fetcher | None = None


@runtime_checkable
class Reader(Protocol):
    """One input format."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Lower-case endings of the file names it reads (".warc", ".warc.gz")."""
        ...

    def sniff(self, path: Path) -> bool:
        """True when the file is in this format whatever its suffix says (asked before
        suffixes, so it must be cheap and sure: e.g. a ``.txt`` file of URLs)."""
        ...

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        """The items of the file; one that cannot be read is a ReadFailure."""
        ...

    def count(self, path: Path) -> int | None:
        """About how many items :meth:`read` yields (for a progress bar), None if unknown."""
        ...


@runtime_checkable
class StreamReader(Reader, Protocol):
    """A reader of any byte stream: one document, or one item per line."""

    @property
    def too_large_hint(self) -> str:
        """Added to the message when a document is over the size limit."""
        ...

    def lines(self, head: bytes, *, gz: bool) -> bool:
        """True to read the stream (which starts with ``head``) one item per line."""
        ...

    def read_document(self, data: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        """The items of one whole document (at most the size limit)."""
        ...

    def read_line(self, line: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        """The items of one line (without its line break)."""
        ...

    def items_on_line(self, line: bytes) -> int:
        """About how many items :meth:`read_line` yields for ``line`` (without parsing it)."""
        ...


@runtime_checkable
class ArticleFormat(Protocol):
    """A format of one article in one text (the formats of ``load_article``)."""

    @property
    def rank(self) -> int:
        """Guessing order: the format with the lowest rank whose looks_like is true wins."""
        ...

    def looks_like(self, text: str) -> bool:
        """True when ``text`` (decoded) is in this format."""
        ...

    def parse(self, text: str, *, item: str, url: str | None) -> Article:
        """The article of ``text``; raises a coded InputError naming ``item``."""
        ...


READERS: Registry[Reader] = Registry("reader", "reportedly.readers")


def reader_for(path: Path) -> Reader | None:
    """The reader of a file: the first whose sniff is true, else the one with the
    longest suffix the name ends with, else None."""
    for _, reader in READERS.items():
        if reader.sniff(path):
            return reader
    return reader_by_suffix(path.name)


def reader_by_suffix(name: str) -> Reader | None:
    """The reader with the longest suffix the file name ends with, or None."""
    name = name.lower()
    best: tuple[int, Reader] | None = None
    for _, reader in READERS.items():
        for suffix in reader.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), reader)
    return best[1] if best else None


def stream_formats() -> list[str]:
    """The names of the stream readers (what ``read_path(fmt=...)`` accepts)."""
    return [name for name, reader in READERS.items() if isinstance(reader, StreamReader)]


def article_formats() -> list[tuple[str, ArticleFormat]]:
    """(name, format) of every article format, in guessing order."""
    found = [(n, r) for n, r in READERS.items() if isinstance(r, ArticleFormat)]
    return sorted(found, key=lambda pair: pair[1].rank)


def apply_overrides(article: Article, overrides: Overrides) -> Article:
    """Set the metadata given by the caller (a None value leaves the reader's)."""
    for name, value in overrides.items():
        if value is not None:
            setattr(article, name, value)
    return article


def overridden(results: Iterable[Result], overrides: Overrides) -> Iterator[Result]:
    """``results`` with ``overrides`` applied to every Article."""
    for result in results:
        if isinstance(result, Article):
            apply_overrides(result, overrides)
        yield result


def head_of(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file (empty when it cannot be read)."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""
