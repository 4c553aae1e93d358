"""The corpus links kept as rows (issue 13, schema version 11), updated incrementally.

Tables (see :data:`~reportedly.corpus.store.schema.LINK_ROWS`):

* ``link_copies``: a row per copy link, ``seq`` the ingest order of its article;
* ``link_stories``: a row per story, ``seq`` the ingest order of its first article that is
  not a copy of another (the order of :attr:`Links.stories`), ``key`` a hash of what its
  claim clusters depend on (its articles and their copy links, :func:`story_key`), how
  many clusters and contradictions it has;
* ``link_members``: the story of each article;
* ``link_clusters``: the claim clusters of a story (one JSON list, numbered in the story);
* ``link_contradictions``: a row per contradiction, its cluster by number in the story;
* ``link_state``: the store state (:meth:`Store.fingerprint`) the rows were computed for.

:func:`update_links` computes the copies and the stories (from the copy index and the
story units), compares each story's key with its row, recomputes the claim clusters and
contradictions of the stories whose key changed (reading only their analyses) and
rewrites only their rows; the rows of every change, the merges and splits and the state
are written in one transaction, so a link killed at any point leaves the rows of the
state before, which the next link brings up to date.

Cluster ids number the clusters across the corpus in story order (``s3.k17``, as
:func:`.corroborate.cluster_claims` over every story gives them): the rows number them
within their story and a reader adds the count of the stories before
(:func:`read_links`, :func:`read_contradictions`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..records import from_dict
from ..settings import STORY_WINDOW_DAYS
from .copy_index import stored_copies, update_copy_index
from .dedupe import root_originals
from .linker import Links
from .records import ClaimCluster, Contradiction, CopyLink, Story
from .store.story_df import stored_df
from .stories import (
    StoryUnit,
    _day,
    feature_vector,
    stories_of_units,
    story_changes,
    unit_from_json,
)
from .story_index import Part, claims_of_stories, fill_story_units, stored_stories

if TYPE_CHECKING:
    from .store import Store
    from .store.schema import Executor

__all__ = [
    "LinkCounts",
    "StoryRows",
    "iter_stories",
    "link_counts",
    "local_stories",
    "originals_of_articles",
    "read_contradictions",
    "read_links",
    "read_stories",
    "read_stories_by_id",
    "read_story",
    "rows_from_blob",
    "stories_of_articles",
    "story_ids_by_size",
    "story_key",
    "story_of_article",
    "update_links",
]

#: Rows read or written at a time.
BATCH = 500

#: The tables of a story's rows.
_STORY_TABLES = ("link_stories", "link_members", "link_clusters", "link_contradictions")


@dataclass(frozen=True)
class LinkCounts:
    """How many links the rows hold, and how many stories the last update rewrote."""

    stories: int
    copies: int
    contradictions: int
    rewritten: int = 0


def story_key(story: Story, link_of: Mapping[str, CopyLink]) -> str:
    """A hash of what the claim clusters of ``story`` depend on: its articles in order
    and their copy links (``link_of``: article id -> its copy link)."""
    links = [
        [c.article, c.original, c.similarity, c.exact, c.kind]
        for a in story.articles
        if (c := link_of.get(a)) is not None
    ]
    text = json.dumps([story.articles, links], ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _marks(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" * len(values)) + ")"


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def _order(db: Executor) -> str:
    """The ingest-order column of the articles table of ``db`` (a backend)."""
    return str(getattr(db, "order", "rowid"))


def _seqs(db: Executor, ids: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in _chunks(ids):
        for r in db.rows(
            f"SELECT id, {_order(db)} AS k FROM articles WHERE id IN {_marks(part)}", part
        ):
            out[str(r["id"])] = int(r["k"])
    return out


def _state(db: Executor) -> str | None:
    rows = db.rows("SELECT fingerprint FROM link_state WHERE id = 1")
    return str(rows[0]["fingerprint"]) if rows else None


# ---------------------------------------------------------------------- writing


def _cluster_json(clusters: Sequence[ClaimCluster]) -> str:
    return json.dumps(
        [{k: v for k, v in c.to_dict().items() if k not in ("id", "story")} for c in clusters],
        ensure_ascii=False,
    )


def _story_rows(
    story: Story, key: str, seq: int, part: Part
) -> tuple[list[Any], list[Any] | None, list[list[Any]]]:
    clusters, contradictions = part
    number = {c.id: n for n, c in enumerate(clusters)}
    story_row = [
        story.id,
        seq,
        key,
        len(clusters),
        len(contradictions),
        json.dumps(story.to_dict(), ensure_ascii=False),
    ]
    cluster_row = [story.id, _cluster_json(clusters)] if clusters else None
    contradiction_rows = [
        [
            story.id,
            n,
            json.dumps(
                {
                    "c": number[k.cluster_a],
                    "a": list(k.claim_a),
                    "b": list(k.claim_b),
                    "r": k.reason,
                },
                ensure_ascii=False,
            ),
        ]
        for n, k in enumerate(contradictions)
    ]
    return story_row, cluster_row, contradiction_rows


def _put_stories(db: Executor, rows: Sequence[tuple[Story, str, int, Part]]) -> None:
    """Write the rows of a batch of stories (their old rows already deleted)."""
    stories, members, clusters, contradictions = [], [], [], []
    for story, key, seq, part in rows:
        s, c, k = _story_rows(story, key, seq, part)
        stories.append(s)
        members += [[a, story.id] for a in story.articles]
        if c is not None:
            clusters.append(c)
        contradictions += k
    db.executemany(
        "INSERT INTO link_stories (story_id, seq, key, clusters, contradictions, data)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        stories,
    )
    db.executemany(
        "INSERT INTO link_members (article_id, story_id) VALUES (?, ?)"
        " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
        members,
    )
    db.executemany("INSERT INTO link_clusters (story_id, data) VALUES (?, ?)", clusters)
    db.executemany(
        "INSERT INTO link_contradictions (story_id, n, data) VALUES (?, ?, ?)", contradictions
    )


def _drop_stories(db: Executor, ids: Iterable[str]) -> None:
    for part in _chunks(ids):
        for table in _STORY_TABLES:
            db.execute(f"DELETE FROM {table} WHERE story_id IN {_marks(part)}", part)


def _put_copies(db: Executor, copies: Sequence[CopyLink]) -> None:
    """Make ``link_copies`` hold ``copies``, writing only the rows that differ."""
    stored = {
        str(r["article_id"]): str(r["data"])
        for r in db.rows("SELECT article_id, data FROM link_copies")
    }
    wanted = {c.article: json.dumps(c.to_dict(), ensure_ascii=False) for c in copies}
    changed = [a for a, text in wanted.items() if stored.get(a) != text]
    gone = [a for a in stored if a not in wanted]
    for part in _chunks([*changed, *gone]):
        db.execute(f"DELETE FROM link_copies WHERE article_id IN {_marks(part)}", part)
    seq = _seqs(db, changed)
    db.executemany(
        "INSERT INTO link_copies (article_id, seq, data) VALUES (?, ?, ?)",
        [[a, seq[a], wanted[a]] for a in changed],
    )


def _head(story: Story, roots: Mapping[str, str]) -> str:
    """The article a story is listed by: its first that copies no article of the corpus
    (stories are in the order of those, see :func:`.stories.stories_of_units`)."""
    return next((a for a in story.articles if a not in roots), story.articles[0])


def _write(
    db: Executor,
    fingerprint: str,
    copies: Sequence[CopyLink],
    drop: Iterable[str],
    fresh: Sequence[tuple[Story, str, Part]],
    changes: Sequence[tuple[str, str, str]],
) -> None:
    """Every row of one update (the caller holds the transaction)."""
    _put_copies(db, copies)
    _drop_stories(db, drop)
    roots = root_originals(copies)
    heads = [_head(s, roots) for s, _, _ in fresh]
    seq = _seqs(db, heads)
    for i in range(0, len(fresh), BATCH):
        _put_stories(
            db,
            [
                (s, key, seq[head], part)
                for (s, key, part), head in zip(
                    fresh[i : i + BATCH], heads[i : i + BATCH], strict=True
                )
            ],
        )
    db.executemany(
        "INSERT INTO story_changes (story_id, previous_id, kind) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [list(r) for r in changes],
    )
    db.execute(
        "INSERT INTO link_state (id, fingerprint) VALUES (1, ?)"
        " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint",
        [fingerprint],
    )


def _previous_stories(db: Executor, articles: Iterable[str]) -> list[Story]:
    """The stored stories that held any of ``articles``."""
    ids: set[str] = set()
    for part in _chunks(articles):
        ids.update(
            str(r["story_id"])
            for r in db.rows(
                f"SELECT story_id FROM link_members WHERE article_id IN {_marks(part)}", part
            )
        )
    out: list[Story] = []
    for part in _chunks(ids):
        out += [
            from_dict(Story, json.loads(r["data"]))
            for r in db.rows(
                f"SELECT data FROM link_stories WHERE story_id IN {_marks(part)}", part
            )
        ]
    return out


def _keys_of(db: Executor, story_ids: Iterable[str]) -> dict[str, str]:
    """The stored key of each of ``story_ids`` that has a row."""
    out: dict[str, str] = {}
    for part in _chunks(story_ids):
        for r in db.rows(
            f"SELECT story_id, key FROM link_stories WHERE story_id IN {_marks(part)}", part
        ):
            out[str(r["story_id"])] = str(r["key"])
    return out


def _members(db: Executor, story_ids: Iterable[str]) -> set[str]:
    """The articles of the stored stories ``story_ids``."""
    out: set[str] = set()
    for part in _chunks(story_ids):
        out.update(
            str(r["article_id"])
            for r in db.rows(
                f"SELECT article_id FROM link_members WHERE story_id IN {_marks(part)}", part
            )
        )
    return out


def _stories_of(db: Executor, articles: Iterable[str]) -> set[str]:
    """The stored stories of ``articles`` (those that have one)."""
    out: set[str] = set()
    for part in _chunks(articles):
        out.update(
            str(r["story_id"])
            for r in db.rows(
                f"SELECT story_id FROM link_members WHERE article_id IN {_marks(part)}", part
            )
        )
    return out


def _windows(days: Iterable[int]) -> list[tuple[int, int]]:
    """The day ranges (ordinals, inclusive) within :data:`STORY_WINDOW_DAYS` of any of
    ``days``, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for d in sorted(set(days)):
        lo, hi = d - STORY_WINDOW_DAYS, d + STORY_WINDOW_DAYS
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _window_stories(db: Executor, days: Sequence[int]) -> set[str]:
    """The stored stories with an article that can be a story candidate of an article
    dated one of ``days`` (ordinals): dated within :data:`STORY_WINDOW_DAYS` of one of
    them, or without a date of the ISO shape (a missing date blocks nothing)."""
    found: set[str] = set()
    ranges = _windows(days)
    for i in range(0, len(ranges), 100):
        part = ranges[i : i + 100]
        args: list[Any] = []
        for lo, hi in part:
            args += [date.fromordinal(lo).isoformat(), date.fromordinal(hi + 1).isoformat()]
        dated = " OR ".join(["(a.published >= ? AND a.published < ?)"] * len(part))
        found.update(
            str(r["story_id"])
            for r in db.rows(
                "SELECT DISTINCT m.story_id AS story_id FROM link_members m"
                f" JOIN articles a ON a.id = m.article_id WHERE {dated}"
                " OR a.published IS NULL OR a.published NOT LIKE ?",
                [*args, "____-__-__%"],
            )
        )
    return found


