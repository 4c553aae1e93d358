"""A share of items right."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Share"]


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
