"""Which of a few given claims match a full-text query, on SQLite, without reading the
articles of every match.

The claims' own text is read from ``claims_fts`` by rowid and matched in Python
(:mod:`.fts_eval`, the rules of FTS5's tokenizer): at 100,000 articles the candidate
tests of "Did Trump meet Kim Jong Un?" check some 1,000 claims against "meet"* OR
"talk"* OR ..., whose 129,516 matches cost 50 ms to read. Only the claims it cannot
decide (a letter beyond ASCII, which FTS5 folds) are looked up among the rowids of the
query's matches, read from ``claims_fts`` alone once per question (:func:`~.names.memo`
inside :func:`~.names.resolving`). Mapping every match to its article through
``claim_keys`` costs 3-6 times as much as reading the rowids (61,166 matches of "meet"*:
24 ms for the rowids, 100 ms for their articles), and asking FTS5 for the matches within
each article's rowids costs more than both (a prefix term merges the lists of every term
it begins, whatever rowids are asked).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fts_eval import Undecided, column_tokens, parse
from .names import memo
from .sql import BATCH

__all__ = ["articles_with_matching_claims", "matching_rowids"]


def matching_rowids(db: Any, query: str) -> frozenset[int]:
    """The ``claims_fts`` rowids of the claims that match the FTS5 ``query``."""

    def read() -> frozenset[int]:
        rows = db.values("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", [query])
        return frozenset(int(r) for r in rows)

    return memo(db, "fts_rowids", query, read)


def articles_with_matching_claims(db: Any, query: str, claims: Mapping[int, str]) -> set[str]:
    """The articles of the ``claims`` (full-text rowid -> article id) with a claim that
    matches the FTS5 ``query``."""
    if not claims:
        return set()
    parsed = parse(query)
    if parsed is None:
        hits = matching_rowids(db, query)
        return {aid for rowid, aid in claims.items() if rowid in hits}
    found: set[str] = set()
    undecided: list[int] = []
    rowids = sorted(claims)
    for i in range(0, len(rowids), BATCH):
        part = rowids[i : i + BATCH]
        marks = "(" + ", ".join("?" * len(part)) + ")"
        for r in db.rows(
            f"SELECT rowid, text, sentence FROM claims_fts WHERE rowid IN {marks}", part
        ):
            rowid = int(r["rowid"])
            if claims[rowid] in found:
                continue
            cols = {c: column_tokens(str(r[c])) for c in ("text", "sentence")}
            try:
                if parsed.matches(cols):
                    found.add(claims[rowid])
            except Undecided:
                undecided.append(rowid)
    rest = [r for r in undecided if claims[r] not in found]
    if rest:
        hits = matching_rowids(db, query)
        found.update(claims[r] for r in rest if r in hits)
    return found
