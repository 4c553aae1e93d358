"""Parallel ingest (Dask workers) stores the same corpus as a single-process run."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus import ingest as ingest_module
from reportedly.corpus.ingest import IngestSummary, ingest
from reportedly.corpus.store import ClaimQuery, SourceQuery, Store
from reportedly.records import to_dict

SEED = (Path(__file__).parent.parent / "data" / "seed_article.txt").read_text(encoding="utf-8")
TEXTS = {
    "seed": SEED,
    "week": "Assad sought help from Trump and Khamenei, The Week says\n\n"
    "Syrian President Bashar al-Assad turned to Donald Trump and Ayatollah Ali Khamenei in a "
    "final attempt to stay in power, The Week reported. Rebels captured Damascus on Sunday.\n\n"
    "Ali Larijani, a senior advisor to Khamenei, visited Assad in Damascus on Friday, according "
    "to The Week.\n",
    "football": "Harbour City win the cup final on penalties\n\n"
    "Harbour City beat Riverside Rovers on penalties on Saturday. Coach Elena Ruiz said the "
    "players had shown great spirit. Captain Marco Vidal reportedly scored the opening goal.\n",
    "comet": "Astronomers spot a new comet\n\n"
    "Astronomers at the Kestrel Observatory discovered a new comet on Tuesday, the observatory "
    "said. Lead astronomer Priya Natarajan said the comet may become visible next spring.\n",
    "strike": "Dock workers may strike again\n\n"
    "Dock workers reportedly plan another strike next month. The union denied that talks with "
    "the port authority had failed, its spokesman Tom Hale told reporters.\n",
}


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    # the seed again under another name: a copy that is in flight when it is read
    (folder / "seed_again.txt").write_text(SEED, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")  # a bad file
    lines = [
        json.dumps({"id": "j1", "text": "The port reopened on Thursday, officials said."}),
        '{"text": ',  # a bad line
        json.dumps({"id": "j2", "text": "Mayor Ana Ruiz said the bridge would reopen."}),
    ]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _run(folder: Path, db: Path, **kwargs: Any) -> tuple[IngestSummary, str, dict[str, Any]]:
    errors = io.StringIO()
    with Store(db) as store:
        summary = ingest(
            [folder],
            store,
            published="2024-12-08",
            outlet="Test Wire",
            errors=errors,
            **kwargs,
        )
        content = {
            "counts": {
                t: store.count(t)
                for t in ("articles", "claims", "events", "mentions", "claim_sources")
            },
            "analyses": sorted(
                (to_dict(a) for a in store.analyses()), key=lambda a: a["article"]["id"]
            ),
            "claims": sorted(store.query(ClaimQuery(limit=100_000)), key=repr),
            "sources": sorted(store.query(SourceQuery(limit=1000)), key=repr),
            # the workers store the fingerprint of the pipeline they built from its config
            "fingerprints": {
                r["fingerprint"] for r in store.backend.rows("SELECT fingerprint FROM articles")
            },
        }
        again = ingest([folder], store, **kwargs)  # all stored: no cluster is started
        assert again.ingested == 0
        assert again.already == summary.ingested + summary.already
    return summary, errors.getvalue(), content


Run = tuple[IngestSummary, str, dict[str, Any]]


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    tmp = tmp_path_factory.mktemp("workers")
    folder = _inputs(tmp / "in")
    return folder, _run(folder, tmp / "one.db")


def _same(one: Run, two: Run) -> None:
    (s1, errors_one, content_one), (s2, errors_two, content_two) = one, two
    assert (s1.read, s1.ingested, s1.already, s1.skipped) == (10, 7, 1, 2)
    assert (s2.read, s2.ingested, s2.already, s2.skipped) == (10, 7, 1, 2)
    assert s2.reasons == s1.reasons
    assert errors_two == errors_one
    reported = [line.split("\t")[0] for line in errors_two.splitlines()]
    assert any(r.endswith("empty.txt") for r in reported)
    assert any(r.endswith("more.jsonl:2") for r in reported)
    assert content_one["counts"]["articles"] == 7
    assert content_one["counts"]["claims"] > 20
    assert content_two == content_one


def test_two_workers_store_what_one_process_stores(
    serial: tuple[Path, Run], tmp_path: Path
) -> None:
    folder, one = serial
    _same(one, _run(folder, tmp_path / "two.db", workers=2))


@pytest.mark.parametrize("batch_chars", [1, 400])
def test_batches_of_any_size_store_what_one_process_stores(
    serial: tuple[Path, Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_chars: int
) -> None:
    # one article per task, or a few: the results still come back to the right articles
    monkeypatch.setattr(ingest_module, "WORKER_BATCH_CHARS", batch_chars)
    folder, one = serial
    _same(one, _run(folder, tmp_path / f"batches{batch_chars}.db", workers=2))


def test_an_existing_cluster_stores_what_one_process_stores(
    serial: tuple[Path, Run], tmp_path: Path
) -> None:
    from distributed import Client, LocalCluster

    folder, one = serial
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        _same(one, _run(folder, tmp_path / "remote.db", scheduler=cluster.scheduler_address))
