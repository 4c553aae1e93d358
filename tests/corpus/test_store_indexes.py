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
    ClaimKeys,
    ClaimQuery,
    ClaimRow,
    EntityQuery,
    EntityRow,
    EventQuery,
    SourceKinds,
    SourceQuery,
    Store,
)
from reportedly.corpus.store.names import resolve
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
        assert s.version == SCHEMA_VERSION >= 9
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
        monkeypatch.setattr(queries, "SCAN_COST", 0)
        assert store.query(ClaimQuery(about=about, limit=1000)) == looked_up
        scanned = [store.query(ClaimQuery(about=about, limit=2, offset=o)) for o in range(0, 8, 2)]
        assert scanned == pages
        assert [r for p in scanned for r in p] == looked_up[:8]
        monkeypatch.undo()


def test_a_full_text_listing_is_the_listing_filtered(store: Store) -> None:
    """Driven by its full-text matches, a listing by words gives the claims of the whole
    listing that match, in its order and one page at a time, also with the other filters
    (status, outlet, name, source) set."""
    every = _keys(store.query(ClaimQuery(limit=1000)))
    for text in ('"port"', '"union" OR "reservoir"'):
        found = store.query(ClaimQuery(text=text, limit=1000))
        assert 0 < len(found) < len(every)
        assert _keys(found) == [k for k in every if k in set(_keys(found))]
        pages = [store.query(ClaimQuery(text=text, limit=1, offset=o)) for o in range(len(found))]
        assert [r for p in pages for r in p] == found
    port = set(_keys(store.query(ClaimQuery(text='"port"', limit=1000))))
    for query in (
        ClaimQuery(status=("reported",), limit=1000),
        ClaimQuery(outlet="The Harbour Post", limit=1000),
        ClaimQuery(about="Ana Ruiz", limit=1000),
        ClaimQuery(source="the union", limit=1000),
    ):
        alone = _keys(store.query(query))
        both = _keys(store.query(replace(query, text='"port"')))
        assert both == [k for k in alone if k in port]


def test_claim_keys_are_the_listing_s_keys(store: Store) -> None:
    """ClaimKeys gives the key, status and outlet of the claims a listing keeps, in its
    order (its statuses kept), capped with one more."""
    for query in (
        ClaimQuery(limit=1000),
        ClaimQuery(source="the union", limit=1000),
        ClaimQuery(about="Ana Ruiz", status=("reported",), limit=1000),
    ):
        rows = store.query(query)
        assert store.query(ClaimKeys(query)) == [
            (r.article_id, r.claim_id, r.status, r.outlet) for r in rows
        ]
    every = store.query(ClaimQuery(limit=3))
    assert [k[:2] for k in store.query(ClaimKeys(ClaimQuery(), cap=2))] == _keys(every)


