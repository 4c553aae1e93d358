"""Browser tests: Playwright drives Debian's chromium (headless) against a real server.

They skip when /usr/bin/chromium (or $REPORTEDLY_CHROMIUM) is missing, and fail then when
REPORTEDLY_REQUIRE_SERVICES=1 (as in CI). Each test saves a screenshot of what it saw in
tests/web/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

SCREENSHOTS = Path(__file__).parent / "screenshots"
SEED_QUESTION = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)


def test_ask_the_seed_question(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("#q", SEED_QUESTION)
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#verdict")
    verdict = page.locator("#verdict .big .verdict")
    assert verdict.inner_text().strip().lower() == "reported"
    evidence = page.locator("#evidence li.ev")
    assert evidence.count() >= 2
    text = page.locator("#evidence").inner_text()
    assert "Iran International" in text
    assert "Bloomberg" in text
    assert "The Week" in text
    parts = page.locator("ul.parts li")
    assert parts.count() == 2
    assert not page.js_errors


def test_article_claim_shows_its_chain(server: str, page: Any) -> None:
    page.goto(server + "/articles/seed")
    claim = page.locator("mark.claim", has_text="Assad is said to have turned to both US")
    claim.click()
    panel = page.locator("#panel-body")
    panel.wait_for(state="visible")
    assert page.locator("#panel-status").inner_text() == "reported"
    chain = page.locator("#panel-chain li")
    assert chain.count() == 2
    assert "The Week" in chain.nth(0).inner_text()
    assert "Iran International" in chain.nth(1).inner_text()
    cues = page.locator("#panel-cues").inner_text()
    assert "is said to have" in cues
    assert "according to" in cues.lower()
    assert "selected" in (claim.get_attribute("class") or "")
    # a nested chain: Bloomberg, citing unnamed sources
    page.locator("mark.claim", has_text="The intention was that Orban").click()
    chain_text = page.locator("#panel-chain").inner_text()
    assert re.search(r"Bloomberg.*\n.*unnamed sources", chain_text), chain_text
    assert page.locator("#panel-quote").inner_text().startswith("direct quote")
    assert not page.js_errors


def test_story_coverage_matrix(server: str, page: Any) -> None:
    page.goto(server + "/stories")
    page.locator("table.rows a", has_text="Did Syrian President").first.click()
    page.wait_for_selector("#coverage-matrix")
    rows = page.locator("#coverage-matrix tbody tr")
    outlets = [rows.nth(i).locator("th").inner_text() for i in range(rows.count())]
    assert {"The Week", "Daily Syndicate", "Weekly Digest", "Levant Monitor"} <= set(outlets)
    assert page.locator("#coverage-matrix .mark.st-reported").count() >= 2
    assert page.locator("#story-timeline li").count() >= 4
    assert not page.js_errors


def test_entity_page_timeline_and_citations(server: str, page: Any) -> None:
    page.goto(server + "/entities/" + quote("Bashar al-Assad"))
    assert page.locator("#entity-timeline li").count() >= 3
    bar = page.locator("#citations .bar").first
    assert bar.evaluate("b => b.style.width").endswith("%")
    assert not page.js_errors


def test_xss_article_runs_nothing(server: str, page: Any) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(server + "/articles/xss")
    page.locator("mark.claim").first.click()
    page.locator("#panel-body").wait_for(state="visible")
    page.locator("#article-text").hover()
    page.goto(server + "/articles")
    page.goto(server + "/claims")
    page.wait_for_timeout(300)
    assert dialogs == []
    page.goto(server + "/articles/xss")
    assert page.locator("#article-text img, #article-text script, #article-text svg").count() == 0
    assert "<script>alert(5)</script>" in page.locator("#article-text").inner_text()
    assert page.locator("h1").inner_text().startswith('<script>alert("xss")</script>')


def test_phone_width(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        pg = context.new_page()
        pg.goto(server + "/articles/seed")
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 400
        assert not pg.locator("#claim-panel").is_visible()  # a sheet, shown on demand
        pg.locator("mark.claim", has_text="Assad is said to have turned").click()
        panel = pg.locator("#claim-panel")
        panel.wait_for(state="visible")
        box = panel.bounding_box()
        assert box
        assert box["y"] + box["height"] <= 844 + 1
        assert "Iran International" in pg.locator("#panel-chain").inner_text()
        SCREENSHOTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(SCREENSHOTS / "test_phone_width.png"))
        pg.click("#panel-close")
        assert not panel.is_visible()
    finally:
        context.close()


# ---------------------------------------------------------------- outlets, events, verdicts

PHONE = {"width": 390, "height": 844}


def _phone(browser: Any, server: str, path: str, name: str) -> Any:
    """A page at phone width on ``path``, its screenshot saved as ``name``; the caller
    closes ``page.context``."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + path)
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    return pg


