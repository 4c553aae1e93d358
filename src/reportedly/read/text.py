"""Plain-text reader: the article text is kept verbatim so offsets index into it."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Article
from .stream import OneArticlePerItem
from .validate import check_not_empty

#: A first line longer than this is a paragraph, not a title.
MAX_TITLE_CHARS = 300


def normalise_text(text: str) -> str:
    """The only changes made to a plain text: drop a BOM, turn CRLF into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def guess_title(text: str) -> str | None:
    """The first non-empty line with letters, if it is short and more text follows it."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not any(ch.isalpha() for ch in stripped):
            continue  # a glyph or number line ("×", "•••", "2024")
        if len(stripped) >= MAX_TITLE_CHARS:
            return None
        if not any(rest.strip() for rest in lines[i + 1 :]):
            return None  # a one-paragraph text has no title
        return stripped
    return None


def read_text(text: str, *, item: str = "input") -> Article:
    """Read a plain-text article (title = its first short line with letters)."""
    text = normalise_text(text)
    check_not_empty(text, item=item)
    return Article(text=text, title=guess_title(text), meta={"format": "text"})


@dataclass(frozen=True)
class TextReader(OneArticlePerItem):
    """The ``text`` reader: a plain-text file is one article; gzipped, one per line."""

    format_name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")
    rank: int = 99  # the format of whatever is neither JSON nor markup

    def lines(self, head: bytes, *, gz: bool) -> bool:
        return gz

    def looks_like(self, text: str) -> bool:
        return True

    def parse(self, text: str, *, item: str, url: str | None) -> Article:
        return read_text(text, item=item)


#: The registered instance (entry point ``reportedly.readers: text``).
TEXT = TextReader()
