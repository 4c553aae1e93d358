"""``eval``: thin wrappers over :mod:`reportedly.evaluate` (read a gold file, score, print
the report, apply the quality floors)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from .. import errors
from ..errors import EXIT_BELOW_FLOOR, ReportedlyError
from ..evaluate import (
    check_floors,
    evaluate_attribution,
    evaluate_claims,
    evaluate_questions,
    evaluate_realnews_events,
    evaluate_uncertainty,
    load_floors,
)
from ..evaluate.events import evaluate_petrarch, evaluate_plover
from ..evaluate.realnews_events import is_realnews_events
from ..evaluate.stories import evaluate_stories
from .app import eval_app, fail
from .render import Format, err, out, write_json

#: The floors of a source checkout (``quality/floors.json`` beside ``src/``).
FLOORS = Path(__file__).resolve().parents[3] / "quality" / "floors.json"


def _gate(report: dict[str, Any], section: str, floors_path: Path | None) -> list[str]:
    path = floors_path or FLOORS
    if not path.exists():
        return []
    return check_floors({section: report}, load_floors(path))


def _report(report: Any, section: str, fmt: Format, floors: Path | None) -> None:
    """Print an evaluation report and apply the floors (exit 7 below any of them)."""
    data = report.to_dict()
    if fmt is Format.json:
        write_json(data, ensure_ascii=True)
    else:
        report.render(out())
    below = _gate(data, section, floors) if floors else []
    for msg in below:
        err().print(f"[bold red]below floor[/] {escape(msg)}")
    if below:
        raise typer.Exit(EXIT_BELOW_FLOOR)


def _evaluate(run: Callable[[], Any], section: str, fmt: Format, floors: Path | None) -> None:
    """Run one scorer, print its report and apply the floors; a coded error exits with its code."""
    try:
        report = run()
    except ReportedlyError as exc:
        raise fail(exc) from None
    _report(report, section, fmt, floors)


Limit = Annotated[int | None, typer.Option(help="Score only the first N items.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f")]
FloorsOption = Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")]
ArticlesOption = Annotated[
    Path | None,
    typer.Option(help="The realnews articles.jsonl (default: the one beside the gold file)."),
]


@eval_app.command("attribution")
def eval_attribution(
    path: Annotated[Path, typer.Argument(help="PolNeAR-style JSONL (text + attributions).")],
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """Source, cue and content span P/R/F1 (exact and token-overlap match)."""
    _evaluate(lambda: evaluate_attribution(path, limit=limit), "attribution", fmt, floors)


@eval_app.command("status")
def eval_status(
    path: Annotated[
        Path, typer.Argument(help="Uncertainty JSONL (sentences + uncertain flag + cues).")
    ],
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """Sentence-level uncertain P/R/F1 and cue overlap P/R/F1, per corpus."""
    _evaluate(lambda: evaluate_uncertainty(path, limit=limit), "uncertainty", fmt, floors)


@eval_app.command("stories")
def eval_stories(
    path: Annotated[Path, typer.Argument(help="Stories JSONL (articles with their gold story).")],
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """Story clustering B-cubed P/R/F1, and whether known wire copies are marked as copies."""
    _evaluate(lambda: evaluate_stories(path, limit=limit), "stories", fmt, floors)


@eval_app.command("claims")
def eval_claims(
    path: Annotated[Path, typer.Argument(help="Realnews ATTRIBUTION.jsonl (gold sentences).")],
    articles: ArticlesOption = None,
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """Claim status accuracy and confusion, named sources, direct quotes (realnews gold)."""
    _evaluate(lambda: evaluate_claims(path, articles, limit=limit), "claims", fmt, floors)


@eval_app.command("ask")
def eval_ask(
    path: Annotated[Path, typer.Argument(help="Realnews QUESTIONS.json.")],
    articles: ArticlesOption = None,
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """Verdicts accepted / best, evidence right and confidently wrong answers of ask."""
    _evaluate(lambda: evaluate_questions(path, articles, limit=limit), "ask", fmt, floors)


@eval_app.command("events")
def eval_events(
    path: Annotated[
        Path, typer.Argument(help="PLOVER GSR, PETRARCH2 GSR or realnews events JSONL.")
    ],
    articles: ArticlesOption = None,
    limit: Limit = None,
    fmt: FormatOption = Format.table,
    floors: FloorsOption = None,
) -> None:
    """PLOVER type accuracy and actor countries, CAMEO root and dyad match (PETRARCH2), or
    precision, recall and who-did-what-to-whom on realnews events (with --articles)."""
    try:
        with path.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
    except (OSError, ValueError) as exc:
        raise fail(errors.MalformedInput(f"{path}: cannot read a JSON line: {exc}")) from None
    if isinstance(first, dict) and is_realnews_events(first):
        run = lambda: evaluate_realnews_events(path, articles, limit=limit)  # noqa: E731
        _evaluate(run, "realnews_events", fmt, floors)
    elif "no_events_expected" in first or "category" in first:
        _evaluate(lambda: evaluate_petrarch(path, limit=limit), "petrarch", fmt, floors)
    else:
        _evaluate(lambda: evaluate_plover(path, limit=limit), "plover", fmt, floors)
