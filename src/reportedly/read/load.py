"""load_article: one input (text, HTML or JSON; str or bytes) to a validated Article.

The format is one of the registered :class:`~.base.ArticleFormat` readers, named by
``fmt`` or guessed from the content (:func:`sniff_format`).
"""

from __future__ import annotations

from ..errors import MalformedInput
from ..records import Article
from .base import READERS, ArticleFormat, Overrides, apply_overrides, article_formats
from .validate import check_control_chars, check_english, check_size, decode


def sniff_format(text: str) -> str:
    """The name of the first article format (in rank order) that ``text`` looks like:
    "json" when it starts with "{" (or a list of objects), "html" when it looks like
    markup, else "text"."""
    for name, fmt in article_formats():
        if fmt.looks_like(text):
            return name
    return "text"


def article_format(name: str, *, item: str) -> ArticleFormat:
    """The registered article format ``name``; MalformedInput naming ``item`` if none."""
    reader = READERS.get(name) if name in READERS else None
    if not isinstance(reader, ArticleFormat):
        known = ", ".join(n for n, _ in article_formats())
        raise MalformedInput(
            f"{item}: unknown format {name!r}; use one of {known} "
            "(or leave it out to guess from the content)"
        )
    return reader


def finish(article: Article, *, item: str, overrides: Overrides) -> Article:
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
    overrides: Overrides,
) -> Article:
    """Validate, decode and read one article; raises coded errors naming ``item``."""
    chosen = article_format(fmt, item=item) if fmt is not None else None
    check_size(data, item=item)
    if isinstance(data, bytes):
        text = decode(data, item=item)
    else:
        text = data
        check_control_chars(text, item=item)
    if chosen is None:
        chosen = article_format(sniff_format(text), item=item)
    article = chosen.parse(text, item=item, url=overrides.get("url"))
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

    ``fmt`` is "text", "html" or "json" (or another registered article format);
    None guesses it from the content. The keyword arguments, when given, override
    the metadata the reader found. Raises the coded InputErrors of
    :mod:`reportedly.errors` (EmptyInput, BinaryInput, UndecodableInput,
    InputTooLarge, NotEnglish, MalformedInput).
    """
    overrides = {
        "published": published,
        "title": title,
        "outlet": outlet,
        "url": url,
        "author": author,
    }
    return load_one(data, fmt=fmt, item="input", overrides=overrides)
