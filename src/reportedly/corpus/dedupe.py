"""Exact and near-duplicate copies (syndication).

* Exact copies share :attr:`Article.content_hash` (the text with whitespace normalised).
* Near-duplicates: word 5-shingles of the lower-cased text. Candidate pairs come from
  prefix filtering (exact: two sets with Jaccard >= t share one of their smallest
  hashes) up to :data:`EXACT_LIMIT` articles, and from MinHash (128 permutations) with
  LSH at :data:`NEAR_THRESHOLD` above it (``datasketch``; without it every pair is
  compared). Each candidate is verified with the exact Jaccard similarity (>= ``threshold``).
* Wire copies: an article whose dateline credits a wire service ("NEW YORK (Reuters) -")
  is a copy of that wire story even when the wire original is not in the corpus;
  its :class:`CopyLink` then has ``original="wire:Reuters"`` and ``kind="wire"``.

Copies form groups (connected components of the copy pairs); the original of a group
is its earliest-published article, the first seen among equals or undated ones.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from ..records import Analysis
from ..text.datelines import WIRE_DATELINE
from .records import WIRE_PREFIX, CopyLink

#: Jaccard similarity of word 5-shingles at and above which two texts are copies.
NEAR_THRESHOLD = 0.8
SHINGLE = 5
NUM_PERM = 128
#: Up to this many articles, candidate pairs come from exact prefix filtering; above it,
#: from MinHash/LSH.
EXACT_LIMIT = 5000

WIRES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "upi": "UPI",
}

_WORD = re.compile(r"\w+", re.UNICODE)


def wire_credit(text: str) -> str | None:
    """The wire service credited in the dateline of ``text`` ("Reuters"), or None."""
    m = WIRE_DATELINE.match(text.lstrip()[:120])  # "WASHINGTON (AP) —"
    if m is None:
        return None
    return WIRES.get(m.group("wire").strip().lower())


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Word ``k``-shingles of the lower-cased text (the whole text when shorter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _date_key(analysis: Analysis) -> str:
    return (analysis.article.published or "")[:10] or "9999-99-99"


@functools.lru_cache(maxsize=20000)
def _profile(text: str, threshold: float) -> tuple[frozenset[str], tuple[int, ...]]:
    """The text's shingles, and its prefix for ``threshold``: the smallest shingle hashes,
    enough that two sets with Jaccard >= ``threshold`` must share one (prefix filtering).
    Cached, so the same articles asked about again cost nothing."""
    sh = frozenset(shingles(text))
    ordered = sorted(hash(x) for x in sh)
    keep = len(ordered) - math.ceil(threshold * len(ordered)) + 1
    return sh, tuple(ordered[: max(keep, 1)])


def _prefix_pairs(
    profiles: list[tuple[frozenset[str], tuple[int, ...]]], threshold: float
) -> set[tuple[int, int]]:
    """Every pair that can reach ``threshold`` (exact: sharing a prefix hash, sizes close)."""
    by_token: dict[int, list[int]] = {}
    for i, (_, prefix) in enumerate(profiles):
        for tok in prefix:
            by_token.setdefault(tok, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_token.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                lo, hi = sorted((len(profiles[i][0]), len(profiles[j][0])))
                if hi and lo >= threshold * hi:
                    pairs.add((i, j))
    return pairs


def _candidate_pairs(
    texts: list[str], sets: list[frozenset[str]], threshold: float
) -> set[tuple[int, int]]:
    if len(sets) <= EXACT_LIMIT:
        return _prefix_pairs([_profile(t, threshold) for t in texts], threshold)
    try:
        from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]
    except ImportError:
        return {(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = []
    for i, s in enumerate(sets):
        mh = MinHash(num_perm=NUM_PERM)
        for sh in s:
            mh.update(sh.encode("utf-8"))
        hashes.append(mh)
        lsh.insert(str(i), mh)
    pairs: set[tuple[int, int]] = set()
    for i, mh in enumerate(hashes):
        for key in lsh.query(mh):
            j = int(key)
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def find_copies(analyses: Sequence[Analysis], threshold: float = NEAR_THRESHOLD) -> list[CopyLink]:
    """One :class:`CopyLink` per article that is a copy, in input order."""
    n = len(analyses)
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
    texts = [a.article.text for a in analyses]
    sets = [_profile(t, threshold)[0] for t in texts]
    for i, j in sorted(_candidate_pairs(texts, sets, threshold)):
        if find(i) != find(j) and jaccard(sets[i], sets[j]) >= threshold:
            union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return _group_links(analyses, list(groups.values()), sets)


def copy_links(analyses: Sequence[Analysis], pairs: Iterable[tuple[str, str]]) -> list[CopyLink]:
    """The links :func:`find_copies` gives for ``analyses`` when ``pairs`` (article ids) are
    already known to be the copy pairs among them (a store's copy index): the copy groups
    are their connected components."""
    at = {a.article.id: i for i, a in enumerate(analyses)}
    parent = list(range(len(analyses)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ri, rj = find(at[a]), find(at[b])
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(analyses)):
        groups.setdefault(find(i), []).append(i)
    return _group_links(analyses, list(groups.values()), None)


def _group_links(
    analyses: Sequence[Analysis],
    groups: Sequence[Sequence[int]],
    sets: Sequence[AbstractSet[str]] | None,
) -> list[CopyLink]:
    """One link per copy of each group (to its earliest-published member, the first given
    among equals), one per original whose dateline credits a wire, in input order;
    ``sets`` are the articles' shingles when already made."""
    links: list[CopyLink] = []
    for members in groups:
        original = min(members, key=lambda i: (_date_key(analyses[i]), i))
        orig = analyses[original].article
        orig_sh = sets[original] if sets is not None else None
        for i in members:
            if i == original:
                continue
            art = analyses[i].article
            exact = art.content_hash == orig.content_hash
            if exact:
                sim = 1.0
            elif sets is not None and orig_sh is not None:
                sim = jaccard(sets[i], orig_sh)
            else:
                sim = jaccard(shingles(art.text), shingles(orig.text))
            links.append(
                CopyLink(art.id, orig.id, round(sim, 4), exact, "exact" if exact else "near")
            )
        wire = wire_credit(orig.text)
        if wire is not None:
            links.append(CopyLink(orig.id, WIRE_PREFIX + wire, 1.0, False, "wire"))
    order = {a.article.id: i for i, a in enumerate(analyses)}
    links.sort(key=lambda link: order.get(link.article, len(analyses)))
    return links


def originals(links: Sequence[CopyLink]) -> dict[str, str]:
    """Article id -> id of the in-corpus original it copies (wire links left out)."""
    return {
        link.article: link.original for link in links if not link.original.startswith(WIRE_PREFIX)
    }


def root_originals(links: Sequence[CopyLink]) -> dict[str, str]:
    """Copy id -> the first original of its chain of copies (a copy of a copy goes back
    to the original; a cycle stops where it closes). Articles that copy nothing are not
    keys: their root is themselves."""
    orig_of = originals(links)
    roots: dict[str, str] = {}
    for copy in orig_of:
        root, seen = copy, {copy}
        while root in orig_of and orig_of[root] not in seen:
            root = orig_of[root]
            seen.add(root)
        roots[copy] = root
    return roots
