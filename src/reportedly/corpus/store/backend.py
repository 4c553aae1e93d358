"""The two database backends of :class:`~reportedly.corpus.store.Store`: SQLite and PostgreSQL.

The store writes its queries once, in the SQL both databases understand (``?``
placeholders, ``IN (?, ?)`` lists, case-folded key columns filled in Python instead of
collations). A backend owns what differs: connecting, the schema and its migrations,
transactions, the placeholder style, the ingest-order column, and full-text search
(FTS5 on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL). Full-text
queries are written in the FTS5 syntax on both; :func:`fts5_to_tsquery` translates the
subset the project uses (words, "phrases", prefix ``*``, AND, OR, NOT, parentheses,
column filters) for PostgreSQL.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ..errors import MalformedInput, StoreUnavailable


def fold(value: str | None) -> str | None:
    """The key a name is looked up by: case-folded, whitespace collapsed."""
    if value is None:
        return None
    return " ".join(value.casefold().split())


class Backend(Protocol):
    """What :class:`~reportedly.corpus.store.Store` needs from a database."""

    location: str
    #: the column that orders articles as they were ingested
    order: str

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
    def execute(self, sql: str, args: Sequence[Any] = ()) -> int: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def transaction(self) -> Any: ...
    def version(self) -> int: ...
    def migrate(self) -> None: ...
    def fts_claim(self, alias: str, query: str) -> tuple[str, list[Any]]: ...
    def fts_claims(self, query: str) -> tuple[str, list[Any]]: ...
    def values(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...
    def index_claims(self, rows: Sequence[tuple[str, str, str, str]]) -> None: ...
    def close(self) -> None: ...


# --------------------------------------------------------------------------- SQLite

_SQLITE_V1 = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, outlet TEXT, url TEXT, author TEXT, published TEXT,
        source_item TEXT,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    )""",
    """CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        status TEXT NOT NULL,
        text TEXT NOT NULL,
        sentence TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        direct_quote INTEGER NOT NULL,
        polarity TEXT NOT NULL,
        sources TEXT NOT NULL,
        PRIMARY KEY (article_id, claim_id)
    )""",
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
    """CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        actor TEXT, actor_code TEXT, plover TEXT, mode TEXT, cameo TEXT,
        target TEXT, target_code TEXT, date TEXT, place TEXT,
        status TEXT NOT NULL, polarity TEXT NOT NULL,
        PRIMARY KEY (article_id, event_id)
    )""",
    """CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, sentence, article_id UNINDEXED, claim_id UNINDEXED
    )""",
)

#: Indexes of the query columns (both databases).
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS articles_outlet_key ON articles(outlet_key)",
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
    "CREATE INDEX IF NOT EXISTS claims_status ON claims(status)",
    "CREATE INDEX IF NOT EXISTS claim_sources_name_key ON claim_sources(name_key)",
    "CREATE INDEX IF NOT EXISTS claim_sources_claim ON claim_sources(article_id, claim_id)",
    "CREATE INDEX IF NOT EXISTS mentions_text_key ON mentions(text_key)",
    "CREATE INDEX IF NOT EXISTS mentions_canonical_key ON mentions(canonical_key)",
    "CREATE INDEX IF NOT EXISTS mentions_article_canonical"
    " ON mentions(article_id, canonical_key, start)",
    "CREATE INDEX IF NOT EXISTS events_actor_key ON events(actor_key)",
    "CREATE INDEX IF NOT EXISTS events_target_key ON events(target_key)",
    "CREATE INDEX IF NOT EXISTS events_plover ON events(plover, article_id)",
)

