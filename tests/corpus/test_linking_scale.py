"""Sparse story and claim linking equal the straightforward all-pairs versions they replace.

The oracles below are the dense algorithms as they were: an n x n similarity matrix and an
average link that rescans every pair of clusters at each merge; claim clusters over all
pairs of claims of a story.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.corpus import cluster_claims, cluster_stories, find_copies
from reportedly.corpus.corroborate import find
from reportedly.corpus.records import Story
from reportedly.corpus.stories import (
    _cosine,
    _story_groups,
    _vectors,
    average_link_lazy,
    average_link_sparse,
    date_factor,
    features,
    similarity_graph,
    story_id,
    strong_pairs,
)
from reportedly.records import Actor, Analysis, Article, Claim, Entity, Event, Mention


def dense_similarity(analyses: list[Analysis]) -> list[list[float]]:
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


def dense_average_link(sim: list[list[float]], threshold: float) -> list[list[int]]:
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(sim))}
    total = {i: {j: sim[i][j] for j in range(len(sim)) if j != i} for i in range(len(sim))}
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
        total.pop(b)
        for c in total:
            if c != a:
                total[c][a] = total[a][c] = total[c].pop(b) + total[c][a]
        total[a].pop(b, None)
    return sorted((sorted(m) for m in clusters.values()), key=lambda m: m[0])


WORDS = [
    *("minister", "rebel", "capital", "army", "election", "vote", "court", "ruling"),
    *("storm", "flood", "comet", "telescope", "budget", "deficit", "strike", "union"),
    *("harbour", "stadium", "final", "penalty", "border", "treaty"),
]
NAMES = ["Assad", "Damascus", "Khamenei", "Trump", "Harbour City", "Kestrel Observatory"]


def random_analysis(rng: random.Random, k: int) -> Analysis:
    text = " ".join(rng.choice(WORDS[: rng.randint(4, len(WORDS))]) for _ in range(30))
    entities = [
        Entity(
            id=f"e{n}",
            canonical=name,
            type="PLACE" if name == "Damascus" else "PERSON",
            mentions=[Mention(name, 0, 1)] * rng.randint(1, 3),
        )
        for n, name in enumerate(rng.sample(NAMES, rng.randint(0, 3)))
    ]
    day = rng.choice([None, "2024-12-01", "2024-12-03", "2024-12-20", "2025-03-01"])
    return Analysis(
        article=Article(text=text, id=f"a{k}", title=" ".join(rng.sample(WORDS, 3)), published=day),
        entities=entities,
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.9]), min_size=12, max_size=12),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([0.05, 0.2, 0.25, 0.4]),
)
def test_heap_average_link_equals_dense(rows: list[list[float]], threshold: float) -> None:
    n = len(rows)
    sim = [[1.0 if i == j else rows[min(i, j)][max(i, j)] for j in range(n)] for i in range(n)]
    graph = [{j: sim[i][j] for j in range(n) if j != i and sim[i][j]} for i in range(n)]
    assert average_link_sparse(graph, threshold) == dense_average_link(sim, threshold)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.9]), min_size=12, max_size=12),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([0.05, 0.2, 0.25, 0.4]),
)
def test_lazy_average_link_equals_dense(rows: list[list[float]], threshold: float) -> None:
    n = len(rows)
    sim = [[1.0 if i == j else rows[min(i, j)][max(i, j)] for j in range(n)] for i in range(n)]
    strong = [
        (i, j, sim[i][j]) for i in range(n) for j in range(i + 1, n) if sim[i][j] >= threshold
    ]
    got = average_link_lazy(n, strong, lambda i, j: sim[i][j], threshold)
    assert got == dense_average_link(sim, threshold)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 25), st.sampled_from([0.05, 0.1, 0.2, 0.3]))
def test_story_groups_equal_dense(seed: int, n: int, threshold: float) -> None:
    rng = random.Random(seed)
    analyses = [random_analysis(rng, k) for k in range(n)]
    sim = dense_similarity(analyses)
    graph = similarity_graph(analyses)
    for i in range(n):  # bit for bit the dense values, zeros left out
        assert graph[i] == {j: sim[i][j] for j in range(n) if j != i and sim[i][j]}
    vecs = _vectors([features(a) for a in analyses])
    dates = [a.article.published for a in analyses]
    expected = [
        (i, j, sim[i][j]) for i in range(n) for j in range(i + 1, n) if sim[i][j] >= threshold
    ]
    for vectorised in (False, True):
        pairs, _ = strong_pairs(vecs, dates, threshold, vectorised=vectorised)
        assert pairs == expected
    assert _story_groups(analyses, threshold) == dense_average_link(sim, threshold)


def test_corpus_fixture_stories_equal_dense(corpus: list[Analysis]) -> None:
    links = find_copies(corpus)
    copy_ids = {link.article for link in links}
    units = [a for a in corpus if a.article.id not in copy_ids]
    for threshold in (0.05, 0.1, 0.2, 0.3):
        assert _story_groups(units, threshold) == dense_average_link(
            dense_similarity(units), threshold
        )
    stories = cluster_stories(corpus, links)
    assert [s.id for s in stories] == [story_id(s.articles[0]) for s in stories]


def dense_claim_groups(analyses: list[Analysis], story: Story) -> list[list[tuple[str, str]]]:
    """Connected components of the same-claim relation over all pairs (no copies)."""
    from reportedly.corpus.stories import content_words

    refs = [(a.article.id, c) for a in analyses if a.article.id in story.articles for c in a.claims]
    keys: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for a in analyses:
        for ev in a.events:
            if ev.actor and ev.target and ev.plover:
                key = (ev.actor.name.casefold(), ev.plover, ev.target.name.casefold())
                keys.setdefault((a.article.id, ev.claim), set()).add(key)
    parent = list(range(len(refs)))
    for i in range(len(refs)):
        for j in range(i + 1, len(refs)):
            (ai, ci), (aj, cj) = refs[i], refs[j]
            if ai == aj:
                continue
            wi, wj = set(content_words(ci.text)), set(content_words(cj.text))
            same = bool(keys.get((ai, ci.id), set()) & keys.get((aj, cj.id), set()))
            if not same and wi and wj:
                same = len(wi & wj) / len(wi | wj) >= 0.5
            if same:
                ri, rj = find(i, parent), find(j, parent)
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[tuple[str, str]]] = {}
    for i, (aid, c) in enumerate(refs):
        groups.setdefault(find(i, parent), []).append((aid, c.id))
    return list(groups.values())


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 5))
def test_claim_clusters_equal_all_pairs(seed: int, n: int) -> None:
    rng = random.Random(seed)
    analyses = []
    for k in range(n):
        claims, events = [], []
        for m in range(rng.randint(0, 6)):
            text = " ".join(rng.choice(WORDS[:8]) for _ in range(rng.randint(0, 5))) or "Yes."
            claims.append(Claim(f"c{m}", text, 0, 1, "asserted", 0, 1))
            if rng.random() < 0.3:
                events.append(
                    Event(
                        id=f"v{m}",
                        claim=f"c{m}",
                        text="met",
                        start=0,
                        end=1,
                        actor=Actor(name=rng.choice(NAMES[:2])),
                        target=Actor(name=rng.choice(NAMES[2:4])),
                        plover="CONSULT",
                    )
                )
        analyses.append(
            Analysis(
                article=Article(text=f"t{k}", id=f"a{k}", outlet=f"o{k}"),
                claims=claims,
                events=events,
            )
        )
    story = Story(id="s1", articles=[a.article.id for a in analyses])
    got = [c.claims for c in cluster_claims(analyses, [story], copies=[])]
    assert got == dense_claim_groups(analyses, story)


def test_corpus_fixture_claims_equal_all_pairs(corpus: list[Analysis]) -> None:
    stories = cluster_stories(corpus, [])
    got = [c.claims for c in cluster_claims(corpus, stories, copies=[])]
    expected = [g for s in stories for g in dense_claim_groups(corpus, s)]
    assert got == expected


def test_story_candidates_are_blocked_by_the_time_window() -> None:
    """Articles on the same happening more than STORY_WINDOW_DAYS apart are two stories;
    within the window, or undated, one (the sparse product and the pure loop agree)."""
    from reportedly.corpus.stories import StoryUnit, stories_of_units
    from reportedly.settings import STORY_WINDOW_DAYS

    def unit(k: int, day: str | None) -> StoryUnit:
        feats = {"e:harbour city": 1.0, "t:ferry": 1.0, "b:ferry": 1.5, "b:pier": 1.0}
        feats[f"b:only{k}"] = 1.0
        return StoryUnit(f"a{k}", day, "Ferry", ("Harbour City",), feats)

    base = date(2024, 12, 1)
    far = (base + timedelta(days=STORY_WINDOW_DAYS + 1)).isoformat()
    near = (base + timedelta(days=STORY_WINDOW_DAYS)).isoformat()
    filler = [unit(k, None) for k in range(10, 14)]  # other articles, so the IDF is not 0
    for k, f in enumerate(filler):
        f.features.pop("e:harbour city")
        f.features[f"b:other{k % 2}"] = 1.0
    apart = stories_of_units([unit(1, base.isoformat()), unit(2, far), *filler], [])
    assert [s.articles for s in apart if "a1" in s.articles] == [["a1"]]
    close = stories_of_units([unit(1, base.isoformat()), unit(2, near), *filler], [])
    assert [s.articles for s in close if "a1" in s.articles] == [["a1", "a2"]]
    vecs = _vectors([unit(k, None).features for k in range(40)])
    days = [(base + timedelta(days=3 * k)).isoformat() if k % 5 else None for k in range(40)]
    pure, _ = strong_pairs(vecs, days, 0.2, vectorised=False)
    assert strong_pairs(vecs, days, 0.2, vectorised=True)[0] == pure
    assert all(date_factor(days[i], days[j]) > 0 for i, j, _ in pure)
    assert any(days[i] and days[j] for i, j, _ in pure)


def test_packed_vectors_read_back_as_the_dicts_they_were() -> None:
    from reportedly.corpus.stories import PackedVectors

    made = [{"e:quill": 0.6, "t:ferry": 0.8}, {}, {"b:tide": 1.0, "e:quill": 0.1}]
    packed = PackedVectors(cache=1)
    for vec in made:
        packed.append(vec)
    assert len(packed) == 3
    for _ in range(2):  # once made, once again after the cache let it go
        for i, vec in enumerate(made):
            assert packed[i] == vec
            assert list(packed[i]) == list(vec)  # the order the cosine sums follow
    assert list(packed) == made
    assert packed[1:] == made[1:]


def test_any_blocks_of_the_sparse_product_find_the_same_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A corpus spread over a year, a few undated: however small the blocks of the sparse
    product (rows against the columns of their time window), the pairs are the pure loop's."""
    from reportedly.corpus import stories

    rng = random.Random(5)
    words = [f"w{i}" for i in range(30)]
    raw = [{f"b:{w}": 1.0 + rng.random() for w in rng.sample(words, 6)} for _ in range(120)]
    vecs = _vectors(raw)
    start = date(2024, 1, 1)
    days = [
        None if k % 17 == 0 else (start + timedelta(days=rng.randrange(365))).isoformat()
        for k in range(120)
    ]
    pure, _ = strong_pairs(vecs, days, 0.2, vectorised=False)
    assert pure
    for cells in (1, 50, 400, 10**6):
        monkeypatch.setattr(stories, "BLOCK_CELLS", cells)
        assert strong_pairs(vecs, days, 0.2, vectorised=True)[0] == pure
