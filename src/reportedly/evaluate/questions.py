"""Score ``ask`` on the realnews questions: verdicts, evidence, confident mistakes.

Gold (``../shared/data/realnews/*/questions.json``), a list of::

    {"id": "q1", "question": "Was ... caused by an Israeli airstrike?",
     "accept": ["denied", "contested"], "best": "denied", "reading": "...",
     "support_ids": ["ahli-001"], "contra_ids": ["ahli-004"], "distractor_ids": ["dist-001"]}

The articles (``articles.jsonl``) are ingested into a temporary corpus with
:class:`reportedly.Corpus`, and each question is asked there. Per question:

- *accepted*: the verdict is in ``accept``; *best*: it is ``best``;
- *evidence right*: the answer cites at least one record of ``support_ids`` or
  ``contra_ids`` and none of ``distractor_ids`` (with no support and no contra
  records, as for a no-evidence question, citing no distractor is enough). The
  cited records are the articles of the answer's evidence and of its parts'
  evidence, by article id or, failing that, by URL;
- *confidently wrong*: ``confirmed`` where ``confirmed`` is not accepted, or
  ``denied`` where ``confirmed`` is the best verdict.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import Corpus
from ..errors import MalformedInput
from .realnews import articles_path, read_articles
from .report import Report
from .shares import Share

if TYPE_CHECKING:
    from rich.console import Console

    from ..ask.answer import Answer

__all__ = [
    "AskReport",
    "GoldQuestion",
    "QuestionResult",
    "cited_records",
    "evaluate_questions",
    "judge",
    "read_questions",
]

#: The verdict of a question that could not be asked.
NOT_ANSWERED = "(error)"


@dataclass(frozen=True)
class GoldQuestion:
    """One question of ``questions.json``."""

    id: str
    question: str
    accept: tuple[str, ...]
    best: str
    support_ids: frozenset[str]
    contra_ids: frozenset[str]
    distractor_ids: frozenset[str]


def _ids(item: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MalformedInput(f"{where}: {key!r} must be a list of record ids")
    return frozenset(value)


def read_questions(path: str | Path, limit: int | None = None) -> list[GoldQuestion]:
    """The questions of a realnews ``questions.json`` (the first ``limit`` of them)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise MalformedInput(f"{path}: cannot read the questions ({exc})") from exc
    if not isinstance(data, list):
        raise MalformedInput(f"{path}: expected a list of questions")
    out: list[GoldQuestion] = []
    for n, item in enumerate(data[:limit] if limit is not None else data, 1):
        where = f"{path}: question {n}"
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise MalformedInput(f"{where}: needs a 'question'")
        accept = item.get("accept")
        best = item.get("best")
        if not isinstance(accept, list) or not isinstance(best, str) or best not in accept:
            raise MalformedInput(f"{where}: needs 'accept' (a list) holding 'best'")
        out.append(
            GoldQuestion(
                id=str(item.get("id", n)),
                question=item["question"],
                accept=tuple(str(v) for v in accept),
                best=best,
                support_ids=_ids(item, "support_ids", where),
                contra_ids=_ids(item, "contra_ids", where),
                distractor_ids=_ids(item, "distractor_ids", where),
            )
        )
    return out


@dataclass(frozen=True)
class QuestionResult:
    """How one question was answered, and what that is worth."""

    id: str
    question: str
    verdict: str
    best: str
    accepted: bool
    best_hit: bool
    evidence_right: bool
    confidently_wrong: bool
    cited: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "verdict": self.verdict,
            "best": self.best,
            "accepted": self.accepted,
            "best_hit": self.best_hit,
            "evidence_right": self.evidence_right,
            "confidently_wrong": self.confidently_wrong,
            "cited": list(self.cited),
        }


def cited_records(answer: Answer, urls: dict[str, str], ids: set[str]) -> tuple[str, ...]:
    """The records an answer cites, in order: by article id, else by URL."""
    evidence = [*answer.evidence, *(e for part in answer.parts for e in part.evidence)]
    out: dict[str, None] = {}
    for ev in evidence:
        record = ev.article if ev.article in ids else urls.get(ev.url or "")
        if record:
            out.setdefault(record, None)
    return tuple(out)


def judge(gold: GoldQuestion, verdict: str, cited: tuple[str, ...]) -> QuestionResult:
    """Score one verdict and its cited records against a gold question."""
    relevant = gold.support_ids | gold.contra_ids
    cites = set(cited)
    evidence_right = (
        verdict != NOT_ANSWERED
        and not cites & gold.distractor_ids
        and (not relevant or bool(cites & relevant))
    )
    wrong = (verdict == "confirmed" and "confirmed" not in gold.accept) or (
        verdict == "denied" and gold.best == "confirmed"
    )
    return QuestionResult(
        id=gold.id,
        question=gold.question,
        verdict=verdict,
        best=gold.best,
        accepted=verdict in gold.accept,
        best_hit=verdict == gold.best,
        evidence_right=evidence_right,
        confidently_wrong=wrong,
        cited=cited,
    )


