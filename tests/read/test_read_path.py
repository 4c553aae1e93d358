"""read_path: files by extension, line formats, gzip, stdin, folders; bad items never stop a run."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from reportedly import settings
from reportedly.errors import (
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    MalformedInput,
    NotEnglish,
)
from reportedly.read import ReadFailure, read_path
from reportedly.records import Article

STORIES = [
    "Officials in Port Ellis said on Tuesday that the harbour bridge would stay closed for at "
    "least a week while engineers inspect cracks in two of its piers.",
    "The regional transport authority said that ferries would run every fifteen minutes until "
    "the bridge reopens, and that extra buses would use the inland road.",
    "Shop owners on the eastern side of the harbour told the council that they had seen far "
    "fewer customers since the storm, and asked for help with their rents.",
]
FRENCH = (
    "Le gouvernement a annoncé mardi que le pont du port serait fermé à la circulation pendant "
    "au moins une semaine, après que des ingénieurs ont découvert des fissures dans ses piliers."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Ferries replace the harbour bridge</title></head><body>"
    + "".join(f"<p>{s}</p>" for s in STORIES)
    + "</body></html>"
)


def _articles(items: list[Article | ReadFailure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _failures(items: list[Article | ReadFailure]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def _jsonl(objs: list[object]) -> str:
    return "".join(json.dumps(o) + "\n" for o in objs)


def test_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Bridge closed\n\n" + STORIES[0] + "\n", encoding="utf-8")
    (article,) = list(read_path(path, published="2024-03-05", outlet="Courier"))
    assert isinstance(article, Article)
    assert article.title == "Bridge closed"
    assert (article.published, article.outlet) == ("2024-03-05", "Courier")


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.HTML"])
def test_html_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    (article,) = list(read_path(path))
    assert isinstance(article, Article)
    assert article.title == "Ferries replace the harbour bridge"
    assert STORIES[2] in article.text


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": STORIES[0], "id": "a"}), encoding="utf-8")
    assert [a.id for a in _articles(list(read_path(one)))] == ["a"]

    many = tmp_path / "many.json"
    many.write_text(
        json.dumps(
            [{"text": STORIES[0]}, {"title": "no text"}, {"body": STORIES[1], "outlet": "X"}],
            indent=2,
        ),
        encoding="utf-8",
    )
    items = list(read_path(many))
    assert len(items) == 3
    assert [a.text for a in _articles(items)] == [STORIES[0], STORIES[1]]
    (failure,) = _failures(items)
    assert failure.item == f"{many}[1]"
    assert isinstance(failure.error, MalformedInput)


def test_jsonl_with_a_bad_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "1", "text": STORIES[0]}),
        json.dumps({"id": "2", "text": STORIES[1]}),
        '{"id": "3", "text": "cut off',  # bad JSON
        "",  # blank lines are skipped
        json.dumps({"id": "4", "text": FRENCH}),  # not English
        json.dumps({"id": "5", "text": "   "}),  # empty
        json.dumps({"id": "6", "text": STORIES[2]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [a.id for a in _articles(items)] == ["1", "2", "6"]
    failures = {f.item: type(f.error) for f in _failures(items)}
    assert failures == {
        f"{path}:3": MalformedInput,
        f"{path}:5": NotEnglish,
        f"{path}:6": EmptyInput,
    }
    for failure in _failures(items):
        assert str(failure.item) in str(failure.error)


@pytest.mark.parametrize("name", ["batch.jsonl.gz", "batch.json.gz"])
def test_gzipped_json_lines(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    objs: list[object] = [{"text": s, "id": str(i)} for i, s in enumerate(STORIES)]
    objs.insert(1, {"text": 5})
    path.write_bytes(gzip.compress(_jsonl(objs).encode()))
    items = list(read_path(path))
    assert [a.id for a in _articles(items)] == ["0", "1", "2"]
    (failure,) = _failures(items)
    assert failure.item == f"{path}:2"


def test_gzipped_json_document(tmp_path: Path) -> None:
    path = tmp_path / "list.json.gz"
    path.write_bytes(gzip.compress(json.dumps([{"text": s} for s in STORIES], indent=1).encode()))
    assert len(_articles(list(read_path(path)))) == 3


def test_gzipped_text_one_article_per_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt.gz"
    path.write_bytes(gzip.compress("\n".join(STORIES).encode()))
    assert [a.text for a in _articles(list(read_path(path)))] == STORIES


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    (article,) = _articles(list(read_path(path)))
    assert STORIES[0] in article.text


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl([{"text": s} for s in STORIES]).encode())[:-30])
    items = list(read_path(path))
    assert isinstance(items[-1], ReadFailure)
    assert isinstance(items[-1].error, MalformedInput)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PAGE, "html"),
        (json.dumps({"text": STORIES[0]}), "json"),
        (_jsonl([{"text": s} for s in STORIES]), "json"),
        ("Bridge closed\n\n" + STORIES[0], "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "download.dat"
    path.write_text(content, encoding="utf-8")
    articles = _articles(list(read_path(path)))
    assert articles
    assert all(a.meta["format"] == expected for a in articles)
    assert len(articles) == (3 if content.count("\n") >= 3 and expected == "json" else 1)


def test_gzip_without_gz_name_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_bytes(gzip.compress(PAGE.encode()))
    (article,) = _articles(list(read_path(path)))
    assert STORIES[1] in article.text


def test_binary_and_empty_files(tmp_path: Path) -> None:
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    (failure,) = _failures(list(read_path(pdf)))
    assert isinstance(failure.error, BinaryInput)
    assert failure.item == str(pdf)
    (failure,) = _failures(list(read_path(empty)))
    assert isinstance(failure.error, EmptyInput)


def test_missing_file(tmp_path: Path) -> None:
    (failure,) = _failures(list(read_path(tmp_path / "nope.txt")))
    assert "nope.txt" in str(failure.error)


def test_too_large_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(STORIES[0] * 20, encoding="utf-8")
    (failure,) = _failures(list(read_path(big)))
    assert isinstance(failure.error, InputTooLarge)

    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        _jsonl([{"text": STORIES[0]}, {"text": STORIES[1] * 20}, {"text": STORIES[2]}]),
        encoding="utf-8",
    )
    items = list(read_path(lines))
    assert [a.text for a in _articles(items)] == [STORIES[0], STORIES[2]]
    (failure,) = _failures(items)
    assert failure.item == f"{lines}:2"
    assert isinstance(failure.error, InputTooLarge)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(_jsonl([{"text": s} for s in STORIES]).encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    items = list(read_path("-"))
    assert [a.text for a in _articles(items)] == STORIES

    fake = io.TextIOWrapper(io.BytesIO(b"Bridge closed\n\n" + STORIES[0].encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    (article,) = _articles(list(read_path("-", fmt="text")))
    assert article.title == "Bridge closed"


def test_stdin_failure_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01binary")))
    (failure,) = _failures(list(read_path("-")))
    assert failure.item == "<stdin>"


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.jsonl").write_text(_jsonl([{"text": STORIES[1]}]), encoding="utf-8")
    (sub / "notes.md").write_text("not read", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORIES[2], encoding="utf-8")
    assert [a.text for a in _articles(list(read_path(tmp_path)))] == STORIES[:2]


def test_unknown_format_argument(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORIES[0], encoding="utf-8")
    (failure,) = _failures(list(read_path(path, fmt="pdf")))
    assert isinstance(failure.error, MalformedInput)


def test_one_line_json_file_is_one_item(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    (failure,) = _failures(list(read_path(path)))
    assert failure.item == str(path)


def test_collections_of_articles_in_json_lines_and_json(tmp_path: Path) -> None:
    """A story-cluster line ({"cluster_id": ..., "articles": [...]}) gives its articles, each
    with the collection's fields in meta; a bad element is reported, the rest are read."""
    text = (
        "Officials in Port Ellis said on Tuesday that the harbour bridge would stay closed "
        "for at least a week while engineers inspect the cracks found in two of its piers."
    )
    story = {
        "cluster_id": "s-1",
        "event_date": "2024-03-05",
        "articles": [
            {
                "outlet": "Coastal Courier",
                "date": "2024-03-05",
                "title": "Bridge shut",
                "text": text,
            },
            {"outlet": "Harbour Post", "date": "2024-03-06", "text": ""},
            {"outlet": "Ellis Daily", "date": "2024-03-06", "text": text + " Ferries will run."},
        ],
    }
    single = {"id": "x", "text": text + " Buses will run.", "outlet": "Bay News"}
    lines = tmp_path / "stories.jsonl"
    lines.write_text(json.dumps(story) + "\n" + json.dumps(single) + "\n", encoding="utf-8")
    got = list(read_path(lines))
    articles = [g for g in got if not isinstance(g, ReadFailure)]
    failures = [g for g in got if isinstance(g, ReadFailure)]
    assert [a.outlet for a in articles] == ["Coastal Courier", "Ellis Daily", "Bay News"]
    assert articles[0].published == "2024-03-05"
    assert articles[0].title == "Bridge shut"
    assert articles[0].meta["collection"] == {"cluster_id": "s-1", "event_date": "2024-03-05"}
    assert [f.item for f in failures] == [f"{lines}:1[1]"]
    doc = tmp_path / "story.json"
    doc.write_text(json.dumps(story), encoding="utf-8")
    assert [a.outlet for a in read_path(doc) if not isinstance(a, ReadFailure)] == [
        "Coastal Courier",
        "Ellis Daily",
    ]


def test_estimate_items_counts_what_read_path_yields(tmp_path: Path) -> None:
    from reportedly.read.files import estimate_items

    rows = [{"text": f"Officials said the bridge {i} was closed for repairs."} for i in range(5)]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    gz = tmp_path / "b.jsonl.gz"
    gz.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows[:3]).encode()))
    story = tmp_path / "c.jsonl"
    story.write_text(json.dumps({"cluster_id": "x", "articles": rows[:2]}) + "\n", "utf-8")
    (tmp_path / "d.txt").write_text("Officials said the road was closed.", encoding="utf-8")
    assert estimate_items(jsonl) == 5 == sum(1 for _ in read_path(jsonl))
    assert estimate_items(gz) == 3 == sum(1 for _ in read_path(gz))
    assert estimate_items(story) == 2 == sum(1 for _ in read_path(story))
    assert estimate_items(tmp_path) == 11
    assert estimate_items("-") is None
