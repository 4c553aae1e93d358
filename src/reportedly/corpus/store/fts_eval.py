"""Whether one claim's text matches a full-text query, decided in Python as SQLite's FTS5
would, when that can be told for sure.

The candidate tests of a question check a few hundred claims against a full-text query
(:mod:`.fts_probe`); reading every match of the query from ``claims_fts`` for that costs
more than the claims themselves (129,516 matches of "meet"* OR "talk"* OR ... at 100,000
articles: 80-120 ms). So the claims' own words are matched here instead, by the rules of
FTS5's default tokenizer (``unicode61``, diacritics removed): a token is a run of ASCII
letters and digits, folded to lower case; every other ASCII character, and the spaces and
punctuation marks beyond ASCII that news copy holds (curly quotes, dashes), separate
tokens; a Latin letter with one diacritic is its base letter ("Pérez" is "perez"). A text
holding any other character beyond ASCII (a letter of another script, a symbol) is left
undecided, and so is a query using more of the syntax than :mod:`.search` writes (NOT,
NEAR, ``^``, column sets): the caller asks FTS5 for those.
``tests/corpus/test_fts_eval.py`` checks the rules against FTS5 itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["COLUMNS", "Query", "Undecided", "column_tokens", "parse", "spaced", "tokens"]

#: The columns of ``claims_fts`` a query may filter on.
COLUMNS = ("text", "sentence")

_TOKEN = re.compile(r"[0-9a-z]+")
_QUERY_TOKEN = re.compile(r'"(?:[^"]|"")*"|\(|\)|\*|:|"|[^\s()":*]+')
_BAREWORD = re.compile(r"[0-9A-Za-z_]+")


def _separates(ch: str) -> bool:
    """Whether a character beyond ASCII certainly separates tokens: a space, punctuation
    mark, symbol or format character (curly quotes, dashes, the ellipsis, "£", "€", a
    soft hyphen) of the Latin blocks or of the punctuation and symbol blocks, which every
    version of the tokenizer's Unicode tables has (there a character it does not know
    counts as a letter)."""
    code = ord(ch)
    known = code < 0x250 or 0x2000 <= code < 0x2400
    category = unicodedata.category(ch)
    return known and (category[0] in "ZPS" or category in ("Cc", "Cf"))


#: What :func:`_beyond_ascii` makes of a character it does not decide (the others become
#: a space, which separates tokens, or an ASCII letter: a Latin letter with one
#: diacritic, which the tokenizer folds, "é" is "e").
_UNDECIDED = "\x00"


def _beyond_ascii(ch: str) -> str:
    if _separates(ch):
        return " "
    parts = unicodedata.normalize("NFD", ch)
    if (
        len(parts) == 2
        and parts[0].isascii()
        and parts[0].isalpha()
        and unicodedata.category(parts[1]) == "Mn"
    ):
        return parts[0]
    return _UNDECIDED


class _Folding(dict[int, str]):
    """The table ``str.translate`` folds a text with: ASCII as it is, every other
    character as :func:`_beyond_ascii` says (worked out the first time it is met)."""

    def __init__(self) -> None:
        super().__init__((c, chr(c)) for c in range(128))

    def __missing__(self, code: int) -> str:
        self[code] = _beyond_ascii(chr(code))
        return self[code]


_FOLDING = _Folding()


def spaced(text: str) -> str | None:
    """The tokens FTS5's ``unicode61`` tokenizer makes of ``text``, lower case, each with
    one space before and after (" trump met kim "), or None when the text holds a
    character whose handling is not reproduced here (a letter, digit, mark or symbol
    beyond ASCII other than a Latin letter with one diacritic)."""
    if not text.isascii():
        text = text.translate(_FOLDING)
        if _UNDECIDED in text:
            return None
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def tokens(text: str) -> list[str] | None:
    """:func:`spaced` as a list of tokens."""
    found = spaced(text)
    return None if found is None else found.split()


@lru_cache(maxsize=8192)
def column_tokens(text: str) -> str | None:
    """:func:`spaced` of one column's text, for :meth:`Query.matches` (cached: the claims
    of one sentence share its text)."""
    return spaced(text)


class Undecided(Exception):
    """A query or text this module does not decide: FTS5 is asked instead."""


#: What a query is matched against: each column's :func:`spaced` tokens (None: undecided).
Columns = Mapping[str, "str | None"]
Match = Callable[[Columns], bool]


def _phrase(words: list[str], prefix: bool, column: str | None) -> Match:
    # the phrase's tokens in a row, the last one whole or (a prefix) its beginning
    needle = " " + " ".join(words) + ("" if prefix else " ")

    def match(cols: Columns) -> bool:
        undecided = None
        for name in (column,) if column else COLUMNS:
            toks = cols.get(name)
            if toks is None:
                undecided = name
            elif needle in toks:
                return True
        if undecided is not None:  # found in no column told, and one is not told
            raise Undecided(undecided)
        return False

    return match


def _all(parts: list[Match]) -> Match:
    return lambda cols: all(p(cols) for p in parts)


def _any(parts: list[Match]) -> Match:
    return lambda cols: any(p(cols) for p in parts)


class _Parser:
    """The FTS5 subset of :mod:`.search`: words and "phrases" (a ``*`` after one for a
    prefix), AND, OR, parentheses, implicit AND, and ``column : ...`` filters."""

    def __init__(self, query: str) -> None:
        self.toks: list[str] = _QUERY_TOKEN.findall(query)
        self.pos = 0
        self.columns: set[str] = set()  # the columns the phrases are looked for in

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> str:
        self.pos += 1
        return self.toks[self.pos - 1]

    def or_expr(self, column: str | None) -> Match:
        parts = [self.and_expr(column)]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr(column))
        return parts[0] if len(parts) == 1 else _any(parts)

    def and_expr(self, column: str | None) -> Match:
        parts = [self.term(column)]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.term(column))
        return parts[0] if len(parts) == 1 else _all(parts)

    def term(self, column: str | None) -> Match:
        tok = self.peek()
        if tok is None or tok in (")", "*", ":", '"', "AND", "OR", "NOT", "NEAR"):
            raise Undecided(tok)
        self.take()
        if tok == "(":
            inner = self.or_expr(column)
            if self.peek() != ")":
                raise Undecided("(")
            self.take()
            return inner
        if self.peek() == ":":  # a column filter (one of the table's, none inside another)
            self.take()
            if tok not in COLUMNS or column not in (None, tok):
                raise Undecided(tok)
            return self.term(tok)
        return self.phrase(tok, column)

    def phrase(self, tok: str, column: str | None) -> Match:
        if tok.startswith('"'):
            words = tokens(tok[1:-1].replace('""', '"'))
        elif _BAREWORD.fullmatch(tok):
            words = tokens(tok)
        else:
            raise Undecided(tok)
        if not words:
            raise Undecided(tok)
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        self.columns.update((column,) if column else COLUMNS)
        return _phrase(words, prefix, column)


@dataclass(frozen=True)
class Query:
    """A parsed full-text query: :meth:`matches` one claim's columns (only ``columns``
    are read)."""

    match: Match
    columns: tuple[str, ...]

    def matches(self, cols: Columns) -> bool:
        """Whether a claim with these columns' tokens matches; raises :class:`Undecided`
        when a column it needs is undecided."""
        return self.match(cols)


@lru_cache(maxsize=256)
def parse(query: str) -> Query | None:
    """The query, or None when it uses syntax this module does not decide."""
    parser = _Parser(query)
    try:
        match = parser.or_expr(None)
    except Undecided:
        return None
    if parser.pos != len(parser.toks):
        return None
    return Query(match, tuple(c for c in COLUMNS if c in parser.columns))
