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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput
from .metrics import prf_metrics
from .report import Report
from .scorer import Scorer
from .spans import (
    MATCH_MODES,
    PRF,
    Item,
    OffsetMap,
    Span,
    SpanText,
    gold_text,
    plain_text_analyze,
    score,
)
from .tables import prf_cells

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Analysis, Cue

Analyze = Callable[[str], "Analysis"]

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
class UncertaintyReport(Report):
    """Sentence- and cue-level P/R/F1 of uncertainty detection."""

    sentences: int = 0
    gold_uncertain: int = 0
    predicted_uncertain: int = 0
    sentence: PRF = field(default_factory=PRF)
    corpora: dict[str, PRF] = field(default_factory=dict)
    corpus_sizes: Counter[str] = field(default_factory=Counter)
    cue: dict[str, PRF] = field(default_factory=lambda: {m: PRF() for m in MATCH_MODES})
    gold_cues: int = 0
    predicted_cues: int = 0

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        flat = prf_metrics("sentence", self.sentence)
        for mode in MATCH_MODES:
            flat.update(prf_metrics(f"cue_{mode}", self.cue[mode]))
        for name, prf in sorted(self.corpora.items()):
            flat.update(prf_metrics(f"{slug(name)}_sentence", prf))
        # the news and Wikipedia parts together (everything but the biomedical abstracts)
        general = [prf for name, prf in self.corpora.items() if "bioscope" not in name.lower()]
        if general:
            flat.update(prf_metrics("news_wikipedia_sentence", sum(general, PRF())))
        return flat

    def add(
        self,
        text: str,
        record: dict[str, Any],
        predicted_uncertain: bool,
        predicted_cues: list[Item],
        gold_cues: list[Item],
    ) -> None:
        """Score one sentence of ``record``."""
        gold_uncertain = bool(record.get("uncertain"))
        corpus = _corpus(record)
        one = PRF(
            tp=int(predicted_uncertain and gold_uncertain),
            fp=int(predicted_uncertain and not gold_uncertain),
            fn=int(gold_uncertain and not predicted_uncertain),
        )
        self.sentences += 1
        self.gold_uncertain += int(gold_uncertain)
        self.predicted_uncertain += int(predicted_uncertain)
        self.sentence = self.sentence + one
        self.corpora[corpus] = self.corpora.get(corpus, PRF()) + one
        self.corpus_sizes[corpus] += 1
        self.gold_cues += len(gold_cues)
        self.predicted_cues += len(predicted_cues)
        st = SpanText(text)
        for mode in MATCH_MODES:
            self.cue[mode] = self.cue[mode] + score(st, predicted_cues, gold_cues, mode)

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
            **self.scored_fields(),
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.per_second(self.sentences), 2),
        }

    def render(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title=f"Uncertainty: {self.path}")
        table.add_column("level")
        table.add_column("n", justify="right")
        for name in ("P", "R", "F1"):
            table.add_column(name, justify="right")

        def row(label: str, n: int, prf: PRF) -> None:
            table.add_row(label, str(n), *prf_cells(prf))

        row("sentence (all)", self.sentences, self.sentence)
        for name, prf in sorted(self.corpora.items()):
            row(f"sentence: {name}", self.corpus_sizes[name], prf)
        for mode in MATCH_MODES:
            row(f"cue {mode}", self.gold_cues, self.cue[mode])
        console.print(table)
        console.print(
            f"{self.sentences} sentences ({self.gold_uncertain} uncertain in gold, "
            f"{self.predicted_uncertain} predicted), {self.skipped} skipped; "
            f"{self.seconds:.1f} s ({self.per_second(self.sentences):.1f} sentences/s). "
            f"Uncertain = a cue of kind {' or '.join(sorted(UNCERTAIN_CUE_KINDS))}."
        )
        self.render_errors(console)


def _score_record(
    report: UncertaintyReport, run: Analyze, rid: str, record: dict[str, Any], where: str
) -> None:
    """Score one sentence; one that cannot be analysed is predicted certain, with no cues."""
    text = gold_text(record, where)
    gold_cues = _gold_cues(record, where)
    analysis = report.attempt(rid, partial(run, text))
    cues = [] if analysis is None else uncertainty_cues(analysis)
    predicted_cues: list[Item] = [] if analysis is None else _mapped_cues(cues, analysis, text)
    report.add(text, record, bool(cues), predicted_cues, gold_cues)


#: Analyse every sentence of an uncertainty JSONL file and score hedge/speculation cues:
#: ``evaluate_uncertainty(path, analyze=None, limit=None, *, progress=None)``, ``analyze``
#: defaulting to :func:`reportedly.analyze` (see :class:`~.scorer.Scorer`).
evaluate_uncertainty: Scorer[Analyze, UncertaintyReport] = Scorer(
    UncertaintyReport, plain_text_analyze, _score_record
)


def _mapped_cues(cues: list[Cue], analysis: Analysis, text: str) -> list[Item]:
    """The cues as items in the offsets of the gold text (those that map)."""
    omap = OffsetMap(text, analysis.article.text)
    mapped: list[Span | None] = [omap.span(c.start, c.end) for c in cues]
    return [(s,) for s in mapped if s is not None]


def _corpus(record: dict[str, Any]) -> str:
    meta = record.get("meta")
    if isinstance(meta, dict) and meta.get("corpus"):
        return str(meta["corpus"])
    return UNKNOWN_CORPUS
