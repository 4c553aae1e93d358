"""The app factory: ``create_app(db, token)`` gives the FastAPI app of ``reportedly serve``."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..corpus.ingest import LazyPipeline
from ..corpus.store import Store
from ..errors import ReportedlyError
from ..pipeline import Pipeline
from ..records import STATUSES
from .api import router as api_router
from .deps import WebConfig
from .errors import DEFAULT_MAX_BODY, BodyLimitMiddleware, install_error_handlers
from .events_pages import router as events_router
from .outlets import router as outlets_router
from .pages import router as pages_router
from .services import STATUS_MARKS, outlet_label

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

#: Sent with every response.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response (errors too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {bytes(k).lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def http_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL (never a javascript: or data: link)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its name
    env.globals["STATUSES"] = STATUSES
    env.globals["STATUS_MARKS"] = STATUS_MARKS
    env.globals["version"] = __version__
    env.filters["verdict_label"] = lambda v: str(v or "").replace("_", " ")
    env.filters["pathq"] = lambda v: quote(str(v or ""), safe="")
    env.filters["http_url"] = http_url
    env.filters["outlet_label"] = outlet_label
    return templates


def create_app(
    db: str,
    token: str | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: Pipeline | None = None,
    allow_private_urls: bool = False,
    warm_links: bool = False,
) -> FastAPI:
    """The web app over the store at ``db`` (opened here, once, and migrated; closed when
    the app shuts down).

    ``token``: writes (POST /api/articles) need ``Authorization: Bearer <token>``; without
    a token the server is read-only. ``max_body``: the largest request body, in bytes.
    ``pipeline``: the analysis pipeline for posted articles (built on first use when None).
    ``warm_links``: compute (or load) the corpus links in a background thread at start-up,
    so that the first story page does not wait for them.
    """
    cfg = WebConfig(
        store=Store(db),
        token=token or None,
        max_body=max_body,
        allow_private_urls=allow_private_urls,
        pipeline=LazyPipeline(pipeline),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        cfg.store.close()

    app = FastAPI(
        title="reportedly",
        version=__version__,
        description=(
            "Who says so, how sure they sound, who else confirms it: the claims, sources, "
            "events, entities and stories of a reportedly corpus, and answers to questions. "
            'Every error is `{"error": {"status", "code", "message"}}`. Lists take '
            "`limit` and `offset` and give the `next` page's URL. Writes need "
            "`Authorization: Bearer <token>` and are refused when the server has no token."
        ),
        # /docs is our own server-rendered page (Swagger UI would need a CDN and inline
        # scripts, which the Content-Security-Policy forbids)
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.config = cfg
    templates = make_templates()
    app.state.templates = templates

    def render_error(request: Request, status: int, code: str, message: str) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "code": code, "message": message, "title": f"Error {status}"},
            status_code=status,
        )

    app.state.render_error = render_error
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(outlets_router)
    app.include_router(events_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    if warm_links:
        threading.Thread(target=_warm, args=(cfg,), name="reportedly-links", daemon=True).start()
    return app


def _warm(cfg: WebConfig) -> None:
    try:
        cfg.links.get(cfg.store)
    except (ReportedlyError, OSError, ValueError) as exc:
        log.warning("could not compute the corpus links at start-up: %s", exc)
