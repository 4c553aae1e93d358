"""Link a whole corpus again (``reportedly relink``): copies, stories, and the claim
clusters and contradictions of every story, in one process or spread over Dask workers.

The incremental link after an ingest re-clusters only the stories the new articles can
touch, with the weights of their time (:func:`.link_rows.local_stories`); a relink is the
reference it drifts from: every story is clustered again over the whole corpus and every
story's claim clusters are computed again. The stories are made in this process (from the
story units and document frequencies kept in the store, a few seconds at 100,000
articles); the claim clusters, which read every analysis, are computed one batch of whole
stories at a time (:func:`.story_index.story_batches`), each batch by a worker that opens
the store itself. Batches are independent, so the rows are the same with any number of
workers, and written in one transaction at the end (a relink killed midway leaves the
rows it started from)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

from .builtin_linkers import UNREAD_FIELDS
from .ingest import WorkerCluster
from .link_rows import update_links
from .records import CopyLink, Story
from .store import Store
from .story_index import Part, claims_of_batch, story_batches

__all__ = ["relink"]

#: A worker's open stores, by location (opened on its first batch, kept for the next).
_WORKER_STORES: dict[str, Store] = {}


def claims_remote(
    location: str, batch: list[Story], copies: list[CopyLink], without: list[str]
) -> list[Part]:
    """The task a Dask worker runs: the claim clusters of one batch of stories."""
    store = _WORKER_STORES.get(location)
    if store is None:
        store = _WORKER_STORES[location] = Store(location)
    return claims_of_batch(store, batch, copies, without)


def relink(store: Store, *, workers: int = 1, scheduler: str | None = None) -> int:
    """Link every article of ``store`` again; how many stories' rows were written.

    ``workers > 1`` computes the claim clusters in that many local Dask worker processes,
    ``scheduler`` (``tcp://host:port``) on an existing Dask cluster whose workers can open
    the store (a PostgreSQL URL, or an SQLite path they share)."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if workers == 1 and scheduler is None:
        return update_links(store, every=True, without=UNREAD_FIELDS)
    with ExitStack() as stack:
        cluster = WorkerCluster(stack, workers, scheduler, {})

        def spread(
            store: Store,
            stories: Sequence[Story],
            copies: Sequence[CopyLink],
            without: Sequence[str],
        ) -> list[Part]:
            client: Any = cluster.client
            shared = client.scatter(list(copies), broadcast=True)
            futures = [
                client.submit(
                    claims_remote, store.location, batch, shared, list(without), pure=False
                )
                for batch in story_batches(stories)
            ]
            out: list[Part] = []
            for future in futures:  # in batch order: the rows do not depend on who was first
                out.extend(future.result())
                future.release()
            return out

        return update_links(store, every=True, without=UNREAD_FIELDS, claims=spread)
