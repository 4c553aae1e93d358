"""The seed article, a syndicated copy, a rewrite citing The Week and an independent
report must form one story with the copy collapsed; unrelated articles stay apart."""

from __future__ import annotations

from reportedly.corpus import (
    ClaimCluster,
    cluster_stories,
    find_copies,
    link_claims,
)
from reportedly.records import Analysis


def _cluster_of(clusters: list[ClaimCluster], ref: tuple[str, str]) -> ClaimCluster:
    return next(c for c in clusters if ref in c.claims)


def test_copy_is_detected(corpus: list[Analysis]) -> None:
    links = find_copies(corpus)
    assert [(link.article, link.original, link.kind) for link in links] == [
        ("copy", "seed", "near")
    ]
    assert 0.9 < links[0].similarity < 1.0
    assert links[0].exact is False


def test_one_story_and_unrelated_apart(corpus: list[Analysis]) -> None:
    stories = cluster_stories(corpus)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["comet", "comet2"], ["copy", "seed", "sohr", "week"], ["football"]]
    syria = next(s for s in stories if "seed" in s.articles)
    assert syria.copies == ["copy"]
    assert "Bashar al-Assad" in syria.entities
    assert syria.to_dict()["articles"] == syria.articles


def test_corroboration_counts(corpus: list[Analysis]) -> None:
    clusters, contradictions = link_claims(corpus)
    # Assad turned to Trump and Khamenei: Iran International (seed, published by The Week;
    # the copy adds nothing, the rewrite cites The Week), Rami Abdulrahman (independent
    # report). The seed's Bloomberg sentence (c13) is another claim of the article: not merged.
    turned = _cluster_of(clusters, ("seed", "c7"))
    assert {("copy", "c7"), ("week", "c2"), ("sohr", "c4")} <= set(turned.claims)
    assert ("seed", "c13") not in turned.claims
    # the rewrite cites The Week, whose own article (the seed) carries the claim: one chain
    assert turned.corroboration == 2
    assert sorted(chain[0] for chain in turned.chains) == ["Iran International", "Rami Abdulrahman"]
    # Larijani visited Assad: Rezazadeh + Al-Alam TV (one chain of co-cited sources), and the
    # rewrite citing The Week relays that same chain.
    visit = _cluster_of(clusters, ("seed", "c8"))
    assert ("week", "c4") in visit.claims
    assert visit.corroboration == 1
    # Iran evacuated its commanders: the seed outlet, Weekly Digest, the observatory.
    evacuated = _cluster_of(clusters, ("seed", "c10"))
    assert {("week", "c5"), ("sohr", "c5")} <= set(evacuated.claims)
    assert evacuated.corroboration == 3
    # Only in the seed and its copy: one chain, however many copies.
    capitals = _cluster_of(clusters, ("seed", "c21"))
    assert capitals.claims == [("seed", "c21"), ("copy", "c21")]
    assert capitals.corroboration == 1
    assert capitals.chains == [["The Week"]]
    assert contradictions == []


def test_copy_adds_no_corroboration(corpus: list[Analysis]) -> None:
    with_copy, _ = link_claims(corpus)
    without, _ = link_claims([a for a in corpus if a.article.id != "copy"])
    by_ref = {ref: c.corroboration for c in with_copy for ref in c.claims}
    for cluster in without:
        for ref in cluster.claims:
            assert by_ref[ref] == cluster.corroboration
