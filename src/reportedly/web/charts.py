"""Server-rendered SVG pictures: a bar histogram over time, stacked bars, and an offline
world map (equirectangular, no tiles; nothing is fetched from outside, so the page's
Content-Security-Policy stays ``default-src 'self'``).

Every function returns one ``<svg>`` element as text, each label escaped here (the templates
insert it with ``|safe``); empty data gives a small SVG that says so, never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

#: The colours of the claim statuses (the same as the page's ``st-*`` classes).
STATUS_COLOURS = {
    "asserted": "#2e7d32",
    "reported": "#00838f",
    "hedged": "#b7791f",
    "speculative": "#8e44ad",
    "questioned": "#1565c0",
    "denied": "#c62828",
}
OTHER_COLOUR = "#777777"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _open(width: int, height: int, label: str, css: str, *, fluid: bool = True) -> str:
    """The ``<svg>`` start tag: ``fluid`` ones fill their box's width, others keep their
    own size (at most the box's, by the style sheet)."""
    size = 'width="100%"' if fluid else f'width="{width}" height="{height}"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css)}" role="img"'
        f' viewBox="0 0 {width} {height}" {size} preserveAspectRatio="xMinYMin meet"'
        f' aria-label="{escape(label)}"><title>{escape(label)}</title>'
    )


def empty(label: str, width: int = 600, height: int = 60) -> str:
    """A small SVG saying that there is nothing to draw."""
    return (
        _open(width, height, label, "chart-empty")
        + f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle"'
        f' class="chart-note">no data for {escape(label)}</text></svg>'
    )


@dataclass(frozen=True)
class Bar:
    """One bar: its label (an x-axis tick, e.g. a month), its parts and a link."""

    label: str
    parts: tuple[tuple[str, int], ...]  # (series, count), stacked bottom to top
    href: str | None = None

    @property
    def total(self) -> int:
        return sum(n for _, n in self.parts)


