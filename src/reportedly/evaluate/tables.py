"""The tables the scorers print: shares right, and P/R/F1 rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from .shares import Share
from .spans import PRF

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["count_cells", "prf_cells", "prf_table", "share_table"]

#: The columns of a :func:`prf_table` after its label columns.
COUNT_COLUMNS = ("tp", "fp", "fn", "P", "R", "F1")


class Ratios(Protocol):
    """Anything with a precision, a recall and an F1 (:class:`PRF`, B-cubed)."""

    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...


def prf_cells(prf: Ratios) -> list[str]:
    """Precision, recall and F1, three decimals each."""
    return [f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}"]


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
