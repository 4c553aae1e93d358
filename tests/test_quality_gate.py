"""The quality gate: accuracy floors pinned in quality/floors.json.

``pytest -m gate`` runs reportedly over the full gold files in ``../shared/data``
(or ``$REPORTEDLY_SHARED_DATA``), the realnews groups included (claims, ask and
events, each group against the same floors), and fails listing every metric
under its floor.
It is skipped when the data is not there. The other tests here check the floors
file and ``check_floors`` itself and always run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from reportedly import Pipeline
from reportedly.errors import MalformedInput
from reportedly.evaluate import (
    AskReport,
    AttributionReport,
    ClaimsReport,
    PetrarchReport,
    PloverReport,
    RealnewsEventReport,
    UncertaintyReport,
    check_floors,
    evaluate_attribution,
    evaluate_claims,
    evaluate_petrarch,
    evaluate_plover,
    evaluate_questions,
    evaluate_realnews_events,
    evaluate_uncertainty,
    load_floors,
)
from reportedly.evaluate.spans import PRF
from reportedly.evaluate.stories import StoriesReport, evaluate_stories
from reportedly.records import Analysis, Article

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "quality" / "floors.json"


def shared_data() -> Path:
    override = os.environ.get("REPORTEDLY_SHARED_DATA")
    return Path(override) if override else ROOT.parent / "shared" / "data"


@pytest.mark.gate
def test_quality_gate() -> None:
    data = shared_data()
    attribution = data / "attribution" / "polnear_test.jsonl"
    uncertainty = data / "status" / "uncertainty.jsonl"
    plover = data / "events" / "plover_gsr.jsonl"
    petrarch = data / "events" / "petrarch2_gsr.jsonl"
    stories = data / "stories" / "clusters.jsonl"
    files = (attribution, uncertainty, plover, petrarch, stories)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        pytest.skip(f"gold data not found ({', '.join(missing)}); set REPORTEDLY_SHARED_DATA")
    reports = {
        "attribution": evaluate_attribution(attribution).to_dict(),
        "uncertainty": evaluate_uncertainty(uncertainty).to_dict(),
        "plover": evaluate_plover(plover).to_dict(),
        "petrarch": evaluate_petrarch(petrarch).to_dict(),
        "stories": evaluate_stories(stories).to_dict(),
    }
    failures = check_floors(reports, load_floors(FLOORS))
    summary = {task: report["metrics"] for task, report in reports.items()}
    assert not failures, (
        "below the floors:\n"
        + "\n".join(failures)
        + ("\nmeasured: " + json.dumps(summary, indent=1))
    )


#: The realnews groups: each must clear the same floors (set under the lower of the two).
REALNEWS_GROUPS = ("group1", "group2")


@pytest.mark.gate
@pytest.mark.parametrize("group", REALNEWS_GROUPS)
def test_realnews_quality_gate(group: str) -> None:
    folder = shared_data() / "realnews" / group
    files = [folder / n for n in ("articles.jsonl", "attribution.jsonl", "questions.json")]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        pytest.skip(f"gold data not found ({', '.join(missing)}); set REPORTEDLY_SHARED_DATA")
    pipeline = Pipeline()
    analysed: dict[str, Analysis] = {}

    def analyze(article: Article) -> Analysis:  # claims and events share the analyses
        if article.id not in analysed:
            analysed[article.id] = pipeline(article)
        return analysed[article.id]

    reports = {
        "claims": evaluate_claims(folder / "attribution.jsonl", analyze=analyze).to_dict(),
        "ask": evaluate_questions(folder / "questions.json").to_dict(),
    }
    if (folder / "events.jsonl").is_file():
        events = evaluate_realnews_events(folder / "events.jsonl", analyze=analyze)
        reports["realnews_events"] = events.to_dict()
    failures = check_floors(reports, load_floors(FLOORS))
    summary = {task: report["metrics"] for task, report in reports.items()}
    assert not failures, (
        f"{group} below the floors:\n"
        + "\n".join(failures)
        + ("\nmeasured: " + json.dumps(summary, indent=1))
    )


def test_floors_file_names_only_known_metrics() -> None:
    floors = load_floors(FLOORS)
    assert set(floors) == {
        "attribution",
        "uncertainty",
        "plover",
        "petrarch",
        "stories",
        "claims",
        "ask",
        "realnews_events",
    }
    uncertainty = UncertaintyReport(path="x")
    for corpus in ("szeged_factbank", "szeged_wikiweasel", "BioScope abstracts"):
        uncertainty.corpora[corpus] = PRF()
    known = {
        "attribution": set(AttributionReport(path="x").metrics),
        "uncertainty": set(uncertainty.metrics),
        "plover": set(PloverReport(path="x").metrics),
        "petrarch": set(PetrarchReport(path="x").metrics),
        "stories": set(StoriesReport(path="x").metrics),
        "claims": set(ClaimsReport(path="x").metrics),
        "ask": set(AskReport(path="x").metrics),
        "realnews_events": set(RealnewsEventReport(path="x").metrics),
    }
    for task, metrics in floors.items():
        assert set(metrics) <= known[task], task


def report(metrics: dict[str, float]) -> dict[str, Any]:
    return {"metrics": metrics}


def test_check_floors_lists_every_metric_below_its_floor() -> None:
    floors = {"attribution": {"source_overlap_f1": 0.6, "cue_overlap_f1": 0.5, "cue_exact_f1": 0.4}}
    reports = {
        "attribution": report(
            {"source_overlap_f1": 0.59, "cue_overlap_f1": 0.5, "cue_exact_f1": 0.1}
        )
    }
    failures = check_floors(reports, floors)
    assert len(failures) == 2
    assert failures[0].startswith("attribution.source_overlap_f1 = 0.5900 is below its floor 0.6")
    assert "cue_exact_f1" in failures[1]


def test_check_floors_flags_unknown_metrics_and_skips_absent_tasks() -> None:
    floors = {"attribution": {"sorce_f1": 0.1}, "uncertainty": {"sentence_f1": 0.9}}
    failures = check_floors({"attribution": report({"source_overlap_f1": 1.0})}, floors)
    assert failures == [
        "attribution.sorce_f1: no such metric in the report (known: source_overlap_f1)"
    ]


def test_load_floors_rejects_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text('{"_about": "x", "attribution": {"_note": "y", "cue_exact_f1": 0.5}}')
    assert load_floors(path) == {"attribution": {"cue_exact_f1": 0.5}}
    for bad in ('{"attribution": {"cue_exact_f1": 1.5}}', '{"attribution": [1]}', "{", "[]"):
        path.write_text(bad)
        with pytest.raises(MalformedInput):
            load_floors(path)