def _rows_whole(db: Executor) -> bool:
    """Whether there are story rows and every article's story has its row (rows written
    by anything but one whole update are not built on)."""
    if not db.rows("SELECT 1 FROM link_members LIMIT 1"):
        return False
    return not db.rows(
        "SELECT 1 FROM link_members m WHERE NOT EXISTS"
        " (SELECT 1 FROM link_stories s WHERE s.story_id = m.story_id) LIMIT 1"
    )


def local_stories(
    store: Store, copies: Sequence[CopyLink], before: Sequence[CopyLink]
) -> tuple[list[Story], set[str]] | None:
    """The stories that the articles stored since the link rows were written can touch,
    clustered again, and the ids of the stored stories they replace; None when every
    story must be clustered again (a new article without a date, no stored stories, or
    an article whose story has no row).

    Touched are the stories with an article inside the new articles' time window (the
    window that blocks story candidates: an article outside it has similarity 0 with every
    new article), the stories of articles whose copy link changed (``before`` are the
    stored copy links, ``copies`` the links now) and those of the originals new copies
    join. Their articles and the new ones are clustered as :func:`.stories_of_units` does,
    the features weighed with the document frequencies kept in the store
    (:mod:`.store.story_df`): the stories of the rest of the corpus keep their rows.
    With the same weights the result would be exactly that of clustering the whole corpus;
    the weights of the stories left alone are those of when they were linked, so a story
    near the threshold may differ from a full relink (``update_links(force=True)``)."""
    db = store.backend
    fill_story_units(store)
    new = db.rows(
        "SELECT a.id AS id, a.published AS published FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM link_members m WHERE m.article_id = a.id)"
    )
    days = [_day(r["published"]) for r in new]
    if any(d is None for d in days) or not _rows_whole(db):
        return None
    new_ids = {str(r["id"]) for r in new}
    was = {c.article: c.to_dict() for c in before}
    now = {c.article: c.to_dict() for c in copies}
    moved = {a for a in was.keys() | now.keys() if was.get(a) != now.get(a)}
    roots = root_originals(copies)
    old_roots = root_originals(before)
    reach = new_ids | moved
    reach |= {roots[a] for a in reach if a in roots}
    reach |= {old_roots[a] for a in moved if a in old_roots}
    replaced = _stories_of(db, reach)
    if days:
        replaced |= _window_stories(db, [d for d in days if d is not None])
    gone = db.rows(
        "SELECT story_id FROM link_members m WHERE NOT EXISTS"
        " (SELECT 1 FROM articles a WHERE a.id = m.article_id)"
    )
    replaced |= {str(r["story_id"]) for r in gone}
    units = _units_of(store, _members(db, replaced) | reach)
    heads = [u for u in units if u.id not in roots]
    df, n = stored_df(db, {k for u in heads for k in u.features})
    vectors = [feature_vector(u.features, df, n) for u in heads]
    return stories_of_units(units, copies, vectors=vectors), replaced


