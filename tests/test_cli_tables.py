"""Tables at 80 columns: no line longer, no cell cut to "…", and ``--wide`` for one line a row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.cli.render import set_wide

ARTICLES = [
    {
        "title": "Harbour authority delays the opening of the new container terminal",
        "outlet": "The Northern Coastal Courier and Evening Gazette",
        "published": "2026-03-10",
        "text": (
            "The Rotterdam-Antwerp Intercontinental Harbour Authority said on Tuesday that the "
            "opening of the new container terminal would be delayed until September because "
            "the dredging contractors had found unexploded ordnance near the northern quay. "
            "Maximiliano Fernández-Villaverde, the authority's chief operating officer, said "
            "the delay would probably cost the shipping companies several million euros. "
            "Local fishermen reportedly blocked the access channel on Monday. Dutch police "
            "arrested two protesters in Rotterdam on Monday evening."
        ),
    },
    {
        "title": "Terminal opening pushed back",
        "outlet": "Harbour Business Weekly",
        "published": "2026-03-11",
        "text": (
            "The Rotterdam-Antwerp Intercontinental Harbour Authority said the opening of the "
            "new container terminal would be delayed until September. Maximiliano "
            "Fernández-Villaverde said the dredging contractors had found unexploded ordnance "
            "near the northern quay."
        ),
    },
]
#: The longest cell the tables show whole: the first claim's words, unwrapped with --wide.
LONG = "the opening of the new container terminal would be delayed until September"
COMMANDS = [
    ["claims"],
    ["entities"],
    ["sources"],
    ["stories"],
    ["events", "--db-placeholder"],
    ["contradictions"],
    ["ask", "Was the opening of the container terminal delayed?"],
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("tables")
    src = folder / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = str(folder / "c.db")
    result = CliRunner().invoke(app, ["-q", "ingest", str(src), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(autouse=True)
def _narrow_again() -> Any:
    yield
    set_wide(False)


def run(*args: str, columns: int = 80) -> Any:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result


def _args(command: list[str], db: str) -> list[str]:
    if command[-1] == "--db-placeholder":
        return [*command[:-1], "--db", db]
    return [*command, "--db", db]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_tables_fit_80_columns_without_cut_cells(command: list[str], corpus: str) -> None:
    text = run(*_args(command, corpus)).stdout
    assert text.strip()
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80, text
    assert "…" not in text, text
    if command[0] in ("claims", "ask"):  # the long claim is all there, wrapped
        assert all(w in text.split() for w in LONG.split())


@pytest.mark.parametrize("command", [["claims"], ["events", "--db-placeholder"]], ids=str)
def test_wide_puts_a_row_on_one_line(command: list[str], corpus: str) -> None:
    text = run("--wide", *_args(command, corpus)).stdout
    assert "…" not in text
    narrow_lines = run(*_args(command, corpus)).stdout.splitlines()
    assert len(text.splitlines()) <= len(narrow_lines)
    if command[0] == "claims":
        assert any(LONG in line for line in text.splitlines())
    else:
        header = next(line for line in text.splitlines() if "date" in line)
        assert "plover" in header
        assert "cameo" in header  # a column per field when there is room


def test_sources_merge_status_counts_only_when_narrow(corpus: str) -> None:
    narrow = run("sources", "--db", corpus).stdout
    assert "statuses" in narrow
    wide = run("--wide", "sources", "--db", corpus).stdout
    assert "statuses" not in wide
    assert "reported" in wide.splitlines()[2]  # the header names every status column


def test_analyze_and_events_tables_fit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLES[0]["text"], encoding="utf-8")
    for command in ("analyze", "events"):
        text = run(command, str(path)).stdout
        assert max(len(line) for line in text.splitlines()) <= 80, text
        assert "…" not in text
