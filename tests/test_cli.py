"""The ``reportedly`` command line: analyze, stages, eval, exit codes and error lines."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import typer
from typer.testing import CliRunner

from reportedly import errors
from reportedly.cli import app
from reportedly.errors import EXIT_BELOW_FLOOR
from reportedly.evaluate import AttributionReport, UncertaintyReport

ROOT = Path(__file__).resolve().parents[1]
#: The documents whose ``reportedly ...`` lines must be real commands (front page, manual).
DOCS = (ROOT / "README.md", ROOT / "docs" / "MANUAL.md")
EXE = Path(sys.executable).parent / "reportedly"

ARTICLE = (
    "Bridge to reopen in March\n\n"
    "The mayor said the bridge would reopen in March. "
    "The singer allegedly cancelled the rest of her tour.\n"
)
JSONL_ARTICLES = [
    {"title": "One", "text": "The mayor said the bridge would reopen in March."},
    {"title": "Two", "text": "Police said two men were arrested on Friday."},
    {"title": "Three", "text": "The minister denied that she had taken the money."},
]
FRENCH = (
    "Le conseil municipal a annoncé mardi que le nouveau pont ne pourrait pas ouvrir avant "
    "la fin de l'année, car les travaux sur les berges du fleuve ont pris plus de temps que "
    "prévu par les ingénieurs de la ville.\n"
)
CLAIM_KEYS = {"text", "start", "end", "status", "cues", "source_chain", "direct_quote"}


def invoke(*args: str, input: str | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- analyze


def test_analyze_table_shows_claims_with_their_status(article: Path) -> None:
    result = invoke("analyze", str(article))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Bridge to reopen in March" in out
    assert "reported" in out
    assert "hedged" in out
    assert "allegedly" in out
    assert "entities" in out


def test_analyze_json_has_every_part_of_the_analysis(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"article", "entities", "claims", "events", "attributions"} <= set(data)
    assert data["article"]["title"] == "Bridge to reopen in March"
    assert data["claims"]
    for claim in data["claims"]:
        assert set(claim) >= CLAIM_KEYS, sorted(claim)
        text = data["article"]["text"]
        assert text[claim["start"] : claim["end"]] == claim["text"]
    statuses = {c["text"]: c["status"] for c in data["claims"]}
    assert statuses["the bridge would reopen in March"] == "reported"
    assert [a["cue"]["text"] for a in data["attributions"]] == ["said"]


def test_analyze_jsonl_skips_a_bad_line_and_exits_partial(tmp_path: Path) -> None:
    lines = [json.dumps(a) for a in JSONL_ARTICLES]
    lines.insert(2, "{not json")
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("analyze", str(path), "--format", "jsonl")
    assert result.exit_code == errors.EXIT_PARTIAL == 6
    out_lines = result.stdout.splitlines()
    assert len(out_lines) == 3
    titles = [json.loads(line)["article"]["title"] for line in out_lines]
    assert titles == ["One", "Two", "Three"]
    err = result.stderr
    assert err.startswith("skipped")
    assert f"{path}:3" in err.replace("\n", "")
    assert "[E006]" in err
    assert "3 analysed, 1 skipped" in err


def test_analyze_csv_has_a_header_and_a_row_per_claim(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert header[:4] == ["article", "claim", "status", "text"]
    assert {"start", "end", "sources", "cues", "direct_quote"} <= set(header)
    assert rows
    assert "reported" in {r["status"] for r in rows}


def test_analyze_reads_stdin() -> None:
    result = invoke("analyze", "-", "--format", "json", input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Bridge to reopen in March"
    assert "reported" in {c["status"] for c in data["claims"]}


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "large.txt"
    sentence = b"The mayor said the bridge would reopen in March. "
    path.write_bytes(sentence * (10 * 1024 * 1024 // len(sentence) + 2))
    assert path.stat().st_size > 10 * 1024 * 1024
    return path


def _french(tmp_path: Path) -> Path:
    path = tmp_path / "french.txt"
    path.write_text(FRENCH, encoding="utf-8")
    return path


BAD_INPUTS = [("E001", _empty), ("E002", _binary), ("E004", _too_large), ("E005", _french)]


@pytest.mark.parametrize(("code", "make"), BAD_INPUTS, ids=[c for c, _ in BAD_INPUTS])
def test_bad_input_exits_3_with_its_code(code: str, make: Any, tmp_path: Path) -> None:
    result = invoke("analyze", str(make(tmp_path)))
    assert result.exit_code == errors.EXIT_INPUT == 3
    assert result.stdout == ""
    err = " ".join(result.stderr.split())
    assert f"[{code}]" in err
    assert "Traceback" not in result.stderr
    assert len(re.findall(r"\[E\d{3}\]", err)) == 1  # one error, said once


@pytest.mark.parametrize(("code", "make"), BAD_INPUTS, ids=[c for c, _ in BAD_INPUTS])
def test_bad_input_error_is_one_line(
    code: str, make: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("analyze", str(make(tmp_path)))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert f"[{code}]" in lines[0]


# --------------------------------------------------------------------------- stages


def test_stages_lists_the_default_pipeline() -> None:
    result = invoke("stages")
    assert result.exit_code == 0, result.stderr
    listed = {
        line.split("│")[1].strip()
        for line in result.stdout.splitlines()
        if line.startswith("│") and line.split("│")[1].strip()
    }
    names = ("clean", "nlp", "entities", "attribute", "status", "claims")
    assert {f"{name}.v1" for name in names} <= listed  # versioned names


# --------------------------------------------------------------------------- eval


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


P1 = "The mayor said the bridge was closed on Friday."
P2 = "Police told reporters that two men were arrested."
ATTRIBUTION_GOLD = [
    {
        "id": "p1",
        "text": P1,
        "attributions": [
            {
                "source_spans": [_span(P1, "The mayor")],
                "cue_spans": [_span(P1, "said")],
                "content_spans": [_span(P1, "the bridge was closed on Friday")],
                "has_source": True,
            }
        ],
    },
    {
        "id": "p2",
        "text": P2,
        "attributions": [
            {
                "source_spans": [_span(P2, "Police")],
                "cue_spans": [_span(P2, "told")],
                "content_spans": [_span(P2, "two men were arrested")],
                "has_source": True,
            },
            # no reasonable prediction matches this one: recall stays below 1.0
            {
                "source_spans": [],
                "cue_spans": [_span(P2, "reporters")],
                "content_spans": [_span(P2, "Police")],
                "has_source": False,
            },
        ],
    },
]
S1 = "The singer allegedly cancelled the rest of her tour."
S2 = "The council approved the budget on Monday."
UNCERTAINTY_GOLD = [
    {
        "id": "s1",
        "text": S1,
        "uncertain": True,
        "cues": [
            {
                "text": "allegedly",
                "start": _span(S1, "allegedly")[0],
                "end": _span(S1, "allegedly")[1],
                "type": "hedge",
            }
        ],
        "meta": {"corpus": "tiny"},
    },
    {"id": "s2", "text": S2, "uncertain": False, "cues": [], "meta": {"corpus": "tiny"}},
]


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def attribution_gold(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "polnear_tiny.jsonl", ATTRIBUTION_GOLD)


@pytest.fixture
def uncertainty_gold(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "uncertainty_tiny.jsonl", UNCERTAINTY_GOLD)


def _floors(tmp_path: Path, value: float) -> Path:
    floors = {
        "_about": "every metric at the same floor",
        "attribution": dict.fromkeys(AttributionReport(path="x").metrics, value),
        "uncertainty": dict.fromkeys(["sentence_f1", "cue_overlap_f1"], value),
    }
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors), encoding="utf-8")
    return path


def test_eval_attribution_json_gives_metrics(attribution_gold: Path) -> None:
    result = invoke("eval", "attribution", str(attribution_gold), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "attribution"
    assert data["counts"]["paragraphs"] == 2
    assert data["counts"]["gold_attributions"] == 3
    assert data["counts"]["skipped"] == 0
    metrics = data["metrics"]
    assert set(AttributionReport(path="x").metrics) == set(metrics)
    assert all(0.0 <= v <= 1.0 for v in metrics.values())
    assert metrics["content_overlap_f1"] > 0.0  # "The mayor said ..." is found
    assert metrics["attribution_recall"] < 1.0  # the made-up third gold is not


def test_eval_attribution_table_and_limit(attribution_gold: Path) -> None:
    result = invoke("eval", "attribution", str(attribution_gold), "--limit", "1")
    assert result.exit_code == 0, result.stderr
    assert "Attribution spans" in result.stdout
    assert "1 paragraphs" in result.stdout


def test_eval_status_json_gives_metrics(uncertainty_gold: Path) -> None:
    result = invoke("eval", "status", str(uncertainty_gold), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "uncertainty"
    assert data["counts"]["sentences"] == 2
    assert data["counts"]["gold_uncertain"] == 1
    metrics = data["metrics"]
    assert set(UncertaintyReport(path="x").metrics) <= set(metrics)
    assert {"sentence_f1", "cue_overlap_f1", "tiny_sentence_f1"} <= set(metrics)
    assert metrics["sentence_f1"] == 1.0  # "allegedly" is a hedge, the budget is not


def test_eval_below_floors_exits_7(attribution_gold: Path, tmp_path: Path) -> None:
    floors = _floors(tmp_path, 1.0)
    result = invoke(
        "eval", "attribution", str(attribution_gold), "--format", "json", "--floors", str(floors)
    )
    assert result.exit_code == EXIT_BELOW_FLOOR == 7
    assert json.loads(result.stdout)["task"] == "attribution"  # the report is still written
    assert "below floor" in result.stderr
    assert "attribution.attribution_recall" in result.stderr


def test_eval_status_below_floors_exits_7(uncertainty_gold: Path, tmp_path: Path) -> None:
    gold = _jsonl(
        tmp_path / "missed.jsonl",
        [{**UNCERTAINTY_GOLD[1], "uncertain": True, "cues": [{"start": 4, "end": 11}]}],
    )
    result = invoke("eval", "status", str(gold), "--floors", str(_floors(tmp_path, 1.0)))
    assert result.exit_code == EXIT_BELOW_FLOOR


def test_eval_at_zero_floors_passes(attribution_gold: Path, tmp_path: Path) -> None:
    floors = _floors(tmp_path, 0.0)
    result = invoke("eval", "attribution", str(attribution_gold), "--floors", str(floors))
    assert result.exit_code == 0, result.stderr


def test_eval_of_malformed_gold_is_an_input_error(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "bad.jsonl", [{"id": "x"}])
    result = invoke("eval", "attribution", str(path))
    assert result.exit_code == errors.EXIT_INPUT
    assert "[E006]" in " ".join(result.stderr.split())


# --------------------------------------------------------------------------- main()


def run_exe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REPORTEDLY_DEBUG"}
    return subprocess.run(
        [str(EXE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_main_input_error_has_no_traceback(tmp_path: Path) -> None:
    _empty(tmp_path)
    proc = run_exe("analyze", "empty.txt", cwd=tmp_path)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "[E001]" in proc.stderr
    assert proc.stdout == ""


def test_main_usage_and_eval_errors_have_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "gold.jsonl").write_text("{broken\n", encoding="utf-8")
    proc = run_exe("eval", "status", "gold.jsonl", cwd=tmp_path)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "[E006]" in proc.stderr
    usage = run_exe("analyze", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == errors.EXIT_USAGE == 2
    assert "Traceback" not in usage.stderr


# --------------------------------------------------------------------------- README


def test_the_docs_show_commands() -> None:
    assert len(README_COMMANDS) > 40  # the front page and the manual are both read


def _readme_commands() -> list[str]:
    """The command lines shown in the code blocks of README.md and docs/MANUAL.md
    (``reportedly ...``, ``$`` allowed)."""
    commands: list[str] = []
    for doc in DOCS:
        commands += _doc_commands(doc.read_text(encoding="utf-8")) if doc.exists() else []
    return commands


def _doc_commands(text: str) -> list[str]:
    commands: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        line = line.strip().removeprefix("$ ")
        if in_code and line.startswith("reportedly "):
            # drop pipes and redirections; program output ("reportedly Pipeline 7.9 ...")
            # does not name a lower-case command
            line = line.split(" | ")[0].split(" > ")[0]
            words = shlex.split(line, comments=True)
            if words[1:2] and words[1][:1].islower():
                commands.append(shlex.join(words))
    return commands


def _split(words: list[str]) -> tuple[list[str], click.Command]:
    """The leading words that name (sub)commands of the app, and the command they name."""
    command: Any = typer.main.get_command(app)
    path: list[str] = []
    for word in words:
        subcommands = getattr(command, "commands", None)  # a group (typer's or click's)
        if not isinstance(subcommands, dict) or word not in subcommands:
            break
        path.append(word)
        command = subcommands[word]
    return path, command


README_COMMANDS = _readme_commands()


@pytest.mark.parametrize("line", README_COMMANDS)
def test_readme_command_has_working_help(line: str) -> None:
    words = shlex.split(line)[1:]
    path, command = _split(words)
    assert path, f"the docs show a command the CLI does not have: {line}"
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
    # the options and arguments shown parse (nothing is run)
    with command.make_context("reportedly " + " ".join(path), words[len(path) :]):
        pass


def test_version_option_prints_the_version() -> None:
    from typer.testing import CliRunner

    from reportedly.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("reportedly ")


READ_COMMANDS = [
    ["ask", "Did the council close the bridge?"],
    ["claims"],
    ["entities"],
    ["sources"],
    ["stories"],
    ["contradictions"],
    ["events"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_a_missing_corpus_is_e104_with_the_path(
    command: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "typo.db"
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == errors.StoreUnavailable.exit_code
    assert "[E104]" in result.output
    assert "typo.db" in result.output
    assert not db.exists()  # no empty store was made in its place


def test_serve_read_only_on_a_missing_corpus_is_e104(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    db = tmp_path / "typo.db"
    result = invoke("serve", "--db", str(db))
    assert result.exit_code == errors.StoreUnavailable.exit_code
    assert "[E104]" in result.output
    assert not db.exists()


def test_ingest_still_creates_the_corpus(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert invoke("ingest", str(article), "--db", str(db)).exit_code == 0
    assert db.exists()
    assert invoke("claims", "--db", str(db)).exit_code == 0