def _units_of(store: Store, articles: Iterable[str]) -> list[StoryUnit]:
    """The story units of the stored ``articles`` (those still stored), in ingest order."""
    db = store.backend
    found: list[tuple[Any, StoryUnit]] = []
    for part in _chunks(articles):
        for r in db.rows(
            f"SELECT a.{_order(db)} AS k, a.id AS id, u.data AS data FROM articles a"
            f" JOIN story_units u ON u.article_id = a.id WHERE a.id IN {_marks(part)}",
            part,
        ):
            found.append((r["k"], unit_from_json(str(r["id"]), str(r["data"]))))
    found.sort(key=lambda x: x[0])
    return [u for _, u in found]


#: What computes the claim clusters and contradictions of stories (in one process by
#: default; :mod:`.relink` spreads the batches over Dask workers).
ClaimsOf = Callable[["Store", Sequence[Story], Sequence[CopyLink], Sequence[str]], list[Part]]


def update_links(
    store: Store,
    *,
    force: bool = False,
    without: Sequence[str] = (),
    every: bool = False,
    claims: ClaimsOf = claims_of_stories,
) -> int:
    """Bring the link rows up to the store's state; how many stories were rewritten (0
    when the rows were computed for this state already, unless ``force``). The fields
    ``without`` are left out of the analyses read for claim clusters.

    With ``force``, or when no rows were written yet, every story is clustered again
    (:func:`.story_index.stored_stories`, the reference); otherwise only the stories the
    articles stored since can touch (:func:`local_stories`). With ``every`` (a relink),
    the claim clusters of every story are computed again too, not only of those whose
    articles or copy links changed; ``claims`` is what computes them."""
    db = store.backend
    fingerprint = store.fingerprint()
    force = force or every
    if not force and _state(db) == fingerprint:
        return 0
    update_copy_index(store)
    before = _copies(db)
    copies = stored_copies(store, known={c.article: c for c in before})
    local = None if force or _state(db) is None else local_stories(store, copies, before)
    if local is None:
        stories = stored_stories(store, copies)
        stored = {
            str(r["story_id"]): str(r["key"])
            for r in db.rows("SELECT story_id, key FROM link_stories")
        }
    else:
        stories, replaced = local
        stored = _keys_of(db, replaced)
    del before
    link_of = {c.article: c for c in copies}
    now = {s.id for s in stories}
    touched: list[tuple[Story, str]] = []
    for s in stories:
        key = story_key(s, link_of)
        if every or stored.get(s.id) != key:
            touched.append((s, key))
    del link_of
    # the touched stories' rows too, stored or not (nothing of a story is kept unless its
    # key matches)
    drop = [sid for sid in stored if sid not in now] + [s.id for s, _ in touched]
    del stored, now
    changed = [s for s, _ in touched]
    previous = _previous_stories(db, (a for s in changed for a in s.articles))
    changes = story_changes(previous, changed)
    del previous
    parts = claims(store, changed, copies, without)
    fresh = [(s, key, part) for (s, key), part in zip(touched, parts, strict=True)]
    with db.transaction():
        if db.dialect == "postgresql":  # one writer of the link rows at a time (SQLite's
            db.execute("SELECT pg_advisory_xact_lock(4712)")  # transaction is exclusive)
        if not force and _state(db) == fingerprint:
            return 0  # another process brought them up to this state meanwhile
        _write(db, fingerprint, copies, drop, fresh, changes)
    return len(fresh)