def test_verdict_card_groups_evidence(server: str, page: Any) -> None:
    page.goto(server + "/ask?q=" + quote(SEED_QUESTION))
    card = page.locator("#evidence-for")
    assert card.locator("li.ev").count() >= 3
    assert "published 2024-12-08" in card.inner_text()
    copies = card.locator("details.copies").first
    assert not copies.locator("li.ev-copy").first.is_visible()  # folded
    copies.locator("summary").click()
    assert copies.locator("li.ev-copy").first.is_visible()
    assert "Daily Syndicate" in copies.inner_text()
    page.locator("#evidence-for a.outlet", has_text="The Week").first.click()
    page.wait_for_selector("#outlet-stats")
    assert page.locator("h1").inner_text() == "The Week"
    assert not page.js_errors


def test_no_evidence_shows_related(server: str, page: Any) -> None:
    page.goto(server + "/ask?q=" + quote("Did Assad sell the bridge to the mayor?"))
    assert page.locator("#related li").count() >= 1
    assert not page.js_errors


def test_outlets_pages(server: str, page: Any) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(server + "/outlets")
    rows = page.locator("#outlet-rows tbody tr")
    assert rows.count() >= 4
    assert page.locator("#outlet-rows", has_text="Evil Outlet").count() == 1
    page.locator("#outlet-rows a.outlet", has_text="Evil Outlet").click()
    page.wait_for_selector("#outlet-stats")
    assert page.locator("h1").inner_text().startswith("<img src=x")
    page.goto(server + "/outlets")
    page.locator("#outlet-rows a.outlet", has_text="The Week").click()
    assert page.locator("#outlet-cited li").count() >= 1
    assert page.locator("#outlet-chart svg").count() == 1
    assert dialogs == []
    assert not page.js_errors


def test_events_browser(server: str, page: Any) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(server + "/events?actor=" + quote("Dana Holt"))  # the markup article's source
    page.wait_for_timeout(200)
    page.goto(server + "/events")
    total = int(page.locator("#event-total").inner_text())
    assert total > 0
    assert page.locator("#event-histogram svg g.bar").count() >= 1
    assert page.locator("#event-map svg circle.place").count() >= 1
    assert page.locator("#event-rows tbody tr").count() >= 1
    page.locator("#facet-type a").first.click()
    page.wait_for_selector("#event-total")
    assert 0 < int(page.locator("#event-total").inner_text()) <= total
    page.fill("#event-filters input[name=actor]", "Bashar al-Assad")
    page.click("#event-filters button[type=submit]")
    page.wait_for_selector("#event-total")
    assert "actor=Bashar" in page.url
    page.goto(server + "/events")
    page.locator("#event-histogram svg a").first.click()
    page.wait_for_selector("#event-total")
    assert "since=" in page.url
    assert 0 < int(page.locator("#event-total").inner_text()) <= total
    assert dialogs == []
    assert not page.js_errors


def test_story_chart_and_matrix_at_phone_width(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        pg = context.new_page()
        pg.goto(server + "/stories")
        pg.locator("table.rows a", has_text="Did Syrian President").first.click()
        pg.wait_for_selector("#coverage-matrix")
        assert pg.locator("#coverage-chart svg g.bar").count() >= 1
        # the matrix scrolls in its own box; the page itself does not get wider
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        wrap = pg.locator(".matrix-wrap")
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
        box = wrap.bounding_box()
        assert box
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"] + 1
        wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
        assert wrap.evaluate("w => w.scrollLeft") > 0
        SCREENSHOTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(SCREENSHOTS / "test_story_phone_width.png"), full_page=True)
    finally:
        context.close()


def test_new_pages_fit_a_phone(browser: Any, server: str) -> None:
    for path, name in (
        ("/events", "test_events_phone"),
        ("/outlets", "test_outlets_phone"),
        ("/outlets/" + quote("The Week", safe=""), "test_outlet_phone"),
        ("/ask?q=" + quote(SEED_QUESTION), "test_verdict_phone"),
    ):
        pg = _phone(browser, server, path, name)
        try:
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, (path, width)
        finally:
            pg.context.close()