@dataclass
class AskReport(Report):
    """Verdicts accepted / best, evidence right, confidently wrong, one row per question."""

    articles: str = ""
    results: list[QuestionResult] = field(default_factory=list)
    ingested: int = 0
    ingest_skipped: int = 0
    ingest_seconds: float = 0.0

    def _share(self, attr: str) -> Share:
        share = Share()
        for r in self.results:
            share.add(bool(getattr(r, attr)))
        return share

    @property
    def confidently_wrong(self) -> int:
        return sum(r.confidently_wrong for r in self.results)

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json`` (all: higher is better)."""
        total = len(self.results)
        return {
            "verdict_accepted": self._share("accepted").value,
            "verdict_best": self._share("best_hit").value,
            "evidence_right": self._share("evidence_right").value,
            "not_confidently_wrong": 1.0 - self.confidently_wrong / total if total else 1.0,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "ask",
            "path": self.path,
            "articles": self.articles,
            "counts": {
                "questions": len(self.results),
                "accepted": self._share("accepted").hit,
                "best": self._share("best_hit").hit,
                "evidence_right": self._share("evidence_right").hit,
                "confidently_wrong": self.confidently_wrong,
                "ingested": self.ingested,
                "ingest_skipped": self.ingest_skipped,
                "skipped": self.skipped,
            },
            "questions": [r.to_dict() for r in self.results],
            **self.scored_fields(),
            "ingest_seconds": round(self.ingest_seconds, 3),
            "seconds": round(self.seconds, 3),
        }

    def render(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title=f"ask on realnews questions: {self.path}")
        for col in ("id", "verdict", "best", "accepted", "evidence", "cited"):
            table.add_column(col)
        for r in self.results:
            verdict = r.verdict + (
                " [bold red](confidently wrong)[/]" if r.confidently_wrong else ""
            )
            table.add_row(
                r.id,
                verdict,
                r.best,
                "yes" if r.accepted else "no",
                "right" if r.evidence_right else "wrong",
                ", ".join(r.cited[:6]) + (" ..." if len(r.cited) > 6 else ""),
            )
        console.print(table)
        n = len(self.results)
        console.print(
            f"{self._share('accepted').hit}/{n} verdicts accepted, "
            f"{self._share('best_hit').hit}/{n} best, "
            f"{self._share('evidence_right').hit}/{n} with the right evidence, "
            f"{self.confidently_wrong} confidently wrong; {self.ingested} articles ingested "
            f"({self.ingest_skipped} skipped) in {self.ingest_seconds:.1f} s, "
            f"{self.seconds:.1f} s in all."
        )
        self.render_errors(console)


def _ask(
    corpus: Corpus, q: GoldQuestion, urls: dict[str, str], ids: set[str], report: AskReport
) -> QuestionResult:
    answer = report.attempt(q.id, partial(corpus.ask, q.question))
    if answer is None:
        return judge(q, NOT_ANSWERED, ())
    return judge(q, answer.verdict, cited_records(answer, urls, ids))


def evaluate_questions(
    path: str | Path,
    articles: str | Path | None = None,
    limit: int | None = None,
) -> AskReport:
    """Ingest the articles into a temporary corpus and score ``ask`` on each question.

    ``articles`` defaults to the ``articles.jsonl`` beside ``path``. A question on
    which ``ask`` raises a :class:`~reportedly.errors.ReportedlyError` is counted
    as skipped, with the verdict ``(error)`` and nothing cited. ``limit`` takes the
    first N questions.
    """
    source = articles_path(path, articles)
    started = time.perf_counter()
    questions = read_questions(path, limit)
    records = read_articles(source)
    urls = {a.url: rid for rid, a in records.items() if a.url}
    report = AskReport(path=str(path), articles=str(source))
    with (
        tempfile.TemporaryDirectory(prefix="reportedly-eval-") as tmp,
        Corpus(Path(tmp) / "eval.db") as corpus,
    ):
        summary = corpus.ingest(source)
        report.ingested, report.ingest_skipped = summary.ingested, summary.skipped
        report.ingest_seconds = time.perf_counter() - started
        for q in questions:
            report.results.append(_ask(corpus, q, urls, set(records), report))
    report.seconds = time.perf_counter() - started
    return report
