"""The corpus store: analysed articles in one SQLite file (WAL, FTS5).

One writer, many readers. Every article is stored whole (its Analysis as JSON, so
nothing is lost) and flattened into tables for queries: claims with their status and
cited sources, entities and mentions, events. ``claims_fts`` indexes claim and sentence
text. The schema is versioned; :data:`MIGRATIONS` brings any older file up to date when
it is opened. Ingest is idempotent: an article whose content hash is stored is skipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..records import Analysis, Source, from_dict, to_dict

#: (version, statements): applied in order to a file whose user_version is lower.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
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
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def chain_text(chain: Sequence[Source]) -> str:
    """ "Outlet > A + B > C": levels in order, parallel sources joined by "+"."""
    levels: dict[int, list[str]] = {}
    for src in chain:
        levels.setdefault(src.level, []).append(src.name)
    return " > ".join(" + ".join(names) for _, names in sorted(levels.items()))


class Store:
    """A corpus in one SQLite file (created on first use)."""

    def __init__(self, location: str | Path) -> None:
        loc = str(location)
        if loc.startswith(("postgres://", "postgresql://")):
            raise ConfigError(
                "PostgreSQL stores are not supported yet; give a SQLite file path (--db news.db)"
            )
        self.path = Path(loc)
        self.db = sqlite3.connect(self.path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.migrate()

    # ------------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise ConfigError(
                f"{self.path} has schema version {current}, newer than this reportedly "
                f"({SCHEMA_VERSION}); upgrade reportedly"
            )
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.db:
                for sql in statements:
                    self.db.execute(sql)
                self.db.execute(f"PRAGMA user_version={version}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def has(self, content_hash: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def add(self, analysis: Analysis, *, source_item: str | None = None) -> bool:
        """Store one analysed article in one transaction; False if it was already there."""
        art = analysis.article
        text = art.text
        with self.db:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles (id, content_hash, title, outlet, url, author,"
                " published, source_item, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    art.id,
                    art.content_hash,
                    art.title,
                    art.outlet,
                    art.url,
                    art.author,
                    art.published,
                    source_item,
                    json.dumps(to_dict(analysis), ensure_ascii=False),
                ),
            )
            if cur.rowcount == 0:
                return False
            for c in analysis.claims:
                sentence = text[c.sentence_start : c.sentence_end]
                chain = chain_text(c.source_chain)
                self.db.execute(
                    "INSERT INTO claims (article_id, claim_id, status, text, sentence, start,"
                    ' "end", sentence_start, sentence_end, direct_quote, polarity, sources)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        art.id,
                        c.id,
                        c.status,
                        c.text,
                        sentence,
                        c.start,
                        c.end,
                        c.sentence_start,
                        c.sentence_end,
                        int(c.direct_quote),
                        c.polarity,
                        chain,
                    ),
                )
                self.db.executemany(
                    "INSERT INTO claim_sources VALUES (?, ?, ?, ?, ?)",
                    [(art.id, c.id, s.level, s.name, s.kind) for s in c.source_chain],
                )
                self.db.execute(
                    "INSERT INTO claims_fts (text, sentence, article_id, claim_id)"
                    " VALUES (?, ?, ?, ?)",
                    (c.text, sentence, art.id, c.id),
                )
            self.db.executemany(
                'INSERT INTO mentions (article_id, entity_id, canonical, type, text, start, "end")'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (art.id, e.id, e.canonical, e.type, m.text, m.start, m.end)
                    for e in analysis.entities
                    for m in e.mentions
                ],
            )
            self.db.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        art.id,
                        ev.id,
                        ev.claim,
                        ev.actor.name if ev.actor else None,
                        ev.actor.code if ev.actor else None,
                        ev.plover,
                        ev.mode,
                        ev.cameo,
                        ev.target.name if ev.target else None,
                        ev.target.code if ev.target else None,
                        ev.time.value if ev.time else None,
                        ev.place.name if ev.place else None,
                        ev.status,
                        ev.polarity,
                    )
                    for ev in analysis.events
                ],
            )
        return True

    # ------------------------------------------------------------------ reading

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "claims", "events", "mentions", "claim_sources"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def analyses(self) -> Iterator[Analysis]:
        """Every stored Analysis, in ingest order."""
        for row in self.db.execute("SELECT analysis FROM articles ORDER BY rowid"):
            yield from_dict(Analysis, json.loads(row[0]))

    def claims(
        self,
        *,
        about: str | None = None,
        status: Sequence[str] = (),
        source: str | None = None,
        outlet: str | None = None,
        text: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Claims matching every filter given.

        ``about``: an entity named in the claim's sentence (any of its mentions, or its
        canonical name), or a cited source of that name; ``text``: a full-text query
        (FTS5 syntax) over claim and sentence text.
        """
        where: list[str] = []
        args: list[Any] = []
        if about:
            where.append(
                "(EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = c.article_id"
                ' AND m.start < c.sentence_end AND m."end" > c.sentence_start'
                " AND (m.canonical = ? COLLATE NOCASE OR m.text = ? COLLATE NOCASE"
                " OR m.entity_id IN (SELECT entity_id FROM mentions WHERE article_id ="
                " c.article_id AND (canonical = ? COLLATE NOCASE OR text = ? COLLATE NOCASE))))"
                " OR EXISTS (SELECT 1 FROM claim_sources s WHERE s.article_id = c.article_id"
                " AND s.claim_id = c.claim_id AND s.level >= 1 AND s.name LIKE ?))"
            )
            args += [about] * 4 + [f"%{about}%"]
        if status:
            where.append(f"c.status IN ({', '.join('?' * len(status))})")
            args += list(status)
        if source:
            where.append(
                "EXISTS (SELECT 1 FROM claim_sources s WHERE s.article_id = c.article_id"
                " AND s.claim_id = c.claim_id AND s.level >= 1 AND s.name = ? COLLATE NOCASE)"
            )
            args.append(source)
        if outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            args.append(outlet)
        if since:
            where.append("a.published >= ?")
            args.append(since)
        if until:
            where.append("a.published <= ?")
            args.append(until)
        if text:
            where.append(
                "EXISTS (SELECT 1 FROM claims_fts f WHERE claims_fts MATCH ?"
                " AND f.article_id = c.article_id AND f.claim_id = c.claim_id)"
            )
            args.append(text)
        sql = (
            "SELECT c.article_id, c.claim_id, c.status, c.text, c.sources, c.direct_quote,"
            " a.outlet, a.published, a.title, a.url,"
            ' c.start, c."end" FROM claims c JOIN articles a ON a.id = c.article_id'
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published, c.article_id, c.start LIMIT ?"
        args.append(limit)
        with_sentence = [dict(r) for r in self.db.execute(sql, args)]
        return with_sentence

    def sources(self, limit: int = 100) -> list[dict[str, Any]]:
        """Who is cited (level >= 1), how often, in how many articles, with which statuses."""
        sql = """
            SELECT s.name, s.kind, count(*) AS claims, count(DISTINCT s.article_id) AS articles,
                   count(DISTINCT a.outlet) AS outlets,
                   sum(c.status = 'reported') AS reported, sum(c.status = 'hedged') AS hedged,
                   sum(c.status = 'denied') AS denied
            FROM claim_sources s
            JOIN claims c ON c.article_id = s.article_id AND c.claim_id = s.claim_id
            JOIN articles a ON a.id = s.article_id
            WHERE s.level >= 1
            GROUP BY s.name COLLATE NOCASE, s.kind
            ORDER BY claims DESC, s.name LIMIT ?"""
        return [dict(r) for r in self.db.execute(sql, (limit,))]

    # ------------------------------------------------------------------ retrieval (ask)

    def ensure_read_indexes(self) -> None:
        """Indexes that speed up question retrieval (idempotent; no schema change)."""
        with self.db:
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS events_actor_nocase ON events(actor COLLATE NOCASE)"
            )
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS events_target_nocase ON events(target COLLATE NOCASE)"
            )
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS events_plover ON events(plover, article_id)"
            )
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS mentions_article_canonical"
                " ON mentions(article_id, canonical COLLATE NOCASE, start)"
            )

    def analyses_for(self, ids: Iterable[str]) -> list[Analysis]:
        """The stored Analysis of each article id given (unknown ids are skipped), in
        ingest order."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self.db.execute(
            "SELECT analysis FROM articles WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY rowid",
            (json.dumps(wanted),),
        )
        return [from_dict(Analysis, json.loads(row[0])) for row in rows]

    def articles_naming(self, names: Sequence[str]) -> set[str]:
        """Ids of articles with an entity mention (text or canonical name) or an event
        actor/target equal to one of ``names`` (case-insensitive)."""
        if not names:
            return set()
        arg = json.dumps(sorted({n for n in names if n}))
        sql = (
            "SELECT article_id FROM mentions WHERE canonical COLLATE NOCASE IN"
            " (SELECT value FROM json_each(?1))"
            " UNION SELECT article_id FROM mentions WHERE text COLLATE NOCASE IN"
            " (SELECT value FROM json_each(?1))"
            " UNION SELECT article_id FROM events WHERE actor COLLATE NOCASE IN"
            " (SELECT value FROM json_each(?1))"
            " UNION SELECT article_id FROM events WHERE target COLLATE NOCASE IN"
            " (SELECT value FROM json_each(?1))"
        )
        return {str(r[0]) for r in self.db.execute(sql, (arg,))}

    def articles_matching(self, query: str) -> set[str]:
        """Ids of articles with a claim whose text or sentence matches the FTS5 ``query``."""
        rows = self.db.execute(
            "SELECT DISTINCT article_id FROM claims_fts WHERE claims_fts MATCH ?", (query,)
        )
        return {str(r[0]) for r in rows}

    def articles_with_events(self, families: Sequence[str]) -> set[str]:
        """Ids of articles with an event of one of the PLOVER ``families``."""
        if not families:
            return set()
        rows = self.db.execute(
            "SELECT DISTINCT article_id FROM events WHERE plover IN"
            " (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(families))),),
        )
        return {str(r[0]) for r in rows}

    def latest_published(self) -> str | None:
        """The latest publication date stored (ISO text), or None."""
        row = self.db.execute(
            "SELECT max(published) FROM articles WHERE published GLOB '[0-9][0-9][0-9][0-9]-*'"
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    def analysis_json_for(self, ids: Iterable[str]) -> list[str]:
        """The stored Analysis JSON of each article id given, in ingest order (for callers
        with their own decoder)."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self.db.execute(
            "SELECT analysis FROM articles WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY rowid",
            (json.dumps(wanted),),
        )
        return [str(row[0]) for row in rows]

    def canonical_names(self, names: Sequence[str]) -> set[str]:
        """Canonical entity names that any of ``names`` is (as a mention or canonical
        name, case-insensitive), plus the names themselves."""
        arg = json.dumps(sorted({n for n in names if n}))
        rows = self.db.execute(
            "SELECT DISTINCT canonical FROM mentions WHERE canonical COLLATE NOCASE IN"
            " (SELECT value FROM json_each(?1)) UNION SELECT DISTINCT canonical FROM mentions"
            " WHERE text COLLATE NOCASE IN (SELECT value FROM json_each(?1))",
            (arg,),
        )
        return {str(r[0]) for r in rows} | {n for n in names if n}

    def articles_with_claims_about(
        self, canonicals: Sequence[str], *, text: str | None = None, families: Sequence[str] = ()
    ) -> set[str]:
        """Ids of articles with a claim whose sentence holds a mention (any kind, pronouns
        too) of an entity with one of the ``canonicals`` names and that either matches the
        FTS5 query ``text`` or carries an event of one of the PLOVER ``families`` (or whose
        event actor is one of those names)."""
        canon = json.dumps(sorted({c for c in canonicals if c}))
        found: set[str] = set()
        mentioned = (
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = c.article_id"
            " AND m.canonical COLLATE NOCASE IN (SELECT value FROM json_each(?1))"
            " AND m.start >= c.sentence_start AND m.start < c.sentence_end)"
        )
        if text:
            rows = self.db.execute(
                "SELECT DISTINCT c.article_id FROM claims_fts f JOIN claims c"
                " ON c.article_id = f.article_id AND c.claim_id = f.claim_id"
                f" WHERE claims_fts MATCH ?2 AND {mentioned}",
                (canon, text),
            )
            found |= {str(r[0]) for r in rows}
        if families:
            rows = self.db.execute(
                "SELECT DISTINCT c.article_id FROM events e JOIN claims c"
                " ON c.article_id = e.article_id AND c.claim_id = e.claim_id"
                " WHERE e.plover IN (SELECT value FROM json_each(?2)) AND"
                " (e.actor COLLATE NOCASE IN (SELECT value FROM json_each(?1))"
                f" OR {mentioned})",
                (canon, json.dumps(sorted(set(families)))),
            )
            found |= {str(r[0]) for r in rows}
        return found