def test_claim_rows_by_key_are_the_listing_s_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store.claim_rows reads the rows of the keys given (unknown ones skipped, in
    batches), as a listing gives them."""
    from reportedly.corpus.store import store as store_module

    every = {(r.article_id, r.claim_id): r for r in store.query(ClaimQuery(limit=1000))}
    some = list(every)[::2]
    assert store.claim_rows([*some, ("dock", "nope"), ("nope", "c1"), some[0]]) == {
        k: every[k] for k in some
    }
    monkeypatch.setattr(store_module, "BATCH", 2)
    assert store.claim_rows(every) == every
    assert store.claim_rows([]) == {}


def test_entity_names_and_aliases_by_mentions(store_location: str, corpus: list[Analysis]) -> None:
    """An entity's name is its most mentioned canonical name and its aliases its mention
    texts, most mentioned first (one spelling per text key), as the mentions count them."""
    with Store(store_location) as store:
        for a in corpus:
            store.add(a)
        rows = store.query(EntityQuery(limit=100))
        assert any(a not in r.names for r in rows for a in r.aliases)
        for row in rows:
            _check_names(store, row)


def _check_names(store: Store, row: EntityRow) -> None:
    keys = store.resolve(row.entity)
    marks = ", ".join("?" * len(keys))
    mentions = store.backend.rows(
        f"SELECT canonical, text, text_key FROM mentions WHERE canonical_key IN ({marks})",
        keys,
    )
    per_name = Counter(str(m["canonical"]) for m in mentions)
    assert per_name[row.entity] == max(per_name.values())
    assert [per_name[n] for n in row.names] == sorted(per_name.values(), reverse=True)
    texts: dict[str, list[str]] = {}
    for m in mentions:
        texts.setdefault(str(m["text_key"]), []).append(str(m["text"]))
    expected = [a for _, a in sorted((-len(v), min(v)) for v in texts.values())]
    only = [a for a in row.aliases if a not in row.names]
    assert only == [a for a in expected if a in only]


def test_source_kinds_are_the_source_rows_kinds(store: Store) -> None:
    """SourceKinds gives the name, kind and number of citations of a source's SourceQuery
    rows, in their order, from the cited names alone."""
    names = {r.name for r in store.query(SourceQuery(limit=100))}
    assert names
    for name in [*sorted(names), "Nobody Here"]:
        rows = store.query(SourceQuery(name=name, limit=5))
        assert store.query(SourceKinds(name)) == [(r.name, r.kind, r.claims) for r in rows]


def test_claims_about_within_articles_are_the_claims_about_filtered(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim search of a name confined to some articles (the mentions probed only
    among them) finds what the search over every article finds among them; reading a
    rare name's claims first (SQLite) finds what probing every full-text match finds."""
    from reportedly.corpus.store import retrieval
    from reportedly.corpus.store.retrieval import articles_with_claims_about, canonical_names

    names = sorted(canonical_names(store, ["Lisvale"]))
    families = sorted(set(store.backend.values("SELECT DISTINCT plover FROM events")) - {None})
    assert families
    ids = set(store.backend.values("SELECT id FROM articles"))
    for kwargs in ({"text": 'sentence : ("said"*)'}, {"families": families}):
        every = articles_with_claims_about(store, names, **kwargs)
        assert every
        monkeypatch.setattr(retrieval, "FEW_CLAIMS", 0)
        assert articles_with_claims_about(store, names, **kwargs) == every
        monkeypatch.undo()
        for within in ({"dock"}, {"water", "strike"}, ids, set()):
            got = articles_with_claims_about(store, names, within=within, **kwargs)
            assert got == every & within


def test_a_scan_pays_for_a_name_frequent_in_the_corpus(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of claims about a name is scanned in order when the name's claims are many
    against the page and the whole store (``many >= sqrt(SCAN_COST * page * total)``),
    counted from an estimate of the store's claims (SQLite: the last full-text rowid;
    PostgreSQL: its statistics, none before an ANALYZE, then the old fixed bound)."""
    from reportedly.corpus.store import queries

    total = store.count("claims")
    keys = resolve(store.backend, "Lisvale")
    marks = ", ".join("?" * len(keys))
    many = len(
        store.backend.values(f"SELECT 1 FROM claim_mentions WHERE canonical_key IN ({marks})", keys)
    )
    assert 0 < many < total
    if store.is_postgres:
        assert queries._claims_estimate(store.backend) in (None, total)
        store.backend.execute("ANALYZE claims")
    assert queries._claims_estimate(store.backend) == total
    monkeypatch.setattr(queries, "SCAN_RATIO", 0)
    # many claims against a page of one: many^2 >= cost * total exactly at the bound
    monkeypatch.setattr(queries, "SCAN_COST", many * many / total)
    assert queries._scan_pays(store.backend, "Lisvale", 1)
    monkeypatch.setattr(queries, "SCAN_COST", (many + 1) * (many + 1) / total)
    assert not queries._scan_pays(store.backend, "Lisvale", 1)
    monkeypatch.setattr(queries, "SCAN_RATIO", many + 1)
    monkeypatch.setattr(queries, "SCAN_COST", 0)
    assert not queries._scan_pays(store.backend, "Lisvale", 1)


def test_a_schema_12_store_gets_claim_keys_by_claim(
    tmp_path: Path, analyses: list[Analysis]
) -> None:
    """Schema 13: a SQLite store of version 12 gets the index of claim_keys by claim when
    it is opened; its rows are unchanged."""
    path = tmp_path / "old.db"
    with Store(path) as s:
        for a in analyses:
            s.add(a)
    con = sqlite3.connect(path)
    con.execute("DROP INDEX claim_keys_claim")
    con.execute("PRAGMA user_version=12")
    con.commit()
    before = con.execute("SELECT rowid, article_id, claim_id FROM claim_keys").fetchall()
    con.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION >= 13
        indexes = s.backend.values("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert "claim_keys_claim" in indexes
        rows = s.backend.rows("SELECT rowid, article_id, claim_id FROM claim_keys")
        assert [tuple(r.values()) for r in rows] == before
