"""The Typer apps every command module registers on, and what the commands share: the
output formats, the ``--db`` option, opening the store, turning an error into its exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..corpus.store import Store, is_postgres_url
from ..errors import ReportedlyError, StoreUnavailable
from .render import Format, configure_logging, err, set_verbosity, set_wide

__all__ = [
    "DbOption",
    "Format",
    "app",
    "eval_app",
    "export_app",
    "fail",
    "open_store",
    "require_store",
    "skipped",
]

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    help="reportedly: who says so, how sure they sound, who else confirms it.",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(no_args_is_help=True, help="Score reportedly against gold files.")
app.add_typer(eval_app, name="eval")


def _print_version(value: bool) -> None:
    """``--version``: the installed package version, then exit."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"reportedly {version('reportedly')}")
        except PackageNotFoundError:
            typer.echo("reportedly (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print only results and errors (no notes, progress, summaries)."
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="Say more: what each article gave and took (-v), and debug logs (-vv).",
        ),
    ] = 0,
    wide_tables: Annotated[
        bool,
        typer.Option(
            "--wide", help="Tables as wide as their content: a row a line, a column per field."
        ),
    ] = False,
) -> None:
    """reportedly: who says so, how sure they sound, who else confirms it."""
    if quiet and verbose:
        raise typer.BadParameter("give --quiet or --verbose, not both")
    level = -1 if quiet else min(verbose, 2)
    set_verbosity(level)
    set_wide(wide_tables)
    configure_logging(level)


export_app = typer.Typer(no_args_is_help=True, help="Export records in standard formats.")
app.add_typer(export_app, name="export")


DbOption = Annotated[
    str,
    typer.Option("--db", help="The corpus: a SQLite file (ingest creates it) or a PostgreSQL URL."),
]


def fail(exc: ReportedlyError) -> typer.Exit:
    """Print the error; the Exit to raise with its exit code."""
    err().print(f"[bold red]error[/] {escape(str(exc))}")
    return typer.Exit(exc.exit_code)


#: A skipped item's name is cut to this many characters in its line.
MAX_ITEM_CHARS = 200


def skipped(item: str, exc: ReportedlyError) -> str:
    """One line for a skipped item; the item is named once (the message may name it)."""
    msg = str(exc)
    if len(item) > MAX_ITEM_CHARS:  # a 100 KB URL is named by its start
        item = item[: MAX_ITEM_CHARS - 3] + "..."
    name = "" if item in msg else f"{escape(item)}: "
    return f"[bold red]skipped[/] {name}{escape(msg)}"


def require_store(db: str) -> None:
    """Raise E104 when ``db`` names a SQLite file that does not exist.

    A read command on a mistyped path must say so, not make a new empty store and answer
    "no evidence" with exit code 0; only writing commands create a store."""
    if is_postgres_url(db) or db == ":memory:" or Path(db).exists():
        return
    raise StoreUnavailable(
        f"no corpus at {db}: check the path, or create it with 'reportedly ingest --db {db} ...'"
    )


def open_store(db: str, *, create: bool = False) -> Store:
    """The store at ``db``, or exit with the store's own message.

    Only a writing command passes ``create``; for any other a missing file is E104."""
    try:
        if not create:
            require_store(db)
        return Store(db)
    except ReportedlyError as exc:
        raise fail(exc) from None
