"""Ingest: read articles, analyse the new ones, store them; one bad item never stops a run.

Idempotent and resumable: each article is committed on its own, and an article whose
content hash is already stored is skipped, so a rerun after an interruption (even
``kill -9``) picks up where it stopped without duplicates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import ReportedlyError
from ..pipeline import Pipeline
from ..read import ReadFailure, read_path
from ..read.fetch import Fetcher
from .store import Store


@dataclass
class IngestSummary:
    read: int = 0
    ingested: int = 0
    already: int = 0  # same content hash already stored (copies and reruns)
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # error code -> count


Progress = Callable[[IngestSummary, str], None]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: str | None = None,
    outlet: str | None = None,
    errors: TextIO | None = None,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    fetcher: Fetcher | None = None,
) -> IngestSummary:
    """Analyse and store every article under ``paths``; report failures to ``errors``."""
    summary = IngestSummary()
    pipe = pipeline

    def fail(item: str, exc: ReportedlyError) -> None:
        summary.skipped += 1
        summary.reasons[exc.code] += 1
        if errors is not None:
            line = str(exc).replace("\t", " ").replace("\n", " ")
            errors.write(f"{item}\t{exc.code}\t{line}\n")
            errors.flush()

    for path in paths:
        for item in read_path(path, published=published, outlet=outlet, fetcher=fetcher):
            summary.read += 1
            if isinstance(item, ReadFailure):
                fail(item.item, item.error)
            elif store.has(item.content_hash):
                summary.already += 1
            else:
                if pipe is None:
                    pipe = Pipeline()
                name = str(item.meta.get("source_item") or item.url or item.id)
                try:
                    analysis = pipe(item)
                except ReportedlyError as exc:
                    fail(name, exc)
                else:
                    if store.add(analysis, source_item=str(path)):
                        summary.ingested += 1
                    else:
                        summary.already += 1
            if progress is not None:
                progress(summary, str(path))
    return summary
