"""The corpus from the command line (entities, events --db, stories, contradictions) and from
Python (reportedly.Corpus, to_pandas), with the corpus links computed once and cached."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import reportedly
from reportedly.cli import app
from reportedly.corpus.link_rows import read_links
from reportedly.corpus.links import compute_links, corpus_links
from reportedly.corpus.store import Store
from reportedly.records import Analysis

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, corpus: list[Analysis]) -> str:
    path = str(tmp_path / "news.db")
    with Store(path) as store:
        for a in corpus:
            store.add(a)
    return path


def run(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_entities_command_merges_names_across_articles(db: str) -> None:
    rows = json.loads(run("entities", "--db", db, "--format", "json"))
    assad = [r for r in rows if "Assad" in r["entity"]]
    assert len(assad) == 1
    assert assad[0]["articles"] >= 3
    assert "Assad" in assad[0]["aliases"]
    one = json.loads(run("entities", "--db", db, "--name", "Khamenei", "--format", "json"))
    assert len(one) == 1
    assert one[0]["articles"] >= 3
    places = json.loads(run("entities", "--db", db, "--type", "place", "--format", "json"))
    assert places
    assert {r["type"] for r in places} == {"PLACE"}


def test_events_command_queries_a_corpus(db: str) -> None:
    rows = json.loads(run("events", "--db", db, "--actor", "Larijani", "--format", "json"))
    assert rows
    assert all("Larijani" in r["actor"] for r in rows)
    assert {r["article_id"] for r in rows} >= {"seed"}
    table = run("events", "--db", db, "--plover", "consult")
    assert "CONSULT" in table
    res = runner.invoke(app, ["events"])
    assert res.exit_code != 0
    assert "--db" in res.output


def test_stories_and_contradictions_read_the_link_rows(db: str) -> None:
    out = json.loads(run("stories", "--db", db, "--format", "json"))
    syria = next(s for s in out if "seed" in s["articles"])
    assert sorted(syria["articles"]) == ["copy", "seed", "sohr", "week"]
    assert syria["copies"] == ["copy"]
    assert json.loads(run("contradictions", "--db", db, "--format", "json")) == []
    with Store(db) as store:
        state = store.backend.rows("SELECT fingerprint FROM link_state")
        assert state == [{"fingerprint": store.fingerprint()}]
        assert read_links(store).to_dict() == compute_links(store).to_dict()
        assert store.load_links(store.fingerprint()) is None  # no blob


def test_bad_full_text_query_is_a_clear_error(db: str) -> None:
    res = runner.invoke(app, ["claims", "--db", db, "--search", '"unbalanced'])
    assert res.exit_code == 3
    assert "bad query" in res.output


@pytest.fixture
def corpus_api(store_location: str, corpus: list[Analysis]) -> Iterator[reportedly.Corpus]:
    with reportedly.Corpus(store_location) as c:
        for a in corpus:
            c.store.add(a)
        yield c


def test_corpus_python_api(corpus_api: reportedly.Corpus) -> None:
    c = corpus_api
    assert len(c) == 7
    assert "articles=7" in repr(c)
    assert c.claims(about="Assad", status=["reported"])
    assert c.events(about="Assad")
    assert c.entities(name="Assad")
    assert c.sources()
    assert c.article("seed") is not None
    stories = c.stories()
    assert any(sorted(s.articles) == ["copy", "seed", "sohr", "week"] for s in stories)
    assert c.links().to_dict() == corpus_links(c.store).to_dict()
    seed = c.story_of("seed")
    assert seed is not None
    assert sorted(seed.articles) == ["copy", "seed", "sohr", "week"]
    assert c.story(seed.id) == seed
    assert c.stories(offset=0, limit=1) == stories[:1]
    assert c.story("s-none") is None
    assert c.story_of("no-such-article") is None
    assert c.contradictions() == []
    assert c.ask("Who visited Assad in Damascus?").verdict != "no_evidence"


def test_to_pandas(corpus_api: reportedly.Corpus) -> None:
    pd = pytest.importorskip("pandas")
    claims = corpus_api.to_pandas("claims", about="Assad")
    assert isinstance(claims, pd.DataFrame)
    assert len(claims) > 10
    assert {"status", "text", "sources", "outlet"} <= set(claims.columns)
    assert len(corpus_api.to_pandas("stories")) == 3
    assert len(corpus_api.to_pandas("entities")) > 5
    with pytest.raises(ValueError, match="unknown table"):
        corpus_api.to_pandas("nope")


def test_ingest_through_the_api(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("The mayor said the bridge would reopen in March.\n", encoding="utf-8")
    with reportedly.Corpus(tmp_path / "c.db") as c:
        summary = c.ingest(src, published="2024-05-01")
        assert summary.ingested == 1
        assert len(c) == 1
        assert c.ingest(src).already == 1


def test_contradictions_of_the_example_corpus_skip_copies(tmp_path: Path) -> None:
    """The denial of Larijani's visit contradicts the seed and the rewrite; the syndicated
    copy repeats the seed and is not listed again."""
    db = str(tmp_path / "ex.db")
    examples = Path(__file__).parents[2] / "examples" / "corpus" / "articles.jsonl"
    run("ingest", str(examples), "--db", db)
    found = json.loads(run("contradictions", "--db", db, "--format", "json"))
    pairs = {tuple(sorted((k["claim_a"][0], k["claim_b"][0]))) for k in found}
    assert ("denial", "seed") in pairs
    assert ("denial", "week") in pairs
    assert not any("copy" in p for p in pairs)
    assert {k["reason"] for k in found} == {"denial"}
