"""``reportedly eval events`` on the realnews event format (EVENTS.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.errors import MalformedInput
from reportedly.evaluate.realnews_events import (
    RealnewsEventReport,
    evaluate_realnews_events,
    is_realnews_events,
)
from reportedly.records import Actor, Analysis, Event

from .conftest import FLOOD, article, at, fake_analyze, write_jsonl

EVACUATED = "The army evacuated two villages near the dam."
ACCUSED = "The governor accused the operator of ignoring the warnings."
RAIN = "Heavy rain flooded the lower town on Sunday, officials said."


def event(words: str, plover: str, actor: str | None, target: str | None, **more: Any) -> Event:
    start, end = at(FLOOD, words)
    return Event(
        id=f"v{start}",
        claim="c1",
        text=words,
        start=start,
        end=end,
        plover=plover,
        actor=Actor(name=actor) if actor else None,
        target=Actor(name=target) if target else None,
        **more,
    )


def gold_event(sentence: str, trigger: str, plover: str, **more: Any) -> dict[str, Any]:
    return {
        "trigger": trigger,
        "trigger_start": sentence.index(trigger),
        "plover": plover,
        "actor": more.pop("actor", None),
        "target": more.pop("target", None),
        "negated": more.pop("negated", False),
        **more,
    }


def line(n: int, sentence: str, *events: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"flood-001#e{n}", "record": "flood-001", "sentence": sentence, "events": events}


@pytest.fixture
def events_file(realnews: Path) -> Path:
    return write_jsonl(
        realnews / "events.jsonl",
        [
            # a sentence with no event: what is found there is a false positive
            line(1, RAIN),
            line(
                2,
                EVACUATED,
                gold_event(
                    EVACUATED,
                    "evacuated",
                    "COERCE",
                    actor="Army",
                    actor_any_of=["Army", "military"],
                    target="villagers",
                    target_any_of=["villagers", None],
                ),
            ),
            line(
                3,
                ACCUSED,
                gold_event(ACCUSED, "accused", "ACCUSE", actor="governor", target="operator"),
                gold_event(ACCUSED, "ignoring", "REJECT", actor="operator", optional=True),
            ),
        ],
    )


def run(path: Path, *events: Event) -> RealnewsEventReport:
    analysis = Analysis(article=article("flood-001"), events=list(events))
    return evaluate_realnews_events(path, analyze=fake_analyze({"flood-001": analysis}))


def test_format_is_told_apart_from_plover_and_petrarch() -> None:
    assert is_realnews_events({"sentence": "x", "events": []})
    assert not is_realnews_events({"text": "x", "expected": [], "event": "DEMAND"})


def test_perfect_prediction(events_file: Path) -> None:
    report = run(
        events_file,
        event("evacuated", "COERCE", "the army", None),
        event("accused", "ACCUSE", "The governor", "the operator"),
    )
    assert report.gold_events == 2
    assert report.optional_events == 1
    assert report.metrics["events_precision"] == 1.0
    assert report.metrics["events_recall"] == 1.0
    assert report.metrics["events_fully_right"] == 1.0


def test_false_positive_wrong_roles_and_optional_events(events_file: Path) -> None:
    report = run(
        events_file,
        event("flooded", "ASSAULT", "Heavy rain", "the lower town"),  # a trap: not an event
        event("evacuated", "COERCE", "villagers", "the army"),  # roles swapped
        event("accused", "ACCUSE", "The governor", "the operator"),
        event("ignoring", "REJECT", "the operator", None),  # the optional event: no FP
    )
    assert (report.found.tp, report.found.fp) == (3, 1)
    assert report.recall.value == 1.0
    assert (report.actor_ok.hit, report.target_ok.hit) == (1, 1)
    assert report.fully_right.hit == 1
    assert report.misses
    assert report.misses[0]["id"] == "flood-001#e2"


def test_type_pairs_a_required_event_and_repeats_are_not_false_positives(
    events_file: Path,
) -> None:
    report = run(
        events_file,
        # the same type elsewhere in the sentence pairs with the required event
        event("the operator", "ACCUSE", "The governor", "the operator"),
        # a compound split in two at one trigger: the second is a repeat, and the roles
        # are judged on the better of the two
        event("evacuated", "COERCE", "two villages", None),
        event("evacuated", "COERCE", "The army", None),
    )
    assert (report.found.tp, report.found.fp) == (3, 0)
    assert report.fully_right.hit == 2
    # an optional event is paired by its trigger only
    assert run(events_file, event("the warnings", "REJECT", "the operator", None)).found.fp == 1


def test_polarity_and_the_also_ok_reading(realnews: Path) -> None:
    gold = gold_event(
        ACCUSED,
        "accused",
        "ACCUSE",
        actor="governor",
        target="operator",
        plover_also_ok="REJECT",
        also_ok_negated=True,
    )
    path = write_jsonl(realnews / "events.jsonl", [line(3, ACCUSED, gold)])
    negative = event("accused", "REJECT", "governor", "operator", polarity="negative")
    assert run(path, negative).polarity_ok.hit == 1
    wrong = event("accused", "ACCUSE", "governor", "operator", polarity="negative")
    assert run(path, wrong).polarity_ok.hit == 0
    assert run(path, wrong).type_ok.hit == 1


def test_no_target_given_and_none_expected(realnews: Path) -> None:
    gold = gold_event(EVACUATED, "evacuated", "COERCE", actor="army")
    path = write_jsonl(realnews / "events.jsonl", [line(2, EVACUATED, gold)])
    assert run(path, event("evacuated", "COERCE", "army", None)).target_ok.hit == 1
    assert run(path, event("evacuated", "COERCE", "army", "villages")).target_ok.hit == 0
    assert run(path, event("evacuated", "COERCE", "he", None)).actor_ok.hit == 0


def test_malformed_gold_is_a_coded_error(realnews: Path) -> None:
    bad = gold_event(ACCUSED, "accused", "ACCUSE")
    bad["trigger_start"] += 1
    path = write_jsonl(realnews / "events.jsonl", [line(3, ACCUSED, bad)])
    with pytest.raises(MalformedInput, match="is not at"):
        run(path)
    write_jsonl(path, [{"id": "x", "sentence": ACCUSED, "events": []}])
    with pytest.raises(MalformedInput, match="needs 'record'"):
        run(path)


def test_report_is_json_and_renders(events_file: Path) -> None:
    report = run(events_file, event("accused", "ACCUSE", "The governor", "the operator"))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "realnews_events"
    assert data["scores"]["events_fully_right"] == {"hit": 1, "total": 2, "value": 0.5}
    out = io.StringIO()
    report.render(Console(file=out, width=120))
    assert "fully right" in out.getvalue()


def test_cli_reads_the_realnews_format(events_file: Path) -> None:
    args = [
        "eval",
        "events",
        str(events_file),
        "--articles",
        str(events_file.parent / "articles.jsonl"),
    ]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["task"] == "realnews_events"
