"""Polite, guarded fetching of web pages (http.client; robots.txt read by Protego).

:class:`Fetcher` gets one URL as an Article:

- only ``http`` and ``https`` URLs, at most ``MAX_REDIRECTS`` redirects;
- the host is resolved and every address it resolves to is checked: private,
  loopback, link-local, multicast, reserved and unspecified addresses (and any
  address that is not globally routable) are refused unless ``allow_private``;
  the connection goes to a checked address (no second lookup to rebind), and
  every redirect is checked again;
- robots.txt is honoured as RFC 9309 says (Protego reads it: wildcards, ``$``, the
  longest match wins), fetched once per origin: a 4xx answer (no robots.txt) allows
  everything, a 5xx answer disallows everything for ``ROBOTS_RETRY_SECONDS``, after
  which it is asked again; a robots.txt that cannot be reached at all allows everything
  (the page itself then fails with its own error);
- requests to one host are at least ``per_host_delay`` seconds apart (counted from
  the end of the previous one), or the robots.txt ``Crawl-delay`` when longer (up to
  ``MAX_CRAWL_DELAY``);
- the body is capped at ``max_bytes`` while it streams in (InputTooLarge);
- only HTML and plain-text responses are read, through the existing readers.

:func:`read_url_list` fetches the URLs of a text file, one per line.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from protego import Protego

from ..errors import InputTooLarge, MalformedInput, ReportedlyError
from ..records import Article
from .base import ReadFailure, ReadOptions, Result, head_of, overridden
from .load import load_one

USER_AGENT = "reportedly/0.1 (+https://github.com/reportedly)"
MAX_REDIRECTS = 5
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: robots.txt files larger than this are cut (Google reads 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024
#: After a 5xx answer for robots.txt the origin is disallowed this long, then asked again.
ROBOTS_RETRY_SECONDS = 600.0
#: A robots.txt Crawl-delay longer than this is cut to it (one host cannot stall a batch).
MAX_CRAWL_DELAY = 30.0
_REDIRECTS = (301, 302, 303, 307, 308)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_CHUNK = 65_536


@dataclass
class _Response:
    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class _Robots:
    """What an origin's robots.txt says: its rules (None: everything allowed), or that the
    server failed to answer (``status``) and everything is disallowed until ``until``."""

    rules: Protego | None
    status: int = 200
    until: float = float("inf")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address resolved (and checked) beforehand."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is checked for ``host``."""

    def __init__(
        self, host: str, port: int, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._ssl_context = context

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._ssl_context.wrap_socket(sock, server_hostname=self.host)


def _refused_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


class Fetcher:
    """Fetches web pages politely and refuses addresses inside private networks."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = 10.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        per_host_delay: float = 1.0,
        user_agent: str = USER_AGENT,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.per_host_delay = per_host_delay
        self.user_agent = user_agent
        self.max_redirects = max_redirects
        self._robots: dict[str, _Robots] = {}
        self._last: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}  # host -> its robots.txt Crawl-delay
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._ssl = ssl.create_default_context()

    # -- public -------------------------------------------------------------

    def fetch(self, url: str) -> Article | ReadFailure:
        """The article at ``url``, or a ReadFailure with the coded error."""
        url = url.strip()
        try:
            response = self._get(url, check_robots=True, limit=self.max_bytes)
            return self._article(response, item=url)
        except ReportedlyError as exc:
            return ReadFailure(url, exc)

    # -- checks -------------------------------------------------------------

    def _addresses(self, url: str) -> tuple[str, int, list[str]]:
        """(host, port, addresses to connect to) of an http(s) URL, checked."""
        if len(url) > MAX_URL_CHARS:
            raise MalformedInput(
                f"{url[:80]}...: refused: the URL is {len(url):,} characters long "
                f"(at most {MAX_URL_CHARS:,})"
            )
        try:
            parts = urlsplit(url)
        except ValueError as exc:  # "Invalid IPv6 URL", a bad netloc
            raise MalformedInput(f"{url}: not a valid URL ({exc})") from exc
        if parts.scheme.lower() not in ("http", "https"):
            raise MalformedInput(
                f"{url}: refused: only http and https URLs can be fetched "
                f"(not {parts.scheme or 'a URL without a scheme'!r})"
            )
        host = parts.hostname
        if not host:
            raise MalformedInput(f"{url}: the URL has no host name")
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as exc:
            raise MalformedInput(f"{url}: the URL has a bad port ({exc})") from exc
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise MalformedInput(f"{url}: cannot resolve the host {host!r} ({exc})") from exc
        addresses: list[str] = []
        for info in infos:
            address = str(info[4][0])
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise MalformedInput(f"{url}: the host {host!r} resolves to no address")
        if not self.allow_private:
            for address in addresses:
                ip = ipaddress.ip_address(address.split("%", 1)[0])
                if _refused_address(ip):
                    raise MalformedInput(
                        f"{url}: refused: {host} resolves to a private address; "
                        f"pass --allow-private to allow it (address: {ip})"
                    )
        return host, port, addresses

    def _robots_refusal(self, url: str, host: str) -> str | None:
        """Why robots.txt refuses ``url`` (None when it allows it)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            robots = self._robots.get(origin)
        if robots is None or time.monotonic() >= robots.until:
            robots = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = robots
                delay = robots.rules.crawl_delay(self.user_agent) if robots.rules else None
                if delay:
                    self._crawl_delay[host.lower()] = min(float(delay), MAX_CRAWL_DELAY)
        agent = self.user_agent.split("/", 1)[0]
        if robots.status >= 500:
            return (
                f"{url}: refused: robots.txt of {host} answered HTTP {robots.status}, "
                f"so nothing there may be fetched for now (asked again after "
                f"{ROBOTS_RETRY_SECONDS:.0f} s)"
            )
        if robots.rules is not None and not robots.rules.can_fetch(url, self.user_agent):
            return f"{url}: refused: robots.txt of {host} does not allow {agent} to fetch it"
        return None

    def _load_robots(self, origin: str) -> _Robots:
        """The robots.txt rules of an origin (RFC 9309 section 2.3.1)."""
        try:
            response = self._get(origin + "/robots.txt", check_robots=False, limit=None)
        except ReportedlyError:  # unreachable: the page's own request will say why
            return _Robots(None)
        if response.status >= 500:  # the server is in trouble: disallow all, for a while
            return _Robots(None, response.status, time.monotonic() + ROBOTS_RETRY_SECONDS)
        if response.status != 200:  # 4xx: there is no robots.txt, everything is allowed
            return _Robots(None, response.status)
        return _Robots(Protego.parse(response.body.decode("utf-8", "replace")))

    # -- transport ----------------------------------------------------------

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _get(self, url: str, *, check_robots: bool, limit: int | None) -> _Response:
        """GET ``url``, following redirects; every hop is checked again."""
        current = url
        for _ in range(self.max_redirects + 1):
            host, port, addresses = self._addresses(current)
            if check_robots and (refusal := self._robots_refusal(current, host)):
                raise MalformedInput(refusal)
            with self._host_lock(host.lower()):
                self._wait(host.lower())
                try:
                    status, location, content_type, body = self._request(
                        current, host, port, addresses, limit
                    )
                finally:
                    self._last[host.lower()] = time.monotonic()
            if status in _REDIRECTS and location:
                try:
                    current = urljoin(current, location)
                except ValueError as exc:
                    raise MalformedInput(f"{current}: a bad redirect ({exc})") from exc
                continue
            return _Response(current, status, content_type, body)
        raise MalformedInput(f"{url}: more than {self.max_redirects} redirects; not followed")

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = max(self.per_host_delay, self._crawl_delay.get(host, 0.0))
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _connection(
        self, scheme: str, host: str, port: int, address: str
    ) -> http.client.HTTPConnection:
        if scheme == "https":
            return _PinnedHTTPSConnection(host, port, address, self.timeout, self._ssl)
        return _PinnedHTTPConnection(host, port, address, self.timeout)

    def _request(
        self, url: str, host: str, port: int, addresses: list[str], limit: int | None
    ) -> tuple[int, str | None, str, bytes]:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        target = quote(target, safe="!#$%&'()*+,/:;=?@[]~")  # non-ASCII and spaces
        error: Exception | None = None
        for address in addresses:
            connection = self._connection(parts.scheme.lower(), host, port, address)
            try:
                connection.request(
                    "GET",
                    target,
                    headers={
                        "User-Agent": self.user_agent,
                        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                        "Accept-Encoding": "identity",
                    },
                )
                response = connection.getresponse()
                status = response.status
                location = response.getheader("Location")
                content_type = response.getheader("Content-Type") or ""
                if status in _REDIRECTS:
                    return status, location, content_type, b""
                body = self._read_body(response, url, limit)
                return status, location, content_type, body
            except (OSError, http.client.HTTPException, ValueError) as exc:
                error = exc
                continue
            finally:
                connection.close()
        raise MalformedInput(f"{url}: cannot fetch the page ({error})")

    def _read_body(self, response: http.client.HTTPResponse, url: str, limit: int | None) -> bytes:
        cap = MAX_ROBOTS_BYTES if limit is None else limit
        declared = response.getheader("Content-Length")
        if limit is not None and declared and declared.isdigit() and int(declared) > cap:
            raise InputTooLarge(
                f"{url}: the page is {int(declared):,} bytes, over the limit of {cap:,} bytes"
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                if limit is None:  # robots.txt: keep what fits
                    chunks.append(chunk[: len(chunk) - (size - cap)])
                    break
                raise InputTooLarge(
                    f"{url}: the page is over the limit of {cap:,} bytes; not read further"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    # -- reading ------------------------------------------------------------

    def _article(self, response: _Response, *, item: str) -> Article:
        if not 200 <= response.status < 300:
            raise MalformedInput(f"{item}: the server answered HTTP {response.status}")
        mime, _, params = response.content_type.partition(";")
        mime = mime.strip().lower()
        if mime in _HTML_TYPES:
            fmt = "html"
        elif mime in _TEXT_TYPES:
            fmt = "text"
        else:
            raise MalformedInput(
                f"{item}: the page is {mime or 'of no declared type'}, not HTML or text; "
                "reportedly reads web pages"
            )
        data: str | bytes = response.body
        charset = _charset(params)
        if charset:
            try:
                data = response.body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                data = response.body  # let decode() guess
        article = load_one(data, fmt=fmt, item=item, overrides={"url": response.url})
        article.meta["via"] = "fetch"
        return article


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def is_url(line: str) -> bool:
    """True for one http(s) URL with a host and no spaces."""
    line = line.strip()
    if not line or any(ch.isspace() for ch in line):
        return False
    try:
        parts = urlsplit(line)
    except ValueError:  # "http://[::1" and the like: not a URL (fetching it says why)
        return line.lower().startswith(("http://", "https://"))
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def url_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the lines that are neither blank nor ``#`` comments."""
    found: list[tuple[int, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            found.append((lineno, stripped))
    return found


def read_url_list(path: str | Path, fetcher: Fetcher) -> Iterator[Article | ReadFailure]:
    """Fetch every URL of a text file (one per line; blank lines and ``#`` comments
    are skipped), yielding an Article or a ReadFailure for each."""
    item = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield ReadFailure(item, MalformedInput(f"{item}: cannot open the file ({exc.strerror})"))
        return
    for _lineno, url in url_lines(text):
        yield fetcher.fetch(url)


#: Longer URLs are refused before anything is resolved (browsers and servers stop near here).
MAX_URL_CHARS = 8_192

#: A .txt file of at most this many bytes may be a URL list.
URL_LIST_BYTES = 1 << 20


def is_url_list(data: bytes) -> bool:
    """True when every line of ``data`` (bar blanks and ``#`` comments) is an http(s) URL."""
    if len(data) > URL_LIST_BYTES:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = url_lines(text)
    return bool(lines) and all(is_url(line) for _, line in lines)


@dataclass(frozen=True)
class UrlListReader:
    """The ``urls`` reader: ``.urls`` files, and ``.txt`` files of URLs only; each URL
    is fetched with the options' fetcher (default: a ``Fetcher()``)."""

    suffixes: tuple[str, ...] = (".urls",)

    def sniff(self, path: Path) -> bool:
        return path.name.lower().endswith(".txt") and is_url_list(head_of(path, URL_LIST_BYTES + 1))

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        return overridden(read_url_list(path, options.fetcher or Fetcher()), options.overrides)

    def count(self, path: Path) -> int | None:
        return len(url_lines(head_of(path, URL_LIST_BYTES).decode("utf-8-sig", "replace")))


#: The registered instance (entry point ``reportedly.readers: urls``).
URL_LIST = UrlListReader()
