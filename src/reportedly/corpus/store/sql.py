"""Small SQL builders the store's queries share: ``IN`` lists, id batches, name keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from ...text.keys import name_key

#: The values an ``IN`` list holds: text keys and ids, or integer rowids.
Value = TypeVar("Value", str, int)

#: Ids per ``IN (...)`` list when a query takes many (well under every database's limit).
BATCH = 500


def in_list(values: Iterable[Value]) -> tuple[str, list[Value]]:
    """``(?, ?, ...)`` and its arguments for an SQL ``IN`` list (never empty)."""
    vals = sorted(set(values))
    if not vals:
        return "(NULL)", []
    return "(" + ", ".join("?" * len(vals)) + ")", vals


def batches(ids: Iterable[Value]) -> Iterator[tuple[str, list[Value]]]:
    """``(marks, values)`` of :func:`in_list` for the distinct ids, :data:`BATCH` at a time."""
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), BATCH):
        yield in_list(wanted[i : i + BATCH])


def key_column(value: str | None) -> str | None:
    """What a key column holds for ``value``: its :func:`name_key`, NULL for NULL."""
    return None if value is None else name_key(value)


def keys(values: Iterable[str | None]) -> list[str]:
    """The distinct non-empty lookup keys of ``values``."""
    return sorted({name_key(v) for v in values if v} - {""})
