"""The clean stage: page chrome set apart, the rest cut into headline/standfirst/body blocks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.nlp.doc import Block, Document
from reportedly.pipeline import STAGES, Pipeline
from reportedly.read import load_article
from reportedly.records import CHROME_KINDS, Article, Chrome
from reportedly.stages.clean import chrome_rules, classify_line, clean_text, make_clean

SEED = Path(__file__).parent.parent / "data" / "seed_article.txt"


def _check_invariants(text: str, blocks: list[Block], chrome: list[Chrome]) -> None:
    for c in chrome:
        assert text[c.start : c.end] == c.text
        assert c.text
        assert c.text == c.text.strip()
        assert c.kind in CHROME_KINDS
    for b in blocks:
        piece = text[b.start : b.end]
        assert piece
        assert piece == piece.strip()
    spans = sorted([(b.start, b.end) for b in blocks] + [(c.start, c.end) for c in chrome])
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, "blocks and chrome overlap"
    starts = [b.start for b in blocks]
    assert starts == sorted(starts)


# --- the seed article ------------------------------------------------------------------


def test_seed_article() -> None:
    article = load_article(SEED.read_bytes())
    state = Pipeline(["clean"]).run(article)
    text = article.text
    _check_invariants(text, state.blocks, state.chrome)

    glyph, caption = state.chrome
    assert (glyph.kind, glyph.text, glyph.start) == ("glyph", "×", 0)
    assert caption.kind == "caption"
    assert caption.credit == "AFP"
    assert caption.text.endswith("| AFP")

    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body_paragraphs = [p for p in paragraphs if p not in ("×", caption.text)]
    assert [text[b.start : b.end] for b in state.blocks] == body_paragraphs
    assert state.blocks[0].kind == "headline"
    assert text[state.blocks[0].start : state.blocks[0].end] == article.title
    assert state.blocks[1].kind == "standfirst"  # the deck without a full stop
    assert {b.kind for b in state.blocks[2:]} == {"body"}


def test_stage_is_registered() -> None:
    info = STAGES.get("clean.v1")
    assert info is make_clean
    assert info.requires == ("article",)
    assert info.assigns == ("blocks", "chrome")


# --- chrome lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "credit"),
    [
        ("×", "glyph", None),
        ("•••", "glyph", None),
        ("▶", "glyph", None),
        ("* * *", "glyph", None),
        (
            "Syrian President Bashar al-Assad (R) with Russian President Vladimir Putin | AFP",
            "caption",
            "AFP",
        ),
        ("Crowds gather outside the stadium on Saturday | Reuters", "caption", "Reuters"),
        (
            "Rescue workers search the rubble | Special Arrangement",
            "caption",
            "Special Arrangement",
        ),
        (
            "A ferry leaves the harbour on Monday. (AP Photo/Jane Doe)",
            "caption",
            "AP Photo/Jane Doe",
        ),
        ("(Getty Images)", "caption", "Getty Images"),
        ("Photo: Reuters", "caption", "Reuters"),
        ("Image: Getty Images", "caption", "Getty Images"),
        ("Image source, Getty Images", "caption", "Getty Images"),
        ("File photo", "caption", None),
        (
            "FILE PHOTO: A view of the port on Monday. REUTERS/Jane Doe/File Photo",
            "caption",
            "REUTERS/Jane Doe/File Photo",
        ),
        (
            "Police at the scene on Monday. Photograph: Jane Doe/Getty Images",
            "caption",
            "Jane Doe/Getty Images",
        ),
        ("Image caption, Police at the scene on Monday", "caption", None),
        ("By Jane Doe", "byline", None),
        ("BY JANE DOE", "byline", None),
        ("By Jane Doe and John Roe, Reuters", "byline", "Reuters"),
        ("By Ahmed al-Rashid | Updated: Dec 8, 2024, 10:00 IST", "byline", None),
        ("Written by Jane Doe", "byline", None),
        ("By Jane Doe, Staff Writer", "byline", None),
        ("Reporting by Jane Doe; Editing by John Roe", "byline", None),
        ("Share this article", "share", None),
        ("Facebook Twitter Email", "share", None),
        ("Follow us on Twitter and Instagram", "share", None),
        ("READ MORE: Rebels take Aleppo in a surprise offensive", "boilerplate", None),
        ("Also read: What we know so far", "boilerplate", None),
        ("Advertisement", "boilerplate", None),
        ("Sign up for our newsletter", "boilerplate", None),
        ("Click here to read the full report", "boilerplate", None),
        ("4 min read", "boilerplate", None),
        ("© 2024 The Coastal Courier. All rights reserved.", "boilerplate", None),
        ("Home | World | Politics | Sport", "boilerplate", None),
        ("Updated: Dec 8, 2024, 10:00 IST", "dateline", None),
        ("Published 3 hours ago", "dateline", None),
        ("Last updated on 08/12/2024", "dateline", None),
        ("December 8, 2024", "dateline", None),
        ("Sun 8 Dec 2024 14.00 GMT", "dateline", None),
    ],
)
def test_chrome_lines(line: str, kind: str, credit: str | None) -> None:
    assert classify_line(line) == (kind, credit)


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, rebels controlled most of the city.",
        "By then, the army had withdrawn from several positions.",
        "The bank extended credit: $5bn to the government.",
        "Related to this, officials said the talks would resume.",
        "Watch-makers said sales fell in March.",
        "Sign up numbers rose sharply in March, the company said.",
        "Updated figures were published on Monday.",
        "Copyright law was changed in 2019, the court said.",
        "Trump says he will attend | World news",
        "Follow the money, investigators said.",
        "Share prices fell 3% on Monday.",
        "Print media have struggled for years.",
        "Reuters reported that the talks had collapsed.",
        "The bridge will reopen next week, officials told Reuters. [Reuters]",
        "Photos of the damage were shared widely on social media on Sunday night.",
        "2024",
        "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei?",
    ],
)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert classify_line(line) is None


def test_the_title_line_is_never_chrome() -> None:
    text = "Opinion | The Courier\n\nThe council said the bridge would reopen on Friday.\n"
    blocks, chrome = clean_text(text, title="Opinion | The Courier")
    assert chrome == []
    assert blocks[0].kind == "headline"


def test_lexicon_is_loaded_once() -> None:
    assert chrome_rules() is chrome_rules()
    assert "AFP" in chrome_rules().agencies


# --- blocks ----------------------------------------------------------------------------

PAGE_TEXT = """Harbour bridge closed after storm damage

