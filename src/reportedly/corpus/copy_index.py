"""Copies found incrementally, against an index kept in the store (issue 13).

:func:`.dedupe.find_copies` compares every article of the corpus with every other one; this
module gives the same copy links while reading only what a new article can copy:

* ``copy_keys`` holds, for each indexed article, the keys it is matched by: ``h:`` its
  content hash, ``p:`` the prefix-filter tokens of its word shingles (a stable hash, so
  the tokens mean the same in every process), ``w:`` the wire its dateline credits; with
  its shingle count.
* ``copy_pairs`` holds the verified copy pairs (same content hash, or Jaccard >= the
  threshold).

:func:`update_copy_index` indexes the articles the index does not hold yet, in ingest
order: each is compared only with the indexed articles that share one of its keys and
whose size can reach the threshold (prefix filtering: two sets with Jaccard >= t share one
of their prefix tokens, under any fixed order of the tokens, so the pairs are exactly those
the all-pairs comparison finds). Its pairs are written before its keys: a run killed half
way leaves articles without keys, which the next run indexes again.

:func:`stored_copies` makes the :class:`CopyLink` list from the rows: copy groups are the
connected components of the pairs, the original of a group its earliest-published article
(the first ingested among equals), as :func:`.dedupe.find_copies` does.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..records import Article
from .dedupe import NEAR_THRESHOLD, jaccard, shingles, wire_credit
from .records import WIRE_PREFIX, CopyLink

if TYPE_CHECKING:
    from .store import Store

__all__ = ["copy_keys", "stored_copies", "update_copy_index"]

#: New articles read from the store at a time while indexing.
BATCH = 200


def _token(shingle: str) -> int:
    """A hash of a shingle that is the same in every process (Python's ``hash`` is not)."""
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def copy_keys(article: Article, threshold: float = NEAR_THRESHOLD) -> tuple[list[str], int]:
    """The index keys of an article and its shingle count."""
    sh = shingles(article.text)
    ordered = sorted(_token(x) for x in sh)
    keep = max(len(ordered) - math.ceil(threshold * len(ordered)) + 1, 1)
    keys = ["h:" + article.content_hash, *(f"p:{tok}" for tok in ordered[:keep])]
    wire = wire_credit(article.text)
    if wire is not None:
        keys.append("w:" + wire)
    return sorted(set(keys)), len(sh)


#: The SQL of an article's text inside its stored analysis, per dialect (the database
#: reads it out of the JSON: decoding whole analyses in Python was most of a link's cost).
_TEXT_SQL = {
    "sqlite": "json_extract(analysis, '$.article.text')",
    "postgresql": "(analysis::json) -> 'article' ->> 'text'",
}

#: Candidates whose shingles are kept between the new articles of one run.
SHINGLE_CACHE = 4000


def _articles(store: Store, ids: Sequence[str]) -> list[Article]:
    """The id, text and content hash of each stored article given, in ingest order (the
    rest of the analysis is neither read nor built)."""
    db = store.backend
    found: list[tuple[int, Article]] = []
    for i in range(0, len(ids), 500):
        part = list(ids[i : i + 500])
        marks = "(" + ", ".join("?" * len(part)) + ")"
        for r in db.rows(
            f"SELECT {db.order} AS k, id, content_hash, {_TEXT_SQL[db.dialect]} AS text"
            f" FROM articles WHERE id IN {marks}",
            part,
        ):
            art = Article(text=str(r["text"]), id=str(r["id"]), content_hash=str(r["content_hash"]))
            found.append((int(r["k"]), art))
    found.sort(key=lambda x: x[0])
    return [a for _, a in found]


def _unindexed(store: Store) -> list[str]:
    order = store.backend.order
    rows = store.backend.rows(
        f"SELECT id FROM articles a WHERE NOT EXISTS"
        f" (SELECT 1 FROM copy_keys k WHERE k.article_id = a.id) ORDER BY {order}"
    )
    return [str(r["id"]) for r in rows]


def _candidates(store: Store, keys: Sequence[str], size: int, threshold: float) -> list[str]:
    """Indexed articles sharing a matching key whose size can reach ``threshold``: the
    same content hash, or a prefix token with sizes close enough."""
    found: set[str] = set()
    hashes = [k for k in keys if k.startswith("h:")]
    tokens = [k for k in keys if k.startswith("p:")]
    for wanted, sized in ((hashes, False), (tokens, True)):
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = "(" + ", ".join("?" * len(part)) + ")"
            for r in store.backend.rows(
                f"SELECT DISTINCT article_id, size FROM copy_keys WHERE key IN {marks}", part
            ):
                other = int(r["size"])
                lo, hi = sorted((size, other))
                if not sized or (hi and lo >= threshold * hi):
                    found.add(str(r["article_id"]))
    return sorted(found)


def update_copy_index(store: Store, threshold: float = NEAR_THRESHOLD) -> int:
    """Index the stored articles the copy index does not hold yet; how many it indexed."""
    new = _unindexed(store)
    seen: dict[str, tuple[str, set[str]]] = {}  # candidate -> content hash, shingles
    for start in range(0, len(new), BATCH):
        for art in _articles(store, new[start : start + BATCH]):
            keys, size = copy_keys(art, threshold)
            candidates = [c for c in _candidates(store, keys, size, threshold) if c != art.id]
            if len(seen) > SHINGLE_CACHE:
                seen.clear()
            for other in _articles(store, [c for c in candidates if c not in seen]):
                seen[other.id] = (other.content_hash, shingles(other.text))
            mine = shingles(art.text)
            pairs: list[tuple[str, str]] = []
            for cid in candidates:
                if cid not in seen:
                    continue  # gone from the store since its keys were read
                other_hash, other_shingles = seen[cid]
                if other_hash == art.content_hash or jaccard(mine, other_shingles) >= threshold:
                    pairs.append((min(art.id, cid), max(art.id, cid)))
            with store.backend.transaction():
                if pairs:
                    store.backend.executemany(
                        "INSERT INTO copy_pairs (article_a, article_b) VALUES (?, ?)"
                        " ON CONFLICT DO NOTHING",
                        pairs,
                    )
                store.backend.executemany(
                    "INSERT INTO copy_keys (key, article_id, size) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    [(k, art.id, size) for k in keys],
                )
    return len(new)


def _components(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())


def _wire_keys(store: Store) -> dict[str, str]:
    """Article id -> the wire its dateline credits, from the ``w:`` keys of the index (on
    SQLite a range of the primary key: the keys sort bytewise there; LIKE would scan)."""
    db = store.backend
    if db.dialect == "sqlite":
        where, args = "key >= ? AND key < ?", ["w:", "w;"]
    else:
        where, args = "key LIKE ?", ["w:%"]
    rows = db.rows(f"SELECT article_id, key FROM copy_keys WHERE {where}", args)
    return {str(r["article_id"]): str(r["key"])[2:] for r in rows}


def stored_copies(
    store: Store,
    threshold: float = NEAR_THRESHOLD,
    known: Mapping[str, CopyLink] | None = None,
) -> list[CopyLink]:
    """The copy links of the store, from the copy index (:func:`update_copy_index` first).

    ``known`` (article id -> its copy link, as computed before) saves reading texts: a
    copy whose original is the one it had keeps its similarity (that of the two texts),
    so only the copies of groups that changed are compared with their original again."""
    db = store.backend
    pairs = [
        (str(r["article_a"]), str(r["article_b"]))
        for r in db.rows("SELECT article_a, article_b FROM copy_pairs")
    ]
    wires = _wire_keys(store)
    groups = _components(pairs)
    members = sorted({m for g in groups for m in g} | set(wires))
    seq: dict[str, tuple[str, int]] = {}
    for i in range(0, len(members), 500):
        part = members[i : i + 500]
        marks = "(" + ", ".join("?" * len(part)) + ")"
        for r in db.rows(
            f"SELECT id, published, {db.order} AS k FROM articles WHERE id IN {marks}", part
        ):
            date = (r["published"] or "")[:10] or "9999-99-99"
            seq[str(r["id"])] = (str(date), int(r["k"]))
    before = known or {}
    links: list[CopyLink] = []
    copies: set[str] = set()
    for group in groups:
        original = min(group, key=lambda a: seq[a])
        kept: dict[str, CopyLink] = {}
        for aid in group:
            old = before.get(aid)
            if aid != original and old is not None and old.original == original:
                kept[aid] = CopyLink(aid, original, old.similarity, old.exact, old.kind)
        todo = [a for a in group if a != original and a not in kept]
        texts: dict[str, Article] = {}
        if todo:
            texts = {a.id: a for a in _articles(store, [original, *todo])}
            orig = texts[original]
            orig_sh = shingles(orig.text)
        for aid in group:
            if aid == original:
                continue
            copies.add(aid)
            if aid in kept:
                links.append(kept[aid])
                continue
            art = texts[aid]
            exact = art.content_hash == orig.content_hash
            sim = 1.0 if exact else jaccard(shingles(art.text), orig_sh)
            links.append(
                CopyLink(aid, original, round(sim, 4), exact, "exact" if exact else "near")
            )
    for aid, wire in wires.items():
        if aid not in copies:
            links.append(CopyLink(aid, WIRE_PREFIX + wire, 1.0, False, "wire"))
    links.sort(key=lambda link: seq[link.article][1])
    return links
