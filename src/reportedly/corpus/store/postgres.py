"""The PostgreSQL backend: a database given by URL, ``tsvector`` search; its schema and
migrations.

Connections come from a small pool (:class:`Pool`), so one backend serves a threaded web
server for its whole life: each statement borrows a connection, and a transaction keeps
the one it borrowed until it ends. The migrations run once, when the backend is opened.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from ...errors import MalformedInput, StoreUnavailable
from .frame_names import frame_names_migration
from .linkrows import link_rows_from_blob
from .rekey import rekey
from .schema import (
    CLAIM_COLUMNS,
    CLAIM_MENTIONS,
    CLAIM_MENTIONS_LISTED,
    COPY_INDEX,
    CORPUS_LINKS,
    EVENT_COLUMNS,
    FINGERPRINT_COLUMN,
    FRAMES,
    INDEXES,
    LINK_ROWS,
    LOOKUP_INDEXES,
    NAMES,
    SCHEMA_VERSION,
    SOURCE_NAMES,
    STORY_CHANGES,
    STORY_UNITS,
    Step,
    run_migrations,
)
from .search import Dialect
from .story_df import STORY_DF, fill_story_df

_PG_V1 = (
    """CREATE TABLE articles (
        seq BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, outlet TEXT, outlet_key TEXT, url TEXT, author TEXT, published TEXT,
        source_item TEXT,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (now()::text)
    )""",
    f"CREATE TABLE claims ({CLAIM_COLUMNS},"
    " tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text || ' ' || sentence)) STORED,"
    " PRIMARY KEY (article_id, claim_id))",
    "CREATE INDEX claims_tsv ON claims USING GIN (tsv)",
    """CREATE TABLE claim_sources (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        level INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, name_key TEXT,
        FOREIGN KEY (article_id, claim_id) REFERENCES claims(article_id, claim_id)
            ON DELETE CASCADE
    )""",
    "CREATE INDEX claim_sources_name ON claim_sources(name)",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL, canonical TEXT NOT NULL, type TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text_key TEXT, canonical_key TEXT
    )""",
    f"CREATE TABLE events ({EVENT_COLUMNS}, actor_key TEXT, target_key TEXT,"
    " PRIMARY KEY (article_id, event_id))",
    *INDEXES,
    CORPUS_LINKS,
    *NAMES,
    CLAIM_MENTIONS,
)

#: PostgreSQL starts at the SQLite schema's version 3 (the same tables and columns).
PG_MIGRATIONS: tuple[tuple[int, tuple[Step, ...]], ...] = (
    (3, (*_PG_V1, SOURCE_NAMES)),
    (4, (FINGERPRINT_COLUMN,)),
    (5, (rekey,)),  # key columns with the one name key (accent-insensitive)
    (6, COPY_INDEX),
    (7, STORY_UNITS),
    (8, STORY_CHANGES),
    (9, LOOKUP_INDEXES),
    (10, FRAMES),
    (11, (*LINK_ROWS, link_rows_from_blob)),  # the corpus links as rows
    (12, (*STORY_DF, fill_story_df)),  # story feature document frequencies as rows
    (13, ()),  # SQLite's claim_keys index: nothing here (claims carry their tsvector)
    # claims about a name in listing order; the rebuilt tables' statistics gathered now
    # (the other queries of these tables are planned with them)
    (14, (*CLAIM_MENTIONS_LISTED, "ANALYZE claim_mentions", "ANALYZE claim_sources")),
    (15, frame_names_migration("postgresql")),  # claim frames by actor and target name
)

#: Most connections one backend keeps open (the web server's worker threads share them).
POOL_SIZE = 8


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class Pool:
    """Up to ``size`` autocommit connections to ``url``, opened as they are needed."""

    def __init__(self, url: str, size: int = POOL_SIZE) -> None:
        self.url = url
        self._idle: queue.LifoQueue[psycopg.Connection[dict[str, Any]]] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._all: list[psycopg.Connection[dict[str, Any]]] = []
        self._closed = False

    def _connect(self) -> psycopg.Connection[dict[str, Any]]:
        try:
            con = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            # the store's queries are short look-ups: compiling one (15-20 ms, set off by
            # the cost of an IN list over a few hundred ids) costs more than it saves
            con.execute("SET jit = off")
        except psycopg.Error as exc:
            raise StoreUnavailable(f"cannot connect to PostgreSQL: {first_line(exc)}") from None
        with self._lock:
            self._all.append(con)
        return con

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        """A connection for this block (an idle one, or a new one while there is room)."""
        if self._closed:
            raise StoreUnavailable("the PostgreSQL store is closed")
        self._slots.acquire()
        try:
            try:
                con = self._idle.get_nowait()
            except queue.Empty:
                con = self._connect()
            try:
                yield con
            finally:
                if con.closed or self._closed:
                    con.close()
                else:
                    self._idle.put(con)
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            cons, self._all = self._all, []
        for con in cons:
            con.close()


class PostgresBackend:
    """A PostgreSQL database given by URL (``postgresql://user:pass@host/db``)."""

    order = "seq"
    dialect: Dialect = "postgresql"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.location = url
        self.pool = Pool(url, pool_size)
        self._local = threading.local()  # the connection of this thread's transaction
        with self._connection():
            pass  # connect now: a wrong URL fails here, not on first use

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        bound: psycopg.Connection[dict[str, Any]] | None = getattr(self._local, "db", None)
        if bound is not None:
            yield bound
            return
        with self.pool.connection() as con:
            yield con

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self._connection() as db, db.cursor() as cur:
                cur.execute(self._sql(sql), tuple(args))
                return list(cur.fetchall()) if cur.description else []
        except psycopg.errors.SyntaxError as exc:
            raise MalformedInput(f"bad query: {first_line(exc)}") from None

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        with self._connection() as db, db.cursor() as cur:
            cur.execute(self._sql(sql), tuple(args))
            return int(cur.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._connection() as db, db.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._connection() as db, db.transaction():
            outer = getattr(self._local, "db", None)
            self._local.db = db
            try:
                yield
            finally:
                self._local.db = outer

    def version(self) -> int:
        self.execute(
            "CREATE TABLE IF NOT EXISTS reportedly_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        got = self.rows("SELECT value FROM reportedly_meta WHERE key = 'schema_version'")
        return int(got[0]["value"]) if got else 0

    def migrate(self) -> None:
        latest = SCHEMA_VERSION
        with self.transaction():
            # one migrating process at a time (workers may open the store together)
            self.execute("SELECT pg_advisory_xact_lock(4711)")
            current = self.version()
            if current > latest:
                raise StoreUnavailable(
                    f"the PostgreSQL store has schema version {current}, newer than this "
                    f"reportedly ({latest}); upgrade reportedly"
                )
            run_migrations(self, PG_MIGRATIONS, current, nullcontext, self._record_version)

    def _record_version(self, version: int) -> None:
        self.execute(
            "INSERT INTO reportedly_meta (key, value) VALUES ('schema_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(version)],
        )

    def values(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """The first column of every row."""
        try:
            with self._connection() as db, db.cursor(row_factory=tuple_row) as cur:
                cur.execute(self._sql(sql), tuple(args))
                return [r[0] for r in cur.fetchall()]
        except psycopg.errors.SyntaxError as exc:
            raise MalformedInput(f"bad query: {first_line(exc)}") from None

    def index_claims(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Nothing to do: ``claims.tsv`` is a generated column."""

    def close(self) -> None:
        self.pool.close()
