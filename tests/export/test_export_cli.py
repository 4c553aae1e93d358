"""``reportedly export events``: GDELT rows without a header by default, ``--header``
and ``--provenance``, and ``--db`` reading a store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.export.gdelt import COLUMNS, GDELT_COLUMNS

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed" / "article.txt"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_gdelt_rows_have_61_columns_and_no_header(tmp_path: Path) -> None:
    result = run("export", "events", str(SEED), "--published", "2024-12-08")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) for line in lines)
    assert lines[0].split("\t")[0] == "1"


def test_header_and_provenance_options() -> None:
    result = run(
        "export", "events", str(SEED), "--published", "2024-12-08", "--header", "--provenance"
    )
    assert result.exit_code == 0, result.output
    head, *rows = result.stdout.splitlines()
    assert head.split("\t") == list(COLUMNS)
    assert rows
    assert all(len(r.split("\t")) == len(COLUMNS) for r in rows)


def test_export_reads_a_store(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run("ingest", str(SEED), "--db", db, "--published", "2024-12-08").exit_code == 0
    direct = run("export", "events", str(SEED), "--published", "2024-12-08").stdout
    stored = run("export", "events", "--db", db)
    assert stored.exit_code == 0, stored.output
    assert len(stored.stdout.splitlines()) == len(direct.splitlines()) > 0
    plover = run("export", "events", "--db", db, "--format", "plover")
    assert plover.exit_code == 0
    assert plover.stdout.count("\n") == len(direct.splitlines())


def test_export_of_a_missing_store_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = run("export", "events", "--db", str(missing))
    assert result.exit_code != 0
    assert "E104" in result.output
    assert not missing.exists()


def test_export_without_articles_or_store_is_an_error() -> None:
    result = run("export", "events")
    assert result.exit_code != 0
    assert "E006" in result.output
