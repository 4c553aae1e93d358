"""``reportedly relink``: the whole corpus linked again, in one process or on Dask
workers, gives the reference links (every linker over every analysis), whatever the
incremental links before it were."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.corpus import story_index
from reportedly.corpus.link_rows import read_links
from reportedly.corpus.links import full_links
from reportedly.corpus.relink import relink
from reportedly.corpus.store import Store

EXAMPLES = Path(__file__).parents[2] / "examples" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus (a copy, a denial that contradicts) ingested and linked."""
    db = tmp_path_factory.mktemp("relink") / "ex.db"
    res = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def _rows(store: Store) -> list[list[object]]:
    """Every link row, in a fixed order (what two relinks must agree on)."""
    out: list[list[object]] = []
    for table, order in (
        ("link_stories", "story_id"),
        ("link_members", "article_id"),
        ("link_clusters", "story_id"),
        ("link_contradictions", "story_id, n"),
        ("link_copies", "article_id"),
    ):
        out += [
            [table, *r.values()]
            for r in store.backend.rows(f"SELECT * FROM {table} ORDER BY {order}")
        ]
    return out


def test_relink_recomputes_every_story_and_gives_the_reference(
    tmp_path: Path, example_db: Path
) -> None:
    db = tmp_path / "a.db"
    db.write_bytes(example_db.read_bytes())
    with Store(db) as store:
        before = _rows(store)
        stories = len(read_links(store).stories)
        assert relink(store) == stories  # every story's rows written again
        assert read_links(store).to_dict() == full_links(store).to_dict()
        assert _rows(store) == before  # nothing drifted on a corpus linked in one go


def test_relink_resets_rows_that_drifted(tmp_path: Path, example_db: Path) -> None:
    """A story row whose clusters were lost (as a drifted or damaged row) is made again."""
    db = tmp_path / "b.db"
    db.write_bytes(example_db.read_bytes())
    with Store(db) as store:
        reference = full_links(store).to_dict()
        store.backend.execute("DELETE FROM link_clusters")
        store.backend.execute("DELETE FROM link_contradictions")
        assert read_links(store).to_dict() != reference
        relink(store)
        assert read_links(store).to_dict() == reference


def test_relink_on_two_workers_writes_the_same_rows(
    tmp_path: Path, example_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(story_index, "CLAIM_BATCH", 1)  # a batch per story: several tasks
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    one.write_bytes(example_db.read_bytes())
    two.write_bytes(example_db.read_bytes())
    with Store(one) as store:
        relink(store)
        expected = _rows(store)
    with Store(two) as store:
        store.backend.execute("DELETE FROM link_clusters")
        relink(store, workers=2)
        assert _rows(store) == expected


def test_relink_command(tmp_path: Path, example_db: Path) -> None:
    db = tmp_path / "c.db"
    db.write_bytes(example_db.read_bytes())
    res = CliRunner().invoke(app, ["relink", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "relinked" in res.output
    assert "contradictions" in res.output
    bad = CliRunner().invoke(app, ["relink", "--db", str(db), "--workers", "0"])
    assert bad.exit_code != 0
