"""The tables the scorers print: shares right, and P/R/F1 rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .shares import Share
from .spans import PRF

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["count_cells", "prf_cells", "prf_table", "ratio_cells", "share_table"]

#: The columns of a :func:`prf_table` after its label columns.
COUNT_COLUMNS = ("tp", "fp", "fn", "P", "R", "F1")


def ratio_cells(*ratios: float) -> list[str]:
    """Ratios (precision, recall, F1...) as cells, three decimals each."""
    return [f"{r:.3f}" for r in ratios]


def prf_cells(prf: PRF) -> list[str]:
    """Precision, recall and F1, three decimals each."""
    return ratio_cells(prf.precision, prf.recall, prf.f1)


def count_cells(prf: PRF) -> list[str]:
    """tp, fp, fn, then :func:`prf_cells`."""
    return [str(prf.tp), str(prf.fp), str(prf.fn), *prf_cells(prf)]


def _table(title: str, labels: Sequence[str], right: Sequence[str]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for name in labels:
        table.add_column(name)
    for name in right:
        table.add_column(name, justify="right")
    return table


def share_table(title: str, rows: Iterable[tuple[str, Share]], *, first: str = "score") -> Table:
    """A table of shares: one row per ``(label, share)`` with right / of / value."""
    table = _table(title, (first,), ("right", "of", "value"))
    for label, share in rows:
        table.add_row(label, str(share.hit), str(share.total), f"{share.value:.3f}")
    return table


def prf_table(
    title: str, labels: Sequence[str], rows: Iterable[tuple[Sequence[str], PRF]]
) -> Table:
    """A table of counts and P/R/F1: one row per ``(label cells, prf)``."""
    table = _table(title, labels, COUNT_COLUMNS)
    for cells, prf in rows:
        table.add_row(*cells, *count_cells(prf))
    return table
