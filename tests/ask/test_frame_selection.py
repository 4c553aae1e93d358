"""Reading the candidates whose claim frames fit the question first (issue 12): when
more articles could bear on a question than are read, the ones where its actor does its
action come before the ones that only name the actor."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

import reportedly
from reportedly.ask.question import parse_question
from reportedly.ask.retrieve import frame_articles, select_by_frames
from reportedly.corpus.store import Store
from reportedly.records import Article

TEXTS = {
    "sued": "Ferry firm sues harbour town\n\nThe ferry company Nordwake sued the town of"
    " Portsend over its harbour fees on Monday.",
    "named": "Nordwake opens a new route\n\nNordwake will open a ferry route to Portsend in"
    " May, the company said. The mayor of Portsend welcomed the route.",
    "other": "Harbour strike ends\n\nDockworkers in Portsend returned to work on Tuesday"
    " after the harbour raised their wages.",
}


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "frames.db")
    for aid, text in TEXTS.items():
        store.add(
            reportedly.analyze(
                Article(text=text, id=aid, outlet="Coast Post", published="2025-03-04")
            )
        )
    return store


def test_the_article_whose_frame_fits_is_read_first(tmp_path: Path) -> None:
    q = parse_question("Did Nordwake sue Portsend?")
    with _store(tmp_path) as store:
        ids = set(TEXTS)
        framed = frame_articles(store, q, ids)
        assert "sued" in framed
        assert "named" not in framed
        assert select_by_frames(store, q, ids, limit=1) == {"sued"}
        # no more candidates than are read: all of them, as before frames
        assert select_by_frames(store, q, ids, limit=3) == ids


def test_only_the_tied_articles_are_ranked(monkeypatch: pytest.MonkeyPatch) -> None:
    """With more fitting articles than are read, the choice is the one of ranking every
    fitting article (most frames, then most claims naming the people, then id), while
    only the articles tied at the last place have their claims counted."""
    import random

    from reportedly.ask import retrieve

    rng = random.Random(5)
    asked: list[list[str]] = []
    claims: dict[str, int] = {}

    def count(_store: object, wanted: Iterable[str], _canon: object) -> dict[str, int]:
        got = sorted(wanted)
        asked.append(got)
        return {a: claims[a] for a in got if claims[a]}

    monkeypatch.setattr(retrieve, "claims_naming_counts", count)
    for _ in range(200):
        ids = [f"a{i:02d}" for i in range(rng.randint(1, 30))]
        framed = {a: rng.randint(1, 4) for a in ids}
        claims.clear()
        claims.update({a: rng.randint(0, 3) for a in ids})
        asked.clear()
        limit = rng.randint(1, len(ids))
        every = sorted(framed, key=lambda a: (-framed[a], -claims[a], a))
        got = retrieve._most_framed(None, framed, [], limit)  # type: ignore[arg-type]
        assert got == set(every[:limit])
        edge = framed[every[limit - 1]]
        assert all(framed[a] == edge for ranked in asked for a in ranked)
