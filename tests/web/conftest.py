"""Fixtures for the web tests: one small store (the seed article, the corpus test texts and
an article full of markup meant to run), analysed once per session; an in-process client;
a real server in a background thread for the browser tests."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reportedly
from reportedly.corpus.store import Store
from reportedly.records import Article
from reportedly.web import create_app

with warnings.catch_warnings():
    # starlette's TestClient warns on import when it finds httpx rather than httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HERE = Path(__file__).parent
DATA = HERE.parent / "data"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM = os.environ.get("REPORTEDLY_CHROMIUM", "/usr/bin/chromium")
TOKEN = "test-token-7f3a"

SEED_QUESTION = (
    "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
    "before he vanished?"
)

XSS = '<script>alert("xss")</script>'
XSS_TITLE = f'{XSS} Officials " onmouseover="alert(2)" said <img src=x onerror=alert(3)>'
XSS_OUTLET = "<img src=x onerror=alert(4)> Evil Outlet"
XSS_TEXT = f"""{XSS_TITLE}

The mayor said the bridge <script>alert(5)</script> was closed on Monday after an \
inspection <img src=x onerror=alert(6)> found cracks. According to the city engineer \
<b onmouseover="alert(7)">Dana Holt</b>, repairs will reportedly take two months.

Residents said " onmouseover="alert(8)" the detour was confusing. <svg onload=alert(9)> \
Officials denied that the bridge had been unsafe for years. </textarea><script>alert(10)\
</script>
"""


def _load_corpus_texts() -> Any:
    """The texts of tests/corpus/conftest.py (loaded by path: the folders are not packages)."""
    path = HERE.parent / "corpus" / "conftest.py"
    spec = importlib.util.spec_from_file_location("reportedly_corpus_texts", path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles() -> list[Article]:
    meta = json.loads((DATA / "seed_meta.json").read_text(encoding="utf-8"))
    seed = (DATA / "seed_article.txt").read_text(encoding="utf-8")
    out = [
        Article(
            text=seed,
            id="seed",
            title=meta["title"],
            outlet="The Week",
            published="2024-12-08",
            url=meta["url"],
        )
    ]
    corpus = _load_corpus_texts()
    for aid, outlet, published, text in corpus.ARTICLES:
        if aid == "seed":
            continue  # the same text as the seed article: stored once
        out.append(
            Article(
                text=text,
                id=aid,
                title=text.splitlines()[0],
                outlet=outlet,
                published=published,
            )
        )
    out.append(
        Article(
            text=XSS_TEXT,
            id="xss",
            title=XSS_TITLE,
            outlet=XSS_OUTLET,
            published="2024-12-10",
            url="javascript:alert(11)",
        )
    )
    return out


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.db"
    store = Store(path)
    try:
        for article in _articles():
            store.add(reportedly.analyze(article))
    finally:
        store.close()
    return str(path)


@pytest.fixture
def fresh_db(tmp_path: Path, web_db: str) -> str:
    """A copy of the session store that a test may write to."""
    path = tmp_path / "copy.db"
    shutil.copyfile(web_db, path)
    return str(path)


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    """Read-only (no token), like a default ``reportedly serve``."""
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writer(fresh_db: str) -> Iterator[TestClient]:
    """With a token, on a copy of the store."""
    app = create_app(fresh_db, token=TOKEN, max_body=200_000)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# --------------------------------------------------------------------------- browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(web_db), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="reportedly-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=15)


def chromium_or_skip() -> str:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.environ.get("REPORTEDLY_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{CHROMIUM} is missing and REPORTEDLY_REQUIRE_SERVICES=1")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_or_skip()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("REPORTEDLY_REQUIRE_SERVICES") == "1":
            raise
        pytest.skip("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; a screenshot of what it shows is saved when the test ends."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.js_errors = errors
    try:
        yield pg
    finally:
        SCREENSHOTS.mkdir(exist_ok=True)
        try:
            pg.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        finally:
            context.close()
