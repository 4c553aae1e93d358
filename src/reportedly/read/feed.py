"""Feed reader: the entries of an RSS or Atom feed file, through feedparser.

Each entry with content or a summary becomes an Article: its text is read with the
HTML reader (or the text reader for plain-text content) and starts with the
entry's title; the entry's link is the url, its published (else updated) date the
date, its author the author and the feed's title the outlet. An entry with no text
is a :class:`ReadFailure` (EmptyInput); items are named ``file.rss[3]`` for the
fourth entry.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import feedparser  # type: ignore[import-untyped]

from ..errors import EmptyInput, InputTooLarge, MalformedInput, ReportedlyError
from ..records import Article
from .base import ReadFailure, ReadOptions, Result, head_of, overridden
from .html import _starts_with
from .load import load_one

#: A feed file larger than this is not read (it holds many articles, so more than one's limit).
MAX_FEED_BYTES = 64 * 1024 * 1024
_FEED_START = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(head: bytes) -> bool:
    """True when the first element of ``head`` (after an XML prolog, comments and a
    doctype) is an RSS, Atom or RSS 1.0 (RDF) root."""
    text = head[:4096].lower()
    for start in _FEED_START:
        at = text.find(start)
        if at != -1 and (len(text) == at + len(start) or text[at + len(start)] in b" \t\r\n>/"):
            before = text[:at]
            # only a prolog, comments or a doctype may come before the root element
            stripped = before.replace(b"\xef\xbb\xbf", b"")
            while b"<" in stripped:
                open_at = stripped.find(b"<")
                if stripped[open_at + 1 : open_at + 2] not in (b"?", b"!"):
                    return False
                close = stripped.find(b">", open_at)
                if close == -1:
                    return False
                stripped = stripped[close + 1 :]
            return not stripped.strip()
    return False


def read_feed(
    path_or_data: str | Path | bytes | IO[bytes],
    *,
    item_prefix: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield an Article (or a ReadFailure) for every entry of an RSS or Atom feed.

    ``published`` and ``outlet``, when given, override the metadata of every article.
    """
    if isinstance(path_or_data, bytes):
        prefix = item_prefix or "<feed>"
        data = path_or_data
    elif isinstance(path_or_data, str | Path):
        prefix = item_prefix or str(path_or_data)
        try:
            with Path(path_or_data).open("rb") as fh:
                data = fh.read(MAX_FEED_BYTES + 1)
        except OSError as exc:
            yield ReadFailure(
                prefix, MalformedInput(f"{prefix}: cannot open the file ({exc.strerror or exc})")
            )
            return
    else:
        prefix = item_prefix or str(getattr(path_or_data, "name", "<feed>"))
        data = path_or_data.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield ReadFailure(
            prefix,
            InputTooLarge(
                f"{prefix}: the feed is over {MAX_FEED_BYTES:,} bytes; split it into smaller files"
            ),
        )
        return
    parsed = feedparser.parse(data)
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield ReadFailure(
                prefix,
                MalformedInput(f"{prefix}: this is not a readable RSS or Atom feed ({reason})"),
            )
        else:
            yield ReadFailure(prefix, EmptyInput(f"{prefix}: the feed has no entries"))
        return
    feed_title = _str(parsed.get("feed", {}).get("title"))
    for i, entry in enumerate(entries):
        item = f"{prefix}[{i}]"
        try:
            yield _entry(entry, item=item, outlet=outlet or feed_title, published=published)
        except ReportedlyError as exc:
            yield ReadFailure(item, exc)


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    for key in ("published", "updated"):
        raw = _str(entry.get(key))
        if raw:
            return raw
    return None


def _body(entry: Any) -> tuple[str, str] | None:
    """(the entry's text or markup, "html" or "text"), the longest content first."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            candidates.append((value, content.get("type") or "text/html"))
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {}
        candidates.append((summary, detail.get("type") or "text/html"))
    if not candidates:
        return None
    value, mime = max(candidates, key=lambda c: len(c[0]))
    return value, "text" if mime == "text/plain" else "html"


def _entry(entry: Any, *, item: str, outlet: str | None, published: str | None) -> Article:
    title = _str(entry.get("title"))
    body = _body(entry)
    if body is None:
        raise EmptyInput(f"{item}: the feed entry {title or ''!r} has no content or summary")
    value, fmt = body
    overrides = {
        "title": title,
        "url": _str(entry.get("link")),
        "author": _str(entry.get("author")),
        "published": published or _date(entry),
        "outlet": outlet,
    }
    article = load_one(value, fmt=fmt, item=item, overrides=overrides)
    article.meta["via"] = "feed"
    if title and not _starts_with(article.text, title):
        # headline claims are found in the title too, as for web pages
        article = dataclasses.replace(
            article, text=f"{title}\n\n{article.text}", id="", content_hash=""
        )
    return article


@dataclass(frozen=True)
class FeedReader:
    """The ``feed`` reader: ``.rss`` and ``.atom`` files, and ``.xml`` files that
    start like a feed."""

    suffixes: tuple[str, ...] = (".rss", ".atom")

    def sniff(self, path: Path) -> bool:
        return path.name.lower().endswith(".xml") and looks_like_feed(head_of(path, 4096))

    def read(self, path: Path, options: ReadOptions) -> Iterator[Result]:
        return overridden(read_feed(path, item_prefix=str(path)), options.overrides)

    def count(self, path: Path) -> int | None:
        return None  # not known without parsing the feed


#: The registered instance (entry point ``reportedly.readers: feed``).
FEED = FeedReader()
