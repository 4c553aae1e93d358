"""Cluster articles into stories (articles about the same happening).

Each article becomes one TF-IDF weighted vector of three blocks of features:

* ``e:`` the canonical names of its entities (``Analysis.entities``), a term
  frequency of ``1 + log(mentions)``, places weighted :data:`PLACE_WEIGHT`
  (countries and capitals are shared by unrelated stories);
* ``t:`` content words of the title and lead (the first :data:`LEAD_WORDS` words);
* ``b:`` content words of the whole body, ``1 + log(count)``.

Blocks are weighted by :data:`BLOCK_WEIGHTS`, every feature by its inverse document
frequency over the corpus, and two articles' similarity is the cosine of their
vectors, scaled by :func:`date_factor` when both have a publication date (0 when they
are more than :data:`~reportedly.settings.STORY_WINDOW_DAYS` apart: story candidates are
blocked by that time window).
Average-link agglomerative clustering merges clusters while their mean pairwise
similarity is at least ``threshold``. Copies (see :mod:`.dedupe`) always join
their original's story: they are clustered as one unit with it.

The result is exactly that of the dense reference, ``average_link(similarity_matrix(...))``
(kept, O(n^3)), computed without the n x n matrix: the pairs at or above the threshold
(:func:`strong_pairs`: sparse products, or an inverted index with prefix filtering, then
an exact check) are the only ones that can start a merge; average link runs with a heap
over the clusters they link and computes the exact averages on demand
(:func:`_story_groups`). No sklearn; scipy (a dependency of datasketch) only estimates
cosines on large corpora.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import math
import re
import sys
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import overload

from .. import lexicons
from ..records import Analysis
from ..settings import STORY_WINDOW_DAYS
from .dedupe import find_copies, root_originals
from .records import CopyLink, Story

#: Average-link similarity at and above which two clusters merge.
STORY_THRESHOLD = 0.2
LEAD_WORDS = 60
PLACE_WEIGHT = 0.4
BLOCK_WEIGHTS: dict[str, float] = {"e": 1.0, "t": 0.8, "b": 0.6}

STOPWORDS: frozenset[str] = frozenset(lexicons.default().words["stopwords"])

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and very short words, crudely singular."""
    out: list[str] = []
    for w in _WORD.findall(text):
        w = w.lower().strip("'’-")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) < 3 or w in STOPWORDS:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day(value: str | None) -> int | None:
    d = _parse_date(value)
    return None if d is None else d.toordinal()


def date_factor(a: str | None, b: str | None, window: int = STORY_WINDOW_DAYS) -> float:
    """1.0 within 3 days, falling to 0.3 at a month apart and beyond, 0.0 more than
    ``window`` days apart (two such articles are never story candidates); 1.0 when a
    date is missing."""
    da, db = _parse_date(a), _parse_date(b)
    if da is None or db is None:
        return 1.0
    days = abs((da - db).days)
    if days > window:
        return 0.0
    if days <= 3:
        return 1.0
    if days >= 30:
        return 0.3
    return 1.0 - 0.7 * (days - 3) / 27


def features(analysis: Analysis) -> dict[str, float]:
    """Raw (not yet IDF-weighted) features of one article."""
    feats: defaultdict[str, float] = defaultdict(float)
    for ent in analysis.entities:
        mentions = max(1, len(ent.mentions))
        weight = PLACE_WEIGHT if ent.type == "PLACE" else 1.0
        feats["e:" + ent.canonical.lower()] += weight * (1.0 + math.log(mentions))
    art = analysis.article
    lead = " ".join(art.text.split()[:LEAD_WORDS])
    for w in set(content_words(f"{art.title or ''} {lead}")):
        feats["t:" + w] += 1.0
    for w, n in Counter(content_words(art.text)).items():
        feats["b:" + w] += 1.0 + math.log(n)
    return dict(feats)


@dataclass(frozen=True)
class StoryUnit:
    """What story clustering reads of one article: compact enough to keep in the store
    for every article (``story_units``, written at ingest) and to hold for a whole corpus.

    ``entities`` are its distinct canonical entity names in order of first appearance;
    ``features`` its raw :func:`features` (their order kept: the sums of the cosines
    follow it)."""

    id: str
    published: str | None
    title: str | None
    entities: tuple[str, ...]
    features: dict[str, float] = field(hash=False)


