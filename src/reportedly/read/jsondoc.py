"""JSON and JSON Lines reader: one object per article.

Fields read (the first present wins):

==========  ==========================================
text        ``text``, ``body``, ``content`` (plain text); else ``html`` (a web page)
title       ``title``, ``headline``
published   ``published``, ``date``, ``published_at``, ``publishedAt``
outlet      ``outlet``, ``source``, ``site``, ``sitename`` (a ``{"name": ...}`` object too)
url         ``url``, ``link``
author      ``author``, ``byline``
id          ``id`` (becomes Article.id)
==========  ==========================================

Every other field is kept in ``Article.meta``.

A *collection* object holds its articles in a list (``articles``, ``items`` or
``documents``), as story-cluster files do (``{"cluster_id": ..., "articles": [...]}``): each
element is read as an article, and the collection's other plain fields are kept in each
article's ``meta["collection"]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..errors import MalformedInput
from ..records import Article
from .html import read_html
from .text import guess_title, normalise_text
from .validate import check_not_empty

TEXT_FIELDS = ("text", "body", "content")
HTML_FIELDS = ("html",)
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publishedAt"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "url": ("url", "link"),
    "author": ("author", "byline"),
}


#: Fields whose list of objects makes an object a collection of articles.
COLLECTION_FIELDS = ("articles", "items", "documents")


def collection(obj: Any) -> tuple[list[Any], dict[str, Any]] | None:
    """The article objects of a collection object and its other plain fields, or None
    when ``obj`` is not a collection (an article has a text field of its own)."""
    if not isinstance(obj, Mapping) or _first(obj, TEXT_FIELDS + HTML_FIELDS)[0] is not None:
        return None
    for name in COLLECTION_FIELDS:
        value = obj.get(name)
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            shared = {
                str(k): v
                for k, v in obj.items()
                if k != name and (isinstance(v, str | int | float | bool) or v is None)
            }
            return value, shared
    return None


def parse_json(text: str, *, item: str = "input") -> Any:
    """json.loads with a MalformedInput naming the item and the place of the error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"{item}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "fix the JSON or pass fmt='text' to read it as plain text"
        ) from exc
    except RecursionError as exc:
        raise MalformedInput(f"{item}: the JSON is nested too deeply to read") from exc


def _value(value: Any) -> str | None:
    """A metadata value as a string (a {"name": ...} object gives its name)."""
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, list):
        parts = [_value(v) for v in value]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _first(obj: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in obj and obj[name] not in (None, ""):
            return name, obj[name]
    return None, None


def read_object(obj: Any, *, item: str = "input") -> Article:
    """Build an Article from one decoded JSON object."""
    if not isinstance(obj, Mapping):
        kind = "a list" if isinstance(obj, list) else f"a JSON {type(obj).__name__}"
        raise MalformedInput(
            f'{item}: expected a JSON object with a "text" field, got {kind}'
            + ("; read lists of articles with read_path" if isinstance(obj, list) else "")
        )
    used: set[str] = set()
    text_field, text = _first(obj, TEXT_FIELDS)
    html_field, html = _first(obj, HTML_FIELDS)
    url = _value(_first(obj, FIELDS["url"])[1])
    if text_field is not None:
        if not isinstance(text, str):
            raise MalformedInput(
                f"{item}: the {text_field!r} field must be a string, not {type(text).__name__}"
            )
        text = normalise_text(text)
        check_not_empty(text, item=item, what=f"the {text_field!r} field")
        article = Article(text=text, meta={"format": "json"})
        used.add(text_field)
    elif html_field is not None:
        if not isinstance(html, str):
            raise MalformedInput(
                f"{item}: the {html_field!r} field must be a string, not {type(html).__name__}"
            )
        article = read_html(html, item=item, url=url)
        article.meta["format"] = "json+html"
        used.add(html_field)
    else:
        raise MalformedInput(
            f'{item}: the JSON object has no non-empty "text" (or "body", "content", '
            f'"html") field; fields found: {", ".join(sorted(map(str, obj))) or "none"}'
        )
    for attr, names in FIELDS.items():
        name, value = _first(obj, names)
        if name is None:
            continue
        used.add(name)
        found = _value(value)
        if found is not None:
            setattr(article, attr, found)
    if article.title is None and text_field is not None:
        article.title = guess_title(article.text)
    if "id" in obj:
        used.add("id")
        ident = _value(obj["id"])
        if ident is not None:
            article.id = ident
    article.meta.update({str(k): v for k, v in obj.items() if k not in used})
    return article
