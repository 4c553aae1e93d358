"""Score hedging and speculation against sentence-level uncertainty gold.

Gold: JSON Lines, one sentence per line::

    {"id": "...", "text": "...", "uncertain": true,
     "cues": [{"text": "rumored", "start": 14, "end": 21, "type": "speculation_modal_probable"}],
     "meta": {"corpus": "szeged_factbank"}}

Each sentence is analysed on its own. It is predicted uncertain when the
analysis holds a cue of a kind in :data:`UNCERTAIN_CUE_KINDS`. Claim statuses
are not used: a claim can be ``hedged`` only because its source is anonymous,
and the gold never marks "according to" or "sources" as uncertain (that is
attribution, not hedging). Scores: sentence-level P/R/F1, overall and per
corpus (``meta.corpus``), and cue-level P/R/F1 of the predicted cue spans of
those kinds against the gold cue spans.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput, ReportedlyError
from .skips import Skips
from .spans import (
    MATCH_MODES,
    PRF,
    Item,
    OffsetMap,
    Span,
    SpanText,
    plain_text_analyze,
    read_jsonl,
    score,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Analysis, Cue

Analyze = Callable[[str], "Analysis"]
Progress = Callable[[int, int], None]

#: Cue kinds that make a sentence uncertain.
UNCERTAIN_CUE_KINDS: frozenset[str] = frozenset({"hedge", "speculation", "conditional"})
#: How many failed items the report keeps as examples.
UNKNOWN_CORPUS = "unknown"


def uncertainty_cues(analysis: Analysis) -> list[Cue]:
    """The hedge, speculation and conditional cues anywhere in an analysis, each span once:
    the article's hedges (wherever they stand) and the cues of its claims and sources."""
    seen: dict[tuple[int, int], Cue] = {}
    for cue in analysis.hedges:
        if cue.kind in UNCERTAIN_CUE_KINDS:
            seen.setdefault((cue.start, cue.end), cue)
    for claim in analysis.claims:
        cues = list(claim.cues) + [s.cue for s in claim.source_chain if s.cue is not None]
        for cue in cues:
            if cue.kind in UNCERTAIN_CUE_KINDS:
                seen.setdefault((cue.start, cue.end), cue)
    return sorted(seen.values(), key=lambda c: (c.start, c.end))


def _gold_cues(record: dict[str, Any], where: str) -> list[Item]:
    items: list[Item] = []
    for cue in record.get("cues") or []:
        try:
            pieces = cue.get("spans") or [[cue["start"], cue["end"]]]
            items.append(tuple((int(s), int(e)) for s, e in pieces))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise MalformedInput(f"{where}: a cue needs start/end or spans") from exc
    return items


