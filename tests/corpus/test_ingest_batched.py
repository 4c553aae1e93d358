"""Serial ingest analyses runs of new articles together (Pipeline.pipe): the store, the
summary, the error lines and the progress calls are those of one article at a time."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from reportedly import settings
from reportedly.corpus import ingest as ingest_module
from reportedly.corpus.ingest import IngestSummary, ingest
from reportedly.corpus.store import Store
from reportedly.records import to_dict

ROWS = [
    {"outlet": "Lakeside Herald", "published": "2025-06-02",
     "text": "The ferry to Innsholm was cancelled on Monday because of high winds, the operator "
             "said. Passengers were offered refunds, a spokeswoman told the Herald."},
    {"outlet": "Lakeside Herald", "published": "2025-06-03",
     "text": "Council member Rosa Imbert said the new library would probably open in autumn. "
             "The mayor denied that the budget had been cut."},
    {"outlet": "North Wire", "published": "2025-06-03",
     "text": "Police in Dunmere arrested two men after a break-in at a jewellery shop, "
             "according to a police statement. The men are believed to be brothers."},
    {"outlet": "North Wire", "published": "2025-06-04",
     "text": "Farmers in the valley may lose half their harvest if the drought continues, "
             "the agriculture office warned on Wednesday. " * 3},
]  # fmt: skip


def _write(path: Path) -> Path:
    rows = [ROWS[0], ROWS[1], ROWS[0], ROWS[2], ROWS[3], ROWS[1]]  # two copies
    lines = [json.dumps(r) for r in rows]
    lines.insert(2, '{"text": ')  # a bad line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(path: Path, db: Path) -> tuple[IngestSummary, str, list[tuple[int, int]], Any]:
    errors = io.StringIO()
    progress: list[tuple[int, int]] = []
    with Store(str(db)) as store:
        summary = ingest(
            [path],
            store,
            errors=errors,
            progress=lambda s, _path: progress.append((s.read, s.ingested)),
        )
        ids = sorted(r["id"] for r in store.backend.rows("SELECT id FROM articles"))
        stored = {}
        for article_id in ids:
            analysis = store.article(article_id)
            assert analysis is not None
            stored[article_id] = json.dumps(to_dict(analysis), sort_keys=True)
    return summary, errors.getvalue(), progress, stored


def test_runs_of_articles_store_what_one_at_a_time_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MAX_ARTICLE_CHARS", 300)  # the drought article is too long
    src = _write(tmp_path / "in.jsonl")
    batched = _run(src, tmp_path / "batched.db")
    monkeypatch.setattr(ingest_module, "BATCH_CHARS", 1)  # every run is one article
    alone = _run(src, tmp_path / "alone.db")
    assert batched == alone
    summary, errors, progress, stored = batched
    assert (summary.read, summary.ingested, summary.already, summary.skipped) == (7, 3, 2, 2)
    assert [line.split("\t")[1] for line in errors.splitlines()] == ["E006", "E004"]
    assert [read for read, _ in progress] == list(range(1, 8))
    assert len(stored) == 3


def test_a_text_stored_before_the_run_is_not_analysed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _write(tmp_path / "in.jsonl")
    db = tmp_path / "store.db"
    first = _run(src, db)[0]
    assert first.ingested == 4
    analysed: list[int] = []
    real = ingest_module.LazyPipeline.pipe

    def counting(self: ingest_module.LazyPipeline, articles: list[Any]) -> list[Any]:
        analysed.append(len(articles))
        return real(self, articles)

    monkeypatch.setattr(ingest_module.LazyPipeline, "pipe", counting)
    again = _run(src, db)[0]
    assert (again.ingested, again.already) == (0, 6)
    assert sum(analysed) == 0
