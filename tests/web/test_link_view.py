"""The web's view of the corpus links reads their rows as pages ask (issue 13: memory
flat in corpus size for the web pages); what it reads must be what the whole links say."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.corpus.links import corpus_links
from reportedly.corpus.store import Store
from reportedly.web.cache import LinksCache, LinkView


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled example corpus: a syndicated copy and a denial that contradicts."""
    db = str(tmp_path_factory.mktemp("view") / "ex.db")
    examples = Path(__file__).parents[2] / "examples" / "corpus" / "articles.jsonl"
    res = CliRunner().invoke(app, ["ingest", str(examples), "--db", db])
    assert res.exit_code == 0, res.output
    return db


def _whole(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    links = corpus_links(store)
    story_of = {a: st.id for st in links.stories for a in st.articles}
    copy_of = {c.article: c.original for c in links.copies}
    return story_of, copy_of


@pytest.mark.parametrize("which", ["web_db", "example_db"])
def test_the_view_reads_what_the_whole_links_hold(
    which: str, request: pytest.FixtureRequest
) -> None:
    with Store(request.getfixturevalue(which)) as store:
        links = corpus_links(store)
        view = LinkView(store)
        story_of, copy_of = _whole(store)
        articles = [a for st in links.stories for a in st.articles]
        assert links.stories, "the web store should have stories"
        by_size = sorted(links.stories, key=lambda st: -len(st.articles))
        assert [s.id for s in view.by_size(0, 1000)] == [s.id for s in by_size]
        assert [s.id for s in view.by_size(1, 2)] == [s.id for s in by_size[1:3]]
        counts = view.counts()
        assert (counts.stories, counts.copies, counts.contradictions) == (
            len(links.stories),
            len(links.copies),
            len(links.contradictions),
        )
        for st in links.stories:
            got = view.story(st.id)
            assert got is not None
            assert got[0] == st
            assert got[1] == [c for c in links.clusters if c.story == st.id]
            assert got[2] == [
                k for k in links.contradictions if story_of.get(k.claim_a[0]) == st.id
            ]
        assert view.story("no-such-story") is None
        assert view.story_of([*articles, "nope"]) == story_of
        assert view.copy_of([*articles, "nope"]) == copy_of
        keys = [k for c in links.clusters for k in c.claims]
        whole = {(a, c): cl for cl in links.clusters for a, c in cl.claims}
        assert view.claim_clusters(keys) == whole
        sides = {(k.claim_a[0], k.claim_a[1]) for k in links.contradictions} | {
            (k.claim_b[0], k.claim_b[1]) for k in links.contradictions
        }
        assert view.contradicted(keys) == sides & set(keys)
        assert view.contradictions() == links.contradictions
        if which == "example_db":  # what makes the comparison above worth making
            assert links.copies
            assert links.contradictions


def test_the_view_keeps_only_the_stories_asked_for(web_db: str) -> None:
    """Regression (issue 13): the web cache built every story, cluster and contradiction
    of the corpus in memory (millions of objects at 10,000 articles)."""
    with Store(web_db) as store:
        view = LinkView(store, max_stories=2)
        ids = [s.id for s in view.by_size(0, 100)]
        assert len(view._stories) <= 2
        view.story(ids[0])
        assert ids[0] in view._stories
        assert len(view._stories) <= 2


def test_a_new_state_gets_a_new_view(fresh_db: str) -> None:
    import reportedly

    cache = LinksCache()
    with Store(fresh_db) as store:
        first = cache.get(store)
        assert cache.get(store) is first
        store.add(
            reportedly.analyze(
                "The harbour authority said on Tuesday that the northern pier would close for"
                " repairs after a storm damaged its pilings."
            )
        )
        second = cache.get(store)
        assert second is not first
        # the rows were brought up to the new state when the view was made
        state = store.backend.rows("SELECT fingerprint FROM link_state")
        assert state[0]["fingerprint"] == store.fingerprint()
