"""load_article: one input (text, HTML or JSON; str or bytes) to a validated Article."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import MalformedInput
from ..records import Article
from .html import read_html
from .jsondoc import parse_json, read_object
from .text import read_text
from .validate import check_control_chars, check_english, check_size, decode

FORMATS: tuple[str, ...] = ("text", "html", "json")

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


def sniff_format(text: str) -> str:
    """ "json" when the text starts with "{" (or a list of objects), "html" when it
    looks like markup, else "text"."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{") or (head.startswith("[") and head[1:].lstrip().startswith("{")):
        return "json"
    if looks_like_html(text):
        return "html"
    return "text"


def apply_overrides(article: Article, overrides: Mapping[str, str | None]) -> Article:
    for name, value in overrides.items():
        if value is not None:
            setattr(article, name, value)
    return article


def finish(article: Article, *, item: str, overrides: Mapping[str, str | None]) -> Article:
    """Apply explicit metadata, then check the language (every reader ends here)."""
    apply_overrides(article, overrides)
    check_english(article.text, item=item)
    article.language = "en"
    return article


def load_one(
    data: str | bytes,
    *,
    fmt: str | None,
    item: str,
    overrides: Mapping[str, str | None],
) -> Article:
    """Validate, decode and read one article; raises coded errors naming ``item``."""
    if fmt is not None and fmt not in FORMATS:
        raise MalformedInput(
            f"{item}: unknown format {fmt!r}; use one of {', '.join(FORMATS)} "
            "(or leave it out to guess from the content)"
        )
    check_size(data, item=item)
    if isinstance(data, bytes):
        text = decode(data, item=item)
    else:
        text = data
        check_control_chars(text, item=item)
    fmt = fmt or sniff_format(text)
    if fmt == "html":
        article = read_html(text, item=item, url=overrides.get("url"))
    elif fmt == "json":
        article = read_object(parse_json(text, item=item), item=item)
    else:
        article = read_text(text, item=item)
    return finish(article, item=item, overrides=overrides)


def load_article(
    data: str | bytes,
    *,
    fmt: str | None = None,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
) -> Article:
    """Read one article from plain text, HTML or a JSON object (str or bytes).

    ``fmt`` is "text", "html" or "json"; None guesses it from the content. The
    keyword arguments, when given, override the metadata the reader found.
    Raises the coded InputErrors of :mod:`reportedly.errors` (EmptyInput,
    BinaryInput, UndecodableInput, InputTooLarge, NotEnglish, MalformedInput).
    """
    overrides = {
        "published": published,
        "title": title,
        "outlet": outlet,
        "url": url,
        "author": author,
    }
    return load_one(data, fmt=fmt, item="input", overrides=overrides)
