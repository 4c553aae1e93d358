"""One full-text search syntax (FTS5's, the subset reportedly documents), compiled per dialect.

Queries are written in the FTS5 syntax on every backend: SQLite runs them as they are
through ``claims_fts``; for PostgreSQL :func:`fts5_to_tsquery` translates the subset the
project uses (words, "phrases", prefix ``*``, AND, OR, NOT, parentheses, column filters)
to a ``to_tsquery('simple', ...)`` string over the ``claims.tsv`` column.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ...errors import MalformedInput

Dialect = Literal["sqlite", "postgresql"]

_TOKEN = re.compile(r'"(?:[^"]|"")*"|\(|\)|\*|:|"|[^\s()":*]+')
_WORD = re.compile(r"\w+")


class _Parser:
    """A recursive-descent parser of the FTS5 subset, writing tsquery as it goes."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens: list[str] = _TOKEN.findall(query)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def bad(self, why: str) -> MalformedInput:
        return MalformedInput(f"bad query: {why}")

    def term(self) -> str:
        tok = self.peek()
        if tok is None:
            raise self.bad(f"{self.query!r} ends too early")
        if tok == "(":
            self.take()
            inner = self.or_expr()
            if self.peek() != ")":
                raise self.bad(f"unbalanced parentheses in {self.query!r}")
            self.take()
            return f"({inner})"
        if tok in (")", "*", ":", '"') or tok in ("AND", "OR", "NOT"):
            raise self.bad(f"unexpected {tok!r} in {self.query!r}")
        self.take()
        if self.peek() == ":":  # a column filter
            self.take()
            return self.term()
        return self.lexemes(tok)

    def lexemes(self, tok: str) -> str:
        """A word or "phrase" (with an optional prefix ``*`` after it)."""
        raw = tok[1:-1].replace('""', '"') if tok.startswith('"') else tok
        words = [w.casefold() for w in _WORD.findall(raw)]
        if not words:
            raise self.bad(f"no word in {tok!r}")
        lexemes = [f"'{w}'" for w in words]
        if self.peek() == "*":
            self.take()
            lexemes[-1] += ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    def not_expr(self) -> str:
        out = self.term()
        while self.peek() == "NOT":
            self.take()
            out = f"{out} & !{self.term()}"
        return out

    def and_expr(self) -> str:
        parts = [self.not_expr()]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.not_expr())
        return " & ".join(parts) if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def or_expr(self) -> str:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def fts5_to_tsquery(query: str) -> str:
    """Translate an FTS5 query (the subset reportedly writes and documents) to a
    PostgreSQL ``to_tsquery('simple', ...)`` string.

    Words and "phrases" (with an optional ``*`` for a prefix), ``AND``, ``OR``, ``NOT``,
    parentheses, implicit AND between terms, and column filters (``sentence : ...``,
    which are dropped: the PostgreSQL index covers claim and sentence text together).
    Raises :class:`~reportedly.errors.MalformedInput` on anything else.
    """
    if not query.strip():
        raise MalformedInput("bad query: empty full-text query")
    parser = _Parser(query)
    out = parser.or_expr()
    if parser.pos != len(parser.tokens):
        raise parser.bad(f"unexpected {parser.tokens[parser.pos]!r} in {query!r}")
    return out


def claim_filter(dialect: Dialect, alias: str, query: str) -> tuple[str, list[Any]]:
    """A WHERE condition keeping the claims (table alias ``alias``) that match ``query``."""
    if dialect == "postgresql":
        return f"{alias}.tsv @@ to_tsquery('simple', ?)", [fts5_to_tsquery(query)]
    # the matches are found once (not per claim row) and then joined by key
    matches, args = claim_matches(dialect, query)
    return f"({alias}.article_id, {alias}.claim_id) IN ({matches})", args


def claim_matches(dialect: Dialect, query: str) -> tuple[str, list[Any]]:
    """A SELECT of ``(article_id, claim_id)`` of the claims that match ``query``."""
    if dialect == "postgresql":
        return (
            "SELECT article_id, claim_id FROM claims WHERE tsv @@ to_tsquery('simple', ?)",
            [fts5_to_tsquery(query)],
        )
    # the index gives the matching rowids; claim_keys their claims (without reading the
    # claim and sentence text claims_fts stores with them)
    return (
        "SELECT k.article_id, k.claim_id FROM claim_keys k"
        " WHERE k.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
        [query],
    )