def bars(
    data: Sequence[Bar],
    label: str,
    *,
    colours: dict[str, str] | None = None,
    width: int = 720,
    height: int = 180,
) -> str:
    """A (stacked) bar chart: one bar per item of ``data`` in order, each part coloured by
    its series (``colours``, else grey), the axis labelled with the first, middle and
    last labels and the largest total; each bar links to its ``href`` when it has one."""
    if not data or not any(b.total for b in data):
        return empty(label, width)
    colours = colours or {}
    left, bottom, top = 36, 22, 8
    plot_w, plot_h = width - left - 4, height - bottom - top
    peak = max(b.total for b in data)
    step = min(plot_w / len(data), 48.0)  # a few bars stay bars, not walls
    gap = min(2.0, step * 0.2)
    out = [_open(width, height, label, "chart-bars")]
    out.append(
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 4}"'
        f' y2="{top + plot_h}" stroke="#999"/>'
    )
    out.append(
        f'<text class="tick" x="{left - 4}" y="{top + 10}" text-anchor="end"'
        f' font-size="10">{peak}</text>'
    )
    for i, bar in enumerate(data):
        x = left + i * step
        y = float(top + plot_h)
        group = [f'<g class="bar"><title>{escape(bar.label)}: {bar.total}</title>']
        for series, n in bar.parts:
            if n <= 0:
                continue
            h = plot_h * n / peak
            y -= h
            fill = colours.get(series, OTHER_COLOUR)
            group.append(
                f'<rect x="{_num(x + gap / 2)}" y="{_num(y)}" width="{_num(step - gap)}"'
                f' height="{_num(h)}" fill="{fill}" data-series="{escape(series)}"/>'
            )
        group.append("</g>")
        body = "".join(group)
        if bar.href:
            body = f'<a href="{escape(bar.href)}">{body}</a>'
        out.append(body)
    ticks = sorted({0, len(data) // 2, len(data) - 1})
    for i in ticks:
        anchor = "start" if i == 0 else "end" if i == len(data) - 1 else "middle"
        x = left + i * step + (0 if anchor == "start" else step if anchor == "end" else step / 2)
        out.append(
            f'<text class="tick" x="{_num(x)}" y="{height - 6}" text-anchor="{anchor}"'
            f' font-size="10">{escape(data[i].label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def legend(series: Sequence[str], colours: dict[str, str]) -> str:
    """A row of coloured keys for ``series`` (an SVG, so that it needs no style sheet)."""
    if not series:
        return ""
    width = 12 + 96 * len(series)
    out = [_open(width, 18, "legend", "chart-legend", fluid=False)]
    for i, s in enumerate(series):
        x = 4 + 96 * i
        out.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{colours.get(s, OTHER_COLOUR)}"/>'
            f'<text x="{x + 14}" y="13" font-size="11">{escape(s)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class Point:
    """A place on the map with its number of events."""

    name: str
    lat: float
    lon: float
    count: int
    href: str | None = None


def project(lat: float, lon: float, width: int, height: int) -> tuple[float, float]:
    """Equirectangular: longitude -180..180 to x 0..width, latitude 90..-90 to y 0..height."""
    lon = max(-180.0, min(180.0, lon))
    lat = max(-90.0, min(90.0, lat))
    return (lon + 180.0) / 360.0 * width, (90.0 - lat) / 180.0 * height


def world_map(
    points: Sequence[Point],
    label: str,
    *,
    land: Sequence[tuple[float, float]] = (),
    width: int = 720,
    height: int = 360,
) -> str:
    """An offline world map: a graticule every 30 degrees, ``land`` (e.g. every country's
    centroid) as faint dots that sketch the continents, and ``points`` as circles whose
    area grows with their count, each with its name and count as a tooltip."""
    out = [_open(width, height, label, "chart-map")]
    out.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef4f8"/>')
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon, width, height)
        out.append(f'<line x1="{_num(x)}" y1="0" x2="{_num(x)}" y2="{height}" stroke="#d5dde3"/>')
    for lat in range(-90, 91, 30):
        _, y = project(lat, 0, width, height)
        out.append(f'<line x1="0" y1="{_num(y)}" x2="{width}" y2="{_num(y)}" stroke="#d5dde3"/>')
    for land_lat, land_lon in land:
        x, y = project(land_lat, land_lon, width, height)
        out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2" fill="#b8c4b0"/>')
    if not points:
        out.append(
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle"'
            f' class="chart-note">no events with a known place</text>'
        )
    peak = max((p.count for p in points), default=1)
    for p in sorted(points, key=lambda p: -p.count):  # the small ones drawn on top
        x, y = project(p.lat, p.lon, width, height)
        r = 3 + 12 * (p.count / peak) ** 0.5
        dot = (
            f'<circle class="place" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"'
            f' fill="#b02a2a" fill-opacity="0.55" stroke="#6b1010">'
            f"<title>{escape(p.name)}: {p.count}</title></circle>"
        )
        out.append(f'<a href="{escape(p.href)}">{dot}</a>' if p.href else dot)
    out.append("</svg>")
    return "".join(out)


#: The colours of a story's coverage chart: first reports and copies of them.
COVERAGE_COLOURS = {"original": "#1a55b0", "copy": "#9bb5dd"}


def coverage(articles: Sequence[tuple[str | None, bool]], label: str) -> str:
    """A story's coverage over time: its articles per day (``(published, is_copy)``;
    undated ones are left out), originals and copies stacked; days without an article
    between the first and the last are drawn empty, so the gaps show."""
    days: dict[str, list[int]] = {}
    for published, is_copy in articles:
        day = (published or "")[:10]
        try:
            date.fromisoformat(day)
        except ValueError:
            continue
        days.setdefault(day, [0, 0])[1 if is_copy else 0] += 1
    if not days:
        return empty(label)
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = (last - first).days
    if span > 400:  # a long story: its days as they are, no gap filling
        keys = sorted(days)
    else:
        keys = [(first + timedelta(days=i)).isoformat() for i in range(span + 1)]
    data = [
        Bar(k, (("original", days.get(k, [0, 0])[0]), ("copy", days.get(k, [0, 0])[1])))
        for k in keys
    ]
    return bars(data, label, colours=COVERAGE_COLOURS, height=140)
