"""What the commands print: tables (rich), JSON, JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ask.answer import Answer
from ..records import Analysis, chain_text

#: The level of the ``reportedly`` loggers for each verbosity (-q, default, -v, -vv).
LOG_LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO, 2: logging.DEBUG}


class _StderrHandler(logging.Handler):
    """Log records as lines on whatever ``sys.stderr`` is when they are emitted."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except (OSError, ValueError):  # a closed stream must not crash on a log line
            self.handleError(record)


_handler = _StderrHandler()
_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))


def configure_logging(level: int) -> None:
    """The ``reportedly`` loggers at the level of ``level`` (a verbosity), on stderr.

    At the default verbosity they are left as Python has them (warnings on stderr)."""
    logger = logging.getLogger("reportedly")
    if level == 0:
        logger.setLevel(logging.NOTSET)
        logger.removeHandler(_handler)
        return
    logger.setLevel(LOG_LEVELS[max(-1, min(2, level))])
    if _handler not in logger.handlers:
        logger.addHandler(_handler)


STATUS_STYLE = {
    "asserted": "bold green",
    "reported": "bold cyan",
    "hedged": "bold yellow",
    "speculative": "bold magenta",
    "questioned": "bold blue",
    "denied": "bold red",
}
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


#: ``--wide``: tables as wide as their content, a row per line, never wrapped or cut.
_wide = False
#: The console width of ``--wide`` (a table narrower than this is printed at its own width).
WIDE_WIDTH = 10_000
#: A column whose cells are all at most this many characters (dates, counts, statuses,
#: codes) is never wrapped nor cut; the longer columns wrap to share what is left.
SHORT_CELL = 12


def set_wide(value: bool) -> None:
    global _wide
    _wide = value


def wide() -> bool:
    return _wide


def out() -> Console:
    """stdout: the terminal's width (COLUMNS, else 80), or unbounded with ``--wide``."""
    return Console(highlight=False, soft_wrap=False, width=WIDE_WIDTH if _wide else None)


def fitted_table(
    columns: list[str], rows: list[list[Text]], *, title: str | None = None, lines: bool = False
) -> Table:
    """A table whose short columns keep their width and whose long ones wrap (a word
    longer than its column is folded, never cut to "..."); with ``--wide``, one line a row."""
    table = Table(
        title=title,
        expand=not _wide,
        show_lines=lines and not _wide,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for i, col in enumerate(columns):
        longest = max([len(col), *(r[i].cell_len for r in rows)])
        if _wide:
            table.add_column(col, no_wrap=True)
        elif max((r[i].cell_len for r in rows), default=0) <= SHORT_CELL:
            table.add_column(col, no_wrap=True, min_width=longest)
        else:
            # the room is shared in proportion to the longest cell (up to a line's worth)
            table.add_column(
                col, overflow="fold", min_width=min(longest, SHORT_CELL), ratio=min(longest, 80)
            )
    for r in rows:
        table.add_row(*r)
    return table


def err() -> Console:
    """stderr for errors: printed whatever ``-q``."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


#: -1 with ``-q``, 0 by default, 1 with ``-v``, 2 with ``-vv`` (set by the root callback).
_verbosity = 0


def set_verbosity(level: int) -> None:
    global _verbosity
    _verbosity = level


def verbosity() -> int:
    return _verbosity


def info() -> Console:
    """stderr for what is not the result nor an error (notes, skipped items, progress,
    summaries): silent with ``-q``."""
    return Console(stderr=True, highlight=False, soft_wrap=True, quiet=_verbosity < 0)


def write_json(data: Any, *, ensure_ascii: bool = False) -> None:
    """``data`` as indented JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=ensure_ascii, indent=2) + "\n")


def write_jsonl(record: Any) -> None:
    """One JSON line on stdout."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


class CsvOut:
    """CSV rows on stdout, the header from the first row's keys."""

    def __init__(self) -> None:
        self._writer: csv.DictWriter[str] | None = None

    def write(self, row: dict[str, Any]) -> None:
        if self._writer is None:
            self._writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            self._writer.writeheader()
        self._writer.writerow(row)


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
    claim_cells: list[list[Text]] = []
    for c in result.claims:
        claim_text = Text(("“" + c.text + "”") if c.direct_quote else c.text)
        cues = ", ".join(f"{q.text} [{q.kind}]" for q in c.cues) or "-"
        claim_cells.append(
            [
                Text(c.id, style="dim"),
                Text(c.status, style=STATUS_STYLE.get(c.status, "")),
                claim_text,
                Text(chain_text(c.source_chain, sep=" → ", kinds=True) or "-"),
                Text(cues, style="dim"),
            ]
        )
    columns = ["#", "status", "claim", "source chain", "cues"]
    console.print(fitted_table(columns, claim_cells, lines=True))
    entity_cells = [
        [
            Text(e.canonical, style="bold"),
            Text(e.type),
            Text("; ".join([*e.roles, *e.descriptions]) or "-"),
            Text(f"{len(e.mentions)}×: " + ", ".join(e.aliases)),
        ]
        for e in result.entities
    ]
    columns = ["entity", "type", "roles / descriptions", "mentions"]
    console.print(fitted_table(columns, entity_cells, title="entities"))


