"""The store queries of the outlet and event pages: frozen, hashable query objects (the
protocol of :class:`reportedly.corpus.store.Query`, so :func:`.services.cached` keeps
their rows while the store does not change), in SQL both store dialects run.

Each returns plain dicts: the pages shape them (:mod:`.outlets`, :mod:`.events_pages`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..corpus.store import EventQuery
from ..corpus.store.backend import Backend
from ..corpus.store.queries import indexed_table
from ..text.keys import name_key


@dataclass(frozen=True)
class OutletList:
    """Every outlet: its articles, first and last dates, and claims (most articles first)."""

    limit: int = 500

    def fetch(self, db: Backend) -> list[dict[str, Any]]:
        return db.rows(
            "SELECT min(a.outlet) AS outlet, a.outlet_key AS outlet_key,"
            " count(*) AS articles, min(a.published) AS first, max(a.published) AS last,"
            " sum((SELECT count(*) FROM claims c WHERE c.article_id = a.id)) AS claims"
            " FROM articles a WHERE a.outlet_key IS NOT NULL AND a.outlet_key <> ''"
            " GROUP BY a.outlet_key ORDER BY count(*) DESC, min(a.outlet) LIMIT ?",
            [self.limit],
        )


@dataclass(frozen=True)
class OutletStatuses:
    """How one outlet (None: every outlet) presents its claims: the count per status."""

    outlet: str | None = None

    def fetch(self, db: Backend) -> list[dict[str, Any]]:
        if self.outlet is None:
            return db.rows(
                "SELECT a.outlet_key AS outlet_key, c.status AS status, count(*) AS n"
                " FROM claims c JOIN articles a ON a.id = c.article_id"
                " GROUP BY a.outlet_key, c.status"
            )
        return db.rows(
            "SELECT c.status AS status, count(*) AS n FROM claims c"
            " JOIN articles a ON a.id = c.article_id WHERE a.outlet_key = ?"
            " GROUP BY c.status",
            [name_key(self.outlet)],
        )


@dataclass(frozen=True)
class OutletCited:
    """Whom one outlet cites (sources at level 1 or deeper), most claims first."""

    outlet: str
    limit: int = 20

    def fetch(self, db: Backend) -> list[dict[str, Any]]:
        return db.rows(
            "SELECT min(s.name) AS name, count(DISTINCT s.article_id || '/' || s.claim_id)"
            " AS claims FROM claim_sources s JOIN articles a ON a.id = s.article_id"
            " WHERE a.outlet_key = ? AND s.level >= 1"
            " GROUP BY s.name_key ORDER BY claims DESC, min(s.name) LIMIT ?",
            [name_key(self.outlet), self.limit],
        )


@dataclass(frozen=True)
class OutletMonths:
    """One outlet's articles per month (``YYYY-MM``), in order."""

    outlet: str

    def fetch(self, db: Backend) -> list[dict[str, Any]]:
        return db.rows(
            "SELECT substr(a.published, 1, 7) AS month, count(*) AS n FROM articles a"
            " WHERE a.outlet_key = ? AND a.published IS NOT NULL"
            " GROUP BY substr(a.published, 1, 7) ORDER BY month",
            [name_key(self.outlet)],
        )


@dataclass(frozen=True)
class OutletArticleIds:
    """The ids of one outlet's articles (for its contradiction rate over the corpus links)."""

    outlet: str

    def fetch(self, db: Backend) -> list[str]:
        rows = db.rows("SELECT id FROM articles WHERE outlet_key = ?", [name_key(self.outlet)])
        return [str(r["id"]) for r in rows]


@dataclass(frozen=True)
class ArticleOutlets:
    """Every article's outlet key (the outlet side of each contradiction link)."""

    def fetch(self, db: Backend) -> list[tuple[str, str]]:
        rows = db.rows("SELECT id, outlet_key FROM articles")
        return [(str(r["id"]), str(r["outlet_key"] or "")) for r in rows]


#: The day an event counts on: its own date, else its article's.
_DAY = "coalesce(e.date, a.published)"


@dataclass(frozen=True)
class EventTotal:
    """How many events an :class:`EventQuery`'s filters keep."""

    filters: EventQuery

    def fetch(self, db: Backend) -> list[int]:
        where, args = self.filters._filters(db, _DAY)
        articles = indexed_table(db, "articles", "a")  # the dates without the rows
        sql = f"SELECT count(*) AS n FROM events e JOIN {articles} ON a.id = e.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [int(db.rows(sql, args)[0]["n"])]


@dataclass(frozen=True)
class EventFacets:
    """The facets of the events an :class:`EventQuery`'s filters keep, from one pass over
    them (at most ``cap``): their total and their counts by day, month, type (PLOVER),
    actor and place, each ``[(value, count)]``; days and months in order, the others most
    frequent first."""

    filters: EventQuery
    cap: int = 50_000

    def fetch(self, db: Backend) -> list[dict[str, Any]]:
        where, args = self.filters._filters(db, _DAY)  # the listing's own filters
        sql = (
            f"SELECT substr({_DAY}, 1, 10) AS day, e.plover AS plover, e.actor AS actor,"
            " e.place AS place FROM events e"
            f" JOIN {indexed_table(db, 'articles', 'a')} ON a.id = e.article_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = db.rows(sql + " LIMIT ?", [*args, self.cap + 1])
        total = len(rows)
        if total > self.cap:
            total = EventTotal(self.filters).fetch(db)[0]
        counts: dict[str, Counter[str]] = {k: Counter() for k in FACETS}
        for r in rows[: self.cap]:
            day = str(r["day"] or "")
            if day:
                counts["day"][day] += 1
                counts["month"][day[:7]] += 1
            for k in ("plover", "actor", "place"):
                if r[k]:
                    counts[k][str(r[k])] += 1
        facets: dict[str, Any] = {"total": total}
        for k, c in counts.items():
            facets[k] = sorted(c.items()) if k in ("day", "month") else c.most_common()
        return [facets]


#: The facets :class:`EventFacets` counts.
FACETS = ("day", "month", "plover", "actor", "place")
