"""Bounded work per sentence: the helpers behind it give what spaCy gives, and the limits
say when they are reached (the timing itself is measured by benchmarks/hostile.py)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportedly
from reportedly import errors
from reportedly import settings as limits
from reportedly.cuefinder import _describes_noun, make_cue
from reportedly.nlp.doc import Block, Document
from reportedly.nlp.model import load_model, model_name
from reportedly.pipeline import Pipeline
from reportedly.records import Article
from reportedly.stages.clean import split_long_blocks
from reportedly.stages.entities import _Cluster, _Mention
from reportedly.stages.nlp import batches
from reportedly.syntax import subtree_ids as _subtree_ids

NLP = load_model(model_name())

SENTENCES = [
    "The mayor said on Monday that officials had told reporters the bridge would close.",
    "According to a source close to the talks, the deal, which was signed in May, failed.",
    'He said "the army will not withdraw", and the ministry denied it.',
    "Police, who arrived late, said the man had fled before the fire spread to the roof.",
]

WORDS = ["the", "mayor", "said", "that", "police", "were", "told", "it", "rained", ",", "and"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_subtree_ids_is_spacys_subtree(words: list[str]) -> None:
    doc = NLP(" ".join(words))
    for tok in doc:
        assert _subtree_ids(tok) == {t.i for t in tok.subtree}


def test_subtree_ids_on_real_sentences() -> None:
    for doc in NLP.pipe(SENTENCES):
        for tok in doc:
            assert _subtree_ids(tok) == {t.i for t in tok.subtree}


def test_make_cue_takes_its_tokens_text_and_offsets() -> None:
    doc = NLP("Officials   said on Monday, according to Reuters, that it rained.")
    first = next(t.i for t in doc if t.text == "according")
    cue = make_cue(doc, first, first + 1, "attribution", 100)
    assert cue.text == "according to"
    assert (cue.start, cue.end) == (doc[first].idx + 100, doc[first + 1].idx + len("to") + 100)
    said = next(t.i for t in doc if t.text == "said")
    one = make_cue(doc, said, said, "attribution", 0)
    assert one.text == "said"
    assert doc.text[one.start : one.end] == "said"


def test_deep_nesting_is_cut_at_the_frame_limit_with_a_notice() -> None:
    depth = limits.MAX_FRAMES_PER_SENTENCE + 8
    text = "Ahmed said that Maria said that " * depth + "the bridge is closed."
    result = reportedly.analyze(text)
    assert [n.code for n in result.notices] == [errors.W_FRAMES]
    assert "MAX_FRAMES_PER_SENTENCE" in result.notices[0].message
    assert 0 < len(result.attributions) <= limits.MAX_FRAMES_PER_SENTENCE
    assert any("the bridge is closed" in c.text for c in result.claims)


def test_ordinary_nesting_reads_every_frame_and_notes_nothing() -> None:
    result = reportedly.analyze(
        "The ministry said that officials told reporters that the envoy had said the "
        "talks would resume."
    )
    assert result.notices == []
    assert len(result.attributions) >= 2


def test_an_article_over_the_character_limit_is_refused_with_e004() -> None:
    text = " ".join(SENTENCES) * (limits.MAX_ARTICLE_CHARS // 300)
    with pytest.raises(errors.InputTooLarge, match="MAX_ARTICLE_CHARS"):
        reportedly.analyze(text)


def test_a_run_without_spaces_is_left_out_with_a_notice() -> None:
    text = SENTENCES[0] + " " + "(" * (limits.MAX_WORD_CHARS + 500) + " " + SENTENCES[1]
    result = reportedly.analyze(text)
    assert [n.code for n in result.notices] == [errors.W_WORD]
    assert any("the deal" in c.text for c in result.claims)
    assert all("((" not in c.text for c in result.claims)


def test_the_deadline_stops_an_article_with_e007() -> None:
    pipeline = Pipeline(deadline=0.0)
    with pytest.raises(errors.TimeLimit, match="deadline"):
        pipeline(Article(text=SENTENCES[0]))
    assert Pipeline(deadline=None)(Article(text=SENTENCES[0])).claims


def _article(text: str) -> Document:
    return Document(article=Article(text=text))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "Said.", "(", ")", "x" * 30, "\n", "”.", "Yes!"]),
        min_size=1,
        max_size=400,
    ),
    st.integers(min_value=40, max_value=400),
)
def test_long_blocks_are_cut_into_pieces_that_cover_them(words: list[str], limit: int) -> None:
    text = " ".join(words)
    doc = _article(text)
    block = Block(0, len(text))
    saved = (limits.MAX_BLOCK_CHARS, limits.MAX_WORD_CHARS)
    limits.MAX_BLOCK_CHARS, limits.MAX_WORD_CHARS = limit, 10_000
    try:
        pieces = split_long_blocks(doc, [block])
    finally:
        limits.MAX_BLOCK_CHARS, limits.MAX_WORD_CHARS = saved
    assert pieces[0].start == 0
    assert pieces[-1].end == len(text)
    for a, b in itertools.pairwise(pieces):
        assert a.end == b.start  # no gap, no overlap: every offset stays the article's
    assert all(0 < p.end - p.start <= limit for p in pieces)
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert (len(pieces) > 1) == bool(doc.notices)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), max_size=30), st.integers(1, 80))
def test_parse_batches_keep_order_and_the_character_budget(sizes: list[int], budget: int) -> None:
    texts = ["x" * n + str(i) for i, n in enumerate(sizes)]
    runs = list(batches(texts, budget))
    assert [t for run in runs for t in run] == texts
    for run in runs:
        assert run
        assert len(run) == 1 or sum(map(len, run)) <= budget


def test_many_long_paragraphs_are_parsed_in_batches_as_one_at_a_time() -> None:
    # A regression: all blocks went to spaCy in one batch, whose activations for nine
    # 20,000-character paragraphs took over a gigabyte (the hostile corpus's commas.txt).
    paragraph = " ".join(SENTENCES)
    text = "\n\n".join(paragraph for _ in range(4))
    budget = len(paragraph) + 10
    assert len(list(batches([paragraph] * 4, budget))) == 4
    old = limits.MAX_BATCH_CHARS
    try:
        limits.MAX_BATCH_CHARS = budget
        small = reportedly.analyze(text)
    finally:
        limits.MAX_BATCH_CHARS = old
    whole = reportedly.analyze(text)
    assert whole.claims
    assert small.claims == whole.claims
    assert small.events == whole.events
    assert small.entities == whole.entities


def test_a_long_paragraph_that_is_not_prose_is_left_out_with_w003() -> None:
    prose = " ".join(SENTENCES)
    junk = '"x" ' * (limits.MIN_PROSE_CHARS // 4 + 10)  # a third letters
    out = reportedly.analyze(prose + "\n\n" + junk + "\n\n" + prose)
    codes = [n.code for n in out.notices]
    assert codes.count(errors.W_NOT_PROSE) == 1
    assert out.claims
    assert all(c.text not in junk for c in out.claims)


def test_short_symbol_lines_and_number_rich_prose_are_kept() -> None:
    figures = "The ministry said 1,204 of 3,310 voters (36.4%) backed the plan in 2024. "
    text = "* * *\n\n" + figures * (limits.MIN_PROSE_CHARS // len(figures) + 1)
    out = reportedly.analyze(text)
    assert errors.W_NOT_PROSE not in [n.code for n in out.notices]
    assert out.claims


def test_the_theory_clause_walk_with_its_memo_answers_as_without() -> None:
    lex = reportedly.lexicons.default()
    texts = [
        "Officials dismissed the theory that the army had nothing to do with the strike.",
        "He denied reports that she denied the fear that it was not true, the paper said.",
        *SENTENCES,
    ]
    for parsed in NLP.pipe(texts):
        for head in [None, *range(len(parsed))]:
            seen: dict[int, bool] = {}
            for tok in parsed:
                fresh = _describes_noun(lex, tok, head, {})
                assert _describes_noun(lex, tok, head, seen) == fresh
    theory = NLP(texts[0])
    root = next(t.i for t in theory if t.dep_ == "ROOT")
    nothing = next(t for t in theory if t.text == "nothing")
    assert _describes_noun(lex, nothing, root, {})


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Assad", "Bashar al-Assad", "al-Assad", "Bashar Assad"]),
        min_size=1,
        max_size=12,
    )
)
def test_an_entitys_name_kept_as_mentions_come_is_the_longest_first_given(names: list[str]) -> None:
    # A regression: the name was recomputed over every mention at each new one, which
    # made an entity named hundreds of times quadratic; now only the new ones are read.
    head = NLP("x")[0]
    cluster = _Cluster(type="PERSON")
    for i, name in enumerate(names):
        cluster.mentions.append(_Mention(i, i + 1, i, i + 1, "PERSON", name, 0, head))
        seen = names[: i + 1]
        longest = max(range(len(seen)), key=lambda j: (len(seen[j].split()), len(seen[j]), -j))
        assert cluster.canonical == seen[longest]
