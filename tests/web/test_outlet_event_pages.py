"""The outlet pages, the events browser, the story's coverage chart and the ask page's
verdict card (grouped by stance, copies folded, parallel sources as "A + B")."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from reportedly.web.app import make_templates
from reportedly.web.verdict import fold_copies, related_query

SEED_QUESTION = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)
XSS_OUTLET = "<img src=x onerror=alert(4)> Evil Outlet"  # the markup article's (conftest)

HTML = {"accept": "text/html"}


def test_outlets_list_links_each_outlet_and_escapes_names(client: Any) -> None:
    text = client.get("/outlets", headers=HTML).text
    assert f'href="/outlets/{quote("The Week", safe="")}"' in text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(4)&gt; Evil Outlet" in text
    assert re.search(r'class="chip st-reported"[^>]*>reported \d+%', text)


def test_outlet_page_shows_mix_citations_and_contradictions(client: Any) -> None:
    resp = client.get("/outlets/" + quote("The Week", safe=""), headers=HTML)
    assert resp.status_code == 200
    text = resp.text
    assert 'id="outlet-mix"' in text
    assert 'href="/sources/Iran%20International"' in text  # whom it cites
    assert 'id="outlet-contradicted"' in text
    assert "<svg" in text
    assert 'href="/claims?outlet=The%20Week&amp;status=reported"' in text


def test_outlet_page_of_the_markup_outlet_is_escaped(client: Any) -> None:
    text = client.get("/outlets/" + quote(XSS_OUTLET, safe=""), headers=HTML).text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(4)&gt; Evil Outlet" in text


def test_unknown_outlet_is_404(client: Any) -> None:
    assert client.get("/outlets/No%20Such%20Outlet", headers=HTML).status_code == 404


def test_events_page_draws_histogram_and_map_and_filters(client: Any) -> None:
    text = client.get("/events", headers=HTML).text
    total = int(re.search(r'id="event-total">(\d+)', text).group(1))  # type: ignore[union-attr]
    assert total > 0
    assert 'id="event-histogram"><svg' in text
    assert 'id="event-map"><svg' in text
    assert 'class="place"' in text  # at least one event placed on the map
    kind = re.search(r'href="/events\?type=(\w+)"', text).group(1)  # type: ignore[union-attr]
    narrowed = client.get("/events", params={"type": kind}, headers=HTML).text
    n = int(re.search(r'id="event-total">(\d+)', narrowed).group(1))  # type: ignore[union-attr]
    assert 0 < n <= total
    assert all(f"<td>{kind}" in row for row in re.findall(r"<tr><td>.*?</td>\n<td>[^<]*", narrowed))
    none = client.get("/events", params={"since": "2100-01-01"}, headers=HTML).text
    assert 'id="event-total">0<' in none
    assert "no data for events over time" in none


def test_events_page_rejects_a_malformed_date(client: Any) -> None:
    assert client.get("/events", params={"since": "<script>"}, headers=HTML).status_code == 422


def test_events_form_with_blank_dates_is_no_filter(client: Any) -> None:
    # the form sends its empty date fields (a bug: they failed the date pattern, 422)
    resp = client.get("/events?type=&actor=&since=&until=", headers=HTML)
    assert resp.status_code == 200
    assert resp.text.count('id="event-total">0<') == 0


def test_story_page_has_a_coverage_chart(client: Any) -> None:
    stories = client.get("/api/stories").json()["items"]
    sid = next(s["id"] for s in stories if s["articles"] >= 3)
    text = client.get(f"/stories/{sid}", headers=HTML).text
    assert 'id="coverage-chart"><svg' in text
    assert 'data-series="copy"' in text  # the story has a copy, stacked on its day


def test_verdict_card_groups_by_stance_and_folds_copies(client: Any) -> None:
    text = client.get("/ask", params={"q": SEED_QUESTION}, headers=HTML).text
    assert 'id="evidence-for"' in text
    assert 'class="date-pub">published 2024-12-08' in text
    assert "copies of this article" in text or "copy of this article" in text
    assert 'class="ev ev-copy"' in text  # the Daily Syndicate copy, under The Week
    assert 'href="/outlets/The%20Week"' in text


def test_no_evidence_offers_related_claims(client: Any) -> None:
    text = client.get(
        "/ask", params={"q": "Did Assad sell the bridge to the mayor?"}, headers=HTML
    ).text
    assert 'id="related"' in text
    assert "Nearest related claims" in text


def test_parallel_sources_show_as_parallel() -> None:
    env = make_templates().env
    tmpl = env.from_string('{% from "macros.html" import chain %}{{ chain(c) }}')
    out = tmpl.render(c="Outlet > Ana Ruiz + Ben Ode > Cy Dee")
    assert out.count("→") == 2
    assert '<a href="/sources/Ana%20Ruiz">Ana Ruiz</a> + <a href="/sources/Ben%20Ode">' in out


def test_fold_copies_puts_copies_under_their_original() -> None:
    items: list[dict[str, Any]] = [
        {"article": a, "copies": []} for a in ("orig", "copy1", "copy2", "lone")
    ]
    folded = fold_copies(items, {"copy1": "orig", "copy2": "copy1", "lone": "elsewhere"})
    assert [i["article"] for i in folded] == ["orig", "lone"]
    assert [c["article"] for c in folded[0]["copies"]] == ["copy1", "copy2"]
    assert folded[1]["copy_of"] == "elsewhere"


def test_a_copy_folds_under_the_same_claim_of_its_original() -> None:
    def item(article: str, claim: str, words: str) -> dict[str, Any]:
        return {"article": article, "claim": claim, "sentence": {"claim": words}, "copies": []}

    items = [
        item("orig", "c1", "The bridge was closed"),
        item("orig", "c2", "Repairs will take two months"),
        item("copy", "c9", "repairs will take two months"),
        item("copy", "c1", "Something else entirely"),
    ]
    folded = fold_copies(items, {"copy": "orig"})
    assert [c["claim"] for c in folded[1]["copies"]] == ["c9"]  # the same words
    assert [c["claim"] for c in folded[0]["copies"]] == ["c1"]  # else the same claim id


def test_related_query_quotes_words_and_drops_function_words() -> None:
    query = related_query('Did the "mayor" close AND the bridge?')
    assert query == '"mayor" OR "close" OR "bridge"'
    assert related_query("did the") is None
