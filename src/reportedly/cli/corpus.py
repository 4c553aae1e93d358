"""The corpus commands: ``ingest`` and the listings (``claims``, ``entities``, ``sources``,
``stories``, ``contradictions``), each a query object of the store."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .. import errors
from ..corpus.ingest import IngestSummary
from ..corpus.ingest import ingest as run_ingest
from ..corpus.link_rows import LinkCounts, iter_stories, link_counts, read_contradictions
from ..corpus.links import ensure_links
from ..corpus.records import ClaimCluster, Story
from ..corpus.relink import relink as run_relink
from ..corpus.store import ClaimQuery, ClaimRow, EntityQuery, Query, Row, SourceQuery, redact
from ..corpus.store.rows import ArticleRow
from ..errors import ReportedlyError
from ..read.fetch import Fetcher
from ..read.files import estimate_items
from ..records import to_dict
from ..text.inflect import counted
from .app import DbOption, app, fail, open_store
from .render import Format, info, out, rows_out, verbosity, wide

Tick = Callable[[IngestSummary, str], None]
#: The per-status counts of a ``sources`` row (one "statuses" column in a narrow table).
STATUS_COUNTS = ("asserted", "reported", "hedged", "speculative", "questioned", "denied")
log = logging.getLogger(__name__)
RowT = TypeVar("RowT", bound=Row)


@contextmanager
def _progress(total: int | None) -> Iterator[Tick]:
    """A progress bar on stderr (with an ETA when ``total`` is known) and its update."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=20),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=info(),
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting", rate="", total=total)

        def tick(summary: IngestSummary, item: str) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{summary.read / elapsed:.1f} articles/s" if elapsed > 0 else ""
            of = f"/{total}" if total else ""
            bar.update(
                task,
                completed=summary.read,
                description=f"read {summary.read}{of}, ingested {summary.ingested}, "
                f"already stored {summary.already}, skipped {summary.skipped}",
                rate=rate,
            )
            log.debug("read %s (%s ingested so far)", item, summary.ingested)

        yield tick


def _linked(counts: LinkCounts) -> str:
    return (
        f"; {counts.stories} stories, {counts.copies} copies, "
        f"{counts.contradictions} contradictions"
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (.txt, .html, .json, .jsonl[.gz]).")
    ],
    db: DbOption = "reportedly.db",
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs without one.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs without one.")] = None,
    errors_file: Annotated[
        Path | None, typer.Option("--errors", help="Write every skipped item and why (TSV).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Let URL lists fetch private and loopback addresses.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Analyse in N local worker processes (a Dask LocalCluster)."),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Analyse on an existing Dask cluster (tcp://host:port)."),
    ] = None,
    link: Annotated[
        bool,
        typer.Option(
            help="Link the corpus (copies, stories, claim clusters) when articles were added."
        ),
    ] = True,
) -> None:
    """Analyse articles into a corpus; reruns skip what is stored (idempotent, resumable).

    Reads .txt/.html/.json/.jsonl(.gz), WARC(.gz) response records, RSS/Atom feeds, and URL
    lists (.urls, or .txt files of URLs only), fetched politely (robots.txt, per-host delay,
    size cap) and never from private or loopback addresses unless --allow-private."""
    store = open_store(db, create=True)
    errs = errors_file.open("a", encoding="utf-8") if errors_file else None
    # how many items, when the inputs tell without being read through (for the ETA)
    counts = [estimate_items(p) for p in paths]
    total = None if any(n is None for n in counts) else sum(n or 0 for n in counts)
    try:
        with _progress(total) as tick:
            summary = run_ingest(
                paths,
                store,
                published=published,
                outlet=outlet,
                errors=errs,
                progress=tick,
                fetcher=Fetcher(allow_private=allow_private),
                workers=workers,
                scheduler=scheduler,
            )
        linked = ""
        if link and summary.ingested:
            with info().status("linking the corpus (copies, stories, claim clusters)"):
                ensure_links(store)
                linked = _linked(link_counts(store))
    except ReportedlyError as exc:
        raise fail(exc) from None
    finally:
        if errs is not None:
            errs.close()
        total = store.count()
        store.close()
    reasons = ", ".join(f"{code} x{n}" for code, n in summary.reasons.most_common())
    if verbosity() >= 0:
        out().print(
            f"read {summary.read}: ingested {summary.ingested}, "
            f"already stored {summary.already}, "
            f"skipped {summary.skipped}{' (' + reasons + ')' if reasons else ''}; "
            f"{total} articles in {redact(db)}{linked}"
        )
    if summary.skipped:
        raise typer.Exit(errors.EXIT_PARTIAL)