def slug(name: str) -> str:
    """A metric-name-safe form of a corpus name ("BioScope abstracts" -> "bioscope_abstracts")."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_") or UNKNOWN_CORPUS


@dataclass
class UncertaintyReport(Skips):
    """Sentence- and cue-level P/R/F1 of uncertainty detection."""

    path: str
    sentences: int = 0
    gold_uncertain: int = 0
    predicted_uncertain: int = 0
    sentence: PRF = field(default_factory=PRF)
    corpora: dict[str, PRF] = field(default_factory=dict)
    corpus_sizes: Counter[str] = field(default_factory=Counter)
    cue: dict[str, PRF] = field(default_factory=lambda: {m: PRF() for m in MATCH_MODES})
    gold_cues: int = 0
    predicted_cues: int = 0
    seconds: float = 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else 0.0

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        flat: dict[str, float] = {}

        def put(prefix: str, prf: PRF) -> None:
            flat[f"{prefix}_precision"] = prf.precision
            flat[f"{prefix}_recall"] = prf.recall
            flat[f"{prefix}_f1"] = prf.f1

        put("sentence", self.sentence)
        for mode in MATCH_MODES:
            put(f"cue_{mode}", self.cue[mode])
        for name, prf in sorted(self.corpora.items()):
            put(f"{slug(name)}_sentence", prf)
        # the news and Wikipedia parts together (everything but the biomedical abstracts)
        general = [prf for name, prf in self.corpora.items() if "bioscope" not in name.lower()]
        if general:
            put("news_wikipedia_sentence", sum(general, PRF()))
        return flat

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "uncertainty",
            "path": self.path,
            "counts": {
                "sentences": self.sentences,
                "gold_uncertain": self.gold_uncertain,
                "predicted_uncertain": self.predicted_uncertain,
                "gold_cues": self.gold_cues,
                "predicted_cues": self.predicted_cues,
                "skipped": self.skipped,
            },
            "sentence": self.sentence.to_dict(),
            "corpora": {
                name: {**prf.to_dict(), "sentences": self.corpus_sizes[name]}
                for name, prf in sorted(self.corpora.items())
            },
            "cue": {mode: prf.to_dict() for mode, prf in self.cue.items()},
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "errors": dict(self.errors),
            "error_examples": list(self.error_examples),
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.sentences_per_second, 2),
        }

    def render(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title=f"Uncertainty: {self.path}")
        table.add_column("level")
        table.add_column("n", justify="right")
        for name in ("P", "R", "F1"):
            table.add_column(name, justify="right")

        def row(label: str, n: int, prf: PRF) -> None:
            table.add_row(
                label, str(n), f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}"
            )

        row("sentence (all)", self.sentences, self.sentence)
        for name, prf in sorted(self.corpora.items()):
            row(f"sentence: {name}", self.corpus_sizes[name], prf)
        for mode in MATCH_MODES:
            row(f"cue {mode}", self.gold_cues, self.cue[mode])
        console.print(table)
        console.print(
            f"{self.sentences} sentences ({self.gold_uncertain} uncertain in gold, "
            f"{self.predicted_uncertain} predicted), {self.skipped} skipped; "
            f"{self.seconds:.1f} s ({self.sentences_per_second:.1f} sentences/s). "
            f"Uncertain = a cue of kind {' or '.join(sorted(UNCERTAIN_CUE_KINDS))}."
        )
        self.render_errors(console)


def evaluate_uncertainty(
    path: str | Path,
    analyze: Analyze | None = None,
    limit: int | None = None,
    *,
    progress: Progress | None = None,
) -> UncertaintyReport:
    """Analyse every sentence of an uncertainty JSONL file and score hedge/speculation cues.

    ``analyze`` defaults to :func:`reportedly.analyze`. A sentence on which it
    raises a :class:`~reportedly.errors.ReportedlyError` is counted as skipped,
    predicted certain and with no cues. ``limit`` takes the first N sentences;
    ``progress(done, total)`` is called after each one.
    """
    run = analyze if analyze is not None else plain_text_analyze()
    records = read_jsonl(path, limit)
    report = UncertaintyReport(path=str(path))
    started = time.perf_counter()
    for n, record in enumerate(records, 1):
        where = f"{path}: item {record.get('id', n)}"
        text = record.get("text")
        if not isinstance(text, str):
            raise MalformedInput(f"{where}: missing 'text'")
        gold_uncertain = bool(record.get("uncertain"))
        gold_cues = _gold_cues(record, where)
        meta = record.get("meta")
        corpus = UNKNOWN_CORPUS
        if isinstance(meta, dict) and meta.get("corpus"):
            corpus = str(meta["corpus"])

        predicted_cues: list[Item] = []
        predicted_uncertain = False
        try:
            analysis = run(text)
        except ReportedlyError as exc:
            report.record_error(str(record.get("id", n)), exc)
        else:
            cues = uncertainty_cues(analysis)
            predicted_uncertain = bool(cues)
            omap = OffsetMap(text, analysis.article.text)
            mapped: list[Span | None] = [omap.span(c.start, c.end) for c in cues]
            predicted_cues = [(s,) for s in mapped if s is not None]

        one = PRF(
            tp=int(predicted_uncertain and gold_uncertain),
            fp=int(predicted_uncertain and not gold_uncertain),
            fn=int(gold_uncertain and not predicted_uncertain),
        )
        report.sentences += 1
        report.gold_uncertain += int(gold_uncertain)
        report.predicted_uncertain += int(predicted_uncertain)
        report.sentence = report.sentence + one
        report.corpora[corpus] = report.corpora.get(corpus, PRF()) + one
        report.corpus_sizes[corpus] += 1
        report.gold_cues += len(gold_cues)
        report.predicted_cues += len(predicted_cues)
        st = SpanText(text)
        for mode in MATCH_MODES:
            report.cue[mode] = report.cue[mode] + score(st, predicted_cues, gold_cues, mode)
        if progress is not None:
            progress(n, len(records))
    report.seconds = time.perf_counter() - started
    return report
