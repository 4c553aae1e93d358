"""The corpus store: schema and migrations per dialect, a writer, typed queries returning
typed rows, one full-text search syntax, and the retrieval primitives of question answering.

    >>> with Store("news.db") as store:  # doctest: +SKIP
    ...     store.add(analysis, fingerprint=pipeline.fingerprint)
    ...     rows = store.query(ClaimQuery(about="Assad", status=("reported",)))

=====================  ===========================================================
:mod:`.store`          :class:`Store`: open (migrate once), write, read, query
:mod:`.backend`        the Backend protocol, ``open_backend``, ``redact``
:mod:`.sqlite`         SQLite: schema, migrations, a connection per thread
:mod:`.postgres`       PostgreSQL: schema, migrations, a connection pool
:mod:`.schema`         what both schemas share, :data:`SCHEMA_VERSION`
:mod:`.rekey`          the key columns recomputed with the one name key (version 5)
:mod:`.writer`         one analysed article into the tables, in one transaction
:mod:`.queries`        ``ArticleQuery``, ``ClaimQuery``, ``EventQuery``, ``EntityQuery``,
                       ``SourceQuery``
:mod:`.rows`           the typed rows they return
:mod:`.search`         FTS5 syntax, compiled per dialect
:mod:`.names`          corpus keys of entity names, ``resolve``
:mod:`.retrieval`      candidate articles for ask
=====================  ===========================================================
"""

from __future__ import annotations

from .backend import Backend, is_postgres_url, open_backend, redact
from .queries import (
    ArticleQuery,
    ClaimFacets,
    ClaimKeys,
    ClaimQuery,
    EntityQuery,
    EventQuery,
    Query,
    SourceKinds,
    SourceQuery,
)
from .rows import ArticleRow, ClaimRow, EntityRow, EventRow, Row, SourceRow
from .schema import SCHEMA_VERSION
from .search import fts5_to_tsquery
from .store import Store

__all__ = [
    "SCHEMA_VERSION",
    "ArticleQuery",
    "ArticleRow",
    "Backend",
    "ClaimFacets",
    "ClaimKeys",
    "ClaimQuery",
    "ClaimRow",
    "EntityQuery",
    "EntityRow",
    "EventQuery",
    "EventRow",
    "Query",
    "Row",
    "SourceKinds",
    "SourceQuery",
    "SourceRow",
    "Store",
    "fts5_to_tsquery",
    "is_postgres_url",
    "open_backend",
    "redact",
]
