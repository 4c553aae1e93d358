"""Claim frames by name: a row per frame per name that can fill its actor or target role.

Question answering asks "the frames whose actor is one of these names and whose predicate
or PLOVER type fits" (:func:`reportedly.corpus.store.frames.articles_with_frames`). A
frame's actor is its own actor key or the key of any entity its claim's sentence mentions
(the claim's own words are read without a parse: "X, of Y, pleaded" may give the role to
Y); its target is its own target key. Reading that among a list of candidate articles
needs every candidate first; this table (schema version 15) holds the answer as index
rows instead: ``(name_key, role, predicate, article_id, claim_id, frame)``, with ``role``
``a`` (actor) or ``t`` (target), so the fitting frames of a name are one index range per
predicate form and per PLOVER family, read in article order without listing the
candidates (:func:`framed_by_name`; :func:`framed_by_key` counts them once per key, without
the distinct count of each article's frames). Frames with neither a predicate nor a PLOVER type fit
no such question and have no rows. The rows are derived from ``claim_frames`` and
``claim_mentions``: by one SQL statement for a whole store (:func:`fill_sql`, the
migration), from the rows the writer has just written for one article
(:func:`name_rows`: the statement would scan every claim mention for the article's).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .schema import Step
from .search import Dialect
from .sql import in_list

__all__ = [
    "ACTOR",
    "TARGET",
    "fill_sql",
    "frame_names_migration",
    "frame_names_table",
    "framed_by_key",
    "framed_by_name",
    "framed_jointly",
    "name_rows",
    "write_frame_names",
]

#: The ``role`` of a row: the frame's actor (or a name its claim mentions), its target.
ACTOR, TARGET = "a", "t"

Row = tuple[Any, ...]


def frame_names_table(dialect: Dialect) -> tuple[str, ...]:
    """The table and its PLOVER index (SQLite keeps the rows in the primary key's order
    only: WITHOUT ROWID)."""
    tail = " WITHOUT ROWID" if dialect == "sqlite" else ""
    return (
        f"""CREATE TABLE IF NOT EXISTS frame_names (
        name_key TEXT NOT NULL, role TEXT NOT NULL, predicate TEXT NOT NULL,
        plover TEXT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL, frame INTEGER NOT NULL,
        PRIMARY KEY (name_key, role, predicate, article_id, claim_id, frame)
    ){tail}""",
        # the event frames (a third of them) by family
        "CREATE INDEX IF NOT EXISTS frame_names_plover"
        " ON frame_names(name_key, role, plover, article_id, claim_id, frame)"
        " WHERE plover IS NOT NULL",
    )


def fill_sql() -> str:
    """The INSERT that derives the rows of every frame stored (the migration's): the
    actor key, each mentioned entity's key and the target key of every frame that has a
    predicate or a PLOVER type (a missing predicate stored as ''); :func:`name_rows` for
    the frames of one analysis."""
    fitting = "(f.predicate IS NOT NULL OR f.plover IS NOT NULL)"
    # in the primary key's order (a UNION's rows come out sorted by its columns)
    cols = "coalesce(f.predicate, ''), f.article_id, f.claim_id, f.frame, f.plover"
    return (
        "INSERT INTO frame_names"
        " (name_key, role, predicate, article_id, claim_id, frame, plover)"
        f" SELECT f.actor_key, '{ACTOR}', {cols} FROM claim_frames f"
        f" WHERE f.actor_key IS NOT NULL AND {fitting}"
        f" UNION SELECT cm.canonical_key, '{ACTOR}', {cols} FROM claim_frames f"
        " JOIN claim_mentions cm ON cm.article_id = f.article_id AND cm.claim_id = f.claim_id"
        f" WHERE {fitting}"
        f" UNION SELECT f.target_key, '{TARGET}', {cols} FROM claim_frames f"
        f" WHERE f.target_key IS NOT NULL AND {fitting}"
        " ON CONFLICT DO NOTHING"
    )


_INSERT = (
    "INSERT INTO frame_names (name_key, role, predicate, article_id, claim_id, frame, plover)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def name_rows(frames: Sequence[Sequence[Any]], mentioned: Mapping[str, set[str]]) -> list[Row]:
    """The rows of the frames of one analysis (rows of ``frames.FRAME_COLUMNS``), given
    the keys of the entities each claim's sentence mentions (``mentioned``, by claim id):
    what :func:`fill_sql` derives from the stored tables."""
    out: set[Row] = set()
    for aid, cid, n, actor, predicate, plover, target, *_ in frames:
        if predicate is None and plover is None:
            continue
        tail = (predicate or "", aid, cid, n, plover)
        actors = set(mentioned.get(cid, ())) | ({actor} if actor is not None else set())
        out.update((key, ACTOR, *tail) for key in actors)
        if target is not None:
            out.add((target, TARGET, *tail))
    return sorted(out, key=lambda r: r[:6])  # in the primary key's order


def write_frame_names(
    db: Any, frames: Sequence[Sequence[Any]], mentioned: Mapping[str, set[str]]
) -> None:
    """Insert the rows of one analysis's frames (inside the writer's transaction)."""
    db.executemany(_INSERT, name_rows(frames, mentioned))


def fill_frame_names(db: Any) -> None:
    """Migration step: the rows of every stored frame."""
    db.execute(fill_sql())


def frame_names_migration(dialect: Dialect) -> tuple[Step, ...]:
    """Schema version 15: the table, filled from the stored frames, then its index."""
    table, index = frame_names_table(dialect)
    steps: tuple[Step, ...] = (table, fill_frame_names, index)
    if dialect == "postgresql":
        steps += ("ANALYZE frame_names",)
    return steps


def framed_by_name(
    db: Any,
    keys: Sequence[str],
    role: str,
    predicates: Sequence[str] = (),
    families: Sequence[str] = (),
) -> dict[str, int]:
    """Every article with a frame whose ``role`` (:data:`ACTOR` or :data:`TARGET`) is
    filled by one of the name ``keys`` and whose predicate is one of ``predicates`` or
    whose PLOVER type is one of ``families``, with how many such frames it has (each
    frame once, whichever key or condition found it)."""
    if not keys or not (predicates or families):
        return {}
    # a frame found by two of the keys counts once
    n = "count(DISTINCT claim_id || ' ' || frame)"
    return {
        str(r["article_id"]): int(r["n"])
        for r in db.rows(
            f"SELECT article_id, {n} AS n FROM ({_fitting(keys, role, predicates, families)})"
            " f GROUP BY article_id",
            _fitting_args(keys, role, predicates, families),
        )
    }


def framed_by_key(
    db: Any,
    keys: Sequence[str],
    role: str,
    predicates: Sequence[str] = (),
    families: Sequence[str] = (),
) -> dict[str, tuple[int, bool]]:
    """The articles of :func:`framed_by_name`, each with its count of fitting frames
    counted once per key that finds them, and whether one key found them all (the count
    is then :func:`framed_by_name`'s; else it may count a frame twice: a sentence naming
    "Donald and Melania Trump"). No distinct count of each article's frames: at 100,000
    articles the 115,000 rows of Trump's meetings take 65-80 ms on SQLite instead of
    130-160 (:func:`_per_key`), 70-80 ms on PostgreSQL instead of 140-200 (where the
    distinct count sorts them on disk)."""
    if not keys or not (predicates or families):
        return {}
    counts: dict[str, int] = {}
    shared: set[str] = set()  # found by two keys or more
    for aid, n in _per_key(db, sorted(set(keys)), role, predicates, families):
        if aid in counts:
            shared.add(aid)
        counts[aid] = counts.get(aid, 0) + n
    return {str(a): (n, a not in shared) for a, n in counts.items()}


def framed_jointly(
    db: Any,
    actors: Sequence[str],
    targets: Sequence[str],
    predicates: Sequence[str] = (),
    families: Sequence[str] = (),
) -> dict[str, int]:
    """Every article with a frame that fits a whole part: its target is one of the name
    keys ``targets``, its actor (its own or a name its claim mentions) one of ``actors``,
    and its predicate or PLOVER type fits as in :func:`framed_by_name`; with how many such
    frames it has. Read from the target's rows (a frame has one target key, so each once),
    each probed for an actor row of the same frame through the primary key: a name's rows
    as a target are far fewer than as an actor (which a mention in the sentence gives), so
    "Did Trump meet Kim Jong Un?" reads Kim's meetings, not Trump's 115,000."""
    if not actors or not targets or not (predicates or families):
        return {}
    rows = _fitting(targets, TARGET, predicates, families, "article_id, predicate, claim_id, frame")
    km, kv = in_list(sorted(set(actors)))
    sql = (
        f"SELECT t.article_id AS article_id, count(*) AS n FROM ({rows}) t WHERE EXISTS"
        f" (SELECT 1 FROM frame_names a WHERE a.name_key IN {km} AND a.role = ?"
        " AND a.predicate = t.predicate AND a.article_id = t.article_id"
        " AND a.claim_id = t.claim_id AND a.frame = t.frame) GROUP BY t.article_id"
    )
    args = [*_fitting_args(targets, TARGET, predicates, families), *kv, ACTOR]
    return {str(r["article_id"]): int(r["n"]) for r in db.rows(sql, args)}


def _per_key(
    db: Any, keys: Sequence[str], role: str, predicates: Sequence[str], families: Sequence[str]
) -> Iterator[tuple[str, int]]:
    """``(article id, fitting frames)`` of each key in turn (an article once per key):
    PostgreSQL counts them (a hash of (article, key) pairs); SQLite's rows are counted
    here, key by key (its grouped count sorts every row first)."""
    if db.dialect == "postgresql":
        sql = _fitting(keys, role, predicates, families, "article_id, name_key")
        for r in db.rows(
            f"SELECT article_id, count(*) AS n FROM ({sql}) f GROUP BY article_id, name_key",
            _fitting_args(keys, role, predicates, families),
        ):
            yield str(r["article_id"]), int(r["n"])
        return
    for key in keys:
        mine: dict[str, int] = {}
        for aid in db.values(
            _fitting([key], role, predicates, families, "article_id"),
            _fitting_args([key], role, predicates, families),
        ):
            mine[aid] = mine.get(aid, 0) + 1
        yield from mine.items()


def _fitting(
    keys: Sequence[str],
    role: str,
    predicates: Sequence[str],
    families: Sequence[str],
    columns: str = "article_id, claim_id, frame",
) -> str:
    """The SELECT of the rows of the fitting frames (arguments: :func:`_fitting_args`)."""
    km = in_list(keys)[0]
    pm = in_list(predicates)[0]
    picks: list[str] = []
    base = f"SELECT {columns} FROM frame_names WHERE name_key IN {km} AND role = ?"
    if predicates:
        picks.append(f"{base} AND predicate IN {pm}")
    if families:
        # the frames of these types whose predicate was not taken already: the two
        # parts are disjoint, so no frame is counted twice for fitting both ways
        fm = in_list(families)[0]
        taken = f" AND predicate NOT IN {pm}" if predicates else ""
        picks.append(f"{base} AND plover IN {fm} AND plover IS NOT NULL{taken}")
    return " UNION ALL ".join(picks)


def _fitting_args(
    keys: Sequence[str], role: str, predicates: Sequence[str], families: Sequence[str]
) -> list[Any]:
    kv, pv = in_list(keys)[1], in_list(predicates)[1]
    args: list[Any] = []
    if predicates:
        args += [*kv, role, *pv]
    if families:
        args += [*kv, role, *in_list(families)[1], *pv]
    return args
