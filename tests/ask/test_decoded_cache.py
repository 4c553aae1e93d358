"""answer_store keeps the analyses it decoded: the same stored JSON is decoded once, a
changed one again, and the cache stays bounded."""

from __future__ import annotations

import json

import pytest

from reportedly.ask import cache
from reportedly.records import Analysis, Article, Claim, to_dict


def _json(text: str) -> str:
    article = Article(text=text, outlet="Lakeside Gazette", published="2025-09-14")
    claim = Claim("c1", text, 0, len(text), "asserted", 0, len(text))
    return json.dumps(to_dict(Analysis(article=article, claims=[claim])))


def test_same_text_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_decoded_cache", type(cache._decoded_cache)())
    stored = _json("The ferry to the island runs twice a day in winter.")
    first = cache.decoded(stored)
    assert cache.decoded(stored) is first
    assert first.claims[0].text.startswith("The ferry")
    assert first.attributions == []  # not read by answering
    assert first.hedges == []
    changed = _json("The ferry to the island runs three times a day in winter.")
    assert cache.decoded(changed) is not first


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_decoded_cache", type(cache._decoded_cache)())
    monkeypatch.setattr(cache, "DECODED_CACHE_SIZE", 3)
    texts = [_json(f"The market opens at {h} o'clock on Saturdays.") for h in range(5, 10)]
    decoded = [cache.decoded(t) for t in texts]
    assert len(cache._decoded_cache) == 3
    assert cache.decoded(texts[-1]) is decoded[-1]  # recent: kept
    assert cache.decoded(texts[0]) is not decoded[0]  # oldest: decoded again
