"""Abbreviated titles (lexicons/abbreviations.txt) stay one token, and the speaker after
them keeps his name: sentences written for these tests."""

from __future__ import annotations

import reportedly
from reportedly import lexicons
from reportedly.nlp.model import load_model, model_name


def test_the_shipped_list_keeps_case_and_period() -> None:
    found = lexicons.Lexicons.load().abbreviations
    assert {"Lt.", "Brig.", "Lt.-Gen."} <= set(found)
    assert all(a.endswith(".") and a[0].isupper() for a in found)


def test_a_title_is_one_token_and_ends_no_sentence() -> None:
    doc = load_model(model_name())("Det. Supt. John Marsh said the man was arrested.")
    assert [t.text for t in doc][:2] == ["Det.", "Supt."]
    assert len(list(doc.sents)) == 1


def test_the_speaker_after_two_titles_is_the_source() -> None:
    text = "Sgt. Maj. Ruth Ames said the unit would stay in the valley until the spring."
    analysis = reportedly.Pipeline()(reportedly.read.load_article(text, fmt="text"))
    claim = next(c for c in analysis.claims if "unit would stay" in c.text)
    assert [s.name for s in claim.source_chain if s.level >= 1] == ["Ruth Ames"]
