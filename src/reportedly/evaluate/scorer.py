"""The loop every file scorer runs: read the gold records, score each, time the run."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .progress import Progress, with_progress
from .report import Report
from .spans import read_jsonl

__all__ = ["Scorer"]

A = TypeVar("A")
R = TypeVar("R", bound=Report)

#: Scores one gold record: ``(report, analyze, id, record, where)``; ``where`` names the
#: record in errors.
ScoreRecord = Callable[[R, A, str, dict[str, Any], str], None]


@dataclass(frozen=True)
class Scorer(Generic[A, R]):
    """A scorer of a JSON Lines gold file, called as ``scorer(path, analyze, limit,
    progress=...)``.

    ``analyze`` defaults to ``default()``; ``limit`` takes the first N records;
    ``progress(done, total)`` is called after each one. A record on which ``analyze``
    raises a :class:`~reportedly.errors.ReportedlyError` is counted as skipped (the
    ``score`` function decides what it then predicts).
    """

    report: type[R]
    default: Callable[[], A]
    score: ScoreRecord[R, A]

    def __call__(
        self,
        path: str | Path,
        analyze: A | None = None,
        limit: int | None = None,
        *,
        progress: Progress | None = None,
    ) -> R:
        run = analyze if analyze is not None else self.default()
        records = read_jsonl(path, limit)
        report = self.report(path=str(path))
        started = time.perf_counter()
        for n, record in with_progress(records, progress):
            rid = str(record.get("id", n))
            self.score(report, run, rid, record, f"{path}: item {rid}")
        report.seconds = time.perf_counter() - started
        return report
