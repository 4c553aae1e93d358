"""Schema version 12: the document frequencies of story features kept as rows.

``story_df`` holds, for every feature of the stored story units (see
:func:`reportedly.corpus.stories.corpus_weights`), in how many articles it occurs, and under
the empty feature name the number of articles counted. A story unit's features are counted
in the transaction that writes the unit (:func:`count_unit`), so the rows always equal a
count over ``story_units``; a link then weighs the features of the few stories it
re-clusters by reading their rows (:func:`stored_df`) instead of a pass over the corpus.
The migration fills the rows from the stored units (:func:`fill_story_df`, the same Python
step on both databases).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .schema import Executor

#: The feature name whose row counts the articles (feature names have a block prefix).
CORPUS = ""

#: Rows read or written at a time.
BATCH = 500

STORY_DF = (
    """CREATE TABLE IF NOT EXISTS story_df (
        feature TEXT PRIMARY KEY, df BIGINT NOT NULL
    )""",
)

_BUMP = (
    "INSERT INTO story_df (feature, df) VALUES (?, ?)"
    " ON CONFLICT (feature) DO UPDATE SET df = story_df.df + excluded.df"
)


def count_unit(db: Executor, features: Iterable[str]) -> None:
    """Count one stored story unit with its ``features`` (the caller holds the
    transaction that wrote the unit). Sorted, so concurrent writers lock rows in one
    order."""
    db.executemany(_BUMP, [[k, 1] for k in sorted({CORPUS, *features})])


def fill_story_df(db: Executor) -> None:
    """The ``story_df`` rows counted afresh from every stored story unit."""
    import json

    df: Counter[str] = Counter()
    last: Any = None
    while True:
        where = "WHERE article_id > ?" if last is not None else ""
        rows = db.rows(
            f"SELECT article_id, data FROM story_units {where} ORDER BY article_id LIMIT ?",
            [*([last] if last is not None else []), BATCH],
        )
        for r in rows:
            df.update(json.loads(r["data"])["f"].keys())
            df[CORPUS] += 1
        if len(rows) < BATCH:
            break
        last = rows[-1]["article_id"]
    db.execute("DELETE FROM story_df")
    items = sorted(df.items())
    for i in range(0, len(items), BATCH):
        db.executemany(
            "INSERT INTO story_df (feature, df) VALUES (?, ?)",
            [[k, n] for k, n in items[i : i + BATCH]],
        )


def stored_df(db: Executor, features: Iterable[str]) -> tuple[dict[str, int], int]:
    """The stored document frequencies of ``features`` (0 for a feature not stored) and
    the number of articles they count."""
    wanted = sorted(set(features) - {CORPUS})
    out: dict[str, int] = dict.fromkeys(wanted, 0)
    got = db.rows("SELECT df FROM story_df WHERE feature = ?", [CORPUS])
    n = int(got[0]["df"]) if got else 0
    for i in range(0, len(wanted), BATCH):
        part = wanted[i : i + BATCH]
        marks = ", ".join("?" * len(part))
        for r in db.rows(f"SELECT feature, df FROM story_df WHERE feature IN ({marks})", part):
            out[str(r["feature"])] = int(r["df"])
    return out, n