# ---------------------------------------------------------------------- reading


def _copies(db: Executor) -> list[CopyLink]:
    return [
        from_dict(CopyLink, json.loads(r["data"]))
        for r in db.rows("SELECT data FROM link_copies ORDER BY seq")
    ]


def _clusters_of(story: Story, text: str | None, offset: int) -> list[ClaimCluster]:
    out: list[ClaimCluster] = []
    for n, data in enumerate(json.loads(text) if text else []):
        data["id"] = f"{story.id}.k{offset + n + 1}"
        data["story"] = story.id
        out.append(ClaimCluster.from_dict(data))
    return out


def _contradiction(story_id: str, offset: int, text: str) -> Contradiction:
    data = json.loads(text)
    return Contradiction(
        cluster_a=f"{story_id}.k{offset + int(data['c']) + 1}",
        claim_a=(str(data["a"][0]), str(data["a"][1])),
        claim_b=(str(data["b"][0]), str(data["b"][1])),
        reason=data["r"],
    )


def _contradictions_of(db: Executor, offsets: Mapping[str, int]) -> list[Contradiction]:
    """The contradictions of the stories ``offsets`` gives (story id -> the clusters of the
    stories before it), in story order."""
    found: list[tuple[int, int, Contradiction]] = []
    for part in _chunks(offsets):
        for r in db.rows(
            f"SELECT story_id, n, data FROM link_contradictions WHERE story_id IN {_marks(part)}",
            part,
        ):
            sid = str(r["story_id"])
            found.append((offsets[sid], int(r["n"]), _contradiction(sid, offsets[sid], r["data"])))
    found.sort(key=lambda x: (x[0], x[1]))
    return [k for _, _, k in found]


