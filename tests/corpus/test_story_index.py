"""Stories from the story units kept in the store, claim clusters recomputed only for the
stories that changed: the links of a full relink (:func:`full_links`), round after round.

The synthetic corpus is ours: articles of a few sentences drawn from a handful of topics
(so that they form stories), each sentence a claim with a random status, polarity and
cited source, events on some, near copies and wire datelines now and then; stored in
rounds with a link after each, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import pytest

from reportedly.corpus import story_index
from reportedly.corpus.link_rows import (
    iter_stories,
    link_counts,
    read_contradictions,
    read_links,
    read_stories,
    read_story,
    story_of_article,
    update_links,
)
from reportedly.corpus.links import Links, compute_links, corpus_links, full_links
from reportedly.corpus.records import ClaimCluster, Story
from reportedly.corpus.store import SCHEMA_VERSION, Store
from reportedly.corpus.stories import (
    cluster_stories,
    stories_of_units,
    story_changes,
    story_id,
    story_unit,
    unit_from_json,
    unit_json,
)
from reportedly.records import (
    Actor,
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Mention,
    Source,
    SourceKind,
    to_dict,
)

TOPICS = [
    ("harbour", "flood", "storm", "pier", "ferry", "barrier", "rain", "tide"),
    ("budget", "deficit", "minister", "tax", "spending", "treasury", "bond", "vote"),
    ("comet", "telescope", "orbit", "astronomer", "tail", "observatory", "night", "sky"),
    ("strike", "union", "wage", "factory", "shift", "picket", "pay", "talks"),
]
NAMES = ["Mara Quill", "Port Alder", "Tobias Wren", "Kestrel Observatory", "Lina Voss"]
SOURCES = ["Mara Quill", "officials", "Tobias Wren", "Reuters", "a spokesman"]
DAYS = [None, "2025-01-02", "2025-01-03", "2025-01-10", "2025-02-20"]


def _article(rng: random.Random, k: int, texts: list[str]) -> Analysis:
    if texts and rng.random() < 0.15:  # a near copy of an earlier article
        words = rng.choice(texts).split()
        words[rng.randrange(len(words))] = "indeed"
        text = " ".join(words)
    else:
        t = rng.randrange(12)  # twelve topics: four vocabularies, marked three ways
        topic = [w + "xyz"[t // 4] for w in TOPICS[t % 4]]
        sentences = [
            " ".join(rng.choice(topic) for _ in range(rng.randint(5, 9))).capitalize() + "."
            for _ in range(rng.randint(2, 4))
        ]
        text = ("LONDON (Reuters) - " if rng.random() < 0.1 else "") + " ".join(sentences)
    texts.append(text)
    claims, events, start = [], [], 0
    for n, sentence in enumerate(text.split(". ")):
        begin = text.index(sentence, start)
        end = begin + len(sentence)
        start = end
        source = rng.choice(SOURCES)
        kind: SourceKind = "anonymous" if source in ("officials", "a spokesman") else "person"
        claims.append(
            Claim(
                id=f"c{n}",
                text=sentence,
                start=begin,
                end=end,
                status=rng.choice(["reported", "asserted", "denied"]),
                sentence_start=begin,
                sentence_end=end,
                source_chain=[Source(source, kind, level=1)] if rng.random() < 0.7 else [],
                polarity=rng.choice(["positive", "positive", "negative"]),
            )
        )
        if rng.random() < 0.4:
            actor, target = rng.sample(NAMES, 2)
            events.append(
                Event(
                    id=f"v{n}",
                    claim=f"c{n}",
                    text=sentence.split()[0],
                    start=begin,
                    end=begin + 1,
                    actor=Actor(actor),
                    plover=rng.choice(["ACCUSE", "AID"]),
                    target=Actor(target),
                )
            )
    entities = [
        Entity(id=f"e{n}", canonical=name, type="PERSON", mentions=[Mention(name, 0, 1)])
        for n, name in enumerate(rng.sample(NAMES, rng.randint(0, 2)))
    ]
    return Analysis(
        article=Article(text=text, id=f"a{k:04d}", title=text[:30], published=rng.choice(DAYS)),
        claims=claims,
        events=events,
        entities=entities,
    )


def synthetic(seed: int, n: int) -> list[Analysis]:
    rng = random.Random(seed)
    texts: list[str] = []
    return [_article(rng, k, texts) for k in range(n)]


def test_story_units_round_trip_and_give_the_same_stories() -> None:
    analyses = synthetic(3, 60)
    units = [story_unit(a) for a in analyses]
    assert [unit_from_json(u.id, unit_json(u)) for u in units] == units
    for threshold in (0.1, 0.2, 0.0):
        assert stories_of_units(units, [], threshold) == cluster_stories(analyses, [], threshold)


def test_incremental_links_equal_a_full_relink(store_location: str) -> None:
    analyses = synthetic(11, 150)
    with Store(store_location) as store:
        for start, stop in ((0, 80), (80, 120), (120, 125), (125, 150)):
            for a in analyses[start:stop]:
                store.add(a)
            links = corpus_links(store)
            assert links.to_dict() == full_links(store).to_dict()
        assert len(links.stories) > 3
        assert any(len(s.articles) > 2 for s in links.stories)
        assert links.contradictions
        assert any(c.corroboration > 1 for c in links.clusters)
        assert links.to_json() == json.dumps(links.to_dict(), ensure_ascii=False)
        text = links.to_json()
        assert Links.from_json(text) == Links.from_dict(json.loads(text)) == links
        assert any(links.copies)


def test_only_touched_stories_are_recomputed(store_location: str) -> None:
    analyses = synthetic(5, 90)
    with Store(store_location) as store:
        for a in analyses[:85]:
            store.add(a)
        before = corpus_links(store)
        for a in analyses[85:]:
            store.add(a)
        copies = compute_links(store).copies
        stories = story_index.stored_stories(store, copies)
        kept = Links.from_dict(before.to_dict())  # claims_by_story renumbers what it reuses
        _, _, touched = story_index.claims_by_story(store, stories, copies, kept)
        assert 0 < touched <= 5 < len(stories)
        again = Links.from_dict(before.to_dict())
        clusters, contradictions, unchanged = story_index.claims_by_story(
            store, before.stories, before.copies, again
        )
        assert unchanged == 0
        assert clusters == before.clusters
        assert contradictions == before.contradictions


def test_stale_or_missing_state_gives_the_same_links(store_location: str) -> None:
    """What a link killed half way can leave: story units not written for some articles,
    link rows of an older corpus state (or none, or some missing); the next link is a full
    relink's."""
    analyses = synthetic(17, 100)
    with Store(store_location) as store:
        for a in analyses[:50]:
            store.add(a)
        corpus_links(store)
        for a in analyses[50:]:
            store.add(a)
        ids = [a.article.id for a in analyses[40:70]]
        marks = ", ".join("?" * len(ids))
        store.backend.execute(f"DELETE FROM story_units WHERE article_id IN ({marks})", ids)
        assert compute_links(store).to_dict() == full_links(store).to_dict()
        assert story_index.fill_story_units(store) == 0
        some = [r["story_id"] for r in store.backend.rows("SELECT story_id FROM link_stories")][::3]
        marks = ", ".join("?" * len(some))
        store.backend.execute(f"DELETE FROM link_stories WHERE story_id IN ({marks})", some)
        store.backend.execute("DELETE FROM link_copies WHERE article_id < ?", ["a0050"])
        store.backend.execute("UPDATE link_state SET fingerprint = 'stale'")
        assert corpus_links(store).to_dict() == full_links(store).to_dict()
        for table in ("link_stories", "link_members", "link_clusters", "link_contradictions"):
            store.backend.execute(f"DELETE FROM {table}")
        assert compute_links(store).to_dict() == full_links(store).to_dict()


