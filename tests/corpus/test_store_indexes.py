"""Schema 9: the indexes and the claim_keys table behind the web pages and question
answering at 10,000 articles. They change how queries run, never what they give: the same
claims, in the same order, and the same facet counts as the listing rows, on both backends,
and a store of schema 8 gets them when it is opened."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

import reportedly
from reportedly.ask.question import parse_question
from reportedly.ask.retrieve import unknown_names
from reportedly.corpus.store import (
    SCHEMA_VERSION,
    ArticleQuery,
    ClaimFacets,
    ClaimQuery,
    ClaimRow,
    EventQuery,
    Store,
)
from reportedly.corpus.store.retrieval import (
    any_matching,
    articles_matching,
    articles_naming,
    names_any,
)
from reportedly.records import Analysis, Article

# Three short reports we wrote: one mayor, a water board, a harbour strike.
TEXTS = [
    (
        "dock",
        "2025-03-02",
        "The Harbour Post",
        "Dock workers walk out over pay\n\nDock workers at the port of Lisvale walked out on "
        "Monday, the union said. Mayor Ana Ruiz said the city would not intervene. The port "
        "authority said it had offered a 4 percent raise.",
    ),
    (
        "water",
        "2025-03-01",
        "Lisvale Ledger",
        "Water board denies contamination\n\nThe Lisvale water board denied on Tuesday that the "
        "reservoir was contaminated. Mayor Ana Ruiz said tests would be published on Friday, "
        "according to the Lisvale Ledger.",
    ),
    (
        "strike",
        "2025-03-02",
        "The Harbour Post",
        "Strike spreads to rail yard\n\nRail workers joined the strike at the Lisvale port on "
        "Wednesday, the union said. The port authority said talks would resume next week. "
        "Ana Ruiz met the union leaders on Thursday, her office said.",
    ),
]


def _analyses() -> list[Analysis]:
    return [
        reportedly.analyze(
            Article(text=text, id=aid, title=text.split("\n")[0], outlet=outlet, published=day)
        )
        for aid, day, outlet, text in TEXTS
    ]


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return _analyses()


@pytest.fixture
def store(store_location: str, analyses: list[Analysis]) -> Iterator[Store]:
    with Store(store_location) as s:
        for a in analyses:
            assert s.add(a)
        yield s


def _keys(rows: Sequence[ClaimRow]) -> list[tuple[str, str]]:
    return [(r.article_id, r.claim_id) for r in rows]


def test_claim_listings_keep_their_order(store: Store, analyses: list[Analysis]) -> None:
    """Claims by date, then article, then place in the article, paginated in SQL."""
    by_id = {a.article.id: a for a in analyses}
    start = {(a.article.id, c.id): c.start for a in analyses for c in a.claims}
    day = {aid: by_id[aid].article.published or "" for aid in by_id}
    every = store.query(ClaimQuery(limit=1000))
    assert len(every) == sum(len(a.claims) for a in analyses)
    order = [(day[r.article_id], r.article_id, start[(r.article_id, r.claim_id)]) for r in every]
    assert order == sorted(order)
    pages = [store.query(ClaimQuery(limit=2, offset=o)) for o in range(0, len(every), 2)]
    assert [k for p in pages for k in _keys(p)] == _keys(every)
    about = store.query(ClaimQuery(about="Ana Ruiz", limit=1000))
    assert {"dock", "water"} <= {r.article_id for r in about}
    assert _keys(about) == [k for k in _keys(every) if k in set(_keys(about))]
    cited = store.query(ClaimQuery(source="the union", limit=1000))
    assert cited
    assert all("union" in r.sources.lower() for r in cited)
    both = store.query(ClaimQuery(about="Ana Ruiz", source="the union", limit=1000))
    assert set(_keys(both)) == set(_keys(about)) & set(_keys(cited))


def test_claim_facets_count_the_listing(store: Store) -> None:
    """The facets are the statuses and outlets of the listing's rows, capped in its order."""
    for query in (
        ClaimQuery(limit=1000),
        ClaimQuery(about="Ana Ruiz", limit=1000),
        ClaimQuery(text='"port"', limit=1000),
        ClaimQuery(outlet="The Harbour Post", limit=1000),
    ):
        rows = store.query(query)
        facets = store.query(ClaimFacets(query))
        assert Counter(s for s, _ in facets) == Counter(r.status for r in rows)
        assert Counter(o for _, o in facets) == Counter(r.outlet for r in rows)
        # statuses chosen on the listing do not narrow its facets
        chosen = replace(query, status=("reported",), limit=5)
        assert store.query(ClaimFacets(chosen)) == facets
    capped = store.query(ClaimFacets(ClaimQuery(limit=1000), cap=2))
    first = store.query(ClaimQuery(limit=3))
    assert capped == [(r.status, r.outlet) for r in first]


