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


def fts5_to_tsquery(query: str) -> str:
    """Translate an FTS5 query (the subset reportedly writes and documents) to a
    PostgreSQL ``to_tsquery('simple', ...)`` string.

    Words and "phrases" (with an optional ``*`` for a prefix), ``AND``, ``OR``, ``NOT``,
    parentheses, implicit AND between terms, and column filters (``sentence : ...``,
    which are dropped: the PostgreSQL index covers claim and sentence text together).
    Raises :class:`~reportedly.errors.MalformedInput` on anything else.
    """
    tokens: list[str] = _TOKEN.findall(query)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        return tok

    def term() -> str:
        tok = peek()
        if tok is None:
            raise MalformedInput(f"bad query: {query!r} ends too early")
        if tok == "(":
            take()
            inner = or_expr()
            if peek() != ")":
                raise MalformedInput(f"bad query: unbalanced parentheses in {query!r}")
            take()
            return f"({inner})"
        if tok in (")", "*", ":", '"') or tok in ("AND", "OR", "NOT"):
            raise MalformedInput(f"bad query: unexpected {tok!r} in {query!r}")
        take()
        if peek() == ":":  # a column filter
            take()
            return term()
        raw = tok[1:-1].replace('""', '"') if tok.startswith('"') else tok
        words = [w.casefold() for w in _WORD.findall(raw)]
        if not words:
            raise MalformedInput(f"bad query: no word in {tok!r}")
        prefix = peek() == "*"
        if prefix:
            take()
        lexemes = [f"'{w}'" for w in words]
        if prefix:
            lexemes[-1] += ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    def not_expr() -> str:
        out = term()
        while peek() == "NOT":
            take()
            out = f"{out} & !{term()}"
        return out

    def and_expr() -> str:
        parts = [not_expr()]
        while peek() not in (None, ")", "OR"):
            if peek() == "AND":
                take()
            parts.append(not_expr())
        return " & ".join(parts) if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def or_expr() -> str:
        parts = [and_expr()]
        while peek() == "OR":
            take()
            parts.append(and_expr())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    if not query.strip():
        raise MalformedInput("bad query: empty full-text query")
    out = or_expr()
    if pos != len(tokens):
        raise MalformedInput(f"bad query: unexpected {tokens[pos]!r} in {query!r}")
    return out


def claim_filter(dialect: Dialect, alias: str, query: str) -> tuple[str, list[Any]]:
    """A WHERE condition keeping the claims (table alias ``alias``) that match ``query``."""
    if dialect == "postgresql":
        return f"{alias}.tsv @@ to_tsquery('simple', ?)", [fts5_to_tsquery(query)]
    # the matches are found once (not per claim row) and then joined by key
    return (
        f"({alias}.article_id, {alias}.claim_id) IN"
        " (SELECT article_id, claim_id FROM claims_fts WHERE claims_fts MATCH ?)",
        [query],
    )


def claim_matches(dialect: Dialect, query: str) -> tuple[str, list[Any]]:
    """A SELECT of ``(article_id, claim_id)`` of the claims that match ``query``."""
    if dialect == "postgresql":
        return (
            "SELECT article_id, claim_id FROM claims WHERE tsv @@ to_tsquery('simple', ?)",
            [fts5_to_tsquery(query)],
        )
    return "SELECT article_id, claim_id FROM claims_fts WHERE claims_fts MATCH ?", [query]
