"""The JSON reader: field names and their aliases, meta, and an embedded web page."""

from __future__ import annotations

import json

import pytest

from reportedly.errors import EmptyInput, MalformedInput
from reportedly.read import load_article
from reportedly.read.jsondoc import read_object

TEXT = (
    "Officials in Port Ellis said on Tuesday that the harbour bridge would stay closed for at "
    "least a week while engineers inspect the cracks that were found in two of its piers."
)


def test_fields_are_read() -> None:
    obj = {
        "id": "courier-0042",
        "text": TEXT,
        "title": "Bridge stays shut",
        "published": "2024-03-05",
        "outlet": "The Coastal Courier",
        "url": "https://example.org/bridge",
        "author": "Jane Doe",
        "section": "Local",
        "tags": ["storm", "traffic"],
    }
    article = load_article(json.dumps(obj))
    assert article.text == TEXT
    assert article.id == "courier-0042"
    assert article.title == "Bridge stays shut"
    assert article.published == "2024-03-05"
    assert article.outlet == "The Coastal Courier"
    assert article.url == "https://example.org/bridge"
    assert article.author == "Jane Doe"
    assert article.language == "en"
    assert article.meta["section"] == "Local"
    assert article.meta["tags"] == ["storm", "traffic"]
    assert "text" not in article.meta
    assert "id" not in article.meta


@pytest.mark.parametrize("field", ["body", "content"])
def test_text_aliases(field: str) -> None:
    article = load_article(json.dumps({field: TEXT, "date": "2024-03-05", "site": "Courier"}))
    assert article.text == TEXT
    assert article.published == "2024-03-05"
    assert article.outlet == "Courier"


def test_source_object_and_numeric_id() -> None:
    article = read_object({"text": TEXT, "source": {"id": "x", "name": "Courier"}, "id": 7})
    assert article.outlet == "Courier"
    assert article.id == "7"


def test_without_id_the_content_hash_names_the_article() -> None:
    article = load_article(json.dumps({"text": TEXT}))
    assert article.id == article.content_hash[:16]


def test_html_field_goes_through_the_html_reader() -> None:
    page = (
        "<html><head><title>Bridge stays shut</title></head><body><nav>Home | World</nav>"
        f"<article><p>{TEXT}</p><p>{TEXT.replace('Tuesday', 'Wednesday')}</p></article>"
        "</body></html>"
    )
    article = load_article(json.dumps({"html": page, "outlet": "Courier", "id": "a1"}))
    assert TEXT in article.text
    assert article.title == "Bridge stays shut"
    assert article.outlet == "Courier"
    assert article.id == "a1"
    assert article.meta["format"] == "json+html"


def test_text_wins_over_html() -> None:
    article = load_article(json.dumps({"text": TEXT, "html": "<p>other words entirely</p>"}))
    assert article.text == TEXT
    assert article.meta["html"] == "<p>other words entirely</p>"


@pytest.mark.parametrize(
    "obj",
    [
        {"title": "No text"},
        {"text": None, "title": "Null text"},
        {"text": ["a", "list"]},
        {"html": 5},
    ],
)
def test_objects_without_usable_text(obj: dict[str, object]) -> None:
    with pytest.raises(MalformedInput) as info:
        load_article(json.dumps(obj), fmt="json")
    assert "\n" not in str(info.value)


def test_blank_text_field_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        load_article('{"text": "  \\n "}')


@pytest.mark.parametrize("data", ["[1, 2]", '"just a string"', "42", "null"])
def test_non_objects(data: str) -> None:
    with pytest.raises(MalformedInput):
        load_article(data, fmt="json")


def test_a_list_points_to_read_path() -> None:
    with pytest.raises(MalformedInput) as info:
        load_article(json.dumps([{"text": TEXT}]))
    assert "read_path" in str(info.value)


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(MalformedInput) as info:
        load_article('{"text": "a",\n  "title": }')
    assert "line 2" in str(info.value)
