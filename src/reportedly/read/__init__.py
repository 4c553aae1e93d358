"""Readers: turn text, web pages and JSON into validated :class:`~reportedly.records.Article`.

One module per input format (``text``, ``html``, ``jsondoc``, ``warc``, ``feed``,
``fetch``), each a registered :class:`Reader` (:mod:`.base`, entry-point group
``reportedly.readers``), the checks every input goes through (``validate``: size,
binary data, encoding, language), and two entry points:

- :func:`load_article` reads one article from a str or bytes;
- :func:`read_path` yields the articles of a file, a folder or stdin, with a
  :class:`ReadFailure` for each item that cannot be read.

Every failure is a coded :class:`~reportedly.errors.InputError` whose message
names the item and says what to do.
"""

from __future__ import annotations

from .base import READERS, ArticleFormat, Reader, ReadFailure, ReadOptions, StreamReader
from .files import read_path
from .html import looks_like_html
from .load import load_article, sniff_format
from .validate import check_english, decode, english_score

__all__ = [
    "READERS",
    "ArticleFormat",
    "ReadFailure",
    "ReadOptions",
    "Reader",
    "StreamReader",
    "check_english",
    "decode",
    "english_score",
    "load_article",
    "looks_like_html",
    "read_path",
    "sniff_format",
]
