"""The server-rendered pages, in process: they render, link up, and never let article text
run as markup."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest

SEED_QUESTION = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)
HTML = {"accept": "text/html"}


def _story_id(client: Any) -> str:
    stories = client.get("/api/stories").json()["items"]
    return str(next(s["id"] for s in stories if s["articles"] >= 3))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ask",
        "/articles",
        "/articles?about=Assad",
        "/articles/seed",
        "/claims",
        "/claims?status=hedged&about=Assad",
        "/stories",
        "/entities",
        "/entities/Bashar al-Assad",
        "/sources",
        "/sources/Bloomberg",
        "/docs",
    ],
)
def test_pages_render(client: Any, path: str) -> None:
    resp = client.get(path, headers=HTML)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport"' in resp.text
    assert '<script src="/static/app.js" defer></script>' in resp.text


def test_no_inline_script_or_style_or_handlers(client: Any) -> None:
    for path in ("/", "/articles/seed", f"/stories/{_story_id(client)}", "/ask?q=x+y"):
        text = client.get(path, headers=HTML).text
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
        assert "<style" not in text
        assert not re.search(r"\sstyle=", text)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text)


def test_ask_page_shows_verdict_and_evidence(client: Any) -> None:
    text = client.get("/ask", params={"q": SEED_QUESTION}, headers=HTML).text
    assert 'class="verdict v-reported"' in text
    assert "Iran International" in text
    assert "Bloomberg" in text
    assert 'href="/articles/seed#claim-' in text


def test_ask_page_with_a_bad_question(client: Any) -> None:
    resp = client.get("/ask", params={"q": "?!"}, headers=HTML)
    assert resp.status_code == 400
    assert "Cannot answer" in resp.text


def test_article_page_highlights_every_claim(client: Any) -> None:
    data = client.get("/api/articles/seed").json()
    text = client.get("/articles/seed", headers=HTML).text
    marks = re.findall(r'<mark class="claim st-(\w+)" id="claim-([\w-]+)"', text)
    assert len(marks) == len(data["claims"])
    assert {s for s, _ in marks} == {c["status"] for c in data["claims"]}
    block = re.search(
        r'<script type="application/json" id="claims-data">(.*?)</script>', text, re.S
    )
    assert block
    claims = json.loads(block.group(1))
    c7 = next(c for c in claims if "Iran International" in json.dumps(c))
    assert [s["name"] for s in c7["chain"]] == ["The Week", "Iran International"]
    assert c7["cues"]


def test_story_page_has_matrix_and_timeline(client: Any) -> None:
    text = client.get(f"/stories/{_story_id(client)}", headers=HTML).text
    assert 'id="coverage-matrix"' in text
    assert 'id="story-timeline"' in text
    for outlet in ("The Week", "Daily Syndicate", "Weekly Digest", "Levant Monitor"):
        href = "/outlets/" + quote(outlet, safe="")
        assert f'<th scope="row"><a class="outlet" href="{href}">{outlet}</a></th>' in text
    assert 'class="mark st-reported"' in text


def test_entity_and_source_pages(client: Any) -> None:
    text = client.get(f"/entities/{quote('Bashar al-Assad')}", headers=HTML).text
    assert 'id="entity-timeline"' in text
    assert 'id="citations"' in text
    assert '<svg class="graph" id="citation-graph"' in text
    assert "<line " in text
    text = client.get("/sources/Bloomberg", headers=HTML).text
    assert "confirmed" in text
    assert "contradicted" in text


def test_page_errors_are_pages_for_browsers_and_json_otherwise(client: Any) -> None:
    resp = client.get("/articles/nope", headers=HTML)
    assert resp.status_code == 404
    assert "not_found" in resp.text
    assert resp.headers["content-type"].startswith("text/html")
    resp = client.get("/articles/nope")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "not_found"


# --------------------------------------------------------------------------- XSS

MARKUP = re.compile(
    r"<script>alert|<img src=x|<svg onload|<b onmouseover|\" onmouseover=\"alert|</textarea>"
)


def _xss_pages(client: Any) -> list[str]:
    return [
        "/articles/xss",
        "/articles",
        "/",
        "/claims?about=Dana Holt",
        "/claims",
        "/stories",
        "/ask?q=" + quote("Did the mayor close the bridge?"),
        "/entities/" + quote("Dana Holt"),
        "/sources/" + quote("Dana Holt"),
    ]


def test_xss_article_is_stored_verbatim(client: Any) -> None:
    data = client.get("/api/articles/xss").json()
    assert "<script>alert(5)</script>" in data["article"]["text"]
    assert data["claims"]


def test_xss_article_renders_inert(client: Any) -> None:
    for path in _xss_pages(client):
        resp = client.get(path, headers=HTML)
        assert resp.status_code in (200, 404), path
        found = MARKUP.findall(resp.text)
        assert not found, (path, found)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", resp.text), path  # no handler runs
        assert 'href="javascript:' not in resp.text
    text = client.get("/articles/xss", headers=HTML).text
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(4)&gt; Evil Outlet" in text
    # the JSON block cannot be closed early by the text it carries
    block = re.search(r'id="claims-data">(.*?)</script>', text, re.S)
    assert block
    assert "<" not in block.group(1)


def test_xss_in_the_query_is_escaped(client: Any) -> None:
    q = '"><script>alert(1)</script>'
    text = client.get("/ask", params={"q": q}, headers=HTML).text
    assert "<script>alert(1)" not in text
    text = client.get("/claims", params={"about": q}, headers=HTML).text
    assert "<script>alert(1)" not in text


def test_claims_page_has_a_total_status_and_outlet_facets_and_downloads(client: Any) -> None:
    text = client.get("/claims", headers=HTML).text
    assert 'class="totals"' in text
    assert 'class="facet"' in text
    assert "download=csv" in text
    assert "download=json" in text
    one = client.get("/claims?status=denied", headers=HTML).text
    assert 'class="selected"' in one


def test_list_downloads_are_the_rows_as_csv_and_json(client: Any) -> None:
    import csv
    import io
    import json

    resp = client.get("/claims?download=csv")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert rows
    assert "status" in rows[0]
    data = json.loads(client.get("/claims?download=json").text)
    assert len(data) == len(rows)
    for path in ("/articles?download=json", "/entities?download=csv"):
        assert client.get(path).status_code == 200
    assert client.get("/claims?download=exe").status_code in (400, 422)


def test_an_entitys_events_download_through_the_cli_exporters(client: Any) -> None:
    name = quote("Bashar al-Assad")
    tsv = client.get(f"/entities/{name}?download=gdelt")
    assert tsv.status_code == 200
    assert "attachment" in tsv.headers["content-disposition"]
    lines = [x for x in tsv.text.splitlines() if x]
    assert lines
    assert all(len(x.split("\t")) == len(lines[0].split("\t")) for x in lines)
    plover = client.get(f"/entities/{name}?download=plover")
    assert plover.status_code == 200
    assert all("event" in json.loads(x) for x in plover.text.splitlines() if x)


def test_source_page_shows_one_page_of_claims_with_the_totals(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A much cited source's claims come a page at a time (here one a page), in the order
    the API lists them; its totals count all of them, on every page."""
    from reportedly.web import pages

    said = client.get("/api/sources/Bloomberg").json()
    assert said["claims"] == len(said["said"]) >= 2
    monkeypatch.setattr(pages, "PAGE", 1)
    for offset, claim in enumerate(said["said"]):
        text = client.get(f"/sources/Bloomberg?offset={offset}", headers=HTML).text
        rows = re.findall(r'<td><a href="/articles/([^"#]+)#claim-([^"]+)">', text)
        assert rows == [(quote(claim["article_id"], safe=""), claim["claim_id"])]
        assert f"{offset + 1}–{offset + 1} of {said['claims']}" in text
        assert f"<dt>claims</dt><dd>{said['claims']}</dd>" in text
        assert ('rel="prev"' in text) == (offset > 0)
        assert ('rel="next"' in text) == (offset < said["claims"] - 1)


def test_a_claims_page_cut_from_the_facet_keys_is_the_queried_page(client: Any) -> None:
    """The claims page is cut from the keys its facets count (statuses chosen or not, any
    offset), or queried when the capped keys do not hold it: the rows are the listing's."""
    from dataclasses import replace

    from reportedly.corpus.store import ClaimQuery
    from reportedly.web.services import claim_listing

    cfg = client.app.state.config
    for base in (ClaimQuery(), ClaimQuery(about="Bashar al-Assad"), ClaimQuery(outlet="The Week")):
        for status in ((), ("reported",), ("reported", "hedged")):
            for offset in (0, 1, 3):
                query = replace(base, status=status, limit=3, offset=offset)
                for cap in (1000, 4):
                    rows, keys, capped = claim_listing(cfg, query, cap)
                    assert rows == cfg.store.query(query), (query, cap)
                    assert len(keys) <= cap
                    every = cfg.store.query(replace(base, limit=cap + 1))
                    assert capped == (len(every) > cap)
                    assert [k[:2] for k in keys] == [(r.article_id, r.claim_id) for r in every][
                        :cap
                    ]