def claim_rows(result: Analysis) -> Iterator[dict[str, Any]]:
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


def event_rows(result: Analysis) -> Iterator[dict[str, Any]]:
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
    cells: list[list[Text]] = []
    for row in event_rows(result):
        action = f"{row['plover']}{'/' + row['mode'] if row['mode'] else ''} {row['cameo']}"
        if row["polarity"] == "negative":
            action = "NOT " + action
        actor = row["actor"] + (f" [{row['actor_code']}]" if row["actor_code"] else "")
        target = row["target"] + (f" [{row['target_code']}]" if row["target_code"] else "")
        if row["intermediary"]:
            target += f" (via {row['intermediary']})"
        cited = row["sources"].split(" -> ")[1:] if row["sources"] else []
        cells.append(
            [
                Text(str(row["date"] or "-")),
                Text(actor or "-"),
                Text(action),
                Text(target or "-"),
                Text(row["place"] or "-"),
                Text(row["status"], style=STATUS_STYLE.get(str(row["status"]), "")),
                Text(" + ".join(cited) or "(outlet)"),
            ]
        )
    columns = ["date", "actor", "action", "target", "place", "status", "sources"]
    table = fitted_table(columns, cells, title=f"{len(result.events)} events", lines=True)
    console.print(table)


def rows_out(rows: list[dict[str, Any]], fmt: Format, title: str) -> None:
    """Rows as JSON, JSON Lines, CSV or a table (``title`` above it)."""
    if fmt is Format.json:
        write_json(rows)
    elif fmt is Format.jsonl:
        for r in rows:
            write_jsonl(r)
    elif fmt is Format.csv:
        csv_out = CsvOut()
        for r in rows:
            csv_out.write(r)
    elif not rows:
        out().print(f"{title}: none found")
    else:
        cols = list(rows[0])
        cells = [
            [
                Text(str(r[c]), style=STATUS_STYLE.get(str(r[c]), ""))
                if c == "status"
                else Text("" if r[c] is None else str(r[c]))
                for c in cols
            ]
            for r in rows
        ]
        out().print(fitted_table(cols, cells, title=title))


def render_answer(ans: Answer, console: Console) -> None:
    """An answer: the verdict, its explanation, the parts, the evidence table."""
    head = Text(f"{ans.question}\n")
    head.append(ans.verdict.replace("_", " "), style=VERDICT_STYLE.get(ans.verdict, "bold"))
    if ans.answers:
        head.append(": " + ", ".join(ans.answers), style="bold")
    console.print(head)
    console.print(Text(ans.explanation))
    data = ans.to_dict()
    parts = data.get("parts", [])
    if len(parts) > 1:
        for part in parts:
            console.print(
                Text(f"  - {part.get('about', '')}: ", style="dim")
                + Text(
                    str(part.get("verdict", "")),
                    style=VERDICT_STYLE.get(str(part.get("verdict")), ""),
                )
            )
    cells: list[list[Text]] = []
    for ev in data.get("evidence", [])[:12]:
        chain = ev.get("source_chain") or []
        names = " > ".join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in chain)
        cells.append(
            [
                Text(str(ev.get("outlet") or ev.get("article") or "")),
                Text(str(ev.get("event_date") or ev.get("date") or "")),
                Text(str(ev.get("status", "")), style=STATUS_STYLE.get(str(ev.get("status")), "")),
                Text(str(ev.get("claim_text") or ev.get("text") or "")),
                Text(names),
            ]
        )
    columns = ["outlet", "date", "status", "claim", "source chain"]
    table = fitted_table(columns, cells, title="evidence", lines=True)
    if data.get("evidence"):
        console.print(table)
    if data.get("missing"):
        console.print(Text("missing: " + "; ".join(map(str, data["missing"])), style="dim"))
