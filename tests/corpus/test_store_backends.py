"""The same store methods on SQLite and PostgreSQL: every query of the CLI, the web API and
question answering gives the same answer on both; the FTS5 query subset translates to
PostgreSQL tsquery; an older SQLite file is migrated with its keys filled in."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reportedly
from reportedly.ask.answer import answer_store
from reportedly.corpus.store import (
    SCHEMA_VERSION,
    ArticleQuery,
    ClaimQuery,
    ClaimRow,
    EntityQuery,
    EventQuery,
    SourceQuery,
    Store,
    fts5_to_tsquery,
    redact,
)
from reportedly.corpus.store.rekey import KEY_COLUMNS
from reportedly.corpus.store.retrieval import (
    articles_matching,
    articles_naming,
    articles_with_events,
    canonical_names,
)
from reportedly.corpus.store.sqlite import SQLITE_MIGRATIONS
from reportedly.errors import MalformedInput
from reportedly.records import Analysis

Q1 = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)


@pytest.fixture
def filled(store_location: str, corpus: list[Analysis]) -> Iterator[Store]:
    store = Store(store_location)
    try:
        for a in corpus:
            assert store.add(a, source_item="fixture")
        assert not store.add(corpus[0])  # idempotent
        yield store
    finally:
        store.close()


def test_articles_and_article(filled: Store, corpus: list[Analysis]) -> None:
    with filled as store:
        rows = store.query(ArticleQuery(limit=100))
        assert {r.id for r in rows} == {a.article.id for a in corpus}
        assert all(r.claims is not None and r.claims >= 0 for r in rows)
        dates = [r.published or "" for r in rows]
        assert dates == sorted(dates, reverse=True)
        page = store.query(ArticleQuery(limit=2, offset=2))
        assert [r.id for r in page] == [r.id for r in rows[2:4]]
        about = {r.id for r in store.query(ArticleQuery(about="Khamenei"))}
        assert {"seed", "week", "sohr"} <= about
        assert "football" not in about
        # the outlet filter is the whole outlet name, case-folded: "Weekly Digest" is not The Week
        assert {r.id for r in store.query(ArticleQuery(outlet="the week"))} == {"seed"}
        seed = store.article("seed")
        assert seed is not None
        assert seed.article.id == "seed"
        assert seed.claims
        assert store.article("nope") is None
        assert [a.article.id for a in store.analyses(batch=2)] == [a.article.id for a in corpus]
        assert [a.article.id for a in store.analyses_for(["week", "seed"])] == ["seed", "week"]


def test_claims_filters_and_pages(filled: Store) -> None:
    with filled as store:
        about = store.query(ClaimQuery(about="Assad", limit=500))
        assert about
        assert {r.article_id for r in about} >= {"seed", "week", "sohr"}
        # pronouns resolved to Assad count: "he vanished" style sentences are included
        assert store.query(ClaimQuery(about="bashar al-assad", limit=500)) == store.query(
            ClaimQuery(about="Bashar al-Assad", limit=500)
        )
        first = store.query(ClaimQuery(about="Assad", limit=3))
        second = store.query(ClaimQuery(about="Assad", limit=3, offset=3))
        assert first == about[:3]
        assert second == about[3:6]
        assert {r.status for r in store.query(ClaimQuery(status=["reported"]))} == {"reported"}
        assert store.query(ClaimQuery(source="Bloomberg"))
        fts = store.query(ClaimQuery(text="Khamenei"))
        assert fts
        assert all("khamenei" in r.text.lower() for r in fts)
        assert store.query(ClaimQuery(text='"Supreme Leader"'))
        assert store.query(ClaimQuery(text="Khamen*"))
        assert store.query(ClaimQuery(text="Khamenei AND Trump"))
        assert not store.query(ClaimQuery(text="Khamenei AND penalties"))
        assert store.query(ClaimQuery(text="Khamenei OR penalties"))
        assert {r.article_id for r in store.query(ClaimQuery(text="penalties NOT Khamenei"))} <= {
            "football"
        }
        with pytest.raises(MalformedInput):
            store.query(ClaimQuery(text='"unbalanced'))


def test_events_entities_sources(filled: Store) -> None:
    with filled as store:
        events = store.query(EventQuery(limit=500))
        assert events
        assert all(e.plover for e in events)
        by_actor = store.query(EventQuery(actor="Bashar al-Assad", limit=500))
        assert by_actor
        assert all(
            e.actor == "Bashar al-Assad" or e.actor_code == "BASHAR AL-ASSAD" for e in by_actor
        )
        about = store.query(EventQuery(about="assad", limit=500))
        assert {(e.article_id, e.event_id) for e in by_actor} <= {
            (e.article_id, e.event_id) for e in about
        }
        assert all(e.plover == "CONSULT" for e in store.query(EventQuery(plover="consult")))
        late = store.query(EventQuery(since="2024-12-08", limit=500))
        assert all((e.date or e.published or "") >= "2024-12-08" for e in late)
        ents = store.query(EntityQuery(limit=500))
        assad = next(e for e in ents if e.entity == "Bashar al-Assad")
        assert assad.articles >= 3
        assert assad.mentions > assad.articles
        assert "Assad" in assad.aliases
        assert "he" not in assad.aliases
        only = store.query(EntityQuery(name="Assad"))
        assert [e.entity for e in only] == ["Bashar al-Assad"]
        assert all(e.type == "PLACE" for e in store.query(EntityQuery(type="place")))
        srcs = store.query(SourceQuery())
        assert srcs
        assert srcs == sorted(srcs, key=lambda r: (-r.claims, r.name))
        name = srcs[0].name
        assert [r.name for r in store.query(SourceQuery(name=name.upper()))] == [name]


def test_question_retrieval_and_answer(filled: Store, corpus: list[Analysis]) -> None:
    with filled as store:
        assert "seed" in articles_naming(store, ["khamenei", "Ayatollah Ali Khamenei"])
        assert "seed" in articles_matching(store, 'sentence : ("khamenei")')
        assert articles_with_events(store, ["CONSULT"])
        assert "Bashar al-Assad" in canonical_names(store, ["Assad"])
        assert store.latest_published() == max(a.article.published or "" for a in corpus)
        ans = answer_store(Q1, store).to_dict()
        # Trump: only The Week's sources (the copy and the rewrite relay it); Khamenei: also
        # the observatory's head, a second independent chain
        assert ans["verdict"] == "reported"
        assert [p["verdict"] for p in ans["parts"]] == ["reported", "confirmed"]
        assert {e["article"] for e in ans["evidence"]} >= {"seed", "sohr"}


def test_links_cache(filled: Store) -> None:
    with filled as store:
        fp = store.fingerprint()
        assert store.load_links(fp) is None
        store.save_links(fp, '{"x": 1}')
        assert store.load_links(fp) == '{"x": 1}'
        store.save_links(fp, '{"x": 2}')
        assert store.load_links(fp) == '{"x": 2}'
        assert store.load_links("other") is None


def test_old_sqlite_file_is_migrated(tmp_path: Path, corpus: list[Analysis]) -> None:
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path)
    for sql in SQLITE_MIGRATIONS[0][1]:
        assert isinstance(sql, str)
        con.execute(sql)
    con.execute(
        "INSERT INTO articles (id, content_hash, outlet, analysis)"
        " VALUES ('x', 'h', 'Ünï News', '{}')"
    )
    con.execute("INSERT INTO mentions VALUES ('x', 'e1', 'Straße Ösel', 'PLACE', 'ÖSEL', 0, 4)")
    con.execute("PRAGMA user_version=1")
    con.commit()
    con.close()
    with Store(path) as store:
        assert store.version == SQLITE_MIGRATIONS[-1][0] == SCHEMA_VERSION
        assert articles_naming(store, ["ösel"]) == {"x"}
        assert store.query(ArticleQuery(outlet="ünï news"))[0].id == "x"


ORBAN = "Hungarian Prime Minister Viktor Orbán said on Monday that the border would stay closed."


@pytest.fixture(scope="module")
def orban() -> Analysis:
    return reportedly.analyze(ORBAN, published="2024-05-02", outlet="Pécs Herald")


def _found_without_accents(store: Store) -> None:
    """Every lookup by name finds the Orbán article when asked for "Orban"."""
    assert [r.id for r in store.query(ArticleQuery(about="Viktor Orban"))] == ["x"]
    assert [r.id for r in store.query(ArticleQuery(outlet="Pecs Herald"))] == ["x"]
    assert [r.article_id for r in store.query(ClaimQuery(about="Viktor Orban"))] == ["x"]
    assert [r.entity for r in store.query(EntityQuery(name="viktor orban"))] == ["Viktor Orbán"]
    assert articles_naming(store, ["Viktor Orban"]) == {"x"}


def test_names_are_found_without_their_accents(store_location: str, orban: Analysis) -> None:
    with Store(store_location) as store:
        assert store.add(replace(orban, article=replace(orban.article, id="x")))
        _found_without_accents(store)


def test_a_store_keyed_before_the_name_key_is_rekeyed(store_location: str, orban: Analysis) -> None:
    """A version-4 store (keys only case-folded: "orbán") gets the name key when opened."""
    with Store(store_location) as store:
        assert store.add(replace(orban, article=replace(orban.article, id="x")))
        db = store.backend
        for table, column, key in KEY_COLUMNS:
            db.execute(f"UPDATE {table} SET {key} = lower({column})")
        for table in ("claim_mentions", "source_names", "names"):
            db.execute(f"DELETE FROM {table}")
        if store.is_postgres:
            db.execute("UPDATE reportedly_meta SET value = '4' WHERE key = 'schema_version'")
        else:
            db.execute("PRAGMA user_version=4")
        assert db.values("SELECT canonical_key FROM mentions WHERE type = 'PERSON'") == [
            "viktor orbán"
        ]
    with Store(store_location) as store:
        assert store.version == SCHEMA_VERSION
        assert store.backend.values("SELECT canonical_key FROM mentions WHERE type = 'PERSON'") == [
            "viktor orban"
        ]
        _found_without_accents(store)


@pytest.mark.parametrize(
    ("fts5", "tsquery"),
    [
        ("strike", "'strike'"),
        ('"Supreme Leader"', "('supreme' <-> 'leader')"),
        ('"deni"*', "'deni':*"),
        ("a AND b OR c", "(('a' & 'b') | 'c')"),
        ("a b", "('a' & 'b')"),
        ("a NOT b", "'a' & !'b'"),
        ('sentence : ("x"* OR "y")', "(('x':* | 'y'))"),
        ("al-Assad", "('al' <-> 'assad')"),
    ],
)
def test_fts5_to_tsquery(fts5: str, tsquery: str) -> None:
    assert fts5_to_tsquery(fts5) == tsquery


@pytest.mark.parametrize("bad", ["", "(a", "a)", "AND", '"', "*", "a OR", "()"])
def test_fts5_to_tsquery_rejects_bad_queries(bad: str) -> None:
    with pytest.raises(MalformedInput):
        fts5_to_tsquery(bad)


@given(st.text(max_size=40))
def test_fts5_to_tsquery_never_crashes(query: str) -> None:
    try:
        out = fts5_to_tsquery(query)
    except MalformedInput:
        return
    assert out
    assert "''" not in out


def test_a_database_password_is_never_shown() -> None:
    assert redact("postgresql://me:s3cret@db.example:5432/news") == (
        "postgresql://me:***@db.example:5432/news"
    )
    assert redact("postgresql://me@localhost/news") == "postgresql://me@localhost/news"
    assert redact("news.db") == "news.db"


def test_one_store_serves_many_threads(filled: Store) -> None:
    """The web app's one Store: a connection per thread on SQLite, a pool on PostgreSQL."""
    want = filled.query(ClaimQuery(about="Assad", limit=500))

    def work(i: int) -> tuple[list[ClaimRow], int]:
        if i % 4 == 0:
            filled.save_links(f"fp{i}", "{}")  # a write (a transaction) among the reads
        return filled.query(ClaimQuery(about="Assad", limit=500)), filled.count()

    with ThreadPoolExecutor(max_workers=12) as pool:
        got = list(pool.map(work, range(40)))
    articles = filled.count()
    assert all(rows == want and n == articles for rows, n in got)
