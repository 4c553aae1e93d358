"""What the web app reads from the store, shaped for the API and the pages.

Only the public API of :class:`reportedly.corpus.store.Store` is used (no SQL here), so
the app works on every store backend. A Store is opened per request and closed after it;
the corpus links (copies, stories, claim clusters, contradictions) are computed once per
store state and cached.
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..corpus.links import corpus_links
from ..corpus.records import ClaimCluster, Contradiction, CopyLink, Story
from ..corpus.store import Store
from ..records import STATUSES as STATUSES
from ..records import Analysis, Claim, Source

T = TypeVar("T")

#: One mark per status for the coverage matrix (with the status name as its label).
STATUS_MARKS = {
    "asserted": "●",
    "reported": "◆",
    "hedged": "◐",
    "speculative": "≈",
    "questioned": "?",
    "denied": "✕",
}


@contextmanager
def open_store(db: str) -> Iterator[Store]:
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


# --------------------------------------------------------------------------- links


@dataclass
class Linked:
    """The corpus links, with indexes for the pages."""

    copies: list[CopyLink]
    stories: list[Story]
    clusters: list[ClaimCluster]
    contradictions: list[Contradiction]
    story_by_id: dict[str, Story] = field(default_factory=dict)
    story_of_article: dict[str, str] = field(default_factory=dict)
    clusters_by_story: dict[str, list[ClaimCluster]] = field(default_factory=dict)
    cluster_of_claim: dict[tuple[str, str], ClaimCluster] = field(default_factory=dict)
    contradicted: set[tuple[str, str]] = field(default_factory=set)
    copy_of: dict[str, str] = field(default_factory=dict)
    by_size: list[Story] = field(default_factory=list)  # most articles first

    def __post_init__(self) -> None:
        self.by_size = sorted(self.stories, key=lambda st: -len(st.articles))
        for st in self.stories:
            self.story_by_id[st.id] = st
            for aid in st.articles:
                self.story_of_article[aid] = st.id
        for cl in self.clusters:
            self.clusters_by_story.setdefault(cl.story, []).append(cl)
            for key in cl.claims:
                self.cluster_of_claim[(key[0], key[1])] = cl
        for k in self.contradictions:
            self.contradicted.add((k.claim_a[0], k.claim_a[1]))
            self.contradicted.add((k.claim_b[0], k.claim_b[1]))
        for c in self.copies:
            self.copy_of[c.article] = c.original


def compute_links(store: Store) -> Linked:
    """The corpus links of ``store`` (computed once per corpus state and kept in the store,
    see :func:`reportedly.corpus.links.corpus_links`)."""
    got = corpus_links(store)
    return Linked(list(got.copies), list(got.stories), list(got.clusters), list(got.contradictions))


class LinksCache:
    """Corpus links computed once per store state (:meth:`Store.fingerprint`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._value: Linked | None = None

    def get(self, store: Store) -> Linked:
        key = store.fingerprint()
        with self._lock:
            if self._value is None or self._key != key:
                self._value = compute_links(store)
                self._key = key
                # the links of a large corpus are millions of long-lived objects: move them
                # out of the collector's sight, or every full collection walks them all
                # (it doubled the p95 of /api/ask at 10,000 articles)
                gc.freeze()
            return self._value


class QueryCache:
    """Results of corpus-wide queries (top sources, entity lists...), kept while the store
    does not change (:meth:`Store.fingerprint`); at most ``size`` of them."""

    def __init__(self, size: int = 256) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._key: str | None = None
        self._values: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, store: Store, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        state = store.fingerprint()
        with self._lock:
            if state != self._key:
                self._values.clear()
                self._key = state
            if key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
        value = compute()
        with self._lock:
            if self._key == state:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value


# --------------------------------------------------------------------------- claims


def chain_names(chain: Sequence[Source]) -> list[list[str]]:
    """The chain as levels of names: [[outlet], [cited, cited], [their source]]."""
    levels: dict[int, list[str]] = {}
    for src in chain:
        levels.setdefault(src.level, []).append(src.name)
    return [names for _, names in sorted(levels.items())]


def parse_chain(text: str) -> list[list[str]]:
    """The levels of a stored chain text ("Outlet > A + B > C")."""
    return [[n.strip() for n in level.split(" + ") if n.strip()] for level in text.split(" > ")]


def claim_view(claim: Claim, article: Analysis) -> dict[str, Any]:
    """A claim with what the page shows when it is clicked."""
    return {
        "id": claim.id,
        "text": claim.text,
        "status": claim.status,
        "start": claim.start,
        "end": claim.end,
        "direct_quote": claim.direct_quote,
        "polarity": claim.polarity,
        "cues": [{"text": c.text, "kind": c.kind} for c in claim.cues],
        "chain": [
            {
                "name": s.name,
                "kind": s.kind,
                "level": s.level,
                "description": s.description,
                "cue": s.cue.text if s.cue else None,
            }
            for s in claim.source_chain
        ]
        or [
            {
                "name": article.article.outlet or "the article",
                "kind": "outlet",
                "level": 0,
                "description": None,
                "cue": None,
            }
        ],
    }


@dataclass
class Segment:
    text: str
    claim: dict[str, Any] | None = None


def segments(analysis: Analysis) -> list[Segment]:
    """The article text cut into plain runs and claim spans (claims in text order;
    a claim overlapping an earlier one is cut to start where that one ends)."""
    text = analysis.article.text
    out: list[Segment] = []
    pos = 0
    for claim in sorted(analysis.claims, key=lambda c: (c.start, -c.end)):
        start = max(claim.start, pos)
        end = min(claim.end, len(text))
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], {"id": claim.id, "status": claim.status}))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


