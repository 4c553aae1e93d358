"""A link after new articles re-clusters only the stories they can touch (issue 13):
those with an article inside the new articles' time window, with the document
frequencies kept as rows (``story_df``, schema 12) counted at ingest.

The articles are ours: two happenings months apart (a harbour flood in January, a council
budget vote in June), a few reports each.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from reportedly.corpus.link_rows import local_stories, read_links, update_links
from reportedly.corpus.links import corpus_links, full_links
from reportedly.corpus.store import SCHEMA_VERSION, Store
from reportedly.corpus.store.story_df import CORPUS, fill_story_df
from reportedly.corpus.stories import corpus_weights
from reportedly.corpus.story_index import stored_units
from reportedly.records import Analysis, Article, Entity, Mention

FLOOD = [
    "Floodwater covered the harbour road at Wexmoor after the sea wall gave way overnight.",
    "The Wexmoor harbour master said the sea wall breach flooded forty homes by the road.",
    "Pumps drained the flooded harbour road at Wexmoor as engineers inspected the sea wall.",
]
BUDGET = [
    "Councillors in Dunmere voted the library budget down after a long evening debate.",
    "The Dunmere council budget vote left the library without money for its new wing.",
    "After the Dunmere budget vote the library board asked councillors for a new debate.",
]
LATE = "Dunmere councillors agreed to a second library budget vote after the debate."


def _analysis(k: int, text: str, day: str | None, place: str) -> Analysis:
    return Analysis(
        article=Article(text=text, id=f"n{k:03d}", title=text[:40], published=day),
        entities=[Entity(id="e0", canonical=place, type="PLACE", mentions=[Mention(place, 0, 1)])],
    )


def _corpus() -> list[Analysis]:
    flood = [_analysis(k, t, f"2025-01-0{k + 2}", "Wexmoor") for k, t in enumerate(FLOOD)]
    budget = [_analysis(10 + k, t, f"2025-06-1{k}", "Dunmere") for k, t in enumerate(BUDGET)]
    return flood + budget


def _df_rows(store: Store) -> dict[str, int]:
    rows = store.backend.rows("SELECT feature, df FROM story_df")
    return {str(r["feature"]): int(r["df"]) for r in rows}


def _counted(store: Store) -> dict[str, int]:
    df, n = corpus_weights(u.features for u in stored_units(store))
    return {**df, CORPUS: n}


def test_the_df_rows_count_every_stored_story_unit(store_location: str) -> None:
    with Store(store_location) as store:
        for a in _corpus():
            store.add(a)
        store.add(_corpus()[0])  # stored already: counted once
        assert _df_rows(store) == _counted(store)
        assert _df_rows(store)[CORPUS] == 6
        store.backend.execute("DELETE FROM story_df")
        fill_story_df(store.backend)  # the migration's count gives the same rows
        assert _df_rows(store) == _counted(store)


def test_a_version_11_store_gets_its_df_rows(tmp_path: Path) -> None:
    path = tmp_path / "v11.db"
    with Store(path) as store:
        for a in _corpus():
            store.add(a)
        corpus_links(store)
        counted = _counted(store)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE story_df")
    con.execute("PRAGMA user_version=11")
    con.commit()
    con.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION >= 12
        assert _df_rows(store) == counted


def test_a_link_reclusters_only_the_stories_of_the_new_articles_window(
    store_location: str,
) -> None:
    with Store(store_location) as store:
        for a in _corpus():
            store.add(a)
        links = corpus_links(store)
        assert [len(s.articles) for s in links.stories] == [3, 3]
        flood_id = links.stories[0].id
        before = store.backend.rows(
            "SELECT data, key FROM link_stories WHERE story_id = ?", [flood_id]
        )
        store.add(_analysis(20, LATE, "2025-06-20", "Dunmere"))
        local = local_stories(store, [], [])
        assert local is not None
        stories, replaced = local
        assert flood_id not in replaced  # months before the new article: left alone
        assert [len(s.articles) for s in stories] == [4]
        assert update_links(store) == 1  # only the budget story is rewritten
        after = store.backend.rows(
            "SELECT data, key FROM link_stories WHERE story_id = ?", [flood_id]
        )
        assert after == before
        incremental = read_links(store).to_dict()
        assert incremental == full_links(store).to_dict()
        update_links(store, force=True)  # the full path, from every story unit
        assert read_links(store).to_dict() == incremental


def test_an_undated_new_article_reclusters_every_story(store_location: str) -> None:
    with Store(store_location) as store:
        for a in _corpus():
            store.add(a)
        corpus_links(store)
        store.add(_analysis(21, LATE, None, "Dunmere"))  # a candidate of every article
        assert local_stories(store, [], []) is None
        assert corpus_links(store).to_dict() == full_links(store).to_dict()


_KILLED_COUNT = """
import os, signal, sys
from reportedly.corpus.store import Store, story_df, writer
from reportedly.records import Analysis, Article

count = story_df.count_unit

def count_then_die(db, features):
    count(db, features)  # the features counted, the article's transaction still open
    os.kill(os.getpid(), signal.SIGKILL)

writer.count_unit = count_then_die
with Store(sys.argv[1]) as store:
    store.add(Analysis(article=Article(text=sys.argv[2], id="late", published="2025-06-20")))
"""


def test_a_kill_9_while_counting_leaves_the_df_rows_of_the_stored_units(
    store_location: str,
) -> None:
    with Store(store_location) as store:
        for a in _corpus():
            store.add(a)
        corpus_links(store)
        before = _df_rows(store)
        done = subprocess.run(
            [sys.executable, "-c", _KILLED_COUNT, store_location, LATE],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
        assert store.count() == 6
        assert _df_rows(store) == before == _counted(store)
        store.add(_analysis(20, LATE, "2025-06-20", "Dunmere"))
        assert _df_rows(store) == _counted(store)
        assert corpus_links(store).to_dict() == full_links(store).to_dict()


_KILLED_LINK = """
import os, signal, sys
from reportedly.corpus import link_rows
from reportedly.corpus.links import corpus_links
from reportedly.corpus.store import Store

put = link_rows._put_stories

def put_then_die(db, rows):
    put(db, rows)  # the local update's rows half written, its transaction still open
    os.kill(os.getpid(), signal.SIGKILL)

link_rows._put_stories = put_then_die
with Store(sys.argv[1]) as store:
    corpus_links(store)
"""


def test_a_kill_9_during_a_local_update_leaves_a_store_that_links_right(
    store_location: str,
) -> None:
    with Store(store_location) as store:
        for a in _corpus():
            store.add(a)
        before = corpus_links(store).to_dict()
        store.add(_analysis(20, LATE, "2025-06-20", "Dunmere"))
        done = subprocess.run(
            [sys.executable, "-c", _KILLED_LINK, store_location],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
        assert read_links(store).to_dict() == before
        assert _df_rows(store) == _counted(store)
        assert corpus_links(store).to_dict() == full_links(store).to_dict()
