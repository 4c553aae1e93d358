"""Schema 14: claim_mentions holds each claim's publication date, start and status, and a
page of claims about a name is read from its listing index in order. That changes how the
page is read, never what it gives: the same rows in the same order as the listing over the
claims and articles (the plan before), for every filter the index holds, on both backends;
and a store of schema 13 gets the columns filled when it is opened."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

import reportedly
from reportedly.corpus.store import SCHEMA_VERSION, ClaimKeys, ClaimQuery, ClaimRow, Store
from reportedly.corpus.store.schema import CLAIM_MENTIONS
from reportedly.records import Analysis, Article

# Four short reports we wrote, one of them undated (NULL dates sort first on SQLite, last
# on PostgreSQL: the index must keep each backend's order), two on one day.
REPORTS = [
    (
        "ferry",
        "2025-06-03",
        "Coastline Daily",
        "Ferry service suspended\n\nThe ferry operator said on Monday that crossings to Varn "
        "island were suspended. Governor Lena Moss said repairs could take a month. Harbour "
        "pilots said the storm had damaged the pier, according to Governor Lena Moss.",
    ),
    (
        "budget",
        "2025-06-01",
        "Varn Courier",
        "Budget talks stall\n\nGovernor Lena Moss said the budget would not pass this week. "
        "The finance committee reportedly rejected her proposal. Lena Moss denied that the "
        "island's hospital would close.",
    ),
    (
        "pier",
        "2025-06-03",
        "Varn Courier",
        "Pier repairs begin\n\nWorkers began repairing the Varn pier on Tuesday, the ferry "
        "operator said. Moss said the crossings could resume in July. The operator allegedly "
        "ignored earlier warnings, residents said.",
    ),
    (
        "undated",
        None,
        "Coastline Daily",
        "Island school reopens\n\nThe Varn school reopened on Wednesday, Governor Lena Moss "
        "said. Parents said the ferry suspension had kept teachers away.",
    ),
]

NAMES = ("Lena Moss", "Varn", "the ferry operator", "Moss", "nobody at all")


def _analyses() -> list[Analysis]:
    return [
        reportedly.analyze(
            Article(text=text, id=aid, title=text.split("\n")[0], outlet=outlet, published=day)
        )
        for aid, day, outlet, text in REPORTS
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


def _queries(store: Store) -> list[ClaimQuery]:
    """Claims about each name, with every filter the listing index holds, in pages."""
    statuses = sorted(set(store.backend.values("SELECT DISTINCT status FROM claims")))
    assert len(statuses) >= 2  # the status filter keeps some claims and drops others
    filters: list[dict[str, Any]] = [
        {},
        {"status": statuses[:1]},
        {"status": statuses[1:]},
        {"since": "2025-06-02"},
        {"until": "2025-06-02"},
        {"since": "2025-06-01", "until": "2025-06-03"},
    ]
    return [
        ClaimQuery(about=name, limit=limit, offset=offset, **kwargs)
        for name in NAMES
        for kwargs in filters
        for limit, offset in ((100, 0), (2, 0), (2, 2), (1, 3), (3, 5))
    ]


def _sorted_listing(store: Store, query: ClaimQuery, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The rows of ``query`` by the plan before schema 14 (its claims joined with their
    articles, then sorted)."""
    monkeypatch.setattr(ClaimQuery, "_by_mentions", lambda self: False)
    try:
        return store.query(query)
    finally:
        monkeypatch.undo()


def test_a_page_about_a_name_is_the_sorted_listing_s_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = 0
    for query in _queries(store):
        got = store.query(query)
        assert got == _sorted_listing(store, query, monkeypatch), query
        keys = store.query(ClaimKeys(replace(query, limit=100, offset=0)))
        page = keys[query.offset : query.offset + query.limit]
        assert [(r.article_id, r.claim_id) for r in got] == [k[:2] for k in page]
        seen += len(got)
    assert seen  # the names have claims