# --------------------------------------------------------------------------- stories


def story_summary(st: Story, linked: Linked) -> dict[str, Any]:
    clusters = sorted(linked.clusters_by_story.get(st.id, []), key=lambda c: -c.corroboration)
    top = clusters[0] if clusters else None
    return {
        "id": st.id,
        "title": st.title,
        "articles": len(st.articles),
        "copies": len(st.copies),
        "entities": st.entities[:6],
        "claim_clusters": len(clusters),
        "most_corroborated": (
            {"text": top.text, "corroboration": top.corroboration} if top else None
        ),
    }


def story_detail(
    st: Story, linked: Linked, analyses: Sequence[Analysis], *, max_columns: int = 16
) -> dict[str, Any]:
    """A story: its articles on a timeline, and the coverage matrix (outlets x claim
    clusters, each cell the statuses with which that outlet made that claim)."""
    by_id = {a.article.id: a for a in analyses}
    claims = {(a.article.id, c.id): c for a in analyses for c in a.claims}
    clusters = sorted(
        linked.clusters_by_story.get(st.id, []),
        key=lambda c: (-len({a for a, _ in c.claims}), -c.corroboration, c.id),
    )
    columns = clusters[:max_columns]
    articles = []
    for aid in st.articles:
        an = by_id.get(aid)
        if an is None:
            continue
        art = an.article
        articles.append(
            {
                "id": aid,
                "title": art.title,
                "outlet": art.outlet or "?",
                "published": art.published,
                "url": art.url,
                "copy_of": linked.copy_of.get(aid),
                "claims": len(an.claims),
            }
        )
    articles.sort(key=lambda a: (str(a["published"] or ""), str(a["outlet"])))
    outlets = sorted({str(a["outlet"]) for a in articles})
    outlet_of = {str(a["id"]): str(a["outlet"]) for a in articles}
    rows = []
    for outlet in outlets:
        cells = []
        for cl in columns:
            statuses: Counter[str] = Counter()
            for aid, cid in cl.claims:
                if outlet_of.get(aid) == outlet and (aid, cid) in claims:
                    statuses[claims[(aid, cid)].status] += 1
            cells.append(
                [
                    {"status": s, "mark": STATUS_MARKS.get(s, "·"), "count": n}
                    for s, n in sorted(statuses.items(), key=lambda kv: STATUSES.index(kv[0]))
                ]
            )
        rows.append({"outlet": outlet, "cells": cells})
    return {
        **story_summary(st, linked),
        "timeline": articles,
        "columns": [
            {
                "id": cl.id,
                "text": cl.text,
                "corroboration": cl.corroboration,
                "statuses": cl.statuses,
                "chains": cl.chains,
                "claims": [list(k) for k in cl.claims],
            }
            for cl in columns
        ],
        "more_columns": max(0, len(clusters) - len(columns)),
        "matrix": rows,
        "contradictions": [
            {
                "reason": k.reason,
                "sides": [
                    {
                        "article_id": aid,
                        "claim_id": cid,
                        "text": claims[(aid, cid)].text if (aid, cid) in claims else cid,
                        "status": claims[(aid, cid)].status if (aid, cid) in claims else None,
                        "outlet": outlet_of.get(aid),
                    }
                    for aid, cid in (k.claim_a, k.claim_b)
                ],
            }
            for k in linked.contradictions
            if linked.story_of_article.get(k.claim_a[0]) == st.id
        ],
    }


