"""Frames built from the attribution tagger's cues (stages/tagged_frames.py, and the
quotation beside a cue, stages/tagged_quotes.py), on sentences
written for these tests; the tagger's spans are set by hand so the frames do not depend on
the shipped weights."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

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


def test_object_content(nlp: Language) -> None:
    doc = nlp("The mayor mentioned the new budget during the council meeting.")
    assert _text(doc, content_of(doc[:], _cue(doc, "mentioned"))) == "the new budget"


def test_clause_content_keeps_that_not_the_full_stop(nlp: Language) -> None:
    doc = nlp("The union responded that the strike would go on.")
    got = _text(doc, content_of(doc[:], _cue(doc, "responded")))
    assert got == "that the strike would go on"


def test_colon_content(nlp: Language) -> None:
    doc = nlp("Harbour chief: the ferries will sail again next week")
    got = _text(doc, content_of(doc[:], _cue(doc, ":")))
    assert got == "the ferries will sail again next week"


def test_no_content_no_frame(nlp: Language) -> None:
    doc = nlp("She smiled.")
    assert content_of(doc[:], _cue(doc, "smiled")) is None


def test_tagged_cue_becomes_an_attribution(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cue the rules do not know ("likened") gets a frame with its tagged source."""
    from reportedly.nlp import tagger

    def fake(self: tagger.AttributionTagger, doc: Doc) -> Doc:
        spans = []
        for t in doc:
            if t.text == "likened":
                spans.append(Span(doc, t.i, t.i + 1, label="CUE"))
            if t.text == "coach":
                spans.append(Span(doc, t.i - 1, t.i + 1, label="SOURCE"))
        doc.spans[SPANS_KEY] = spans
        return doc

    _patch_tagger(monkeypatch, fake)
    text = "The coach likened the final to a storm at sea."
    analysis = reportedly.Pipeline(config={"stage_config": {"nlp.v1": {"tagger": True}}})(
        reportedly.read.load_article(text, fmt="text")
    )
    tagged = [a for a in analysis.attributions if a.kind == "tagged"]
    assert len(tagged) == 1
    att = tagged[0]
    body = analysis.article.text
    assert body[att.cue.start : att.cue.end] == "likened"
    assert body[att.content_start : att.content_end] == "the final to a storm at sea"
    assert [body[s.start : s.end] for s in att.sources if s.start is not None and s.end] == [
        "The coach"
    ]


def test_object_and_its_infinitive(nlp: Language) -> None:
    doc = nlp("The coach urged his players to rest before the match.")
    got = _text(doc, content_of(doc[:], _cue(doc, "urged")))
    assert got == "his players to rest before the match"


def test_predicate_of_the_object(nlp: Language) -> None:
    doc = nlp("The critic described the film as a triumph.")
    got = _text(doc, content_of(doc[:], _cue(doc, "described")))
    assert got == "the film as a triumph"


def test_preposition_in_the_cue(nlp: Language) -> None:
    doc = nlp("The tenants complained about the broken heating.")
    cue = doc[2:4]  # "complained about"
    assert _text(doc, content_of(doc[:], cue)) == "the broken heating"


def test_quotation_before_a_bare_cue(nlp: Language) -> None:
    doc = nlp("“Who will pay for the new bridge?” the councillor asked.")
    sent = next(s for s in doc.sents if "asked" in s.text)
    got = _text(doc, content_of(sent, _cue(doc, "asked")))
    assert got is not None
    assert got.startswith("“Who will pay")


def _no_spans(self: object, raws: list[object]) -> list[list[object]]:
    return [[] for _ in raws]


