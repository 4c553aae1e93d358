"""The SQLite corpus store and ingest: idempotent, resumable, bad items reported and skipped."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportedly
from reportedly.corpus.ingest import LazyPipeline, ingest, ingest_one
from reportedly.corpus.store import SCHEMA_VERSION, ClaimQuery, SourceQuery, Store
from reportedly.corpus.store.sql import key_column
from reportedly.corpus.store.sqlite import SQLITE_MIGRATIONS
from reportedly.errors import ConfigError, StoreUnavailable
from reportedly.read import load_article
from reportedly.records import Analysis, Article

ARTICLES = [
    {"id": "a1", "outlet": "Harbour News", "published": "2024-05-02",
     "text": "The port reopened on Thursday after a two-week strike, officials said."},
    {"id": "a2", "outlet": "Valley Post", "published": "2024-05-03",
     "text": "Mayor Ana Ruiz said the bridge would reopen in March, according to the council."},
    {"id": "a3", "outlet": "Harbour News", "published": "2024-05-04",
     "text": "Dock workers reportedly plan another strike next month. The union denied that "
             "talks with the port authority had failed."},
]  # fmt: skip


def write_jsonl(path: Path, rows: list[dict[str, str]], bad_line: bool = False) -> Path:
    lines = [json.dumps(r) for r in rows]
    if bad_line:
        lines.insert(1, '{"text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_is_idempotent_and_reports_bad_lines(tmp_path: Path, store_location: str) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES, bad_line=True)
    errors = tmp_path / "errors.tsv"
    with Store(store_location) as store, errors.open("w") as errs:
        first = ingest([src], store, errors=errs)
        assert (first.ingested, first.skipped, first.already) == (3, 1, 0)
        claims_before = store.count("claims")
        again = ingest([src], store)
        assert (again.ingested, again.already) == (0, 3)
        assert store.count() == 3
        assert store.count("claims") == claims_before
        stored = {r["fingerprint"] for r in store.backend.rows("SELECT fingerprint FROM articles")}
        assert stored == {reportedly.Pipeline().fingerprint}
    line = errors.read_text().splitlines()[0].split("\t")
    assert line[0].endswith("a.jsonl:2")
    assert line[1] == "E006"


def test_queries_filter_by_entity_status_source_and_text(
    tmp_path: Path, store_location: str
) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    with Store(store_location) as store:
        ingest([src], store)
        ruiz = store.query(ClaimQuery(about="Ana Ruiz"))
        assert [r.text for r in ruiz] == ["the bridge would reopen in March"]
        assert ruiz[0].status == "reported"
        assert {r.status for r in store.query(ClaimQuery(status=["hedged"]))} == {"hedged"}
        assert store.query(ClaimQuery(source="the council")) or store.query(
            ClaimQuery(source="council")
        )
        assert [r.article_id for r in store.query(ClaimQuery(text="strike"))] == ["a1", "a3"]
        assert store.query(ClaimQuery(outlet="Valley Post", since="2024-05-03", until="2024-05-03"))
        names = {r.name for r in store.query(SourceQuery())}
        assert any("Ana Ruiz" in n for n in names)


def test_store_roundtrips_analyses_and_migrates(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    path = tmp_path / "news.db"
    with Store(path) as store:
        ingest([src], store)
        (analysis,) = list(store.analyses())
        assert analysis.article.id == "a1"
        assert analysis.claims
        assert store.version == SCHEMA_VERSION
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(ConfigError):
        Store(path)


def test_unreachable_postgres_is_a_clear_config_error() -> None:
    with pytest.raises(StoreUnavailable, match="cannot connect to PostgreSQL"):
        Store("postgresql://nobody:wrong@127.0.0.1:1/news?connect_timeout=2")


def test_kill_during_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    rows = [
        {**ARTICLES[i % 3], "id": f"k{i}", "text": ARTICLES[i % 3]["text"] + f" It was day {i}."}
        for i in range(12)
    ]
    src = write_jsonl(tmp_path / "many.jsonl", rows)
    exe = Path(sys.executable).parent / "reportedly"
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [str(exe), "ingest", str(src), "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # wait until some (not all) articles are in, then kill -9
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if killed.exists():
            try:
                con = sqlite3.connect(killed, timeout=1)
                stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 2:
                break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run([str(exe), "ingest", str(src), "--db", str(killed)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        ingest([src], store)

    def snapshot(path: Path) -> tuple[list[tuple[str, ...]], int, int]:
        con = sqlite3.connect(path)
        arts = sorted(con.execute("SELECT id, content_hash FROM articles").fetchall())
        n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        n_fts = con.execute("SELECT count(*) FROM claims_fts").fetchone()[0]
        con.close()
        return arts, n_claims, n_fts

    assert snapshot(killed) == snapshot(clean)


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_older_sqlite_stores_migrate_to_the_fingerprint_column(
    tmp_path: Path, version: int
) -> None:
    """A store of schema 1-3 opens, gains the fingerprint column, and keeps working."""
    path = tmp_path / f"v{version}.db"
    con = sqlite3.connect(path)
    con.create_function("rfold", 1, key_column, deterministic=True)
    for v, statements in SQLITE_MIGRATIONS:
        if v <= version:
            for sql in statements:
                assert isinstance(sql, str)
                con.execute(sql)
    con.execute(f"PRAGMA user_version={version}")
    con.commit()
    con.close()
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        ingest([src], store)
        row = store.backend.rows("SELECT fingerprint FROM articles")
        assert row == [{"fingerprint": reportedly.Pipeline().fingerprint}]


def test_each_stored_analysis_keeps_its_pipeline_fingerprint(store_location: str) -> None:
    with Store(store_location) as store:
        analysis = reportedly.analyze(ARTICLES[0]["text"], published="2024-05-02")
        assert store.add(analysis, fingerprint="attribute.v1:abc")
        rows = store.backend.rows("SELECT id, fingerprint FROM articles")
        assert rows == [{"id": analysis.article.id, "fingerprint": "attribute.v1:abc"}]


def test_ingest_one_analyses_only_new_texts(store_location: str) -> None:
    calls: list[str] = []

    class Counting(LazyPipeline):
        def __call__(self, article: Article) -> Analysis:
            calls.append(article.id)
            return super().__call__(article)

    article = load_article(ARTICLES[0]["text"], published="2024-05-02")
    with Store(store_location) as store:
        first = ingest_one(store, article, Counting(), source_item="test")
        again = ingest_one(store, article, Counting(), source_item="test")
    assert first.created
    assert first.analysis is not None
    assert not again.created
    assert again.analysis is None
    assert calls == [article.id]


def test_query_objects_are_frozen_hashable_cache_keys() -> None:
    a = ClaimQuery(about="Assad", status=["reported"])
    assert a == ClaimQuery(about="Assad", status=("reported",))
    assert hash(a) == hash(ClaimQuery(about="Assad", status=("reported",)))
    with pytest.raises(AttributeError):
        a.limit = 5  # type: ignore[misc]
