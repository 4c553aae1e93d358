"""Ask's claim search for a name and an action within a few articles (both backends), and
the name look-ups a question makes once (issue 12: ask latency at 10,000 articles)."""

from __future__ import annotations

import pytest

import reportedly
from reportedly.corpus.store import Store
from reportedly.corpus.store import names as names_module
from reportedly.corpus.store.names import resolve, resolving
from reportedly.corpus.store.retrieval import articles_with_claims_about, canonical_names
from reportedly.records import Analysis, Article


def analyse(aid: str, published: str, text: str) -> Analysis:
    title = text.split("\n", 1)[0]
    return reportedly.analyze(
        Article(text=text, id=aid, title=title, outlet="Coast Post", published=published)
    )


HARBOUR = """Port officials fine ferry firm

Harbour officials fined the ferry company Nordwake on Monday, the port authority said.
Nordwake said it would appeal the fine. The mayor of Portsend praised the officials.
"""

ROUTE = """Nordwake opens a route

Nordwake opened a new ferry route to Portsend on Tuesday, the company said. Officials
said the route was safe.
"""

MARKET = """Fish market reopens

The Portsend fish market reopened on Wednesday. Traders said Nordwake ferries brought
more visitors, and the company fined no one.
"""


@pytest.fixture
def three() -> list[Analysis]:
    return [
        analyse("harbour", "2025-03-03", HARBOUR),
        analyse("route", "2025-03-04", ROUTE),
        analyse("market", "2025-03-05", MARKET),
    ]


def test_the_search_within_articles_is_the_search_narrowed(
    store_location: str, three: list[Analysis]
) -> None:
    """Within a set of articles (PostgreSQL: the claims naming the name checked by their
    own search vector; SQLite: against the matches' rowids) the claim search finds what
    the search over the whole store finds among them."""
    with Store(store_location) as store:
        for a in three:
            store.add(a)
        canon = sorted(canonical_names(store, ["Portsend"]))
        for words in ('"praise"*', '"reopen"* OR "praised"', '"appeal"*', '"sail"*'):
            every = articles_with_claims_about(store, canon, text=words)
            for within in ({"harbour", "route"}, {"market"}, {"route"}, {"nowhere"}, set()):
                got = articles_with_claims_about(store, canon, text=words, within=within)
                assert got == every & within, (words, within)
        assert articles_with_claims_about(store, canon, text='"praise"*') == {"harbour"}
        assert articles_with_claims_about(
            store, canon, text='"reopen"* OR "praised"', within={"market", "route"}
        ) == {"market"}


def test_names_are_looked_up_once_per_question(
    store_location: str, three: list[Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = names_module._resolve

    def counted(db: object, name: str) -> list[str]:
        calls.append(name)
        return real(db, name)  # type: ignore[arg-type]

    monkeypatch.setattr(names_module, "_resolve", counted)
    with Store(store_location) as store:
        for a in three:
            store.add(a)
        db = store.backend
        outside = [resolve(db, "Nordwake"), resolve(db, "Nordwake")]
        assert len(calls) == 2  # nothing is remembered outside a block
        calls.clear()
        with resolving():
            inside = [resolve(db, "Nordwake"), resolve(db, "Nordwake"), resolve(db, "Portsend")]
            assert canonical_names(store, ["Nordwake"]) == canonical_names(store, ["Nordwake"])
        assert calls == ["Nordwake", "Portsend"]
        assert inside[:2] == outside
        # the block's answers are forgotten with it
        calls.clear()
        resolve(db, "Nordwake")
        assert calls == ["Nordwake"]
