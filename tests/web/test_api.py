"""The JSON API, in process: every endpoint, pagination, the one error shape, the token."""

from __future__ import annotations

import threading
import warnings
from typing import Any

import pytest

from reportedly.corpus.store.sqlite import SQLiteBackend
from reportedly.errors import StoreUnavailable
from reportedly.nlp.doc import Document
from reportedly.pipeline import Pipeline
from reportedly.records import Article
from reportedly.web import create_app
from reportedly.web.app import CSP

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx on import
    from fastapi.testclient import TestClient

TOKEN = "test-token-7f3a"  # the writer fixture's token (conftest.py)
SEED_QUESTION = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape: {"error": {"status", "code", "message"}}."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert {"status", "code", "message"} <= set(err)
    assert err["status"] == status
    assert isinstance(err["message"], str)
    assert err["message"]
    if code is not None:
        assert err["code"] == code
    assert resp.headers["content-security-policy"] == CSP
    return dict(err)


def test_index_lists_endpoints_and_counts(client: Any) -> None:
    data = client.get("/api").json()
    assert data["counts"]["articles"] == 8
    assert data["writable"] is False
    for path in (
        "/api/articles",
        "/api/claims",
        "/api/ask",
        "/api/stories",
        "/api/entities/{name}",
    ):
        assert path in data["endpoints"]


def test_articles_pages_with_next_link(client: Any) -> None:
    first = client.get("/api/articles", params={"limit": 3}).json()
    assert len(first["items"]) == 3
    assert first["limit"] == 3
    assert first["offset"] == 0
    assert first["next"].startswith("/api/articles?")
    ids = [a["id"] for a in first["items"]]
    second = client.get(first["next"]).json()
    assert second["offset"] == 3
    assert not set(ids) & {a["id"] for a in second["items"]}
    seen = list(ids)
    nxt: str | None = first["next"]
    while nxt:
        got = client.get(nxt).json()
        seen += [a["id"] for a in got["items"]]
        nxt = got["next"]
    assert len(seen) == len(set(seen)) == 8
    assert {"id", "title", "outlet", "url", "published", "claims"} <= set(first["items"][0])


def test_article_detail_is_the_whole_analysis(client: Any) -> None:
    data = client.get("/api/articles/seed").json()
    assert data["article"]["outlet"] == "The Week"
    assert len(data["claims"]) >= 15
    assert any(c["status"] == "reported" for c in data["claims"])
    assert_error(client.get("/api/articles/nope"), 404, "not_found")


def test_claims_filters_and_pagination(client: Any) -> None:
    rows = client.get("/api/claims", params={"about": "Assad", "status": "reported"}).json()
    assert rows["items"]
    assert all(r["status"] == "reported" for r in rows["items"])
    both = client.get(
        "/api/claims", params=[("status", "hedged"), ("status", "reported"), ("limit", 500)]
    ).json()
    assert {r["status"] for r in both["items"]} == {"hedged", "reported"}
    fts = client.get("/api/claims", params={"q": "evacuated"}).json()
    assert fts["items"]
    assert all("evacuated" in r["text"] for r in fts["items"])
    page1 = client.get("/api/claims", params={"limit": 5}).json()
    page2 = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()
    keys1 = {(r["article_id"], r["claim_id"]) for r in page1["items"]}
    keys2 = {(r["article_id"], r["claim_id"]) for r in page2["items"]}
    assert len(keys1) == len(keys2) == 5
    assert not keys1 & keys2
    assert_error(client.get("/api/claims", params={"status": "rumoured"}), 422)
    assert_error(client.get("/api/claims", params={"q": '"unbalanced'}), 400)


def test_events_entities_sources(client: Any) -> None:
    events = client.get("/api/events", params={"about": "Bashar al-Assad"}).json()["items"]
    assert events
    assert all("plover" in e for e in events)
    entities = client.get("/api/entities", params={"limit": 5}).json()
    assert len(entities["items"]) == 5
    assert entities["next"]
    entity = client.get("/api/entities/Bashar al-Assad").json()
    assert entity["name"] == "Bashar al-Assad"
    assert entity["events"]
    assert any(c["to"] == "Bloomberg" for c in entity["citations"])
    assert_error(client.get("/api/entities/Nobody Atall"), 404, "not_found")
    sources = client.get("/api/sources").json()["items"]
    assert any(s["name"] == "Bloomberg" for s in sources)
    source = client.get("/api/sources/Bloomberg").json()
    assert source["claims"] >= 4
    assert source["said"]
    assert {"confirmed", "contradicted", "statuses"} <= set(source)
    assert_error(client.get("/api/sources/Nobody Atall"), 404)