Engineers found cracks in two piers after Sunday's storm

By Jane Doe
Updated: Mar 5, 2024, 10:00 GMT
Workers inspect the damaged span on Tuesday | Courier Photo
The harbour bridge in Port Ellis was closed to traffic on Tuesday after engineers found \
cracks in two of its supporting piers, the city council said. The council met on Tuesday.
Share this article
Council engineer Marta Silva said the damage was caused by the storm.
READ MORE: Storm leaves thousands without power
Ferries will run every fifteen minutes until the bridge reopens.
"""


def test_blocks_and_kinds_of_a_page() -> None:
    title = "Harbour bridge closed after storm damage"
    blocks, chrome = clean_text(PAGE_TEXT, title)
    _check_invariants(PAGE_TEXT, blocks, chrome)
    assert [c.kind for c in chrome] == ["byline", "dateline", "caption", "share", "boilerplate"]
    got = [(b.kind, PAGE_TEXT[b.start : b.end][:30]) for b in blocks]
    assert got == [
        ("headline", "Harbour bridge closed after st"),
        ("standfirst", "Engineers found cracks in two "),
        ("body", "The harbour bridge in Port Ell"),
        ("body", "Council engineer Marta Silva s"),
        ("body", "Ferries will run every fifteen"),
    ]


def test_no_title_and_a_sentence_first() -> None:
    text = "Officials said the bridge was closed.\n\nFerries will run instead."
    blocks, _ = clean_text(text, None)
    assert [b.kind for b in blocks] == ["body", "body"]


def test_title_not_in_text_gives_no_headline() -> None:
    blocks, _ = clean_text("First paragraph here.\nSecond one.\nThird.", "Some other title")
    assert [b.kind for b in blocks] == ["body", "body", "body"]


def test_single_sentence_after_headline_is_standfirst_but_wire_lede_is_body() -> None:
    deck = "Two officers were charged on Tuesday."
    body = "The charges follow a review. It took a year."
    text = f"Officers charged\n{deck}\n{body}"
    assert [b.kind for b in clean_text(text, "Officers charged")[0]] == [
        "headline",
        "standfirst",
        "body",
    ]
    wire = f"Officers charged\nWASHINGTON (AP) — {deck}\n{body}"
    assert [b.kind for b in clean_text(wire, "Officers charged")[0]] == [
        "headline",
        "body",
        "body",
    ]


def test_hard_wrapped_paragraphs_are_one_block() -> None:
    text = (
        "Harbour bridge closed\n"
        "\n"
        "The harbour bridge in Port Ellis was closed to traffic on\n"
        "Tuesday after engineers found cracks in two of its piers,\n"
        "the city council said on Tuesday evening in a statement.\n"
        "\n"
        "Council engineer Marta Silva said the damage was caused\n"
        "by the storm that struck the coast on Sunday night.\n"
    )
    blocks, chrome = clean_text(text, "Harbour bridge closed")
    _check_invariants(text, blocks, chrome)
    assert len(blocks) == 3
    assert text[blocks[1].start : blocks[1].end].endswith("in a statement.")


def test_empty_and_chrome_only_texts() -> None:
    assert clean_text("", None) == ([], [])
    blocks, chrome = clean_text("×\n\nAdvertisement\n", None)
    assert blocks == []
    assert [c.kind for c in chrome] == ["glyph", "boilerplate"]


def test_stage_overwrites_old_chrome_and_leaves_the_input_alone() -> None:
    stale = [Chrome("glyph", "stale", 0, 1)]
    article = Article(text="×\nBody text here.", chrome=list(stale))
    state = Pipeline(["clean"]).run(article)
    assert state.chrome == [Chrome("glyph", "×", 0, 1)]
    assert state.to_analysis().article.chrome == [Chrome("glyph", "×", 0, 1)]
    assert article.chrome == stale
    assert isinstance(state, Document)


# --- properties ------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "×",
        "•••",
        "  ",
        "\t",
        "Advertisement",
        "By Jane Doe",
        "Protesters march | AFP",
        "Updated: Dec 8, 2024",
        "Officials said the bridge was closed.",
        "Ferries will run instead",
        "Harbour bridge closed",
        "\u00a0 text with nbsp \u00a0",
        "(AP Photo/Jane Doe)",
    ]
)
_line = st.one_of(_pieces, st.text(max_size=30))
_sep = st.sampled_from(["\n", "\n\n", "\r\n", " \n ", "\u2028", "\n\t\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_line, _sep), max_size=12), st.one_of(st.none(), _line))
def test_clean_invariants(parts: list[tuple[str, str]], title: str | None) -> None:
    text = "".join(line + sep for line, sep in parts)
    blocks, chrome = clean_text(text, title)
    _check_invariants(text, blocks, chrome)
    assert sum(b.kind == "headline" for b in blocks) <= 1
    assert sum(b.kind == "standfirst" for b in blocks) <= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_invariants_on_any_text(text: str) -> None:
    blocks, chrome = clean_text(text, None)
    _check_invariants(text, blocks, chrome)


def test_hard_wrapped_title_stays_its_own_block() -> None:
    text = (
        "Harbour bridge closed\n"
        "The harbour bridge in Port Ellis was closed to traffic on\n"
        "Tuesday after engineers found cracks in two of its piers,\n"
        "the city council said on Tuesday evening in a statement.\n"
        "Photo: Reuters\n"
        "Council engineer Marta Silva said the damage was caused\n"
        "by the storm that struck the coast on Sunday night.\n"
    )
    blocks, chrome = clean_text(text, "Harbour bridge closed")
    _check_invariants(text, blocks, chrome)
    assert [b.kind for b in blocks] == ["headline", "standfirst", "body"]  # a one-sentence lede
    assert text[blocks[1].start : blocks[1].end].count("\n") == 2
    assert [c.kind for c in chrome] == ["caption"]
