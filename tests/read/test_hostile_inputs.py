"""Inputs that used to end in an internal error: each gets a coded message now, and the
rest of its file is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.errors import MalformedInput
from reportedly.read import ReadFailure, load_article, read_path
from reportedly.read.fetch import MAX_URL_CHARS, Fetcher, is_url
from reportedly.records import Article

TEXT = "The ministry said on Monday that the talks would resume in Geneva next week."


def test_a_json_number_too_long_to_read_is_malformed_input() -> None:
    with pytest.raises(MalformedInput, match="cannot be read"):
        load_article('{"text": "' + TEXT + '", "n": ' + "9" * 5_000 + "}", fmt="json")


def test_a_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    article = load_article('{"text": "' + TEXT + ' \\ud800", "title": "\\udc00T"}', fmt="json")
    assert article.text.endswith("\ufffd")
    assert article.title == "\ufffdT"
    article.text.encode("utf-8")  # encodable again


def test_a_surrogate_pair_escape_is_one_character() -> None:
    article = load_article('{"text": "' + TEXT + ' \\ud83d\\ude00"}', fmt="json")
    assert article.text.endswith("\U0001f600")


def test_bad_lines_of_json_lines_are_skipped_and_the_good_ones_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": TEXT})
    path.write_text(
        "\n".join([good, '{"text": "x", "n": ' + "7" * 10_000 + "}", '{"text": "\\ud83d"}', good]),
        encoding="utf-8",
    )
    items = list(read_path(path))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [f.error.code for f in failures] == ["E006"]
    assert sum(isinstance(i, Article) for i in items) == 3


@pytest.mark.parametrize("url", ["http://[::1", "http://[zz::12::]/path", "https://[::1/a"])
def test_a_malformed_ipv6_url_is_refused_with_a_code(url: str) -> None:
    assert is_url(url)  # a URL list line, to be reported, not read as text
    failure = Fetcher().fetch(url)
    assert isinstance(failure, ReadFailure)
    assert failure.error.code == "E006"
    assert "not a valid URL" in failure.error.message


def test_an_overlong_url_is_refused_before_anything_is_resolved() -> None:
    failure = Fetcher().fetch("http://example.invalid/" + "a" * MAX_URL_CHARS)
    assert isinstance(failure, ReadFailure)
    assert "characters long" in failure.error.message
    assert len(failure.error.message) < 300


def test_a_url_list_of_only_refused_urls_reports_each(tmp_path: Path) -> None:
    path = tmp_path / "bad.urls"
    path.write_text("http://[::1\nhttp://127.0.0.1/\nftp://example.org/\n", encoding="utf-8")
    items = list(read_path(path))
    assert all(isinstance(i, ReadFailure) for i in items)
    assert [i.error.code for i in items if isinstance(i, ReadFailure)] == ["E006"] * 3
