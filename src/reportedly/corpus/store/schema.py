"""What both dialects' schemas share: the indexes of the query columns, the latest version.

Each dialect's tables and migrations are in its module (:mod:`.sqlite`, :mod:`.postgres`);
a store of any older version is brought up to date when it is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from .frames import FRAMES_TABLE, fill_frames


class Executor(Protocol):
    """What a migration step written in Python runs statements through (a backend)."""

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
    def execute(self, sql: str, args: Sequence[Any] = ()) -> int: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


#: One step of a migration: an SQL statement, or a function run on the backend.
Step = str | Callable[[Executor], None]

#: The migrations of a dialect: (version, its steps), in order.
Migrations = Sequence[tuple[int, Sequence[Step]]]


def run_migrations(
    db: Executor,
    migrations: Migrations,
    current: int,
    in_step: Callable[[], AbstractContextManager[None]],
    record: Callable[[int], None],
) -> None:
    """Run every migration newer than ``current``, in order: each version's steps (an SQL
    statement executed, a function called on ``db``) inside ``in_step()`` (a transaction,
    or nothing when the caller holds one), then ``record(version)``; the one loop both
    backends share."""
    for version, steps in migrations:
        if version <= current:
            continue
        with in_step():
            for step in steps:
                if isinstance(step, str):
                    db.execute(step)
                else:
                    step(db)
            record(version)


#: Indexes of the query columns (both databases).
INDEXES = (
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

#: The columns of the claims table both dialects' first version has.
CLAIM_COLUMNS = """
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        status TEXT NOT NULL,
        text TEXT NOT NULL,
        sentence TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        direct_quote INTEGER NOT NULL,
        polarity TEXT NOT NULL,
        sources TEXT NOT NULL
"""

#: The columns of the events table both dialects' first version has.
EVENT_COLUMNS = """
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        actor TEXT, actor_code TEXT, plover TEXT, mode TEXT, cameo TEXT,
        target TEXT, target_code TEXT, date TEXT, place TEXT,
        status TEXT NOT NULL, polarity TEXT NOT NULL