def iter_stories(
    store: Store, *, clusters: bool = True
) -> Iterator[tuple[Story, list[ClaimCluster], int]]:
    """Every stored story in order with its claim clusters (when ``clusters``) and how many
    contradictions it has, read :data:`BATCH` rows at a time."""
    db = store.backend
    last: int | None = None
    offset = 0
    join = " LEFT JOIN link_clusters c ON c.story_id = s.story_id" if clusters else ""
    cols = ", c.data AS cdata" if clusters else ""
    while True:
        where = "WHERE s.seq > ?" if last is not None else ""
        rows = db.rows(
            f"SELECT s.seq AS seq, s.data AS data, s.clusters AS n, s.contradictions AS k{cols}"
            f" FROM link_stories s{join} {where} ORDER BY s.seq LIMIT ?",
            [*([last] if last is not None else []), BATCH],
        )
        for r in rows:
            story = from_dict(Story, json.loads(r["data"]))
            made = _clusters_of(story, r.get("cdata"), offset) if clusters else []
            offset += int(r["n"])
            yield story, made, int(r["k"])
        if len(rows) < BATCH:
            return
        last = int(rows[-1]["seq"])


def read_links(store: Store) -> Links:
    """Every link the rows hold, as one :class:`Links` (for callers that want all of it)."""
    db = store.backend
    links = Links(copies=_copies(db))
    offsets: dict[str, int] = {}
    for story, clusters, contradictions in iter_stories(store):
        if contradictions:
            offsets[story.id] = len(links.clusters)
        links.stories.append(story)
        links.clusters += clusters
    links.contradictions = _contradictions_of(db, offsets)
    return links


