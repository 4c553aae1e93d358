"""What answering derives from an analysis whatever the question (events by claim,
entities by id, mention spans, normalised names) is kept with a decoded stored analysis,
and made anew for analyses a caller gives (the caller may change them)."""

from __future__ import annotations

import json

import pytest

from reportedly.ask import cache
from reportedly.ask.index import Index
from reportedly.records import Analysis, Article, Claim, Entity, Mention, to_dict

TEXT = "Mayor Ana Ruiz opened the new footbridge over the canal on Sunday."


def _analysis() -> Analysis:
    article = Article(text=TEXT, outlet="Canal Post", published="2025-06-01")
    claim = Claim("c1", TEXT, 0, len(TEXT), "asserted", 0, len(TEXT))
    ruiz = Entity("e1", "Ana Ruiz", "PERSON", mentions=[Mention("Ana Ruiz", 6, 14)])
    return Analysis(article=article, claims=[claim], entities=[ruiz])


def test_decoded_analyses_share_what_is_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_decoded_cache", type(cache._decoded_cache)())
    monkeypatch.setattr(cache, "_derived_cache", type(cache._derived_cache)())
    decoded = cache.decoded(json.dumps(to_dict(_analysis())))
    first = Index([decoded]).docs[0]
    assert first.named_in(0, len(TEXT)) == [(6, 14, "e1")]
    again = Index([decoded]).docs[0]
    assert again.derived is first.derived


def test_given_analyses_are_derived_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_derived_cache", type(cache._derived_cache)())
    given = _analysis()
    first = Index([given]).docs[0]
    assert first.named_in(0, len(TEXT)) == [(6, 14, "e1")]
    given.entities[0].mentions.append(Mention("Ruiz", 10, 14, kind="surname"))
    again = Index([given]).docs[0]
    assert again.derived is not first.derived
    assert again.named_in(0, len(TEXT)) == [(6, 14, "e1"), (10, 14, "e1")]
