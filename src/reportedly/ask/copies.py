"""Copy links among a question's candidate articles, without MinHash.

:func:`reportedly.corpus.dedupe.find_copies` builds MinHash signatures and an LSH index
(tuned with numerical integration) on every call: right for a corpus, but ~4 ms an article,
too slow for the tens to hundreds of candidates of one question. This finds the same
links with an exact set-similarity join instead: each article's word 5-shingles are hashed
and sorted, and two articles can only reach Jaccard >= t if they share one of the first
``|s| - ceil(t * |s|) + 1`` hashes of either (prefix filtering), so only pairs sharing a
prefix hash are compared (size filter, then the exact Jaccard of the hashed sets). Groups,
originals and wire credits follow find_copies' rules. Hashed shingles are cached by
content hash across questions"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence

from ..corpus.dedupe import NEAR_THRESHOLD, find_copies, shingles, wire_credit
from ..corpus.records import WIRE_PREFIX, CopyLink
from ..records import Analysis

__all__ = ["copies"]

#: Above this many articles, use the MinHash/LSH path of find_copies.
EXACT_LIMIT = 5000
_CACHE_SIZE = 20000
_shingles: OrderedDict[str, tuple[frozenset[int], tuple[int, ...]]] = OrderedDict()


def _sets(a: Analysis, threshold: float) -> tuple[frozenset[int], tuple[int, ...]]:
    """The article's hashed shingles, and its prefix: the smallest hashes, enough that two
    sets with Jaccard >= ``threshold`` must share one (prefix filtering)."""
    key = f"{a.article.content_hash}:{threshold}"
    got = _shingles.get(key)
    if got is None:
        hashed = frozenset(hash(sh) for sh in shingles(a.article.text))
        ordered = sorted(hashed)
        keep = len(ordered) - math.ceil(threshold * len(ordered)) + 1
        got = (hashed, tuple(ordered[: max(keep, 1)]))
        _shingles[key] = got
        if len(_shingles) > _CACHE_SIZE:
            _shingles.popitem(last=False)
    else:
        _shingles.move_to_end(key)
    return got


def _date_key(analysis: Analysis) -> str:
    return (analysis.article.published or "")[:10] or "9999-99-99"


def copies(analyses: Sequence[Analysis], threshold: float = NEAR_THRESHOLD) -> list[CopyLink]:
    """One CopyLink per article that is a copy, as :func:`find_copies` gives them."""
    n = len(analyses)
    if n > EXACT_LIMIT:
        return find_copies(analyses, threshold)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_hash: dict[str, int] = {}
    for i, a in enumerate(analyses):
        first = by_hash.setdefault(a.article.content_hash, i)
        if first != i:
            union(first, i)
    data = [_sets(a, threshold) for a in analyses]
    sets = [d[0] for d in data]
    by_token: dict[int, list[int]] = {}
    for i, (_, prefix) in enumerate(data):
        for tok in prefix:
            by_token.setdefault(tok, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_token.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((i, j))
    for i, j in sorted(pairs):
        lo, hi = sorted((len(sets[i]), len(sets[j])))
        if hi == 0 or lo < threshold * hi or find(i) == find(j):
            continue
        if len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold:
            union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    links: list[CopyLink] = []
    for members in groups.values():
        original = min(members, key=lambda i: (_date_key(analyses[i]), i))
        orig = analyses[original].article
        for i in members:
            if i == original:
                continue
            art = analyses[i].article
            exact = art.content_hash == orig.content_hash
            sim = 1.0 if exact else len(sets[i] & sets[original]) / len(sets[i] | sets[original])
            links.append(
                CopyLink(art.id, orig.id, round(sim, 4), exact, "exact" if exact else "near")
            )
        wire = wire_credit(orig.text)
        if wire is not None:
            links.append(CopyLink(orig.id, WIRE_PREFIX + wire, 1.0, False, "wire"))
    order = {a.article.id: i for i, a in enumerate(analyses)}
    links.sort(key=lambda link: order.get(link.article, n))
    return links
