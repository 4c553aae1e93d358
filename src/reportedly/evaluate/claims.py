"""Score claim status, named sources and direct quotes against the realnews gold.

Gold (``../shared/data/realnews/*/attribution.jsonl``), one sentence per line::

    {"id": "ahli-001#3", "record": "ahli-001", "sentence": "The army said ...",
     "status": "reported", "status_also_ok": "hedged", "sources": ["Israel Defense Forces"],
     "sources_any_of": [["Israel Defense Forces"], ["IDF"], []], "direct_quote": false, ...}

Each record of ``articles.jsonl`` is analysed once. **The claim of a gold
sentence** is found among the claims whose sentence contains the gold sentence
or lies inside it, and whose content overlaps it. As in the gold's precedence
(attribution wins over asserted), asserted claims are left out when the
sentence has another claim: they are the outlet's "X said ..." frame around it.
Of the claims left, the one with the longest content in the sentence is the
sentence's claim (the earlier one on a tie). A sentence with no claim is
predicted ``(none)``.

Scores:

- *status accuracy*: the claim's status is ``status`` or ``status_also_ok``
  (``status_strict_accuracy``: ``status`` only; ``status_any_claim_accuracy``:
  some claim of the sentence has an accepted status), with a confusion matrix
  of gold ``status`` against the predicted one;
- *named sources*: the claim's cited sources (its chain beyond the outlet,
  hedges and anonymous sources left out; a source resolved to an entity is
  also known by the entity's canonical name) are paired one-to-one with the
  names of the acceptable list (``sources_any_of``, else ``sources``) that fits
  best (most pairs, then fewest misses and extras, then the primary list).
  Names match as :mod:`.names` says. *Named-source recall* is pairs over gold
  names, *cited-source precision* pairs over cited sources;
- *direct-quote accuracy*: the claim's ``direct_quote`` equals the gold's;
  *direct quotes with a speaker*: of the gold direct quotes, the share whose
  claim has a cited source (named or not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput
from ..records import STATUSES
from .attribution import cited_sources
from .metrics import rounded
from .names import any_name_matches
from .realnews import Placed, RealnewsScorer
from .report import Report
from .shares import Share
from .spans import PRF, greedy_align, read_jsonl
from .tables import share_table

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Analysis, Claim

__all__ = [
    "NO_CLAIM",
    "ClaimsReport",
    "GoldSentence",
    "SentenceClaim",
    "best_alternative",
    "evaluate_claims",
    "sentence_claim",
]

#: The predicted status of a gold sentence that has no claim.
NO_CLAIM = "(none)"
#: How many wrong sentences the table shows.
SHOWN_MISSES = 10


@dataclass(frozen=True)
class GoldSentence:
    """One line of ``attribution.jsonl``."""

    id: str
    record: str
    sentence: str
    status: str
    status_also_ok: str | None
    sources: tuple[str, ...]
    sources_any_of: tuple[tuple[str, ...], ...]
    direct_quote: bool

    def accepts(self, status: str | None) -> bool:
        return status is not None and status in (self.status, self.status_also_ok)

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """Every acceptable list of named sources, the primary one first."""
        rest = tuple(alt for alt in self.sources_any_of if alt != self.sources)
        return (self.sources, *rest)


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise MalformedInput(f"{where}: sources must be lists of names")
    return tuple(value)


def _status(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if value not in STATUSES:
        raise MalformedInput(f"{where}: {value!r} is not a status ({', '.join(STATUSES)})")
    return str(value)


def gold_sentence(record: dict[str, Any], where: str) -> GoldSentence:
    """Read one gold line; raises :class:`~reportedly.errors.MalformedInput` when it is not one."""
    for key in ("id", "record", "sentence"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise MalformedInput(f"{where}: missing {key!r}")
    any_of = record.get("sources_any_of") or []
    if not isinstance(any_of, list):
        raise MalformedInput(f"{where}: 'sources_any_of' must be a list of lists")
    return GoldSentence(
        id=record["id"],
        record=record["record"],
        sentence=record["sentence"],
        status=str(_status(record.get("status"), where)),
        status_also_ok=_status(record.get("status_also_ok"), where, optional=True),
        sources=_names(record.get("sources", []), where),
        sources_any_of=tuple(_names(alt, where) for alt in any_of),
        direct_quote=bool(record.get("direct_quote")),
    )


# --------------------------------------------------------------------------- prediction


@dataclass(frozen=True)
class SentenceClaim:
    """What the analysis says of one gold sentence."""

    claim: str | None  # Claim.id, None when the sentence has no claim
    status: str  # NO_CLAIM when there is none
    statuses: tuple[str, ...]  # of every claim of the sentence
    cited: tuple[tuple[str, ...], ...]  # the names of each named cited source
    speaker: bool  # some cited source, named or not
    direct_quote: bool


def _sentence_claims(analysis: Analysis, placed: Placed) -> list[Claim]:
    start, end = placed.span
    return [
        c
        for c in analysis.claims
        if (
            (c.sentence_start <= start and end <= c.sentence_end)
            or (start <= c.sentence_start and c.sentence_end <= end)
        )
        and placed.overlaps(c.start, c.end)
    ]


def _main_claim(claims: Sequence[Claim], placed: Placed) -> Claim | None:
    kept = [c for c in claims if c.status != "asserted"] or list(claims)
    start, end = placed.span

    def inside(c: Claim) -> int:
        return min(c.end, end) - max(c.start, start)

    return max(kept, key=lambda c: (inside(c), -c.start), default=None)


def _source_names(analysis: Analysis, claim: Claim) -> tuple[tuple[str, ...], ...]:
    canonical = {e.id: e.canonical for e in analysis.entities}
    out: list[tuple[str, ...]] = []
    for source in cited_sources(claim):
        if source.kind == "anonymous":
            continue
        names = (source.name, canonical.get(source.entity or "", ""))
        out.append(tuple(n for n in dict.fromkeys(names) if n))
    return tuple(out)


def sentence_claim(analysis: Analysis, placed: Placed) -> SentenceClaim:
    """The claim of a placed gold sentence (see the module docstring) and what it says."""
    claims = _sentence_claims(analysis, placed)
    main = _main_claim(claims, placed)
    if main is None:
        return SentenceClaim(None, NO_CLAIM, (), (), speaker=False, direct_quote=False)
    return SentenceClaim(
        claim=main.id,
        status=main.status,
        statuses=tuple(c.status for c in claims),
        cited=_source_names(analysis, main),
        speaker=bool(cited_sources(main)),
        direct_quote=main.direct_quote,
    )


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceFit:
    """The acceptable gold list that fits the cited sources best, and the pairs found."""

    gold: tuple[str, ...]
    pairs: int
    cited: int

    @property
    def prf(self) -> PRF:
        return PRF(tp=self.pairs, fp=self.cited - self.pairs, fn=len(self.gold) - self.pairs)


def _pairs(cited: Sequence[tuple[str, ...]], gold: Sequence[str]) -> int:
    return len(
        greedy_align(
            len(cited), len(gold), lambda p, g: 1.0 if any_name_matches(cited[p], gold[g]) else 0.0
        )
    )


def best_alternative(
    cited: Sequence[tuple[str, ...]], alternatives: Sequence[tuple[str, ...]]
) -> SourceFit:
    """The alternative with the most pairs, then the fewest misses and extras, then the
    first listed (the primary ``sources``)."""
    fits = [SourceFit(alt, _pairs(cited, alt), len(cited)) for alt in alternatives]
    return max(
        enumerate(fits),
        key=lambda nf: (nf[1].pairs, -(nf[1].prf.fp + nf[1].prf.fn), -nf[0]),
    )[1]


# --------------------------------------------------------------------------- report


def _confusion_rows() -> tuple[str, ...]:
    return (*STATUSES, NO_CLAIM)


@dataclass
class ClaimsReport(Report):
    """Status accuracy and confusion, named sources, direct quotes over a realnews file."""

    articles: str = ""
    sentences: int = 0
    status: Share = field(default_factory=Share)
    status_strict: Share = field(default_factory=Share)
    status_any_claim: Share = field(default_factory=Share)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    sources: PRF = field(default_factory=PRF)
    direct_quote: Share = field(default_factory=Share)
    quote_speaker: Share = field(default_factory=Share)
    no_claim: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)

    def _shares(self) -> list[tuple[str, str, Share]]:
        """(metric name, label, share) of every score of the report."""
        s = self.sources
        return [
            ("status_accuracy", "status (or status_also_ok)", self.status),
            ("status_strict_accuracy", "status (primary only)", self.status_strict),
            (
                "status_any_claim_accuracy",
                "status, any claim of the sentence",
                self.status_any_claim,
            ),
            ("named_source_recall", "named-source recall", Share(s.tp, s.tp + s.fn)),
            ("cited_source_precision", "cited-source precision", Share(s.tp, s.tp + s.fp)),
            ("direct_quote_accuracy", "direct quote flag", self.direct_quote),
            ("direct_quote_speaker", "direct quotes with a speaker", self.quote_speaker),
        ]

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        flat = {name: share.value for name, _, share in self._shares()}
        flat["named_source_f1"] = self.sources.f1
        return flat

    def add(self, gold: GoldSentence, got: SentenceClaim) -> None:
        fit = best_alternative(got.cited, gold.alternatives)
        ok = gold.accepts(got.status)
        self.sentences += 1
        self.no_claim += int(got.claim is None)
        self.status.add(ok)
        self.status_strict.add(got.status == gold.status)
        self.status_any_claim.add(any(gold.accepts(s) for s in got.statuses))
        self.confusion[(gold.status, got.status)] += 1
        self.sources = self.sources + fit.prf
        self.direct_quote.add(got.direct_quote == gold.direct_quote)
        if gold.direct_quote:
            self.quote_speaker.add(got.speaker)
        self.items.append(
            {
                "id": gold.id,
                "status": gold.status,
                "status_also_ok": gold.status_also_ok,
                "predicted": got.status,
                "status_ok": ok,
                "claim": got.claim,
                "gold_sources": list(fit.gold),
                "cited": [names[0] for names in got.cited],
                "source_pairs": fit.pairs,
                "direct_quote": gold.direct_quote,
                "predicted_direct_quote": got.direct_quote,
                "speaker": got.speaker,
            }
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "claims",
            "path": self.path,
            "articles": self.articles,
            "counts": {
                "sentences": self.sentences,
                "no_claim": self.no_claim,
                "gold_direct_quotes": self.quote_speaker.total,
                "skipped": self.skipped,
            },
            "scores": {name: share.to_dict() for name, _, share in self._shares()},
            "confusion": [
                {"gold": g, "predicted": p, "n": n} for (g, p), n in sorted(self.confusion.items())
            ],
            "sources": self.sources.to_dict(),
            "metrics": rounded(self.metrics),
            "items": list(self.items),
            **self.error_fields(),
            "seconds": round(self.seconds, 3),
        }

    def render(self, console: Console) -> None:
        summary = share_table(
            f"Claims on realnews gold: {self.path}", [(lab, sh) for _, lab, sh in self._shares()]
        )
        console.print(summary)
        self._render_confusion(console)
        self._render_misses(console)
        console.print(
            f"{self.sentences} sentences ({self.no_claim} without a claim), {self.skipped} "
            f"records skipped; {self.seconds:.1f} s."
        )
        self.render_errors(console)

    def _render_confusion(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title="Status confusion (rows: gold status, columns: predicted)")
        table.add_column("gold")
        for name in _confusion_rows():
            table.add_column(name, justify="right")
        for gold in STATUSES:
            cells = [str(self.confusion.get((gold, p), 0) or "") for p in _confusion_rows()]
            table.add_row(gold, *cells)
        console.print(table)

    def _render_misses(self, console: Console) -> None:
        wrong = [i for i in self.items if not i["status_ok"]]
        for item in wrong[:SHOWN_MISSES]:
            console.print(
                f"  {item['id']}: gold {item['status']}"
                f"{'/' + item['status_also_ok'] if item['status_also_ok'] else ''}, "
                f"predicted {item['predicted']}; sources {item['gold_sources']} "
                f"/ cited {item['cited']}"
            )
        if len(wrong) > SHOWN_MISSES:
            console.print(f"  ... and {len(wrong) - SHOWN_MISSES} more (--format json lists all)")


def _read_gold(path: str | Path, limit: int | None) -> list[GoldSentence]:
    return [
        gold_sentence(r, f"{path}: item {r.get('id', n)}")
        for n, r in enumerate(read_jsonl(path, limit), 1)
    ]


_NONE = SentenceClaim(None, NO_CLAIM, (), (), speaker=False, direct_quote=False)


def _score(
    report: ClaimsReport, gold: GoldSentence, analysis: Analysis | None, placed: Placed
) -> None:
    """Score one gold sentence; one whose record failed is predicted ``(none)``."""
    report.add(gold, sentence_claim(analysis, placed) if analysis is not None else _NONE)


#: Analyse the records of a realnews ``attribution.jsonl`` and score its sentences:
#: ``evaluate_claims(path, articles=None, analyze=None, limit=None)`` (see
#: :class:`~.realnews.RealnewsScorer`); a sentence of a failed record is predicted
#: ``(none)``.
evaluate_claims: RealnewsScorer[GoldSentence, ClaimsReport] = RealnewsScorer(
    ClaimsReport, _read_gold, _score
)