def read_stories(store: Store, *, offset: int = 0, limit: int | None = None) -> list[Story]:
    """The stored stories in order (a page of them with ``offset`` and ``limit``)."""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    args = [limit, offset] if limit is not None else []
    rows = store.backend.rows(f"SELECT data FROM link_stories ORDER BY seq{page}", args)
    out = [from_dict(Story, json.loads(r["data"])) for r in rows]
    return out if limit is not None else out[offset:]


def read_contradictions(store: Store) -> list[Contradiction]:
    """Every stored contradiction, in story order (no story's clusters are read)."""
    db = store.backend
    rows = db.rows(
        "SELECT story_id, off FROM (SELECT story_id, contradictions,"
        " SUM(clusters) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - clusters AS off"
        " FROM link_stories) t WHERE contradictions > 0"
    )
    return _contradictions_of(db, {str(r["story_id"]): int(r["off"]) for r in rows})


def read_story(
    store: Store, story_id: str
) -> tuple[Story, list[ClaimCluster], list[Contradiction]] | None:
    """One stored story with its claim clusters and contradictions (numbered as in the
    whole links), or None: its rows and the cluster count of the stories before it."""
    db = store.backend
    rows = db.rows(
        "SELECT s.seq AS seq, s.data AS data, c.data AS cdata FROM link_stories s"
        " LEFT JOIN link_clusters c ON c.story_id = s.story_id WHERE s.story_id = ?",
        [story_id],
    )
    if not rows:
        return None
    before = db.rows(
        "SELECT coalesce(sum(clusters), 0) AS n FROM link_stories WHERE seq < ?",
        [rows[0]["seq"]],
    )
    offset = int(before[0]["n"])
    story = from_dict(Story, json.loads(rows[0]["data"]))
    clusters = _clusters_of(story, rows[0]["cdata"], offset)
    return story, clusters, _contradictions_of(db, {story.id: offset})


def story_of_article(store: Store, article_id: str) -> str | None:
    """The id of the stored story of an article, or None."""
    rows = store.backend.rows(
        "SELECT story_id FROM link_members WHERE article_id = ?", [article_id]
    )
    return str(rows[0]["story_id"]) if rows else None


def link_counts(store: Store) -> LinkCounts:
    """How many stories, copy links and contradictions the rows hold."""
    db = store.backend
    row = db.rows("SELECT count(*) AS n, coalesce(sum(contradictions), 0) AS k FROM link_stories")[
        0
    ]
    copies = int(db.rows("SELECT count(*) AS n FROM link_copies")[0]["n"])
    return LinkCounts(stories=int(row["n"]), copies=copies, contradictions=int(row["k"]))


