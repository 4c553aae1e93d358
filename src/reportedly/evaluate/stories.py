"""Score story clustering and copy detection against multi-outlet story gold.

Gold: JSON Lines, one story per line::

    {"cluster_id": "...", "event_description": "...", "event_date": "2019-11-18",
     "articles": [{"outlet": "...", "url": "...", "date": "2019-11-18" | null,
                   "title": "...", "text": "..."}, ...]}

Every article is analysed (with its title, outlet, url and date) and the whole set is
clustered with :func:`reportedly.corpus.cluster_stories`. Scores: B-cubed precision,
recall and F1 of the predicted stories against the gold stories (per article, averaged
over articles). Known copies are the gold articles whose text opens with a wire credit
in parentheses ("(Reuters) —", "(AP) —"); each must be marked as a copy (a
:class:`~reportedly.corpus.CopyLink` of any kind).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput
from ..records import Analysis, Article
from .progress import Progress, with_progress
from .report import Report
from .spans import read_jsonl
from .tables import ratio_cells

if TYPE_CHECKING:
    from rich.console import Console

Analyze = Callable[[Article], Analysis]

_KNOWN_WIRE = re.compile(r"^\W{0,3}(?:[A-Z][\w ,.'-]{0,40}\s)?\((Reuters|AP|AFP)\)")


@dataclass
class BCubed:
    precision: float = 0.0
    recall: float = 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed precision/recall of a clustering (item -> cluster label) against gold.

    Items missing from ``predicted`` count as singletons; items not in ``gold``
    are ignored.
    """
    items = list(gold)
    if not items:
        return BCubed()
    pred = {i: predicted.get(i, f"\0singleton:{i}") for i in items}
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for i in items:
        pred_members.setdefault(pred[i], set()).add(i)
        gold_members.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        p_set, g_set = pred_members[pred[i]], gold_members[gold[i]]
        both = len(p_set & g_set)
        p += both / len(p_set)
        r += both / len(g_set)
    return BCubed(p / len(items), r / len(items))


@dataclass
class StoriesReport(Report):
    """B-cubed scores of story clustering and the fate of each known copy."""

    articles: int = 0
    gold_stories: int = 0
    predicted_stories: int = 0
    score: BCubed = field(default_factory=BCubed)
    copies: list[dict[str, Any]] = field(default_factory=list)
    copy_links: int = 0

    @property
    def copies_detected(self) -> int:
        return sum(1 for c in self.copies if c["detected"])

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        return {
            "stories_bcubed_precision": self.score.precision,
            "stories_bcubed_recall": self.score.recall,
            "stories_bcubed_f1": self.score.f1,
            "copies_detected": (
                self.copies_detected / len(self.copies) if self.copies else float("nan")
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "stories",
            "path": self.path,
            "counts": {
                "articles": self.articles,
                "gold_stories": self.gold_stories,
                "predicted_stories": self.predicted_stories,
                "known_copies": len(self.copies),
                "copies_detected": self.copies_detected,
                "copy_links": self.copy_links,
                "skipped": self.skipped,
            },
            "bcubed": self.score.to_dict(),
            "copies": list(self.copies),
            **self.scored_fields(),
            "seconds": round(self.seconds, 3),
        }

    def render(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title=f"Stories: {self.path}")
        for name in ("articles", "gold", "predicted", "P", "R", "F1"):
            table.add_column(name, justify="right")
        counts = (self.articles, self.gold_stories, self.predicted_stories)
        table.add_row(
            *(str(n) for n in counts),
            *ratio_cells(self.score.precision, self.score.recall, self.score.f1),
        )
        console.print(table)
        for c in self.copies:
            mark = "[green]marked[/green]" if c["detected"] else "[red]not marked[/red]"
            console.print(f"known copy {c['outlet']} ({c['wire']}): {mark} -> {c['original']}")
        console.print(
            f"B-cubed over articles; {self.copy_links} copy links; {self.skipped} skipped; "
            f"{self.seconds:.1f} s."
        )
        self.render_errors(console)


def _default_analyze() -> Analyze:
    import reportedly

    def run(article: Article) -> Analysis:
        return reportedly.analyze(article)

    return run


def gold_articles(
    records: Sequence[Mapping[str, Any]], path: str | Path
) -> list[tuple[str, Article]]:
    """(gold story id, Article) for every article of the gold records; ids are ``<story>#<n>``."""
    out: list[tuple[str, Article]] = []
    for n, record in enumerate(records, 1):
        story = record.get("cluster_id")
        arts = record.get("articles")
        if not isinstance(story, str) or not isinstance(arts, list):
            raise MalformedInput(f"{path}: item {n} needs cluster_id and a list of articles")
        for k, art in enumerate(arts):
            text = art.get("text") if isinstance(art, dict) else None
            if not isinstance(text, str):
                raise MalformedInput(f"{path}: {story} article {k} has no text")
            out.append(
                (
                    story,
                    Article(
                        text=text,
                        id=f"{story}#{k}",
                        title=art.get("title"),
                        outlet=art.get("outlet"),
                        url=art.get("url"),
                        published=art.get("date"),
                    ),
                )
            )
    return out


def evaluate_stories(
    path: str | Path,
    analyze: Analyze | None = None,
    limit: int | None = None,
    *,
    progress: Progress | None = None,
) -> StoriesReport:
    """Analyse every article of a stories JSONL file, cluster them, score the clustering.

    ``analyze`` takes an :class:`~reportedly.records.Article` and defaults to
    :func:`reportedly.analyze`. An article on which it raises a
    :class:`~reportedly.errors.ReportedlyError` is counted as skipped (and scored as a
    singleton). ``limit`` takes the first N stories.
    """
    from ..corpus import cluster_stories, find_copies

    run = analyze if analyze is not None else _default_analyze()
    records = read_jsonl(path, limit)
    report = StoriesReport(path=str(path))
    started = time.perf_counter()
    items = gold_articles(records, path)
    report.articles = len(items)
    report.gold_stories = len({s for s, _ in items})
    analyses: list[Analysis] = []
    for _, (_, article) in with_progress(items, progress):
        analysis = report.attempt(str(article.id), partial(run, article), key="article")
        if analysis is not None:
            analyses.append(analysis)
    links = find_copies(analyses)
    report.copy_links = len(links)
    stories = cluster_stories(analyses, links)
    report.predicted_stories = len(stories)
    predicted = {aid: s.id for s in stories for aid in s.articles}
    gold = {a.id: s for s, a in items}
    report.score = bcubed(predicted, gold)
    marked = {link.article: link.original for link in links}
    for _, article in items:
        m = _KNOWN_WIRE.match(article.text.lstrip())
        if m is None:
            continue
        report.copies.append(
            {
                "article": article.id,
                "outlet": article.outlet,
                "wire": m.group(1),
                "detected": article.id in marked,
                "original": marked.get(article.id),
            }
        )
    report.seconds = time.perf_counter() - started
    return report