def test_stories_and_contradictions(client: Any) -> None:
    stories = client.get("/api/stories").json()["items"]
    syria = next(s for s in stories if s["articles"] >= 3)
    story = client.get(f"/api/stories/{syria['id']}").json()
    outlets = {row["outlet"] for row in story["matrix"]}
    assert {"The Week", "Daily Syndicate", "Weekly Digest"} <= outlets
    assert story["columns"]
    assert story["timeline"]
    dates = [a["published"] for a in story["timeline"]]
    assert dates == sorted(dates)
    assert all(len(row["cells"]) == len(story["columns"]) for row in story["matrix"])
    assert_error(client.get("/api/stories/s999"), 404, "not_found")
    contra = client.get("/api/contradictions").json()
    assert {"items", "limit", "offset", "next"} <= set(contra)


def test_ask_get_and_post(client: Any) -> None:
    got = client.get("/api/ask", params={"q": SEED_QUESTION}).json()
    assert got["verdict"] == "reported"
    assert len(got["parts"]) == 2
    assert any(e["outlet"] == "The Week" for e in got["evidence"])
    posted = client.post("/api/ask", json={"question": SEED_QUESTION}).json()
    assert posted["verdict"] == got["verdict"]
    review = client.get("/api/ask", params={"q": SEED_QUESTION, "format": "claimreview"})
    assert review.json()["@type"] == "ClaimReview"


def test_ask_claimreview_url_is_the_ask_page(client: Any) -> None:
    # regression: the API gave a URN although the server has a page showing the review
    review = client.get("/api/ask", params={"q": SEED_QUESTION, "format": "claimreview"}).json()
    assert review["url"].startswith("http")
    assert "/ask?q=" in review["url"]
    assert not review["url"].startswith("urn:")
    page = client.get(review["url"])
    assert page.status_code == 200


def test_ask_errors_are_in_the_error_shape(client: Any) -> None:
    err = assert_error(client.get("/api/ask", params={"q": "   "}), 400)
    assert err["code"].startswith("E")
    assert_error(client.get("/api/ask"), 422, "validation_error")
    assert_error(client.get("/api/ask", params={"q": "x" * 3000}), 422, "validation_error")
    assert_error(client.post("/api/ask", json={"nope": 1}), 422, "validation_error")


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/no-such-thing", 404, "not_found"),
        ("GET", "/no-such-page", 404, "not_found"),
        ("DELETE", "/api/articles", 405, "method_not_allowed"),
        ("PUT", "/api/ask", 405, "method_not_allowed"),
        ("GET", "/api/articles?limit=0", 422, "validation_error"),
        ("GET", "/api/articles?limit=100000", 422, "validation_error"),
        ("GET", "/api/claims?offset=-1", 422, "validation_error"),
        ("GET", "/static/nothing.js", 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(
    client: Any, method: str, path: str, status: int, code: str
) -> None:
    assert_error(client.request(method, path), status, code)


def test_bad_json_is_400(client: Any, writer: Any) -> None:
    headers = {"content-type": "application/json"}
    assert_error(client.post("/api/ask", content=b"{not json", headers=headers), 400, "bad_json")
    auth = {**headers, "authorization": f"Bearer {TOKEN}"}
    assert_error(writer.post("/api/articles", content=b'{"text": ', headers=auth), 400, "bad_json")


def test_oversize_body_is_413(writer: Any) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    big = {"text": "The minister said the plan was approved. " * 10_000}
    assert_error(writer.post("/api/articles", json=big, headers=auth), 413, "body_too_large")


def test_oversize_streamed_body_is_413(writer: Any) -> None:
    """No Content-Length (chunked): the limit counts the bytes as they arrive."""
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}

    def chunks() -> Any:
        yield b'{"text": "'
        for _ in range(300):
            yield b"The minister said the plan was approved. " * 20
        yield b'"}'

    resp = writer.post("/api/articles", content=chunks(), headers=auth)
    assert_error(resp, 413, "body_too_large")


def test_writes_are_refused_without_a_token_configured(client: Any) -> None:
    resp = client.post("/api/articles", json={"text": "Officials said the bridge was closed."})
    assert_error(resp, 403, "read_only")