def test_undated_claims_keep_the_backend_s_place(store: Store) -> None:
    """The undated report's claims come first on SQLite and last on PostgreSQL, as
    the listing over the articles orders them."""
    rows = store.query(ClaimQuery(about="Lena Moss"))
    dated = [r.published is not None for r in rows]
    assert not all(dated)
    assert any(dated)
    undated_first = not dated[0]
    assert undated_first == (not store.is_postgres)
    assert dated == sorted(dated, reverse=not undated_first)


def test_claims_cited_by_name_only_are_listed(store: Store) -> None:
    """A claim citing a source of the name whose sentence does not mention it (not in
    claim_mentions) is still on the page."""
    db = store.backend
    db.execute("DELETE FROM claim_mentions")
    rows = store.query(ClaimQuery(about="Lena Moss"))
    cited = db.values(
        "SELECT DISTINCT claim_id FROM claim_sources WHERE level >= 1 AND name_key LIKE ?",
        ["%moss%"],
    )
    assert rows
    assert {r.claim_id for r in rows} <= set(cited)


def _listings(store: Store) -> list[list[ClaimRow]]:
    return [store.query(ClaimQuery(about=name)) for name in NAMES]


def test_a_schema_13_store_gets_the_listing_columns(
    store_location: str, analyses: list[Analysis]
) -> None:
    """Opened, a store of schema 13 (claim_mentions of three columns) gets each row's
    date, start and status from its claim and article, and the listing index; the
    listings are those of a store written at schema 14."""
    with Store(store_location) as s:
        for a in analyses:
            s.add(a)
        expected = _listings(s)
        db = s.backend
        cols = "article_id, claim_id, canonical_key"
        before = sorted(tuple(r.values()) for r in db.rows(f"SELECT {cols} FROM claim_mentions"))
        db.execute("DROP TABLE claim_mentions")
        db.execute(CLAIM_MENTIONS)
        db.executemany(f"INSERT INTO claim_mentions ({cols}) VALUES (?, ?, ?)", before)
        cited = sorted(tuple(r.values()) for r in db.rows("SELECT * FROM claim_sources"))
        db.execute("DROP INDEX claim_sources_listing")
        for column in ("published", "start", "status"):
            db.execute(f"ALTER TABLE claim_sources DROP COLUMN {column}")
        if s.is_postgres:
            db.execute("UPDATE reportedly_meta SET value = '13' WHERE key = 'schema_version'")
        else:
            db.execute("PRAGMA user_version=13")
    if not store_location.startswith("postgresql"):
        con = sqlite3.connect(store_location)
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")]
        assert "claim_mentions_listing" not in names
        con.close()
    with Store(store_location) as s:
        assert s.version == SCHEMA_VERSION >= 14
        rows = s.backend.rows(
            "SELECT cm.published AS p, cm.start AS s, cm.status AS t, a.published AS ap,"
            " c.start AS cs, c.status AS ct, cm.article_id, cm.claim_id, cm.canonical_key"
            " FROM claim_mentions cm JOIN claims c ON c.article_id = cm.article_id"
            " AND c.claim_id = cm.claim_id JOIN articles a ON a.id = cm.article_id"
        )
        assert len(rows) == len(before)
        assert all((r["p"], r["s"], r["t"]) == (r["ap"], r["cs"], r["ct"]) for r in rows)
        assert _listings(s) == expected
        sources = s.backend.rows(
            "SELECT s.*, a.published AS ap, c.start AS cs, c.status AS ct FROM claim_sources s"
            " JOIN claims c ON c.article_id = s.article_id AND c.claim_id = s.claim_id"
            " JOIN articles a ON a.id = s.article_id"
        )
        assert len(sources) == len(cited)
        assert all(
            (r["published"], r["start"], r["status"]) == (r["ap"], r["cs"], r["ct"])
            for r in sources
        )
        assert sorted(tuple(r.values())[:9] for r in sources) == cited
