"""Full-text matches decided in Python (``fts_eval``) agree with SQLite's FTS5, and the
claim probe that uses them finds what the index finds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.corpus.store.fts_eval import Undecided, column_tokens, parse, tokens
from reportedly.corpus.store.fts_probe import articles_with_matching_claims
from reportedly.corpus.store.names import resolving

WORDS = ["meet", "meets", "met", "meeting", "Kim", "jong", "un", "by", "talk", "talks"]
#: Characters beyond ASCII that news copy holds (quotes, dashes, spaces, symbols, a soft
#: hyphen), Latin letters with a diacritic (which FTS5 folds), and some the module leaves
#: undecided (other scripts, a letter of two marks, a lone combining mark)
ODD = [
    *["\u2019", "\u201c", "\u2014", "\u00a0", "\u2026", "\u00b7", "\u00ad", "\u2009"],
    *["\u00bf", "\u20ac", "\u00a3", "\u00b0", "\u2122", "\u200b", "\u00b2", "_", "$", "'"],
    *["\u00e9", "\u00c9", "\u00f1", "\u00fc", "\u0151", "\u0130", "\u00e7", "\u0107"],
    *["\u00df", "\u00f8", "\u0142", "\u0416", "\u01d8", "\u0301", "\u4e2d", "\u00e6"],
]


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, sentence)")
    yield db
    db.close()


def fts5_matches(db: sqlite3.Connection, query: str, text: str, sentence: str) -> bool:
    db.execute("DELETE FROM t")
    db.execute("INSERT INTO t (rowid, text, sentence) VALUES (1, ?, ?)", [text, sentence])
    return bool(db.execute("SELECT rowid FROM t WHERE t MATCH ?", [query]).fetchall())


piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=4))
column_text = st.lists(piece, max_size=12).map(lambda ws: " ".join(ws))


@st.composite
def queries(draw: st.DrawFn) -> str:
    """Queries of the shapes ask writes: quoted words (a prefix ``*`` after some), OR
    groups, AND of column-filtered groups, phrases, implicit AND."""

    def term() -> str:
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
        star = "*" if draw(st.booleans()) else ""
        return '"' + " ".join(words) + '"' + star

    groups = []
    for _ in range(draw(st.integers(1, 3))):
        terms = [term() for _ in range(draw(st.integers(1, 3)))]
        op = draw(st.sampled_from([" OR ", " AND ", " "]))
        column = draw(st.sampled_from(["sentence : ", "text : ", ""]))
        groups.append(f"{column}({op.join(terms)})")
    return " AND ".join(groups)


@settings(max_examples=400, deadline=None)
@given(text=column_text, sentence=column_text, query=queries())
def test_decided_matches_are_fts5s(
    fts: sqlite3.Connection, text: str, sentence: str, query: str
) -> None:
    parsed = parse(query)
    assert parsed is not None
    cols = {"text": column_tokens(text), "sentence": column_tokens(sentence)}
    try:
        got = parsed.matches(cols)
    except Undecided:  # a column held a character FTS5 folds
        assert None in cols.values()
        return
    assert got == fts5_matches(fts, query, text, sentence)


@settings(max_examples=300, deadline=None)
@given(text=column_text)
def test_tokens_are_fts5s(fts: sqlite3.Connection, text: str) -> None:
    """Each token the module makes is one FTS5 finds (as a phrase of the whole token
    list, in order)."""
    toks = tokens(text)
    if toks is None:
        assert any(not c.isascii() for c in text)
        return
    if not toks:
        return
    phrase = '"' + " ".join(toks) + '"'
    assert fts5_matches(fts, f"text : {phrase}", text, "")
    assert not fts5_matches(fts, f'text : "{toks[0]}zq"', text, "")


def test_latin_letters_are_folded_and_other_scripts_undecided() -> None:
    assert tokens("Caf\u00e9 owners met P\u00e9rez") == ["cafe", "owners", "met", "perez"]
    assert tokens("Trump\u2019s aides met \u201cKim\u201d \u2014 twice for \u00a35m") == [
        "trump",
        "s",
        "aides",
        "met",
        "kim",
        "twice",
        "for",
        "5m",
    ]
    assert tokens("\u041f\u0443\u0442\u0438\u043d met Xi") is None
    assert tokens("\u01d8") is None  # a letter of two marks


@pytest.mark.parametrize(
    "query",
    ['"a" NOT "b"', 'NEAR("a" "b")', '^"a"', 'claim_id : "a"', '{text sentence} : "a"', ""],
)
def test_syntax_beyond_the_subset_is_left_to_fts5(query: str) -> None:
    assert parse(query) is None


class _Db:
    """The two calls the probe makes of a backend, over an in-memory claims_fts."""

    dialect = "sqlite"

    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.row_factory = sqlite3.Row
        self.db.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(text, sentence)")
        self.db.executemany("INSERT INTO claims_fts (rowid, text, sentence) VALUES (?, ?, ?)", rows)
        self.index_reads = 0

    def rows(self, sql: str, args: list[object]) -> list[sqlite3.Row]:
        return self.db.execute(sql, args).fetchall()

    def values(self, sql: str, args: list[object]) -> list[object]:
        self.index_reads += 1
        return [r[0] for r in self.db.execute(sql, args)]


def test_the_probe_finds_what_the_index_finds() -> None:
    """Claims decided by their words and claims left to the index (another script) give
    the articles the index alone gives; the index is read only for the undecided."""
    db = _Db(
        [
            (1, "x", "Trump met Kim at the border."),
            (2, "x", "Trump talked by phone."),
            (3, "x", "The \u041a\u0440\u0435\u043c\u043b\u044c, where Trump met Abe."),
            (5, "x", "The caf\u00e9 where Trump met Kim."),
            (4, "x", "Nothing here."),
        ]
    )
    claims = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    query = 'sentence : ("meet"* OR "met") AND sentence : ("trump")'
    with resolving():
        assert articles_with_matching_claims(db, query, {1: "a", 2: "b", 4: "d", 5: "e"}) == {
            "a",
            "e",
        }
        assert db.index_reads == 0
        assert articles_with_matching_claims(db, query, claims) == {"a", "c", "e"}
        assert db.index_reads == 1


def test_past_the_budget_the_index_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question that checks more claims against one query than the budget reads the
    query's matches instead, once, and finds the same articles."""
    from reportedly.corpus.store import fts_probe

    db = _Db(
        [(i, "x", f"Claim {i}: Trump met Kim." if i % 3 else "Nothing.") for i in range(1, 31)]
    )
    claims = {i: f"a{i}" for i in range(1, 31)}
    query = 'sentence : ("meet"* OR "met") AND sentence : ("trump")'
    expected = {f"a{i}" for i in range(1, 31) if i % 3}
    monkeypatch.setattr(fts_probe, "CLAIM_BUDGET", 10)
    with resolving():
        first = dict(list(claims.items())[:8])
        assert articles_with_matching_claims(db, query, first) == expected & set(first.values())
        assert db.index_reads == 0
        assert articles_with_matching_claims(db, query, claims) == expected
        assert articles_with_matching_claims(db, query, claims) == expected
        assert db.index_reads == 1
