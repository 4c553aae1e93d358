"""Fetcher: a local server on 127.0.0.1 stands in for the web."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reportedly.errors import InputTooLarge, MalformedInput
from reportedly.read import ReadFailure, read_path
from reportedly.read.fetch import Fetcher, read_url_list
from reportedly.records import Article

STORIES = [
    "Officials in Port Ellis said on Tuesday that the harbour bridge would stay closed for at "
    "least a week while engineers inspect cracks in two of its piers.",
    "The regional transport authority said that ferries would run every fifteen minutes until "
    "the bridge reopens, and that extra buses would use the inland road.",
]
PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour bridge stays shut</title></head><body><article>"
    + "".join(f"<p>{s}</p>" for s in STORIES)
    + "</article></body></html>"
).encode()
ROBOTS = b"User-agent: *\nDisallow: /private\n"
HUGE_CHUNK = b"<p>" + b"word " * 2000 + b"</p>\n"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append((self.path, time.monotonic()))
        if self.path == "/robots.txt":
            if self.server.robots_status == 200:
                self._send(200, self.server.robots_body, "text/plain")
            else:
                self._send(self.server.robots_status, b"oops", "text/plain")
        elif self.path in ("/article", "/private/article"):
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/huge":  # no Content-Length: the cap works while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(HUGE_CHUNK)
        elif self.path == "/huge-declared":
            self._send(200, HUGE_CHUNK * 50)
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        elif self.path == "/redirect":
            self._redirect("/article")
        elif self.path == "/redirect-private":
            self._redirect("/private/article")
        elif self.path == "/redirect-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/loop":
            self._redirect("/loop")
        else:
            self._send(404, b"<p>not found</p>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: list[tuple[str, float]] = []
        self.robots_status = 200
        self.robots_body = ROBOTS

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join()


def _base(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _fetcher(max_bytes: int = 1_000_000) -> Fetcher:
    return Fetcher(allow_private=True, timeout=5.0, per_host_delay=0.0, max_bytes=max_bytes)


def test_article_is_fetched(server: _Server) -> None:
    result = _fetcher().fetch(_base(server) + "/article")
    assert isinstance(result, Article), result
    assert result.url == _base(server) + "/article"
    assert result.title == "Harbour bridge stays shut"
    assert STORIES[0] in result.text
    assert server.paths() == ["/robots.txt", "/article"]


def test_robots_disallowed_path_is_refused(server: _Server) -> None:
    fetcher = _fetcher()
    result = fetcher.fetch(_base(server) + "/private/article")
    assert isinstance(result, ReadFailure)
    assert isinstance(result.error, MalformedInput)
    assert "robots.txt" in result.error.message
    # robots.txt is fetched once per host; the disallowed page never
    assert isinstance(fetcher.fetch(_base(server) + "/article"), Article)
    assert server.paths() == ["/robots.txt", "/article"]


def test_robots_404_allows_all(server: _Server) -> None:
    server.robots_status = 404
    result = _fetcher().fetch(_base(server) + "/private/article")
    assert isinstance(result, Article)
    assert server.paths() == ["/robots.txt", "/private/article"]


def test_robots_5xx_disallows_all_for_a_while(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RFC 9309 2.3.1.4: a server error on robots.txt means complete disallow."""
    server.robots_status = 503
    fetcher = _fetcher()
    result = fetcher.fetch(_base(server) + "/article")
    assert isinstance(result, ReadFailure)
    assert "robots.txt" in result.error.message
    assert "HTTP 503" in result.error.message
    assert isinstance(fetcher.fetch(_base(server) + "/article"), ReadFailure)  # remembered
    assert server.paths() == ["/robots.txt"]
    # once the wait is over robots.txt is asked again; now it answers
    server.robots_status = 200
    with fetcher._lock:
        for robots in fetcher._robots.values():
            robots.until = time.monotonic() - 1
    assert isinstance(fetcher.fetch(_base(server) + "/article"), Article)
    assert server.paths() == ["/robots.txt", "/robots.txt", "/article"]


def test_robots_wildcards_and_end_anchors(server: _Server) -> None:
    server.robots_body = b"User-agent: *\nDisallow: /*cle$\nAllow: /private/\n"
    fetcher = _fetcher()
    assert isinstance(fetcher.fetch(_base(server) + "/article"), ReadFailure)
    # the longer Allow (9 characters) wins over the shorter wildcard Disallow (6), RFC 9309
    assert isinstance(fetcher.fetch(_base(server) + "/private/article"), Article)


