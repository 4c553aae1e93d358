"""Server-rendered pages (Jinja2, autoescaped; a little JavaScript in /static, no build).

Article text only ever reaches a page as escaped text: the article view cuts it into
plain runs and claim spans (:func:`reportedly.web.data.segments`) that the template
escapes one by one, and the claims' details travel in a JSON block escaped by ``tojson``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus.store import (
    ArticleQuery,
    ClaimQuery,
    EntityQuery,
    EventQuery,
    SourceQuery,
)
from ..errors import ReportedlyError
from ..export import EXPORTERS
from ..records import STATUSES
from . import charts
from .deps import Config
from .errors import ApiError
from .services import (
    ClaimKey,
    ask_answer,
    cached,
    cited_sources,
    claim_listing,
    claim_permalink,
    claim_view,
    counts,
    entity_record,
    safe_text_query,
    segments,
    source_detail,
    story_record,
    story_summaries,
)
from .verdict import verdict_card

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
#: A list page's rows as a file: the CLI's CSV and JSON (one dict per row, ``to_dict``).
Download = Annotated[Literal["csv", "json"] | None, Query(alias="download")]
#: An entity's events in an export format of :data:`reportedly.export.EXPORTERS`.
EventDownload = Annotated[Literal["gdelt", "plover", "jsonl"] | None, Query(alias="download")]
#: The most rows a download or a facet count reads.
MAX_ROWS = 10_000


def download(rows: list[dict[str, Any]], fmt: str, name: str) -> Response:
    """``rows`` as the CLI writes them with ``--format csv`` or ``--format json``."""
    disposition = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        return Response(body, media_type="application/json", headers=disposition)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)


def links(request: Request, **changes: str | None) -> str:
    """This page's URL with ``changes`` made to its query (None drops a parameter); back
    to the first page."""
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "download")}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


def claim_facets(
    query: ClaimQuery, request: Request, keys: Sequence[ClaimKey], capped: bool
) -> dict[str, Any]:
    """datasette-style facets of a claims listing: the total, and counts by status and by
    outlet (each with the link that sets it), over ``keys``: its first :data:`MAX_ROWS`
    claims whatever their status (:func:`claim_listing`)."""
    statuses = Counter(status for _, _, status, _ in keys)
    outlets = Counter(outlet for _, _, _, outlet in keys if outlet)
    chosen = set(query.status)
    total = sum(n for s, n in statuses.items() if not chosen or s in chosen)
    return {
        "total": total,
        "capped": capped,
        "status": [
            {
                "value": s,
                "count": statuses[s],
                "selected": s in chosen,
                "link": links(request, status=None if s in chosen else s),
            }
            for s in STATUSES
            if statuses[s]
        ],
        "outlet": [
            {
                "value": o,
                "count": n,
                "selected": o == query.outlet,
                "link": links(request, outlet=None if o == query.outlet else o),
            }
            for o, n in outlets.most_common(10)
        ],
        "downloads": {f: links(request, download=f) for f in ("csv", "json")},
    }


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
    context["card"] = verdict_card(cfg, answer)
    context["title"] = f"Ask: {q}"
    return render(request, "ask.html", context)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    cfg: Config,
    outlet: str | None = None,
    about: str | None = None,
    offset: Offset = 0,
    download_as: Download = None,
) -> Response:
    if download_as:
        every = cfg.store.query(ArticleQuery(outlet, about, limit=MAX_ROWS))
        return download([r.to_dict() for r in every], download_as, "articles")
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
            "total": cfg.store.count("articles") if not (outlet or about) else None,
            "downloads": {f: links(request, download=f) for f in ("csv", "json")},
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
    download_as: Download = None,
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
    if download_as:
        every = dataclasses.replace(query, limit=MAX_ROWS, offset=0)
        return download([r.to_dict() for r in cfg.store.query(every)], download_as, "claims")
    rows, keys, capped = claim_listing(cfg, query, MAX_ROWS)
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
            "facets": claim_facets(query, request, keys, capped),
        },
    )


@router.get("/claims/{article_id}/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, cfg: Config, article_id: str, claim_id: str) -> Response:
    """A claim's permalink, with OpenGraph markup and ClaimReview JSON-LD."""
    record = claim_permalink(cfg, article_id, claim_id, str(request.url.replace(query="")))
    return render(request, "claim.html", {"title": record["claim"]["text"][:120], "c": record})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, cfg: Config, offset: Offset = 0) -> Response:
    view = cfg.links.get(cfg.store)
    chosen = view.by_size(offset, PAGE + 1)
    counts = view.counts()
    return render(
        request,
        "stories.html",
        {
            "title": "Stories",
            "stories": story_summaries(view, chosen[:PAGE]),
            "total": counts.stories,
            "copies": counts.copies,
            "pager": pager(request, len(chosen), PAGE, offset),
        },
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, cfg: Config, story_id: str) -> Response:
    story = story_record(cfg, story_id)
    chart = charts.coverage(
        [(a["published"], bool(a["copy_of"])) for a in story["timeline"]], "articles per day"
    )
    return render(
        request,
        "story.html",
        {
            "title": story["title"] or story_id,
            "s": story,
            "coverage_chart": chart,
            "coverage_legend": charts.legend(["original", "copy"], charts.COVERAGE_COLOURS),
        },
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    cfg: Config,
    name: str | None = None,
    offset: Offset = 0,
    download_as: Download = None,
) -> Response:
    if download_as:
        every = cfg.store.query(EntityQuery(name or None, limit=MAX_ROWS))
        return download([r.to_dict() for r in every], download_as, "entities")
    rows = cached(cfg, EntityQuery(name or None, limit=PAGE + 1, offset=offset))
    return render(
        request,
        "entities.html",
        {
            "title": "Entities",
            "entities": rows[:PAGE],
            "name": name or "",
            "pager": pager(request, len(rows), PAGE, offset),
            "downloads": {f: links(request, download=f) for f in ("csv", "json")},
        },
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    cfg: Config,
    name: str,
    offset: Offset = 0,
    download_as: EventDownload = None,
) -> Response:
    """An entity, its events one page at a time (a busy entity has thousands); with
    ``download``, the events of the articles that have events about it, written by the
    CLI's exporter of that name (GDELT TSV, PLOVER or event JSON Lines)."""
    if download_as:
        events = cfg.store.query(EventQuery(about=name, limit=MAX_ROWS))
        ids = list(dict.fromkeys(e.article_id for e in events))
        buf = io.StringIO()
        EXPORTERS.get(download_as).write(cfg.store.analyses_for(ids), buf)
        kind = "text/tab-separated-values" if download_as == "gdelt" else "application/x-ndjson"
        ext = "tsv" if download_as == "gdelt" else "jsonl"
        return Response(
            buf.getvalue(),
            media_type=f"{kind}; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="events-{download_as}.{ext}"'},
        )
    record = entity_record(cfg, name, events=PAGE + 1, events_offset=offset)
    more = len(record["events"])
    record["events"] = record["events"][:PAGE]
    return render(
        request,
        "entity.html",
        {
            "title": record["name"],
            "e": record,
            "pager": pager(request, more, PAGE, offset),
            "downloads": {f: links(request, download=f) for f in ("gdelt", "plover", "jsonl")},
        },
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request, cfg: Config, offset: Offset = 0, download_as: Download = None
) -> Response:
    """The most cited sources, one row per entity (name variants merged, pronouns out);
    the download is the store's rows, one per name and kind, as the CLI gives them."""
    if download_as:
        every = cfg.store.query(SourceQuery(limit=MAX_ROWS))
        return download([r.to_dict() for r in every], download_as, "sources")
    rows = cited_sources(cfg, PAGE + 1, offset)
    return render(
        request,
        "sources.html",
        {
            "title": "Sources",
            "sources": rows[:PAGE],
            "pager": pager(request, len(rows), PAGE, offset),
            "downloads": {f: links(request, download=f) for f in ("csv", "json")},
        },
    )


@router.get("/sources/{name:path}", response_class=HTMLResponse)
def source_page(request: Request, cfg: Config, name: str, offset: Offset = 0) -> Response:
    """A cited source: its totals, and what it said one page at a time (a much cited
    person has thousands of claims)."""
    record = source_detail(cfg, name, limit=PAGE + 1, offset=offset, counts=False)
    more = len(record["said"])
    record["said"] = record["said"][:PAGE]
    return render(
        request,
        "source.html",
        {
            "title": record["name"],
            "s": record,
            "offset": offset,
            "pager": pager(request, more, PAGE, offset),
        },
    )


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
