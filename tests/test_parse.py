"""The nlp stage's parse (reportedly.nlp.parse) gives the docs nlp.pipe gives; the
lemmatizer with its lemmas kept (reportedly.nlp.lemma_cache) sets what it sets."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.nlp.lemma_cache import LemmaCache
from reportedly.nlp.parse import Parser

TEXTS = [
    "I don't think it's over, the minister said, but we ain't giving up.",
    "There's nothing left, y'all: let's go, gonna be fine.  It is not.",
    "Officials, who declined to be named, said that the talks had stalled.",
    "",
    "Rain.",
    "The officials said the officials' talks stalled; talks, they said, had stalled.",
    "She saw the saw they left on the left, and it was left there.",
]


def _model() -> Any:
    from reportedly.nlp.model import load_model, model_name

    return load_model(model_name())


def _before_lemmas(nlp: Any, text: str) -> Any:
    """``text`` parsed by the components before the lemmatizer."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "lemmatizer":
            return doc
        doc = proc(doc)
    raise AssertionError("the model has no lemmatizer")


def test_parser_gives_the_docs_nlp_pipe_gives() -> None:
    nlp = _model()
    expected = [doc.to_bytes() for doc in nlp.pipe(TEXTS, batch_size=len(TEXTS))]
    assert [doc.to_bytes() for doc in Parser(nlp).pipe(TEXTS, len(TEXTS))] == expected
    kinds = {type(step).__name__ for step in Parser(nlp).steps}
    assert {"AttributeIndex", "LemmaCache"} <= kinds


def test_kept_lemmas_are_the_lemmatizers(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = _model()
    lemmatizer = nlp.get_pipe("lemmatizer")
    cache = LemmaCache(lemmatizer)
    for text in TEXTS * 2:
        expected = [t.lemma_ for t in lemmatizer(_before_lemmas(nlp, text))]
        assert [t.lemma_ for t in cache(_before_lemmas(nlp, text))] == expected
    asked: list[str] = []

    def lemmatize(token: Any) -> list[str]:
        asked.append(token.text)
        return ["?"]

    monkeypatch.setattr(lemmatizer, "lemmatize", lemmatize)
    doc = cache(_before_lemmas(nlp, TEXTS[2]))
    assert asked == []  # every form of the sentence was seen above
    assert doc[0].lemma_ == "official"


def test_a_lemma_already_set_stays() -> None:
    nlp = _model()
    doc = _before_lemmas(nlp, "The officials said so.")
    doc[1].lemma_ = "OFFICIAL"
    doc = LemmaCache(nlp.get_pipe("lemmatizer"))(doc)
    assert [t.lemma_ for t in doc] == ["the", "OFFICIAL", "say", "so", "."]


def test_only_a_lemmatizer_spacy_lemmatizes_is_cached() -> None:
    import spacy
    from spacy.pipeline import Lemmatizer

    nlp = spacy.blank("en")
    assert LemmaCache.applies(_model().get_pipe("lemmatizer"))
    assert not LemmaCache.applies(nlp.add_pipe("sentencizer"))
    assert not LemmaCache.applies(
        nlp.add_pipe("lemmatizer", name="overwriting", config={"overwrite": True})
    )

    class Contextual(Lemmatizer):
        def rule_lemmatize(self, token: Any) -> list[str]:
            return [token.nbor(-1).text if token.i else token.text]

    own = Contextual(nlp.vocab, None, mode="rule")
    assert not LemmaCache.applies(own)
