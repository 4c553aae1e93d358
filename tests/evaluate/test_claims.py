"""``reportedly eval claims``: the claim of a gold sentence, status, sources, quotes."""

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
from reportedly.evaluate.claims import (
    NO_CLAIM,
    ClaimsReport,
    best_alternative,
    evaluate_claims,
)
from reportedly.records import Analysis, Claim, Source

from .conftest import BRIDGE, article, at, fake_analyze, write_jsonl

DENIAL = "Mayor Anna Petrenko denied reports that the bridge was destroyed."
QUOTE = '"We will rebuild it within a month," Petrenko told the Daily Example.'
CLOSED = "The bridge was closed on Tuesday."
MINISTRY = "The defence ministry said on Monday that its troops had crossed the river."


def outlet() -> Source:
    return Source(name="Example Wire", kind="outlet", level=0)


def claim(
    cid: str,
    sentence: str,
    content: str,
    status: Any,
    *sources: Source,
    quote: bool = False,
) -> Claim:
    s0, s1 = at(BRIDGE, sentence)
    c0, c1 = at(BRIDGE, content)
    return Claim(
        id=cid,
        text=content,
        start=c0,
        end=c1,
        status=status,
        sentence_start=s0,
        sentence_end=s1,
        source_chain=[outlet(), *sources],
        direct_quote=quote,
    )


def person(name: str, kind: Any = "person") -> Source:
    return Source(name=name, kind=kind, level=1)


def bridge_analysis() -> Analysis:
    claims = [
        # the outlet's frame around the ministry's claim, and the claim itself
        claim("c1", MINISTRY, MINISTRY, "asserted"),
        claim(
            "c2",
            MINISTRY,
            "its troops had crossed the river",
            "reported",
            person("defence ministry", "government"),
        ),
        claim("c3", DENIAL, "the bridge was destroyed", "denied", person("Anna Petrenko")),
        claim(
            "c4", QUOTE, "We will rebuild it within a month", "reported", person("he"), quote=True
        ),
        claim("c5", CLOSED, CLOSED, "asserted"),
    ]
    return Analysis(article=article("bridge-001"), claims=claims)


def gold(gid: str, sentence: str, status: str, sources: list[str], **more: Any) -> dict[str, Any]:
    return {
        "id": gid,
        "record": "bridge-001",
        "sentence": sentence,
        "status": status,
        "sources": sources,
        "cues": [],
        "direct_quote": False,
        "claim_gist": "-",
        **more,
    }


@pytest.fixture
def attribution(realnews: Path) -> Path:
    return write_jsonl(
        realnews / "attribution.jsonl",
        [
            # the dateline is left out of the gold sentence
            gold(
                "bridge-001#1",
                MINISTRY,
                "reported",
                ["Defence Ministry"],
                sources_any_of=[["Defence Ministry"], []],
            ),
            gold("bridge-001#2", DENIAL, "denied", ["Anna Petrenko"]),
            gold(
                "bridge-001#3",
                QUOTE,
                "reported",
                ["Anna Petrenko", "Daily Example"],
                sources_any_of=[["Anna Petrenko", "Daily Example"], ["Anna Petrenko"]],
                direct_quote=True,
            ),
            gold("bridge-001#4", CLOSED, "hedged", [], status_also_ok="asserted"),
        ],
    )


def run(path: Path, analysis: Analysis | None = None) -> ClaimsReport:
    analyses = {"bridge-001": analysis or bridge_analysis()}
    return evaluate_claims(path, analyze=fake_analyze(analyses))


def test_statuses_with_also_ok_and_the_frame_left_out(attribution: Path) -> None:
    report = run(attribution)
    got = {i["id"]: i["predicted"] for i in report.items}
    # c1 (asserted, the outlet's "the ministry said" frame) gives way to c2
    assert got == {
        "bridge-001#1": "reported",
        "bridge-001#2": "denied",
        "bridge-001#3": "reported",
        "bridge-001#4": "asserted",
    }
    assert report.status.hit == 4  # asserted is the also-ok status of #4
    assert report.status_strict.hit == 3
    assert report.confusion[("hedged", "asserted")] == 1
    assert report.metrics["status_accuracy"] == 1.0


