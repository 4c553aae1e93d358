"""Quotation regions of a text: the spans between paired quotation marks (an opening mark
that is never closed runs to the end of the text)."""

from __future__ import annotations

import re

QUOTE_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")
#: The same with straight and curly double marks taken for one another: an opening mark
#: closes at the next closing or straight mark ('"It is safe,” she said': copy that mixes
#: them, where the strict pairing runs the quotation on past "said").
MIXED_QUOTE_RE = re.compile(r"[“\"][^”\"]*[”\"]?|«[^»]*»?")


def quote_regions(text: str, *, mixed: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each quotation of ``text``, its marks included (``mixed``: straight
    and curly marks pair with each other)."""
    pattern = MIXED_QUOTE_RE if mixed else QUOTE_RE
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def in_quote(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end lies inside one of ``regions`` (its closing mark may follow)."""
    return any(s <= start and end <= e + 1 for s, e in regions)


def inside_quote(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end lies strictly between the marks of one of ``regions``."""
    return any(s < start and end < e for s, e in regions)
