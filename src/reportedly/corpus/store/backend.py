"""What :class:`~reportedly.corpus.store.Store` needs from a database, and which backend
a location opens: SQLite (:mod:`.sqlite`) or PostgreSQL (:mod:`.postgres`).

The store writes its queries once, in the SQL both databases understand (``?``
placeholders, ``IN (?, ?)`` lists, case-folded key columns filled in Python instead of
collations). A backend owns what differs: connecting (a connection per thread on SQLite,
a pool on PostgreSQL), the schema and its migrations, transactions, the placeholder
style, the ingest-order column; :mod:`.search` compiles full-text queries for its
``dialect``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from ...extras import require_extra
from .search import Dialect
from .sqlite import SQLiteBackend


class Backend(Protocol):
    """What :class:`~reportedly.corpus.store.Store` needs from a database."""

    location: str
    #: the column that orders articles as they were ingested
    order: str
    #: the SQL dialect full-text queries are compiled for
    dialect: Dialect

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
    def execute(self, sql: str, args: Sequence[Any] = ()) -> int: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def version(self) -> int: ...
    def migrate(self) -> None: ...
    def values(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...
    def index_claims(self, rows: Sequence[tuple[str, str, str, str]]) -> None: ...
    def close(self) -> None: ...


def redact(location: str | Path) -> str:
    """The location to show: a database URL's password replaced by ``***``."""
    loc = str(location)
    if not is_postgres_url(loc):
        return loc
    return re.sub(r"^(\w+://[^:/@]+:)[^@]*@", r"\1***@", loc)


def is_postgres_url(location: str | Path) -> bool:
    return str(location).startswith(("postgres://", "postgresql://"))


def open_backend(location: str | Path) -> Backend:
    """The backend for a SQLite path or a PostgreSQL URL."""
    if not is_postgres_url(location):
        return SQLiteBackend(location)
    require_extra("postgres", "a PostgreSQL corpus")
    from .postgres import PostgresBackend  # psycopg is an optional part (the [postgres] extra)

    return PostgresBackend(str(location))
