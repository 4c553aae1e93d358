"""Schema 15: claim frames by name, and the candidates of a question found best first.

``frame_names`` holds, for every frame with a predicate or a PLOVER type, a row per key
of its actor (its own, or a name its claim mentions) and of its target. Reading the
fitting frames of a name from it must give what the frames of the candidates give, for
any article; the best-first choice of the articles to read must be the choice made over
every candidate listed; the candidate test among a few articles must be the full test
restricted to them; and a store of schema 14 gets the rows when it is opened. On both
backends, over reports we wrote."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

import reportedly
from reportedly.ask import retrieve
from reportedly.ask.question import parse_question
from reportedly.corpus.store import SCHEMA_VERSION, Store
from reportedly.corpus.store.frame_names import (
    ACTOR,
    TARGET,
    framed_by_key,
    framed_by_name,
    framed_jointly,
)
from reportedly.corpus.store.frames import articles_with_frames
from reportedly.corpus.store.names import resolving
from reportedly.records import Analysis, Article

# Reports about a made-up town council: the mayor meets, visits, sues and is denied to
# have done things, in varying numbers per article, so that frames tie and differ.
REPORTS = {
    "m1": "Mayor meets union\n\nMayor Ilse Brandt met the dockworkers' union on Monday. "
    "Brandt met union leaders again on Tuesday, the council said. The union said Brandt "
    "had promised new cranes.",
    "m2": "Brandt visits Oster\n\nMayor Ilse Brandt visited the harbour town of Oster on "
    "Friday. She met the harbour master there, according to the Oster Gazette.",
    "m3": "Council row\n\nIlse Brandt denied that she had met the developer Kasimir Vell. "
    "Vell said he met Brandt twice in March, the Harbour Post reported.",
    "m4": "Vell sues the council\n\nThe developer Kasimir Vell sued the town council over "
    "the harbour plan. Mayor Ilse Brandt said the council would fight the suit.",
    "m5": "Ferry talks\n\nBrandt met ferry operators on Wednesday to discuss fares. The "
    "operators met Brandt's deputy on Thursday, the council said.",
    "m6": "Harbour cranes arrive\n\nTwo new cranes arrived at the harbour on Monday, the "
    "port authority said. Dockworkers said the mayor had kept her promise.",
    "m7": "Oster mayor meets Brandt\n\nThe mayor of Oster, Piet Lund, met Ilse Brandt on "
    "Saturday. Lund said the two towns would share a ferry.",
    "m8": "Vell meets investors\n\nKasimir Vell met investors in the capital on Monday, "
    "his company said. Vell visited the harbour on Tuesday.",
}

QUESTIONS = [
    "Did Brandt meet Vell?",
    "Did Ilse Brandt meet the union?",
    "Did Vell sue the council?",
    "Did Brandt visit Oster?",
    "Did Lund meet Brandt?",
    "Did Vell visit the harbour?",
    "Did Brandt say that the council would fight the suit?",
]


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [
        reportedly.analyze(
            Article(text=text, id=aid, title=text.split("\n")[0], published="2025-04-0" + aid[1])
        )
        for aid, text in REPORTS.items()
    ]


@pytest.fixture
def store(store_location: str, analyses: list[Analysis]) -> Iterator[Store]:
    with Store(store_location) as s:
        for a in analyses:
            assert s.add(a)
        yield s


def _lookups(store: Store) -> list[tuple[list[str], str, list[str], list[str]]]:
    """Every (keys, role, predicates, families) the stored frames can answer, and some
    they cannot."""
    db = store.backend
    out: list[tuple[list[str], str, list[str], list[str]]] = []
    for r in db.rows(
        "SELECT DISTINCT actor_key AS k, predicate AS p, plover AS f FROM claim_frames"
        " WHERE actor_key IS NOT NULL"
    ):
        out.append(([str(r["k"])], "actor", [str(r["p"] or "x")], [str(r["f"] or "x")]))
        if r["f"] is not None:  # by type alone
            out.append(([str(r["k"])], "actor", [], [str(r["f"])]))
    for r in db.rows(
        "SELECT DISTINCT target_key AS k, predicate AS p FROM claim_frames"
        " WHERE target_key IS NOT NULL"
    ):
        out.append(([str(r["k"]), "nobody"], "target", [str(r["p"] or "x"), "met"], []))
    mentioned = sorted({str(k) for k in db.values("SELECT canonical_key FROM claim_mentions")})
    out += [
        ([k], "actor", ["meet", "met", "sue", "sued", "visit", "visited"], []) for k in mentioned
    ]
    return out


def test_frames_by_name_are_the_frames_of_every_article(store: Store) -> None:
    ids = {str(a) for a in store.backend.values("SELECT id FROM articles")}
    lookups = _lookups(store)
    assert len(lookups) > 20
    assert any(framed_by_name(store.backend, k, ACTOR, p, f) for k, _, p, f in lookups)
    for keys, role, preds, fams in lookups:
        expected = articles_with_frames(
            store.backend, ids, keys=keys, predicates=preds, families=fams, role=role
        )
        got = framed_by_name(store.backend, keys, ACTOR if role == "actor" else TARGET, preds, fams)
        assert got == expected, (keys, role, preds, fams)


def test_frames_by_key_bound_the_frames_by_name(store: Store) -> None:
    """Counted once per key, the fitting frames of every article are at least its frames
    by name, and exactly those when one key finds them all; the same articles either way.
    Two keys of one lookup name one frame when a sentence names both people (m3: "Vell
    said he met Brandt")."""
    both: tuple[list[str], str, list[str], list[str]] = (
        ["brandt", "ilse brandt", "kasimir vell"],
        "actor",
        ["meet", "met"],
        [],
    )
    shared = 0
    for keys, role, preds, fams in [*_lookups(store), both]:
        r = ACTOR if role == "actor" else TARGET
        exact = framed_by_name(store.backend, keys, r, preds, fams)
        bounds = framed_by_key(store.backend, keys, r, preds, fams)
        assert bounds.keys() == exact.keys(), (keys, preds)
        for aid, (n, sure) in bounds.items():
            assert n == exact[aid] if sure else n >= exact[aid], (keys, preds, aid)
            shared += n > exact[aid]
    assert shared  # some frame was found by two keys


def test_best_first_reads_what_the_full_listing_reads(store: Store) -> None:
    """For every question and every number of articles read, the articles chosen best
    first are those chosen among every candidate (and when best first cannot tell, the
    full listing is what chooses)."""
    told = 0
    for text in QUESTIONS:
        q = parse_question(text)
        for limit in range(1, len(REPORTS) + 1):
            with resolving():
                found = retrieve.candidate_articles(store, q)
                expected = retrieve.select_by_frames(store, q, found, limit)
            with resolving():
                chosen = retrieve.select_candidates(store, q, limit)
            assert chosen.ids == expected, (text, limit)
            told += not chosen.complete
            assert chosen.found <= len(found)
            assert chosen.complete or len(chosen.ids) == limit
    assert told > 0  # some were found best first


def test_candidates_among_a_few_articles_are_the_candidates_there(store: Store) -> None:
    rng = random.Random(15)
    ids = sorted(REPORTS)
    for text in QUESTIONS:
        q = parse_question(text)
        with resolving():
            every = retrieve.candidate_articles(store, q)
        assert every  # each question has candidates
        for _ in range(6):
            among = set(rng.sample(ids, rng.randint(1, len(ids))))
            with resolving():
                assert retrieve.candidate_articles(store, q, among=among) == every & among


def test_a_schema_14_store_gets_the_frames_by_name(
    store_location: str, analyses: list[Analysis]
) -> None:
    with Store(store_location) as s:
        for a in analyses:
            s.add(a)
        db = s.backend
        written = sorted((tuple(r.values()) for r in db.rows("SELECT * FROM frame_names")), key=str)
        assert written
        db.execute("DROP TABLE frame_names")
        if s.is_postgres:
            db.execute("UPDATE reportedly_meta SET value = '14' WHERE key = 'schema_version'")
        else:
            db.execute("PRAGMA user_version=14")
    if not store_location.startswith("postgresql"):
        con = sqlite3.connect(store_location)
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert "frame_names" not in tables
        con.close()
    with Store(store_location) as s:
        assert s.version == SCHEMA_VERSION >= 15
        rows = sorted(
            (tuple(r.values()) for r in s.backend.rows("SELECT * FROM frame_names")), key=str
        )
        assert rows == written


def test_claim_counts_are_those_the_ranking_counts(store: Store) -> None:
    from reportedly.corpus.store.retrieval import claims_naming_counts, rank_articles

    ids = sorted(REPORTS)
    for canon in (["ilse brandt"], ["kasimir vell", "piet lund"], ["nobody"]):
        ranked = {a: n for a, n, _ in rank_articles(store, ids, canon) if n}
        assert claims_naming_counts(store, ids, canon) == ranked
    assert ranked == {}  # "nobody" is named by no claim


def test_every_candidate_names_the_bound(store: Store) -> None:
    bounded = 0
    for text in [*QUESTIONS, "Did Brandt meet Vell in Oster?", "Who met Brandt?"]:
        q = parse_question(text)
        with resolving():
            bound = retrieve._bound(store, q)
            if bound is not None:
                bounded += 1
                assert retrieve.candidate_articles(store, q) <= bound, text
    assert bounded >= 3


def test_best_first_with_a_small_budget_still_reads_what_the_listing_reads(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tested one at a time with a budget of one test, most questions give up on the
    order of their frames and go on among the articles naming their second name (or
    take the full listing): the choice stays the full listing's."""
    monkeypatch.setattr(retrieve, "CHECK_BATCH", 1)
    monkeypatch.setattr(retrieve, "PROBE_CHECKED", 1)
    monkeypatch.setattr(retrieve, "MAX_CHECKED", 1)
    bounds: list[set[str]] = []
    bound = retrieve._bound

    def kept(store_: Store, q: object) -> set[str] | None:
        got = bound(store_, q)  # type: ignore[arg-type]
        if got is not None:
            bounds.append(got)
        return got

    monkeypatch.setattr(retrieve, "_bound", kept)
    for text in QUESTIONS:
        q = parse_question(text)
        for limit in (1, 2, 3):
            with resolving():
                expected = retrieve.select_by_frames(
                    store, q, retrieve.candidate_articles(store, q), limit
                )
            with resolving():
                assert retrieve.select_candidates(store, q, limit).ids == expected, text
    assert bounds  # some went on among the articles naming their second name


def _joint_reference(
    db: Any, actors: list[str], targets: list[str], preds: list[str]
) -> dict[str, int]:
    """The frames with a target of ``targets`` and an actor (its own or a name its claim
    mentions) of ``actors`` and a predicate of ``preds``, counted per article from
    ``claim_frames`` and ``claim_mentions`` themselves."""
    mentioned: dict[tuple[str, str], set[str]] = {}
    for r in db.rows("SELECT article_id, claim_id, canonical_key FROM claim_mentions"):
        mentioned.setdefault((str(r["article_id"]), str(r["claim_id"])), set()).add(
            str(r["canonical_key"])
        )
    out: dict[str, int] = {}
    for r in db.rows(
        "SELECT article_id, claim_id, actor_key, target_key, predicate FROM claim_frames"
    ):
        aid, cid = str(r["article_id"]), str(r["claim_id"])
        who = mentioned.get((aid, cid), set()) | {r["actor_key"]}
        if r["target_key"] in targets and r["predicate"] in preds and who & set(actors):
            out[aid] = out.get(aid, 0) + 1
    return out


def test_frames_that_fit_a_part_whole_are_counted_from_the_targets_rows(store: Store) -> None:
    db = store.backend
    pairs = 0
    keys = sorted({str(k) for k in db.values("SELECT name_key FROM frame_names")})
    preds = ["meet", "met", "sue", "sued", "visit", "visited"]
    for actor in keys:
        for target in keys:
            expected = _joint_reference(db, [actor], [target, "nobody"], preds)
            got = framed_jointly(db, [actor, "nobody"], [target, "nobody"], preds)
            assert got == expected, (actor, target)
            pairs += bool(got)
    assert pairs >= 3
    assert framed_jointly(db, ["ilse brandt"], [], preds) == {}


def test_an_article_where_the_actor_does_it_to_the_target_is_read_first(
    store_location: str,
) -> None:
    """One frame of Brandt meeting Vell outranks three of Brandt meeting others in an
    article that names Vell too: both are candidates, one is read."""
    texts = {
        "once": "Brandt and Vell\n\nMayor Ilse Brandt met the developer Kasimir Vell on"
        " Monday, the council said.",
        "others": "A busy week\n\nMayor Ilse Brandt met the union on Monday. Brandt met the"
        " harbour master on Tuesday. Brandt met ferry operators on Wednesday. The developer"
        " Kasimir Vell was away.",
    }
    q = parse_question("Did Brandt meet Vell?")
    with Store(store_location) as s:
        for aid, text in texts.items():
            s.add(reportedly.analyze(Article(text=text, id=aid, published="2025-04-02")))
        with resolving():
            joint = retrieve.joint_counts(s, q)
            assert joint.keys() == {"once"}
            framed = retrieve.frame_articles(s, q, set(texts))
            assert framed["others"] > framed["once"] >= joint["once"]  # more of Brandt's meetings
            assert retrieve.candidate_articles(s, q) == set(texts)
            assert retrieve.select_candidates(s, q, limit=1).ids == {"once"}
        with resolving():
            found = retrieve.candidate_articles(s, q)
            assert retrieve.select_by_frames(s, q, found, limit=1) == {"once"}
