"""The key a name is looked up by in the corpus store (case-folded, whitespace collapsed)."""

from __future__ import annotations


def fold(value: str | None) -> str | None:
    """The key a name is looked up by: case-folded, whitespace collapsed."""
    if value is None:
        return None
    return " ".join(value.casefold().split())
