"""What every scorer's report holds: its gold file, its skips, its time and its metrics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .metrics import rounded
from .skips import Skips

__all__ = ["Report"]


@dataclass(kw_only=True)
class Report(Skips):
    """The base of the reports: ``path`` of the gold file, ``seconds`` the run took."""

    path: str
    seconds: float = 0.0

    def per_second(self, n: int) -> float:
        """``n`` items over the run's time (0.0 before the run)."""
        return n / self.seconds if self.seconds > 0 else 0.0

    @property
    def metrics(self) -> dict[str, float]:
        """Flat metric names, as used in ``quality/floors.json``."""
        return {}

    def scored_fields(self) -> dict[str, Any]:
        """The ``metrics``, ``errors`` and ``error_examples`` entries of the report's dict."""
        return {"metrics": rounded(self.metrics), **self.error_fields()}
