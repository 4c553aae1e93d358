"""Schema version 5: every key column recomputed with the one name key
(:func:`~reportedly.text.keys.name_key`: accents folded, so "Orban" finds "Orbán"), and
the tables derived from the keys rebuilt. The same Python step on both databases: the
keys are computed in Python, once per distinct value, and written through a temporary
table (one indexed lookup per row, not one scan per value)."""

from __future__ import annotations

from ...text.keys import name_key
from .schema import Executor

#: (table, column, its key column) of every key column.
KEY_COLUMNS = (
    ("articles", "outlet", "outlet_key"),
    ("claim_sources", "name", "name_key"),
    ("mentions", "text", "text_key"),
    ("mentions", "canonical", "canonical_key"),
    ("events", "actor", "actor_key"),
    ("events", "target", "target_key"),
)

#: The tables derived from the keys, rebuilt from the key columns (the names table is
#: emptied: the store keys its names again when it is opened, see :mod:`.names`).
_REBUILD = (
    "DELETE FROM claim_mentions",
    """INSERT INTO claim_mentions (article_id, claim_id, canonical_key)
        SELECT DISTINCT c.article_id, c.claim_id, m.canonical_key FROM claims c
        JOIN mentions m ON m.article_id = c.article_id
        AND m.start >= c.sentence_start AND m.start < c.sentence_end""",
    "DELETE FROM source_names",
    """INSERT INTO source_names (name_key)
        SELECT DISTINCT name_key FROM claim_sources WHERE level >= 1 AND name_key <> ''""",
    "DELETE FROM names",
    "DELETE FROM corpus_links",
)


def rekey(db: Executor) -> None:
    """Recompute every key column with :func:`name_key`, then rebuild what derives from
    them (run inside the migration's transaction)."""
    for table, column, key in KEY_COLUMNS:
        values = [
            str(r["v"])
            for r in db.rows(
                f"SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL"
            )
        ]
        if not values:
            continue
        db.execute("CREATE TEMP TABLE rekey_map (value TEXT PRIMARY KEY, key TEXT NOT NULL)")
        db.executemany(
            "INSERT INTO rekey_map (value, key) VALUES (?, ?)", [(v, name_key(v)) for v in values]
        )
        db.execute(
            f"UPDATE {table} SET {key} = (SELECT m.key FROM rekey_map m"
            f" WHERE m.value = {table}.{column}) WHERE {column} IS NOT NULL"
        )
        db.execute("DROP TABLE rekey_map")
    for sql in _REBUILD:
        db.execute(sql)
