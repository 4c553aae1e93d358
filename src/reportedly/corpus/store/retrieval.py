"""Retrieval primitives for question answering: ids of the articles that could hold
evidence, found with SQL before any Analysis is loaded (see :mod:`reportedly.ask.retrieve`,
which combines them per question)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from ... import lexicons
from ...text.keys import name_key
from .backend import Backend
from .fts_probe import articles_with_matching_claims
from .names import claims_naming, memo, resolve
from .search import claim_matches, fts5_to_tsquery
from .sql import batches, in_list, keys
from .store import Store

#: Largest id list a query narrows itself to (a bigger one is applied afterwards instead).
WITHIN_LIMIT = 5000

#: Most articles whose claims are checked one by one against the rowids of a full-text
#: query's matches (on SQLite; see :mod:`.fts_probe`); more have the articles of every
#: match listed instead.
PROBED_SCOPE = 200


def articles_naming(
    store: Store, names: Sequence[str], among: Iterable[str] | None = None
) -> set[str]:
    """Ids of articles with an entity mention (text or canonical name) or an event
    actor/target equal to one of ``names`` (case-insensitive); only among the ids
    ``among`` when given."""
    db = store.backend
    wanted = keys(names)
    if not wanted:
        return set()
    marks, vals = in_list(wanted)
    canon_marks, canon = in_list({k for n in names if n for k in resolve(db, n)})
    # among a few articles, SQLite is told to read their rows by article (by "+": not by
    # key, which lists every mention and event of "Trump" first)
    plus = "+" if among is not None and db.dialect == "sqlite" else ""
    sql = (
        f"SELECT article_id FROM mentions WHERE canonical_key IN {canon_marks}{{0}}"
        f" UNION SELECT article_id FROM mentions WHERE {plus}text_key IN {marks}{{0}}"
        f" UNION SELECT article_id FROM events WHERE {plus}actor_key IN {marks}{{0}}"
        f" UNION SELECT article_id FROM events WHERE {plus}target_key IN {marks}{{0}}"
    )
    if among is None:
        return {str(a) for a in db.values(sql.format(""), canon + vals * 3)}
    out: set[str] = set()
    for scope_marks, scope in batches(among):
        args = [*canon, *scope] + [*vals, *scope] * 3
        out.update(str(a) for a in db.values(sql.format(f" AND article_id IN {scope_marks}"), args))
    return out


def names_any(store: Store, names: Sequence[str]) -> bool:
    """Whether an article has an entity mention (text or canonical name) or an event
    actor/target equal to one of ``names``: :func:`articles_naming` is not empty."""
    db = store.backend
    wanted = keys(names)
    if not wanted:
        return False
    marks, vals = in_list(wanted)
    canon_marks, canon = in_list({k for n in names if n for k in resolve(db, n)})
    for sql, args in (
        (f"SELECT 1 AS x FROM mentions WHERE canonical_key IN {canon_marks} LIMIT 1", canon),
        (f"SELECT 1 AS x FROM mentions WHERE text_key IN {marks} LIMIT 1", vals),
        (f"SELECT 1 AS x FROM events WHERE actor_key IN {marks} LIMIT 1", vals),
        (f"SELECT 1 AS x FROM events WHERE target_key IN {marks} LIMIT 1", vals),
    ):
        if db.rows(sql, args):
            return True
    return False


def any_matching(store: Store, query: str) -> bool:
    """Whether a claim's text or sentence matches the FTS5 ``query``:
    :func:`articles_matching` is not empty."""
    db = store.backend
    sql, args = claim_matches(db.dialect, query)
    return bool(db.values(f"SELECT 1 FROM ({sql}) f LIMIT 1", args))


def articles_matching(store: Store, query: str, among: Iterable[str] | None = None) -> set[str]:
    """Ids of articles with a claim whose text or sentence matches the FTS5 ``query``;
    only among the ids ``among`` when given (their claims each checked against the
    query when they are at most :data:`PROBED_SCOPE`, not every match listed)."""
    db = store.backend
    scope = None if among is None else set(among)
    if scope is not None and len(scope) <= PROBED_SCOPE:
        return _matching_among(db, query, scope)
    sql, args = claim_matches(db.dialect, query)
    found = {str(a) for a in db.values(f"SELECT DISTINCT f.article_id FROM ({sql}) f", args)}
    return found if scope is None else found & scope


def _matching_among(db: Backend, query: str, among: Iterable[str]) -> set[str]:
    if db.dialect == "postgresql":
        sql = (
            "SELECT DISTINCT article_id FROM claims WHERE article_id IN {0}"
            " AND tsv @@ to_tsquery('simple', ?)"
        )
        arg = fts5_to_tsquery(query)
        out: set[str] = set()
        for marks, vals in batches(among):
            out.update(str(a) for a in db.values(sql.format(marks), [*vals, arg]))
        return out
    # each article's claims (their full-text rowids) checked against the matches' rowids
    claims: dict[int, str] = {}
    for marks, vals in batches(among):
        for r in db.rows(
            f"SELECT rowid, article_id FROM claim_keys WHERE article_id IN {marks}", vals
        ):
            claims[int(r["rowid"])] = str(r["article_id"])
    return articles_with_matching_claims(db, query, claims)


def articles_with_events(
    store: Store, families: Sequence[str], among: Iterable[str] | None = None
) -> set[str]:
    """Ids of articles with an event of one of the PLOVER ``families`` (only among the
    ids ``among`` when given)."""
    if not families:
        return set()
    marks, vals = in_list(families)
    sql = f"SELECT DISTINCT article_id FROM events WHERE plover IN {marks}"
    if among is None:
        return {str(a) for a in store.backend.values(sql, vals)}
    out: set[str] = set()
    for scope_marks, scope in batches(among):
        scoped = f"{sql} AND article_id IN {scope_marks}"
        out.update(str(a) for a in store.backend.values(scoped, [*vals, *scope]))
    return out


def canonical_names(store: Store, names: Sequence[str]) -> set[str]:
    """Canonical entity names that any of ``names`` is (as a mention or canonical
    name, case-insensitive), plus the names themselves (looked up once per question:
    see :func:`.names.resolving`)."""
    db = store.backend
    asked = "\x1f".join(sorted({n for n in names if n}))
    return set(memo(db, "canonical", asked, lambda: _canonical_names(db, names)))


def _canonical_names(db: Backend, names: Sequence[str]) -> set[str]:
    found = sorted({k for n in names if n for k in resolve(db, n)})
    if not found:
        return {n for n in names if n}
    marks, vals = in_list(found)
    rows = db.rows(f"SELECT DISTINCT canonical FROM names WHERE canonical_key IN {marks}", vals)
    return {str(r["canonical"]) for r in rows} | {n for n in names if n}


def articles_with_claims_about(
    store: Store,
    canonicals: Sequence[str],
    *,
    text: str | None = None,
    families: Sequence[str] = (),
    within: set[str] | None = None,
) -> set[str]:
    """Ids of articles with a claim whose sentence holds a mention (any kind, pronouns
    too) of an entity with one of the ``canonicals`` names and that either matches the
    FTS5 query ``text`` or carries an event of one of the PLOVER ``families`` (or whose
    event actor is one of those names)."""
    db = store.backend
    wanted = keys(canonicals)
    if not wanted:
        return set()
    marks, vals = in_list(wanted)
    found: set[str] = set()
    # only among the articles ``within`` (when they are few enough to list)
    scope, scope_args = "", list[str]()
    if within is not None and len(within) <= WITHIN_LIMIT:
        if not within:
            return set()
        scope_marks, scope_args = in_list(within)
        scope = f" AND {{0}}.article_id IN {scope_marks}"
    # claims of the matches that mention a name: probed through claim_mentions' key (the
    # mentions looked up only among the articles of the scope, when there is one:
    # PostgreSQL otherwise hashes every claim naming "Trump" for the probes)
    mentioned = (
        "EXISTS (SELECT 1 FROM claim_mentions cm WHERE cm.canonical_key IN"
        f" {marks}{scope.format('cm')}"
        " AND cm.article_id = {0}.article_id AND cm.claim_id = {0}.claim_id)"
    )
    if text and scope and db.dialect == "postgresql":
        # within a few articles on PostgreSQL: their claims that mention the name, each
        # checked by its own search vector (the GIN index lists every claim with the
        # words first: "send*" at 10,000 articles, 355 ms against a few)
        found.update(
            db.values(
                "SELECT DISTINCT cm.article_id FROM claim_mentions cm JOIN claims c"
                " ON c.article_id = cm.article_id AND c.claim_id = cm.claim_id"
                f" WHERE cm.canonical_key IN {marks}{scope.format('cm')}"
                " AND c.tsv @@ to_tsquery('simple', ?)",
                [*vals, *scope_args, fts5_to_tsquery(text)],
            )
        )
    elif text and scope and db.dialect == "sqlite" and len(within or ()) <= PROBED_SCOPE:
        # a few articles on SQLite: their claims that mention the name, each checked
        # against the rowids of the words' matches (read once per question)
        claims = {
            int(r["rowid"]): str(r["article_id"])
            for r in db.rows(
                "SELECT k.rowid, k.article_id FROM claim_mentions cm CROSS JOIN claim_keys k"
                f" WHERE cm.canonical_key IN {marks}{scope.format('cm')}"
                " AND k.article_id = cm.article_id AND k.claim_id = cm.claim_id",
                [*vals, *scope_args],
            )
        }
        found.update(articles_with_matching_claims(db, text, claims))
    elif text and db.dialect == "sqlite" and (scope or _few_claims(db, vals)):
        # few articles, or a name of few claims: the claims that mention it (a key search
        # each), each kept when its full-text rowid (claim_keys by claim) is among the
        # matches' rowids, read once from the index: not every match of the words probed
        # for a mention
        found.update(
            db.values(
                "SELECT DISTINCT cm.article_id FROM claim_mentions cm CROSS JOIN claim_keys k"
                f" WHERE cm.canonical_key IN {marks}{scope.format('cm')}"
                " AND k.article_id = cm.article_id AND k.claim_id = cm.claim_id"
                " AND +k.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
                [*vals, *scope_args, text],
            )
        )
    elif text:
        fts_sql, fts_args = claim_matches(db.dialect, text)
        found.update(
            db.values(
                f"SELECT DISTINCT f.article_id FROM ({fts_sql}) f"
                f" WHERE {mentioned.format('f')}{scope.format('f')}",
                [*fts_args, *vals, *scope_args, *scope_args],
            )
        )
    if families:
        fam_marks, fam_vals = in_list(families)
        found.update(
            db.values(
                f"SELECT DISTINCT e.article_id FROM events e WHERE e.plover IN {fam_marks}"
                f"{scope.format('e')}"
                f" AND (e.actor_key IN {marks} OR {mentioned.format('e')})",
                [*fam_vals, *scope_args, *vals, *vals, *scope_args],
            )
        )
    return {str(a) for a in found}


#: A name with fewer claims than this has its claims read before the full-text matches
#: of the words sought with it (on SQLite: see :func:`articles_with_claims_about`).
FEW_CLAIMS = 20000


def _few_claims(db: Backend, vals: Sequence[str]) -> bool:
    """Whether the names (keys ``vals``) have fewer than :data:`FEW_CLAIMS` claims
    (counted only up to that bound)."""
    return claims_naming(db, vals, FEW_CLAIMS) < FEW_CLAIMS


def claims_naming_counts(
    store: Store, ids: Iterable[str], canonicals: Sequence[str]
) -> dict[str, int]:
    """How many claims of each of the articles ``ids`` name one of ``canonicals`` (the
    count of :func:`rank_articles`, read from claim_mentions' key alone; articles with
    none left out)."""
    out: dict[str, int] = {}
    key_marks, key_vals = in_list(keys(canonicals))
    for marks, vals in batches(ids):
        for r in store.backend.rows(
            "SELECT article_id, count(DISTINCT claim_id) AS n FROM claim_mentions"
            f" WHERE canonical_key IN {key_marks} AND article_id IN {marks}"
            " GROUP BY article_id",
            [*key_vals, *vals],
        ):
            out[str(r["article_id"])] = int(r["n"])
    return out


def rank_articles(
    store: Store, ids: Iterable[str], canonicals: Sequence[str]
) -> list[tuple[str, int, int]]:
    """``(article id, claims naming one of canonicals, of those denied or negative)``
    for the articles given: how much each could say about those entities."""
    out: list[tuple[str, int, int]] = []
    key_marks, key_vals = in_list(keys(canonicals))
    for marks, vals in batches(ids):
        # the claims of these articles that name one of the keys: looked up by (key,
        # article), not every claim naming the keys listed first
        rows = store.backend.rows(
            "SELECT c.article_id, count(*) AS n,"
            " sum(CASE WHEN c.status = 'denied' OR c.polarity = 'negative'"
            " THEN 1 ELSE 0 END) AS neg FROM"
            " (SELECT DISTINCT article_id, claim_id FROM claim_mentions"
            f" WHERE canonical_key IN {key_marks} AND article_id IN {marks}) m"
            " JOIN claims c ON c.article_id = m.article_id AND c.claim_id = m.claim_id"
            " GROUP BY c.article_id",
            [*key_vals, *vals],
        )
        got = {str(r["article_id"]): (int(r["n"]), int(r["neg"] or 0)) for r in rows}
        out += [(a, *got.get(a, (0, 0))) for a in vals]
    return out


def surname_keys(store: Store, name: str) -> list[str]:
    """For a one-word name ("Comey"), the canonical-name keys of the people whose last
    name it is ("james comey", "patrick w carlineo jr"): an article may name them in full
    only."""
    return list(memo(store.backend, "surnames", name, lambda: _surname_keys(store, name)))


def _surname_keys(store: Store, name: str) -> list[str]:
    key = name_key(name)
    if not key or " " in key:
        return []
    suffixes = _suffixes()
    marks, vals = in_list({key} | suffixes)
    out: list[str] = []
    for v in store.backend.values(
        f"SELECT canonical_key FROM names WHERE last_key IN {marks} AND words >= 2"
        " AND type = 'PERSON'",
        vals,
    ):
        words = [w for w in str(v).split() if w not in suffixes]
        if len(words) >= 2 and words[-1] == key:
            out.append(str(v))
    return sorted(set(out))


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(str(w) for w in lexicons.default().words["name_suffixes"])
