"""A hostile corpus, generated: inputs an attacker or an unlucky user gives reportedly.

``write_cases(folder)`` writes every case as a file (or a FIFO, a symlink...) under
``folder`` and returns what was written. Nothing here is committed as data: the cases are
built from short recipes, so the suite and ``benchmarks/hostile.py`` make them afresh.

Each :class:`Case` says whether its file holds a readable English article (``good``, to be
analysed) or is bad input (to be reported with a code and skipped). Families: empty,
binary, encoding, size, html, json, jsonl, warc, feed, gzip, sentence (pathological
sentences), nested (nested reporting, at 1x/2x/4x/8x length), urls, files (FIFOs,
symlinks), language.

Run it to write the corpus somewhere: ``python tests/hostile/cases.py OUT_DIR``.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: A short English article: what good files and the padding of bad ones are made of.
GOOD_TEXT = (
    "The mayor of the city said on Monday that the new bridge would open next spring. "
    "According to the transport ministry, the work is almost finished. Officials, "
    "speaking on condition of anonymity, said the cost had doubled. The opposition "
    "denied reports that it had blocked the project, and a spokesman called the claims "
    "baseless."
)
SENTENCE = "The minister said the talks would continue next week. "


@dataclass(frozen=True)
class Case:
    """One hostile input: where it is, its family, and whether it is a good article."""

    name: str
    family: str
    path: Path
    good: bool = False
    #: the scale factor of a case in a growth series (nested reporting), else 0
    scale: int = 0


Maker = Callable[[Path], object]


def _bytes(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8", errors: str = "strict") -> Maker:
    return lambda path: path.write_bytes(text.encode(encoding, errors))


def _gz(data: bytes) -> Maker:
    return lambda path: path.write_bytes(gzip.compress(data, compresslevel=6))


def _empty() -> Iterator[tuple[str, str, Maker]]:
    yield "empty.txt", "empty", _bytes(b"")
    yield "spaces.txt", "empty", _text(" \n\t  \n" * 100)
    yield "bom-only.txt", "empty", _bytes(b"\xef\xbb\xbf")
    yield "nul-only.txt", "empty", _bytes(b"\x00" * 64)
    yield "newlines.txt", "empty", _text("\n" * 10_000)
    yield "empty.html", "empty", _text("")
    yield (
        "empty-body.html",
        "empty",
        _text("<html><head><title>x</title></head><body></body></html>"),
    )
    yield (
        "script-only.html",
        "empty",
        _text("<html><body><script>var a = 1;</script></body></html>"),
    )
    yield "empty.json", "empty", _text("")
    yield "empty-object.json", "empty", _text("{}")
    yield "empty-text.json", "empty", _text('{"text": ""}')
    yield "empty-list.json", "empty", _text("[]")
    yield "empty.jsonl", "empty", _text("")
    yield "blank-lines.jsonl", "empty", _text("\n\n\n")
    yield "empty.rss", "empty", _text("")
    yield "empty.warc", "empty", _text("")
    yield "empty.urls", "empty", _text("")
    yield "comments.urls", "empty", _text("# nothing here\n\n# nor here\n")
    yield "empty.txt.gz", "empty", _gz(b"")
    yield "punctuation.txt", "empty", _text(".,;:!?-" * 300)


def _binary() -> Iterator[tuple[str, str, Maker]]:
    rng = random.Random(7)
    yield "random.txt", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "random.html", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "random.json", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "random.jsonl", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "random.warc", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "random.rss", "binary", _bytes(bytes(rng.randrange(256) for _ in range(4096)))
    yield "png.txt", "binary", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    yield "pdf.txt", "binary", _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100))
    yield "zip.html", "binary", _bytes(b"PK\x03\x04" + bytes(100))
    yield "elf.txt", "binary", _bytes(b"\x7fELF\x02\x01\x01" + bytes(100))
    yield "sqlite.json", "binary", _bytes(b"SQLite format 3\x00" + bytes(100))
    yield "jpeg.txt", "binary", _bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    yield "gzip-named.txt", "binary", _bytes(gzip.compress(GOOD_TEXT.encode()))
    yield "bz2.txt", "binary", _bytes(b"BZh91AY&SY" + bytes(64))
    yield "nul-middle.txt", "binary", _text(GOOD_TEXT + "\x00" * 500 + GOOD_TEXT)
    yield "controls.txt", "binary", _text("".join(chr(c) for c in range(1, 32)) * 50)


def _encoding() -> Iterator[tuple[str, str, Maker]]:
    accented = GOOD_TEXT.replace("mayor", "mayor Müller").replace("bridge", "bridge café")
    yield "latin1.txt", "encoding", _text(accented, "latin-1")
    yield "cp1252.txt", "encoding", _text(accented.replace("said", "“said”"), "cp1252")
    yield "utf16-bom.txt", "encoding", _text("\ufeff" + GOOD_TEXT, "utf-16-le")
    yield "utf16-nobom.txt", "encoding", _text(GOOD_TEXT, "utf-16-le")
    yield "utf32.txt", "encoding", _text(GOOD_TEXT, "utf-32")
    yield "utf8-bom.txt", "encoding", _text("\ufeff" + GOOD_TEXT)
    yield "invalid-utf8.txt", "encoding", _bytes(GOOD_TEXT.encode() + b"\xc3\x28\xa0\xa1" * 50)
    yield "overlong-utf8.txt", "encoding", _bytes(b"\xc0\xaf\xe0\x80\xaf" * 200)
    yield "surrogate-utf8.txt", "encoding", _bytes(GOOD_TEXT.encode() + b"\xed\xa0\x80" * 20)
    yield "mixed.txt", "encoding", _bytes(GOOD_TEXT.encode("utf-8") + accented.encode("latin-1"))
    yield (
        "declared-wrong.html",
        "encoding",
        _bytes(
            b'<html><head><meta charset="utf-16"></head><body><p>'
            + accented.encode("latin-1")
            + b"</p></body></html>"
        ),
    )
    yield (
        "declared-bogus.html",
        "encoding",
        _bytes(
            b'<html><head><meta charset="x-no-such-codec"></head><body><p>'
            + GOOD_TEXT.encode()
            + b"</p></body></html>"
        ),
    )
    yield "shift-jis.txt", "encoding", _text("東京で会議が開かれた。" * 30, "shift_jis")
    yield "utf7.txt", "encoding", _bytes(b"+AGEAYgBj-" * 200)
    yield "lone-cr.txt", "encoding", _text(GOOD_TEXT.replace(". ", ".\r"))
    yield "bidi.txt", "encoding", _text("\u202e" + GOOD_TEXT + "\u202c" * 40)
    yield "zero-width.txt", "encoding", _text(GOOD_TEXT.replace(" ", " \u200b\u200d"))
    yield "combining.txt", "encoding", _text(GOOD_TEXT + " " + "a" + "\u0301" * 5000)


def _size() -> Iterator[tuple[str, str, Maker]]:
    yield "huge-sentence.txt", "size", _text("word " * 280_000)  # 1.4 MB, no full stop
    yield "huge-line.txt", "size", _text("x" * 5_000_000)
    yield "nul-after-1mb.txt", "size", _text(SENTENCE * 19_000 + "\x00" + GOOD_TEXT)
    yield "long-article.txt", "size", _text((SENTENCE * 40 + "\n\n") * 450)  # ~1 MB of prose
    yield "over-limit.txt", "size", _text(SENTENCE * 300_000)  # ~16 MB
    yield "long-word.txt", "size", _text(GOOD_TEXT + " " + "a" * 200_000)
    yield "many-paragraphs.txt", "size", _text("Yes.\n\n" * 50_000)
    yield (
        "controls-after-200k.txt",
        "size",
        _text(SENTENCE * 3_700 + "".join(chr(c) for c in range(1, 9)) * 2_000),
    )


def _html() -> Iterator[tuple[str, str, Maker]]:
    body = f"<p>{GOOD_TEXT}</p>"
    attrs = " ".join(f'a{i}="{i}"' for i in range(20_000))
    yield (
        "many-attributes.html",
        "html",
        _text(f"<html><body><div {attrs}>{body}</div></body></html>"),
    )
    yield "deep-nesting.html", "html", _text("<div>" * 20_000 + body + "</div>" * 20_000)
    yield "unclosed.html", "html", _text("<html><body>" + "<div><span><b>" * 5_000 + body)
    refs = "&amp;&#x1F600;&#0;&#xD800;&#99999999999;&nosuch;&lt;" * 30_000
    yield "char-refs.html", "html", _text(f"<html><body><p>{refs}</p>{body}</body></html>")
    yield "comments.html", "html", _text("<!--" + "-" * 200_000 + body)
    yield "cdata.html", "html", _text("<![CDATA[" * 10_000 + body)
    yield "many-elements.html", "html", _text("<html><body>" + "<p>x</p>" * 200_000 + body)
    yield "huge-title.html", "html", _text(f"<title>{'t' * 500_000}</title>{body}")
    yield "script-flood.html", "html", _text("<script>" + "x=1;" * 100_000 + "</script>" + body)
    yield "broken-tags.html", "html", _text("<<<>>><p<p<p>" * 10_000 + body)
    yield (
        "xss.html",
        "html",
        _text(
            "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body>"
            f"<p>{GOOD_TEXT} <img src=x onerror=alert(1)> <script>alert(2)</script></p>"
            "</body></html>"
        ),
    )
    yield (
        "table-bomb.html",
        "html",
        _text("<table>" + "<tr><td>1</td></tr>" * 50_000 + "</table>" + body),
    )
    yield "long-attribute.html", "html", _text(f'<div title="{"v" * 1_000_000}">{body}</div>')
    yield (
        "meta-refresh.html",
        "html",
        _text('<meta http-equiv="refresh" content="0;url=http://127.0.0.1/">' + body),
    )
    yield "null-bytes.html", "html", _text("<p>\x00\x00</p>" * 1_000 + body)
    yield "svg-only.html", "html", _text("<svg>" + "<path d='M0 0'/>" * 20_000 + "</svg>")


def _json() -> Iterator[tuple[str, str, Maker]]:
    yield "big-int.json", "json", _text('{"text": "' + GOOD_TEXT + '", "n": ' + "9" * 5_000 + "}")
    yield "big-float.json", "json", _text('{"text": "' + GOOD_TEXT + '", "n": 1e999999}')
    yield "lone-surrogate.json", "json", _text('{"text": "' + GOOD_TEXT + ' \\ud800"}')
    yield "lone-low-surrogate.json", "json", _text('{"text": "\\udc00' + GOOD_TEXT + '"}')
    yield "deep-arrays.json", "json", _text("[" * 100_000 + "]" * 100_000)
    yield "deep-objects.json", "json", _text('{"a":' * 50_000 + "1" + "}" * 50_000)
    yield "text-number.json", "json", _text('{"text": 12}')
    yield "text-list.json", "json", _text('{"text": ["a", "b"]}')
    yield "text-object.json", "json", _text('{"text": {"$gt": ""}}')
    yield "trailing-garbage.json", "json", _text('{"text": "' + GOOD_TEXT + '"} trailing')
    yield "nan.json", "json", _text('{"text": "' + GOOD_TEXT + '", "score": NaN}')
    yield "truncated.json", "json", _text('{"text": "' + GOOD_TEXT)
    yield "bad-date.json", "json", _text(json.dumps({"text": GOOD_TEXT, "published": "9999-99-99"}))
    yield "date-object.json", "json", _text(json.dumps({"text": GOOD_TEXT, "published": {"y": 1}}))
    yield (
        "huge-keys.json",
        "json",
        _text(json.dumps({"text": GOOD_TEXT, **{f"k{i}": i for i in range(100_000)}})),
    )
    yield "duplicate-keys.json", "json", _text('{"text": "a", "text": "' + GOOD_TEXT + '"}')
    yield "list-of-bad.json", "json", _text(json.dumps([1, "x", None, {"text": GOOD_TEXT}]))
    yield "title-only.json", "json", _text(json.dumps({"title": "A title", "url": "http://x"}))
    yield "null-text.json", "json", _text('{"text": null}')
    yield "escaped-nul.json", "json", _text(json.dumps({"text": GOOD_TEXT + "\u0000" * 20}))


def _jsonl() -> Iterator[tuple[str, str, Maker]]:
    good = json.dumps({"text": GOOD_TEXT})
    yield "mixed.jsonl", "jsonl", _text("\n".join([good, "{bad", "[]", "12", good, '{"x": 1}', ""]))
    yield "huge-line.jsonl", "jsonl", _text(json.dumps({"text": "a " * 3_000_000}) + "\n" + good)
    yield "big-int.jsonl", "jsonl", _text('{"text": "x", "n": ' + "7" * 10_000 + "}\n" + good)
    yield "surrogate.jsonl", "jsonl", _text('{"text": "\\ud83d"}\n' + good)
    yield "bom.jsonl", "jsonl", _text("\ufeff" + good + "\n" + good)
    yield "crlf.jsonl", "jsonl", _text(good + "\r\n" + good + "\r\n")
    yield "many-bad.jsonl", "jsonl", _text("{\n" * 5_000 + good)
    yield "deep.jsonl", "jsonl", _text("[" * 50_000 + "\n" + good)
    yield (
        "latin1.jsonl",
        "jsonl",
        _bytes(good.encode() + b"\n" + '{"text": "café é"}'.encode("latin-1")),
    )
    yield "nul-line.jsonl", "jsonl", _bytes(good.encode() + b"\n\x00\x00\x00\n" + good.encode())
    yield (
        "gz-truncated.jsonl.gz",
        "jsonl",
        _bytes(gzip.compress(((good + "\n") * 50).encode())[:-30]),
    )
    yield "gz-bomb.jsonl.gz", "jsonl", _gz(((good + "\n") * 30_000).encode())
    yield "not-gz.jsonl.gz", "jsonl", _text(good)


def _warc_record(headers: str, payload: bytes) -> bytes:
    return headers.encode() + b"\r\n" + payload + b"\r\n\r\n"


def _warc() -> Iterator[tuple[str, str, Maker]]:
    page = f"<html><body><p>{GOOD_TEXT}</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/a\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n"
    )
    good = _warc_record(head, http)
    yield (
        "garbage-header.warc",
        "warc",
        _bytes(b"WARC/1.0\r\n\x00\xff garbage: \x01\r\n\r\n" + good),
    )
    yield "no-version.warc", "warc", _bytes(b"HTTP/1.1 200 OK\r\n\r\n" + page)
    yield (
        "bad-length.warc",
        "warc",
        _bytes(good.replace(b"Content-Length: ", b"Content-Length: 99999")),
    )
    yield (
        "negative-length.warc",
        "warc",
        _bytes(good.replace(f"Content-Length: {len(http)}".encode(), b"Content-Length: -5")),
    )
    yield "truncated.warc", "warc", _bytes(good[: len(good) // 2])
    yield "two-good-one-bad.warc", "warc", _bytes(good + b"WARC/1.0\r\nWARC-Type\r\n\r\n" + good)
    yield (
        "request-only.warc",
        "warc",
        _bytes(good.replace(b"WARC-Type: response", b"WARC-Type: request")),
    )
    yield "bad-http.warc", "warc", _bytes(good.replace(b"HTTP/1.1 200 OK", b"\x00\x01\x02"))
    yield "gz-broken.warc.gz", "warc", _bytes(gzip.compress(good * 3)[:-40])
    yield (
        "binary-payload.warc",
        "warc",
        _bytes(good.replace(b"Content-Type: text/html", b"Content-Type: image/png")),
    )
    yield (
        "huge-header.warc",
        "warc",
        _bytes(b"WARC/1.0\r\nX: " + b"h" * 2_000_000 + b"\r\n\r\n" + good),
    )
    yield "ok.warc", "warc", _bytes(good)


def _feed() -> Iterator[tuple[str, str, Maker]]:
    item = f"<item><title>Bridge</title><link>http://example.com/b</link><description>{GOOD_TEXT}</description></item>"
    yield "huge.rss", "feed", _text("<rss><channel>" + item * 4_000 + "</channel></rss>")  # ~2 MB
    yield (
        "malformed.rss",
        "feed",
        _text("<rss><channel><item><title>x</title><description>" + GOOD_TEXT),
    )
    yield (
        "billion-laughs.rss",
        "feed",
        _text(
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(
                f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">'
                for i in range(9)
            )
            + "]><rss><channel><item><description>&lol8;</description></item></channel></rss>"
        ),
    )
    yield (
        "xxe.rss",
        "feed",
        _text(
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<rss><channel><item><description>&x;</description></item></channel></rss>"
        ),
    )
    yield (
        "no-items.atom",
        "feed",
        _text('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'),
    )
    yield (
        "deep.rss",
        "feed",
        _text("<rss><channel>" + "<x>" * 20_000 + "</x>" * 20_000 + "</channel></rss>"),
    )
    yield (
        "entity-flood.rss",
        "feed",
        _text(
            "<rss><channel><item><description>"
            + "&amp;lt;" * 200_000
            + "</description></item></channel></rss>"
        ),
    )
    yield "ok.rss", "feed", _text("<rss><channel>" + item + "</channel></rss>")


def _gzip() -> Iterator[tuple[str, str, Maker]]:
    yield "bomb-lines.txt.gz", "gzip", _gz(b"a\n" * 20_000_000)  # 40 MB expanded
    yield "bomb-zeros.html.gz", "gzip", _gz(b"\x00" * 50_000_000)
    yield "truncated.txt.gz", "gzip", _bytes(gzip.compress(GOOD_TEXT.encode() * 20)[:-20])
    yield "not-gzip.txt.gz", "gzip", _text(GOOD_TEXT)
    yield "double.txt.gz", "gzip", _bytes(gzip.compress(gzip.compress(GOOD_TEXT.encode())))
    yield "empty-members.txt.gz", "gzip", _bytes(gzip.compress(b"") * 1_000)
    yield "bad-crc.txt.gz", "gzip", _bytes(gzip.compress(GOOD_TEXT.encode())[:-8] + b"\0" * 8)


def _sentence() -> Iterator[tuple[str, str, Maker]]:
    words = [
        "the",
        "minister",
        "and",
        "officials",
        "in",
        "the",
        "capital",
        "discussed",
        "plans",
        "with",
        "diplomats",
    ]
    yield "50k-words.txt", "sentence", _text(" ".join(words[i % len(words)] for i in range(50_000)))
    yield "commas.txt", "sentence", _text("He said, " * 20_000 + "it rained.")
    yield "quotes-flood.txt", "sentence", _text('"' * 50_000)
    yield "quote-pairs.txt", "sentence", _text('"a" ' * 20_000)
    yield "unbalanced-quotes.txt", "sentence", _text(('"He said ' * 5_000) + "it.")
    yield "dashes.txt", "sentence", _text("—" * 100_000)
    yield (
        "names.txt",
        "sentence",
        _text(" ".join(f"Ahmed{i} Khan" for i in range(20_000)) + " met."),
    )
    yield "brackets.txt", "sentence", _text("(" * 50_000 + "word" + ")" * 50_000)
    yield "said-flood.txt", "sentence", _text("said " * 50_000)
    yield "according-flood.txt", "sentence", _text("according to " * 20_000 + "officials.")
    yield "numbers.txt", "sentence", _text(" ".join(str(i) for i in range(60_000)))
    yield "emoji.txt", "sentence", _text("😀" * 100_000)
    yield (
        "urls-text.txt",
        "sentence",
        _text(" ".join(f"http://example.com/{i}" for i in range(20_000))),
    )
    yield "dates.txt", "sentence", _text("On Monday 3 March 2024, " * 10_000 + "it rained.")
    yield (
        "denied-flood.txt",
        "sentence",
        _text("He denied denying reports that " * 3_000 + "it rained."),
    )


def nested_text(kind: str, scale: int) -> str:
    """A nested-reporting text of about ``scale`` x 2,400 characters."""
    if kind == "said":
        unit = "Ahmed said that Maria said that "
        end = "the bridge is closed."
    elif kind == "according":
        unit = "according to a source citing "
        end = "a report, the bridge is closed."
    elif kind == "quotes":
        unit = 'He said "she said '
        end = "it is closed" + '"' * 2
    else:
        unit = "Officials told reporters that diplomats were told that "
        end = "talks failed."
    n = max(1, 2_400 * scale // len(unit))
    return unit * n + end


#: The kinds of nested reporting :func:`nested_text` writes.
NESTED_KINDS = ("said", "according", "quotes", "told")


def _nested() -> Iterator[tuple[str, str, Maker, int]]:
    for kind in NESTED_KINDS:
        for scale in (1, 2, 4, 8):
            yield f"nested-{kind}-{scale}x.txt", "nested", _text(nested_text(kind, scale)), scale


def _urls() -> Iterator[tuple[str, str, Maker]]:
    yield "ipv6-bad.urls", "urls", _text("http://[::1\n")
    yield "ipv6-garbage.urls", "urls", _text("http://[zz::12::]/path\n")
    yield "private.urls", "urls", _text("http://10.0.0.1/a\n")
    yield "loopback.urls", "urls", _text("http://127.0.0.1:8080/\n")
    yield "localhost.urls", "urls", _text("http://localhost/\n")
    yield "metadata.urls", "urls", _text("http://169.254.169.254/latest/meta-data/\n")
    yield "ipv6-loopback.urls", "urls", _text("http://[::1]/\n")
    yield "file-scheme.urls", "urls", _text("file:///etc/passwd\n")
    yield "javascript.urls", "urls", _text("javascript:alert(1)\n")
    yield "bad-port.urls", "urls", _text("http://example.com:99999/\n")
    yield "no-host.urls", "urls", _text("http:///path\n")
    yield "mixed.urls", "urls", _text("http://[::1\nhttp://127.0.0.1/\nnot a url\nftp://x/\n")
    yield "decimal-ip.urls", "urls", _text("http://2130706433/\n")
    yield "long-url.urls", "urls", _text("http://example.com/" + "a" * 100_000 + "\n")
    yield "unicode-host.urls", "urls", _text("http://ex\u0430mple.com/\n")
    yield "userinfo.urls", "urls", _text("http://user:pass@127.0.0.1/\n")


def _language() -> Iterator[tuple[str, str, Maker]]:
    yield (
        "dutch.txt",
        "language",
        _text(
            "De burgemeester van de stad zei maandag dat de nieuwe brug volgend voorjaar "
            "open gaat. "
            "Volgens het ministerie van verkeer is het werk bijna klaar. Ambtenaren zeiden dat de "
            "kosten verdubbeld waren en dat de oppositie het project niet had tegengehouden."
        ),
    )
    yield (
        "german.txt",
        "language",
        _text(
            "Der Bürgermeister der Stadt sagte am Montag, die neue Brücke werde im nächsten "
            "Frühjahr "
            "eröffnet. Nach Angaben des Verkehrsministeriums sind die Arbeiten fast abgeschlossen. "
            "Beamte sagten, die Kosten hätten sich verdoppelt."
        ),
    )
    yield (
        "russian.txt",
        "language",
        _text(
            "Мэр города заявил в понедельник, что новый мост откроется следующей весной. "
            "По данным министерства транспорта, работы почти завершены."
        ),
    )
    yield (
        "chinese.txt",
        "language",
        _text("市长周一表示，新桥将于明年春天开通。据交通部称，工程即将完工。" * 5),
    )
    yield (
        "arabic.txt",
        "language",
        _text("قال رئيس البلدية يوم الاثنين إن الجسر الجديد سيفتح في الربيع المقبل. " * 5),
    )
    yield (
        "spanish.txt",
        "language",
        _text(
            "El alcalde de la ciudad dijo el lunes que el nuevo puente se abrirá la próxima "
            "primavera. Según el ministerio de transporte, las obras están casi terminadas y "
            "los costes se duplicaron."
        ),
    )


def _good() -> Iterator[tuple[str, str, Maker]]:
    yield "good-1.txt", "good", _text(GOOD_TEXT)
    yield (
        "good-2.html",
        "good",
        _text(f"<html><head><title>Bridge</title></head><body><p>{GOOD_TEXT}</p></body></html>"),
    )
    yield "good-3.json", "good", _text(json.dumps({"text": GOOD_TEXT, "outlet": "Example News"}))
    yield (
        "good-4.jsonl",
        "good",
        _text(json.dumps({"text": GOOD_TEXT.replace("Monday", "Tuesday")}) + "\n"),
    )
    yield "good-5.txt", "good", _text(GOOD_TEXT.replace("bridge", "tunnel"))


def _special(folder: Path) -> Iterator[Case]:
    """FIFOs, symlink loops, links to devices and to the parent folder."""
    special = folder / "special"
    special.mkdir(exist_ok=True)
    if hasattr(os, "mkfifo"):
        fifo = special / "fifo.txt"
        os.mkfifo(fifo)
        yield Case("fifo.txt", "files", fifo)
    loop = special / "loop"
    loop.symlink_to(loop.name)  # a link to itself
    yield Case("loop", "files", loop)
    parent = special / "parent"
    parent.symlink_to("..")
    yield Case("parent", "files", parent)
    dev = special / "zero.txt"
    dev.symlink_to("/dev/zero")
    yield Case("zero.txt", "files", dev)
    dangling = special / "dangling.txt"
    dangling.symlink_to("no-such-file.txt")
    yield Case("dangling.txt", "files", dangling)
    good = special / "good-6.txt"
    good.write_text(GOOD_TEXT.replace("mayor", "governor"), encoding="utf-8")
    yield Case("good-6.txt", "good", good, good=True)


FAMILIES = (
    _empty, _binary, _encoding, _size, _html, _json, _jsonl, _warc, _feed, _gzip,
    _sentence, _urls, _language, _good,
)  # fmt: skip


def write_cases(folder: Path, *, special: bool = True) -> list[Case]:
    """Write every case under ``folder`` (created); ``special=False`` leaves out FIFOs
    and links (which only folders and file arguments meet)."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for family in FAMILIES:
        for name, fam, make in family():
            path = folder / name
            make(path)
            cases.append(Case(name, fam, path, good=fam == "good"))
    for name, fam, make, scale in _nested():
        path = folder / name
        make(path)
        cases.append(Case(name, fam, path, scale=scale))
    if special:
        cases.extend(_special(folder))
    return cases


if __name__ == "__main__":
    written = write_cases(Path(sys.argv[1]))
    print(f"{len(written)} cases written to {sys.argv[1]}")