def test_a_crash_while_relinking_claims_leaves_a_store_that_links_right(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyses = synthetic(23, 80)
    with Store(store_location) as store:
        for a in analyses[:60]:
            store.add(a)
        corpus_links(store)
        for a in analyses[60:]:
            store.add(a)

        def crash(*args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt

        with monkeypatch.context() as m:
            m.setattr(story_index, "cluster_claims", crash)
            with pytest.raises(KeyboardInterrupt):
                corpus_links(store)
        assert corpus_links(store).to_dict() == full_links(store).to_dict()


def test_claim_cluster_dict_is_the_generic_one() -> None:
    cluster = ClaimCluster(
        "s2.k7",
        "s2",
        [("a1", "c3"), ("a4", "c0")],
        [["Mara Quill"], ["officials"]],
        2,
        {"reported": 1, "denied": 1},
        "the pier closed",
    )
    assert cluster.to_dict() == to_dict(cluster)
    assert list(cluster.to_dict()) == list(to_dict(cluster))
    assert ClaimCluster.from_dict(cluster.to_dict()) == cluster
    assert ClaimCluster.from_dict(json.loads(json.dumps(cluster.to_dict()))) == cluster


# Stable story ids: from the story's first article, the same when the same articles are
# stored again, kept when a story grows; merges and splits recorded (schema 8).


def _stored(location: str, n: int, seed: int = 3) -> list[Story]:
    with Store(location) as store:
        for a in synthetic(seed, n):
            store.add(a)
        return corpus_links(store).stories


def test_story_id_comes_from_the_first_article() -> None:
    assert story_id("a1") == story_id("a1") != story_id("a2")
    assert story_id("a1").startswith("s")
    assert len(story_id("a1")) == 17


def test_the_same_articles_stored_again_give_the_same_story_ids(
    store_location: str, tmp_path: Path
) -> None:
    first = _stored(store_location, 40)
    again = _stored(str(tmp_path / "again.db"), 40)
    assert [s.to_dict() for s in first] == [s.to_dict() for s in again]
    assert all(s.id == story_id(s.articles[0]) for s in first)


def test_ids_survive_a_relink_after_more_articles(store_location: str) -> None:
    articles = synthetic(5, 60)
    with Store(store_location) as store:
        for a in articles[:40]:
            store.add(a)
        before = {s.articles[0]: s.id for s in corpus_links(store).stories}
        for a in articles[40:]:
            store.add(a)
        after = corpus_links(store)
        assert after.to_dict() == full_links(store).to_dict()
        kept = {s.articles[0]: s.id for s in after.stories}
    assert all(kept[first] == sid for first, sid in before.items() if first in kept)
    assert sum(first in kept for first in before) >= len(before) // 2


def test_merges_and_splits_are_recorded() -> None:
    previous = [Story("sa", ["a", "b"]), Story("sc", ["c"]), Story("sd", ["d", "e"])]
    now = [Story("sa", ["a", "b", "c", "x"]), Story("sd", ["d"]), Story("se", ["e"])]
    assert story_changes(previous, now) == [
        ("sa", "sa", "merge"),
        ("sa", "sc", "merge"),
        ("sd", "sd", "split"),
        ("se", "sd", "split"),
    ]
    assert story_changes(previous, previous) == []


def test_the_store_keeps_story_changes(store_location: str) -> None:
    with Store(store_location) as store:
        rows = [("sa", "sc", "merge"), ("se", "sd", "split")]
        store.record_story_changes(rows)
        store.record_story_changes(rows[:1])  # a link run again records nothing twice
        assert store.story_changes() == [("sa", "sc", "merge"), ("se", "sd", "split")]
        assert store.story_changes("sd") == [("se", "sd", "split")]


def test_a_version_7_store_gets_the_story_changes_table(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    with Store(path) as store:
        for a in synthetic(3, 8):
            store.add(a)
        stories = corpus_links(store).stories
    con = sqlite3.connect(path)
    con.execute("DROP TABLE story_changes")
    con.execute("PRAGMA user_version=7")
    con.commit()
    con.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION >= 9
        assert store.story_changes() == []
        assert [s.id for s in corpus_links(store, refresh=True).stories] == [s.id for s in stories]


def test_the_web_story_url_stays_the_same(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx on import
        from fastapi.testclient import TestClient
    from reportedly.web import create_app

    paths = []
    for name in ("one.db", "two.db"):
        path = tmp_path / name
        _stored(str(path), 30, seed=9)
        paths.append(path)
    urls = []
    for path in paths:
        with TestClient(create_app(str(path))) as client:
            stories = client.get("/api/stories?limit=200").json()["items"]
            sid = stories[0]["id"]
            assert client.get(f"/api/stories/{sid}").status_code == 200
            urls.append(sorted(f"/stories/{s['id']}" for s in stories))
    assert urls[0] == urls[1]


_KILLED_LINK = """
import os, signal, sys
from reportedly.corpus import link_rows
from reportedly.corpus.links import corpus_links
from reportedly.corpus.store import Store

put = link_rows._put_stories

def put_then_die(db, rows):
    put(db, rows)  # some rows of the update written, the transaction still open
    os.kill(os.getpid(), signal.SIGKILL)

link_rows._put_stories = put_then_die
with Store(sys.argv[1]) as store:
    corpus_links(store)
"""


def test_a_kill_9_while_writing_link_rows_leaves_a_store_that_links_right(
    store_location: str, tmp_path: Path
) -> None:
    analyses = synthetic(29, 90)
    with Store(store_location) as store:
        for a in analyses[:60]:
            store.add(a)
        before = corpus_links(store).to_dict()
        for a in analyses[60:]:
            store.add(a)
        state = store.backend.rows("SELECT fingerprint FROM link_state")
        done = subprocess.run(
            [sys.executable, "-c", _KILLED_LINK, store_location],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
        # the rows are those of the state before: the killed transaction left nothing
        assert store.backend.rows("SELECT fingerprint FROM link_state") == state
        assert read_links(store).to_dict() == before
        df = {str(r["feature"]): int(r["df"]) for r in store.backend.rows("SELECT * FROM story_df")}
        counted = [u.features for u in story_index.stored_units(store)]
        assert df == {**Counter(k for f in counted for k in f), "": len(counted)}
        after = corpus_links(store)
        assert after.to_dict() == full_links(store).to_dict()
    with Store(tmp_path / "uninterrupted.db") as other:
        for a in analyses[:60]:
            other.add(a)
        corpus_links(other)
        for a in analyses[60:]:
            other.add(a)
        assert corpus_links(other).to_dict() == after.to_dict()


def test_a_link_rewrites_only_the_rows_of_the_stories_that_changed(store_location: str) -> None:
    analyses = synthetic(31, 120)
    with Store(store_location) as store:
        for a in analyses[:118]:
            store.add(a)
        assert update_links(store) > 10
        assert update_links(store) == 0  # the rows are of this state
        for a in analyses[118:]:
            store.add(a)
        stories = len(read_stories(store))
        rewritten = update_links(store)
        assert 0 < rewritten <= 2 < stories
        assert read_links(store).to_dict() == full_links(store).to_dict()


def test_the_row_readers_give_what_the_whole_links_hold(store_location: str) -> None:
    with Store(store_location) as store:
        for a in synthetic(37, 70):
            store.add(a)
        links = corpus_links(store)
        assert links.contradictions
        assert read_contradictions(store) == links.contradictions
        assert read_stories(store) == links.stories
        assert read_stories(store, offset=3, limit=4) == links.stories[3:7]
        assert read_stories(store, offset=5) == links.stories[5:]
        found = list(iter_stories(store))
        assert [s for s, _, _ in found] == links.stories
        assert [c for _, cs, _ in found for c in cs] == links.clusters
        for story in links.stories:
            got = read_story(store, story.id)
            assert got is not None
            assert got[0] == story
            assert got[1] == [c for c in links.clusters if c.story == story.id]
            ids = {c.id for c in got[1]}
            assert got[2] == [k for k in links.contradictions if k.cluster_a in ids]
            assert all(story_of_article(store, a) == story.id for a in story.articles)
        assert read_story(store, "s-none") is None
        assert story_of_article(store, "no-such-article") is None
        counts = link_counts(store)
        assert (counts.stories, counts.copies, counts.contradictions) == (
            len(links.stories),
            len(links.copies),
            len(links.contradictions),
        )


_LINK_TABLES = (
    "link_state",
    "link_copies",
    "link_stories",
    "link_members",
    "link_clusters",
    "link_contradictions",
)


def test_a_version_9_store_gets_its_link_rows_from_the_links_blob(store_location: str) -> None:
    with Store(store_location) as store:
        for a in synthetic(41, 50):
            store.add(a)
        links = corpus_links(store)
        store.save_links(store.fingerprint(), links.json_chunks())
        if store.is_postgres:  # back to version 9: no link tables, the blob
            for table in _LINK_TABLES:
                store.backend.execute(f"DROP TABLE {table}")
            store.backend.execute(
                "UPDATE reportedly_meta SET value = '9' WHERE key = 'schema_version'"
            )
    if not store_location.startswith("postgresql"):
        con = sqlite3.connect(store_location)
        for table in _LINK_TABLES:
            con.execute(f"DROP TABLE {table}")
        con.execute("PRAGMA user_version=9")
        con.commit()
        con.close()
    with Store(store_location) as store:
        assert store.version == SCHEMA_VERSION
        assert read_links(store).to_dict() == links.to_dict()
        assert update_links(store) == 0  # the blob's state is the store's: nothing to redo
        assert store.last_links() is None  # the blob is gone
        for a in synthetic(43, 5):
            store.add(a)
        assert corpus_links(store).to_dict() == full_links(store).to_dict()


def test_two_links_at_once_leave_the_links_of_one(store_location: str) -> None:
    """The web app warming its links while an ingest links: each writes the rows in one
    transaction (one writer at a time), the second finding them done or rewriting them."""
    from concurrent.futures import ThreadPoolExecutor

    analyses = synthetic(47, 80)
    with Store(store_location) as store:
        for a in analyses[:50]:
            store.add(a)
        update_links(store)
        for a in analyses[50:]:
            store.add(a)
        with ThreadPoolExecutor(2) as pool:
            done = [pool.submit(update_links, store) for _ in range(2)]
            rewritten = sorted(f.result() for f in done)  # raises what a link raised
        assert rewritten[1] > 0
        assert read_links(store).to_dict() == full_links(store).to_dict()