def test_robots_crawl_delay_is_honoured(server: _Server) -> None:
    delay = 0.3
    server.robots_body = f"User-agent: *\nCrawl-delay: {delay}\n".encode()
    fetcher = _fetcher()  # its own per-host delay is 0
    for _ in range(2):
        assert isinstance(fetcher.fetch(_base(server) + "/article"), Article)
    with server.lock:
        times = [t for p, t in server.requests if p == "/article"]
    assert times[1] - times[0] >= delay


def test_redirects(server: _Server) -> None:
    fetcher = _fetcher()
    result = fetcher.fetch(_base(server) + "/redirect")
    assert isinstance(result, Article)
    assert result.url == _base(server) + "/article"
    for path, words in [
        ("/redirect-file", "only http and https"),
        ("/redirect-private", "robots.txt"),
        ("/loop", "redirects"),
    ]:
        failure = fetcher.fetch(_base(server) + path)
        assert isinstance(failure, ReadFailure), path
        assert isinstance(failure.error, MalformedInput)
        assert words in failure.error.message
    assert server.paths().count("/loop") == 6  # the first request and five redirects


def test_huge_and_non_html_responses(server: _Server) -> None:
    fetcher = _fetcher(max_bytes=100_000)
    for path in ("/huge", "/huge-declared"):
        result = fetcher.fetch(_base(server) + path)
        assert isinstance(result, ReadFailure), path
        assert isinstance(result.error, InputTooLarge)
    result = fetcher.fetch(_base(server) + "/image")
    assert isinstance(result, ReadFailure)
    assert isinstance(result.error, MalformedInput)
    assert "image/png" in result.error.message
    result = fetcher.fetch(_base(server) + "/missing")
    assert isinstance(result, ReadFailure)
    assert "404" in result.error.message
    result = fetcher.fetch(_base(server) + "/café news")
    assert isinstance(result, ReadFailure)
    assert "404" in result.error.message
    assert "/caf%C3%A9%20news" in server.paths()
    result = fetcher.fetch("ftp://127.0.0.1/file")
    assert isinstance(result, ReadFailure)
    assert "only http and https" in result.error.message


def test_private_addresses_are_refused(server: _Server) -> None:
    fetcher = Fetcher()
    for host in ("127.0.0.1", "localhost", "[::1]"):
        result = fetcher.fetch(f"http://{host}:{server.server_address[1]}/article")
        assert isinstance(result, ReadFailure), host
        assert isinstance(result.error, MalformedInput)
        message = result.error.message
        assert "refused: " in message
        assert "resolves to a private address" in message
        assert "private address; pass --allow-private to allow it" in message
    assert "refused: 127.0.0.1 resolves to a private address" in str(
        fetcher.fetch(_base(server) + "/article")
    )
    assert server.paths() == []  # not even robots.txt was asked for


def test_per_host_delay(server: _Server) -> None:
    delay = 0.2
    fetcher = Fetcher(allow_private=True, timeout=5.0, per_host_delay=delay)
    for _ in range(3):
        assert isinstance(fetcher.fetch(_base(server) + "/article"), Article)
    with server.lock:
        times = [t for _, t in server.requests]
    assert len(times) == 4  # robots.txt and three pages
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= delay for gap in gaps), gaps


def test_url_lists(server: _Server, tmp_path: Path) -> None:
    base = _base(server)
    listing = f"# harbour news\n\n{base}/article\n  {base}/image  \n# end\n"
    urls = tmp_path / "list.urls"
    urls.write_text(listing)
    items = list(read_url_list(urls, _fetcher()))
    assert [type(i) for i in items] == [Article, ReadFailure]
    txt = tmp_path / "list.txt"
    txt.write_text(listing)
    items = list(read_path(txt, fetcher=_fetcher(), outlet="Local"))
    assert isinstance(items[0], Article)
    assert items[0].outlet == "Local"
    assert isinstance(items[1], ReadFailure)
    # without a fetcher, the default one refuses the local server
    items = list(read_path(urls))
    assert all(isinstance(i, ReadFailure) for i in items)
    assert len(items) == 2
    # a .txt that is not only URLs is an article
    (tmp_path / "list.txt").write_text(f"{STORIES[0]}\n{base}/article\n{STORIES[1]}\n")
    items = list(read_path(tmp_path / "list.txt"))
    assert len(items) == 1
    assert isinstance(items[0], Article)
