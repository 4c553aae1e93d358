"""Server-rendered pages (Jinja2, autoescaped; a little JavaScript in /static, no build).

Article text only ever reaches a page as escaped text: the article view cuts it into
plain runs and claim spans (:func:`reportedly.web.data.segments`) that the template
escapes one by one, and the claims' details travel in a JSON block escaped by ``tojson``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus.store import ArticleQuery, ClaimQuery, EntityQuery
from ..errors import ReportedlyError
from ..records import STATUSES
from .deps import Config
from .errors import ApiError
from .services import (
    ask_answer,
    cached,
    cited_sources,
    claim_permalink,
    claim_view,
    counts,
    entity_record,
    safe_text_query,
    segments,
    source_detail,
    story_record,
    story_summary,
)

router = APIRouter(include_in_schema=False)

PAGE = 50


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def pager(request: Request, count: int, limit: int, offset: int) -> dict[str, str | None]:
    """Links to the previous and next pages (``count`` rows were fetched, limit + 1 at most)."""
    params = dict(request.query_params)

    def link(off: int) -> str:
        return f"{request.url.path}?{urlencode({**params, 'offset': off})}"

    return {
        "prev": link(max(0, offset - limit)) if offset > 0 else None,
        "next": link(offset + limit) if count > limit else None,
    }


Offset = Annotated[int, Query(ge=0, le=10_000_000)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, cfg: Config) -> Response:
    articles = cfg.store.query(ArticleQuery(limit=10))
    sources = cited_sources(cfg, 10)
    return render(
        request,
        "index.html",
        {"title": "reportedly", "counts": counts(cfg), "articles": articles, "sources": sources},
    )


@router.get("/ask", response_class=HTMLResponse)
def ask_page(
    request: Request, cfg: Config, q: Annotated[str, Query(max_length=2000)] = ""
) -> Response:
    context: dict[str, Any] = {"title": "Ask", "q": q, "answer": None, "error": None}
    if not q.strip():
        return render(request, "ask.html", context)
    try:
        answer = ask_answer(cfg, q)
    except ReportedlyError as exc:
        context["error"] = exc.message
        return render(request, "ask.html", context, status=400)
    context["answer"] = answer.to_dict()
    context["title"] = f"Ask: {q}"
    return render(request, "ask.html", context)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    cfg: Config,
    outlet: str | None = None,
    about: str | None = None,
    offset: Offset = 0,
) -> Response:
    rows = cfg.store.query(ArticleQuery(outlet, about, limit=PAGE + 1, offset=offset))
    return render(
        request,
        "articles.html",
        {
            "title": "Articles",
            "articles": rows[:PAGE],
            "outlet": outlet,
            "about": about,
            "pager": pager(request, len(rows), PAGE, offset),
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, cfg: Config, article_id: str) -> Response:
    analysis = cfg.store.article(article_id)
    if analysis is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    claims = [claim_view(c, analysis) for c in analysis.claims]
    counts = {s: sum(1 for c in analysis.claims if c.status == s) for s in STATUSES}
    return render(
        request,
        "article.html",
        {
            "title": analysis.article.title or analysis.article.id,
            "a": analysis.article,
            "segments": segments(analysis),
            "claims": claims,
            "counts": counts,
            "entities": sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.canonical))[
                :30
            ],
        },
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    cfg: Config,
    about: str | None = None,
    status: str | None = None,
    q: Annotated[str | None, Query(max_length=2000)] = None,
    source: str | None = None,
    outlet: str | None = None,
    offset: Offset = 0,
) -> Response:
    wanted = [s for s in (status or "").split(",") if s in STATUSES]
    query = ClaimQuery(
        about=about or None,
        status=wanted,
        text=safe_text_query(q),
        source=source or None,
        outlet=outlet or None,
        limit=PAGE + 1,
        offset=offset,
    )
    rows = cfg.store.query(query)
    return render(
        request,
        "claims.html",
        {
            "title": "Claims",
            "claims": rows[:PAGE],
            "filters": {
                "about": about or "",
                "status": status or "",
                "q": q or "",
                "source": source or "",
                "outlet": outlet or "",
            },
            "pager": pager(request, len(rows), PAGE, offset),
        },
    )


@router.get("/claims/{article_id}/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, cfg: Config, article_id: str, claim_id: str) -> Response:
    """A claim's permalink, with OpenGraph markup and ClaimReview JSON-LD."""
    record = claim_permalink(cfg, article_id, claim_id, str(request.url.replace(query="")))
    return render(request, "claim.html", {"title": record["claim"]["text"][:120], "c": record})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, cfg: Config, offset: Offset = 0) -> Response:
    linked = cfg.links.get(cfg.store)
    chosen = linked.by_size[offset : offset + PAGE + 1]
    return render(
        request,
        "stories.html",
        {
            "title": "Stories",
            "stories": [story_summary(st, linked) for st in chosen[:PAGE]],
            "total": len(linked.stories),
            "copies": len(linked.copies),
            "pager": pager(request, len(chosen), PAGE, offset),
        },
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, cfg: Config, story_id: str) -> Response:
    story = story_record(cfg, story_id)
    return render(request, "story.html", {"title": story["title"] or story_id, "s": story})


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, cfg: Config, name: str | None = None, offset: Offset = 0
) -> Response:
    rows = cached(cfg, EntityQuery(name or None, limit=PAGE + 1, offset=offset))
    return render(
        request,
        "entities.html",
        {
            "title": "Entities",
            "entities": rows[:PAGE],
            "name": name or "",
            "pager": pager(request, len(rows), PAGE, offset),
        },
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, cfg: Config, name: str, offset: Offset = 0) -> Response:
    """An entity, its events one page at a time (a busy entity has thousands)."""
    record = entity_record(cfg, name, events=PAGE + 1, events_offset=offset)
    more = len(record["events"])
    record["events"] = record["events"][:PAGE]
    return render(
        request,
        "entity.html",
        {"title": record["name"], "e": record, "pager": pager(request, more, PAGE, offset)},
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, cfg: Config, offset: Offset = 0) -> Response:
    rows = cited_sources(cfg, PAGE + 1, offset)
    return render(
        request,
        "sources.html",
        {
            "title": "Sources",
            "sources": rows[:PAGE],
            "pager": pager(request, len(rows), PAGE, offset),
        },
    )


@router.get("/sources/{name:path}", response_class=HTMLResponse)
def source_page(request: Request, cfg: Config, name: str) -> Response:
    record = source_detail(cfg, name)
    return render(request, "source.html", {"title": record["name"], "s": record})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI document."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description")
                    or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = str(body.get("schema", {}).get("$ref", ""))
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": ref.rsplit("/", 1)[-1] if ref else None,
                }
            )
    schemas = spec.get("components", {}).get("schemas", {})
    bodies = {
        name: schemas[name]
        for name in sorted({str(o["body"]) for o in ops if o["body"]})
        if name in schemas
    }
    return render(
        request,
        "docs.html",
        {
            "title": "API",
            "description": spec.get("info", {}).get("description", ""),
            "ops": ops,
            "bodies": bodies,
        },
    )
