"""Score attribution (source / cue / content spans) against PolNeAR-style gold.

Gold: JSON Lines, one paragraph per line::

    {"id": "...", "text": "...", "attributions": [
        {"source_spans": [[0, 15]], "cue_spans": [[16, 21]], "content_spans": [[22, 51]],
         "has_source": true, ...}, ...]}

Every paragraph is analysed on its own with ``analyze(text)``. Each role is
matched independently within a paragraph, as in the published per-role span F1:
a predicted source matches a gold source, whatever the cue and content. An
*attribution* matches when both its cue and its content overlap a gold
attribution's. Gold attributions without a source (``has_source: false``)
count for cue and content only. Reportedly's frames whose cue lies inside a direct
quotation (the quoted speaker's own "they told me") are not scored: PolNeAR does not
annotate them (see :func:`quoted_attributions`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput
from ..text.quotations import inside_quote, quote_regions
from .metrics import prf_metrics
from .report import Report
from .scorer import Scorer
from .spans import (
    MATCH_MODES,
    PRF,
    Item,
    MatchMode,
    OffsetMap,
    Span,
    SpanText,
    gold_text,
    greedy_align,
    plain_text_analyze,
    score,
)
from .tables import prf_cells

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Analysis, Claim, Source

Analyze = Callable[[str], "Analysis"]

ROLES: tuple[str, ...] = ("source", "cue", "content")
#: Cue kinds that make a claim an attribution on their own (a hedge does not).
ATTRIBUTION_CUE_KINDS: frozenset[str] = frozenset({"attribution"})
#: How many failed items the report keeps as examples.


@dataclass(frozen=True)
class PredAttribution:
    """One predicted attribution as PolNeAR-style spans (offsets into the analysed text)."""

    claim_id: str
    source: Item
    cue: Item
    content: Item

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "source_spans": [list(s) for s in self.source],
            "cue_spans": [list(s) for s in self.cue],
            "content_spans": [list(s) for s in self.content],
        }


def _dedupe(spans: Sequence[Span]) -> Item:
    return tuple(dict.fromkeys(spans))


def _hedge_only(source: Source) -> bool:
    """A source that stands for nothing but a hedge ("reportedly"): not an attribution."""
    return source.start is None and source.cue is not None and source.cue.kind == "hedge"


def cited_sources(claim: Claim) -> list[Source]:
    """The sources of a claim's chain beyond the outlet (level >= 1), hedges left out."""
    return [s for s in claim.source_chain if s.level >= 1 and not _hedge_only(s)]


def predicted_attributions(analysis: Analysis) -> list[PredAttribution]:
    """Map reportedly's attribution frames to PolNeAR-style (source, cue, content) triples.

    Each :class:`~reportedly.records.Attribution` is one triple: its sources' spans
    (those that have offsets), its cue, and its content span. Frames are what PolNeAR
    annotates: nested reports give one triple each, and stances on a noun phrase ("X
    criticized the plan") count although their object is not a claim of its own.
    """
    out: list[PredAttribution] = []
    for att in analysis.attributions:
        source = [
            (s.start, s.end) for s in att.sources if s.start is not None and s.end is not None
        ]
        out.append(
            PredAttribution(
                claim_id=att.claim or att.id,
                source=_dedupe(source),
                cue=((att.cue.start, att.cue.end),),
                content=((att.content_start, att.content_end),),
            )
        )
    return out


@dataclass
class _Gold:
    source: Item
    cue: Item
    content: Item


def _spans(value: Any, where: str) -> Item:
    try:
        return tuple((int(s), int(e)) for s, e in value or [])
    except (TypeError, ValueError) as exc:
        raise MalformedInput(f"{where}: spans must be [[start, end], ...]") from exc


def _gold(record: dict[str, Any], where: str) -> list[_Gold]:
    attributions = record.get("attributions", [])
    if not isinstance(attributions, list):
        raise MalformedInput(f"{where}: 'attributions' must be a list")
    return [
        _Gold(
            source=_spans(a.get("source_spans"), where),
            cue=_spans(a.get("cue_spans"), where),
            content=_spans(a.get("content_spans"), where),
        )
        for a in attributions
    ]


def _mapped(pred: PredAttribution, omap: OffsetMap) -> PredAttribution:
    def remap(item: Item) -> Item:
        return tuple(s for s in (omap.span(a, b) for a, b in item) if s is not None)

    return PredAttribution(pred.claim_id, remap(pred.source), remap(pred.cue), remap(pred.content))


@dataclass
class ParagraphScore:
    """Counts for one paragraph (what :func:`score_paragraph` returns)."""

    roles: dict[str, dict[str, PRF]]
    attribution: PRF


def score_paragraph(
    text: str,
    predicted: Sequence[PredAttribution],
    gold: Sequence[Any],
) -> ParagraphScore:
    """Score the predicted triples of one paragraph against its gold attributions.

    ``gold`` items have ``source``, ``cue`` and ``content`` attributes holding
    span tuples (offsets into ``text``, like ``predicted``).
    """
    st = SpanText(text)
    roles: dict[str, dict[str, PRF]] = {}
    for role in ROLES:
        pred_items = [getattr(p, role) for p in predicted if getattr(p, role)]
        gold_items = [getattr(g, role) for g in gold if getattr(g, role)]
        roles[role] = {mode: score(st, pred_items, gold_items, mode) for mode in MATCH_MODES}
    p_cue = [st.token_ids(st.item(p.cue)) for p in predicted]
    p_con = [st.token_ids(st.item(p.content)) for p in predicted]
    g_cue = [st.token_ids(st.item(g.cue)) for g in gold]
    g_con = [st.token_ids(st.item(g.content)) for g in gold]

    def weight(p: int, g: int) -> float:
        cue, content = len(p_cue[p] & g_cue[g]), len(p_con[p] & g_con[g])
        return float(cue + content) if cue and content else 0.0

    tp = len(greedy_align(len(predicted), len(gold), weight))
    return ParagraphScore(roles, PRF(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp))


