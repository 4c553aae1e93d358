"""``serve``: the JSON API and the web pages over a corpus."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ..corpus.store import redact
from ..errors import ReportedlyError
from ..extras import require_extra
from .app import DbOption, app, fail, require_store
from .render import info


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
    # the web app and its server are optional parts (FastAPI, uvicorn): imported only here
    import uvicorn

    from ..web import create_app

    try:  # the app opens the store now: a bad one fails here, with its own message
        if token is None:  # read-only: a missing corpus is a mistyped path, not a new one
            require_store(db)
        web_app = create_app(
            db, token=token, max_body=max_body, warm_links=True, allow_private_urls=allow_private
        )
    except ReportedlyError as exc:
        raise fail(exc) from None
    info().print(
        f"Serving {escape(redact(db))} at http://{host}:{port} "
        f"({'writes need the token' if token else 'read-only'}; API docs at /docs)"
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning", server_header=False)
