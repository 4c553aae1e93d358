"""The SQLite backend: one file, WAL, foreign keys, FTS5; its schema and migrations.

Every thread gets its own connection (opened on first use, closed with the backend), so
one backend serves a threaded web server for its whole life; the migrations run once,
when the backend is opened. (So a store is a file: ``:memory:`` would be one empty
database per thread.)
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import MalformedInput, StoreUnavailable
from .frame_names import frame_names_migration
from .linkrows import link_rows_from_blob
from .rekey import rekey
from .schema import (
    CLAIM_COLUMNS,
    CLAIM_KEYS_BY_CLAIM,
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
from .sql import key_column
from .story_df import STORY_DF, fill_story_df

_SQLITE_V1 = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, outlet TEXT, url TEXT, author TEXT, published TEXT,
        source_item TEXT,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    )""",
    f"CREATE TABLE claims ({CLAIM_COLUMNS}, PRIMARY KEY (article_id, claim_id))",
    """CREATE TABLE claim_sources (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        level INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
        FOREIGN KEY (article_id, claim_id) REFERENCES claims(article_id, claim_id)
            ON DELETE CASCADE
    )""",
    "CREATE INDEX claim_sources_name ON claim_sources(name)",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL, canonical TEXT NOT NULL, type TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
    )""",
    "CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE)",
    "CREATE INDEX mentions_canonical ON mentions(canonical COLLATE NOCASE)",
    f"CREATE TABLE events ({EVENT_COLUMNS}, PRIMARY KEY (article_id, event_id))",
    """CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, sentence, article_id UNINDEXED, claim_id UNINDEXED
    )""",
)

# Version 2: case-folded key columns (Unicode-correct on both databases, unlike NOCASE),
# filled from Python through the rfold() function (today the name key, which version 5
# recomputes them with anyway), and their indexes; the
# indexes that question answering used to create on the fly; the corpus links cache.
_SQLITE_V2 = (
    "ALTER TABLE articles ADD COLUMN outlet_key TEXT",
    "ALTER TABLE claim_sources ADD COLUMN name_key TEXT",
    "ALTER TABLE mentions ADD COLUMN text_key TEXT",
    "ALTER TABLE mentions ADD COLUMN canonical_key TEXT",
    "ALTER TABLE events ADD COLUMN actor_key TEXT",
    "ALTER TABLE events ADD COLUMN target_key TEXT",
    "UPDATE articles SET outlet_key = rfold(outlet)",
    "UPDATE claim_sources SET name_key = rfold(name)",
    "UPDATE mentions SET text_key = rfold(text), canonical_key = rfold(canonical)",
    "UPDATE events SET actor_key = rfold(actor), target_key = rfold(target)",
    "DROP INDEX IF EXISTS mentions_text",
    "DROP INDEX IF EXISTS mentions_canonical",
    "DROP INDEX IF EXISTS events_actor_nocase",
    "DROP INDEX IF EXISTS events_target_nocase",
    "DROP INDEX IF EXISTS mentions_article_canonical",
    *INDEXES,
    *NAMES,
    CORPUS_LINKS,
)

# Version 3: claim_mentions, which entities each claim's sentence mentions (the claim-level
# index behind claims --about and question answering), and source_names, the distinct names
# of cited sources (searched by words), both filled for what is stored.
_SQLITE_V3 = (
    CLAIM_MENTIONS,
    """INSERT OR IGNORE INTO claim_mentions (article_id, claim_id, canonical_key)
        SELECT DISTINCT c.article_id, c.claim_id, m.canonical_key FROM claims c
        JOIN mentions m ON m.article_id = c.article_id
        AND m.start >= c.sentence_start AND m.start < c.sentence_end""",
    SOURCE_NAMES,
    """INSERT OR IGNORE INTO source_names (name_key)
        SELECT DISTINCT name_key FROM claim_sources WHERE level >= 1""",
)

# Version 9 (SQLite): claim_keys, the (article id, claim id) of each claims_fts row under
# the same rowid, filled for what is stored. A full-text match reads only the rowids of
# its rows from the index; reading its article id from claims_fts itself would load the
# whole row (claim and sentence text) of every match.
CLAIM_KEYS = (
    """CREATE TABLE IF NOT EXISTS claim_keys (
        rowid INTEGER PRIMARY KEY, article_id TEXT NOT NULL, claim_id TEXT NOT NULL
    )""",
    """INSERT OR IGNORE INTO claim_keys (rowid, article_id, claim_id)
        SELECT rowid, article_id, claim_id FROM claims_fts""",
)

SQLITE_MIGRATIONS: tuple[tuple[int, tuple[Step, ...]], ...] = (
    (1, _SQLITE_V1),
    (2, _SQLITE_V2),
    (3, _SQLITE_V3),
    (4, (FINGERPRINT_COLUMN,)),
    (5, (rekey,)),  # key columns with the one name key (accent-insensitive)
    (6, COPY_INDEX),
    (7, STORY_UNITS),
    (8, STORY_CHANGES),
    (9, (*LOOKUP_INDEXES, *CLAIM_KEYS)),
    (10, FRAMES),
    (11, (*LINK_ROWS, link_rows_from_blob)),  # the corpus links as rows
    (12, (*STORY_DF, fill_story_df)),  # story feature document frequencies as rows
    (13, (CLAIM_KEYS_BY_CLAIM,)),  # a claim's full-text row by its keys
    (14, CLAIM_MENTIONS_LISTED),  # claims about a name in listing order
    (15, frame_names_migration("sqlite")),  # claim frames by actor and target name
)


class SQLiteBackend:
    """One SQLite file: WAL, foreign keys, FTS5; a connection per thread."""

    order = "rowid"
    dialect: Dialect = "sqlite"

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []
        self._closed = False
        self._local.db = self._connect()  # a bad path fails here, not on first use

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection."""
        con: sqlite3.Connection | None = getattr(self._local, "db", None)
        if con is None:
            con = self._connect()
            self._local.db = con
        return con

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreUnavailable(f"{self.location} is closed")
        # used by the thread that opened it only; closed by whoever closes the backend
        con = sqlite3.connect(self.location, isolation_level=None, check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.create_function("rfold", 1, key_column, deterministic=True)
        con.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync: a commit survives the process being killed (kill -9); only
        # an OS crash or power cut can lose the last few, and the file stays consistent
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA busy_timeout=5000")
        with self._lock:
            self._open.append(con)
        return con

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.db.execute(sql, tuple(args))]
        except sqlite3.OperationalError as exc:
            if "MATCH" in sql:  # a full-text query FTS5 cannot parse
                raise MalformedInput(f"bad query: {exc}") from None
            raise

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        return self.db.execute(sql, tuple(args)).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.db.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.version()
        latest = SCHEMA_VERSION
        if current > latest:
            raise StoreUnavailable(
                f"{self.location} has schema version {current}, newer than this reportedly "
                f"({latest}); upgrade reportedly"
            )
        run_migrations(
            self,
            SQLITE_MIGRATIONS,
            current,
            self.transaction,
            self._record_version,
        )

    def _record_version(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version={version}")

    def values(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """The first column of every row (no dict per row: for long id lists)."""
        cur = self.db.cursor()
        cur.row_factory = None
        try:
            return [r[0] for r in cur.execute(sql, tuple(args))]
        except sqlite3.OperationalError as exc:
            if "MATCH" in sql:
                raise MalformedInput(f"bad query: {exc}") from None
            raise

    def index_claims(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Index the claims' text (in the writer's transaction: one writer), and key the
        new claims_fts rows in claim_keys."""
        if not rows:
            return
        last = self.db.execute("SELECT max(rowid) FROM claim_keys").fetchone()[0] or 0
        self.executemany(
            "INSERT INTO claims_fts (text, sentence, article_id, claim_id) VALUES (?, ?, ?, ?)",
            rows,
        )
        self.execute(
            "INSERT INTO claim_keys (rowid, article_id, claim_id)"
            " SELECT rowid, article_id, claim_id FROM claims_fts WHERE rowid > ?",
            [last],
        )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            cons, self._open = self._open, []
        for con in cons:
            con.close()
        self._local = threading.local()
