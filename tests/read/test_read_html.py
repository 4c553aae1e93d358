"""The HTML reader: main text without page chrome, metadata, and broken pages.

Present/absent assertions in the manner of trafilatura's realworld tests, on pages
written for these tests.
"""

from __future__ import annotations

import pytest

from reportedly import settings
from reportedly.errors import EmptyInput, InputTooLarge
from reportedly.read import load_article, looks_like_html
from reportedly.read.html import read_html
from reportedly.stages.clean import clean_text

BODY = [
    "The harbour bridge in Port Ellis was closed to traffic on Tuesday after engineers found "
    "cracks in two of its supporting piers, the city council said.",
    "Council engineer Marta Silva told reporters that the damage was caused by the storm that "
    "struck the coast on Sunday night, when waves of up to six metres battered the harbour wall.",
    "\u201cWe cannot take any risk with a structure that carries forty thousand vehicles a day,"
    "\u201d Silva said, adding that a full inspection would take at least a week.",
    "Local businesses warned that the closure would hurt trade. The chamber of commerce said "
    "shops on the eastern side of the harbour had already seen fewer customers.",
    "According to the regional transport authority, ferries will run every fifteen minutes "
    "until the bridge reopens, and extra buses will use the inland road.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour bridge closed after storm damage | The Coastal Courier</title>
<meta property="og:title" content="Harbour bridge closed after storm damage">
<meta property="og:site_name" content="The Coastal Courier">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta name="description" content="Cracks found in two piers after Sunday's storm.">
</head>
<body>
<header>
  <nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World news desk</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
  </ul></nav>
  <div class="promo">Subscribe now for unlimited access to the Courier</div>
</header>
<main>
<article>
  <h1>Harbour bridge closed after storm damage</h1>
  <p class="byline">By Jane Doe</p>
  <figure><img src="bridge.jpg" alt="">
    <figcaption>Workers inspect the damaged span on Tuesday | Courier Photo</figcaption>
  </figure>
  {"".join(f"<p>{p}</p>" for p in BODY)}
</article>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/a">Storm leaves thousands without power across the county</a></li>
  <li><a href="/b">Mayor promises review of the flood defences</a></li>
</ul></aside>
</main>
<footer><p>Copyright 2024 The Coastal Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def test_news_page_main_text_present_and_chrome_absent() -> None:
    article = load_article(NEWS_PAGE)
    for paragraph in BODY:
        assert paragraph in article.text
    for absent in (
        "World news desk",
        "Subscribe now",
        "Storm leaves thousands",
        "Mayor promises review",
        "All rights reserved",
        "Privacy policy",
        "Cookie settings",
    ):
        assert absent not in article.text


def test_news_page_blocks_hold_no_byline_or_caption() -> None:
    article = load_article(NEWS_PAGE)
    blocks, _ = clean_text(article.text, article.title)
    block_texts = [article.text[b.start : b.end] for b in blocks]
    assert block_texts[0] == "Harbour bridge closed after storm damage"
    assert block_texts[1:] == BODY
    for absent in ("By Jane Doe", "Courier Photo", "Workers inspect"):
        assert not any(absent in t for t in block_texts)


def test_news_page_metadata() -> None:
    article = load_article(NEWS_PAGE.encode("utf-8"))
    assert article.title == "Harbour bridge closed after storm damage"
    assert article.outlet == "The Coastal Courier"
    assert article.author == "Jane Doe"
    assert article.published == "2024-03-05"
    assert article.language == "en"
    assert article.meta["format"] == "html"
    assert article.meta["description"].startswith("Cracks found")
    # the headline is the first line, once
    assert article.text.startswith("Harbour bridge closed after storm damage\n")
    assert article.text.count("Harbour bridge closed after storm damage") == 1


def test_title_is_prepended_when_the_body_lacks_it() -> None:
    page = (
        "<html><head><title>Ferries replace closed harbour bridge</title></head><body>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "</body></html>"
    )
    article = load_article(page)
    assert article.title == "Ferries replace closed harbour bridge"
    assert article.text.startswith("Ferries replace closed harbour bridge\n\n" + BODY[0])


def test_explicit_arguments_override_page_metadata() -> None:
    article = load_article(
        NEWS_PAGE, published="2024-03-06", outlet="Courier", author="J. Doe", url="https://x.test/a"
    )
    assert (article.published, article.outlet, article.author, article.url) == (
        "2024-03-06",
        "Courier",
        "J. Doe",
        "https://x.test/a",
    )


def test_fragment_is_read() -> None:
    article = load_article("<p>Officials said the bridge was closed.</p>")
    assert article.text == "Officials said the bridge was closed."


@pytest.mark.parametrize(
    "page",
    [
        NEWS_PAGE[: len(NEWS_PAGE) // 2],  # cut in the middle of the body
        NEWS_PAGE.replace("</p>", "").replace("</article>", "").replace("</main>", ""),
        "<html><body><div><p>" + BODY[0] + "<div><span><b><i>" + BODY[1],
        "<html><body><p>" + BODY[0] + "</p><<<>>></table></tr><p>" + BODY[1],
    ],
)
def test_broken_html_yields_text(page: str) -> None:
    article = load_article(page, fmt="html")
    assert BODY[0][:60] in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<!DOCTYPE html><html><head><title></title></head><body>   </body></html>",
        "<html><body><script>var x = 1;</script><nav><a href='/'>Home</a></nav></body></html>",
        "<<<>>><p",
        "<html>",
    ],
)
def test_pages_without_text_are_empty_input(page: str) -> None:
    with pytest.raises(EmptyInput) as info:
        load_article(page, fmt="html")
    assert "\n" not in str(info.value)


def test_empty_markup_string() -> None:
    with pytest.raises(EmptyInput):
        read_html("   ")


def test_html_is_sniffed() -> None:
    assert looks_like_html(NEWS_PAGE)
    assert looks_like_html("<div><p>a</p><p>b</p><br></div>")
    assert not looks_like_html("Temperatures will be < 5 degrees and > 0 at night.")


def test_a_page_of_too_many_tags_is_refused_with_e004() -> None:
    body = "<p>The mayor said on Monday that the bridge would reopen in May after repairs.</p>"
    flood = "<tr><td>1</td></tr>" * (settings.MAX_HTML_TAGS // 4 + 1)
    with pytest.raises(InputTooLarge, match="MAX_HTML_TAGS") as info:
        read_html(f"<html><body><table>{flood}</table>{body}</body></html>", item="page.html")
    assert info.value.code == "E004"
    assert "page.html" in str(info.value)
    kept = read_html(f"<html><body>{'<p>x</p>' * 100}{body}</body></html>")
    assert "bridge would reopen" in kept.text