@app.command()
def relink(
    db: DbOption = "reportedly.db",
    workers: Annotated[
        int,
        typer.Option(min=1, help="Cluster claims in N local worker processes (Dask)."),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Cluster claims on an existing Dask cluster (tcp://host:port)."),
    ] = None,
) -> None:
    """Link the whole corpus again: copies, every story, and the claim clusters and
    contradictions of every story (what each ingest updates only where new articles
    land). The same links with any number of workers."""
    store = open_store(db)
    try:
        with info().status("relinking the corpus (copies, stories, claim clusters)"):
            written = run_relink(store, workers=workers, scheduler=scheduler)
        linked = _linked(link_counts(store))
    except ReportedlyError as exc:
        raise fail(exc) from None
    finally:
        store.close()
    if verbosity() >= 0:
        out().print(f"relinked {redact(db)}: {counted(written, 'story')} written{linked}")


def _query(db: str, query: Query[RowT]) -> list[dict[str, Any]]:
    """The rows of ``query`` on the store at ``db``, as dicts (a bad query exits)."""
    store = open_store(db)
    try:
        return [r.to_dict() for r in store.query(query)]
    except ReportedlyError as exc:
        raise fail(exc) from None
    finally:
        store.close()


@app.command()
def claims(
    db: DbOption = "reportedly.db",
    about: Annotated[str | None, typer.Option(help="An entity the claim's sentence names.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="Keep these statuses (repeatable).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="A cited source (level >= 1).")] = None,
    outlet: Annotated[str | None, typer.Option(help="The publishing outlet.")] = None,
    text: Annotated[str | None, typer.Option("--search", help="Full-text query (FTS5).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Claims in the corpus, filtered by entity, status, source, outlet, text and date."""
    rows = _query(db, ClaimQuery(about, status or (), source, outlet, text, since, until, limit))
    if fmt is Format.table:
        rows = [
            {k: r[k] for k in ("published", "outlet", "status", "text", "sources")} for r in rows
        ]
    rows_out(rows, fmt, counted(len(rows), "claim"))


@app.command()
def entities(
    db: DbOption = "reportedly.db",
    name: Annotated[
        str | None, typer.Option(help="Only the entity of this name (any of its names).")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PERSON, ORG, PLACE, GPE, NORP, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many entities.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Entities across the corpus (names of one entity merged), most widely reported first."""
    rows = _query(db, EntityQuery(name, type_, limit))
    if fmt is Format.table:
        rows = [
            {**{k: r[k] for k in ("entity", "type", "articles", "mentions")},
             "aliases": ", ".join(r["aliases"])}
            for r in rows
        ]  # fmt: skip
    rows_out(rows, fmt, counted(len(rows), "entity"))


@app.command()
def sources(
    db: DbOption = "reportedly.db",
    limit: Annotated[int, typer.Option(help="At most this many sources.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Who is cited, by how many articles and outlets, and with which statuses."""
    rows = _query(db, SourceQuery(limit=limit))
    if fmt is Format.table and not wide():  # the status counts in one column, to fit
        rows = [
            {
                **{k: v for k, v in r.items() if k not in STATUS_COUNTS},
                "statuses": ", ".join(f"{r[k]} {k}" for k in STATUS_COUNTS if r.get(k)) or "-",
            }
            for r in rows
        ]
    rows_out(rows, fmt, counted(len(rows), "cited source"))


#: Stories whose article rows are read at a time.
STORY_BATCH = 500


@app.command()
def stories(
    db: DbOption = "reportedly.db",
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Stories (articles about the same happening), copies collapsed, best-corroborated claims."""
    store = open_store(db)
    rows: list[dict[str, Any]] = []
    try:
        ensure_links(store)
        copies = link_counts(store).copies
        batch: list[tuple[Story, list[ClaimCluster]]] = []

        def flush() -> None:
            articles = store.article_rows(a for st, _ in batch for a in st.articles)
            for st, clusters in batch:
                rows.append(_story_row(st, clusters, articles, fmt))
            batch.clear()

        for st, clusters, _ in iter_stories(store):
            batch.append((st, clusters))
            if len(batch) >= STORY_BATCH:
                flush()
        flush()
    finally:
        store.close()
    rows_out(rows, fmt, f"{counted(len(rows), 'story')}, {counted(copies, 'copy')}")


def _story_row(
    st: Story, clusters: list[ClaimCluster], articles: dict[str, ArticleRow], fmt: Format
) -> dict[str, Any]:
    if fmt is not Format.table:
        return {**to_dict(st), "claim_clusters": [to_dict(c) for c in clusters]}
    top = sorted(clusters, key=lambda c: -c.corroboration)[:1]
    outlets = {articles[a].outlet or "?" for a in st.articles if a in articles}
    return {
        "story": st.id,
        "title": st.title,
        "articles": len(st.articles),
        "copies": len(st.copies),
        "outlets": ", ".join(sorted(outlets)),
        "most corroborated claim": (
            f"{top[0].text} ({top[0].corroboration} independent)" if top else ""
        ),
    }


def _side(c: ClaimRow) -> str:
    return f"{c.text} [{c.status}, {c.outlet or c.article_id}]"


@app.command()
def contradictions(
    db: DbOption = "reportedly.db",
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Claims about the same thing with opposite polarity, or denied by one source."""
    store = open_store(db)
    try:
        ensure_links(store)
        found = read_contradictions(store)
        claims_by = store.claim_rows(ref for k in found for ref in (k.claim_a, k.claim_b))
    finally:
        store.close()
    rows: list[dict[str, Any]] = [
        {
            "reason": k.reason,
            "claim": _side(claims_by[k.claim_a]),
            "against": _side(claims_by[k.claim_b]),
        }
        for k in found
    ]
    if fmt is not Format.table:
        rows = [to_dict(k) for k in found]
    rows_out(rows, fmt, counted(len(rows), "contradiction"))
