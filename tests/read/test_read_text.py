"""The plain-text reader keeps the text verbatim and guesses a title."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reportedly.read import load_article, sniff_format
from reportedly.read.text import guess_title, normalise_text, read_text

SEED = Path(__file__).parent.parent / "data" / "seed_article.txt"

STORY = (
    "Harbour bridge closed after storm damage\n"
    "\n"
    "The harbour bridge in Port Ellis was closed to traffic on Tuesday after engineers "
    "found cracks in two of its supporting piers, the city council said.\n"
    "\n"
    "Council engineer Marta Silva told reporters that the damage was caused by the storm "
    "that struck the coast on Sunday night.\n"
)


def test_text_is_kept_verbatim_and_first_line_is_the_title() -> None:
    article = load_article(STORY)
    assert article.text == STORY
    assert article.title == "Harbour bridge closed after storm damage"
    assert article.language == "en"
    assert article.meta["format"] == "text"


def test_seed_article_title_skips_the_glyph_line() -> None:
    data = SEED.read_bytes()
    article = load_article(data)
    assert article.text == data.decode("utf-8")
    assert article.title == (
        "Did Syrian President Bashar al-Assad contact both Donald Trump and "
        "Iran's Khamenei before he vanished?"
    )
    assert article.text.startswith("×\n")


def test_only_crlf_and_bom_are_normalised() -> None:
    raw = "\ufeffFirst line\r\n\r\nSecond  line\twith tab\rand a lone CR.\r\n"
    assert normalise_text(raw) == "First line\n\nSecond  line\twith tab\rand a lone CR.\n"
    assert load_article(raw.encode("utf-8")).text == normalise_text(raw)


def test_no_title_when_the_first_line_is_long_or_the_only_one() -> None:
    long_line = "word " * 80
    assert guess_title(long_line + "\n\nMore text follows here.") is None
    assert guess_title("Officials said the bridge was closed.") is None
    assert guess_title("\n\n  A headline  \n\nBody text.") == "A headline"
    assert guess_title("•••\n2024\nReal title\nBody") == "Real title"


def test_explicit_metadata_overrides_what_the_reader_found() -> None:
    article = load_article(
        STORY,
        title="Another title",
        published="2024-03-05",
        outlet="The Coastal Courier",
        url="https://example.org/bridge",
        author="Jane Doe",
    )
    assert article.title == "Another title"
    assert article.published == "2024-03-05"
    assert article.outlet == "The Coastal Courier"
    assert article.url == "https://example.org/bridge"
    assert article.author == "Jane Doe"


def test_plain_text_is_sniffed_as_text() -> None:
    assert sniff_format(STORY) == "text"
    assert sniff_format("He wrote <b>bold</b> claims about the 3 < 4 rule.") == "text"
    assert sniff_format('  {"text": "x"}') == "json"
    assert sniff_format('[{"text": "x"}]') == "json"
    assert sniff_format("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format("<p>Officials said the bridge was closed.</p>") == "html"


_line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=40
)


@given(st.lists(_line_text, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_text_reader_keeps_every_character_but_crlf(lines: list[str], sep: str) -> None:
    raw = sep.join(lines)
    if not raw.strip():
        return
    article = read_text(raw)
    assert article.text == raw.replace("\r\n", "\n")
    if article.title is not None:
        assert article.title in article.text
        assert article.title == article.title.strip()
