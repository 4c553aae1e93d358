"""The SVG pictures of :mod:`reportedly.web.charts`: well-formed XML, labels escaped, empty
data drawn as a note rather than an error."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportedly.web import charts

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & "quoted"'


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter() if t.tag in (f"{SVG}text", f"{SVG}title")]


def test_bars_are_valid_xml_with_one_group_per_bar() -> None:
    data = [
        charts.Bar("2024-01", (("reported", 3), ("denied", 1)), "/events?since=2024-01"),
        charts.Bar("2024-02", (("reported", 0),)),
        charts.Bar("2024-03", (("asserted", 5),)),
    ]
    root = parse(charts.bars(data, "events per month", colours=charts.STATUS_COLOURS))
    groups = root.findall(f".//{SVG}g")
    assert len(groups) == 3
    rects = root.findall(f".//{SVG}rect")
    assert len(rects) == 3  # the zero part draws nothing
    assert {r.get("fill") for r in rects} >= {charts.STATUS_COLOURS["denied"]}
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/events?since=2024-01"]
    # the tallest bar fills the plot; heights are proportional
    heights = sorted(float(r.get("height") or 0) for r in rects)
    assert heights[-1] > heights[0] * 4


def test_labels_and_links_are_escaped() -> None:
    svg = charts.bars([charts.Bar(EVIL, ((EVIL, 2),), href='/x?a="1"&b=<2>')], EVIL)
    assert "<script>" not in svg
    root = parse(svg)
    assert EVIL in texts(root)[0]  # the <title>, unescaped by the parser: text, not markup
    assert root.find(f".//{SVG}a").get("href") == '/x?a="1"&b=<2>'  # type: ignore[union-attr]
    m = charts.world_map([charts.Point(EVIL, 10, 20, 3, href="/e?p=<x>")], EVIL)
    assert "<script>" not in m
    parse(m)
    assert "<script>" not in charts.legend([EVIL], {})


def test_empty_data_says_so() -> None:
    for svg in (
        charts.bars([], "nothing"),
        charts.bars([charts.Bar("a", (("x", 0),))], "zeros"),
        charts.coverage([], "coverage"),
        charts.coverage([(None, False), ("not a date", True)], "coverage"),
    ):
        root = parse(svg)
        assert any("no data" in t for t in texts(root))
    root = parse(charts.world_map([], "map"))
    assert any("no events" in t for t in texts(root))
    assert charts.legend([], {}) == ""


def test_projection_is_equirectangular() -> None:
    assert charts.project(90, -180, 360, 180) == (0.0, 0.0)
    assert charts.project(0, 0, 360, 180) == (180.0, 90.0)
    assert charts.project(-90, 180, 360, 180) == (360.0, 180.0)
    assert charts.project(120, 500, 360, 180) == (360.0, 0.0)  # clamped


def test_map_draws_land_and_sizes_points_by_count() -> None:
    points = [charts.Point("Damascus", 33.5, 36.3, 10), charts.Point("Kyiv", 50.4, 30.5, 1)]
    root = parse(charts.world_map(points, "map", land=[(0.0, 0.0), (10.0, 10.0)]))
    places = root.findall(f".//{SVG}circle[@class='place']")
    radius = {c.find(f"{SVG}title").text: float(c.get("r") or 0) for c in places}  # type: ignore[union-attr]
    assert radius["Damascus: 10"] > radius["Kyiv: 1"]
    assert len(root.findall(f".//{SVG}circle")) == 4


def test_coverage_fills_gaps_and_stacks_copies() -> None:
    svg = charts.coverage(
        [("2024-12-08", False), ("2024-12-08", True), ("2024-12-11T10:00:00Z", False)],
        "articles per day",
    )
    root = parse(svg)
    assert len(root.findall(f".//{SVG}g")) == 4  # 8, 9, 10, 11 December
    fills = [r.get("fill") for r in root.findall(f".//{SVG}g/{SVG}rect")]
    assert fills.count(charts.COVERAGE_COLOURS["copy"]) == 1
    assert fills.count(charts.COVERAGE_COLOURS["original"]) == 2
