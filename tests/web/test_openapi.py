"""The OpenAPI document is valid OpenAPI, and what the server sends fits it: every list's
page (total, prev / next, the Link header), the records, the answers, and the error body."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from reportedly.web.models import ErrorBody

SEED_QUESTION = "Did Syrian President Bashar al-Assad contact Donald Trump?"

validator = pytest.importorskip("openapi_spec_validator")
schema_validator = pytest.importorskip("openapi_schema_validator")


@pytest.fixture(scope="module")
def spec(client: Any) -> dict[str, Any]:
    got: dict[str, Any] = client.get("/api/openapi.json").json()
    return got


def test_the_openapi_document_is_valid(spec: dict[str, Any]) -> None:
    validator.validate(spec)


def _fits(spec: dict[str, Any], route: str, method: str, resp: Any) -> None:
    """``resp`` validates against the schema the document gives for its status."""
    responses = spec["paths"][route][method]["responses"]
    documented = responses.get(str(resp.status_code)) or responses["default"]
    schema = documented["content"]["application/json"]["schema"]
    rooted = {**schema, "components": spec["components"]}  # the $refs resolve from here
    schema_validator.OAS31Validator(rooted).validate(resp.json())


def test_real_responses_fit_their_documented_models(client: Any, spec: dict[str, Any]) -> None:
    articles = client.get("/api/articles").json()["items"]
    stories = client.get("/api/stories").json()["items"]
    entity = client.get("/api/entities").json()["items"][0]["entity"]
    source = client.get("/api/sources").json()["items"][0]["name"]
    calls = [
        ("/api", "/api"),
        ("/api/articles", "/api/articles?limit=2"),
        ("/api/articles/{article_id}", f"/api/articles/{quote(articles[0]['id'])}"),
        ("/api/claims", "/api/claims?q=bridge"),
        ("/api/events", "/api/events"),
        ("/api/entities", "/api/entities?limit=3"),
        ("/api/entities/{name}", f"/api/entities/{quote(entity)}"),
        ("/api/sources", "/api/sources"),
        ("/api/sources/{name}", f"/api/sources/{quote(source)}"),
        ("/api/stories", "/api/stories"),
        ("/api/stories/{story_id}", f"/api/stories/{quote(stories[0]['id'])}"),
        ("/api/contradictions", "/api/contradictions"),
        ("/api/ask", f"/api/ask?q={quote(SEED_QUESTION)}"),
        ("/api/ask", f"/api/ask?format=claimreview&q={quote(SEED_QUESTION)}"),
    ]
    for route, url in calls:
        resp = client.get(url)
        assert resp.status_code == 200, url
        _fits(spec, route, "get", resp)


def test_errors_are_documented_as_the_body_the_server_sends(
    client: Any, spec: dict[str, Any]
) -> None:
    for route, url, status in [
        ("/api/articles/{article_id}", "/api/articles/no-such-article", 404),
        ("/api/claims", "/api/claims?status=bogus", 422),
        ("/api/claims", "/api/claims?limit=0", 422),
        ("/api/stories/{story_id}", "/api/stories/no-such-story", 404),
    ]:
        resp = client.get(url)
        assert resp.status_code == status, url
        ErrorBody.model_validate(resp.json())
        _fits(spec, route, "get", resp)
        schema = spec["paths"][route]["get"]["responses"][str(status)]["content"]
        assert schema["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def _query(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


def test_a_list_gives_its_total_and_links_both_ways(client: Any) -> None:
    n = client.get("/api").json()["counts"]["articles"]
    assert n >= 3
    first = client.get("/api/articles?limit=1")
    body = first.json()
    assert (body["total"], body["prev"]) == (n, None)
    assert _query(body["next"]) == ("/api/articles", {"limit": ["1"], "offset": ["1"]})
    assert first.headers["link"] == f'<{body["next"]}>; rel="next"'
    middle = client.get(body["next"])
    assert _query(middle.json()["prev"]) == ("/api/articles", {"limit": ["1"], "offset": ["0"]})
    rels = {part.split("; ")[1] for part in middle.headers["link"].split(", ")}
    assert rels == {'rel="prev"', 'rel="next"'}
    last = client.get(f"/api/articles?limit=1&offset={n - 1}").json()
    assert (last["next"], last["total"]) == (None, n)


def test_a_filtered_list_counts_what_matches(client: Any) -> None:
    every = client.get("/api/claims?q=bridge&limit=500").json()
    one = client.get("/api/claims?q=bridge&limit=1").json()
    assert every["items"]
    assert one["total"] == len(every["items"]) == every["total"]
    stories = client.get("/api/stories?limit=1").json()
    assert stories["total"] == len(client.get("/api/stories?limit=500").json()["items"])
