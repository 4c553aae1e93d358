"""The ``reportedly`` command line.

Exit codes: 0 success; 1 internal error; 2 usage error; 3 input error (empty, binary,
undecodable, too large, not English, malformed); 4 configuration error (model not
installed, unknown stage); 5 a pipeline stage failed; 6 a batch ran but some items
were skipped; 7 an evaluation fell below its quality floors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from . import errors
from .errors import ReportedlyError
from .extras import require_extra
from .records import Analysis, Claim, to_dict

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="reportedly: who says so, how sure they sound, who else confirms it.",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(no_args_is_help=True, help="Score reportedly against gold files.")
app.add_typer(eval_app, name="eval")

STATUS_STYLE = {
    "asserted": "bold green",
    "reported": "bold cyan",
    "hedged": "bold yellow",
    "speculative": "bold magenta",
    "questioned": "bold blue",
    "denied": "bold red",
}
EXIT_BELOW_FLOOR = 7
VERDICT_STYLE = {
    "asserted": "bold green",
    "confirmed": "bold green",
    "reported": "bold cyan",
    "unconfirmed": "bold yellow",
    "contested": "bold magenta",
    "denied": "bold red",
    "no_evidence": "bold white",
}


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _out() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _skipped(item: str, exc: ReportedlyError) -> str:
    """One line for a skipped item; the item is named once (the message may name it)."""
    msg = str(exc)
    name = "" if item in msg else f"{escape(item)}: "
    return f"[bold red]skipped[/] {name}{escape(msg)}"


def _fail(exc: ReportedlyError) -> typer.Exit:
    _err().print(f"[bold red]error[/] {escape(str(exc))}")
    return typer.Exit(exc.exit_code)


# --------------------------------------------------------------------------- analyze


def _chain_text(claim: Claim) -> str:
    if not claim.source_chain:
        return "-"
    levels: dict[int, list[str]] = {}
    for s in claim.source_chain:
        label = s.name + (f" ({s.kind})" if s.level else "")
        levels.setdefault(s.level, []).append(label)
    return " → ".join(" + ".join(names) for _, names in sorted(levels.items()))


def render_analysis(result: Analysis, console: Console) -> None:
    art = result.article
    head = Text()
    head.append(art.title or "(untitled)", style="bold")
    meta = [x for x in (art.outlet, art.published, art.url, art.author) if x]
    if meta:
        head.append("\n" + " · ".join(meta), style="dim")
    console.print(head)
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    summary = Text(f"{len(result.claims)} claims: ")
    for i, (status, n) in enumerate(sorted(counts.items(), key=lambda kv: -kv[1])):
        if i:
            summary.append(", ")
        summary.append(f"{n} {status}", style=STATUS_STYLE.get(status, ""))
    console.print(summary)
    if art.chrome:
        kept = ", ".join(
            f"{ch.kind}{' (' + ch.credit + ')' if ch.credit else ''}" for ch in art.chrome
        )
        console.print(Text(f"set apart as page chrome: {kept}", style="dim"))
    table = Table(show_lines=True, expand=True)
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("claim", ratio=5)
    table.add_column("source chain", ratio=3)
    table.add_column("cues", ratio=2)
    for c in result.claims:
        claim_text = Text(("“" + c.text + "”") if c.direct_quote else c.text)
        cues = ", ".join(f"{q.text} [{q.kind}]" for q in c.cues) or "-"
        table.add_row(
            c.id,
            Text(c.status, style=STATUS_STYLE.get(c.status, "")),
            claim_text,
            Text(_chain_text(c)),
            Text(cues, style="dim"),
        )
    console.print(table)
    ents = Table(title="entities", expand=True)
    ents.add_column("entity", no_wrap=True)
    ents.add_column("type", no_wrap=True)
    ents.add_column("roles / descriptions", ratio=2)
    ents.add_column("mentions", ratio=3)
    for e in result.entities:
        aliases = e.aliases
        ents.add_row(
            Text(e.canonical, style="bold"),
            e.type,
            Text("; ".join([*e.roles, *e.descriptions]) or "-"),
            Text(f"{len(e.mentions)}×: " + ", ".join(aliases)),
        )
    console.print(ents)


def _claim_rows(result: Analysis) -> Iterator[dict[str, Any]]:
    for c in result.claims:
        yield {
            "article": result.article.id,
            "claim": c.id,
            "status": c.status,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "sources": " -> ".join(s.name for s in c.source_chain),
            "cues": "; ".join(q.text for q in c.cues),
            "direct_quote": c.direct_quote,
        }


def _analyses(
    paths: list[str], published: str | None, outlet: str | None, title: str | None, url: str | None
) -> Iterator[Analysis | ReportedlyError | tuple[str, ReportedlyError]]:
    from .pipeline import Pipeline
    from .read import ReadFailure, read_path

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
            try:
                yield pipeline(item)
            except ReportedlyError as exc:
                yield (item.id, exc)


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt, .html, .json, .jsonl[.gz]) or - for stdin.")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    outlet: Annotated[
        str | None, typer.Option(help="The outlet that published the article.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Analyse articles: claims with their status, source chains and cues, then entities."""
    out = _out()
    err = _err()
    n_ok = n_bad = 0
    last_error: ReportedlyError | None = None
    writer: Any = None
    results: list[Analysis] = []
    try:
        for res in _analyses(paths, published, outlet, title, url):
            if isinstance(res, tuple):
                item, exc = res
                n_bad += 1
                last_error = exc
                err.print(_skipped(item, exc))
                continue
            if isinstance(res, ReportedlyError):
                raise res
            n_ok += 1
            if fmt is Format.table:
                if n_ok > 1:
                    out.rule()
                render_analysis(res, out)
            elif fmt is Format.jsonl:
                sys.stdout.write(json.dumps(to_dict(res), ensure_ascii=False) + "\n")
            elif fmt is Format.csv:
                for row in _claim_rows(res):
                    if writer is None:
                        writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow(row)
            else:
                results.append(res)
    except ReportedlyError as exc:
        raise _fail(exc) from None
    if fmt is Format.json:
        data = to_dict(results[0]) if len(results) == 1 else [to_dict(r) for r in results]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if n_bad and not n_ok and last_error is not None:
        raise typer.Exit(last_error.exit_code)
    if n_bad:
        err.print(f"{n_ok} analysed, {n_bad} skipped")
        raise typer.Exit(errors.EXIT_PARTIAL)