# Version 2: case-folded key columns (Unicode-correct on both databases, unlike NOCASE),
# filled from Python's str.casefold through the rfold() function, and their indexes; the
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
    *_INDEXES,
    """CREATE TABLE IF NOT EXISTS names (
        canonical_key TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,
        last_key TEXT NOT NULL, words INTEGER NOT NULL, corpus_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, type)
    )""",
    "CREATE INDEX IF NOT EXISTS names_last ON names(last_key, words)",
    "CREATE INDEX IF NOT EXISTS names_corpus ON names(corpus_key)",
    "CREATE INDEX IF NOT EXISTS mentions_article_entity ON mentions(article_id, entity_id)",
    """CREATE TABLE IF NOT EXISTS corpus_links (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
)

# Version 3: claim_mentions, which entities each claim's sentence mentions (the claim-level
# index behind claims --about and question answering), and source_names, the distinct names
# of cited sources (searched by words), both filled for what is stored.
_SQLITE_V3 = (
    """CREATE TABLE IF NOT EXISTS claim_mentions (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL, canonical_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, article_id, claim_id)
    )""",
    """INSERT OR IGNORE INTO claim_mentions (article_id, claim_id, canonical_key)
        SELECT DISTINCT c.article_id, c.claim_id, m.canonical_key FROM claims c
        JOIN mentions m ON m.article_id = c.article_id
        AND m.start >= c.sentence_start AND m.start < c.sentence_end""",
    "CREATE TABLE IF NOT EXISTS source_names (name_key TEXT PRIMARY KEY)",
    """INSERT OR IGNORE INTO source_names (name_key)
        SELECT DISTINCT name_key FROM claim_sources WHERE level >= 1""",
)

SQLITE_MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, _SQLITE_V1),
    (2, _SQLITE_V2),
    (3, _SQLITE_V3),
)


class SQLiteBackend:
    """One SQLite file: WAL, foreign keys, FTS5."""

    order = "rowid"

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        # Readers in other threads (the web server) each open their own Store.
        self.db = sqlite3.connect(self.location, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.create_function("rfold", 1, fold, deterministic=True)
        self.db.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync: a commit survives the process being killed (kill -9); only
        # an OS crash or power cut can lose the last few, and the file stays consistent
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")

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
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.version()
        latest = SQLITE_MIGRATIONS[-1][0]
        if current > latest:
            raise StoreUnavailable(
                f"{self.location} has schema version {current}, newer than this reportedly "
                f"({latest}); upgrade reportedly"
            )
        for version, statements in SQLITE_MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for sql in statements:
                    self.db.execute(sql)
                self.db.execute(f"PRAGMA user_version={version}")

    def fts_claim(self, alias: str, query: str) -> tuple[str, list[Any]]:
        # the matches are found once (not per claim row) and then joined by key
        return (
            f"({alias}.article_id, {alias}.claim_id) IN"
            " (SELECT article_id, claim_id FROM claims_fts WHERE claims_fts MATCH ?)",
            [query],
        )

    def fts_claims(self, query: str) -> tuple[str, list[Any]]:
        return "SELECT article_id, claim_id FROM claims_fts WHERE claims_fts MATCH ?", [query]

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
        self.executemany(
            "INSERT INTO claims_fts (text, sentence, article_id, claim_id) VALUES (?, ?, ?, ?)",
            rows,
        )

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------- PostgreSQL

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
    """CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        status TEXT NOT NULL,
        text TEXT NOT NULL,
        sentence TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        direct_quote INTEGER NOT NULL,
        polarity TEXT NOT NULL,
        sources TEXT NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text || ' ' || sentence)) STORED,
        PRIMARY KEY (article_id, claim_id)
    )""",
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
    """CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        actor TEXT, actor_code TEXT, plover TEXT, mode TEXT, cameo TEXT,
        target TEXT, target_code TEXT, date TEXT, place TEXT,
        status TEXT NOT NULL, polarity TEXT NOT NULL,
        actor_key TEXT, target_key TEXT,
        PRIMARY KEY (article_id, event_id)
    )""",
    *_INDEXES,
    """CREATE TABLE corpus_links (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS names (
        canonical_key TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,
        last_key TEXT NOT NULL, words INTEGER NOT NULL, corpus_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, type)
    )""",
    "CREATE INDEX IF NOT EXISTS names_last ON names(last_key, words)",
    "CREATE INDEX IF NOT EXISTS names_corpus ON names(corpus_key)",
    "CREATE INDEX IF NOT EXISTS mentions_article_entity ON mentions(article_id, entity_id)",
    """CREATE TABLE IF NOT EXISTS claim_mentions (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL, canonical_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, article_id, claim_id)
    )""",
)

#: PostgreSQL starts at the SQLite schema's version 3 (the same tables and columns).
PG_MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (3, (*_PG_V1, "CREATE TABLE IF NOT EXISTS source_names (name_key TEXT PRIMARY KEY)")),
)

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


class PostgresBackend:
    """A PostgreSQL database given by URL (``postgresql://user:pass@host/db``)."""

    order = "seq"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.location = url
        self._psycopg = psycopg
        try:
            self.db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self.db.cursor() as cur:
                cur.execute(self._sql(sql), tuple(args))
                return list(cur.fetchall()) if cur.description else []
        except self._psycopg.errors.SyntaxError as exc:
            raise MalformedInput(f"bad query: {_first_line(exc)}") from None

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        with self.db.cursor() as cur:
            cur.execute(self._sql(sql), tuple(args))
            return int(cur.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.db.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    def version(self) -> int:
        self.execute(
            "CREATE TABLE IF NOT EXISTS reportedly_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        got = self.rows("SELECT value FROM reportedly_meta WHERE key = 'schema_version'")
        return int(got[0]["value"]) if got else 0

    def migrate(self) -> None:
        latest = PG_MIGRATIONS[-1][0]
        with self.transaction():
            # one migrating process at a time (workers may open the store together)
            self.execute("SELECT pg_advisory_xact_lock(4711)")
            current = self.version()
            if current > latest:
                raise StoreUnavailable(
                    f"the PostgreSQL store has schema version {current}, newer than this "
                    f"reportedly ({latest}); upgrade reportedly"
                )
            for version, statements in PG_MIGRATIONS:
                if version <= current:
                    continue
                for sql in statements:
                    self.execute(sql)
                self.execute(
                    "INSERT INTO reportedly_meta (key, value) VALUES ('schema_version', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [str(version)],
                )

    def fts_claim(self, alias: str, query: str) -> tuple[str, list[Any]]:
        return f"{alias}.tsv @@ to_tsquery('simple', ?)", [fts5_to_tsquery(query)]

    def fts_claims(self, query: str) -> tuple[str, list[Any]]:
        return (
            "SELECT article_id, claim_id FROM claims WHERE tsv @@ to_tsquery('simple', ?)",
            [fts5_to_tsquery(query)],
        )

    def values(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """The first column of every row."""
        from psycopg.rows import tuple_row

        try:
            with self.db.cursor(row_factory=tuple_row) as cur:
                cur.execute(self._sql(sql), tuple(args))
                return [r[0] for r in cur.fetchall()]
        except self._psycopg.errors.SyntaxError as exc:
            raise MalformedInput(f"bad query: {_first_line(exc)}") from None

    def index_claims(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Nothing to do: ``claims.tsv`` is a generated column."""

    def close(self) -> None:
        self.db.close()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


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
    if is_postgres_url(location):
        return PostgresBackend(str(location))
    return SQLiteBackend(location)
