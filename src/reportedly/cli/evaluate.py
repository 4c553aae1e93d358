"""``eval``: thin wrappers over :mod:`reportedly.evaluate` (read a gold file, score, print
the report, apply the quality floors)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from .. import errors
from ..errors import EXIT_BELOW_FLOOR, ReportedlyError
from ..evaluate import check_floors, evaluate_attribution, evaluate_uncertainty, load_floors
from ..evaluate.events import evaluate_petrarch, evaluate_plover
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


@eval_app.command("attribution")
def eval_attribution(
    path: Annotated[Path, typer.Argument(help="PolNeAR-style JSONL (text + attributions).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N paragraphs.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Source, cue and content span P/R/F1 (exact and token-overlap match)."""
    try:
        report = evaluate_attribution(path, limit=limit)
    except ReportedlyError as exc:
        raise fail(exc) from None
    _report(report, "attribution", fmt, floors)


@eval_app.command("status")
def eval_status(
    path: Annotated[
        Path, typer.Argument(help="Uncertainty JSONL (sentences + uncertain flag + cues).")
    ],
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Sentence-level uncertain P/R/F1 and cue overlap P/R/F1, per corpus."""
    try:
        report = evaluate_uncertainty(path, limit=limit)
    except ReportedlyError as exc:
        raise fail(exc) from None
    _report(report, "uncertainty", fmt, floors)


@eval_app.command("stories")
def eval_stories(
    path: Annotated[Path, typer.Argument(help="Stories JSONL (articles with their gold story).")],
    limit: Annotated[int | None, typer.Option(help="Use only the first N articles.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Story clustering B-cubed P/R/F1, and whether known wire copies are marked as copies."""
    try:
        report = evaluate_stories(path, limit=limit)
    except ReportedlyError as exc:
        raise fail(exc) from None
    _report(report, "stories", fmt, floors)


@eval_app.command("events")
def eval_events(
    path: Annotated[Path, typer.Argument(help="PLOVER GSR or PETRARCH2 GSR JSONL.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """PLOVER type accuracy and actor countries, or CAMEO root and dyad match (PETRARCH2)."""
    try:
        with path.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
    except (OSError, ValueError) as exc:
        raise fail(errors.MalformedInput(f"{path}: cannot read a JSON line: {exc}")) from None
    petrarch = "no_events_expected" in first or "category" in first
    try:
        report = (evaluate_petrarch if petrarch else evaluate_plover)(path, limit=limit)
    except ReportedlyError as exc:
        raise fail(exc) from None
    _report(report, "petrarch" if petrarch else "plover", fmt, floors)
