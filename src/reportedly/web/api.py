"""The JSON API under ``/api``: articles, claims, events, entities, sources, stories,
contradictions, ask, and POST of an article to ingest.

Lists are ``{"items": [...], "total", "limit", "offset", "prev", "next"}``: ``total`` the
number of matching items (null when a filter matches more than :data:`.models.TOTAL_CAP`),
``prev`` / ``next`` the path of the neighbouring pages (null at either end), repeated in a
``Link`` header (RFC 8288). Each route declares its response model (:mod:`.models`, built on
the record types), and every error is documented as the body the server sends
(:class:`.models.ErrorBody`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..corpus.ingest import ingest_one
from ..corpus.store import ArticleQuery, ClaimQuery, EntityQuery, EventQuery, Row, SourceQuery
from ..export.claimreview import to_claimreview
from ..read.base import ReadFailure, apply_overrides
from ..read.fetch import Fetcher
from ..read.load import load_article
from ..records import STATUSES, Analysis, Article, to_dict
from .deps import Config, WebConfig
from .errors import ApiError
from .models import (
    TOTAL_CAP,
    ApiIndex,
    ArticlePage,
    AskAnswer,
    ClaimPage,
    ClaimReview,
    ContradictionPage,
    EntityPage,
    EntityRecord,
    ErrorBody,
    EventPage,
    Ingested,
    SourcePage,
    SourceRecord,
    StoryPage,
    StoryRecord,
)
from .services import (
    ask_answer,
    cached,
    contradiction_rows,
    counts,
    entity_record,
    source_detail,
    story_record,
    story_summaries,
)

#: Every route may answer with an error, in the one shape :mod:`.errors` sends.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "A parameter or the body is not valid"},
    "default": {"model": ErrorBody, "description": "Any other error"},
}

router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many items.")]
StatusParam = Annotated[
    list[str] | None,
    Query(description=f"Keep these claim statuses (repeatable): {', '.join(STATUSES)}."),
]


def page(
    request: Request,
    response: Response,
    rows: Sequence[Any],
    limit: int,
    offset: int,
    total: Callable[[], int | None],
) -> dict[str, Any]:
    """One page of ``rows`` (fetched with ``limit + 1`` to know whether more follow), with
    the total (``total()`` is called only when the page does not tell it: not the last
    page) and the ``prev`` / ``next`` links, repeated in the ``Link`` header (RFC 8288)."""
    more = len(rows) > limit
    items = [r.to_dict() if isinstance(r, Row) else r for r in rows[:limit]]
    last = not more and (items or offset == 0)
    nxt = _relative(str(request.url.include_query_params(offset=offset + limit, limit=limit)))
    before = max(0, offset - limit)
    prv = _relative(str(request.url.include_query_params(offset=before, limit=limit)))
    links = {"prev": prv if offset > 0 else None, "next": nxt if more else None}
    header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    if header:
        response.headers["Link"] = header
    return {
        "items": items,
        "total": offset + len(items) if last else total(),
        "limit": limit,
        "offset": offset,
        **links,
    }


def _counted(cfg: WebConfig, query: Any) -> Callable[[], int | None]:
    """The number of rows ``query`` matches, up to :data:`TOTAL_CAP` (None beyond):
    its rows from the first, counted once while the store does not change."""

    def count() -> int | None:
        rows = cached(cfg, dataclasses.replace(query, limit=TOTAL_CAP + 1, offset=0))
        return len(rows) if len(rows) <= TOTAL_CAP else None

    return count


def _whole(cfg: WebConfig, query: Any) -> tuple[list[Any], int | None]:
    """One page of a corpus-wide list (entities, sources: one aggregate over every
    mention, as costly for a page as for all) cut from the whole list, fetched once while
    the store does not change, and its total; past :data:`TOTAL_CAP` rows, the page alone
    and no total."""
    every = cached(cfg, dataclasses.replace(query, limit=TOTAL_CAP + 1, offset=0))
    if len(every) > TOTAL_CAP:
        return cached(cfg, query), None
    return every[query.offset : query.offset + query.limit], len(every)


def _table(cfg: WebConfig, table: str) -> Callable[[], int | None]:
    return lambda: cfg.store.count(table)


def _relative(url: str) -> str:
    """The path and query of an absolute URL (links stay valid behind a proxy)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _statuses(status: list[str] | None) -> list[str]:
    wanted = [s.strip().lower() for v in status or [] for s in v.split(",") if s.strip()]
    bad = [s for s in wanted if s not in STATUSES]
    if bad:
        raise ApiError(
            422,
            "validation_error",
            f"unknown status {bad[0]!r}: use one of {', '.join(STATUSES)}",
        )
    return wanted


# --------------------------------------------------------------------------- index


