"""Claim clusters across the articles of a story, their corroboration, and contradictions.

Two claims of different articles in one story are the same claim when

* an event of each has the same structure: actor name, PLOVER type and target name
  (by their name keys, :func:`~reportedly.text.keys.name_key`; events without an actor,
  type or target do not link), or
* their texts share at least :data:`TEXT_JACCARD` of their content words
  (stopwords removed, see :func:`.stories.content_words`).

Clusters are the connected components of that relation.

Corroboration is the number of independent source chains in a cluster. A claim's
chain is the names of its sources beyond the outlet (``Source.level >= 1``, in level
order); a claim the outlet makes in its own voice has the chain ``[outlet]``. Copies
never add a chain: a copy speaks with the voice of its original (the original article's
outlet, or the wire service it credits), and its cited sources are the original's.
Chains that share a named (non-anonymous) source (the same name key) are one chain: two
outlets both citing "Reuters" count once, and so do a Reuters copy and an outlet citing
Reuters.
An anonymous-only chain ("officials said") is independent only per voice (outlet).

Contradictions: two claims of one cluster, from different articles, with opposite
polarity (``"polarity"``), or one ``denied`` and the other not (``"denial"``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from ..records import Analysis, Claim
from ..text.keys import name_key
from .dedupe import find_copies, root_originals
from .records import WIRE_PREFIX, ClaimCluster, Contradiction, CopyLink, Story
from .stories import cluster_stories, content_words

#: Jaccard similarity of content words at and above which two claim texts are the same claim.
TEXT_JACCARD = 0.5

ClaimRef = tuple[str, str]  # (article id, claim id)


def voices(analyses: Sequence[Analysis], links: Sequence[CopyLink]) -> dict[str, str]:
    """Article id -> the voice it speaks with (outlet of its root original, or its wire)."""
    roots = root_originals(links)
    wire_of = {
        link.article: link.original[len(WIRE_PREFIX) :]
        for link in links
        if link.original.startswith(WIRE_PREFIX)
    }
    by_id = {a.article.id: a for a in analyses}
    out: dict[str, str] = {}
    for a in analyses:
        root = roots.get(a.article.id, a.article.id)
        if root in wire_of:
            out[a.article.id] = wire_of[root]
        else:
            art = by_id[root].article if root in by_id else a.article
            out[a.article.id] = art.outlet or f"article {art.id}"
    return out


def claim_chains(claim: Claim, voice: str) -> list[str]:
    """The source chain of ``claim`` beyond the outlet, or ``[voice]`` when asserted."""
    cited = sorted((s for s in claim.source_chain if s.level >= 1), key=lambda s: s.level)
    return [s.name for s in cited] if cited else [voice]


Chain = tuple[Sequence[str], Sequence[str], str]  # (named sources, anonymous sources, voice)


def independent_groups(chains: Sequence[Chain]) -> list[list[int]]:
    """Group chains that are not independent of each other; indices, in order.

    A chain is the voice that publishes a claim (the outlet, or the original of a copy)
    followed by the sources it cites. Two chains share a link, and count once, when they
    name the same source, come from the same voice (copies of one story; one outlet's
    reports), or when one cites the other's voice ("..., The Week reported" and The Week's
    own article). Anonymous sources link only through their voice ("officials" of two
    outlets are two chains).
    """
    parent = list(range(len(chains)))
    owner: dict[str, int] = {}
    for i, (named, _anonymous, voice) in enumerate(chains):
        for key in {name_key(n) for n in [voice, *named]}:
            j = owner.setdefault(key, i)
            ri, rj = find(i, parent), find(j, parent)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(chains)):
        groups.setdefault(find(i, parent), []).append(i)
    return [groups[k] for k in sorted(groups)]


def _independent(chains: Sequence[Chain]) -> list[list[str]]:
    """One chain (its first member's sources) per independent group."""
    return [
        [*chains[g[0]][0], *chains[g[0]][1]] or [chains[g[0]][2]]
        for g in independent_groups(chains)
    ]


def find(i: int, parent: list[int]) -> int:
    """Union-find root of ``i`` (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(i: int, j: int, parent: list[int]) -> None:
    ri, rj = find(i, parent), find(j, parent)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _roots(analyses: Sequence[Analysis], links: Sequence[CopyLink]) -> dict[str, str]:
    """Article id -> id of the root original of its copy group (itself when not a copy)."""
    roots = root_originals(links)
    return {a.article.id: roots.get(a.article.id, a.article.id) for a in analyses}


def _event_keys(analysis: Analysis) -> dict[str, set[tuple[str, str, str]]]:
    keys: dict[str, set[tuple[str, str, str]]] = {}
    for ev in analysis.events:
        if ev.actor is None or ev.target is None or not ev.plover:
            continue
        key = (name_key(ev.actor.name), ev.plover, name_key(ev.target.name))
        keys.setdefault(ev.claim, set()).add(key)
    return keys


def _candidate_pairs(
    words: Sequence[set[str]], events: Sequence[set[tuple[str, str, str]]], text_jaccard: float
) -> list[tuple[int, int]]:
    """Pairs ``i < j`` of claims that can be the same claim, in order.

    Two claims with no event key and no content word in common have a Jaccard of 0, so
    (for ``text_jaccard > 0``) only pairs sharing a word or an event key are candidates;
    they come from an inverted index. A copy and its original are the same claim only
    with the same text, whose words are then shared, or with no content word at all:
    claims without words are paired with every other claim. The connected components
    built from these pairs are those of all pairs.
    """
    n = len(words)
    if text_jaccard <= 0:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    index: dict[object, list[int]] = {}
    for i in range(n):
        for key in (*words[i], *events[i]):
            index.setdefault(key, []).append(i)
    empty = [i for i in range(n) if not words[i]]
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                pairs.add((i, j))
    for i in empty:
        for j in range(n):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def cluster_claims(
    analyses: Sequence[Analysis],
    stories: Sequence[Story] | None = None,
    copies: Sequence[CopyLink] | None = None,
    text_jaccard: float = TEXT_JACCARD,
) -> list[ClaimCluster]:
    """Claim clusters (singletons included) with their independent chains and statuses."""
    links = list(copies) if copies is not None else find_copies(analyses)
    story_list = list(stories) if stories is not None else cluster_stories(analyses, links)
    by_id = {a.article.id: a for a in analyses}
    voice_of = voices(analyses, links)
    roots = _roots(analyses, links)
    clusters: list[ClaimCluster] = []
    for story in story_list:
        refs: list[ClaimRef] = []
        claims: list[Claim] = []
        words: list[set[str]] = []
        events: list[set[tuple[str, str, str]]] = []
        for aid in story.articles:
            a = by_id[aid]
            ev_keys = _event_keys(a)
            for c in a.claims:
                refs.append((aid, c.id))
                claims.append(c)
                words.append(set(content_words(c.text)))
                events.append(ev_keys.get(c.id, set()))
        parent = list(range(len(refs)))
        for i, j in _candidate_pairs(words, events, text_jaccard):
            if refs[i][0] == refs[j][0] or find(i, parent) == find(j, parent):
                continue
            if roots[refs[i][0]] == roots[refs[j][0]]:
                # a copy and its original: only the same sentence is the same claim
                same = " ".join(claims[i].text.split()) == " ".join(claims[j].text.split())
                if same:
                    _union(i, j, parent)
                continue
            same = bool(events[i] & events[j])
            if not same and words[i] and words[j]:
                same = len(words[i] & words[j]) / len(words[i] | words[j]) >= text_jaccard
            if same:
                _union(i, j, parent)
        groups: dict[int, list[int]] = {}
        for i in range(len(refs)):
            groups.setdefault(find(i, parent), []).append(i)
        for members in groups.values():
            chains = []
            for i in members:
                c = claims[i]
                voice = voice_of[refs[i][0]]
                cited = sorted((s for s in c.source_chain if s.level >= 1), key=lambda s: s.level)
                named = [s.name for s in cited if s.kind != "anonymous"]
                anonymous = [s.name for s in cited if s.kind == "anonymous"]
                if not cited:
                    named = [voice]
                chains.append((named, anonymous, voice))
            independent = _independent(chains)
            clusters.append(
                ClaimCluster(
                    id=f"{story.id}.k{len(clusters) + 1}",
                    story=story.id,
                    claims=[refs[i] for i in members],
                    chains=independent,
                    corroboration=len(independent),
                    statuses=dict(Counter(claims[i].status for i in members)),
                    text=claims[members[0]].text,
                )
            )
    return clusters


def find_contradictions(
    analyses: Sequence[Analysis],
    clusters: Sequence[ClaimCluster],
    copies: Sequence[CopyLink] = (),
) -> list[Contradiction]:
    """Pairs of claims in one cluster (different articles) with opposite polarity or a denial.

    A copy repeats its original, so a copy's claim against the same claim is left out once
    its original's is listed (given the ``copies`` links)."""
    claim_of = {(a.article.id, c.id): c for a in analyses for c in a.claims}
    roots = _roots(analyses, copies)
    out: list[Contradiction] = []
    for cluster in clusters:
        refs = cluster.claims
        seen: set[tuple[str, str, str]] = set()
        for i, ra in enumerate(refs):
            for rb in refs[i + 1 :]:
                if ra[0] == rb[0]:
                    continue
                a, b = claim_of[ra], claim_of[rb]
                if (a.status == "denied") != (b.status == "denied"):
                    reason: Literal["polarity", "denial"] = "denial"
                elif a.polarity != b.polarity:
                    reason = "polarity"
                else:
                    continue
                pair = sorted([roots.get(ra[0], ra[0]), roots.get(rb[0], rb[0])])
                key = (pair[0], pair[1], reason)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Contradiction(cluster.id, ra, rb, reason))
    return out


def link_claims(
    analyses: Sequence[Analysis],
    stories: Sequence[Story] | None = None,
    copies: Sequence[CopyLink] | None = None,
) -> tuple[list[ClaimCluster], list[Contradiction]]:
    """Claim clusters and the contradictions inside them."""
    links = list(copies) if copies is not None else find_copies(analyses)
    clusters = cluster_claims(analyses, stories, links)
    return clusters, find_contradictions(analyses, clusters, links)