def _event_rows(result: Analysis) -> Iterator[dict[str, Any]]:
    for ev in result.events:
        yield {
            "article": result.article.id,
            "event": ev.id,
            "claim": ev.claim,
            "date": ev.time.value if ev.time else "",
            "actor": ev.actor.name if ev.actor else "",
            "actor_code": (ev.actor.code or "") if ev.actor else "",
            "plover": ev.plover or "",
            "mode": ev.mode or "",
            "cameo": ev.cameo or "",
            "target": ev.target.name if ev.target else "",
            "target_code": (ev.target.code or "") if ev.target else "",
            "intermediary": ev.intermediary.name if ev.intermediary else "",
            "place": ev.place.name if ev.place else "",
            "status": ev.status,
            "polarity": ev.polarity,
            "sources": " -> ".join(x.name for x in ev.sources),
            "text": result.article.text[ev.sentence_start : ev.sentence_end],
        }


def render_events(result: Analysis, console: Console) -> None:
    table = Table(title=f"{len(result.events)} events", expand=True, show_lines=True)
    for col in ("date", "actor", "action", "target", "place", "status", "sources"):
        table.add_column(col)
    for row in _event_rows(result):
        action = f"{row['plover']}{'/' + row['mode'] if row['mode'] else ''} {row['cameo']}"
        if row["polarity"] == "negative":
            action = "NOT " + action
        actor = row["actor"] + (f" [{row['actor_code']}]" if row["actor_code"] else "")
        target = row["target"] + (f" [{row['target_code']}]" if row["target_code"] else "")
        if row["intermediary"]:
            target += f" (via {row['intermediary']})"
        cited = row["sources"].split(" -> ")[1:] if row["sources"] else []
        table.add_row(
            row["date"] or "-",
            Text(actor or "-"),
            Text(action),
            Text(target or "-"),
            Text(row["place"] or "-"),
            Text(row["status"], style=STATUS_STYLE.get(str(row["status"]), "")),
            Text(" + ".join(cited) or "(outlet)"),
        )
    console.print(table)