@router.get("", summary="What this API offers", response_model=ApiIndex)
def api_index(cfg: Config) -> dict[str, Any]:
    return {
        "name": "reportedly",
        "counts": counts(cfg),
        "writable": bool(cfg.token),
        "docs": "/docs",
        "openapi": "/api/openapi.json",
        "endpoints": sorted(
            {
                str(getattr(r, "path_format", ""))
                for r in router.routes
                if str(getattr(r, "path_format", "")).startswith("/api/")
            }
        ),
    }


# --------------------------------------------------------------------------- articles


@router.get("/articles", summary="Articles, newest first", response_model=ArticlePage)
def list_articles(
    request: Request,
    response: Response,
    cfg: Config,
    outlet: str | None = None,
    about: Annotated[str | None, Query(description="An entity the article names.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    query = ArticleQuery(outlet, about, since, until, limit=limit + 1, offset=offset)
    filtered = any((outlet, about, since, until))
    total = _counted(cfg, query) if filtered else _table(cfg, "articles")
    return page(request, response, cfg.store.query(query), limit, offset, total)


@router.get(
    "/articles/{article_id}", summary="One article's whole analysis", response_model=Analysis
)
def get_article(cfg: Config, article_id: str) -> dict[str, Any]:
    analysis = cfg.store.article(article_id)
    if analysis is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    data: dict[str, Any] = to_dict(analysis)
    return data


class ArticleIn(BaseModel):
    """An article to analyse and store: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text (the first short line is the title).")
    html: str | None = Field(None, description="A web page's HTML.")
    url: str | None = Field(
        None,
        description="Fetch this page (http/https; private and loopback addresses refused). "
        "With text or html, it is only the article's URL.",
    )
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date (YYYY-MM-DD).")
    author: str | None = None


def _read_posted(body: ArticleIn, cfg: WebConfig) -> Article:
    given = [k for k in ("text", "html") if getattr(body, k) is not None]
    if len(given) > 1:
        raise ApiError(422, "validation_error", "give one of text, html or url, not several")
    overrides = {
        "title": body.title,
        "outlet": body.outlet,
        "published": body.published,
        "author": body.author,
    }
    if given:
        fmt = given[0]
        return load_article(str(getattr(body, fmt)), fmt=fmt, url=body.url, **overrides)
    if not body.url:
        raise ApiError(422, "validation_error", "give one of text, html or url")
    fetched = Fetcher(allow_private=cfg.allow_private_urls, max_bytes=cfg.max_body * 5).fetch(
        body.url
    )
    if isinstance(fetched, ReadFailure):
        raise fetched.error
    return apply_overrides(fetched, overrides)


@router.post(
    "/articles",
    status_code=201,
    summary="Analyse and store an article (needs the token)",
    response_model=Ingested,
    responses={
        200: {"model": Ingested, "description": "Already stored (same text)"},
        201: {"model": Ingested, "description": "Analysed and stored"},
        401: {"model": ErrorBody, "description": "No or wrong token"},
        403: {"model": ErrorBody, "description": "The server is read-only"},
        413: {"model": ErrorBody, "description": "The body is too large"},
    },
)
def post_article(request: Request, cfg: Config, body: ArticleIn) -> JSONResponse:
    cfg.check_write(request)
    article = _read_posted(body, cfg)
    done = ingest_one(cfg.store, article, cfg.pipeline, source_item="api")
    if done.analysis is None:  # the same text is stored already
        stored = cfg.store.article(article.id)
        return JSONResponse(_ingested(stored, article, created=False), 200)
    created = done.created
    return JSONResponse(_ingested(done.analysis, article, created=created), 201 if created else 200)


def _ingested(analysis: Analysis | None, article: Article, *, created: bool) -> dict[str, Any]:
    """What POST /api/articles answers; ``analysis`` is None when the same text is stored
    under another id (then neither the id nor the links are known)."""
    art = analysis.article if analysis else article
    path = quote(art.id, safe="")
    return {
        "id": art.id if analysis else None,
        "created": created,
        "title": art.title,
        "outlet": art.outlet,
        "published": art.published,
        "claims": len(analysis.claims) if analysis else None,
        "links": {"self": f"/api/articles/{path}", "page": f"/articles/{path}"}
        if analysis
        else None,
    }


# --------------------------------------------------------------------------- claims, events


@router.get("/claims", summary="Claims matching every filter given", response_model=ClaimPage)
def list_claims(
    request: Request,
    response: Response,
    cfg: Config,
    about: Annotated[str | None, Query(description="An entity the claim names.")] = None,
    status: StatusParam = None,
    source: Annotated[str | None, Query(description="A cited source.")] = None,
    outlet: str | None = None,
    q: Annotated[str | None, Query(description="Full-text query (FTS5 syntax).")] = None,
    since: str | None = None,
    until: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    query = ClaimQuery(about, _statuses(status), source, outlet, q, since, until, limit + 1, offset)
    filtered = any((about, query.status, source, outlet, q, since, until))
    total = _counted(cfg, query) if filtered else _table(cfg, "claims")
    return page(request, response, cfg.store.query(query), limit, offset, total)


@router.get(
    "/events", summary="Events: who did what to whom, when, where", response_model=EventPage
)
def list_events(
    request: Request,
    response: Response,
    cfg: Config,
    about: Annotated[str | None, Query(description="Actor or target.")] = None,
    actor: str | None = None,
    target: str | None = None,
    plover: Annotated[str | None, Query(description="A PLOVER event type (CONSULT).")] = None,
    since: str | None = None,
    until: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    query = EventQuery(
        about, actor, target, plover, since=since, until=until, limit=limit + 1, offset=offset
    )
    filtered = any((about, actor, target, plover, since, until))
    total = _counted(cfg, query) if filtered else _table(cfg, "events")
    return page(request, response, cfg.store.query(query), limit, offset, total)


# --------------------------------------------------------------------------- entities, sources


@router.get(
    "/entities",
    summary="Entities across the corpus, most widely reported first",
    response_model=EntityPage,
)
def list_entities(
    request: Request,
    response: Response,
    cfg: Config,
    name: str | None = None,
    type: Annotated[str | None, Query(description="PERSON, ORG, PLACE, GROUP...")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows, total = _whole(cfg, EntityQuery(name, type, limit + 1, offset))
    return page(request, response, rows, limit, offset, lambda: total)


@router.get(
    "/entities/{name:path}",
    summary="An entity: its events and who cites whom about it",
    response_model=EntityRecord,
)
def get_entity(cfg: Config, name: str) -> dict[str, Any]:
    return entity_record(cfg, name)


@router.get("/sources", summary="Cited sources, most cited first", response_model=SourcePage)
def list_sources(
    request: Request,
    response: Response,
    cfg: Config,
    name: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows, total = _whole(cfg, SourceQuery(name, limit + 1, offset))
    return page(request, response, rows, limit, offset, lambda: total)


@router.get(
    "/sources/{name:path}",
    summary="What a source said, how often confirmed",
    response_model=SourceRecord,
)
def get_source(cfg: Config, name: str) -> dict[str, Any]:
    return source_detail(cfg, name)


# --------------------------------------------------------------------------- stories


@router.get(
    "/stories", summary="Stories: articles about the same happening", response_model=StoryPage
)
def list_stories(
    request: Request, response: Response, cfg: Config, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    view = cfg.links.get(cfg.store)
    rows = story_summaries(view, view.by_size(offset, limit + 1))
    return page(request, response, rows, limit, offset, lambda: view.counts().stories)


@router.get(
    "/stories/{story_id}",
    summary="A story: timeline and coverage matrix",
    response_model=StoryRecord,
)
def get_story(cfg: Config, story_id: str) -> dict[str, Any]:
    return story_record(cfg, story_id)


@router.get(
    "/contradictions",
    summary="Claims of one cluster that cannot both hold",
    response_model=ContradictionPage,
)
def list_contradictions(
    request: Request, response: Response, cfg: Config, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    rows = contradiction_rows(cfg, offset, limit + 1)
    view = cfg.links.get(cfg.store)
    return page(request, response, rows, limit, offset, lambda: view.counts().contradictions)


# --------------------------------------------------------------------------- ask


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., description="A question, e.g. 'Who visited Assad in Damascus?'")
    format: Literal["json", "claimreview"] = "json"


def _ask(request: Request, cfg: WebConfig, question: str, fmt: str) -> dict[str, Any]:
    ans = ask_answer(cfg, question)
    if fmt != "claimreview":
        data: dict[str, Any] = ans.to_dict()
        return data
    # the review's url is the page that shows it: this server's ask page for the question
    page_url = str(request.url_for("ask_page").include_query_params(q=question))
    return to_claimreview(ans, url=page_url)


@router.get(
    "/ask",
    summary="Answer a question: a verdict per part, with evidence",
    response_model=AskAnswer | ClaimReview,
)
def ask_get(
    request: Request,
    cfg: Config,
    q: Annotated[str, Query(description="The question.", max_length=2000)],
    format: Literal["json", "claimreview"] = "json",
) -> dict[str, Any]:
    return _ask(request, cfg, q, format)


@router.post(
    "/ask", summary="Answer a question (JSON body)", response_model=AskAnswer | ClaimReview
)
def ask_post(request: Request, cfg: Config, body: AskIn) -> dict[str, Any]:
    return _ask(request, cfg, body.question, body.format)
