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
