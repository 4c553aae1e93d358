"""Which of a few given claims match a full-text query, on SQLite, without reading the
articles of every match.

The claims' own words are read from ``claims_fts`` by rowid (once per question, and
only the columns the query looks in) and matched in Python (:mod:`.fts_eval`, the rules
of FTS5's tokenizer): at 100,000 articles the candidate tests of "Did Trump meet Kim Jong
Un?" check some 1,000 claims against "meet"* OR "talk"* OR ..., whose 129,516 matches cost
80-120 ms to read, the claims' words a few ms. A rare word's matches cost less than many
claims: past :data:`CLAIM_BUDGET` claims checked against one query, and for the claims
the module cannot decide (a letter of another script, a symbol), the rowids of the
query's matches are read from ``claims_fts`` alone, once per question
(:func:`~.names.memo` inside :func:`~.names.resolving`), and the claims looked up among
them. Mapping every match to its article through ``claim_keys`` costs 3-6 times as much
as reading the rowids (61,166 matches of "meet"*: 24 ms for the rowids, 100 ms for their
articles), and asking FTS5 for the matches within each article's rowids costs more than
both (a prefix term merges the lists of every term it begins, whatever rowids are asked).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .fts_eval import Undecided, column_tokens, parse
from .names import memo
from .sql import batches

__all__ = ["articles_with_matching_claims", "matching_rowids"]


#: Claims a question checks against one query by their words before the query's matches
#: are read instead (some 6 microseconds a claim against some 0.8 a match: a rare word's
#: few matches cost less than a thousand claims, "meet"*'s 129,516 at 100,000 articles far
#: more).
CLAIM_BUDGET = 2000


@dataclass
class _Probe:
    """What one question did with one query: the claims it checked by their words, and
    the query's matches (None: not read)."""

    checked: int = 0
    hits: frozenset[int] | None = None


def _probe(db: Any, query: str) -> _Probe:
    return memo(db, "fts_probe", query, _Probe)


def matching_rowids(db: Any, query: str) -> frozenset[int]:
    """The ``claims_fts`` rowids of the claims that match the FTS5 ``query``."""
    probe = _probe(db, query)
    if probe.hits is None:
        rows = db.values("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", [query])
        probe.hits = frozenset(int(r) for r in rows)
    return probe.hits


def articles_with_matching_claims(db: Any, query: str, claims: Mapping[int, str]) -> set[str]:
    """The articles of the ``claims`` (full-text rowid -> article id) with a claim that
    matches the FTS5 ``query``."""
    if not claims:
        return set()
    parsed = parse(query)
    probe = _probe(db, query)
    probe.checked += len(claims)
    if parsed is None or probe.hits is not None or probe.checked > CLAIM_BUDGET:
        hits = matching_rowids(db, query)
        return {aid for rowid, aid in claims.items() if rowid in hits}
    found: set[str] = set()
    undecided: list[int] = []
    for rowid, cols in _columns(db, claims, parsed.columns).items():
        if claims[rowid] in found:
            continue
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


def _columns(
    db: Any, claims: Mapping[int, str], columns: Sequence[str]
) -> dict[int, dict[str, str | None]]:
    """The tokens (:func:`.fts_eval.column_tokens`) of the ``columns`` of each claim
    (each read once per question: the candidate tests ask several queries of the same
    claims, most of them of the sentence alone; a claim the index lacks has none)."""
    out: dict[int, dict[str, str | None]] = {r: {} for r in claims}
    for column in columns:
        known: dict[int, str | None] = memo(db, "fts_column", column, dict)
        for marks, part in batches(r for r in claims if r not in known):
            sql = f"SELECT rowid, {column} AS v FROM claims_fts WHERE rowid IN {marks}"
            for r in db.rows(sql, part):
                known[int(r["rowid"])] = column_tokens(str(r["v"]))
        for rowid, cols in out.items():
            cols[column] = known.get(rowid, " ")
    return out
