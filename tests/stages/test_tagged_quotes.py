"""The quotation beside a tagged cue the parse gave no complement (stages/tagged_quotes.py),
and the subject of a tagged cue as its source when the tagger marked none; on sentences
written for these tests, with the tagger's spans set by hand."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

import reportedly
from reportedly.nlp.model import load_model, model_name
from reportedly.nlp.tagger import SPANS_KEY
from reportedly.stages.tagged_frames import content_of
from reportedly.stages.tagged_quotes import quotation_after, quotation_before, quotation_pairs


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(model_name(None))


def _cue(doc: Doc, word: str) -> Span:
    i = next(t.i for t in doc if t.text == word)
    return doc[i : i + 1]


def _text(doc: Doc, got: tuple[int, int] | None) -> str | None:
    return None if got is None else doc[got[0] : got[1] + 1].text


def test_pairs_of_curly_and_straight_marks(nlp: Language) -> None:
    doc = nlp('“Soon,” she said, and "later" too.')
    pairs = quotation_pairs(doc)
    assert pairs[0] == 3
    assert pairs[3] == 0
    opening = next(t.i for t in doc if t.text == '"')
    assert doc[pairs[opening]].text == '"'
    assert pairs[opening] > opening


def test_quotation_before_a_cue_with_its_speaker_after(nlp: Language) -> None:
    doc = nlp("“The old pier is a dangerous place,” said Ana Ruiz, a harbour pilot.")
    got = _text(doc, quotation_before(_cue(doc, "said"), []))
    assert got == "“The old pier is a dangerous place,”"


def test_quotation_before_the_speaker_of_a_cue(nlp: Language) -> None:
    doc = nlp("“The ferries are late again,” the harbour master said.")
    got = _text(doc, content_of(doc[:], _cue(doc, "said")))
    assert got == "“The ferries are late again,”"


def test_quotation_from_its_opening_mark_in_an_earlier_sentence(nlp: Language) -> None:
    doc = nlp("“Is the bridge ready? Not yet,” Ms. Okafor said.")
    sent = next(s for s in doc.sents if "said" in s.text)
    got = _text(doc, content_of(sent, _cue(doc, "said")))
    assert got == "“Is the bridge ready? Not yet,”"


def test_quotation_after_a_cue(nlp: Language) -> None:
    doc = nlp("The baker said, “Bread will cost more next month.”")
    got = _text(doc, quotation_after(_cue(doc, "said")))
    assert got == "“Bread will cost more next month.”"


def test_no_quotation_no_quoted_content(nlp: Language) -> None:
    doc = nlp("The baker said that bread will cost more.")
    assert quotation_before(_cue(doc, "said"), []) is None
    assert quotation_after(_cue(doc, "said")) is None
    assert _text(doc, content_of(doc[:], _cue(doc, "said"))) == "that bread will cost more"


def _only_cue(word: str) -> object:
    def fake(self: object, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = [Span(doc, t.i, t.i + 1, label="CUE") for t in doc if t.text == word]
        return doc

    return fake


def test_subject_is_the_source_when_the_tagger_marks_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tagged cue the rules do not know, with no tagged source: its subject's phrase."""
    from reportedly.nlp import tagger

    monkeypatch.setattr(tagger.AttributionTagger, "__call__", _only_cue("likened"))
    text = "The retired fisherman likened the new quotas to a slow drowning."
    analysis = reportedly.Pipeline(config={"stage_config": {"nlp.v1": {"tagger": True}}})(
        reportedly.read.load_article(text, fmt="text")
    )
    tagged = [a for a in analysis.attributions if a.kind == "tagged"]
    assert len(tagged) == 1
    (src,) = tagged[0].sources
    assert src.start is not None
    assert src.end is not None
    assert text[src.start : src.end] == "The retired fisherman"
