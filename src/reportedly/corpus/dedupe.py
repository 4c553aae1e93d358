"""Exact and near-duplicate copies (syndication).

* Exact copies share :attr:`Article.content_hash` (the text with whitespace normalised).
* Near-duplicates: word 5-shingles of the lower-cased text, MinHash (128 permutations)
  with LSH at :data:`NEAR_THRESHOLD` to find candidate pairs, each candidate then
  verified with the exact Jaccard similarity of the shingle sets (>= ``threshold``).
  MinHash/LSH comes from ``datasketch`` when it is importable; without it every
  pair is compared exactly (fine for a few hundred articles).
* Wire copies: an article whose dateline credits a wire service ("NEW YORK (Reuters) -")
  is a copy of that wire story even when the wire original is not in the corpus;
  its :class:`CopyLink` then has ``original="wire:Reuters"`` and ``kind="wire"``.

Copies form groups (connected components of the copy pairs); the original of a group
is its earliest-published article, the first seen among equals or undated ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Analysis
from .records import WIRE_PREFIX, CopyLink

#: Jaccard similarity of word 5-shingles at and above which two texts are copies.
NEAR_THRESHOLD = 0.8
SHINGLE = 5
NUM_PERM = 128

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
# "(Reuters) -", "WASHINGTON (AP) —", "LONDON, Nov 18 (Reuters) -" at the start of the body
_DATELINE = re.compile(
    r"^\W{0,3}(?:[A-Z][\w .,'’/-]{0,60}?\s)?\((?P<wire>[A-Za-z][A-Za-z .-]{0,30})\)\s*[-—–:]",
)


def wire_credit(text: str) -> str | None:
    """The wire service credited in the dateline of ``text`` ("Reuters"), or None."""
    m = _DATELINE.match(text.lstrip()[:120])
    if m is None:
        return None
    return WIRES.get(m.group("wire").strip().lower())


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Word ``k``-shingles of the lower-cased text (the whole text when shorter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _date_key(analysis: Analysis) -> str:
    return (analysis.article.published or "")[:10] or "9999-99-99"


def _candidate_pairs(sets: list[set[str]], threshold: float) -> set[tuple[int, int]]:
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
    sets = [shingles(a.article.text) for a in analyses]
    for i, j in sorted(_candidate_pairs(sets, threshold)):
        if find(i) != find(j) and jaccard(sets[i], sets[j]) >= threshold:
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
            sim = 1.0 if exact else jaccard(sets[i], sets[original])
            links.append(
                CopyLink(art.id, orig.id, round(sim, 4), exact, "exact" if exact else "near")
            )
        wire = wire_credit(orig.text)
        if wire is not None:
            links.append(CopyLink(orig.id, WIRE_PREFIX + wire, 1.0, False, "wire"))
    order = {a.article.id: i for i, a in enumerate(analyses)}
    links.sort(key=lambda link: order.get(link.article, n))
    return links


def originals(links: Sequence[CopyLink]) -> dict[str, str]:
    """Article id -> id of the in-corpus original it copies (wire links left out)."""
    return {
        link.article: link.original for link in links if not link.original.startswith(WIRE_PREFIX)
    }
