"""Corpus links (copies, stories, claim clusters, contradictions), computed once per corpus state.

The links are made by the registered corpus linkers (:mod:`.linker`, entry-point group
``reportedly.linkers``), run in the order :data:`LINK_ORDER` declares; a linker's
``requires`` must be assigned by a linker before it.

Copies are found incrementally against the copy index kept in the store
(:mod:`.copy_index`), stories are clustered from the story units kept in the store, and
claim clusters and contradictions are recomputed only for the stories that changed
(:mod:`.story_index`). The links are kept in the store as rows (:mod:`.link_rows`), brought
up to date once after the corpus changes, only the rows of the stories that changed
rewritten; ``stories``, ``contradictions``, the web pages and the Python API read the rows
(:func:`corpus_links` makes one :class:`Links` of them for callers that want all).
``reportedly ingest`` updates them at the end of a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import StageOrderError
from ..records import Analysis
from .builtin_linkers import BUILTIN_LINKERS, COPIES, UNREAD_FIELDS
from .copy_index import stored_copies, update_copy_index
from .link_rows import read_links, update_links
from .linker import LINK_FIELDS, LINKERS, Linker, Links

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "LINK_ORDER",
    "Links",
    "check_link_order",
    "compute_links",
    "corpus_links",
    "ensure_links",
    "full_links",
    "link",
    "update_links",
]

#: The corpus linkers compute_links runs, in order.
LINK_ORDER: tuple[str, ...] = ("copies", "stories", "claim-clusters", "contradictions")


def check_link_order(order: Sequence[str]) -> list[Linker]:
    """The linkers of ``order``; StageOrderError when one requires a field that no
    linker before it assigns (or names a field Links does not have)."""
    linkers = [LINKERS.get(name) for name in order]
    assigned: set[str] = set()
    for name, linker in zip(order, linkers, strict=True):
        unknown = sorted((set(linker.requires) | set(linker.assigns)) - set(LINK_FIELDS))
        if unknown:
            raise StageOrderError(
                f"corpus linker {name!r} names {', '.join(unknown)}, which Links does not "
                f"have (fields: {', '.join(LINK_FIELDS)})"
            )
        missing = [f for f in linker.requires if f not in assigned]
        if missing:
            raise StageOrderError(
                f"corpus linker {name!r} requires {', '.join(missing)}; put a linker that "
                "assigns it before it"
            )
        assigned.update(linker.assigns)
    return linkers


def link(analyses: Sequence[Analysis], order: Sequence[str] = LINK_ORDER) -> Links:
    """Run the linkers of ``order`` over ``analyses``."""
    links = Links()
    for linker in check_link_order(order):
        linker.link(analyses, links)
    return links


def full_links(store: Store) -> Links:
    """Link every stored article from scratch, every linker over every analysis (the
    reference the incremental path is tested against)."""
    return link(list(store.analyses()))


def compute_links(store: Store, order: Sequence[str] = LINK_ORDER) -> Links:
    """Link every stored article.

    With the built-in linkers in their order, the link rows are brought up to date
    (:func:`.link_rows.update_links`, every story compared with its row, even when the
    rows are of this state) and read: nothing reads every analysis, copies come from the
    copy index kept in the store (:mod:`.copy_index`), stories from the story units kept
    in the store, and claim clusters and contradictions are recomputed only for the
    stories that changed (:mod:`.story_index`); the result is that of :func:`full_links`.
    Other orders or linkers run over every analysis (without the fields no built-in linker
    reads, when they are all built-ins), the copy index still standing in for the
    built-in copies linker, and store nothing."""
    linkers = check_link_order(order)
    builtin = all(x in BUILTIN_LINKERS for x in linkers)
    if tuple(order) == LINK_ORDER and linkers == list(BUILTIN_LINKERS):
        update_links(store, force=True, without=UNREAD_FIELDS)
        return read_links(store)
    links = Links()
    analyses: list[Analysis] | None = None
    for name, linker in zip(order, linkers, strict=True):
        if name == "copies" and linker is COPIES:
            update_copy_index(store)
            links.copies = stored_copies(store)
            continue
        if analyses is None:
            analyses = list(store.analyses(without=UNREAD_FIELDS if builtin else ()))
        linker.link(analyses, links)
    return links


def ensure_links(store: Store, *, refresh: bool = False) -> int:
    """Bring the link rows up to date when the corpus changed since they were computed
    (or with ``refresh``); how many stories' rows were rewritten. Readers of the rows
    (:mod:`.link_rows`) call this first."""
    return update_links(store, force=refresh, without=UNREAD_FIELDS)


def corpus_links(store: Store, *, refresh: bool = False) -> Links:
    """The links of the store as it is now, read from the link rows, which are brought
    up to date first when the corpus changed since (or with ``refresh``)."""
    ensure_links(store, refresh=refresh)
    return read_links(store)
