"""Whether one claim's text matches a full-text query, decided in Python as SQLite's FTS5
would, when that can be told for sure.

The candidate tests of a question check a few hundred claims against a full-text query
(:mod:`.fts_probe`); reading every match of the query from ``claims_fts`` for that costs
more than the claims themselves (129,516 matches of "meet"* OR "talk"* OR ... at 100,000
articles: some 50 ms). So the claims' own words are matched here instead, by the rules of
FTS5's default tokenizer (``unicode61``): a token is a run of ASCII letters and digits,
folded to lower case; every other ASCII character, and the spaces and punctuation marks
beyond ASCII that news copy holds (curly quotes, dashes), separate tokens. A text holding
any other character (a letter beyond ASCII, "é", which the tokenizer folds; a symbol) is
left undecided, and so is
a query using more of the syntax than :mod:`.search` writes (NOT, NEAR, ``^``, column
sets): the caller asks FTS5 for those. ``tests/store/test_fts_eval.py`` checks the rules
against FTS5 itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Query", "Tokens", "Undecided", "column_tokens", "parse", "tokens"]

#: The columns of ``claims_fts`` a query may filter on.
COLUMNS = ("text", "sentence")

_ASCII_TOKEN = re.compile(r"[0-9A-Za-z]+")
_QUERY_TOKEN = re.compile(r'"(?:[^"]|"")*"|\(|\)|\*|:|"|[^\s()":*]+')
_BAREWORD = re.compile(r"[0-9A-Za-z_]+")


def _separates(ch: str) -> bool:
    """Whether a character beyond ASCII certainly separates tokens: a space or
    punctuation mark of Latin-1 or of the General Punctuation block (curly quotes,
    dashes, the ellipsis), which every version of the tokenizer's Unicode tables has (a
    character it does not know counts as a letter)."""
    code = ord(ch)
    known = code < 0x100 or 0x2000 <= code <= 0x205E
    return known and unicodedata.category(ch)[0] in "ZP"


def tokens(text: str) -> list[str] | None:
    """The tokens FTS5's ``unicode61`` tokenizer makes of ``text``, or None when the text
    holds a character whose folding is not reproduced here (a letter, digit or mark
    beyond ASCII)."""
    if not text.isascii() and not all(ch.isascii() or _separates(ch) for ch in text):
        return None
    return [t.lower() for t in _ASCII_TOKEN.findall(text)]


def column_tokens(text: str) -> Tokens | None:
    """:func:`tokens` of one column's text, for :meth:`Query.matches`."""
    seq = tokens(text)
    return None if seq is None else Tokens(seq)


class Undecided(Exception):
    """A query or text this module does not decide: FTS5 is asked instead."""


#: What a query is matched against: each column's tokens (None: undecided).
Columns = Mapping[str, "Tokens | None"]
Match = Callable[[Columns], bool]


class Tokens:
    """One column's tokens, in order and as a set (most phrases are one word)."""

    __slots__ = ("seq", "set")

    def __init__(self, seq: list[str]) -> None:
        self.seq = seq
        self.set = frozenset(seq)


def _phrase_in(words: Sequence[str], prefix: bool, toks: Tokens) -> bool:
    if len(words) == 1:
        w = words[0]
        return w in toks.set or (prefix and any(t.startswith(w) for t in toks.set))
    if not toks.set.issuperset(words[:-1]):
        return False
    seq, n = toks.seq, len(words)
    for i in range(len(seq) - n + 1):
        if list(seq[i : i + n - 1]) == list(words[:-1]):
            last = seq[i + n - 1]
            if last == words[-1] or (prefix and last.startswith(words[-1])):
                return True
    return False


def _phrase(words: list[str], prefix: bool, column: str | None) -> Match:
    def match(cols: Columns) -> bool:
        for name in (column,) if column else COLUMNS:
            toks = cols.get(name)
            if toks is None:
                raise Undecided(name)
            if _phrase_in(words, prefix, toks):
                return True
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
        return _phrase(words, prefix, column)


@dataclass(frozen=True)
class Query:
    """A parsed full-text query: :meth:`matches` one claim's columns."""

    match: Match

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
    return Query(match) if parser.pos == len(parser.toks) else None
