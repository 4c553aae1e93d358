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

import codecs
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import MalformedInput, ReportedlyError
from ..records import Article
from .base import Overrides, ReadFailure, Result
from .html import read_html
from .load import finish
from .stream import OneArticlePerItem, read_lines
from .text import guess_title, normalise_text
from .validate import check_not_empty, decode

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


#: A JSON escape of a UTF-16 surrogate: JSON decodes a pair of them to one character, and
#: leaves a lone one in the string, where it cannot be encoded again.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(text: str, *, item: str = "input") -> Any:
    """json.loads with a MalformedInput naming the item and the place of the error.

    A lone surrogate escape (``"\\ud800"``, from a scraper that cut a character in two)
    becomes U+FFFD, as an undecodable byte does in text, so the rest of the item is read."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"{item}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "fix the JSON or pass fmt='text' to read it as plain text"
        ) from exc
    except RecursionError as exc:
        raise MalformedInput(f"{item}: the JSON is nested too deeply to read") from exc
    except ValueError as exc:  # a number of more than sys.get_int_max_str_digits() digits
        raise MalformedInput(f"{item}: the JSON cannot be read ({exc})") from exc
    if _SURROGATE_ESCAPE.search(text):
        obj = _replace_lone_surrogates(obj)
    return obj


def _replace_lone_surrogates(obj: Any) -> Any:
    if isinstance(obj, str):
        return _LONE_SURROGATE.sub("\ufffd", obj)
    if isinstance(obj, list):
        return [_replace_lone_surrogates(v) for v in obj]
    if isinstance(obj, dict):
        return {_replace_lone_surrogates(k): _replace_lone_surrogates(v) for k, v in obj.items()}
    return obj


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


def _is_json_line(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line.decode("utf-8-sig", "replace")), dict)
    except (ValueError, RecursionError):  # JSONDecodeError, or a number too long to read
        return False


def json_lines(head: bytes) -> bool:
    """True when the data is one-line JSON objects (two or more), not one document."""
    first, _, rest = head.removeprefix(codecs.BOM_UTF8).lstrip().partition(b"\n")
    return first.startswith(b"{") and bool(rest.strip()) and _is_json_line(first)


def _has_collection_field(line: bytes) -> bool:
    return any(f'"{f}"'.encode() in line for f in COLLECTION_FIELDS)


def collection_articles(obj: Any, *, item: str, overrides: Overrides) -> Iterator[Result]:
    """The articles of a collection object (see :func:`collection`)."""
    found = collection(obj)
    if found is None:
        return
    elements, shared = found
    for i, element in enumerate(elements):
        sub = f"{item}[{i}]"
        try:
            article = read_object(element, item=sub)
            article.meta["collection"] = shared
            yield finish(article, item=sub, overrides=overrides)
        except ReportedlyError as exc:
            yield ReadFailure(sub, exc)


def _objects(obj: Any, *, item: str, overrides: Overrides) -> Iterator[Result]:
    """The articles of a decoded JSON document: a collection, a list, or one object."""
    if collection(obj) is not None:
        yield from collection_articles(obj, item=item, overrides=overrides)
        return
    if isinstance(obj, list):
        for i, element in enumerate(obj):
            sub = f"{item}[{i}]"
            try:
                yield finish(read_object(element, item=sub), item=sub, overrides=overrides)
            except ReportedlyError as exc:
                yield ReadFailure(sub, exc)
        return
    try:
        yield finish(read_object(obj, item=item), item=item, overrides=overrides)
    except ReportedlyError as exc:
        yield ReadFailure(item, exc)


@dataclass(frozen=True)
class JsonLinesReader(OneArticlePerItem):
    """The ``jsonl`` reader: one JSON object (or collection object) per line."""

    format_name: str = "json"
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson")

    def lines(self, head: bytes, *, gz: bool) -> bool:
        return True

    def read_line(self, line: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        if _has_collection_field(line):
            try:
                obj = parse_json(decode(line, item=item), item=item)
            except ReportedlyError as exc:
                yield ReadFailure(item, exc)
                return
            if collection(obj) is not None:
                yield from collection_articles(obj, item=item, overrides=overrides)
                return
        yield self.one(line, item=item, overrides=overrides)

    def items_on_line(self, line: bytes) -> int:
        """One, or about one per text of a collection line."""
        if _has_collection_field(line):
            return max(1, line.count(b'"text":') + line.count(b'"html":'))
        return 1


@dataclass(frozen=True)
class JsonReader(JsonLinesReader):
    """The ``json`` reader: one object, a list of objects or a collection object; JSON
    Lines too when the data turns out to be one object per line."""

    suffixes: tuple[str, ...] = (".json",)
    too_large_hint: str = "; put many articles in a JSON Lines file"
    rank: int = 0

    def lines(self, head: bytes, *, gz: bool) -> bool:
        return json_lines(head)

    def read_document(self, data: bytes, *, item: str, overrides: Overrides) -> Iterator[Result]:
        try:
            obj = parse_json(decode(data, item=item), item=item)
        except MalformedInput as exc:
            if "Extra data" in exc.message:  # JSON Lines under a .json name
                yield from read_lines(io.BytesIO(data), reader=self, item=item, overrides=overrides)
            else:
                yield ReadFailure(item, exc)
            return
        except ReportedlyError as exc:
            yield ReadFailure(item, exc)
            return
        yield from _objects(obj, item=item, overrides=overrides)

    def looks_like(self, text: str) -> bool:
        """Starts with "{", or is a list of objects."""
        head = text.lstrip("\ufeff \t\r\n")
        return head.startswith("{") or (head.startswith("[") and head[1:].lstrip().startswith("{"))

    def parse(self, text: str, *, item: str, url: str | None) -> Article:
        return read_object(parse_json(text, item=item), item=item)


#: The registered instances (entry points ``reportedly.readers: json, jsonl``).
JSON = JsonReader()
JSON_LINES = JsonLinesReader()
