"""Outlet pages (/outlets, /outlets/{name}): what an outlet reported, how it presents its
claims (its mix of statuses), whom it cites, and how often its claims are contradicted by
another outlet's (the corpus contradiction links)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus.store import ArticleQuery
from ..records import STATUSES
from ..text.keys import name_key
from . import charts
from .cache import LinkView
from .deps import Config, WebConfig
from .errors import ApiError
from .pages import render
from .queries import (
    ArticleOutlets,
    OutletArticleIds,
    OutletCited,
    OutletList,
    OutletMonths,
    OutletStatuses,
)
from .services import cached

router = APIRouter(include_in_schema=False)


def status_mix(counts: dict[str, int]) -> list[dict[str, Any]]:
    """The statuses in display order with their count and share (in percent)."""
    total = sum(counts.values()) or 1
    return [
        {"status": s, "count": counts[s], "share": round(100 * counts[s] / total)}
        for s in STATUSES
        if counts.get(s)
    ]


def contradicted_elsewhere(cfg: WebConfig, view: LinkView) -> dict[str, set[tuple[str, str]]]:
    """Per outlet key, its claims that a claim of another outlet contradicts."""

    def compute() -> dict[str, set[tuple[str, str]]]:
        outlet_of = dict(cached(cfg, ArticleOutlets()))
        out: dict[str, set[tuple[str, str]]] = {}
        for k in view.contradictions():
            a, b = outlet_of.get(k.claim_a[0], ""), outlet_of.get(k.claim_b[0], "")
            if a == b:
                continue  # one outlet disagreeing with itself is not "elsewhere"
            if a:
                out.setdefault(a, set()).add((k.claim_a[0], k.claim_a[1]))
            if b:
                out.setdefault(b, set()).add((k.claim_b[0], k.claim_b[1]))
        return out

    result: dict[str, set[tuple[str, str]]] = cfg.cache.get(
        cfg.store, ("contradicted-elsewhere",), compute
    )
    return result


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, cfg: Config) -> Response:
    """Every outlet with its articles, its status mix and its contradicted share."""
    rows = cached(cfg, OutletList())
    mixes: dict[str, Counter[str]] = {}
    for r in cached(cfg, OutletStatuses()):
        mixes.setdefault(str(r["outlet_key"]), Counter())[str(r["status"])] += int(r["n"])
    against = contradicted_elsewhere(cfg, cfg.links.get(cfg.store))
    outlets = []
    for r in rows:
        key = str(r["outlet_key"])
        claims = int(r["claims"] or 0)
        hit = len(against.get(key, ()))
        outlets.append(
            {
                **r,
                "mix": status_mix(dict(mixes.get(key, Counter()))),
                "contradicted": hit,
                "contradicted_share": round(100 * hit / claims) if claims else 0,
            }
        )
    return render(request, "outlets.html", {"title": "Outlets", "outlets": outlets})


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, cfg: Config, name: str) -> Response:
    """One outlet: its articles, status mix, most cited sources and contradicted claims."""
    key = name_key(name)
    row = next((r for r in cached(cfg, OutletList()) if r["outlet_key"] == key), None)
    if row is None:
        raise ApiError(404, "not_found", f"no outlet named {name!r}")
    counts = {str(r["status"]): int(r["n"]) for r in cached(cfg, OutletStatuses(name))}
    view = cfg.links.get(cfg.store)
    against = sorted(contradicted_elsewhere(cfg, view).get(key, set()))
    claim_rows = cfg.store.claim_rows(against[:20])
    months = cached(cfg, OutletMonths(name))
    chart = charts.bars(
        [charts.Bar(str(m["month"]), (("articles", int(m["n"])),)) for m in months],
        f"articles of {row['outlet']} per month",
        colours={"articles": "#00838f"},
    )
    total = sum(counts.values())
    ids = cached(cfg, OutletArticleIds(name))
    in_stories = len(view.story_of(ids))
    copies = len(view.copy_of(ids))
    return render(
        request,
        "outlet.html",
        {
            "title": str(row["outlet"]),
            "o": row,
            "mix": status_mix(counts),
            "claims": total,
            "cited": cached(cfg, OutletCited(name)),
            "articles": cfg.store.query(ArticleQuery(outlet=name, limit=20)),
            "contradicted": [claim_rows[k] for k in against[:20] if k in claim_rows],
            "contradicted_count": len(against),
            "contradicted_share": round(100 * len(against) / total) if total else 0,
            "chart": chart,
            "in_stories": in_stories,
            "copies": copies,
        },
    )
