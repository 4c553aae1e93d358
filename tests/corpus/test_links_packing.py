"""The corpus-links text is kept compressed, written in pieces, and plain JSON written by
older stores still reads."""

from __future__ import annotations

from pathlib import Path

from reportedly.corpus.linker import Links
from reportedly.corpus.records import CopyLink
from reportedly.corpus.store import Store


def test_links_are_stored_compressed_and_read_back(tmp_path: Path) -> None:
    links = Links(copies=[CopyLink(article="b", original="a", similarity=0.97, exact=False)])
    with Store(tmp_path / "news.db") as store:
        store.save_links("fp", links.json_chunks())
        raw = str(store.backend.rows("SELECT data FROM corpus_links")[0]["data"])
        assert raw.startswith("zlib64:")
        assert store.load_links("fp") == links.to_json()
        assert Links.from_json(store.last_links() or "").copies == links.copies


def test_plain_json_from_an_older_store_still_reads(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.backend.execute(
            "INSERT INTO corpus_links (id, fingerprint, data) VALUES (1, ?, ?)",
            ["fp", '{"copies": []}'],
        )
        assert store.load_links("fp") == '{"copies": []}'


def test_the_pieces_are_the_json_text() -> None:
    links = Links(copies=[CopyLink(article="b", original="a", similarity=0.5, exact=False)])
    assert "".join(links.json_chunks()) == links.to_json()
    assert Links.from_json(links.to_json()).copies == links.copies
