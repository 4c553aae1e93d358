"""Frozen query objects: the filters of every listing (CLI, HTTP API, ``Corpus``), each
compiled to one SQL query for the backend it runs on and returning typed rows.

    >>> store.query(ClaimQuery(about="Assad", status=("reported",), limit=20))  # doctest: +SKIP
    [ClaimRow(article_id='seed', claim_id='c3', status='reported', ...)]

Names (``about``, ``actor``, ``name``...) are resolved across articles to every canonical
name of their entity (:func:`.names.resolve`); ``text`` is a full-text query in the FTS5
syntax on every backend (:mod:`.search`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from ...read.validate import english_function_words
from ...text.keys import name_key
from .backend import Backend
from .names import claims_naming, resolve
from .rows import ArticleRow, ClaimRow, EntityRow, EventRow, Row, SourceRow, from_sql
from .schema import COVERING
from .search import claim_filter, claim_matches
from .sql import in_list

R = TypeVar("R")
RowT = TypeVar("RowT", bound=Row)


class Query(Protocol[R]):
    """What :meth:`Store.query <reportedly.corpus.store.Store.query>` runs (frozen and
    hashable: a query is its own cache key)."""

    def fetch(self, db: Backend) -> list[R]: ...
    def __hash__(self) -> int: ...


def _where(sql: str, where: Sequence[str]) -> str:
    return sql + (" WHERE " + " AND ".join(where) if where else "")


def _fetch(
    db: Backend,
    row: type[RowT],
    sql: str,
    args: Sequence[Any],
    order: str,
    page: tuple[int, int],
) -> list[RowT]:
    """The rows of ``sql`` (its WHERE and GROUP BY written) in ``order``, one page:
    ``(limit, offset)``."""
    rows = db.rows(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*args, *page])
    return [from_sql(row, r) for r in rows]


def indexed_table(db: Backend, table: str, alias: str) -> str:
    """``table alias`` in a FROM clause, on SQLite with the table's covering index named
    (:data:`.schema.COVERING`): without statistics its planner looks rows up by primary
    key, reading each row (an article's holds its whole analysis) to filter and sort."""
    index = COVERING.get(table)
    if db.dialect == "sqlite" and index:
        return f"{table} {alias} INDEXED BY {index}"
    return f"{table} {alias}"


def _status_in(alias: str, statuses: Sequence[str]) -> tuple[list[str], list[Any]]:
    """The condition keeping the rows of table ``alias`` with one of ``statuses`` (none:
    no condition)."""
    if not statuses:
        return [], []
    marks, vals = in_list(statuses)
    return [f"{alias}.status IN {marks}"], list(vals)


def _published(
    outlet: str | None, since: str | None, until: str | None, *, alias: str = "a"
) -> tuple[list[str], list[Any]]:
    """The conditions on the article ``a`` (or the rows ``alias`` with its columns): its
    outlet and publication dates."""
    where: list[str] = []
    args: list[Any] = []
    if outlet:
        where.append(f"{alias}.outlet_key = ?")
        args.append(name_key(outlet))
    if since:
        where.append(f"{alias}.published >= ?")
        args.append(since)
    if until:
        where.append(f"{alias}.published <= ?")
        args.append(until)
    return where, args


@dataclass(frozen=True)
class ArticleQuery:
    """Articles (newest first) with their number of claims; ``about`` keeps those that
    mention an entity of that name."""

    outlet: str | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0

    def fetch(self, db: Backend) -> list[ArticleRow]:
        where, args = _published(self.outlet, None, None)
        if self.about:
            marks, vals = in_list(resolve(db, self.about))
            where.append(
                f"a.id IN (SELECT article_id FROM mentions WHERE canonical_key IN {marks}"
                " UNION SELECT article_id FROM mentions WHERE text_key = ?)"
            )
            args += [*vals, name_key(self.about)]
        dates, date_args = _published(None, self.since, self.until)
        # the page's keys first, sorted over the index of dates (rows in one date by ingest
        # order: the sort over the rest of the order would else read every row skipped)
        # (the articles that name an entity are looked up by id: their dates from the index)
        articles = indexed_table(db, "articles", "a") if self.about else "articles a"
        keys = _where(
            f"SELECT a.{db.order} AS k_order, a.published AS k_published FROM {articles}",
            where + dates,
        )
        order = "k_published DESC, k_order"
        rows = db.rows(
            "SELECT a.id, a.title, a.outlet, a.url, a.published,"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims"
            f" FROM ({keys} ORDER BY {order} LIMIT ? OFFSET ?) k"
            f" JOIN articles a ON a.{db.order} = k.k_order ORDER BY {order}",
            [*args, *date_args, self.limit, self.offset],
        )
        return [from_sql(ArticleRow, r) for r in rows]


#: The columns of a :class:`ClaimRow` (claims ``c`` joined with their articles ``a``).
CLAIM_COLUMNS = (
    "c.article_id, c.claim_id, c.status, c.text, c.sources, c.direct_quote,"
    ' a.outlet, a.published, a.title, a.url, c.start, c."end"'
)


def _about_claims(db: Backend, about: str) -> tuple[str, list[Any]]:
    """SQL selecting (article_id, claim_id) of the claims whose sentence mentions the
    entity named ``about`` (any mention of it, pronouns included; names resolved across
    articles), or that cite it as a source (whole names, not parts: "Assad" is not
    "Israel's ambassador"), and its arguments."""
    key = name_key(about)
    marks, vals = in_list(resolve(db, about))
    # three index searches (one OR of the two source conditions is a scan on PostgreSQL)
    sql = (
        "SELECT article_id, claim_id FROM claim_mentions"
        f" WHERE canonical_key IN {marks}"
        " UNION SELECT article_id, claim_id FROM claim_sources WHERE level >= 1"
        f" AND name_key IN {marks}"
        " UNION SELECT article_id, claim_id FROM claim_sources WHERE level >= 1"
        f" AND name_key IN ({_NAMED_SOURCES})"
    )
    return sql, [*vals, *vals, *_named_source_args(key)]


def _scan_pays(db: Backend, about: str, page: int) -> bool:
    """Whether a page of ``page`` claims about ``about`` is read faster by a scan of the
    claims in listing order (:func:`_about_condition`) than by sorting every claim that
    mentions the name: the scan reads about ``page * total / many`` claims to fill the
    page, the sort ``many``; so it pays for a name with at least :data:`SCAN_RATIO`
    times ``page`` claims and at least ``sqrt(SCAN_COST * page * total)`` of them (about
    5,000 at 10,000 articles, 15,500 at 100,000). The claims are counted only up to that
    bound (counting 300,000 claims about the most named person took longer than the
    page)."""
    total = _claims_estimate(db)
    if total is None:
        need = max(SCAN_MIN, SCAN_RATIO * page)
    else:
        need = max(SCAN_RATIO * page, math.ceil(math.sqrt(SCAN_COST * page * total)))
    return claims_naming(db, resolve(db, about), need) >= need


def _claims_estimate(db: Backend) -> int | None:
    """About how many claims the store holds, from one index or catalogue look-up (a
    count of the rows reads them all): SQLite's last claim_keys rowid, PostgreSQL's
    row estimate of its statistics; None when there is none (no claim, never analysed)."""
    if db.dialect == "sqlite":
        got = db.values("SELECT max(rowid) FROM claim_keys")
    else:
        got = db.values("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('claims')")
    n = got[0] if got else None
    return int(n) if n is not None and int(n) > 0 else None


#: The cited source names that contain a name's words (the arguments: its key with a
#: space after, before, or on both sides).
_NAMED_SOURCES = (
    "SELECT name_key FROM source_names WHERE name_key LIKE ? OR name_key LIKE ? OR name_key LIKE ?"
)


def _named_source_args(key: str) -> list[str]:
    """The arguments of :data:`_NAMED_SOURCES`: "Mayor Ana Ruiz" names Ana Ruiz."""
    return [f"% {key}", f"{key} %", f"% {key} %"]


def _about_condition(db: Backend, about: str) -> tuple[str, list[Any]]:
    """The condition on a claim ``c`` that :func:`_about_claims` selects, as probes of
    that claim's keys (for a scan of the claims in listing order)."""
    key = name_key(about)
    marks, vals = in_list(resolve(db, about))
    sql = (
        "(EXISTS (SELECT 1 FROM claim_mentions cm WHERE cm.canonical_key IN"
        f" {marks} AND cm.article_id = c.article_id AND cm.claim_id = c.claim_id)"
        " OR EXISTS (SELECT 1 FROM claim_sources s WHERE s.article_id = c.article_id"
        f" AND s.claim_id = c.claim_id AND s.level >= 1 AND (s.name_key IN {marks}"
        f" OR s.name_key IN ({_NAMED_SOURCES}))))"
    )
    return sql, [*vals, *vals, *_named_source_args(key)]


#: A listing of the claims about a name this many times more frequent than the rows it
#: needs scans the claims in its order and stops at the last row (probing each claim's
#: keys), instead of sorting every claim about the name, when that pays
#: (:func:`_scan_pays`).
SCAN_RATIO = 20
#: ... when the name has at least ``sqrt(SCAN_COST * page * total claims)`` claims: the
#: scan reads ``page * total / many`` claims, the sort ``many``, and a scanned claim costs
#: about 1.6 times a sorted one (5,000 claims at 10,000 articles, as measured then);
SCAN_COST = 1.6
#: ... or, with no estimate of the total (a PostgreSQL store never analysed), at least
#: this many claims.
SCAN_MIN = 5000

#: The claims that cite a source (its name key the argument), each once.
_SOURCE_CLAIMS = (
    "SELECT DISTINCT article_id, claim_id FROM claim_sources WHERE name_key = ? AND level >= 1"
)

#: The columns claim listings are sorted on (publication date, article, place in it; the
#: claim id last, so that claims at one place keep one order), and that order.
_ORDER_KEYS = (
    "a.published AS k_published, c.article_id AS k_article, c.start AS k_start,"
    " c.claim_id AS k_claim"
)
_ORDER = "k_published, k_article, k_start, k_claim"

#: The same keys read from a listing index (schema 14: claim_mentions and claim_sources
#: rows hold their claim's date, start and status), each key's rows in that order.
_LISTED_KEYS = (
    "SELECT DISTINCT r.published AS k_published, r.article_id AS k_article,"
    " r.start AS k_start, r.claim_id AS k_claim"
)
_LISTED_ORDER = "r.published, r.article_id, r.start, r.claim_id"


def _listed(
    db: Backend,
    table: str,
    column: str,
    keys: Sequence[str],
    where: Sequence[tuple[str, Sequence[Any]]],
    n: int,
) -> tuple[list[str], list[Any]]:
    """For each of ``keys``, SQL selecting the order keys of the first ``n`` rows ``r`` of
    ``table`` with that key in ``column`` that the conditions ``where`` keep (``(sql,
    args)`` pairs), read from the table's listing index in order; and their arguments."""
    rows = indexed_table(db, table, "r")
    conds = [f"r.{column} = ?", *(sql for sql, _ in where)]
    parts = [
        f"SELECT * FROM ({_where(f'{_LISTED_KEYS} FROM {rows}', conds)}"
        f" ORDER BY {_LISTED_ORDER} LIMIT ?) {table[:1]}{i}"
        for i in range(len(keys))
    ]
    args = [v for _, values in where for v in values]
    return parts, [a for key in keys for a in (key, *args, n)]


@dataclass(frozen=True)
class ClaimQuery:
    """Claims matching every filter given.

    ``about``: an entity named in the claim's sentence (any of its mentions, or its
    canonical name), or a cited source of that name; ``source``: a cited source (level
    >= 1); ``text``: a full-text query (FTS5 syntax, also on PostgreSQL) over claim and
    sentence text; ``since``/``until``: the publication date.
    """

    about: str | None = None
    status: Sequence[str] = ()
    source: str | None = None
    outlet: str | None = None
    text: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", tuple(self.status))  # hashable: a cache key

    def _filters(self, db: Backend, *, text: bool = True) -> tuple[list[str], list[Any]]:
        """The conditions on the claim ``c`` and its article ``a`` beside the name that
        drives the query; the full-text condition unless ``text`` is False (the matches
        drive it then)."""
        where, args = _status_in("c", self.status)
        if self.source and self.about:  # else the source's claims drive the query
            where.append(f"(c.article_id, c.claim_id) IN ({_SOURCE_CLAIMS})")
            args.append(name_key(self.source))
        article_where, article_args = _published(self.outlet, self.since, self.until)
        where += article_where
        args += article_args
        if self.text and text:
            fts_sql, fts_args = claim_filter(db.dialect, "c", self.text)
            where.append(fts_sql)
            args += fts_args
        return where, args

    def matching(self, db: Backend, columns: str, *, scan: bool = False) -> tuple[str, list[Any]]:
        """SQL selecting ``columns`` of the claims ``c`` (with their articles ``a``) this
        query keeps, in no order, and its arguments; it reads the covering indexes only
        (:func:`indexed_table`) when ``columns`` are among theirs. With ``scan``, for one
        page of a name with many claims (:data:`SCAN_RATIO`), the claims are read in
        publication order instead (the caller sorts them so). Of the claim, ``columns``
        may name its keys, ``start`` and ``status`` (what the covering index holds)."""
        claims, articles = indexed_table(db, "claims", "c"), indexed_table(db, "articles", "a")
        source_rows = claims
        head_args: list[Any] = []
        # the claims that match a name drive the query (an index lookup, then the claims)
        head = None
        if self.about:
            head, head_args = _about_claims(db, self.about)
            # (SQLite's planner runs it in that order; PostgreSQL's sorts every claim first)
            if scan and _scan_pays(db, self.about, self.limit + self.offset):
                # SQLite is told the order (CROSS JOIN); PostgreSQL's planner finds it (the
                # articles' keys sorted by date, each one's claims from the index, an
                # incremental sort): 300 claims about Donald Trump in 53 ms, not 208
                cond, cond_args = _about_condition(db, self.about)
                where, args = self._filters(db)
                sql = _where(
                    f"SELECT {columns} FROM articles a CROSS JOIN {claims}",
                    ["c.article_id = a.id", cond, *where],
                )
                return sql, cond_args + args
        elif self.source:
            head, head_args = _SOURCE_CLAIMS, [name_key(self.source)]
        elif self.text and db.dialect == "sqlite":
            # on SQLite the full-text matches drive it (as an IN condition its planner
            # walked the articles, probing the matches for each: 5-20 times slower; on
            # PostgreSQL the condition is an index search the planner joins well)
            head, head_args = claim_matches(db.dialect, self.text)
        if head is not None:
            on = "c.article_id = h.article_id AND c.claim_id = h.claim_id"
            source_rows = f"({head}) h JOIN {claims} ON {on}"
            if db.dialect == "postgresql":
                # the claims of the head first, planned on their own (OFFSET 0): joined
                # with the articles in one plan, PostgreSQL looked each claim up by its
                # article alone (the article id is one class of equal columns), reading
                # every claim of the article (31,426 claims about Donald Trump: 320-490
                # -> 170-190 ms for their facet keys)
                tsv = ", c.tsv" if self.text else ""
                source_rows = (
                    f"(SELECT c.article_id, c.claim_id, c.start, c.status{tsv}"
                    f" FROM {source_rows} OFFSET 0) c"
                )
        text_drives = bool(self.text) and head is not None and not (self.about or self.source)
        where, args = self._filters(db, text=not text_drives)
        sql = _where(
            f"SELECT {columns} FROM {source_rows} JOIN {articles} ON a.id = c.article_id", where
        )
        if head is not None and db.dialect == "postgresql":
            # planned on its own (OFFSET 0): PostgreSQL underestimates the claims of a
            # much-named person and would else walk the articles by date, rereading them
            sql = f"SELECT * FROM ({sql} OFFSET 0) m"
        return sql, head_args + args

    def _by_mentions(self) -> bool:
        """Whether a page of this query is read from claim_mentions' listing index: claims
        about a name, kept or not by their status and dates (what the index holds)."""
        return bool(self.about) and not (self.source or self.outlet or self.text)

    def _mention_page(self, db: Backend, about: str) -> tuple[str, list[Any]]:
        """SQL selecting the order keys (:data:`_ORDER_KEYS`) of the first ``offset +
        limit`` claims about ``about`` (as :func:`_about_claims` selects them) that the
        status and dates keep, in no order, and its arguments: the first of each key's
        claims (each canonical key's in claim_mentions, each source name's, whole or
        containing it, in claim_sources), each read in order from a range of the table's
        listing index and stopped at the page's end. The first rows of the union are
        among them, each being among the first of its own part."""
        n = self.limit + self.offset
        statuses, status_args = _status_in("r", self.status)
        where = [(sql, status_args) for sql in statuses]
        dates, date_args = _published(None, self.since, self.until, alias="r")
        where += [(sql, [arg]) for sql, arg in zip(dates, date_args, strict=True)]
        names = resolve(db, about)
        cited = sorted({*names, *db.values(_NAMED_SOURCES, _named_source_args(name_key(about)))})
        parts: list[str] = []
        part_args: list[Any] = []
        for table, column, keys, cond in (
            ("claim_mentions", "canonical_key", names, where),
            ("claim_sources", "name_key", cited, [("r.level >= 1", []), *where]),
        ):
            sqls, args = _listed(db, table, column, keys, cond, n)
            parts += sqls
            part_args += args
        return " UNION ".join(parts), part_args

    def fetch(self, db: Backend) -> list[ClaimRow]:
        # the page's keys first, sorted over the indexes; then only its rows are read
        if self.about and self._by_mentions():
            keys, args = self._mention_page(db, self.about)
        else:
            keys, args = self.matching(db, _ORDER_KEYS, scan=True)
        rows = db.rows(
            f"SELECT {CLAIM_COLUMNS} FROM ({keys} ORDER BY {_ORDER} LIMIT ? OFFSET ?) k"
            " JOIN claims c ON c.article_id = k.k_article AND c.claim_id = k.k_claim"
            " JOIN articles a ON a.id = c.article_id"
            f" ORDER BY {_ORDER}",
            [*args, self.limit, self.offset],
        )
        return [from_sql(ClaimRow, r) for r in rows]


@dataclass(frozen=True)
class ClaimFacets:
    """The status and outlet of the first ``cap`` claims a :class:`ClaimQuery` keeps (its
    statuses ignored), in its order, and one more when there are more: what a listing
    counts its facets over, read from the indexes alone."""

    filters: ClaimQuery
    cap: int = 10_000

    def fetch(self, db: Backend) -> list[tuple[str, str | None]]:
        every = replace(self.filters, status=())
        sql, args = every.matching(db, f"c.status, a.outlet, {_ORDER_KEYS}")
        rows = db.rows(
            f"SELECT status, outlet FROM ({sql}) k ORDER BY {_ORDER} LIMIT ?",
            [*args, self.cap + 1],
        )
        return [(str(r["status"]), r["outlet"]) for r in rows]


@dataclass(frozen=True)
class ClaimKeys:
    """The keys, status and outlet of the first ``cap`` claims a :class:`ClaimQuery`
    keeps (its statuses kept), in its order, and one more when there are more: what a
    detail page counts its totals over while it shows one page of rows, read from the
    indexes alone."""

    filters: ClaimQuery
    cap: int = 10_000

    def fetch(self, db: Backend) -> list[tuple[str, str, str, str | None]]:
        sql, args = self.filters.matching(
            db, f"c.article_id, c.claim_id, c.status, a.outlet, {_ORDER_KEYS}"
        )
        rows = db.rows(
            f"SELECT article_id, claim_id, status, outlet FROM ({sql}) k ORDER BY {_ORDER} LIMIT ?",
            [*args, self.cap + 1],
        )
        return [
            (str(r["article_id"]), str(r["claim_id"]), str(r["status"]), r["outlet"]) for r in rows
        ]


@dataclass(frozen=True)
class EventQuery:
    """Events (who did what to whom, when, where) matching every filter given.

    ``actor``/``target``: the name of that participant (case-insensitive) or its actor
    code (``SYRGOV``); ``about``: either of them; ``since``/``until``: the event's date
    (its publication date when it has none)."""

    about: str | None = None
    actor: str | None = None
    target: str | None = None
    plover: str | None = None
    status: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", tuple(self.status))  # hashable: a cache key

    def _filters(self, db: Backend, day: str) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        for col, value in (("actor", self.actor), ("target", self.target)):
            if value:
                marks, vals = in_list(resolve(db, value))
                where.append(f"(e.{col}_key IN {marks} OR e.{col}_code = ?)")
                args += [*vals, value.upper()]
        if self.about:
            marks, vals = in_list(resolve(db, self.about))
            where.append(
                f"(e.actor_key IN {marks} OR e.target_key IN {marks}"
                " OR e.actor_code = ? OR e.target_code = ?)"
            )
            args += vals * 2 + [self.about.upper()] * 2
        if self.plover:
            where.append("e.plover = ?")
            args.append(self.plover.upper())
        status, status_args = _status_in("e", self.status)
        where += status
        args += status_args
        if self.since:
            where.append(f"{day} >= ?")
            args.append(self.since)
        if self.until:
            where.append(f"substr({day}, 1, 10) <= ?")
            args.append(self.until)
        return where, args

    def fetch(self, db: Backend) -> list[EventRow]:
        day = "coalesce(e.date, a.published)"
        where, args = self._filters(db, day)
        # the page's keys first (the articles' dates from their index), then its rows
        keys = _where(
            f"SELECT e.article_id AS k_article, e.event_id AS k_event, {day} AS k_day"
            f" FROM events e JOIN {indexed_table(db, 'articles', 'a')} ON a.id = e.article_id",
            where,
        )
        order = "k_day, k_article, k_event"
        rows = db.rows(
            "SELECT e.article_id, e.event_id, e.claim_id, e.date, e.actor, e.actor_code,"
            " e.plover, e.mode, e.cameo, e.target, e.target_code, e.place, e.status,"
            " e.polarity, a.outlet, a.published, c.text AS claim"
            f" FROM ({keys} ORDER BY {order} LIMIT ? OFFSET ?) k"
            " JOIN events e ON e.article_id = k.k_article AND e.event_id = k.k_event"
            " JOIN articles a ON a.id = e.article_id"
            " LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_id = e.claim_id"
            f" ORDER BY {order}",
            [*args, self.limit, self.offset],
        )
        return [from_sql(EventRow, r) for r in rows]


def _mention_groups(columns: str, where: str, aggregates: str = "count(*) AS c") -> str:
    """The mentions (``m``) matching ``where``, counted per canonical name, type and
    ``columns`` (``c``, with ``aggregates``) as ``g``, joined with their names ``n``: one
    row per group, not per mention (read from the mentions' covering index)."""
    group = f"m.canonical_key, m.type{', ' if columns else ''}{columns}"
    return (
        f" FROM (SELECT {group}, {aggregates} FROM mentions m WHERE {where} GROUP BY {group}) g"
        " JOIN names n ON n.canonical_key = g.canonical_key AND n.type = g.type"
    )


@dataclass(frozen=True)
class EntityQuery:
    """Entities across articles (most widely reported first; canonical names that are one
    entity merged, see :mod:`..entities`), with their numbers of mentions and articles,
    their other canonical names and their most frequent aliases.

    ``name`` keeps the entity of that name (see :func:`.names.resolve`)."""

    name: str | None = None
    type: str | None = None
    limit: int = 100
    offset: int = 0

    def fetch(self, db: Backend) -> list[EntityRow]:
        where: list[str] = ["1 = 1"]
        args: list[Any] = []
        if self.name:
            marks, vals = in_list(resolve(db, self.name))
            where.append(f"m.canonical_key IN {marks}")
            args += vals
        if self.type:
            where.append("m.type = ?")
            args.append(self.type.upper())
        sql = (
            "SELECT n.corpus_key AS key, min(g.type) AS type, sum(g.c) AS mentions,"
            " count(DISTINCT g.article_id) AS articles"
            + _mention_groups("m.article_id", " AND ".join(where))
            + " GROUP BY n.corpus_key ORDER BY articles DESC, mentions DESC, key"
        )
        rows = db.rows(sql + " LIMIT ? OFFSET ?", [*args, self.limit, self.offset])
        return _entity_rows(db, rows) if rows else []


def _entity_rows(db: Backend, rows: list[dict[str, Any]]) -> list[EntityRow]:
    """The entities of ``rows`` with their name (the most mentioned canonical name, the
    longer one on a tie), other names and aliases."""
    marks, keys = in_list(r["key"] for r in rows)
    named = f"m.canonical_key IN (SELECT canonical_key FROM names WHERE corpus_key IN {marks})"
    # one pass over the entities' mentions, per canonical name and mention text: the
    # names' counts and the aliases' counts are both sums of these
    counts: dict[str, dict[tuple[str, int], int]] = {}
    texts: dict[str, dict[str, tuple[int, str]]] = {}
    for r in db.rows(
        "SELECT n.corpus_key AS key, n.canonical, n.words, g.text_key, g.alias, g.c"
        + _mention_groups("m.text_key", named, "min(m.text) AS alias, count(*) AS c")
        + f" WHERE n.corpus_key IN {marks}",
        keys * 2,
    ):
        key, c = str(r["key"]), int(r["c"])
        per_name = counts.setdefault(key, {})
        at = (str(r["canonical"]), int(r["words"]))
        per_name[at] = per_name.get(at, 0) + c
        seen = texts.setdefault(key, {})
        n, alias = seen.get(str(r["text_key"]), (0, str(r["alias"])))
        seen[str(r["text_key"])] = (n + c, min(alias, str(r["alias"])))
    names = {
        key: [(-c, -words, canonical) for (canonical, words), c in per_name.items()]
        for key, per_name in counts.items()
    }
    aliases = {
        key: [alias for n, alias in sorted((-n, alias) for n, alias in seen.values())]
        for key, seen in texts.items()
    }
    skip = english_function_words()
    out = []
    for r in rows:
        canon = [c for _, _, c in sorted(names.get(r["key"], []))]
        entity = canon[0] if canon else r["key"]
        other = [
            a
            for a in dict.fromkeys(canon[1:] + aliases.get(r["key"], []))
            if a != entity and name_key(a) not in skip
        ]
        out.append(
            EntityRow(
                entity, r["type"], r["mentions"], r["articles"], tuple(other[:10]), tuple(canon)
            )
        )
    return out


@dataclass(frozen=True)
class SourceQuery:
    """Who is cited (level >= 1), how often, in how many articles, with which statuses;
    ``name`` keeps the source of that name."""

    name: str | None = None
    limit: int = 100
    offset: int = 0

    def fetch(self, db: Backend) -> list[SourceRow]:
        where = "s.level >= 1"
        args: list[Any] = []
        if self.name:
            where += " AND s.name_key = ?"
            args.append(name_key(self.name))
        claims, articles = indexed_table(db, "claims", "c"), indexed_table(db, "articles", "a")
        sql = f"""
            SELECT min(s.name) AS name, s.kind, count(*) AS claims,
                   count(DISTINCT s.article_id) AS articles,
                   count(DISTINCT a.outlet) AS outlets,
                   sum(CASE WHEN c.status = 'reported' THEN 1 ELSE 0 END) AS reported,
                   sum(CASE WHEN c.status = 'hedged' THEN 1 ELSE 0 END) AS hedged,
                   sum(CASE WHEN c.status = 'denied' THEN 1 ELSE 0 END) AS denied
            FROM claim_sources s
            JOIN {claims} ON c.article_id = s.article_id AND c.claim_id = s.claim_id
            JOIN {articles} ON a.id = s.article_id
            WHERE {where}
            GROUP BY s.name_key, s.kind"""
        return _fetch(db, SourceRow, sql, args, "claims DESC, name", (self.limit, self.offset))


@dataclass(frozen=True)
class SourceKinds:
    """The kinds the source ``name`` is cited as (level >= 1), each with its name (the
    least of its spellings) and number of citations, most cited first: the ``name``,
    ``kind`` and ``claims`` of its :class:`SourceQuery` rows, from the index of cited
    names alone (no claim or article is read)."""

    name: str
    limit: int = 5

    def fetch(self, db: Backend) -> list[tuple[str, str, int]]:
        rows = db.rows(
            "SELECT min(name) AS first_name, kind, count(*) AS n FROM claim_sources"
            " WHERE name_key = ? AND level >= 1 GROUP BY kind ORDER BY n DESC, first_name"
            " LIMIT ?",
            [name_key(self.name), self.limit],
        )
        return [(str(r["first_name"]), str(r["kind"]), int(r["n"])) for r in rows]