def test_events_page_in_sql(store: Store) -> None:
    every = store.query(EventQuery(limit=1000))
    pages = [store.query(EventQuery(limit=1, offset=o)) for o in range(len(every))]
    assert [p[0] for p in pages] == every


def test_one_row_lookups_agree_with_the_id_sets(store: Store) -> None:
    """What unknown_names asks (is anything there?) is whether the full lookups are empty."""
    for names in (["Ana Ruiz"], ["Mayor Ana Ruiz"], ["Lisvale"], ["Borislav Vukotic"], ["", " "]):
        assert names_any(store, names) == bool(articles_naming(store, names))
    for query in ('sentence : ("port")', 'sentence : ("reservoir" AND "tests")', '"zeppelin"'):
        assert any_matching(store, query) == bool(articles_matching(store, query))
    question = parse_question("Did Ana Ruiz meet Borislav Vukotic?")
    assert unknown_names(store, question) == ["Borislav Vukotic"]


def test_full_text_matches_come_from_claim_keys(tmp_path: Path, analyses: list[Analysis]) -> None:
    """claim_keys holds each claims_fts row's claim (same rowid), also after a store of
    schema 8 is opened, and the full-text filters find the same claims through it."""
    path = tmp_path / "v8.db"
    with Store(path) as s:
        for a in analyses[:2]:
            s.add(a)
        before = _keys(s.query(ClaimQuery(text='"said"', limit=1000)))
    con = sqlite3.connect(path)
    con.execute("DROP TABLE claim_keys")
    con.execute("PRAGMA user_version=8")
    con.commit()
    con.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        assert _keys(s.query(ClaimQuery(text='"said"', limit=1000))) == before
        s.add(analyses[2])  # written after the migration: keyed as it is indexed
        db = s.backend
        fts = db.rows("SELECT rowid AS r, article_id, claim_id FROM claims_fts ORDER BY rowid")
        keys = db.rows("SELECT rowid AS r, article_id, claim_id FROM claim_keys ORDER BY rowid")
        assert fts == keys
        assert len(keys) == sum(len(a.claims) for a in analyses)
        assert articles_matching(s, 'sentence : ("rail")') == {"strike"}
        names = {r["name"] for r in db.rows("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"claims_order", "articles_order", "mentions_entity_cover"} <= names


def test_article_listing_pages_in_sql(store: Store) -> None:
    """Newest first, articles of one date in ingest order, one page at a time; the same
    with a name or an outlet to filter on."""
    every = [r.id for r in store.query(ArticleQuery(limit=100))]
    assert every == ["dock", "strike", "water"]
    assert [r.id for o in range(3) for r in store.query(ArticleQuery(limit=1, offset=o))] == every
    lisvale = [
        r.id
        for o in range(3)
        for r in store.query(ArticleQuery(about="Lisvale", limit=1, offset=o))
    ]
    assert lisvale == every
    harbour = store.query(ArticleQuery(outlet="the harbour post", limit=100))
    assert [r.id for r in harbour] == ["dock", "strike"]
    assert all(r.claims for r in harbour)


def test_a_frequent_name_is_listed_by_a_scan_in_order(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan in publication order (for a name with many claims) gives the rows the
    sorted lookup gives, one page at a time."""
    from reportedly.corpus.store import queries

    for about in ("Ana Ruiz", "Lisvale", "the union"):
        looked_up = store.query(ClaimQuery(about=about, limit=1000))
        pages = [store.query(ClaimQuery(about=about, limit=2, offset=o)) for o in range(0, 8, 2)]
        monkeypatch.setattr(queries, "SCAN_MIN", 0)
        monkeypatch.setattr(queries, "SCAN_RATIO", 0)
        assert store.query(ClaimQuery(about=about, limit=1000)) == looked_up
        scanned = [store.query(ClaimQuery(about=about, limit=2, offset=o)) for o in range(0, 8, 2)]
        assert scanned == pages
        assert [r for p in scanned for r in p] == looked_up[:8]
        monkeypatch.undo()
