"""The copy index kept in the store gives the copy links of the all-pairs comparison.

Synthetic corpora we generate: random texts, exact copies (which the store refuses), near
copies (a word or two changed), copies of copies, wire datelines; stored in two rounds with
a link after each (the second round is matched only against the index), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random

from reportedly.corpus.copy_index import copy_keys, stored_copies, update_copy_index
from reportedly.corpus.dedupe import find_copies
from reportedly.corpus.links import compute_links, full_links
from reportedly.corpus.records import CopyLink
from reportedly.corpus.store import Store
from reportedly.records import Analysis, Article

#: A small vocabulary, so that unrelated texts share shingles now and then.
WORDS = [f"w{i}" for i in range(40)]
WIRES = ["LONDON (Reuters) - ", "WASHINGTON (AP) — ", ""]


def synthetic(rng: random.Random, n: int) -> list[Analysis]:
    texts: list[str] = []
    for _ in range(n):
        roll = rng.random()
        if texts and roll < 0.15:
            text = rng.choice(texts)  # an exact copy
        elif texts and roll < 0.35:
            words = rng.choice(texts).split()
            for _ in range(rng.randint(1, 2)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)  # a near copy (of an original or of a copy)
        else:
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 70)))
            text = rng.choice(WIRES) + body
        texts.append(text)
    days = [None, "2024-12-01", "2024-12-02", "2024-12-02T10:00:00"]
    return [
        Analysis(article=Article(text=t, id=f"a{k:04d}", title=f"t{k}", published=rng.choice(days)))
        for k, t in enumerate(texts)
    ]


def _key(links: list[CopyLink]) -> list[tuple[str, str, float, bool, str]]:
    return [(c.article, c.original, c.similarity, c.exact, c.kind) for c in links]


def test_incremental_copies_equal_all_pairs(store_location: str) -> None:
    rng = random.Random(13)
    analyses = synthetic(rng, 160)
    with Store(store_location) as store:
        kept = []
        for round_ in (analyses[:100], analyses[100:]):
            for a in round_:
                if store.add(a):
                    kept.append(a)
            update_copy_index(store)
            assert _key(stored_copies(store)) == _key(find_copies(kept))
        assert any(c.kind == "near" for c in find_copies(kept))
        assert any(c.kind == "wire" for c in find_copies(kept))
        assert compute_links(store).to_dict() == full_links(store).to_dict()


def test_interrupted_index_is_completed(store_location: str) -> None:
    """Articles whose keys were never written (a run killed after their pairs) are indexed
    again by the next run, with the same links as an uninterrupted one."""
    analyses = synthetic(random.Random(7), 60)
    with Store(store_location) as store:
        ids = [a.article.id for a in analyses if store.add(a)][30:]
        update_copy_index(store)
        expected = _key(stored_copies(store))
        marks = ", ".join("?" * len(ids))
        store.backend.execute(f"DELETE FROM copy_keys WHERE article_id IN ({marks})", ids)
        assert update_copy_index(store) == len(ids)
        assert _key(stored_copies(store)) == expected
        assert update_copy_index(store) == 0


def test_copy_keys_are_stable_and_match_a_near_copy() -> None:
    text = " ".join(f"w{i}" for i in range(60))
    changed = text.replace("w30", "x30")
    a, size_a = copy_keys(Article(text=text, id="a"))
    b, _ = copy_keys(Article(text=changed, id="b"))
    assert size_a == 56
    assert {k for k in a if k.startswith("p:")} & {k for k in b if k.startswith("p:")}
    assert copy_keys(Article(text=text, id="a")) == (a, size_a)
    wire, _ = copy_keys(Article(text="PARIS (AFP) - " + text, id="w"))
    assert "w:AFP" in wire


def test_analyses_without_fields(store_location: str, corpus: list[Analysis]) -> None:
    """Linking loads analyses without the fields no built-in linker reads; the links are
    those of the full analyses."""
    with Store(store_location) as store:
        for a in corpus:
            store.add(a)
        slim = list(store.analyses(without=("attributions", "hedges")))
        assert [a.article.id for a in slim] == [a.article.id for a in store.analyses()]
        assert all(not a.attributions and not a.hedges for a in slim)
        assert any(a.attributions for a in store.analyses())
        assert compute_links(store).to_dict() == full_links(store).to_dict()


def test_known_copy_links_are_reused_and_only_changed_groups_read(store_location: str) -> None:
    rng = random.Random(19)
    analyses = synthetic(rng, 120)
    with Store(store_location) as store:
        kept = [a for a in analyses[:90] if store.add(a)]
        update_copy_index(store)
        before = stored_copies(store)
        known = {c.article: c for c in before}
        read: list[str] = []
        real = store.analysis_json_for

        def counted(ids: object) -> list[str]:
            wanted = list(ids)  # type: ignore[call-overload]
            read.extend(wanted)
            return real(wanted)

        store.analysis_json_for = counted  # type: ignore[method-assign]
        assert _key(stored_copies(store, known=known)) == _key(before)
        assert read == []  # nothing changed: no text read
        kept += [a for a in analyses[90:] if store.add(a)]
        update_copy_index(store)
        read.clear()
        after = stored_copies(store, known=known)
        assert _key(after) == _key(find_copies(kept))
        in_corpus = [c for c in after if c.kind != "wire"]
        assert len(set(read)) < len({x for c in in_corpus for x in (c.article, c.original)})
