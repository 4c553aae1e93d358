"""Stories and claim clusters linked from what the store keeps, not from every analysis
(issue 13).

* ``story_units`` holds each article's :class:`~.stories.StoryUnit` (written at ingest;
  :func:`fill_story_units` adds the rows of articles stored before version 7). Stories are
  clustered from those rows (:func:`stored_stories`): the same IDF over the whole corpus,
  the same vectors and merges as :func:`.stories.cluster_stories`, so the same stories,
  without decoding an analysis.
* Claim clusters and contradictions are made inside one story from its articles and their
  copy links only. :func:`claims_by_story` therefore keeps a story's clusters and
  contradictions from the links computed before when the story has the same articles and
  the same copy links, and recomputes only the other (touched) stories, reading only their
  analyses. Cluster ids number the clusters across the corpus (``s3.k17``), so every
  cluster is renumbered in story order: the result is that of
  :func:`.corroborate.link_claims` over every analysis.

Nothing here is written except ``story_units`` rows (derived from one analysis each,
idempotent): a link killed half way leaves nothing the next one would read wrongly.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records import Analysis, from_dict
from .corroborate import cluster_claims, find_contradictions
from .dedupe import root_originals
from .linker import Links
from .records import ClaimCluster, Contradiction, CopyLink, Story
from .store.story_df import count_unit
from .stories import (
    STORY_THRESHOLD,
    PackedVectors,
    StoryUnit,
    feature_vector,
    stories_of_units,
    story_unit,
    unit_from_json,
)
from .stories import unit_json as _unit_json

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "claims_by_story",
    "claims_of_stories",
    "fill_story_units",
    "stored_stories",
    "stored_units",
]

#: Rows read from the store at a time.
BATCH = 500
#: Articles whose analyses are held at once while touched stories are relinked.
CLAIM_BATCH = 400


def fill_story_units(store: Store) -> int:
    """Write the ``story_units`` row of every stored article without one; how many."""
    db = store.backend
    order = db.order
    new = [
        str(r["id"])
        for r in db.rows(
            f"SELECT id FROM articles a WHERE NOT EXISTS"
            f" (SELECT 1 FROM story_units u WHERE u.article_id = a.id) ORDER BY {order}"
        )
    ]
    for start in range(0, len(new), BATCH):
        units = [story_unit(a) for a in store.analyses_for(new[start : start + BATCH])]
        with db.transaction():
            for unit in units:
                if db.execute(
                    "INSERT INTO story_units (article_id, data) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    [unit.id, _unit_json(unit)],
                ):
                    count_unit(db, unit.features)
    return len(new)


def stored_units(store: Store) -> Iterator[StoryUnit]:
    """The story unit of every stored article, in ingest order, read in batches."""
    db = store.backend
    order = db.order
    last: Any = None
    while True:
        where = f"WHERE a.{order} > ?" if last is not None else ""
        rows = db.rows(
            f"SELECT a.{order} AS k, a.id AS id, u.data AS data FROM articles a"
            f" JOIN story_units u ON u.article_id = a.id {where} ORDER BY a.{order} LIMIT ?",
            [*([last] if last is not None else []), BATCH],
        )
        for r in rows:
            yield unit_from_json(str(r["id"]), str(r["data"]))
        if len(rows) < BATCH:
            return
        last = rows[-1]["k"]


def stored_stories(
    store: Store, copies: Sequence[CopyLink], threshold: float = STORY_THRESHOLD
) -> list[Story]:
    """The stories of the store, from its ``story_units`` rows (filled first).

    No raw features are held as dicts for the whole corpus: while the rows are read, each
    article's features are kept as a tuple of (interned) names and an array of values,
    and the document frequencies counted; the weighted vectors are made from those and
    kept packed too (:class:`.stories.PackedVectors`)."""
    fill_story_units(store)
    roots = root_originals(copies)
    df: Counter[str] = Counter()
    units: list[StoryUnit] = []
    packed: list[tuple[tuple[str, ...], array[float]]] = []
    for u in stored_units(store):
        df.update(u.features.keys())  # every article counts, copies too (corpus_weights)
        if u.id not in roots:
            packed.append((tuple(u.features), array("d", u.features.values())))
        units.append(replace(u, features={}))
    n = len(units)
    vectors = PackedVectors()
    packed.reverse()
    while packed:  # consumed from the end, so each packed row is freed once used
        keys, values = packed.pop()
        vectors.append(feature_vector(dict(zip(keys, values, strict=True)), df, n))
    return stories_of_units(units, copies, threshold, vectors)


StoryKey = tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]


def _keys(stories: Sequence[Story], copies: Sequence[CopyLink]) -> list[StoryKey]:
    """What a story's clusters depend on: its articles, in order, and their copy links."""
    link_of = {c.article: c for c in copies}
    out: list[StoryKey] = []
    for s in stories:
        links = tuple(
            (c.article, c.original, c.similarity, c.exact, c.kind)
            for a in s.articles
            if (c := link_of.get(a)) is not None
        )
        out.append((tuple(s.articles), links))
    return out