def story_ids_by_size(store: Store) -> list[str]:
    """The ids of the stored stories, most articles first (ties in story order)."""
    rows = store.backend.rows(
        "SELECT s.story_id AS id FROM link_stories s JOIN (SELECT story_id, count(*) AS n"
        " FROM link_members GROUP BY story_id) m ON m.story_id = s.story_id"
        " ORDER BY m.n DESC, s.seq"
    )
    return [str(r["id"]) for r in rows]


StoryRows = tuple[Story, list[ClaimCluster], list[Contradiction]]


def read_stories_by_id(store: Store, ids: Iterable[str]) -> dict[str, StoryRows]:
    """The stored stories of ``ids`` (those that exist), each with its claim clusters and
    contradictions numbered as in the whole links: the count of the clusters of the
    stories before each comes from one window over the story rows per batch."""
    db = store.backend
    out: dict[str, StoryRows] = {}
    offsets: dict[str, int] = {}
    for part in _chunks(dict.fromkeys(ids)):
        rows = db.rows(
            "SELECT t.story_id AS id, t.off AS off, t.k AS k, s.data AS data, c.data AS cdata"
            " FROM (SELECT story_id, contradictions AS k,"
            " SUM(clusters) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - clusters AS off"
            " FROM link_stories) t JOIN link_stories s ON s.story_id = t.story_id"
            " LEFT JOIN link_clusters c ON c.story_id = t.story_id"
            f" WHERE t.story_id IN {_marks(part)}",
            part,
        )
        for r in rows:
            story = from_dict(Story, json.loads(r["data"]))
            offset = int(r["off"])
            out[story.id] = (story, _clusters_of(story, r["cdata"], offset), [])
            if int(r["k"]):
                offsets[story.id] = offset
    for part in _chunks(offsets):
        found = db.rows(
            f"SELECT story_id, n, data FROM link_contradictions WHERE story_id IN {_marks(part)}"
            " ORDER BY story_id, n",
            part,
        )
        for r in found:
            sid = str(r["story_id"])
            out[sid][2].append(_contradiction(sid, offsets[sid], r["data"]))
    return out


def stories_of_articles(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """The story id of each of ``article_ids`` that is in a stored story."""
    out: dict[str, str] = {}
    for part in _chunks(dict.fromkeys(article_ids)):
        for r in store.backend.rows(
            f"SELECT article_id, story_id FROM link_members WHERE article_id IN {_marks(part)}",
            part,
        ):
            out[str(r["article_id"])] = str(r["story_id"])
    return out


def originals_of_articles(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """The article each of ``article_ids`` that is a stored copy copies."""
    out: dict[str, str] = {}
    for part in _chunks(dict.fromkeys(article_ids)):
        for r in store.backend.rows(
            f"SELECT data FROM link_copies WHERE article_id IN {_marks(part)}", part
        ):
            link = from_dict(CopyLink, json.loads(r["data"]))
            out[link.article] = link.original
    return out


# ---------------------------------------------------------------------- migration


def rows_from_blob(db: Executor) -> None:
    """Schema version 11: the link rows filled from the ``corpus_links`` blob of an older
    store (with the state it was computed for), then the blob emptied; nothing when there
    is none (the next link computes the rows)."""
    from .store.store import _links_text

    got = db.rows("SELECT fingerprint, data FROM corpus_links WHERE id = 1")
    if not got:
        return
    fingerprint = str(got[0]["fingerprint"])
    links = Links.from_json(_links_text(got[0]["data"]))
    del got
    link_of = {c.article: c for c in links.copies}
    parts: dict[str, Part] = {s.id: ([], []) for s in links.stories}
    story_of: dict[str, str] = {}
    for c in links.clusters:
        parts[c.story][0].append(c)
        story_of[c.id] = c.story
    for k in links.contradictions:
        parts[story_of[k.cluster_a]][1].append(k)
    fresh = [(s, story_key(s, link_of), parts[s.id]) for s in links.stories]
    _write(db, fingerprint, links.copies, (), fresh, ())
    db.execute("DELETE FROM corpus_links")