# --------------------------------------------------------------------------- sources


def citations(claim_rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who cites whom in these claims: one edge per (citer, cited) with its count."""
    edges: Counter[tuple[str, str]] = Counter()
    for row in claim_rows:
        levels = parse_chain(str(row.get("sources") or ""))
        for upper, lower in itertools.pairwise(levels):
            for a in upper:
                for b in lower:
                    if a and b and a != b:
                        edges[(a, b)] += 1
    return [
        {"from": a, "to": b, "claims": n}
        for (a, b), n in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def citation_graph(edges: Sequence[dict[str, Any]], *, max_edges: int = 30) -> dict[str, Any]:
    """A two-column layout of who cites whom: citers on the left, the cited on the right,
    one line per edge (its width grows with the number of claims)."""
    chosen = list(edges[:max_edges])
    left = list(dict.fromkeys(str(e["from"]) for e in chosen))
    right = list(dict.fromkeys(str(e["to"]) for e in chosen))
    row, top, width = 26, 16, 640
    height = top * 2 + row * max(len(left), len(right), 1)
    lx, rx = 200, width - 200
    ly = {name: top + row * i + row // 2 for i, name in enumerate(left)}
    ry = {name: top + row * i + row // 2 for i, name in enumerate(right)}
    most = max((int(e["claims"]) for e in chosen), default=1)
    return {
        "width": width,
        "height": height,
        "left": [{"name": n, "x": lx - 8, "y": y} for n, y in ly.items()],
        "right": [{"name": n, "x": rx + 8, "y": y} for n, y in ry.items()],
        "edges": [
            {
                "x1": lx,
                "y1": ly[str(e["from"])],
                "x2": rx,
                "y2": ry[str(e["to"])],
                "w": round(1 + 5 * int(e["claims"]) / most, 1),
                "label": f"{e['from']} → {e['to']}: {e['claims']} claims",
            }
            for e in chosen
        ],
    }


def source_record(
    name: str, claim_rows: Sequence[dict[str, Any]], linked: Linked | None
) -> dict[str, Any]:
    """What a source said, and how often it was confirmed (in a claim cluster of two or
    more independent chains) or contradicted."""
    statuses: Counter[str] = Counter(str(r["status"]) for r in claim_rows)
    confirmed = contradicted = 0
    rows = []
    for r in claim_rows:
        key = (str(r["article_id"]), str(r["claim_id"]))
        cl = linked.cluster_of_claim.get(key) if linked else None
        corroboration = cl.corroboration if cl else 1
        is_confirmed = corroboration >= 2
        is_contradicted = bool(linked and key in linked.contradicted)
        confirmed += is_confirmed
        contradicted += is_contradicted
        rows.append(
            {
                **r,
                "corroboration": corroboration,
                "confirmed": is_confirmed,
                "contradicted": is_contradicted,
            }
        )
    return {
        "name": name,
        "claims": len(claim_rows),
        "statuses": dict(statuses),
        "confirmed": confirmed,
        "contradicted": contradicted,
        "outlets": sorted({str(r["outlet"]) for r in claim_rows if r.get("outlet")}),
        "said": rows,
    }


def group_by(rows: Sequence[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[str(r.get(key) or "")].append(r)
    return dict(out)
