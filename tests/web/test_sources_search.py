"""The front page's most cited sources (one row per entity, no pronouns, outlets by name)
and the header search (user text is never query syntax)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.corpus.store import ClaimQuery, ClaimRow, SourceQuery, SourceRow
from reportedly.web.cache import QueryCache
from reportedly.web.services import cited_sources, is_name, outlet_label, safe_text_query


def _claim(article: str, claim: str, status: str = "reported") -> ClaimRow:
    return ClaimRow(
        article, claim, status, "text", "", 0, f"outlet-{article}", None, None, None, 0, 4
    )


@dataclass
class FakeStore:
    """The part of the store :func:`cited_sources` reads."""

    sources: list[SourceRow]
    entity: dict[str, list[str]]
    claims: dict[str, list[ClaimRow]]
    asked: list[Any] = field(default_factory=list)

    def fingerprint(self) -> str:
        return "one"

    def resolve(self, name: str) -> list[str]:
        return self.entity.get(name, [name.lower()])

    def query(self, query: Any) -> list[Any]:
        self.asked.append(query)
        if isinstance(query, SourceQuery):
            return self.sources[query.offset : query.offset + query.limit]
        assert isinstance(query, ClaimQuery)
        return self.claims.get(query.source or "", [])


@dataclass
class FakeConfig:
    store: FakeStore
    cache: QueryCache = field(default_factory=QueryCache)


def _source(name: str, kind: str, claims: int) -> SourceRow:
    return SourceRow(name, kind, claims, claims, claims, claims, 0, 0)


def test_one_person_under_name_variants_and_kinds_is_one_row() -> None:
    marta = ["marta kowalska", "kowalska"]
    store = FakeStore(
        [
            _source("Marta Kowalska", "person", 4),
            _source("They", "organisation", 3),
            _source("Kowalska", "official", 2),
            _source("Marta Kowalska", "official", 1),
            _source("he", "person", 1),
            _source("Port Authority", "organisation", 1),
        ],
        {"Marta Kowalska": marta, "Kowalska": marta},
        {
            "Marta Kowalska": [_claim("a1", "c1"), _claim("a1", "c2"), _claim("a2", "c1")],
            # one claim cites her under both names: counted once
            "Kowalska": [_claim("a2", "c1"), _claim("a3", "c4", "denied")],
        },
    )
    rows = cited_sources(FakeConfig(store), 10)  # type: ignore[arg-type]
    assert [r["name"] for r in rows] == ["Marta Kowalska", "Port Authority"]
    top = rows[0]
    assert top["variants"] == ["Kowalska"]
    assert top["kind"] == "person"
    assert (top["claims"], top["articles"], top["outlets"], top["denied"]) == (4, 3, 3, 1)


def test_outlet_sources_are_named_and_merged_with_their_domain() -> None:
    store = FakeStore(
        [_source("apnews.com", "outlet", 2), _source("AP", "outlet", 1)],
        {},
        {"apnews.com": [_claim("a1", "c1")], "AP": [_claim("a2", "c1")]},
    )
    rows = cited_sources(FakeConfig(store), 10)  # type: ignore[arg-type]
    assert [r["name"] for r in rows] == ["Associated Press"]
    assert rows[0]["claims"] == 2


def test_outlet_label() -> None:
    assert outlet_label("nytimes.com") == "The New York Times"
    assert outlet_label("www.reuters.com") == "Reuters"
    assert outlet_label("uk.reuters.com") == "Reuters"
    assert outlet_label("some-unknown-site.example") == "some-unknown-site.example"
    assert outlet_label("Gulf News") == "Gulf News"
    assert outlet_label(None) == ""


def test_pronouns_are_not_names() -> None:
    assert not is_name("They")
    assert not is_name("I")
    assert not is_name("it")
    assert is_name("Hamas")


def test_safe_text_query_quotes_every_word() -> None:
    assert safe_text_query("AND") == '"AND"'
    assert safe_text_query('bridge NEAR(closed) -"city engineer"') == (
        '"city engineer" "bridge" "NEAR" "closed"'
    )
    assert safe_text_query("text:bridge*") == '"text" "bridge"'
    assert safe_text_query('"" () * -') is None
    assert safe_text_query("") is None
    assert safe_text_query("w " * 500) == " ".join(['"w"'] * 32)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_search_text_gives_a_page(client: Any, text: str) -> None:
    response = client.get("/claims", params={"q": text})
    assert response.status_code == 200 or (
        400 <= response.status_code < 500 and "code" in response.text
    ), response.text[:200]


def test_search_box_in_every_page_header(client: Any) -> None:
    for path in ("/", "/claims", "/sources", "/entities"):
        html = client.get(path).text
        assert 'role="search"' in html
        assert 'action="/claims"' in html
    html = client.get("/claims", params={"q": "AND (bridge"}).text
    assert 'value="AND (bridge"' in html


def test_pages_are_gzipped(client: Any) -> None:
    response = client.get("/claims", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def _ld_json(html: str) -> Any:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_claim_permalink_has_opengraph_and_claimreview(client: Any) -> None:
    page = client.get("/claims", params={"q": "bridge"}).text
    link = re.search(r'href="(/claims/[^"/]+/[^"]+)"', page)
    assert link, "the claims table links each claim's permalink"
    html = client.get(link.group(1)).text
    assert '<meta property="og:title"' in html
    review = _ld_json(html)
    assert review["@type"] == "ClaimReview"
    assert review["url"].endswith(link.group(1))
    assert review["reviewRating"]["alternateName"]


def test_claimreview_json_cannot_close_its_script(client: Any) -> None:
    """The XSS article's claims carry </script> and markup: the JSON-LD block stays one
    block of JSON (tojson escapes <, > and &), and nothing in it is markup."""
    data = client.get("/api/articles/xss").json()
    assert data["claims"]
    blocks = 0
    for claim in data["claims"]:
        html = client.get(f"/claims/xss/{claim['id']}").text
        head = html.split("</head>", 1)[0]
        if "application/ld+json" in head:
            block = head.split('<script type="application/ld+json">', 1)[1]
            block = block.split("</script>", 1)[0]
            assert "<" not in block
            assert ">" not in block
            _ld_json(html)
            blocks += 1
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;img src=x onerror=alert(4)&gt; Evil Outlet" in html
    assert blocks


def test_unknown_claim_permalink_is_a_404(client: Any) -> None:
    assert client.get("/claims/no-such-article/c1").status_code == 404


def test_entity_page_pages_its_events(client: Any, monkeypatch: Any) -> None:
    from collections import Counter

    from reportedly.web import pages

    events = client.get("/api/events", params={"limit": 500}).json()
    rows = events.get("events", events.get("items", []))
    actors = Counter(e["actor"] for e in rows if e.get("actor"))
    name, count = actors.most_common(1)[0]
    assert count >= 2
    monkeypatch.setattr(pages, "PAGE", 1)
    first = client.get(f"/entities/{name}").text
    assert first.count("<time>") == 1
    assert 'rel="next"' in first
    second = client.get(f"/entities/{name}", params={"offset": 1}).text
    assert second.count("<time>") == 1
    assert 'rel="prev"' in second
