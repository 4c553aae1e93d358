"""``reportedly eval ask``: verdicts, evidence and confident mistakes on realnews questions."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from reportedly.ask.answer import VERDICTS, Answer, Evidence, PartAnswer
from reportedly.cli import app
from reportedly.errors import MalformedInput
from reportedly.evaluate.questions import (
    NOT_ANSWERED,
    AskReport,
    GoldQuestion,
    cited_records,
    evaluate_questions,
    judge,
    read_questions,
)


def question(qid: str, text: str, accept: list[str], **ids: list[str]) -> dict[str, Any]:
    return {
        "id": qid,
        "question": text,
        "accept": accept,
        "best": accept[0],
        "reading": "-",
        "support_ids": ids.get("support", []),
        "contra_ids": ids.get("contra", []),
        "distractor_ids": ids.get("distractor", []),
    }


def gold(accept: list[str], **ids: list[str]) -> GoldQuestion:
    item = question("q1", "Was the bridge destroyed?", accept, **ids)
    return GoldQuestion(
        id=item["id"],
        question=item["question"],
        accept=tuple(accept),
        best=accept[0],
        support_ids=frozenset(item["support_ids"]),
        contra_ids=frozenset(item["contra_ids"]),
        distractor_ids=frozenset(item["distractor_ids"]),
    )


def test_verdict_accepted_and_best() -> None:
    q = gold(["denied", "contested"], contra=["bridge-001"])
    assert judge(q, "denied", ("bridge-001",)).best_hit
    contested = judge(q, "contested", ("bridge-001",))
    assert contested.accepted
    assert not contested.best_hit
    assert not judge(q, "reported", ()).accepted


def test_evidence_needs_a_relevant_record_and_no_distractor() -> None:
    q = gold(["reported"], support=["bridge-001"], distractor=["flood-001"])
    assert judge(q, "reported", ("bridge-001",)).evidence_right
    assert not judge(q, "reported", ("bridge-001", "flood-001")).evidence_right
    assert not judge(q, "reported", ()).evidence_right
    # a no-evidence question: citing no distractor is enough
    none = gold(["no_evidence"], distractor=["flood-001"])
    assert judge(none, "no_evidence", ()).evidence_right
    assert not judge(none, "no_evidence", ("flood-001",)).evidence_right
    assert not judge(none, NOT_ANSWERED, ()).evidence_right


def test_confidently_wrong_answers() -> None:
    assert judge(gold(["denied", "contested"]), "confirmed", ()).confidently_wrong
    assert judge(gold(["confirmed", "reported"]), "denied", ()).confidently_wrong
    assert not judge(gold(["reported", "confirmed"]), "confirmed", ()).confidently_wrong
    assert not judge(gold(["contested", "denied"]), "denied", ()).confidently_wrong


def evidence(article: str, url: str | None = None) -> Evidence:
    return Evidence(
        article=article,
        claim="c1",
        outlet=None,
        date=None,
        event_date=None,
        sentence="",
        text="",
        status="reported",
        polarity="positive",
        source_chain=[],
        chain=[],
        voice="",
        url=url,
    )


def test_cited_records_by_id_then_by_url_in_order() -> None:
    part = PartAnswer(
        about="-",
        actor=None,
        action="-",
        families=[],
        target=None,
        verdict="reported",
        evidence=[evidence("a9", "https://example.org/flood-001"), evidence("bridge-001")],
    )
    answer = Answer(
        question="-",
        verdict="reported",
        parts=[part],
        explanation="",
        evidence=[evidence("bridge-001"), evidence("x", None)],
        counts={},
        missing=[],
    )
    urls = {"https://example.org/flood-001": "flood-001"}
    assert cited_records(answer, urls, {"bridge-001", "flood-001"}) == ("bridge-001", "flood-001")


def test_malformed_questions_are_coded_errors(tmp_path: Path) -> None:
    path = tmp_path / "questions.json"
    for bad in ("{", '{"q": 1}', '[{"question": "x?", "accept": ["reported"], "best": "denied"}]'):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(MalformedInput):
            read_questions(path)
    with pytest.raises(MalformedInput, match="cannot read"):
        read_questions(tmp_path / "missing.json")


@pytest.fixture
def questions(realnews: Path) -> Path:
    path = realnews / "questions.json"
    items = [
        question(
            "q1",
            "Did the army evacuate two villages near the dam?",
            ["reported", "confirmed"],
            support=["flood-001"],
            distractor=["bridge-001"],
        ),
        question("q2", "Did the bridge collapse into the river?", ["denied", "contested"]),
        question("q3", "", ["no_evidence"]),  # a bad question: skipped, not a traceback
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_questions_are_asked_over_a_temporary_corpus(questions: Path) -> None:
    report = evaluate_questions(questions)
    assert report.ingested == 2
    assert report.ingest_skipped == 0
    assert [r.id for r in report.results] == ["q1", "q2", "q3"]
    assert all(r.verdict in (*VERDICTS, NOT_ANSWERED) for r in report.results)
    assert all(set(r.cited) <= {"bridge-001", "flood-001"} for r in report.results)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["counts"]["questions"] == 3
    assert set(data["metrics"]) == set(AskReport(path="x").metrics)
    out = io.StringIO()
    report.render(Console(file=out, width=120))
    assert "verdicts accepted" in out.getvalue()
    assert evaluate_questions(questions, limit=1).results[0].id == "q1"


def test_cli_prints_one_line_per_question(questions: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "ask", str(questions), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "q1" in result.stdout
    assert "q2" in result.stdout
    assert "confidently wrong" in " ".join(result.stdout.split())
