"""read_warc: the pages of a web archive; other records skipped, corrupt records reported."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from reportedly.errors import MalformedInput, NotEnglish
from reportedly.read import ReadFailure, read_path
from reportedly.read.warc import read_warc
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
    "au moins une semaine, après que des ingénieurs ont découvert des fissures dans ses piliers "
    "et que les services de la ville ont demandé une inspection complète de la structure."
)
WARC_DATE = "2024-03-05T10:20:30Z"


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def _response(
    writer: WARCWriter, uri: str, payload: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, uri: str) -> None:
    headers = StatusAndHeaders(
        "GET /news/bridge HTTP/1.1", [("Host", "news.example")], is_http_request=True
    )
    record = writer.create_warc_record(
        uri, "request", payload=io.BytesIO(b""), length=0, http_headers=headers
    )
    writer.write_record(record)


def _records(gz: bool, parts: list[str]) -> tuple[bytes, list[int]]:
    """The bytes of a WARC file with the given parts, and the offset of each part."""
    out = io.BytesIO()
    offsets: list[int] = []
    for part in parts:
        offsets.append(out.tell())
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gz)
        if part == "page1":
            page = _page("Harbour bridge stays shut", STORIES[:2])
            _response(writer, "https://news.example/bridge", page, "text/html; charset=utf-8")
        elif part == "page2":
            page = _page("Shops ask for help", STORIES[1:])
            _response(writer, "https://news.example/shops", page, "text/html")
        elif part == "image":
            png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
            _response(writer, "https://news.example/logo.png", png, "image/png")
        elif part == "css":
            _response(writer, "https://news.example/site.css", b"p { color: red }", "text/css")
        elif part == "redirect":
            _response(writer, "https://news.example/old", b"<p>moved</p>", "text/html", "301 X")
        elif part == "french":
            _response(writer, "https://news.example/fr", _page("Pont", [FRENCH]), "text/html")
        elif part == "request":
            _request(writer, "https://news.example/bridge")
        elif part == "truncated":
            page = _page("A lost page", STORIES)
            _response(writer, "https://news.example/lost", page, "text/html")
            data = buffer.getvalue()
            buffer = io.BytesIO(data[: len(data) // 2])
        elif part == "garbage":
            buffer.write(b"WARC/1.0\r\nContent-Length: nine\r\n\r\nnot a record at all\r\n\r\n")
        out.write(buffer.getvalue())
    return out.getvalue(), offsets


def _split(items: list[Article | ReadFailure]) -> tuple[list[Article], list[ReadFailure]]:
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    return articles, failures


def test_gzipped_warc_with_a_truncated_member(tmp_path: Path) -> None:
    parts = ["page1", "truncated", "image", "request", "css", "page2"]
    data, offsets = _records(True, parts)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    articles, failures = _split(list(read_warc(path, item_prefix=str(path))))
    assert [a.url for a in articles] == [
        "https://news.example/bridge",
        "https://news.example/shops",
    ]
    assert articles[0].title == "Harbour bridge stays shut"
    assert STORIES[0] in articles[0].text
    assert articles[0].published is not None
    assert articles[0].published.startswith("2024-03-05")
    assert articles[0].language == "en"
    assert len(failures) == 1
    failure = failures[0]
    assert isinstance(failure.error, MalformedInput)
    assert failure.item == f"{path}@{offsets[1]}"
    assert str(path) in failure.error.message
    assert str(offsets[1]) in failure.error.message


def test_plain_warc_with_a_corrupt_record(tmp_path: Path) -> None:
    data, offsets = _records(False, ["page1", "garbage", "request", "image", "page2"])
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    articles, failures = _split(list(read_path(path)))
    assert [a.url for a in articles] == [
        "https://news.example/bridge",
        "https://news.example/shops",
    ]
    assert len(failures) == 1
    assert isinstance(failures[0].error, MalformedInput)
    assert failures[0].item == f"{path}@{offsets[1]}"


def test_truncated_at_the_end(tmp_path: Path) -> None:
    data, offsets = _records(True, ["page1", "page2", "truncated"])
    path = tmp_path / "end.warc.gz"
    path.write_bytes(data)
    articles, failures = _split(list(read_path(path)))
    assert len(articles) == 2
    assert [f.item for f in failures] == [f"{path}@{offsets[2]}"]


def test_html_that_fails_is_reported_and_skipped_records_are_not(tmp_path: Path) -> None:
    data, offsets = _records(True, ["french", "redirect", "css", "image", "page1"])
    articles, failures = _split(list(read_warc(io.BytesIO(data), item_prefix="mem.warc.gz")))
    assert [a.url for a in articles] == ["https://news.example/bridge"]
    assert len(failures) == 1
    assert isinstance(failures[0].error, NotEnglish)
    assert failures[0].item == f"mem.warc.gz@{offsets[0]}"


def test_read_path_overrides_and_folders(tmp_path: Path) -> None:
    data, _ = _records(True, ["page1", "page2"])
    (tmp_path / "a.warc.gz").write_bytes(data)
    items = list(read_path(tmp_path, outlet="Harbour News"))
    articles, failures = _split(items)
    assert not failures
    assert [a.outlet for a in articles] == ["Harbour News", "Harbour News"]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("this is not a web archive\n")
    articles, failures = _split(list(read_path(path)))
    assert not articles
    assert len(failures) == 1
    assert isinstance(failures[0].error, MalformedInput)
