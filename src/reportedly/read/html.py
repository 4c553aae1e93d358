"""HTML reader: the main text of a web page and its metadata, through trafilatura.

Article.text is the page title, a blank line, then trafilatura's main text (one
line per paragraph), unless that text already starts with the title: headline
claims are found in the title too. Captions or page chrome left in the main text
stay there; the ``clean`` stage sets them apart.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from .. import settings
from ..errors import EmptyInput, InputTooLarge
from ..records import Article
from .stream import OneArticlePerItem

log = logging.getLogger(__name__)

#: Extracted text with fewer words than this (a lone "Home" link) is no article.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ROOT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_FRAGMENT = re.compile(r"\s*<([a-z][a-z0-9]*)\b[^>]*>.*</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|li|ul|ol|article|section|table|tr|td|img|figure|"
    r"blockquote|header|footer|nav|main|script|style|meta|link)\b[^>]*>",
    re.IGNORECASE,
)
#: Markup density that makes a text HTML: at least this many tags, one per this many chars.
MIN_TAGS = 3
CHARS_PER_TAG = 400
_HAS_HTML_TAG = re.compile(r"<html[\s>]", re.IGNORECASE)
_HAS_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: a doctype/html/body start, a tag-wrapped
    fragment ("<p>...</p>"), or a density of block tags like <p> and <div>."""
    head = text[:65_536]
    if _HTML_START.match(head) or _HTML_ROOT.search(head):
        return True
    if _FRAGMENT.match(head[:8192]):
        return True
    tags = len(_BLOCK_TAG.findall(head))
    return tags >= MIN_TAGS and tags * CHARS_PER_TAG >= len(head.strip())


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _starts_with(body: str, title: str) -> bool:
    first = body.lstrip().split("\n", 1)[0]
    return _same_text(first, title) or " ".join(body.split()).casefold().startswith(
        " ".join(title.split()).casefold()
    )


def _as_document(markup: str) -> str:
    """trafilatura ignores bare fragments ("<p>..</p>"): give them an html/body."""
    head = markup[:5000]
    if _HAS_HTML_TAG.search(head):
        return markup
    if _HAS_BODY_TAG.search(head):
        return f"<html>{markup}</html>"
    return f"<html><body>{markup}</body></html>"


def _extract(markup: str, url: str | None) -> Any:
    import trafilatura

    doc: Any = None
    # Precision first (less chrome); a page it finds nothing in gets the default.
    for precision in (True, False):
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=False,
            favor_precision=precision,
            with_metadata=True,
            deduplicate=False,
        )
        if doc is not None and (getattr(doc, "text", None) or "").strip():
            return doc
    return doc


def _find_date(markup: str, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(markup, url=url, original_date=False, extensive_search=True)
    except Exception as exc:  # noqa: BLE001 - a date is optional; log and go on
        log.debug("htmldate failed: %s", exc)
        return None
    return found if isinstance(found, str) else None


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def read_html(markup: str, *, item: str = "input", url: str | None = None) -> Article:
    """Read a web page (decoded HTML) into an Article.

    Raises EmptyInput when no main text can be extracted (also for broken pages), and
    InputTooLarge for a page of more than MAX_HTML_TAGS tags.
    """
    if not markup.strip():
        raise EmptyInput(f"{item}: the HTML page is empty (no text to analyse)")
    tags = markup.count("<")
    if tags > settings.MAX_HTML_TAGS:
        raise InputTooLarge(
            f"{item}: the HTML page has {tags:,} tags; pages of at most "
            f"{settings.MAX_HTML_TAGS:,} are read (settings.MAX_HTML_TAGS): save the "
            "article's own part of the page, or its text"
        )
    document = _as_document(markup)
    try:
        doc = _extract(document, url)
    except Exception as exc:  # broken markup must not crash a batch
        raise EmptyInput(
            f"{item}: no article text could be extracted from the HTML "
            f"({type(exc).__name__}: {exc}); check that the page holds the article"
        ) from exc
    body = (_str(getattr(doc, "text", None)) or "") if doc is not None else ""
    if len(_WORD.findall(body)) < MIN_WORDS:
        raise EmptyInput(
            f"{item}: no article text could be extracted from the HTML; check that the "
            "page holds the article (pages built by JavaScript need rendering first)"
        )
    title = _str(getattr(doc, "title", None))
    text = body if title is None or _starts_with(body, title) else f"{title}\n\n{body}"
    published = _str(getattr(doc, "date", None)) or _find_date(document, url)
    meta: dict[str, Any] = {"format": "html"}
    description = _str(getattr(doc, "description", None))
    if description:
        meta["description"] = description
    return Article(
        text=text,
        title=title,
        outlet=_str(getattr(doc, "sitename", None)),
        url=_str(getattr(doc, "url", None)) or url,
        author=_str(getattr(doc, "author", None)),
        published=published,
        meta=meta,
    )


@dataclass(frozen=True)
class HtmlReader(OneArticlePerItem):
    """The ``html`` reader: a web page is one article."""

    format_name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")
    rank: int = 10

    def looks_like(self, text: str) -> bool:
        return looks_like_html(text)

    def parse(self, text: str, *, item: str, url: str | None) -> Article:
        return read_html(text, item=item, url=url)


#: The registered instance (entry point ``reportedly.readers: html``).
HTML = HtmlReader()
