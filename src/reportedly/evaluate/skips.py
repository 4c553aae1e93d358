"""What every scorer keeps about the items it could not analyse."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import ReportedlyError

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

#: Items whose error message a report keeps (the count covers them all).
MAX_ERROR_EXAMPLES = 20


@dataclass(kw_only=True)
class Skips:
    """Counts of skipped items by error code, with a few examples; a base of the reports."""

    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[dict[str, str]] = field(default_factory=list)

    def record_error(self, item: str, exc: ReportedlyError, *, key: str = "id") -> None:
        """Count ``item`` as skipped because of ``exc`` (``key`` names the item's field)."""
        self.skipped += 1
        self.errors[str(getattr(exc, "code", type(exc).__name__))] += 1
        if len(self.error_examples) < MAX_ERROR_EXAMPLES:
            self.error_examples.append({key: item, "error": str(exc)})

    def attempt(self, item: str, call: Callable[[], T], *, key: str = "id") -> T | None:
        """What ``call()`` returns, or None with ``item`` counted as skipped when it raises
        a :class:`~reportedly.errors.ReportedlyError`."""
        try:
            return call()
        except ReportedlyError as exc:
            self.record_error(item, exc, key=key)
            return None

    def error_fields(self) -> dict[str, Any]:
        """The ``errors`` and ``error_examples`` entries of a report's dict."""
        return {"errors": dict(self.errors), "error_examples": list(self.error_examples)}

    def render_errors(self, console: Console) -> None:
        if self.errors:
            listed = ", ".join(f"{code} x{n}" for code, n in sorted(self.errors.items()))
            console.print(f"[yellow]skipped on errors:[/yellow] {listed}")
