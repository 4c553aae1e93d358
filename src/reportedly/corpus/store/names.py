"""Corpus keys of entity names in the store: given when a name is first stored, and
looked up to resolve a name to every canonical name of its entity (see :mod:`..entities`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from ...text.keys import name_key as key_of
from ..entities import name_key, own_key
from .backend import Backend
from .sql import in_list


def key_names(db: Backend, names: Iterable[tuple[str, str]]) -> None:
    """Give each new ``(canonical name, type)`` its corpus key (see :mod:`..entities`)."""
    for canonical, type_ in sorted(names):
        nk = name_key(canonical, type_)
        if db.rows(
            "SELECT 1 AS x FROM names WHERE canonical_key = ? AND type = ?",
            [nk.canonical_key, type_],
        ):
            continue
        key = own_key(nk)
        person = type_ == "PERSON" and nk.last and nk.actor is None
        if person and nk.words == 1:
            full = db.rows(
                "SELECT DISTINCT corpus_key FROM names WHERE last_key = ? AND words > 1"
                " AND type = 'PERSON'",
                [nk.last],
            )
            if len(full) == 1:
                key = str(full[0]["corpus_key"])
        elif person:
            others = db.rows(
                "SELECT DISTINCT corpus_key FROM names WHERE last_key = ? AND words > 1"
                " AND type = 'PERSON' AND corpus_key <> ?",
                [nk.last, key],
            )
            if not others:  # the one full name with this surname: one-word forms join
                db.execute(
                    "UPDATE names SET corpus_key = ? WHERE last_key = ? AND words = 1"
                    " AND type = 'PERSON' AND corpus_key LIKE ?",
                    [key, nk.last, "name:%"],
                )
        db.execute(
            "INSERT INTO names (canonical_key, type, canonical, last_key, words, corpus_key)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [nk.canonical_key, type_, canonical, nk.last, nk.words, key],
        )


def backfill_names(db: Backend) -> None:
    """Key the names of a store written before names were keyed (once, when opened)."""
    if db.rows("SELECT 1 AS x FROM names LIMIT 1") or not db.rows(
        "SELECT 1 AS x FROM mentions LIMIT 1"
    ):
        return
    rows = db.rows("SELECT DISTINCT canonical, type FROM mentions")
    with db.transaction():
        key_names(db, {(str(r["canonical"]), str(r["type"])) for r in rows})


T = TypeVar("T")

#: Name look-ups already made in the current :func:`resolving` block (None outside one).
_RESOLVED: ContextVar[dict[tuple[int, str, str], object] | None] = ContextVar(
    "reportedly_resolved_names", default=None
)


@contextmanager
def resolving() -> Iterator[None]:
    """A block in which each name look-up of :func:`memo` runs once per store and name
    (a question's retrieval resolves the same names some thirty times; each look-up is a
    round trip to PostgreSQL). The store must not change inside the block: what is
    remembered is forgotten when it ends."""
    token = _RESOLVED.set({})
    try:
        yield
    finally:
        _RESOLVED.reset(token)


def memo(db: Backend, kind: str, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, remembered by ``(db, kind, name)`` inside a :func:`resolving`
    block; computed every time outside one."""
    seen = _RESOLVED.get()
    if seen is None:
        return compute()
    key = (id(db), kind, name)
    if key not in seen:
        seen[key] = compute()
    return seen[key]  # type: ignore[return-value]


def resolve(db: Backend, name: str) -> list[str]:
    """The canonical-name keys of the corpus entity (or entities) called ``name``: as a
    canonical name, as any mention's text, or as the dictionary actor it stands for,
    with every other canonical name resolved to the same entity (:mod:`..entities`).
    Looked up once per name inside a :func:`resolving` block."""
    return list(memo(db, "resolve", name, lambda: _resolve(db, name)))


def _resolve(db: Backend, name: str) -> list[str]:
    key = key_of(name)
    if not key:
        return []
    nk = name_key(name, "PERSON")
    rows = db.rows(
        "SELECT canonical_key FROM names WHERE corpus_key IN ("
        " SELECT corpus_key FROM names WHERE canonical_key = ?"
        " UNION SELECT corpus_key FROM names WHERE corpus_key = ? OR corpus_key = ?)",
        [key, nk.actor or "", own_key(nk)],
    )
    if not rows:  # not a canonical name: the entities it is a mention of
        rows = db.rows(
            "SELECT canonical_key FROM names WHERE corpus_key IN ("
            " SELECT n.corpus_key FROM names n JOIN"
            "  (SELECT DISTINCT canonical_key, type FROM mentions WHERE text_key = ?) m"
            "  ON n.canonical_key = m.canonical_key AND n.type = m.type)",
            [key],
        )
    return sorted({str(r["canonical_key"]) for r in rows} | {key})


def claims_naming(db: Backend, keys: Iterable[str], bound: int) -> int:
    """How many claims mention one of the canonical-name ``keys``, counted only up to
    ``bound`` (counting the 300,000 claims about the most named person of a large store
    takes longer than the query it decides)."""
    marks, vals = in_list(keys)
    got = db.values(
        "SELECT count(*) FROM (SELECT 1 AS x FROM claim_mentions"
        f" WHERE canonical_key IN {marks} LIMIT ?) m",
        [*vals, bound],
    )
    return int(got[0])
