"""answer_store takes the copy groups of its candidates from the store's copy index when
the index holds them all: the same links as comparing the candidates (find_copies)."""

from __future__ import annotations

from pathlib import Path

from reportedly.ask.retrieve import stored_copy_pairs
from reportedly.corpus.copy_index import update_copy_index
from reportedly.corpus.dedupe import copy_links as _copy_links
from reportedly.corpus.dedupe import find_copies
from reportedly.corpus.store import Store
from reportedly.records import Analysis, Article

STORY = (
    "The harbour board of the coastal town voted on Tuesday to close the old ferry pier "
    "for six months while engineers replace the rotten wooden pilings under the landing "
    "stage, a repair the board said had been postponed for almost a decade because the "
    "money kept going to the new marina on the other side of the bay."
)
OTHER = (
    "A bakery cooperative in the hill villages has started delivering bread by electric "
    "van to the farms that lost their weekly bus service last spring, and the drivers "
    "now also carry parcels and prescriptions from the pharmacy in the valley."
)


def _analysis(text: str, outlet: str, published: str) -> Analysis:
    return Analysis(article=Article(text=text, id=outlet, outlet=outlet, published=published))


def _articles() -> list[Analysis]:
    near = STORY.replace("the other side of the bay", "the far side of the bay")
    return [
        _analysis(STORY, "Harbour Times", "2025-05-06"),
        _analysis(near, "Coast Weekly", "2025-05-05"),  # near copy, published first
        _analysis("BRISTOL (Reuters) - " + OTHER, "Valley Post", "2025-05-06"),
        _analysis(OTHER.replace("bread", "rolls"), "Hill News", "2025-05-08"),
        _analysis("The council opened a new library in the old fire station.", "Town", ""),
    ]


def test_stored_pairs_give_the_links_of_find_copies(tmp_path: Path) -> None:
    analyses = _articles()
    with Store(tmp_path / "copies.db") as store:
        for a in analyses:
            assert store.add(a)
        assert not store.add(_analysis(STORY, "Bay Courier", "2025-05-07"))  # the same text
        hashes = {a.article.id: a.article.content_hash for a in analyses}
        assert stored_copy_pairs(store, hashes) is None  # not linked yet: compare
        update_copy_index(store)
        for subset in (analyses, analyses[::-1], analyses[:2], [analyses[1], analyses[2]]):
            pairs = stored_copy_pairs(store, {a.article.id: a.article.content_hash for a in subset})
            assert pairs is not None
            assert _copy_links(subset, pairs) == find_copies(subset)
        later = _analysis(STORY + " The pier reopens in November.", "Late Edition", "2025-06-01")
        store.add(later)  # stored after the last link: not indexed
        mixed = {a.article.id: a.article.content_hash for a in [*analyses, later]}
        assert stored_copy_pairs(store, mixed) is None
