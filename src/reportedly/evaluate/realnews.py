"""What the realnews scorers share: the articles, and the gold sentences placed in them.

The realnews gold (``../shared/data/realnews/*/``) is a folder of
``articles.jsonl`` (the records to ingest as they are) beside the gold files
(``attribution.jsonl``, ``events.jsonl``, ``questions.json``). A gold sentence
is an exact substring of its record's text that occurs once in it (leading
datelines are left out, so it need not start a line). The scorers analyse each
record once and place each gold sentence in the analysed text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..errors import MalformedInput
from ..pipeline import Pipeline
from ..read import read_path
from ..records import Analysis, Article
from .report import Report
from .skips import Skips
from .spans import OffsetMap, Span

__all__ = [
    "ARTICLES_FILE",
    "GoldLine",
    "Placed",
    "RealnewsScorer",
    "RecordAnalyze",
    "analyse_records",
    "articles_path",
    "default_analyze",
    "each_placed",
    "place_sentence",
    "read_articles",
    "spans_overlap",
]

#: The articles file of a realnews folder, beside its gold files.
ARTICLES_FILE = "articles.jsonl"

RecordAnalyze = Callable[[Article], Analysis]


def default_analyze() -> RecordAnalyze:
    """A default :class:`~reportedly.Pipeline`, built once for the whole run."""
    return Pipeline()


def articles_path(gold: str | Path, articles: str | Path | None) -> Path:
    """``articles`` when given, else the ``articles.jsonl`` beside the gold file (which
    must exist)."""
    if not Path(gold).is_file():
        raise MalformedInput(f"{gold}: gold file not found")
    path = Path(articles) if articles is not None else Path(gold).parent / ARTICLES_FILE
    if not path.is_file():
        raise MalformedInput(
            f"{path}: articles file not found; pass --articles ARTICLES.jsonl "
            "(the realnews gold needs the articles its sentences come from)"
        )
    return path


def read_articles(path: str | Path) -> dict[str, Article]:
    """The articles of a realnews ``articles.jsonl``, by id; a record that cannot be read
    is an input error (the gold refers to every one of them)."""
    out: dict[str, Article] = {}
    for item in read_path(path):
        if not isinstance(item, Article):
            raise MalformedInput(f"{path}: {item.item}: {item.error}")
        if not item.id:
            raise MalformedInput(f"{path}: a record has no 'id'")
        out[item.id] = item
    return out


def analyse_records(
    articles: dict[str, Article],
    wanted: Iterable[str],
    analyze: RecordAnalyze,
    skips: Skips,
) -> dict[str, Analysis]:
    """Analyse each wanted record once; one that fails is counted in ``skips`` and left out.

    Raises :class:`~reportedly.errors.MalformedInput` when the gold names a record that
    is not among the articles.
    """
    out: dict[str, Analysis] = {}
    for record in dict.fromkeys(wanted):
        article = articles.get(record)
        if article is None:
            raise MalformedInput(f"gold record {record!r} is not in the articles file")
        analysis = skips.attempt(record, partial(analyze, article), key="record")
        if analysis is not None:
            out[record] = analysis
    return out


@dataclass(frozen=True)
class Placed:
    """A gold sentence placed in an analysis: its span in the analysed text
    (``(0, 0)`` when reading changed the text so much that it is not there)."""

    span: Span

    def holds(self, start: int, end: int) -> bool:
        """Does the analysed-text span ``[start, end)`` lie inside the sentence?"""
        return self.span[0] <= start and end <= self.span[1]

    def overlaps(self, start: int, end: int) -> bool:
        return spans_overlap(self.span, (start, end))


def spans_overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def place_sentence(sentence: str, article: Article, analysis: Analysis, where: str) -> Placed:
    """Where a gold sentence is in the analysed text of its record.

    The sentence is found in the record's own text (the gold guarantees it is
    there, once); when reading changed the text, it is looked up in the analysed
    text by its characters.
    """
    at = article.text.find(sentence)
    if at < 0:
        raise MalformedInput(f"{where}: the gold sentence is not in the text of its record")
    analysed = analysis.article.text
    shift = OffsetMap(article.text, analysed).shift
    if shift is not None:
        return Placed((at - shift, at - shift + len(sentence)))
    found = analysed.find(sentence)
    return Placed((found, found + len(sentence)) if found >= 0 else (0, 0))


class GoldLine(Protocol):
    """What every realnews gold line has: its id, its record and its sentence."""

    @property
    def id(self) -> str: ...
    @property
    def record(self) -> str: ...
    @property
    def sentence(self) -> str: ...


Line = TypeVar("Line", bound=GoldLine)


def each_placed(
    path: str | Path,
    gold: Sequence[Line],
    articles: Path,
    analyze: RecordAnalyze | None,
    skips: Skips,
) -> Iterator[tuple[Line, Analysis | None, Placed]]:
    """Each gold line of ``path`` with the analysis of its record and its place in it.

    Every record is analysed once (``analyze`` defaults to a :class:`~reportedly.Pipeline`);
    a record that fails is counted in ``skips`` and its lines come with no analysis.
    """
    texts = read_articles(articles)
    analyses = analyse_records(texts, (g.record for g in gold), analyze or default_analyze(), skips)
    for g in gold:
        analysis = analyses.get(g.record)
        if analysis is None:
            yield g, None, Placed((0, 0))
        else:
            where = f"{path}: {g.id}"
            yield g, analysis, place_sentence(g.sentence, texts[g.record], analysis, where)


R = TypeVar("R", bound=Report)


@dataclass(frozen=True)
class RealnewsScorer(Generic[Line, R]):
    """A scorer of a realnews gold file, called as ``scorer(path, articles, analyze, limit)``.

    ``articles`` defaults to the ``articles.jsonl`` beside ``path``; ``analyze`` to a
    default :class:`~reportedly.Pipeline`. A record on which it raises a
    :class:`~reportedly.errors.ReportedlyError` is counted as skipped and its lines are
    scored with no analysis. ``limit`` takes the first N gold lines.
    """

    report: Callable[..., R]
    read_gold: Callable[[str | Path, int | None], list[Line]]
    score: Callable[[R, Line, Analysis | None, Placed], None]

    def __call__(
        self,
        path: str | Path,
        articles: str | Path | None = None,
        analyze: RecordAnalyze | None = None,
        limit: int | None = None,
    ) -> R:
        source = articles_path(path, articles)
        started = time.perf_counter()
        gold = self.read_gold(path, limit)
        report = self.report(path=str(path), articles=str(source))
        for line, analysis, placed in each_placed(path, gold, source, analyze, report):
            self.score(report, line, analysis, placed)
        report.seconds = time.perf_counter() - started
        return report