def test_writes_need_the_right_token(writer: Any) -> None:
    body = {"text": "Officials said the bridge was closed."}
    resp = writer.post("/api/articles", json=body)
    assert_error(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/articles", json=body, headers={"authorization": "Bearer nope"})
    assert_error(wrong, 401, "bad_token")


def test_post_text_article_with_token(writer: Any) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    body = {
        "text": "Harbour bridge closed\n\nThe harbour bridge was closed on Monday, the mayor "
        "said. Engineers reportedly found cracks in two of its pillars.",
        "outlet": "Harbour Post",
        "published": "2024-12-09",
    }
    resp = writer.post("/api/articles", json=body, headers=auth)
    assert resp.status_code == 201, resp.text
    made = resp.json()
    assert made["created"] is True
    assert made["claims"] >= 2
    assert made["title"] == "Harbour bridge closed"
    stored = writer.get(made["links"]["self"]).json()
    assert stored["article"]["outlet"] == "Harbour Post"
    statuses = {c["status"] for c in stored["claims"]}
    assert {"reported", "hedged"} <= statuses
    again = writer.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert writer.get("/api").json()["counts"]["articles"] == 9


def test_post_html_article_with_token(writer: Any) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    html = (
        "<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
        "<p>The new river dam opened on Tuesday, officials said. The project reportedly "
        "cost twice its budget, according to the regional auditor.</p>"
        "<p>Farmers said the water would help them through the dry summer months.</p>"
        "</article></body></html>"
    )
    resp = writer.post("/api/articles", json={"html": html, "outlet": "River News"}, headers=auth)
    assert resp.status_code == 201, resp.text
    assert resp.json()["claims"] >= 2


def test_post_article_errors(writer: Any) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert_error(writer.post("/api/articles", json={}, headers=auth), 422, "validation_error")
    assert_error(
        writer.post("/api/articles", json={"text": "a", "html": "<p>a</p>"}, headers=auth), 422
    )
    assert_error(writer.post("/api/articles", json={"text": "  "}, headers=auth), 400, "E001")
    assert_error(writer.post("/api/articles", json={"text": "x", "extra": 1}, headers=auth), 422)
    # private and loopback addresses are never fetched
    private = writer.post("/api/articles", json={"url": "http://127.0.0.1:9/"}, headers=auth)
    assert_error(private, 400, "E006")
    assert_error(
        writer.post("/api/articles", json={"url": "file:///etc/passwd"}, headers=auth), 400
    )


def test_security_headers_everywhere(client: Any) -> None:
    for path in ("/", "/api", "/articles/seed", "/static/app.js", "/docs", "/api/nope"):
        resp = client.get(path)
        assert resp.headers["content-security-policy"] == CSP
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in CSP
    assert "unsafe-inline" not in CSP


def test_openapi_and_docs(client: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/ask", "/api/stories/{story_id}", "/api/claims"):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/claims" in docs.text
    assert "ArticleIn" in docs.text


def test_links_can_be_warmed_at_start_up(web_db: str) -> None:
    import threading

    from reportedly.web import create_app

    app = create_app(web_db, warm_links=True)
    for thread in threading.enumerate():
        if thread.name == "reportedly-links":
            thread.join(timeout=60)
    assert app.state.config.links._value is not None  # the view, made at start-up


def test_posting_a_stored_text_again_stores_nothing(writer: Any) -> None:
    from pathlib import Path

    seed = (Path(__file__).parent.parent / "data" / "seed_article.txt").read_text("utf-8")
    auth = {"authorization": f"Bearer {TOKEN}"}
    resp = writer.post("/api/articles", json={"text": seed}, headers=auth)
    assert resp.status_code == 200, resp.text
    assert resp.json()["created"] is False
    assert writer.get("/api").json()["counts"]["articles"] == 8


def test_the_app_opens_and_migrates_its_store_once(
    fresh_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One Store for the app's lifetime (migrations at start-up), closed at shutdown."""
    migrations: list[str] = []
    real = SQLiteBackend.migrate

    def counting(self: SQLiteBackend) -> None:
        migrations.append(self.location)
        real(self)

    monkeypatch.setattr(SQLiteBackend, "migrate", counting)
    app = create_app(fresh_db)
    with TestClient(app) as c:
        for path in ("/api", "/api/claims", "/api/entities", "/claims", "/api/sources", "/"):
            assert c.get(path).status_code == 200
    assert migrations == [fresh_db]
    with pytest.raises(StoreUnavailable):
        app.state.config.store.count()  # closed with the app


def test_post_past_its_deadline_is_a_coded_400_and_the_server_goes_on(fresh_db: str) -> None:
    app = create_app(fresh_db, token=TOKEN, pipeline=Pipeline(deadline=0.0))
    auth = {"authorization": f"Bearer {TOKEN}"}
    article = {"text": "The minister said on Monday that the bridge would reopen in May."}
    with TestClient(app, raise_server_exceptions=False) as writer:
        err = assert_error(writer.post("/api/articles", json=article, headers=auth), 400, "E007")
        assert "deadline" in err["message"]
        assert writer.get("/api/articles").status_code == 200


def test_other_requests_are_served_while_a_post_is_being_analysed(fresh_db: str) -> None:
    """A slow analysis runs in a worker thread: reads go on meanwhile, and the POST still
    ends with its coded deadline error."""
    started, release = threading.Event(), threading.Event()

    class Held(Pipeline):
        def run(self, article: Article) -> Document:
            started.set()
            release.wait(30)
            return super().run(article)

    app = create_app(fresh_db, token=TOKEN, pipeline=Held(deadline=0.0))
    auth = {"authorization": f"Bearer {TOKEN}"}
    article = {"text": "The minister said on Monday that the bridge would reopen in May."}
    answers: list[Any] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        poster = threading.Thread(
            target=lambda: answers.append(client.post("/api/articles", json=article, headers=auth))
        )
        poster.start()
        try:
            assert started.wait(30)
            for path in ("/api/articles", "/api/claims", "/"):
                assert client.get(path).status_code == 200
            assert poster.is_alive()  # the reads did not wait for the analysis
        finally:
            release.set()
            poster.join(30)
        assert_error(answers[0], 400, "E007")