Part = tuple[list[ClaimCluster], list[Contradiction]]


def _by_story(
    clusters: Sequence[ClaimCluster], contradictions: Sequence[Contradiction]
) -> dict[str, Part]:
    parts: dict[str, Part] = {}
    story_of: dict[str, str] = {}
    for c in clusters:
        parts.setdefault(c.story, ([], []))[0].append(c)
        story_of[c.id] = c.story
    for k in contradictions:
        parts[story_of[k.cluster_a]][1].append(k)
    return parts


def _decoded(texts: Sequence[str], without: Sequence[str]) -> list[Analysis]:
    out = []
    for text in texts:
        data = json.loads(text)
        for name in without:
            data.pop(name, None)
        out.append(from_dict(Analysis, data))
    return out


def story_batches(stories: Sequence[Story]) -> Iterator[list[Story]]:
    """``stories`` in runs of about :data:`CLAIM_BATCH` articles (whole stories each): the
    unit in which claim clusters are computed, in one process or in many."""
    batch: list[Story] = []
    size = 0
    for story in stories:
        batch.append(story)
        size += len(story.articles)
        if size >= CLAIM_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def claims_of_batch(
    store: Store,
    batch: Sequence[Story],
    copies: Sequence[CopyLink],
    without: Sequence[str] = (),
) -> list[Part]:
    """The claim clusters and contradictions of each story of one batch, from their
    analyses (the fields ``without`` left out)."""
    ids = [a for s in batch for a in s.articles]
    analyses = _decoded(store.analysis_json_for(ids), without)
    clusters = cluster_claims(analyses, batch, copies)
    found = _by_story(clusters, find_contradictions(analyses, clusters, copies))
    return [found.get(s.id, ([], [])) for s in batch]


def claims_of_stories(
    store: Store,
    stories: Sequence[Story],
    copies: Sequence[CopyLink],
    without: Sequence[str] = (),
) -> list[Part]:
    """The claim clusters and contradictions of each of ``stories``, computed from their
    analyses (the fields ``without`` left out), one :func:`story_batches` batch of
    analyses held at a time. Cluster ids are unique among them, not yet numbered across
    the corpus."""
    out: list[Part] = []
    for batch in story_batches(stories):
        out.extend(claims_of_batch(store, batch, copies, without))
    return out


def claims_by_story(
    store: Store,
    stories: Sequence[Story],
    copies: Sequence[CopyLink],
    previous: Links | None,
    without: Sequence[str] = (),
) -> tuple[list[ClaimCluster], list[Contradiction], int]:
    """Claim clusters and contradictions of ``stories``: kept from ``previous`` (the links
    computed before) for the stories unchanged since, computed from their analyses for the
    others (the fields ``without`` left out); and how many stories were recomputed. The
    clusters and contradictions of ``previous`` are reused, renumbered in place."""
    keys = _keys(stories, copies)
    kept: dict[StoryKey, Part] = {}
    if previous is not None:
        parts = _by_story(previous.clusters, previous.contradictions)
        for s, key in zip(previous.stories, _keys(previous.stories, previous.copies), strict=True):
            kept[key] = parts.get(s.id, ([], []))
    touched = [i for i, key in enumerate(keys) if key not in kept]
    fresh = dict(
        zip(
            touched,
            claims_of_stories(store, [stories[i] for i in touched], copies, without),
            strict=True,
        )
    )
    clusters_out: list[ClaimCluster] = []
    contradictions_out: list[Contradiction] = []
    for i, (story, key) in enumerate(zip(stories, keys, strict=True)):
        clusters, contradictions = fresh[i] if i in fresh else kept[key]
        new_id: dict[str, str] = {}
        for c in clusters:  # renumbered in place: the links given are not kept
            cid = f"{story.id}.k{len(clusters_out) + 1}"
            new_id[c.id] = cid
            c.id, c.story = cid, story.id
            clusters_out.append(c)
        for k in contradictions:
            k.cluster_a = new_id[k.cluster_a]
            contradictions_out.append(k)
    return clusters_out, contradictions_out, len(touched)
