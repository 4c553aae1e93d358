"""Scorers for the gold formats in ``../shared/data``, and the quality gate.

    >>> from reportedly.evaluate import evaluate_attribution, load_floors, check_floors
    >>> report = evaluate_attribution("polnear_test.jsonl", limit=200)  # doctest: +SKIP
    >>> check_floors({"attribution": report.to_dict()}, load_floors("quality/floors.json"))
    ... # doctest: +SKIP
    []

The realnews gold (``../shared/data/realnews/*/``) has three scorers, each
analysing its ``articles.jsonl``: :func:`evaluate_claims` (status, named
sources, direct quotes), :func:`evaluate_questions` (``ask`` verdicts and
evidence, over a temporary :class:`~reportedly.Corpus`) and
:func:`evaluate_realnews_events` (who did what to whom).

Floors file (``quality/floors.json``): one object per task, each mapping a
metric name of that report's ``metrics`` (``source_overlap_f1``,
``sentence_f1``, ...) to the lowest value the gate accepts. Keys starting with
``_`` are comments. Lowering a floor is an explicit, reviewed change.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import MalformedInput
from .attribution import (
    AttributionReport,
    PredAttribution,
    evaluate_attribution,
    predicted_attributions,
)
from .claims import ClaimsReport, evaluate_claims
from .events import (
    EventReport,
    PetrarchReport,
    PloverReport,
    evaluate_petrarch,
    evaluate_plover,
)
from .questions import AskReport, evaluate_questions
from .realnews_events import RealnewsEventReport, evaluate_realnews_events
from .spans import PRF
from .status import UNCERTAIN_CUE_KINDS, UncertaintyReport, evaluate_uncertainty

__all__ = [
    "PRF",
    "UNCERTAIN_CUE_KINDS",
    "AskReport",
    "AttributionReport",
    "ClaimsReport",
    "EventReport",
    "Floors",
    "PetrarchReport",
    "PloverReport",
    "PredAttribution",
    "RealnewsEventReport",
    "UncertaintyReport",
    "check_floors",
    "evaluate_attribution",
    "evaluate_claims",
    "evaluate_petrarch",
    "evaluate_plover",
    "evaluate_questions",
    "evaluate_realnews_events",
    "evaluate_uncertainty",
    "load_floors",
    "predicted_attributions",
]

#: task name -> metric name -> lowest accepted value
Floors = dict[str, dict[str, float]]


def load_floors(path: str | Path) -> Floors:
    """Read a floors file; raises :class:`~reportedly.errors.MalformedInput` if it is not valid."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise MalformedInput(f"{path}: expected an object of tasks")
    floors: Floors = {}
    for task, metrics in data.items():
        if task.startswith("_"):
            continue
        if not isinstance(metrics, dict):
            raise MalformedInput(f"{path}: {task!r} must map metric names to numbers")
        floors[task] = {}
        for name, value in metrics.items():
            if name.startswith("_"):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise MalformedInput(f"{path}: {task}.{name} must be a number, not {value!r}")
            if not 0.0 <= value <= 1.0:
                raise MalformedInput(f"{path}: {task}.{name} = {value} is outside 0..1")
            floors[task][name] = float(value)
    return floors


def check_floors(
    report_dict: Mapping[str, Any], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """One message per metric below its floor (empty when everything passes).

    ``report_dict`` maps task names to report dicts (``report.to_dict()``), e.g.
    ``{"attribution": ..., "uncertainty": ...}``. Tasks absent from it are not
    checked; a floor naming a metric the report does not have is a failure (a
    typo must not pass silently).
    """
    failures: list[str] = []
    for task, task_floors in floors.items():
        report = report_dict.get(task)
        if report is None:
            continue
        metrics = report.get("metrics", {}) if isinstance(report, Mapping) else {}
        for name, floor in task_floors.items():
            value = metrics.get(name)
            if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
                known = ", ".join(sorted(metrics)) or "none"
                failures.append(f"{task}.{name}: no such metric in the report (known: {known})")
            elif value < floor:
                failures.append(f"{task}.{name} = {value:.4f} is below its floor {floor:.4f}")
    return failures
