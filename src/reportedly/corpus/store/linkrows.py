"""Schema version 11: the link rows filled from the corpus-links blob of an older store
(:func:`reportedly.corpus.link_rows.rows_from_blob`; the same Python step on both
databases)."""

from __future__ import annotations

from .schema import Executor


def link_rows_from_blob(db: Executor) -> None:
    """Fill the link rows from the stored ``corpus_links`` blob, if any."""
    from ..link_rows import rows_from_blob  # the corpus package imports the store

    rows_from_blob(db)
