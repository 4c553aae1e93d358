"""A small realnews-style folder written for the tests (no news text is copied in).

``realnews`` writes ``articles.jsonl`` in the realnews format; tests add the gold
files they need beside it with ``write_jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from reportedly.records import Analysis, Article

#: Two short articles of our own, in the shape of the realnews records.
BRIDGE = (
    "RIVERTON (Wire) - The defence ministry said on Monday that its troops had crossed the river.\n"
    "Mayor Anna Petrenko denied reports that the bridge was destroyed.\n"
    '"We will rebuild it within a month," Petrenko told the Daily Example.\n'
    "The bridge was closed on Tuesday."
)
FLOOD = (
    "Heavy rain flooded the lower town on Sunday, officials said.\n"
    "The army evacuated two villages near the dam.\n"
    "The governor accused the operator of ignoring the warnings."
)
ARTICLES: dict[str, dict[str, Any]] = {
    "bridge-001": {
        "id": "bridge-001",
        "text": BRIDGE,
        "title": "Mayor denies bridge was destroyed",
        "outlet": "Example Wire",
        "url": "https://example.org/bridge-001",
        "published": "2025-03-04",
        "language": "en",
    },
    "flood-001": {
        "id": "flood-001",
        "text": FLOOD,
        "title": "Rain floods the lower town",
        "outlet": "Example Post",
        "url": "https://example.org/flood-001",
        "published": "2025-03-10",
        "language": "en",
    },
}


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def realnews(tmp_path: Path) -> Path:
    """A folder with ``articles.jsonl``; gold files go beside it."""
    write_jsonl(tmp_path / "articles.jsonl", ARTICLES.values())
    return tmp_path


def article(record: str) -> Article:
    data = ARTICLES[record]
    return Article(text=data["text"], id=record, outlet=data["outlet"], url=data["url"])


def at(text: str, words: str) -> tuple[int, int]:
    """The span of ``words`` in ``text`` (they must be there)."""
    start = text.index(words)
    return start, start + len(words)


def fake_analyze(analyses: dict[str, Analysis]) -> Any:
    """An ``analyze(article)`` that returns prepared analyses by article id."""

    def run(item: Article) -> Analysis:
        return analyses[item.id]

    return run