def _empty_roles() -> dict[str, dict[str, PRF]]:
    return {role: {mode: PRF() for mode in MATCH_MODES} for role in ROLES}


@dataclass
class AttributionReport(Report):
    """Span P/R/F1 per role and match mode, over a PolNeAR-style file."""

    paragraphs: int = 0
    gold_attributions: int = 0
    predicted_attributions: int = 0
    roles: dict[str, dict[str, PRF]] = field(default_factory=_empty_roles)
    attribution: PRF = field(default_factory=PRF)

    @property
    def paragraphs_per_second(self) -> float:
        return self.per_second(self.paragraphs)

    def add(self, para: ParagraphScore) -> None:
        for role, by_mode in para.roles.items():
            for mode, prf in by_mode.items():
                self.roles[role][mode] = self.roles[role][mode] + prf
        self.attribution = self.attribution + para.attribution

    def metric(self, role: str, mode: MatchMode) -> PRF:
        return self.roles[role][mode]

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        flat: dict[str, float] = {}
        for role in ROLES:
            for mode in MATCH_MODES:
                flat.update(prf_metrics(f"{role}_{mode}", self.roles[role][mode]))
        flat.update(prf_metrics("attribution", self.attribution))
        return flat

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "attribution",
            "path": self.path,
            "counts": {
                "paragraphs": self.paragraphs,
                "gold_attributions": self.gold_attributions,
                "predicted_attributions": self.predicted_attributions,
                "skipped": self.skipped,
            },
            "roles": {
                role: {mode: prf.to_dict() for mode, prf in by_mode.items()}
                for role, by_mode in self.roles.items()
            },
            "attribution": self.attribution.to_dict(),
            **self.scored_fields(),
            "seconds": round(self.seconds, 3),
            "paragraphs_per_second": round(self.paragraphs_per_second, 2),
        }

    def render(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title=f"Attribution spans: {self.path}")
        table.add_column("role")
        for mode in MATCH_MODES:
            for name in ("P", "R", "F1"):
                table.add_column(f"{mode} {name}", justify="right")
        for role in ROLES:
            cells = [cell for mode in MATCH_MODES for cell in prf_cells(self.roles[role][mode])]
            table.add_row(role, *cells)
        table.add_row("attribution", "", "", "", *prf_cells(self.attribution))
        console.print(table)
        console.print(
            f"{self.paragraphs} paragraphs, {self.gold_attributions} gold and "
            f"{self.predicted_attributions} predicted attributions, {self.skipped} skipped; "
            f"{self.seconds:.1f} s ({self.paragraphs_per_second:.1f} paragraphs/s). "
            "Attribution = cue and content both overlap."
        )
        self.render_errors(console)


def _score_record(
    report: AttributionReport, run: Analyze, rid: str, record: dict[str, Any], where: str
) -> None:
    """Score one paragraph; one that cannot be analysed has all its gold attributions
    missed."""
    text = gold_text(record, where)
    gold = _gold(record, where)
    report.paragraphs += 1
    report.gold_attributions += len(gold)
    analysis = report.attempt(rid, partial(run, text))
    predicted = [] if analysis is None else _predicted(analysis, text)
    report.predicted_attributions += len(predicted)
    report.add(score_paragraph(text, predicted, gold))


#: Analyse every paragraph of a PolNeAR-style JSONL file and score the attributions:
#: ``evaluate_attribution(path, analyze=None, limit=None, *, progress=None)``, ``analyze``
#: defaulting to :func:`reportedly.analyze` (see :class:`~.scorer.Scorer`).
evaluate_attribution: Scorer[Analyze, AttributionReport] = Scorer(
    AttributionReport, plain_text_analyze, _score_record
)


def _predicted(analysis: Analysis, text: str) -> list[PredAttribution]:
    """The attributions of an analysis with a content, in the offsets of the gold text,
    less those nested inside a direct quotation (PolNeAR's convention, see
    :func:`quoted_attributions`)."""
    omap = OffsetMap(text, analysis.article.text)
    nested = quoted_attributions(analysis)
    predicted = [
        _mapped(p, omap)
        for att, p in zip(analysis.attributions, predicted_attributions(analysis), strict=True)
        if id(att) not in nested
    ]
    return [p for p in predicted if p.content]


def quoted_attributions(analysis: Analysis) -> set[int]:
    """The attributions (``id()`` of each) whose cue lies inside a direct quotation: the quoted
    speaker's own reporting ("'They told us to leave,' she said": "told"). PolNeAR leaves
    these out (of the reporting verbs inside quotation marks of its train file, 14% are
    annotated; outside them, 88%), so the span scores leave them out too; the analysis
    keeps them as nested chains. Straight and curly marks pair with each other here (copy
    that mixes them must not put its "said" inside the quotation). A speaker label
    ("TAPPER: ...") opens its paragraph even when a quotation mark comes before it (a
    transcript quoted whole): it is kept."""
    text = analysis.article.text
    regions = quote_regions(text, mixed=True)
    return {
        id(att)
        for att in analysis.attributions
        if att.kind != "label" and inside_quote(regions, att.cue.start, att.cue.end)
    }
