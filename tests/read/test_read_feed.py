"""read_feed: RSS 2.0 and Atom entries become Articles; entries with no text are failures."""

from __future__ import annotations

from pathlib import Path

from reportedly.errors import EmptyInput, MalformedInput
from reportedly.read import ReadFailure, read_path
from reportedly.read.feed import looks_like_feed, read_feed
from reportedly.records import Article

STORIES = [
    "Officials in Port Ellis said on Tuesday that the harbour bridge would stay closed for at "
    "least a week while engineers inspect cracks in two of its piers.",
    "The regional transport authority said that ferries would run every fifteen minutes until "
    "the bridge reopens, and that extra buses would use the inland road.",
    "Shop owners on the eastern side of the harbour told the council that they had seen far "
    "fewer customers since the storm, and asked for help with their rents.",
]


def _html(paragraphs: list[str]) -> str:
    markup = "".join(f"<p>{p}</p>" for p in paragraphs)
    return markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Port Ellis Gazette</title>
    <link>https://gazette.example/</link>
    <description>News from the harbour</description>
    <item>
      <title>Harbour bridge stays shut</title>
      <link>https://gazette.example/bridge</link>
      <pubDate>Tue, 05 Mar 2024 10:20:30 GMT</pubDate>
      <dc:creator>Jane Doe</dc:creator>
      <description>Short teaser.</description>
      <content:encoded>{_html(STORIES[:2])}</content:encoded>
    </item>
    <item>
      <title>Shops ask for help</title>
      <link>https://gazette.example/shops</link>
      <pubDate>Wed, 06 Mar 2024 08:00:00 +0000</pubDate>
      <description>{_html(STORIES[2:])}</description>
    </item>
    <item>
      <title>Photo of the day</title>
      <link>https://gazette.example/photo</link>
    </item>
  </channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Wire</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-03-07T09:00:00Z</updated>
  <entry>
    <title>Ferries replace the bridge</title>
    <link href="https://wire.example/ferries"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-03-07T09:00:00Z</published>
    <updated>2024-03-07T10:00:00Z</updated>
    <author><name>John Roe</name></author>
    <content type="html">{_html(STORIES[1:])}</content>
  </entry>
  <entry>
    <title>Plain words</title>
    <link href="https://wire.example/plain"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2024-03-08T11:30:00Z</updated>
    <summary type="text">{STORIES[0]}</summary>
  </entry>
</feed>
"""


def _split(items: list[Article | ReadFailure]) -> tuple[list[Article], list[ReadFailure]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, ReadFailure)],
    )


def test_rss(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, failures = _split(list(read_path(path)))
    assert len(articles) == 2
    first, second = articles
    assert first.title == "Harbour bridge stays shut"
    assert first.url == "https://gazette.example/bridge"
    assert first.published == "2024-03-05T10:20:30+00:00"
    assert first.author == "Jane Doe"
    assert first.outlet == "Port Ellis Gazette"
    assert first.text.startswith("Harbour bridge stays shut\n\n")
    assert STORIES[0] in first.text
    assert STORIES[1] in first.text
    assert first.language == "en"
    assert second.url == "https://gazette.example/shops"
    assert STORIES[2] in second.text
    assert second.published == "2024-03-06T08:00:00+00:00"
    assert len(failures) == 1
    assert failures[0].item == f"{path}[2]"
    assert isinstance(failures[0].error, EmptyInput)


def test_atom(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    articles, failures = _split(list(read_path(path, outlet="Override")))
    assert not failures
    assert [a.url for a in articles] == [
        "https://wire.example/ferries",
        "https://wire.example/plain",
    ]
    assert articles[0].author == "John Roe"
    assert articles[0].published == "2024-03-07T09:00:00+00:00"
    assert articles[1].published == "2024-03-08T11:30:00+00:00"
    assert all(a.outlet == "Override" for a in articles)
    assert articles[1].text == f"Plain words\n\n{STORIES[0]}"


def test_xml_sniffed_as_feed_and_other_xml_not(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    assert looks_like_feed(ATOM.encode())
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>')
    assert not looks_like_feed(b"<html><body><p>Not <feed> here</p></body></html>")
    articles, _ = _split(list(read_path(tmp_path / "feed.xml", outlet="W")))
    assert len(articles) == 2
    # read_warc-free folders: the feed is read, as one of the folder's files
    articles, _ = _split(list(read_path(tmp_path)))
    assert len(articles) == 2


def test_broken_and_empty_feeds() -> None:
    items = list(read_feed(b"<rss><channel><title>x</title></channel></rss>", item_prefix="e"))
    assert len(items) == 1
    assert isinstance(items[0], ReadFailure)
    assert isinstance(items[0].error, EmptyInput)
    items = list(read_feed(b"\x00\x01 not xml at all <<<", item_prefix="b"))
    assert len(items) == 1
    assert isinstance(items[0], ReadFailure)
    assert isinstance(items[0].error, MalformedInput)