@app.command()
def events(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles, as for analyze (or query --db).")
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
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
        store = _open_store(db)
        try:
            rows = store.events(
                about=about,
                actor=actor,
                target=target,
                plover=plover,
                since=since,
                until=until,
                limit=limit,
            )
        finally:
            store.close()
        if fmt is Format.table:
            keep = ("date", "actor", "plover", "cameo", "target", "place", "status", "outlet")
            rows = [{k: r[k] for k in keep} for r in rows]
        _rows_out(rows, fmt, f"{len(rows)} events")
        return
    if not paths:
        raise _fail(errors.MalformedInput("give articles to analyse, or --db to query a corpus"))
    out = _out()
    writer: Any = None
    n_bad = 0
    for res in _analyses(paths, published, outlet, None, None):
        if isinstance(res, tuple):
            n_bad += 1
            _err().print(_skipped(*res))
            continue
        if isinstance(res, ReportedlyError):
            raise _fail(res)
        if fmt is Format.table:
            render_events(res, out)
        elif fmt is Format.csv:
            for row in _event_rows(res):
                if writer is None:
                    writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
        else:
            data = [to_dict(e) for e in res.events]
            if fmt is Format.jsonl:
                for d in data:
                    sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if n_bad:
        raise typer.Exit(errors.EXIT_PARTIAL)


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"


export_app = typer.Typer(no_args_is_help=True, help="Export records in standard formats.")
app.add_typer(export_app, name="export")


@export_app.command("events")
def export_events(
    paths: Annotated[list[str], typer.Argument(help="Articles, as for analyze.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.gdelt,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
) -> None:
    """GDELT 2.0-style event TSV (with provenance columns) or PLOVER JSON Lines."""
    from .export import EXPORTERS

    results: list[Analysis] = []
    n_bad = 0
    for res in _analyses(paths, published, outlet, None, None):
        if isinstance(res, tuple):
            n_bad += 1
            _err().print(_skipped(*res))
        elif isinstance(res, ReportedlyError):
            raise _fail(res)
        else:
            results.append(res)
    EXPORTERS.get(fmt.value).write(results, sys.stdout)
    if n_bad:
        raise typer.Exit(errors.EXIT_PARTIAL)


# --------------------------------------------------------------------------- corpus

DbOption = Annotated[
    str, typer.Option("--db", help="The corpus: a SQLite file (created on first use).")
]


def redact(db: str) -> str:
    """The store's location as shown (no database password)."""
    from .corpus.backends import redact as hide

    return hide(db)


def _open_store(db: str) -> Any:
    from .corpus.store import Store

    try:
        return Store(db)
    except ReportedlyError as exc:
        raise _fail(exc) from None


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
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .corpus.ingest import IngestSummary
    from .corpus.ingest import ingest as run_ingest
    from .read.fetch import Fetcher
    from .read.files import estimate_items

    store = _open_store(db)
    errs = errors_file.open("a", encoding="utf-8") if errors_file else None
    # how many items, when the inputs tell without being read through (for the ETA)
    counts = [estimate_items(p) for p in paths]
    total = None if any(n is None for n in counts) else sum(n or 0 for n in counts)
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(bar_width=20),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=_err(),
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
            from .corpus.links import corpus_links

            with _err().status("linking the corpus (copies, stories, claim clusters)"):
                links = corpus_links(store)
            linked = (
                f"; {len(links.stories)} stories, {len(links.copies)} copies, "
                f"{len(links.contradictions)} contradictions"
            )
    except ReportedlyError as exc:
        raise _fail(exc) from None
    finally:
        if errs is not None:
            errs.close()
        total = store.count()
        store.close()
    reasons = ", ".join(f"{code} x{n}" for code, n in summary.reasons.most_common())
    _out().print(
        f"read {summary.read}: ingested {summary.ingested}, already stored {summary.already}, "
        f"skipped {summary.skipped}{' (' + reasons + ')' if reasons else ''}; "
        f"{total} articles in {redact(db)}{linked}"
    )
    if summary.skipped:
        raise typer.Exit(errors.EXIT_PARTIAL)


def _rows_out(rows: list[dict[str, Any]], fmt: Format, title: str) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif not rows:
        _out().print(f"{title}: none found")
    else:
        table = Table(title=title, expand=True, show_lines=False)
        cols = list(rows[0]) if rows else []
        for col in cols:
            table.add_column(col)
        for r in rows:
            table.add_row(
                *[
                    Text(str(r[c]), style=STATUS_STYLE.get(str(r[c]), ""))
                    if c == "status"
                    else Text("" if r[c] is None else str(r[c]))
                    for c in cols
                ]
            )
        _out().print(table)


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
    store = _open_store(db)
    try:
        rows = store.claims(
            about=about,
            status=status or (),
            source=source,
            outlet=outlet,
            text=text,
            since=since,
            until=until,
            limit=limit,
        )
    except ReportedlyError as exc:
        raise _fail(exc) from None
    finally:
        store.close()
    if fmt is Format.table:
        rows = [
            {k: r[k] for k in ("published", "outlet", "status", "text", "sources")} for r in rows
        ]
    _rows_out(rows, fmt, f"{len(rows)} claims")


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
    store = _open_store(db)
    try:
        rows = store.entities(name=name, type=type_, limit=limit)
    finally:
        store.close()
    if fmt is Format.table:
        rows = [
            {**{k: r[k] for k in ("entity", "type", "articles", "mentions")},
             "aliases": ", ".join(r["aliases"])}
            for r in rows
        ]  # fmt: skip
    _rows_out(rows, fmt, f"{len(rows)} entities")


@app.command()
def sources(
    db: DbOption = "reportedly.db",
    limit: Annotated[int, typer.Option(help="At most this many sources.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Who is cited, by how many articles and outlets, and with which statuses."""
    store = _open_store(db)
    try:
        rows = store.sources(limit=limit)
    finally:
        store.close()
    _rows_out(rows, fmt, f"{len(rows)} cited sources")


def _links(db: str) -> tuple[Any, dict[str, dict[str, Any]], Any]:
    """The corpus links (cached in the store) and the rows of the linked articles."""
    from .corpus.links import corpus_links

    store = _open_store(db)
    try:
        links = corpus_links(store)
        rows = store.article_rows(a for st in links.stories for a in st.articles)
        claims = store.claim_rows(
            ref for k in links.contradictions for ref in (k.claim_a, k.claim_b)
        )
    finally:
        store.close()
    return links, rows, claims


@app.command()
def stories(
    db: DbOption = "reportedly.db",
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Stories (articles about the same happening), copies collapsed, best-corroborated claims."""
    links, articles, _ = _links(db)
    by_story: dict[str, list[Any]] = {}
    for cl in links.clusters:
        by_story.setdefault(cl.story, []).append(cl)
    rows = []
    for st in links.stories:
        top = sorted(by_story.get(st.id, []), key=lambda c: -c.corroboration)[:1]
        rows.append(
            {
                "story": st.id,
                "title": st.title,
                "articles": len(st.articles),
                "copies": len(st.copies),
                "outlets": ", ".join(
                    sorted({articles[a]["outlet"] or "?" for a in st.articles if a in articles})
                ),
                "most corroborated claim": (
                    f"{top[0].text} ({top[0].corroboration} independent)" if top else ""
                ),
            }
        )
    if fmt is not Format.table:
        rows = [
            {**to_dict(st), "claim_clusters": [to_dict(c) for c in by_story.get(st.id, [])]}
            for st in links.stories
        ]
    _rows_out(rows, fmt, f"{len(links.stories)} stories, {len(links.copies)} copies")


@app.command()
def contradictions(
    db: DbOption = "reportedly.db",
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Claims about the same thing with opposite polarity, or denied by one source."""
    links, _, claims_by = _links(db)
    rows = []
    for k in links.contradictions:
        c1, c2 = claims_by[k.claim_a], claims_by[k.claim_b]
        rows.append(
            {
                "reason": k.reason,
                "claim": f"{c1['text']} [{c1['status']}, {c1['outlet'] or c1['article_id']}]",
                "against": f"{c2['text']} [{c2['status']}, {c2['outlet'] or c2['article_id']}]",
            }
        )
    if fmt is not Format.table:
        rows = [to_dict(k) for k in links.contradictions]
    _rows_out(rows, fmt, f"{len(rows)} contradictions")


class AskFormat(StrEnum):
    table = "table"
    json = "json"
    claimreview = "claimreview"


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question, e.g. 'Did X visit Y?'")],
    db: DbOption = "reportedly.db",
    fmt: Annotated[AskFormat, typer.Option("--format", "-f")] = AskFormat.table,
) -> None:
    """Answer a question from the corpus: a verdict per part, with evidence and sources."""
    from .ask.answer import answer_store

    store = _open_store(db)
    try:
        ans = answer_store(question, store)
    except ReportedlyError as exc:
        raise _fail(exc) from None
    finally:
        store.close()
    if fmt is AskFormat.json:
        sys.stdout.write(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is AskFormat.claimreview:
        sys.stdout.write(json.dumps(ans.to_claimreview(), ensure_ascii=False, indent=2) + "\n")
        return
    out = _out()
    head = Text(f"{ans.question}\n")
    head.append(ans.verdict.replace("_", " "), style=VERDICT_STYLE.get(ans.verdict, "bold"))
    if ans.answers:
        head.append(": " + ", ".join(ans.answers), style="bold")
    out.print(head)
    out.print(Text(ans.explanation))
    data = ans.to_dict()
    parts = data.get("parts", [])
    if len(parts) > 1:
        for part in parts:
            out.print(
                Text(f"  - {part.get('about', '')}: ", style="dim")
                + Text(
                    str(part.get("verdict", "")),
                    style=VERDICT_STYLE.get(str(part.get("verdict")), ""),
                )
            )
    table = Table(title="evidence", expand=True, show_lines=True)
    for col in ("outlet", "date", "status", "claim", "source chain"):
        table.add_column(col)
    for ev in data.get("evidence", [])[:12]:
        chain = ev.get("source_chain") or []
        names = " > ".join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in chain)
        table.add_row(
            Text(str(ev.get("outlet") or ev.get("article") or "")),
            Text(str(ev.get("event_date") or ev.get("date") or "")),
            Text(str(ev.get("status", "")), style=STATUS_STYLE.get(str(ev.get("status")), "")),
            Text(str(ev.get("claim_text") or ev.get("text") or "")),
            Text(names),
        )
    if data.get("evidence"):
        out.print(table)
    if data.get("missing"):
        out.print(Text("missing: " + "; ".join(map(str, data["missing"])), style="dim"))


@app.command()
def stages() -> None:
    """List the registered pipeline stages with what they require and assign."""
    from .pipeline import DEFAULT_STAGES, STAGES, check_order

    check_order(DEFAULT_STAGES)
    table = Table()
    for col in ("stage", "requires", "assigns", "in default pipeline"):
        table.add_column(col)
    for name, info in STAGES.items():
        table.add_row(
            name,
            ", ".join(info.requires),
            ", ".join(info.assigns),
            "yes" if name in DEFAULT_STAGES else "",
        )
    _out().print(table)


@app.command()
def serve(
    db: DbOption = "reportedly.db",
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="REPORTEDLY_TOKEN",
            help="Allow writes (POST /api/articles) with 'Authorization: Bearer TOKEN'; "
            "without it the server is read-only.",
        ),
    ] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body, in bytes.")] = 2_000_000,
    allow_private: Annotated[
        bool, typer.Option(help="Let posted URLs be fetched from private and loopback addresses.")
    ] = False,
) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web pages over a corpus."""
    require_extra("web", "reportedly serve")
    import uvicorn

    from .web import create_app

    _open_store(db).close()  # fail early, with the store's own message
    _err().print(
        f"Serving {escape(redact(db))} at http://{host}:{port} "
        f"({'writes need the token' if token else 'read-only'}; API docs at /docs)"
    )
    uvicorn.run(
        create_app(
            db,
            token=token,
            max_body=max_body,
            warm_links=True,
            allow_private_urls=allow_private,
        ),
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
    )


# --------------------------------------------------------------------------- eval


def _gate(report: dict[str, Any], section: str, floors_path: Path | None) -> list[str]:
    from .evaluate import check_floors, load_floors

    path = floors_path or Path(__file__).resolve().parents[2] / "quality" / "floors.json"
    if not path.exists():
        return []
    return check_floors({section: report}, load_floors(path))


def _report(report: Any, section: str, fmt: Format, floors: Path | None) -> None:
    """Print an evaluation report and apply the floors (exit 7 below any of them)."""
    data = report.to_dict()
    if fmt is Format.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        report.render(_out())
    below = _gate(data, section, floors) if floors else []
    for msg in below:
        _err().print(f"[bold red]below floor[/] {escape(msg)}")
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
    from .evaluate import evaluate_attribution

    try:
        report = evaluate_attribution(path, limit=limit)
    except ReportedlyError as exc:
        raise _fail(exc) from None
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
    from .evaluate import evaluate_uncertainty

    try:
        report = evaluate_uncertainty(path, limit=limit)
    except ReportedlyError as exc:
        raise _fail(exc) from None
    _report(report, "uncertainty", fmt, floors)


@eval_app.command("stories")
def eval_stories(
    path: Annotated[Path, typer.Argument(help="Stories JSONL (articles with their gold story).")],
    limit: Annotated[int | None, typer.Option(help="Use only the first N articles.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Story clustering B-cubed P/R/F1, and whether known wire copies are marked as copies."""
    from .evaluate.stories import evaluate_stories

    try:
        report = evaluate_stories(path, limit=limit)
    except ReportedlyError as exc:
        raise _fail(exc) from None
    _report(report, "stories", fmt, floors)


def _evaluate(run: Callable[[], Any], section: str, fmt: Format, floors: Path | None) -> None:
    """Run one scorer, print its report and apply the floors; a coded error exits with its code."""
    try:
        report = run()
    except ReportedlyError as exc:
        raise _fail(exc) from None
    _report(report, section, fmt, floors)


ArticlesOption = Annotated[
    Path | None,
    typer.Option(help="The realnews articles.jsonl (default: the one beside the gold file)."),
]


@eval_app.command("claims")
def eval_claims(
    path: Annotated[Path, typer.Argument(help="Realnews ATTRIBUTION.jsonl (gold sentences).")],
    articles: ArticlesOption = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Claim status accuracy and confusion, named sources, direct quotes (realnews gold)."""
    from .evaluate.claims import evaluate_claims

    _evaluate(lambda: evaluate_claims(path, articles, limit=limit), "claims", fmt, floors)


@eval_app.command("ask")
def eval_ask(
    path: Annotated[Path, typer.Argument(help="Realnews QUESTIONS.json.")],
    articles: ArticlesOption = None,
    limit: Annotated[int | None, typer.Option(help="Ask only the first N questions.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """Verdicts accepted / best, evidence right and confidently wrong answers of ask."""
    from .evaluate.questions import evaluate_questions

    _evaluate(lambda: evaluate_questions(path, articles, limit=limit), "ask", fmt, floors)


@eval_app.command("events")
def eval_events(
    path: Annotated[
        Path, typer.Argument(help="PLOVER GSR, PETRARCH2 GSR or realnews events JSONL.")
    ],
    articles: ArticlesOption = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 7) below these floors.")] = None,
) -> None:
    """PLOVER type accuracy and actor countries, CAMEO root and dyad match (PETRARCH2), or
    precision, recall and who-did-what-to-whom on realnews events (with --articles)."""
    from .evaluate.events import evaluate_petrarch, evaluate_plover
    from .evaluate.realnews_events import evaluate_realnews_events, is_realnews_events

    try:
        with path.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
    except (OSError, ValueError) as exc:
        raise _fail(errors.MalformedInput(f"{path}: cannot read a JSON line: {exc}")) from None
    realnews = isinstance(first, dict) and is_realnews_events(first)
    petrarch = "no_events_expected" in first or "category" in first
    try:
        if realnews:
            report: Any = evaluate_realnews_events(path, articles, limit=limit)
        else:
            report = (evaluate_petrarch if petrarch else evaluate_plover)(path, limit=limit)
    except ReportedlyError as exc:
        raise _fail(exc) from None
    section = "realnews_events" if realnews else "petrarch" if petrarch else "plover"
    _report(report, section, fmt, floors)


def main() -> None:
    """Entry point: never a traceback unless REPORTEDLY_DEBUG is set."""
    try:
        app()
    except ReportedlyError as exc:
        _err().print(f"[bold red]error[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr = io.StringIO()
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("REPORTEDLY_DEBUG"):
            raise
        _err().print(
            f"[bold red]internal error[/] {type(exc).__name__}: {escape(str(exc))} "
            "(set REPORTEDLY_DEBUG=1 for a traceback)"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