"""

#: The corpus keys of entity names (see :mod:`.names`), and their indexes.
NAMES = (
    """CREATE TABLE IF NOT EXISTS names (
        canonical_key TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,
        last_key TEXT NOT NULL, words INTEGER NOT NULL, corpus_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, type)
    )""",
    "CREATE INDEX IF NOT EXISTS names_last ON names(last_key, words)",
    "CREATE INDEX IF NOT EXISTS names_corpus ON names(corpus_key)",
    "CREATE INDEX IF NOT EXISTS mentions_article_entity ON mentions(article_id, entity_id)",
)

#: The cached corpus links (one row).
CORPUS_LINKS = """CREATE TABLE IF NOT EXISTS corpus_links (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL
    )"""

#: Which entities each claim's sentence mentions (behind claims --about and ask).
CLAIM_MENTIONS = """CREATE TABLE IF NOT EXISTS claim_mentions (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL, canonical_key TEXT NOT NULL,
        PRIMARY KEY (canonical_key, article_id, claim_id)
    )"""

#: The distinct names of cited sources (searched by words).
SOURCE_NAMES = "CREATE TABLE IF NOT EXISTS source_names (name_key TEXT PRIMARY KEY)"

# Version 4: the fingerprint of the pipeline that made each stored analysis (provenance;
# NULL for the articles stored before, or stored without one).
FINGERPRINT_COLUMN = "ALTER TABLE articles ADD COLUMN fingerprint TEXT"

# Version 6: the copy index kept in the store (:mod:`reportedly.corpus.copy_index`): the
# keys each article is matched by (its content hash, the prefix-filter tokens of its
# shingles, the wire its dateline credits) with its shingle count, and the verified copy
# pairs. Empty at first: the articles it does not hold yet are indexed at the next link.
COPY_INDEX = (
    """CREATE TABLE IF NOT EXISTS copy_keys (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        size INTEGER NOT NULL,
        PRIMARY KEY (key, article_id)
    )""",
    "CREATE INDEX IF NOT EXISTS copy_keys_article ON copy_keys(article_id)",
    """CREATE TABLE IF NOT EXISTS copy_pairs (
        article_a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        article_b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (article_a, article_b)
    )""",
)

# Version 7: what story clustering reads of each article (:class:`~reportedly.corpus.
# stories.StoryUnit` as JSON: date, title, distinct entity names, raw features), written at
# ingest, so stories are clustered from these rows without reading any analysis. Empty
# after the migration: the articles it does not hold yet are filled in at the next link.
STORY_UNITS = (
    """CREATE TABLE IF NOT EXISTS story_units (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        data TEXT NOT NULL
    )""",
)

# Version 8: merges and splits of stories (:func:`reportedly.corpus.stories.story_changes`),
# recorded when a link changes them: story ids are stable (from the story's first article),
# so a story's URL changes only through one of these, and the row says where it went.
STORY_CHANGES = (
    """CREATE TABLE IF NOT EXISTS story_changes (
        story_id TEXT NOT NULL,
        previous_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (previous_id, story_id, kind)
    )""",
    "CREATE INDEX IF NOT EXISTS story_changes_story ON story_changes(story_id)",
)

# Version 9: indexes for the web pages and question answering at 10,000 articles and more.
# Each covers what its queries read, so they read no table row (articles rows hold whole
# analyses, claims rows their text: thousands of such rows per query were the cost):
# entity names to their mentions' articles, types and texts; claims and articles by key
# to what listings filter and sort on (:data:`COVERING`); event participants by code too
# (an "about" filter is then one index search per column). On SQLite, claim_keys maps a
# claims_fts row to its claim (see :mod:`.sqlite`).
LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS mentions_entity_cover"
    " ON mentions(canonical_key, type, article_id, text_key, text)",
    "CREATE INDEX IF NOT EXISTS mentions_text_cover"
    " ON mentions(text_key, canonical_key, type, article_id)",
    "CREATE INDEX IF NOT EXISTS claims_order ON claims(article_id, claim_id, start, status)",
    "CREATE INDEX IF NOT EXISTS claim_sources_cited"
    " ON claim_sources(name_key, level, kind, name, article_id, claim_id)",
    "DROP INDEX IF EXISTS claim_sources_name_key",
    "CREATE INDEX IF NOT EXISTS articles_order ON articles(id, published, outlet_key, outlet)",
    "DROP INDEX IF EXISTS mentions_canonical_key",
    "DROP INDEX IF EXISTS mentions_text_key",
    "CREATE INDEX IF NOT EXISTS events_actor_code ON events(actor_code)",
    "CREATE INDEX IF NOT EXISTS events_target_code ON events(target_code)",
)

# Version 10: claim frames (:mod:`.frames`), who does what to whom in each claim, written
# at ingest from the Analysis records and filled for what is stored by the migration.
FRAMES = (*FRAMES_TABLE, fill_frames)

# Version 11: the corpus links as rows (:mod:`reportedly.corpus.link_rows`), instead of the
# one ``corpus_links`` JSON blob every link read and wrote whole: a row per copy link, per
# story (in the ingest order of its first article, with the key of what its claim clusters
# depend on), per article's story, per story's claim clusters and per contradiction, and
# the store state they were computed for. A link rewrites only the rows of the stories
# that changed, with the state, in one transaction. The migration fills them from the
# stored blob (:func:`~reportedly.corpus.link_rows.rows_from_blob`).
LINK_ROWS = (
    """CREATE TABLE IF NOT EXISTS link_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS link_copies (
        article_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, data TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS link_copies_seq ON link_copies(seq)",
    """CREATE TABLE IF NOT EXISTS link_stories (
        story_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, key TEXT NOT NULL,
        clusters INTEGER NOT NULL, contradictions INTEGER NOT NULL, data TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS link_stories_seq ON link_stories(seq, clusters, contradictions)",
    """CREATE TABLE IF NOT EXISTS link_members (
        article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS link_members_story ON link_members(story_id)",
    """CREATE TABLE IF NOT EXISTS link_clusters (
        story_id TEXT PRIMARY KEY, data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS link_contradictions (
        story_id TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (story_id, n)
    )""",
)

# Version 12: the document frequencies of story features (:mod:`.story_df`), counted at
# ingest with each story unit, so a link re-clusters the stories new articles can touch
# without a pass over the corpus; the migration counts the stored units.

# Version 13 (SQLite): claim_keys indexed by claim, so a claim's full-text row is found
# from its keys: ask's claim search within a few articles takes their claims that mention
# a name first and checks each against the matches' rowids, instead of probing every
# match of the action's words (at 45,000 articles "fire*" matched some 100,000 claims:
# 580 ms). PostgreSQL has nothing to add (its claims carry their search vector).
CLAIM_KEYS_BY_CLAIM = (
    "CREATE INDEX IF NOT EXISTS claim_keys_claim ON claim_keys(article_id, claim_id)"
)

# Version 14: claim_mentions carries what a listing of the claims about a name sorts and
# filters on (the article's publication date, the claim's start and status), indexed in
# listing order under each name: a page of claims about a name is then one range of one
# index per canonical key, read in order and stopped at the page's end, instead of every
# claim of the name probed for its article's date (PostgreSQL at 100,000 articles: 100-190
# ms for a name with 0.5-2 % of the claims). The table is rebuilt (one pass, no rewritten
# rows left behind on PostgreSQL), filled from the claims and articles stored. The new
# columns may be NULL: the migrations before this one write the first three columns only.
CLAIM_MENTIONS_LISTED = (
    "DROP TABLE IF EXISTS claim_mentions_v14",
    """CREATE TABLE claim_mentions_v14 (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL, canonical_key TEXT NOT NULL,
        published TEXT, start INTEGER, status TEXT,
        PRIMARY KEY (canonical_key, article_id, claim_id)
    )""",
    """INSERT INTO claim_mentions_v14
        (article_id, claim_id, canonical_key, published, start, status)
        SELECT cm.article_id, cm.claim_id, cm.canonical_key, a.published, c.start, c.status
        FROM claim_mentions cm
        JOIN claims c ON c.article_id = cm.article_id AND c.claim_id = cm.claim_id
        JOIN articles a ON a.id = cm.article_id""",
    "DROP TABLE claim_mentions",
    "ALTER TABLE claim_mentions_v14 RENAME TO claim_mentions",
    "CREATE INDEX IF NOT EXISTS claim_mentions_listing"
    " ON claim_mentions(canonical_key, published, article_id, start, claim_id, status)",
    # ... and so do the cited sources (a page about a name holds the claims citing it),
    # rebuilt the same way, with their indexes
    "DROP TABLE IF EXISTS claim_sources_v14",
    """CREATE TABLE claim_sources_v14 (
        article_id TEXT NOT NULL, claim_id TEXT NOT NULL,
        level INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, name_key TEXT,
        published TEXT, start INTEGER, status TEXT,
        FOREIGN KEY (article_id, claim_id) REFERENCES claims(article_id, claim_id)
            ON DELETE CASCADE
    )""",
    """INSERT INTO claim_sources_v14
        (article_id, claim_id, level, name, kind, name_key, published, start, status)
        SELECT cs.article_id, cs.claim_id, cs.level, cs.name, cs.kind, cs.name_key,
        a.published, c.start, c.status
        FROM claim_sources cs
        JOIN claims c ON c.article_id = cs.article_id AND c.claim_id = cs.claim_id
        JOIN articles a ON a.id = cs.article_id""",
    "DROP TABLE claim_sources",
    "ALTER TABLE claim_sources_v14 RENAME TO claim_sources",
    "CREATE INDEX IF NOT EXISTS claim_sources_name ON claim_sources(name)",
    "CREATE INDEX IF NOT EXISTS claim_sources_claim ON claim_sources(article_id, claim_id)",
    "CREATE INDEX IF NOT EXISTS claim_sources_cited"
    " ON claim_sources(name_key, level, kind, name, article_id, claim_id)",
    "CREATE INDEX IF NOT EXISTS claim_sources_listing ON claim_sources"
    "(name_key, published, article_id, start, claim_id, level, status)",
)

#: The covering indexes of claims and articles (see :data:`LOOKUP_INDEXES`) and the
#: listing indexes of claim_mentions and claim_sources (version 14), which SQLite is told
#: to use (without statistics it prefers the primary key, then reads the rows).
COVERING = {
    "claims": "claims_order",
    "articles": "articles_order",
    "claim_mentions": "claim_mentions_listing",
    "claim_sources": "claim_sources_listing",
}

#: The schema version of a store written by this reportedly.
SCHEMA_VERSION = 15
