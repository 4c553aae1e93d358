"""The global options of the command line: ``-q``/``-v`` and shell completion."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportedly import errors
from reportedly.cli import app
from reportedly.cli.render import set_verbosity

EXE = Path(sys.executable).parent / "reportedly"
ENGLISH = "The mayor said the bridge would reopen in March, officials told reporters.\n"
DUTCH = (
    "De gemeente heeft woensdag laten weten dat de brug pas in maart weer open gaat voor "
    "fietsers en voetgangers.\n"
)


@pytest.fixture(autouse=True)
def _default_verbosity() -> Iterator[None]:
    """Every test leaves the loggers and the verbosity as a plain run has them."""
    yield
    set_verbosity(0)
    logger = logging.getLogger("reportedly")
    logger.setLevel(logging.NOTSET)
    for h in list(logger.handlers):
        logger.removeHandler(h)


@pytest.fixture
def two_articles(tmp_path: Path) -> list[str]:
    good, bad = tmp_path / "good.txt", tmp_path / "dutch.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    bad.write_text(DUTCH, encoding="utf-8")
    return [str(good), str(bad)]


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_default_prints_skips_and_summary_but_no_log_lines(two_articles: list[str]) -> None:
    result = run("analyze", "-f", "json", *two_articles)
    assert result.exit_code == errors.EXIT_PARTIAL
    assert json.loads(result.stdout)["claims"]
    assert "skipped" in result.stderr
    assert "1 analysed, 1 skipped" in result.stderr
    assert "INFO" not in result.stderr


def test_quiet_prints_only_results_and_errors(two_articles: list[str], tmp_path: Path) -> None:
    result = run("-q", "analyze", "-f", "json", *two_articles)
    assert result.exit_code == errors.EXIT_PARTIAL  # the exit code still tells
    assert json.loads(result.stdout)["claims"]
    assert result.stderr == ""
    assert logging.getLogger("reportedly").getEffectiveLevel() == logging.ERROR
    # an error is printed whatever -q
    missing = run("-q", "claims", "--db", str(tmp_path / "typo.db"))
    assert missing.exit_code == errors.StoreUnavailable.exit_code
    assert "[E104]" in missing.stderr


def test_quiet_ingest_prints_nothing(two_articles: list[str], tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    loud = run("ingest", two_articles[0], "--db", db, "--no-link")
    assert "ingested 1" in loud.stdout
    quiet = run("-q", "ingest", two_articles[0], "--db", str(tmp_path / "d.db"), "--no-link")
    assert quiet.exit_code == 0
    assert quiet.stdout == ""
    assert quiet.stderr == ""


def test_verbose_says_what_each_article_gave(two_articles: list[str]) -> None:
    result = run("-v", "analyze", "-f", "json", *two_articles)
    info = [line for line in result.stderr.splitlines() if line.startswith("INFO")]
    assert len(info) == 1
    assert "claim" in info[0]
    assert " s (" in info[0]
    assert "DEBUG" not in result.stderr
    assert logging.getLogger("reportedly").getEffectiveLevel() == logging.INFO


def test_verbose_twice_is_debug(two_articles: list[str]) -> None:
    result = run("-vv", "analyze", "-f", "json", two_articles[0])
    assert result.exit_code == 0
    assert "DEBUG reportedly.cli.analyze: pipeline: clean" in result.stderr
    assert logging.getLogger("reportedly").getEffectiveLevel() == logging.DEBUG


def test_quiet_and_verbose_together_is_a_usage_error() -> None:
    result = run("-q", "-v", "stages")
    assert result.exit_code == 2
    assert "not both" in result.output


def test_show_completion_prints_a_bash_script(monkeypatch: pytest.MonkeyPatch) -> None:
    # typer reads the shell from the process tree ("bash" after the flag is not taken as
    # its value): under make the nearest shell is sh, which has no completion script
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="reportedly")
    assert result.exit_code == 0
    assert "complete " in result.stdout
    assert "_REPORTEDLY_COMPLETE=complete_bash" in result.stdout
    assert "--install-completion" in run("--help").stdout


@pytest.mark.skipif(not EXE.exists(), reason="the reportedly script is not installed")
def test_bash_completion_completes_command_names() -> None:
    env = {
        **os.environ,
        "_REPORTEDLY_COMPLETE": "complete_bash",
        "COMP_WORDS": "reportedly cla",
        "COMP_CWORD": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
    }
    done = subprocess.run([str(EXE)], env=env, capture_output=True, text=True, timeout=120)
    assert "claims" in done.stdout.split()
