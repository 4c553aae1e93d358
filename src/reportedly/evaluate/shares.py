"""A share of items right, and the table the scorers print such shares in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["Share", "share_table"]


@dataclass
class Share:
    """How many of ``total`` items were right (``value`` is 1.0 over nothing)."""

    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, int | float]:
        return {"hit": self.hit, "total": self.total, "value": round(self.value, 4)}


def share_table(title: str, rows: Iterable[tuple[str, Share]], *, first: str = "score") -> Table:
    """A table of shares: one row per ``(label, share)`` with right / of / value."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column(first)
    for name in ("right", "of", "value"):
        table.add_column(name, justify="right")
    for label, share in rows:
        table.add_row(label, str(share.hit), str(share.total), f"{share.value:.3f}")
    return table
