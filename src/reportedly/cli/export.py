"""``export events``: GDELT-style TSV or PLOVER JSON Lines."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from .. import errors
from ..export import EXPORTERS
from ..records import Analysis
from .analyze import Published, analyses
from .app import export_app, skipped
from .render import err


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"


@export_app.command("events")
def export_events(
    paths: Annotated[list[str], typer.Argument(help="Articles, as for analyze.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.gdelt,
    published: Published = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
) -> None:
    """GDELT 2.0-style event TSV (with provenance columns) or PLOVER JSON Lines."""
    results: list[Analysis] = []
    n_bad = 0
    for res in analyses(paths, published, outlet):
        if isinstance(res, tuple):
            n_bad += 1
            err().print(skipped(*res))
        else:
            results.append(res)
    EXPORTERS.get(fmt.value).write(results, sys.stdout)
    if n_bad:
        raise typer.Exit(errors.EXIT_PARTIAL)
