"""The extension points: what is registered, and a tiny third-party plug-in of each kind.

A plug-in package declares its objects under an entry-point group in its own
``pyproject.toml`` (see "Extending" in the README); here the entry points are faked
so that the test needs no second package installed.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any, TextIO

import pytest

from reportedly import registry
from reportedly.corpus.linker import LINKERS, Links
from reportedly.corpus.links import LINK_ORDER, check_link_order, link
from reportedly.errors import StageOrderError
from reportedly.export import EXPORTERS
from reportedly.read import READERS, ReadOptions, read_path
from reportedly.read.base import Result, reader_for
from reportedly.read.load import load_one
from reportedly.read.stream import OneArticlePerItem
from reportedly.read.text import TEXT
from reportedly.records import Analysis, Article
from reportedly.registry import Registry


def test_builtins_are_registered_through_entry_points() -> None:
    assert READERS.names() == ["feed", "gzip", "html", "json", "jsonl", "text", "urls", "warc"]
    assert EXPORTERS.names() == ["gdelt", "jsonl", "plover"]
    assert LINKERS.names() == ["claim-clusters", "contradictions", "copies", "stories"]
    assert sorted(LINK_ORDER) == LINKERS.names()
    check_link_order(LINK_ORDER)  # every linker's requires come before it


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.txt", "text"),
        ("a.TXT.gz", "gzip"),
        ("a.htm", "html"),
        ("a.json.gz", "gzip"),
        ("a.json", "json"),
        ("a.ndjson", "jsonl"),
        ("a.warc.gz", "warc"),
        ("a.atom", "feed"),
        ("a.urls", "urls"),
        ("a.rss.gz", None),
        ("a.urls.gz", None),
        ("a.md", None),
    ],
)
def test_reader_chosen_by_suffix(tmp_path: Path, name: str, reader: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    chosen = reader_for(path)
    assert chosen is (READERS.get(reader) if reader else None)


def test_reader_chosen_by_content(tmp_path: Path) -> None:
    urls = tmp_path / "list.txt"
    urls.write_text("# to read\nhttps://example.com/a\n")
    feed = tmp_path / "news.xml"
    feed.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')
    other = tmp_path / "other.xml"
    other.write_text("<catalog/>")
    assert reader_for(urls) is READERS.get("urls")
    assert reader_for(feed) is READERS.get("feed")
    assert reader_for(other) is None


# ----------------------------------------------------------------- a third-party plug-in


@dataclass(frozen=True)
class MarkdownReader(OneArticlePerItem):
    """A plug-in reader: ``.md`` files, read as plain text without their ``#`` marks."""

    format_name: str = "text"
    suffixes: tuple[str, ...] = (".md",)

    def read_document(self, data: bytes, *, item: str, overrides: Any) -> Iterator[Result]:
        text = data.decode().replace("# ", "")
        yield load_one(text, fmt="text", item=item, overrides=overrides)


@dataclass(frozen=True)
class CountExporter:
    """A plug-in exporter: one line per analysis, its id and number of events."""

    description: str = "article ids and event counts"

    def write(self, analyses: Sequence[Analysis] | Any, out: TextIO) -> int:
        n = 0
        for analysis in analyses:
            out.write(f"{analysis.article.id}\t{len(analysis.events)}\n")
            n += 1
        return n


@dataclass(frozen=True)
class OutletsLinker:
    """A plug-in linker: nothing to add, but it must come after the copies."""

    requires: tuple[str, ...] = ("copies",)
    assigns: tuple[str, ...] = ()

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        pass


MARKDOWN = MarkdownReader()
COUNT = CountExporter()
OUTLETS = OutletsLinker()


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry points as a package declaring MARKDOWN, COUNT and OUTLETS would add them."""
    declared = {
        "reportedly.readers": EntryPoint("md", f"{__name__}:MARKDOWN", "reportedly.readers"),
        "reportedly.exporters": EntryPoint("count", f"{__name__}:COUNT", "reportedly.exporters"),
        "reportedly.linkers": EntryPoint("outlets", f"{__name__}:OUTLETS", "reportedly.linkers"),
    }
    installed = importlib.metadata.entry_points

    def entry_points(group: str) -> list[EntryPoint]:
        return [*installed(group=group), *([declared[group]] if group in declared else [])]

    monkeypatch.setattr(registry, "entry_points", entry_points)
    reg: Registry[Any]
    for reg in (READERS, EXPORTERS, LINKERS):  # read the entry points again
        monkeypatch.setattr(reg, "_items", {})
        monkeypatch.setattr(reg, "_entry_points_read", False)


@pytest.mark.usefixtures("plugins")
def test_plugin_reader_is_chosen_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Talks resume\n\nThe two sides met in Geneva on Monday, officials said.")
    assert READERS.get("md") is MARKDOWN
    (article,) = read_path(path)
    assert isinstance(article, Article)
    assert article.title == "Talks resume"
    assert list(MARKDOWN.read(path, ReadOptions())) == [article]
    gz = tmp_path / "note.md.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert reader_for(gz) is READERS.get("gzip")  # a stream reader gets .gz for free
    assert list(read_path(gz)) == [article]


def test_a_plugin_cannot_take_a_builtin_name(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = importlib.metadata.entry_points
    impostor = EntryPoint("text", f"{__name__}:MARKDOWN", "reportedly.readers")
    monkeypatch.setattr(registry, "entry_points", lambda group: [impostor, *installed(group=group)])
    monkeypatch.setattr(READERS, "_items", {})
    monkeypatch.setattr(READERS, "_entry_points_read", False)
    assert READERS.get("text") is TEXT


@pytest.mark.usefixtures("plugins")
def test_plugin_exporter_is_found_by_name() -> None:
    out = io.StringIO()
    analysis = Analysis(article=Article(text="x", id="a1"))
    assert EXPORTERS.get("count").write([analysis], out) == 1
    assert out.getvalue() == "a1\t0\n"
    assert "gdelt" in EXPORTERS  # the built-ins are still there


@pytest.mark.usefixtures("plugins")
def test_plugin_linker_runs_in_the_declared_order() -> None:
    assert link([], (*LINK_ORDER, "outlets")) == Links()
    with pytest.raises(StageOrderError, match="'outlets' requires copies"):
        check_link_order(("outlets", *LINK_ORDER))
