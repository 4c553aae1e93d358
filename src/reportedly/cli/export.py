"""``export events``: the GDELT 2.0 event table, PLOVER JSON Lines or our JSON Lines,
of the articles given or of a stored corpus (``--db``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer

from .. import errors
from ..export import EXPORTERS
from ..export.gdelt import events_to_gdelt_tsv
from ..records import Analysis
from .analyze import Published, analyses
from .app import export_app, fail, open_store, skipped
from .render import info


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"


def _write(results: Iterable[Analysis], fmt: ExportFormat, header: bool, provenance: bool) -> None:
    if fmt is ExportFormat.gdelt:
        events_to_gdelt_tsv(results, sys.stdout, header=header, provenance=provenance)
    else:
        EXPORTERS.get(fmt.value).write(results, sys.stdout)


@export_app.command("events")
def export_events(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles, as for analyze (or none with --db).")
    ] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.gdelt,
    published: Published = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Export every article of this store instead.")
    ] = None,
    header: Annotated[
        bool, typer.Option("--header", help="gdelt: a header row first (GDELT has none).")
    ] = False,
    provenance: Annotated[
        bool,
        typer.Option("--provenance", help="gdelt: our provenance columns after GDELT's 61."),
    ] = False,
) -> None:
    """The GDELT 2.0 event table (61 columns, tab-separated), PLOVER JSON Lines, or JSON Lines."""
    if db is not None:
        if paths:
            raise fail(errors.MalformedInput("give articles or --db, not both"))
        store = open_store(db)  # E104 with the path when there is no such store
        try:
            _write(store.analyses(), fmt, header, provenance)
        finally:
            store.close()
        return
    if not paths:
        raise fail(errors.MalformedInput("give articles to export, or --db STORE"))
    results: list[Analysis] = []
    n_bad = 0
    for res in analyses(paths, published, outlet):
        if isinstance(res, tuple):
            n_bad += 1
            info().print(skipped(*res))
        else:
            results.append(res)
    _write(results, fmt, header, provenance)
    if n_bad:
        raise typer.Exit(errors.EXIT_PARTIAL)
