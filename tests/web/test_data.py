"""The helpers behind the pages: text cut into claim spans, chains, citations, caches."""

from __future__ import annotations

from typing import Any

from reportedly.corpus.store import ClaimRow
from reportedly.records import Analysis, Article, Claim, parse_chain_text
from reportedly.web.app import http_url
from reportedly.web.cache import QueryCache
from reportedly.web.services import citation_graph, citations, segments


def _analysis(text: str, spans: list[tuple[int, int, str]]) -> Analysis:
    claims = [
        Claim(
            id=f"c{i}",
            text=text[s:e],
            start=s,
            end=e,
            status=status,  # type: ignore[arg-type]
            sentence_start=s,
            sentence_end=e,
        )
        for i, (s, e, status) in enumerate(spans, 1)
    ]
    return Analysis(article=Article(text=text), claims=claims)


def test_segments_cover_the_text_once_in_order() -> None:
    text = "Alpha said beta. Gamma reportedly left. Delta."
    an = _analysis(text, [(17, 38, "hedged"), (0, 15, "reported"), (30, 45, "asserted")])
    segs = segments(an)
    assert "".join(s.text for s in segs) == text
    marked = [(s.text, s.claim["status"]) for s in segs if s.claim]
    # the overlapping third claim starts where the second ends
    assert marked == [
        ("Alpha said beta", "reported"),
        ("Gamma reportedly left", "hedged"),
        (". Delta", "asserted"),
    ]


def test_segments_ignore_spans_outside_the_text() -> None:
    an = _analysis("Short text.", [(3, 99, "asserted"), (50, 60, "hedged")])
    segs = segments(an)
    assert "".join(s.text for s in segs) == "Short text."
    assert [s.claim["id"] for s in segs if s.claim] == ["c1"]


def test_chains_and_citations() -> None:
    assert parse_chain_text("The Week > Yaghoub Rezazadeh + Al-Alam TV") == [
        ["The Week"],
        ["Yaghoub Rezazadeh", "Al-Alam TV"],
    ]
    rows = [
        ClaimRow("a", "c", "reported", "x", sources, 0, None, None, None, None, 0, 1)
        for sources in (
            "The Week > Bloomberg > unnamed sources",
            "Daily > Bloomberg",
            "The Week > Bloomberg",
            "The Week",
        )
    ]
    edges = citations(rows)
    assert edges[0] == {"from": "The Week", "to": "Bloomberg", "claims": 2}
    assert {"from": "Bloomberg", "to": "unnamed sources", "claims": 1} in edges
    graph = citation_graph(edges)
    assert len(graph["edges"]) == 3
    assert {n["name"] for n in graph["left"]} == {"The Week", "Daily", "Bloomberg"}
    assert max(e["w"] for e in graph["edges"]) == 6.0


def test_only_http_links_are_rendered() -> None:
    assert http_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "", None):
        assert http_url(bad) is None


class _FakeStore:
    def __init__(self) -> None:
        self.state = "1"

    def fingerprint(self) -> str:
        return self.state


def test_query_cache_forgets_when_the_store_changes() -> None:
    cache = QueryCache(size=2)
    store: Any = _FakeStore()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get(store, ("a",), compute) == 1
    assert cache.get(store, ("a",), compute) == 1
    store.state = "2"
    assert cache.get(store, ("a",), compute) == 2
    cache.get(store, ("b",), compute)
    cache.get(store, ("c",), compute)  # evicts ("a",)
    assert cache.get(store, ("a",), compute) == 5
