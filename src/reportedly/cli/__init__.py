"""The ``reportedly`` command line: one module per command group, registered on one app.

=====================  =======================================================
:mod:`.analyze`        ``analyze``, ``events``, ``stages``
:mod:`.corpus`         ``ingest``, ``claims``, ``entities``, ``sources``,
                       ``stories``, ``contradictions``
:mod:`.ask`            ``ask``
:mod:`.export`         ``export events``
:mod:`.serve`          ``serve``
:mod:`.evaluate`       ``eval attribution | status | stories | events``
:mod:`.train`          ``train attribution`` (the learned attribution tagger)
:mod:`.render`         tables, JSON, JSON Lines, CSV
:mod:`.app`            the Typer apps and what the commands share
=====================  =======================================================

Exit codes are the ``EXIT_*`` constants of :mod:`reportedly.errors`.
"""

from __future__ import annotations

import io
import os
import sys

from rich.markup import escape

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, ReportedlyError
from . import analyze, ask, corpus, evaluate, export, serve, train
from .app import app
from .render import err

__all__ = ["app", "main"]

#: The command modules (imported for the commands they register on ``app``).
COMMANDS = (analyze, ask, corpus, evaluate, export, serve, train)


def main() -> None:
    """Entry point: never a traceback unless REPORTEDLY_DEBUG is set."""
    try:
        app()
    except ReportedlyError as exc:
        err().print(f"[bold red]error[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.stderr = io.StringIO()
        sys.exit(EXIT_OK)
    except Exception as exc:
        if os.environ.get("REPORTEDLY_DEBUG"):
            raise
        err().print(
            f"[bold red]internal error[/] {type(exc).__name__}: {escape(str(exc))} "
            "(set REPORTEDLY_DEBUG=1 for a traceback)"
        )
        sys.exit(EXIT_INTERNAL)
