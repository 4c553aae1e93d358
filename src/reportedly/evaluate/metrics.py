"""Flat metric names, as the reports list them for ``quality/floors.json``."""

from __future__ import annotations

from collections.abc import Mapping

from .spans import PRF

__all__ = ["prf_metrics", "rounded"]


def prf_metrics(prefix: str, prf: PRF) -> dict[str, float]:
    """``<prefix>_precision``, ``<prefix>_recall`` and ``<prefix>_f1`` of ``prf``."""
    return {
        f"{prefix}_precision": prf.precision,
        f"{prefix}_recall": prf.recall,
        f"{prefix}_f1": prf.f1,
    }


def rounded(metrics: Mapping[str, float]) -> dict[str, float]:
    """The metrics as a report's dict holds them (four decimals)."""
    return {k: round(v, 4) for k, v in metrics.items()}
