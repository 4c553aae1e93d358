"""``analyze``, ``events`` and ``stages``: articles through the pipeline, printed."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .. import errors
from ..corpus.store import EventQuery
from ..errors import ReportedlyError
from ..pipeline import DEFAULT_STAGES, STAGES, Pipeline, check_order
from ..read import ReadFailure, read_path
from ..records import Analysis, to_dict
from ..text.inflect import counted
from .app import app, fail, open_store, skipped
from .render import (
    CsvOut,
    Format,
    claim_rows,
    event_rows,
    info,
    out,
    render_analysis,
    render_events,
    rows_out,
    wide,
    write_json,
    write_jsonl,
)

#: An item that could not be read or analysed: its name and why.
Skipped = tuple[str, ReportedlyError]

log = logging.getLogger(__name__)

Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")]


def analyses(
    paths: list[str],
    published: str | None,
    outlet: str | None,
    title: str | None = None,
    url: str | None = None,
) -> Iterator[Analysis | Skipped]:
    """The analysis of every article under ``paths`` (the pipeline is built on first use)."""
    pipeline: Pipeline | None = None
    for p in paths:
        for item in read_path(p, published=published, outlet=outlet):
            if isinstance(item, ReadFailure):
                yield (item.item, item.error)
                continue
            if title:
                item.title = title
            if url:
                item.url = url
            if pipeline is None:
                pipeline = Pipeline()
                log.debug("pipeline: %s", ", ".join(pipeline.names))
            started = time.perf_counter()
            try:
                result = pipeline(item)
            except ReportedlyError as exc:
                yield (item.id, exc)
                continue
            log.info(
                "%s: %s, %s, %s in %.2f s (%s characters)",
                item.id,
                counted(len(result.claims), "claim"),
                counted(len(result.events), "event"),
                counted(len(result.entities), "entity"),
                time.perf_counter() - started,
                len(item.text),
            )
            yield result


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt, .html, .json, .jsonl[.gz]) or - for stdin.")
    ],
    published: Published = None,
    outlet: Annotated[
        str | None, typer.Option(help="The outlet that published the article.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Analyse articles: claims with their status, source chains and cues, then entities."""
    console = out()
    n_ok = n_bad = 0
    last_error: ReportedlyError | None = None
    csv_out = CsvOut()
    results: list[Analysis] = []
    try:
        for res in analyses(paths, published, outlet, title, url):
            if isinstance(res, tuple):
                n_bad += 1
                last_error = res[1]
                info().print(skipped(*res))
                continue
            n_ok += 1
            for notice in res.notices:  # a limit reached: analysed, but part read coarsely
                info().print(f"[yellow]note[/] [{notice.code}] {escape(notice.message)}")
            if fmt is Format.table:
                if n_ok > 1:
                    console.rule()
                render_analysis(res, console)
            elif fmt is Format.jsonl:
                write_jsonl(to_dict(res))
            elif fmt is Format.csv:
                for row in claim_rows(res):
                    csv_out.write(row)
            else:
                results.append(res)
    except ReportedlyError as exc:
        raise fail(exc) from None
    if fmt is Format.json:
        write_json(to_dict(results[0]) if len(results) == 1 else [to_dict(r) for r in results])
    if n_bad and not n_ok and last_error is not None:
        raise typer.Exit(last_error.exit_code)
    if n_bad:
        info().print(f"{n_ok} analysed, {n_bad} skipped")
        raise typer.Exit(errors.EXIT_PARTIAL)


def _stored_events(db: str, query: EventQuery, fmt: Format) -> None:
    store = open_store(db)
    try:
        rows = [r.to_dict() for r in store.query(query)]
    finally:
        store.close()
    if fmt is Format.table and wide():
        keep = ("date", "actor", "plover", "cameo", "target", "place", "status", "outlet")
        rows = [{k: r[k] for k in keep} for r in rows]
    elif fmt is Format.table:  # PLOVER type and CAMEO code in one column, to fit
        rows = [
            {
                "date": r["date"],
                "actor": r["actor"],
                "action": " ".join(str(r[k]) for k in ("plover", "cameo") if r[k]),
                **{k: r[k] for k in ("target", "place", "status", "outlet")},
            }
            for r in rows
        ]
    rows_out(rows, fmt, counted(len(rows), "event"))


@app.command()
def events(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles, as for analyze (or query --db).")
    ] = None,
    published: Published = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    db: Annotated[
        str | None, typer.Option(help="Query the events of a corpus instead (file or URL).")
    ] = None,
    about: Annotated[str | None, typer.Option(help="--db: actor or target named so.")] = None,
    actor: Annotated[str | None, typer.Option(help="--db: the actor (name or code).")] = None,
    target: Annotated[str | None, typer.Option(help="--db: the target (name or code).")] = None,
    plover: Annotated[str | None, typer.Option(help="--db: a PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option(help="--db: on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="--db: on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="--db: at most this many events.")] = 100,
) -> None:
    """Events: date, actor, action (PLOVER/CAMEO), target, place, status and sources.

    Of the articles given, or, with --db, of a corpus, filtered by participant, type and date."""
    if db is not None:
        query = EventQuery(about, actor, target, plover, since=since, until=until, limit=limit)
        _stored_events(db, query, fmt)
        return
    if not paths:
        raise fail(errors.MalformedInput("give articles to analyse, or --db to query a corpus"))
    console = out()
    csv_out = CsvOut()
    n_bad = 0
    for res in analyses(paths, published, outlet):
        if isinstance(res, tuple):
            n_bad += 1
            info().print(skipped(*res))
        elif fmt is Format.table:
            render_events(res, console)
        elif fmt is Format.csv:
            for row in event_rows(res):
                csv_out.write(row)
        elif fmt is Format.jsonl:
            for e in res.events:
                write_jsonl(to_dict(e))
        else:
            write_json([to_dict(e) for e in res.events])
    if n_bad:
        raise typer.Exit(errors.EXIT_PARTIAL)


@app.command()
def stages() -> None:
    """List the registered pipeline stages with what they require and assign."""
    check_order(DEFAULT_STAGES)
    table = Table()
    for col in ("stage", "requires", "assigns", "in default pipeline"):
        table.add_column(col)
    for name, stage in STAGES.items():
        table.add_row(
            name,
            ", ".join(stage.requires),
            ", ".join(stage.assigns),
            "yes" if name in DEFAULT_STAGES else "",
        )
    out().print(table)