def test_named_sources_recall_and_precision(attribution: Path) -> None:
    report = run(attribution)
    # #1 "defence ministry" ~ "Defence Ministry"; #2 Petrenko; #3 "he" is no name: 0 of 1
    # (the best list is ["Anna Petrenko"]), and a wrong cited name
    assert (report.sources.tp, report.sources.fp, report.sources.fn) == (2, 1, 1)
    assert report.metrics["named_source_recall"] == pytest.approx(2 / 3)
    assert report.metrics["cited_source_precision"] == pytest.approx(2 / 3)


def test_direct_quotes_and_their_speakers(attribution: Path) -> None:
    report = run(attribution)
    assert report.direct_quote.hit == 4
    assert (report.quote_speaker.hit, report.quote_speaker.total) == (1, 1)
    silent = bridge_analysis()
    silent.claims[3].source_chain = [outlet()]
    assert run(attribution, silent).quote_speaker.hit == 0


def test_a_sentence_without_a_claim_is_none(attribution: Path) -> None:
    analysis = bridge_analysis()
    analysis.claims = [c for c in analysis.claims if c.id != "c5"]
    report = run(attribution, analysis)
    assert report.no_claim == 1
    assert report.confusion[("hedged", NO_CLAIM)] == 1
    assert not report.items[-1]["status_ok"]


def test_best_alternative_prefers_pairs_then_fewest_errors_then_primary() -> None:
    alternatives = (("Anna Petrenko", "Daily Example"), ("Anna Petrenko",), ())
    assert best_alternative([("Petrenko",)], alternatives).gold == ("Anna Petrenko",)
    assert best_alternative([("Petrenko",), ("Daily Example",)], alternatives).pairs == 2
    assert best_alternative([("nobody",)], alternatives).gold == ()
    assert best_alternative([], alternatives).gold == ()
    # a resolved entity's canonical name counts as well as the words
    assert best_alternative([("he", "Anna Petrenko")], alternatives).pairs == 1


def test_anonymous_sources_are_not_cited_names(attribution: Path) -> None:
    analysis = bridge_analysis()
    analysis.claims[4].source_chain.append(person("officials", "anonymous"))
    analysis.claims[4].status = "hedged"
    report = run(attribution, analysis)
    assert report.items[-1]["cited"] == []
    assert report.items[-1]["status_ok"]


def test_malformed_gold_is_a_coded_error(realnews: Path) -> None:
    path = realnews / "attribution.jsonl"
    write_jsonl(path, [gold("bridge-001#1", "Not in the text.", "reported", [])])
    with pytest.raises(MalformedInput, match="not in the text"):
        run(path)
    write_jsonl(path, [gold("bridge-001#1", CLOSED, "rumoured", [])])
    with pytest.raises(MalformedInput, match="not a status"):
        run(path)
    write_jsonl(path, [{**gold("x#1", CLOSED, "reported", []), "record": "nowhere-001"}])
    with pytest.raises(MalformedInput, match="not in the articles"):
        run(path)
    with pytest.raises(MalformedInput, match="articles file not found"):
        evaluate_claims(path, articles=realnews / "missing.jsonl")


def test_report_is_json_and_renders(attribution: Path) -> None:
    report = run(attribution)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "claims"
    assert data["counts"]["sentences"] == 4
    assert set(data["metrics"]) == set(ClaimsReport(path="x").metrics)
    out = io.StringIO()
    report.render(Console(file=out, width=120))
    assert "named-source recall" in out.getvalue()
    assert "Status confusion" in out.getvalue()


def test_cli_runs_the_pipeline(attribution: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "claims", str(attribution), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["sentences"] == 4
    assert all(0.0 <= v <= 1.0 for v in data["metrics"].values())