def _patch_tagger(monkeypatch: pytest.MonkeyPatch, fake: Callable[[Any, Doc], Doc]) -> None:
    """The tagger marks what ``fake`` marks, one doc at a time and in its batches."""
    from reportedly.nlp import tagger

    def pipe(self: Any, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        return (fake(self, doc) for doc in docs)

    monkeypatch.setattr(tagger.AttributionTagger, "__call__", fake)
    monkeypatch.setattr(tagger.AttributionTagger, "pipe", pipe)


def test_unconfirmed_stance_is_no_attribution_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stance frame whose cue the tagger does not mark leaves the attribution records;
    the claims stay as they were."""
    from reportedly.nlp import tagger

    text = "The senator criticized the new budget on Tuesday."
    article = reportedly.read.load_article(text, fmt="text")
    off = reportedly.Pipeline(config={"stage_config": {"nlp.v1": {"tagger": False}}})(article)
    assert any(a.kind == "stance" for a in off.attributions)
    monkeypatch.setattr(tagger.Weights, "tag_many", _no_spans)
    on = reportedly.Pipeline(config={"stage_config": {"nlp.v1": {"tagger": True}}})(article)
    assert not any(a.kind == "stance" for a in on.attributions)
    assert [c.text for c in on.claims] == [c.text for c in off.claims]


def test_speech_frames_stay_without_the_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportedly.nlp import tagger

    monkeypatch.setattr(tagger.Weights, "tag_many", _no_spans)
    text = "The harbour master said the ferries would sail again."
    on = reportedly.Pipeline(config={"stage_config": {"nlp.v1": {"tagger": True}}})(
        reportedly.read.load_article(text, fmt="text")
    )
    assert [a.kind for a in on.attributions] == ["speech"]


def test_cue_ending_in_a_colon(nlp: Language) -> None:
    doc = nlp("The ferry captain added: the crossing will take an hour longer")
    cue = doc[3:5]  # "added:"
    assert _text(doc, content_of(doc[:], cue)) == "the crossing will take an hour longer"


def test_passive_cue_reports_its_subject(nlp: Language) -> None:
    doc = nlp("The new harbour plan was endorsed by the fishermen's union.")
    got = _text(doc, content_of(doc[:], doc[4:6]))  # "was endorsed"
    assert got == "The new harbour plan"


def test_verb_cue_with_only_prepositional_phrases(nlp: Language) -> None:
    doc = nlp("The council responded to the tenants' letter.")
    got = _text(doc, content_of(doc[:], _cue(doc, "responded")))
    assert got == "to the tenants' letter"


def test_time_phrase_is_no_content(nlp: Language) -> None:
    doc = nlp("The council responded on Monday.")
    assert content_of(doc[:], _cue(doc, "responded")) is None


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


def _only_cue(word: str) -> Callable[[Any, Doc], Doc]:
    def fake(self: object, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = [Span(doc, t.i, t.i + 1, label="CUE") for t in doc if t.text == word]
        return doc

    return fake


def test_subject_is_the_source_when_the_tagger_marks_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tagged cue the rules do not know, with no tagged source: its subject's phrase."""

    _patch_tagger(monkeypatch, _only_cue("likened"))
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


def test_a_complement_the_parse_took_for_an_adverbial(nlp: Language) -> None:
    doc = nlp("The mayor said after the vote she would not sign the budget.")
    got = _text(doc, content_of(doc[:], _cue(doc, "said")))
    assert got is not None
    assert got.endswith("she would not sign the budget")


def test_fronted_content_of_a_parenthetical_cue(nlp: Language) -> None:
    doc = nlp("Ferries like these, the captain said.")
    assert _text(doc, content_of(doc[:], _cue(doc, "said"))) == "Ferries like these"


def test_an_adverbial_clause_is_no_content(nlp: Language) -> None:
    for text in ("She left because the meeting ran late.", "She left when the meeting ran late."):
        doc = nlp(text)
        assert content_of(doc[:], _cue(doc, "left")) is None


def test_a_subject_the_parser_found_inside_the_quotation_is_no_speaker(nlp: Language) -> None:
    text = '"We will, sooner or later," said Ann Lee.'
    doc = nlp(text)
    # the parser hangs the quotation's "We will" from "said"
    assert [t.text for t in doc if t.dep_ == "nsubj" and t.head.text == "said"] == ["We", "Lee"]
    got = _text(doc, quotation_before(_cue(doc, "said"), []))
    assert got == '"We will, sooner or later,"'