def story_unit(analysis: Analysis) -> StoryUnit:
    """The :class:`StoryUnit` of one analysed article."""
    art = analysis.article
    return StoryUnit(
        id=art.id,
        published=art.published,
        title=art.title,
        entities=tuple(dict.fromkeys(e.canonical for e in analysis.entities)),
        features=features(analysis),
    )


def unit_json(unit: StoryUnit) -> str:
    """A :class:`StoryUnit` as the JSON kept in the store (floats round-trip exactly)."""
    return json.dumps(
        {"p": unit.published, "t": unit.title, "e": list(unit.entities), "f": unit.features},
        ensure_ascii=False,
    )


def unit_from_json(article_id: str, text: str) -> StoryUnit:
    """The :class:`StoryUnit` of :func:`unit_json`."""
    data = json.loads(text)
    # feature names repeat across the corpus: one string each, not one per article
    feats = {sys.intern(k): v for k, v in data["f"].items()}
    return StoryUnit(article_id, data["p"], data["t"], tuple(data["e"]), feats)


class PackedVectors(Sequence[dict[str, float]]):
    """Weighted vectors kept packed (their feature names, interned, and an array of their
    weights, in order) and made into dicts when read, the last :attr:`cache` made kept.

    A dict per article was most of the memory of clustering a large corpus; the dicts
    read back are equal to the packed ones, key order included (the sums of the cosines
    follow it), so the stories are the same. Readers go through a corpus in date order,
    a block of rows against the rows of its time window: the cache holds such a window."""

    def __init__(self, cache: int = 8192) -> None:
        self.cache = cache
        self._names: list[tuple[str, ...]] = []
        self._weights: list[array[float]] = []
        self._made: OrderedDict[int, dict[str, float]] = OrderedDict()

    def append(self, vector: Mapping[str, float]) -> None:
        self._names.append(tuple(vector))
        self._weights.append(array("d", vector.values()))

    def __len__(self) -> int:
        return len(self._names)

    def packed(self, i: int) -> tuple[tuple[str, ...], array[float]]:
        """The feature names and weights of vector ``i``, in order, without a dict."""
        return self._names[i], self._weights[i]

    @overload
    def __getitem__(self, i: int) -> dict[str, float]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, float]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, float] | list[dict[str, float]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        made = self._made.get(i)
        if made is not None:
            self._made.move_to_end(i)
            return made
        made = dict(zip(self._names[i], self._weights[i], strict=True))
        self._made[i] = made
        if len(self._made) > self.cache:
            self._made.popitem(last=False)
        return made


def _vectors(raw: list[dict[str, float]]) -> list[dict[str, float]]:
    df = document_frequencies(raw)
    return [feature_vector(f, df, len(raw)) for f in raw]


def document_frequencies(raw: Iterable[Mapping[str, float]]) -> Counter[str]:
    """In how many of the raw feature maps each feature occurs."""
    df: Counter[str] = Counter()
    for f in raw:
        df.update(f.keys())
    return df


def corpus_weights(raw: Iterable[Mapping[str, float]]) -> tuple[Counter[str], int]:
    """The document frequencies of stories' feature weights and the number of articles
    they count: every article's raw features, copies included (a copy is clustered as one
    unit with its original, but counted: the counts then only grow with the corpus)."""
    df: Counter[str] = Counter()
    n = 0
    for f in raw:
        df.update(f.keys())
        n += 1
    return df, n


def feature_vector(f: Mapping[str, float], df: Mapping[str, int], n: int) -> dict[str, float]:
    """The unit-length weighted vector of one article's raw features among ``n`` articles
    with the document frequencies ``df`` (features of one article dropped)."""
    vec: dict[str, float] = {}
    for k, v in f.items():
        if df[k] < 2:  # a feature of one article links nothing
            continue
        vec[k] = v * BLOCK_WEIGHTS[k[0]] * math.log((n + 1) / df[k])
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {k: x / norm for k, x in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def similarity_matrix(analyses: Sequence[Analysis]) -> list[list[float]]:
    """Pairwise story similarity of the articles (cosine x date factor), dense.

    O(n^2) time and memory: kept as the reference of :func:`similarity_graph`.
    """
    vecs = _vectors([features(a) for a in analyses])
    n = len(analyses)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        sim[i][i] = 1.0
        for j in range(i + 1, n):
            s = _cosine(vecs[i], vecs[j]) * date_factor(
                analyses[i].article.published, analyses[j].article.published
            )
            sim[i][j] = sim[j][i] = s
    return sim


def _graph(vecs: Sequence[dict[str, float]], dates: Sequence[str | None]) -> list[dict[int, float]]:
    """Similarity of every pair of vectors that share a feature, through postings.

    Each dot product is summed over the features of the vector :func:`_cosine` iterates
    (the shorter one, the first on a tie), in its order, so the values are bit for bit
    those of :func:`similarity_matrix`.
    """
    n = len(vecs)
    graph: list[dict[int, float]] = [{} for _ in range(n)]
    order = sorted(range(n), key=lambda i: (len(vecs[i]), i))
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in reversed(order):  # the index holds exactly the vectors that i drives
        acc: dict[int, float] = {}
        for k, x in vecs[i].items():
            for j, w in postings.get(k, ()):
                p = x * w
                acc[j] = acc[j] + p if j in acc else p
        for j, s in acc.items():
            s *= date_factor(dates[min(i, j)], dates[max(i, j)])
            if s:
                graph[i][j] = graph[j][i] = s
        for k, x in vecs[i].items():
            postings[k].append((i, x))
    return graph


def similarity_graph(analyses: Sequence[Analysis]) -> list[dict[int, float]]:
    """Sparse :func:`similarity_matrix`: ``graph[i][j]`` for the pairs sharing a feature.

    Same values (pairs without a shared feature have cosine 0 and are absent); the
    number of pairs can still be quadratic, see :func:`strong_pairs`.
    """
    vecs = _vectors([features(a) for a in analyses])
    return _graph(vecs, [a.article.published for a in analyses])


#: From this many articles, :func:`strong_pairs` estimates cosines with sparse matrix
#: products (scipy, installed with datasketch) before checking them exactly.
VECTORISED_MIN = 300
#: Cells (rows x articles) of one block of the sparse product.
BLOCK_CELLS = 1_000_000


def _strong_pairs_vectorised(
    vecs: Sequence[dict[str, float]], dates: Sequence[str | None], threshold: float
) -> tuple[list[tuple[int, int, float]], int] | None:
    """:func:`strong_pairs` with the cosines estimated by scipy, blocks of rows at a time.

    The estimate (another order of summation) only selects the pairs to check: a pair is
    kept when its estimate is at least ``threshold`` minus a margin far above rounding,
    then its exact similarity is computed as :func:`similarity_matrix` does. ``None``
    when scipy is missing.
    """
    try:
        import numpy as np
        from scipy import sparse  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - scipy comes with datasketch
        return None
    n = len(vecs)
    days = [_day(d) for d in dates]
    # Rows in date order, the undated first: a dated row is only compared with the rows
    # after it up to STORY_WINDOW_DAYS later (the others have similarity 0), an undated
    # one with every row after it.
    order = sorted(range(n), key=lambda i: (days[i] is not None, days[i] or 0, i))
    undated = sum(d is None for d in days)
    ordinals = [days[i] or 0 for i in order[undated:]]
    ids: dict[str, int] = {}
    # typed arrays, not lists: a list holds a Python object per value (the peak of a large
    # corpus was these lists, four times the matrix)
    indptr = array("q", [0])
    indices = array("q")
    data = array("d")
    for i in order:
        if isinstance(vecs, PackedVectors):
            names, weights = vecs.packed(i)
        else:
            names, weights = tuple(vecs[i]), array("d", vecs[i].values())
        indices.extend(ids.setdefault(k, len(ids)) for k in names)
        data.extend(weights)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (
            np.frombuffer(data, dtype=np.float64),
            np.frombuffer(indices, dtype=np.int64),
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(n, max(1, len(ids))),
    )
    del data, indices, indptr
    transposed = matrix.T.tocsc()
    limit = threshold * (1 - 1e-6)
    rows = max(1, BLOCK_CELLS // max(1, n))
    out: list[tuple[int, int, float]] = []
    candidates = 0
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        end = n
        if start >= undated:
            last = ordinals[stop - 1 - undated] + STORY_WINDOW_DAYS
            end = undated + bisect.bisect_right(ordinals, last)
        block = (matrix[start:stop] @ transposed[:, start:end]).tocoo()
        upper = block.col > block.row
        candidates += int(np.count_nonzero(upper))
        keep = upper & (block.data >= limit)
        for r, c in zip(block.row[keep].tolist(), block.col[keep].tolist(), strict=True):
            i, j = order[r + start], order[c + start]
            if i > j:
                i, j = j, i
            s = _cosine(vecs[i], vecs[j]) * date_factor(dates[i], dates[j])
            if s >= threshold:
                out.append((i, j, s))
    out.sort()
    return out, candidates


def strong_pairs(  # noqa: C901 - candidate generation and the exact check kept in one loop for speed
    vecs: Sequence[dict[str, float]],
    dates: Sequence[str | None],
    threshold: float,
    *,
    vectorised: bool | None = None,
) -> tuple[list[tuple[int, int, float]], int]:
    """Every pair ``(i, j, similarity)``, ``i < j``, with a similarity at or above ``threshold``.

    Prefix filtering (as in the AllPairs similarity join): the most frequent features of
    each vector ``y`` stay out of the inverted index as long as they can add less than
    ``threshold`` to any dot product: their bound ``B_y`` is the smaller of
    ``sum(y_k * maxw_k)`` (``maxw_k`` the largest weight of ``k`` in any vector) and their
    norm (Cauchy-Schwarz, vectors have norm 1). A later vector ``x`` is looked up with all
    its features, so if ``x`` and ``y`` share no indexed feature of ``y`` their cosine is
    at most ``B_y < threshold``; the date factor is at most 1, so they are not a strong
    pair. For a candidate whose indexed dot product plus ``B_y`` can reach ``threshold``,
    the dot product over the left-out features of ``y`` is added; when that cosine can
    reach ``threshold`` the pair is checked with the exact similarity (bit for bit that of
    :func:`similarity_matrix`). Returns the pairs (sorted) and the number of candidate pairs
    examined.

    This loop is pure Python (about a microsecond per posting visited); from
    :data:`VECTORISED_MIN` vectors (or with ``vectorised=True``) the candidates come from
    :func:`_strong_pairs_vectorised` instead, with the same result.
    """
    if vectorised or (vectorised is None and len(vecs) >= VECTORISED_MIN):
        found = _strong_pairs_vectorised(vecs, dates, threshold)
        if found is not None:
            return found
    limit = threshold * (1 - 1e-6)  # margin for rounding in the bounds
    df: Counter[str] = Counter()
    maxw: dict[str, float] = {}
    for vec in vecs:
        df.update(vec.keys())
        for k, x in vec.items():
            if x > maxw.get(k, 0.0):
                maxw[k] = x
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    out: list[tuple[int, int, float]] = []
    bounds: list[float] = []
    prefixes: list[list[tuple[str, float]]] = []
    candidates = 0
    for j, vec in enumerate(vecs):
        acc: dict[int, float] = {}
        for k, x in vec.items():
            for i, w in postings.get(k, ()):
                acc[i] = acc.get(i, 0.0) + x * w
        candidates += len(acc)
        for i, partial in acc.items():
            if partial + bounds[i] < limit:
                continue
            for k, w in prefixes[i]:  # the dot product over y's left-out features
                if k in vec:
                    partial += vec[k] * w
            if partial < limit:  # the cosine, up to rounding: no need for the exact sum
                continue
            s = _cosine(vecs[i], vecs[j]) * date_factor(dates[i], dates[j])
            if s >= threshold:
                out.append((i, j, s))
        by_max = sq = bound = 0.0
        keys = sorted(vec, key=lambda k: (-df[k], k))
        cut = len(keys)
        for n, k in enumerate(keys):
            by_max += vec[k] * maxw[k]
            sq += vec[k] * vec[k]
            b = min(by_max, math.sqrt(sq))
            if b >= limit:
                cut = n
                break
            bound = b
        bounds.append(bound)
        prefixes.append([(k, vec[k]) for k in keys[:cut]])
        for k in keys[cut:]:
            postings[k].append((j, vec[k]))
    out.sort()
    return out, candidates


def average_link(sim: list[list[float]], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering of indices; clusters in order of first member.

    Dense reference, O(n^3): each merge rescans every pair of clusters and takes the best
    average similarity at or above ``threshold``; on a tie the last pair ``(a, b)``, ``a < b``,
    in scan order (the largest ``a``, then the largest ``b``) wins.
    """
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(sim))}
    # total similarity between clusters (sum over member pairs)
    total: dict[int, dict[int, float]] = {
        i: {j: sim[i][j] for j in range(len(sim)) if j != i} for i in range(len(sim))
    }
    while len(clusters) > 1:
        best, pair = threshold, None
        for a, row in total.items():
            for b, s in row.items():
                if a < b:
                    avg = s / (len(clusters[a]) * len(clusters[b]))
                    if avg >= best:
                        best, pair = avg, (a, b)
        if pair is None:
            break
        a, b = pair
        clusters[a].extend(clusters.pop(b))
        row_b = total.pop(b)
        for c in total:
            if c == a:
                continue
            merged = total[c].pop(b) + total[c][a]
            total[c][a] = merged
            total[a][c] = merged
        total[a].pop(b, None)
        del row_b
    return sorted((sorted(m) for m in clusters.values()), key=lambda m: m[0])


def average_link_sparse(graph: Sequence[dict[int, float]], threshold: float) -> list[list[int]]:
    """:func:`average_link` over a sparse similarity graph, with a heap.

    Same merges in the same order (best average first; on a tie the largest ``a``, then the
    largest ``b``, as the dense scan), for ``threshold > 0``: a missing pair has similarity
    0 and can never merge. Sums of merged clusters are added in the same order, so the
    averages are bit for bit the dense ones. Stale heap entries are skipped by a version
    number per cluster; a merge costs O(degree log n).
    """
    if threshold <= 0:
        n = len(graph)
        dense = [[graph[i].get(j, 0.0) for j in range(n)] for i in range(n)]
        return average_link(dense, threshold)
    size = [1] * len(graph)
    members: dict[int, list[int]] = {i: [i] for i in range(len(graph))}
    total: list[dict[int, float]] = [dict(row) for row in graph]
    version = [0] * len(graph)
    heap: list[tuple[float, int, int, int, int]] = []
    for a, row in enumerate(total):
        for b, s in row.items():
            if a < b and s >= threshold:
                heap.append((-s, -a, -b, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, na, nb, va, vb = heapq.heappop(heap)
        a, b = -na, -nb
        if version[a] != va or version[b] != vb or b not in members or a not in members:
            continue
        members[a].extend(members.pop(b))
        size[a] += size[b]
        version[a] += 1
        version[b] = -1
        row_a, row_b = total[a], total[b]
        row_a.pop(b, None)
        row_b.pop(a, None)
        for c, s_cb in row_b.items():
            row_c = total[c]
            del row_c[b]
            merged = s_cb + row_c[a] if a in row_c else s_cb
            row_c[a] = merged
            row_a[c] = merged
        total[b] = {}
        for c, s in row_a.items():
            avg = s / (size[a] * size[c])
            if avg >= threshold:
                lo, hi = (a, c) if a < c else (c, a)
                heapq.heappush(heap, (-avg, -lo, -hi, version[lo], version[hi]))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _story_groups(
    analyses: Sequence[Analysis] | Sequence[StoryUnit],
    threshold: float,
    vectors: Sequence[dict[str, float]] | None = None,
) -> list[list[int]]:
    """``average_link(similarity_matrix(analyses), threshold)``, without the n x n matrix.

    The average similarity of two clusters is at most the largest similarity of their
    members, so two clusters can only merge when some pair across them is a strong pair
    (:func:`strong_pairs`, similarity at least ``threshold``). The heap therefore holds
    only clusters linked by a strong pair, best average first, ties as in
    :func:`average_link` (largest first member of the first cluster, then of the second).

    The averages are bit for bit the dense ones: the dense version keeps, for every pair
    of live clusters, a total that a merge of ``a`` and ``b`` turns into ``total(c, b) +
    total(c, a)``. Here a merge makes a new node and the total of two nodes is computed on
    demand by the same recursion (split the newer node into the two it merged; two
    articles: their similarity), with a memo, only for the linked pairs.
    Only for ``threshold <= 0`` (everything may merge) the dense version runs. Takes the
    analyses or their :class:`StoryUnit` (the same groups).
    """
    units = [a if isinstance(a, StoryUnit) else story_unit(a) for a in analyses]
    vecs = vectors if vectors is not None else _vectors([u.features for u in units])
    dates = [u.published for u in units]
    if threshold <= 0:
        n = len(units)
        dense = [
            [
                1.0
                if i == j
                else _cosine(vecs[min(i, j)], vecs[max(i, j)])
                * date_factor(dates[min(i, j)], dates[max(i, j)])
                for j in range(n)
            ]
            for i in range(n)
        ]
        return average_link(dense, threshold)

    def sim(i: int, j: int) -> float:
        return _cosine(vecs[i], vecs[j]) * date_factor(dates[i], dates[j])

    strong, _ = strong_pairs(vecs, dates, threshold)
    return average_link_lazy(len(vecs), strong, sim, threshold)


def average_link_lazy(
    n: int,
    strong: Sequence[tuple[int, int, float]],
    sim: Callable[[int, int], float],
    threshold: float,
) -> list[list[int]]:
    """:func:`average_link` of ``n`` items from their strong pairs ``(i, j, sim(i, j))``.

    ``strong`` must hold every pair ``i < j`` with ``sim(i, j) >= threshold > 0``;
    ``sim(i, j)`` (``i < j``) gives any other similarity when an average needs it. See
    :func:`_story_groups`.
    """
    parts: list[tuple[int, int]] = []  # node n + k merged (kept, absorbed)
    low = list(range(n))  # first member: the dense version's cluster key
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, set[int]] = {i: set() for i in range(n)}
    memo: dict[tuple[int, int], float] = {}

    def total(x: int, y: int) -> float:
        """Sum of member similarities of nodes ``x`` and ``y``, as the dense version adds it."""
        first = (x, y) if x > y else (y, x)
        stack = [first]
        while stack:
            key = stack[-1]
            if key in memo:
                stack.pop()
                continue
            x, y = key  # x is the newer node
            if x < n:  # two articles
                memo[key] = sim(y, x)
                stack.pop()
                continue
            a, b = parts[x - n]
            ka = (a, y) if a > y else (y, a)
            kb = (b, y) if b > y else (y, b)
            todo = [k for k in (kb, ka) if k not in memo]
            if todo:
                stack += todo
                continue
            memo[key] = memo[kb] + memo[ka]
            stack.pop()
        return memo[first]

    heap: list[tuple[float, int, int, int, int]] = []
    for i, j, s in strong:
        links[i].add(j)
        links[j].add(i)
        memo[(j, i)] = s
        heap.append((-s, -i, -j, i, j))
    heapq.heapify(heap)
    while heap:
        _, _, _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one was merged since
        m = n + len(parts)
        parts.append((a, b))
        low.append(low[a])
        size.append(size[a] + size[b])
        members[m] = members.pop(a) + members.pop(b)
        linked = (links.pop(a) | links.pop(b)) - {a, b}
        links[m] = linked
        for c in linked:
            links[c] -= {a, b}
            links[c].add(m)
            avg = total(m, c) / (size[m] * size[c])
            if avg >= threshold:
                x, y = (m, c) if low[m] < low[c] else (c, m)
                heapq.heappush(heap, (-avg, -low[x], -low[y], x, y))
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def story_id(first_article: str) -> str:
    """The id of the story whose first article (in ingest order) is ``first_article``:
    ``s`` and 16 hex digits of its hash. Article ids are content hashes, so a story keeps
    its id when articles join it, across relinks and when the same files are ingested
    again; only a merge (the story of the earlier first article keeps its id) or a split
    (the part without the first article gets a new one) changes it, and those are
    recorded (:func:`story_changes`)."""
    return "s" + hashlib.blake2b(first_article.encode("utf-8"), digest_size=8).hexdigest()


def story_changes(
    previous: Sequence[Story], stories: Sequence[Story]
) -> list[tuple[str, str, str]]:
    """How the stories ``previous`` became ``stories``: ``(story id, previous story id,
    kind)`` rows, ``kind`` ``"merge"`` when a story holds the articles of several previous
    stories (a row for each of them) and ``"split"`` when the articles of one previous
    story are in several stories now (a row for each of them). Articles that joined or
    left are no change; a story that only grew is not recorded."""
    before = {a: s.id for s in previous for a in s.articles}
    came_from: dict[str, set[str]] = {}
    went_to: defaultdict[str, set[str]] = defaultdict(set)
    for s in stories:
        came_from[s.id] = {before[a] for a in s.articles if a in before}
        for old in came_from[s.id]:
            went_to[old].add(s.id)
    rows: set[tuple[str, str, str]] = set()
    for sid, olds in came_from.items():
        if len(olds) > 1:
            rows.update((sid, old, "merge") for old in olds)
        rows.update((sid, old, "split") for old in olds if len(went_to[old]) > 1)
    return sorted(rows)


def cluster_stories(
    analyses: Sequence[Analysis],
    copies: Sequence[CopyLink] | None = None,
    threshold: float = STORY_THRESHOLD,
) -> list[Story]:
    """Group articles into stories; ``copies`` defaults to :func:`.dedupe.find_copies`."""
    links = list(copies) if copies is not None else find_copies(analyses)
    return stories_of_units([story_unit(a) for a in analyses], links, threshold)


def stories_of_units(
    units: Sequence[StoryUnit],
    copies: Sequence[CopyLink],
    threshold: float = STORY_THRESHOLD,
    vectors: Sequence[dict[str, float]] | None = None,
) -> list[Story]:
    """:func:`cluster_stories` from the :class:`StoryUnit` of every article (in ingest
    order) instead of their analyses: the same stories. ``vectors``, when given, are the
    :func:`feature_vector` of the units that are not copies, in order (the units' own
    features are then not read, so they may be empty).

    Document frequencies count every article, copies included (:func:`corpus_weights`):
    a count that only grows as articles are stored, so the store keeps it as rows updated
    at ingest (``story_df``) and a link that re-clusters only the stories new articles can
    touch weighs features exactly as a full relink does."""
    roots = root_originals(copies)
    index = {u.id: i for i, u in enumerate(units)}
    heads = [i for i, u in enumerate(units) if u.id not in roots]
    if vectors is None:
        df, n = corpus_weights(u.features for u in units)
        vectors = [feature_vector(units[i].features, df, n) for i in heads]
    members: dict[int, list[int]] = {i: [i] for i in heads}
    for i, u in enumerate(units):
        if u.id in roots:
            members[index[roots[u.id]]].append(i)
    groups = _story_groups([units[i] for i in heads], threshold, vectors)
    copy_ids = {link.article for link in copies}  # in-corpus and wire copies
    stories: list[Story] = []
    for group in groups:
        idx = sorted(i for g in group for i in members[heads[g]])
        ids = [units[i].id for i in idx]
        shared: Counter[str] = Counter()
        for i in idx:
            shared.update(units[i].entities)
        ents = [name for name, _ in shared.most_common() if shared[name] > 1 or len(idx) == 1]
        title = next((units[i].title for i in idx if units[i].title), None)
        stories.append(
            Story(
                id=story_id(ids[0]),
                articles=ids,
                title=title,
                entities=ents[:10],
                copies=[x for x in ids if x in copy_ids],
            )
        )
    return stories
