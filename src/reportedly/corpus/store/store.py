"""The corpus store: analysed articles in one SQLite file (WAL, FTS5) or a PostgreSQL
database (tsvector), through the same methods (see :mod:`.backends`).

One writer, many readers. Every article is stored whole (its Analysis as JSON, so
nothing is lost) and flattened into tables for queries: claims with their status and
cited sources, entities and mentions, events. Full-text search covers claim and
sentence text. The schema is versioned; the backend's migrations bring any older store up
to date when it is opened. Ingest is idempotent: an article whose content hash is stored is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..read.validate import english_function_words
from ..records import Analysis, Source, from_dict, to_dict
from .backends import SQLITE_MIGRATIONS, Backend, fold, is_postgres_url, open_backend
from .entities import name_key, own_key

#: Largest id list a query narrows itself to (a bigger one is applied afterwards instead).
WITHIN_LIMIT = 5000

#: The schema version of a store written by this reportedly.
SCHEMA_VERSION = SQLITE_MIGRATIONS[-1][0]


def chain_text(chain: Sequence[Source]) -> str:
    """ "Outlet > A + B > C": levels in order, parallel sources joined by "+"."""
    levels: dict[int, list[str]] = {}
    for src in chain:
        levels.setdefault(src.level, []).append(src.name)
    return " > ".join(" + ".join(names) for _, names in sorted(levels.items()))


def _in(values: Iterable[str]) -> tuple[str, list[str]]:
    """``(?, ?, ...)`` and its arguments for an SQL ``IN`` list (never empty)."""
    vals = sorted(set(values))
    if not vals:
        return "(NULL)", []
    return "(" + ", ".join("?" * len(vals)) + ")", vals


#: Ids per ``IN (...)`` list when a query takes many (well under every database's limit).
BATCH = 500


def _batches(ids: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """``(marks, values)`` of :func:`_in` for the distinct ids, :data:`BATCH` at a time."""
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), BATCH):
        yield _in(wanted[i : i + BATCH])


def _keys(values: Iterable[str | None]) -> list[str]:
    return sorted({k for k in (fold(v) for v in values) if k})


class Store:
    """A corpus: a SQLite file (created on first use) or a PostgreSQL database URL.

    Both go through the same methods; :mod:`.backends` holds what differs.
    """

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.backend: Backend = open_backend(location)
        self.path = Path(self.location) if not is_postgres_url(location) else None
        try:
            self.backend.migrate()
            if not self._rows("SELECT 1 AS x FROM names LIMIT 1") and self._rows(
                "SELECT 1 AS x FROM mentions LIMIT 1"
            ):
                self._backfill_names()  # a store written before names were keyed
        except BaseException:
            self.backend.close()
            raise

    @property
    def is_postgres(self) -> bool:
        return self.path is None

    # ------------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        return self.backend.version()

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.backend.rows(sql, args)

    # ------------------------------------------------------------------ writing

    def has(self, content_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]))

    def add(
        self,
        analysis: Analysis,
        *,
        source_item: str | None = None,
        analysis_json: str | None = None,
    ) -> bool:
        """Store one analysed article in one transaction; False if it was already there.

        ``analysis_json`` is the analysis as JSON when the caller has it already (parallel
        ingest gets it from the worker)."""
        art = analysis.article
        text = art.text
        b = self.backend
        with b.transaction():
            inserted = b.execute(
                "INSERT INTO articles (id, content_hash, title, outlet, outlet_key, url, author,"
                " published, source_item, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [
                    art.id,
                    art.content_hash,
                    art.title,
                    art.outlet,
                    fold(art.outlet),
                    art.url,
                    art.author,
                    art.published,
                    source_item,
                    analysis_json or json.dumps(to_dict(analysis), ensure_ascii=False),
                ],
            )
            if inserted == 0:
                return False
            claim_rows = []
            source_rows = []
            fts_rows = []
            for c in analysis.claims:
                sentence = text[c.sentence_start : c.sentence_end]
                claim_rows.append(
                    (
                        art.id,
                        c.id,
                        c.status,
                        c.text,
                        sentence,
                        c.start,
                        c.end,
                        c.sentence_start,
                        c.sentence_end,
                        int(c.direct_quote),
                        c.polarity,
                        chain_text(c.source_chain),
                    )
                )
                source_rows += [
                    (art.id, c.id, s.level, s.name, s.kind, fold(s.name)) for s in c.source_chain
                ]
                fts_rows.append((c.text, sentence, art.id, c.id))
            b.executemany(
                "INSERT INTO claims (article_id, claim_id, status, text, sentence, start,"
                ' "end", sentence_start, sentence_end, direct_quote, polarity, sources)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                claim_rows,
            )
            b.executemany(
                "INSERT INTO claim_sources (article_id, claim_id, level, name, kind, name_key)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                source_rows,
            )
            b.index_claims(fts_rows)
            b.executemany(
                "INSERT INTO source_names (name_key) VALUES (?) ON CONFLICT DO NOTHING",
                sorted({(r[5],) for r in source_rows if r[2] >= 1 and r[5]}),
            )
            b.executemany(
                'INSERT INTO mentions (article_id, entity_id, canonical, type, text, start, "end",'
                " text_key, canonical_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        art.id,
                        e.id,
                        e.canonical,
                        e.type,
                        m.text,
                        m.start,
                        m.end,
                        fold(m.text),
                        fold(e.canonical),
                    )
                    for e in analysis.entities
                    for m in e.mentions
                ],
            )
            self._key_names({(e.canonical, e.type) for e in analysis.entities})
            starts = sorted(
                (m.start, fold(e.canonical) or "") for e in analysis.entities for m in e.mentions
            )
            b.executemany(
                "INSERT INTO claim_mentions (article_id, claim_id, canonical_key)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                sorted(
                    {
                        (art.id, c.id, key)
                        for c in analysis.claims
                        for start, key in starts
                        if c.sentence_start <= start < c.sentence_end
                    }
                ),
            )
            b.executemany(
                "INSERT INTO events (article_id, event_id, claim_id, actor, actor_code, plover,"
                " mode, cameo, target, target_code, date, place, status, polarity, actor_key,"
                " target_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        art.id,
                        ev.id,
                        ev.claim,
                        ev.actor.name if ev.actor else None,
                        ev.actor.code if ev.actor else None,
                        ev.plover,
                        ev.mode,
                        ev.cameo,
                        ev.target.name if ev.target else None,
                        ev.target.code if ev.target else None,
                        ev.time.value if ev.time else None,
                        ev.place.name if ev.place else None,
                        ev.status,
                        ev.polarity,
                        fold(ev.actor.name) if ev.actor else None,
                        fold(ev.target.name) if ev.target else None,
                    )
                    for ev in analysis.events
                ],
            )
        return True

    def _key_names(self, names: Iterable[tuple[str, str]]) -> None:
        """Give each new canonical name its corpus key (see :mod:`.entities`)."""
        for canonical, type_ in sorted(names):
            nk = name_key(canonical, type_)
            if self._rows(
                "SELECT 1 AS x FROM names WHERE canonical_key = ? AND type = ?",
                [nk.canonical_key, type_],
            ):
                continue
            key = own_key(nk)
            person = type_ == "PERSON" and nk.last and nk.actor is None
            if person and nk.words == 1:
                full = self._rows(
                    "SELECT DISTINCT corpus_key FROM names WHERE last_key = ? AND words > 1"
                    " AND type = 'PERSON'",
                    [nk.last],
                )
                if len(full) == 1:
                    key = str(full[0]["corpus_key"])
            elif person:
                others = self._rows(
                    "SELECT DISTINCT corpus_key FROM names WHERE last_key = ? AND words > 1"
                    " AND type = 'PERSON' AND corpus_key <> ?",
                    [nk.last, key],
                )
                if not others:  # the one full name with this surname: one-word forms join
                    self.backend.execute(
                        "UPDATE names SET corpus_key = ? WHERE last_key = ? AND words = 1"
                        " AND type = 'PERSON' AND corpus_key LIKE ?",
                        [key, nk.last, "name:%"],
                    )
            self.backend.execute(
                "INSERT INTO names (canonical_key, type, canonical, last_key, words, corpus_key)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [nk.canonical_key, type_, canonical, nk.last, nk.words, key],
            )

    def _backfill_names(self) -> None:
        rows = self._rows("SELECT DISTINCT canonical, type FROM mentions")
        with self.backend.transaction():
            self._key_names({(str(r["canonical"]), str(r["type"])) for r in rows})

    def resolve(self, name: str) -> list[str]:
        """The canonical-name keys of the corpus entity (or entities) called ``name``: as a
        canonical name, as any mention's text, or as the dictionary actor it stands for,
        with every other canonical name resolved to the same entity (:mod:`.entities`)."""
        key = fold(name) or ""
        if not key:
            return []
        nk = name_key(name, "PERSON")
        rows = self._rows(
            "SELECT canonical_key FROM names WHERE corpus_key IN ("
            " SELECT corpus_key FROM names WHERE canonical_key = ?"
            " UNION SELECT corpus_key FROM names WHERE corpus_key = ? OR corpus_key = ?)",
            [key, nk.actor or "", own_key(nk)],
        )
        if not rows:  # not a canonical name: the entities it is a mention of
            rows = self._rows(
                "SELECT canonical_key FROM names WHERE corpus_key IN ("
                " SELECT n.corpus_key FROM names n JOIN"
                "  (SELECT DISTINCT canonical_key, type FROM mentions WHERE text_key = ?) m"
                "  ON n.canonical_key = m.canonical_key AND n.type = m.type)",
                [key],
            )
        return sorted({str(r["canonical_key"]) for r in rows} | {key})

    # ------------------------------------------------------------------ reading

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "claims", "events", "mentions", "claim_sources"):
            raise ValueError(f"unknown table {table!r}")
        return int(self._rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def fingerprint(self) -> str:
        """Changes whenever an article is added (for caches of corpus-wide results)."""
        row = self._rows(f"SELECT count(*) AS n, max({self.backend.order}) AS last FROM articles")
        return f"{row[0]['n']}:{row[0]['last']}"

    def analyses(self, *, batch: int = 200) -> Iterator[Analysis]:
        """Every stored Analysis, in ingest order (read in batches: memory stays flat)."""
        order = self.backend.order
        last: Any = None
        while True:
            where = f"WHERE {order} > ?" if last is not None else ""
            rows = self._rows(
                f"SELECT {order} AS k, analysis FROM articles {where} ORDER BY {order} LIMIT ?",
                [*([last] if last is not None else []), batch],
            )
            for row in rows:
                yield from_dict(Analysis, json.loads(row["analysis"]))
            if len(rows) < batch:
                return
            last = rows[-1]["k"]

    def article(self, article_id: str) -> Analysis | None:
        """The stored Analysis of one article, or None."""
        rows = self._rows("SELECT analysis FROM articles WHERE id = ?", [article_id])
        return from_dict(Analysis, json.loads(rows[0]["analysis"])) if rows else None

    def articles(
        self,
        *,
        outlet: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Articles (newest first) with their number of claims; ``about`` keeps those that
        mention an entity of that name."""
        where: list[str] = []
        args: list[Any] = []
        if outlet:
            where.append("a.outlet_key = ?")
            args.append(fold(outlet))
        if about:
            marks, vals = _in(self.resolve(about))
            where.append(
                f"a.id IN (SELECT article_id FROM mentions WHERE canonical_key IN {marks}"
                " UNION SELECT article_id FROM mentions WHERE text_key = ?)"
            )
            args += [*vals, fold(about)]
        if since:
            where.append("a.published >= ?")
            args.append(since)
        if until:
            where.append("a.published <= ?")
            args.append(until)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.url, a.published,"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims"
            " FROM articles a"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY a.published DESC, a.{self.backend.order} LIMIT ? OFFSET ?"
        return self._rows(sql, [*args, limit, offset])

    def article_rows(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, title, outlet, url, published} of the articles given (unknown skipped)."""
        out: dict[str, dict[str, Any]] = {}
        for marks, vals in _batches(ids):
            for r in self._rows(
                f"SELECT id, title, outlet, url, published FROM articles WHERE id IN {marks}", vals
            ):
                out[str(r["id"])] = r
        return out

    def claim_rows(self, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """(article id, claim id) -> the claim's row (as :meth:`claims` gives it)."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        by_article: dict[str, set[str]] = {}
        for aid, cid in refs:
            by_article.setdefault(aid, set()).add(cid)
        for marks, vals in _batches(by_article):
            for r in self._rows(
                "SELECT c.article_id, c.claim_id, c.status, c.text, c.sources, c.direct_quote,"
                ' c.polarity, a.outlet, a.published, a.title, a.url, c.start, c."end"'
                " FROM claims c JOIN articles a ON a.id = c.article_id"
                f" WHERE c.article_id IN {marks}",
                vals,
            ):
                if r["claim_id"] in by_article[r["article_id"]]:
                    out[(str(r["article_id"]), str(r["claim_id"]))] = r
        return out

    def _about_claims(self, about: str) -> tuple[str, list[Any]]:
        """SQL selecting (article_id, claim_id) of the claims whose sentence mentions the
        entity named ``about`` (any mention of it, pronouns included; names resolved across
        articles by :meth:`resolve`), or that cite it as a source (whole names, not parts:
        "Assad" is not "Israel's ambassador")."""
        key = fold(about) or ""
        marks, vals = _in(self.resolve(about))
        sql = (
            "SELECT article_id, claim_id FROM claim_mentions"
            f" WHERE canonical_key IN {marks}"
            " UNION SELECT article_id, claim_id FROM claim_sources WHERE level >= 1"
            f" AND (name_key IN {marks} OR name_key IN (SELECT name_key"
            " FROM source_names WHERE name_key LIKE ? OR name_key LIKE ? OR name_key LIKE ?))"
        )
        words = [f"% {key}", f"{key} %", f"% {key} %"]  # "Mayor Ana Ruiz" names Ana Ruiz
        return sql, [*vals, *vals, *words]

    def claims(
        self,
        *,
        about: str | None = None,
        status: Sequence[str] = (),
        source: str | None = None,
        outlet: str | None = None,
        text: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims matching every filter given.

        ``about``: an entity named in the claim's sentence (any of its mentions, or its
        canonical name), or a cited source of that name; ``text``: a full-text query
        (FTS5 syntax, also on PostgreSQL) over claim and sentence text.
        """
        where: list[str] = []
        args: list[Any] = []
        source_rows = "claims c"
        head_args: list[Any] = []
        if about:  # the matching claims drive the query (an index lookup, then the claims)
            about_sql, head_args = self._about_claims(about)
            source_rows = (
                f"({about_sql}) h JOIN claims c"
                " ON c.article_id = h.article_id AND c.claim_id = h.claim_id"
            )
        if status:
            marks, vals = _in(status)
            where.append(f"c.status IN {marks}")
            args += vals
        if source:
            where.append(
                "(c.article_id, c.claim_id) IN (SELECT article_id, claim_id FROM claim_sources"
                " WHERE name_key = ? AND level >= 1)"
            )
            args.append(fold(source))
        if outlet:
            where.append("a.outlet_key = ?")
            args.append(fold(outlet))
        if since:
            where.append("a.published >= ?")
            args.append(since)
        if until:
            where.append("a.published <= ?")
            args.append(until)
        if text:
            fts_sql, fts_args = self.backend.fts_claim("c", text)
            where.append(fts_sql)
            args += fts_args
        sql = (
            "SELECT c.article_id, c.claim_id, c.status, c.text, c.sources, c.direct_quote,"
            " a.outlet, a.published, a.title, a.url,"
            f' c.start, c."end" FROM {source_rows} JOIN articles a ON a.id = c.article_id'
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published, c.article_id, c.start LIMIT ? OFFSET ?"
        return self._rows(sql, [*head_args, *args, limit, offset])

    def sources(
        self, limit: int = 100, *, offset: int = 0, name: str | None = None
    ) -> list[dict[str, Any]]:
        """Who is cited (level >= 1), how often, in how many articles, with which statuses."""
        where = "s.level >= 1"
        args: list[Any] = []
        if name:
            where += " AND s.name_key = ?"
            args.append(fold(name))
        sql = f"""
            SELECT min(s.name) AS name, s.kind, count(*) AS claims,
                   count(DISTINCT s.article_id) AS articles,
                   count(DISTINCT a.outlet) AS outlets,
                   sum(CASE WHEN c.status = 'reported' THEN 1 ELSE 0 END) AS reported,
                   sum(CASE WHEN c.status = 'hedged' THEN 1 ELSE 0 END) AS hedged,
                   sum(CASE WHEN c.status = 'denied' THEN 1 ELSE 0 END) AS denied
            FROM claim_sources s
            JOIN claims c ON c.article_id = s.article_id AND c.claim_id = s.claim_id
            JOIN articles a ON a.id = s.article_id
            WHERE {where}
            GROUP BY s.name_key, s.kind
            ORDER BY claims DESC, name LIMIT ? OFFSET ?"""
        return self._rows(sql, [*args, limit, offset])

    def events(
        self,
        *,
        about: str | None = None,
        actor: str | None = None,
        target: str | None = None,
        plover: str | None = None,
        status: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events (who did what to whom, when, where) matching every filter given.

        ``actor``/``target``: the name of that participant (case-insensitive) or its
        actor code (``SYRGOV``); ``about``: either of them; ``since``/``until``: the
        event's date (its publication date when it has none)."""
        where: list[str] = []
        args: list[Any] = []
        for col, value in (("actor", actor), ("target", target)):
            if value:
                marks, vals = _in(self.resolve(value))
                where.append(f"(e.{col}_key IN {marks} OR e.{col}_code = ?)")
                args += [*vals, value.upper()]
        if about:
            marks, vals = _in(self.resolve(about))
            where.append(
                f"(e.actor_key IN {marks} OR e.target_key IN {marks}"
                " OR e.actor_code = ? OR e.target_code = ?)"
            )
            args += vals * 2 + [about.upper()] * 2
        if plover:
            where.append("e.plover = ?")
            args.append(plover.upper())
        if status:
            marks, vals = _in(status)
            where.append(f"e.status IN {marks}")
            args += vals
        day = "coalesce(e.date, a.published)"
        if since:
            where.append(f"{day} >= ?")
            args.append(since)
        if until:
            where.append(f"substr({day}, 1, 10) <= ?")
            args.append(until)
        sql = (
            "SELECT e.article_id, e.event_id, e.claim_id, e.date, e.actor, e.actor_code,"
            " e.plover, e.mode, e.cameo, e.target, e.target_code, e.place, e.status,"
            " e.polarity, a.outlet, a.published, c.text AS claim"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            " LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_id = e.claim_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {day}, e.article_id, e.event_id LIMIT ? OFFSET ?"
        return self._rows(sql, [*args, limit, offset])

    def entities(
        self,
        *,
        name: str | None = None,
        type: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Entities across articles (most widely reported first; canonical names that
        are one entity merged, see :mod:`.entities`), with their numbers of mentions and
        articles, their other canonical names and their most frequent aliases.

        ``name`` keeps the entity of that name (see :meth:`resolve`)."""
        where: list[str] = []
        args: list[Any] = []
        if name:
            marks, vals = _in(self.resolve(name))
            where.append(f"m.canonical_key IN {marks}")
            args += vals
        if type:
            where.append("m.type = ?")
            args.append(type.upper())
        join = (
            " FROM mentions m JOIN names n ON n.canonical_key = m.canonical_key AND n.type = m.type"
        )
        sql = (
            "SELECT n.corpus_key AS key, min(m.type) AS type, count(*) AS mentions,"
            " count(DISTINCT m.article_id) AS articles" + join
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY n.corpus_key ORDER BY articles DESC, mentions DESC, key"
        sql += " LIMIT ? OFFSET ?"
        rows = self._rows(sql, [*args, limit, offset])
        if not rows:
            return []
        marks, keys = _in(r["key"] for r in rows)
        names: dict[str, list[tuple[int, int, str]]] = {}
        for r in self._rows(
            "SELECT n.corpus_key AS key, n.canonical, n.words, count(*) AS c"
            + join
            + f" WHERE n.corpus_key IN {marks} GROUP BY n.corpus_key, n.canonical, n.words",
            keys,
        ):
            names.setdefault(r["key"], []).append((-int(r["c"]), -int(r["words"]), r["canonical"]))
        aliases: dict[str, list[str]] = {}
        for r in self._rows(
            "SELECT n.corpus_key AS key, min(m.text) AS alias, count(*) AS c"
            + join
            + f" WHERE n.corpus_key IN {marks} GROUP BY n.corpus_key, m.text_key"
            " ORDER BY c DESC, alias",
            keys,
        ):
            aliases.setdefault(r["key"], []).append(r["alias"])
        skip = english_function_words()
        out = []
        for r in rows:
            # the name: the most mentioned canonical name, the longer one on a tie
            canon = [c for _, _, c in sorted(names.get(r["key"], []))]
            entity = canon[0] if canon else r["key"]
            other = [
                a
                for a in dict.fromkeys(canon[1:] + aliases.get(r["key"], []))
                if a != entity and (fold(a) or "") not in skip
            ]
            out.append(
                {
                    "entity": entity,
                    "type": r["type"],
                    "mentions": r["mentions"],
                    "articles": r["articles"],
                    "aliases": other[:10],
                    "names": canon,
                }
            )
        return out

    # ------------------------------------------------------------------ retrieval (ask)

    def ensure_read_indexes(self) -> None:
        """Kept for callers of older versions: the query indexes are part of the schema."""

    def analyses_for(self, ids: Iterable[str]) -> list[Analysis]:
        """The stored Analysis of each article id given (unknown ids are skipped), in
        ingest order."""
        return [from_dict(Analysis, json.loads(t)) for t in self.analysis_json_for(ids)]

    def analysis_json_for(self, ids: Iterable[str]) -> list[str]:
        """The stored Analysis JSON of each article id given, in ingest order (for callers
        with their own decoder)."""
        found: list[tuple[int, str]] = []
        order = self.backend.order
        for marks, vals in _batches(ids):
            found += [
                (int(r["k"]), str(r["analysis"]))
                for r in self._rows(
                    f"SELECT {order} AS k, analysis FROM articles WHERE id IN {marks}", vals
                )
            ]
        return [text for _, text in sorted(found)]

    def articles_naming(self, names: Sequence[str]) -> set[str]:
        """Ids of articles with an entity mention (text or canonical name) or an event
        actor/target equal to one of ``names`` (case-insensitive)."""
        keys = _keys(names)
        if not keys:
            return set()
        marks, vals = _in(keys)
        canon_marks, canon = _in({k for n in names if n for k in self.resolve(n)})
        sql = (
            f"SELECT article_id FROM mentions WHERE canonical_key IN {canon_marks}"
            f" UNION SELECT article_id FROM mentions WHERE text_key IN {marks}"
            f" UNION SELECT article_id FROM events WHERE actor_key IN {marks}"
            f" UNION SELECT article_id FROM events WHERE target_key IN {marks}"
        )
        return {str(r["article_id"]) for r in self._rows(sql, canon + vals * 3)}

    def articles_matching(self, query: str) -> set[str]:
        """Ids of articles with a claim whose text or sentence matches the FTS5 ``query``."""
        sql, args = self.backend.fts_claims(query)
        return {
            str(a)
            for a in self.backend.values(f"SELECT DISTINCT f.article_id FROM ({sql}) f", args)
        }

    def articles_with_events(self, families: Sequence[str]) -> set[str]:
        """Ids of articles with an event of one of the PLOVER ``families``."""
        if not families:
            return set()
        marks, vals = _in(families)
        rows = self._rows(f"SELECT DISTINCT article_id FROM events WHERE plover IN {marks}", vals)
        return {str(r["article_id"]) for r in rows}

    def latest_published(self) -> str | None:
        """The latest publication date stored (ISO text), or None."""
        rows = self._rows(
            "SELECT max(published) AS p FROM articles WHERE published LIKE ?", ["____-__-__%"]
        )
        return str(rows[0]["p"]) if rows and rows[0]["p"] else None

    def canonical_names(self, names: Sequence[str]) -> set[str]:
        """Canonical entity names that any of ``names`` is (as a mention or canonical
        name, case-insensitive), plus the names themselves."""
        keys = sorted({k for n in names if n for k in self.resolve(n)})
        if not keys:
            return {n for n in names if n}
        marks, vals = _in(keys)
        rows = self._rows(
            f"SELECT DISTINCT canonical FROM names WHERE canonical_key IN {marks}", vals
        )
        return {str(r["canonical"]) for r in rows} | {n for n in names if n}

    def articles_with_claims_about(
        self,
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
        keys = _keys(canonicals)
        if not keys:
            return set()
        marks, vals = _in(keys)
        found: set[str] = set()
        # only among the articles ``within`` (when they are few enough to list)
        scope, scope_args = "", list[str]()
        if within is not None and len(within) <= WITHIN_LIMIT:
            if not within:
                return set()
            scope_marks, scope_args = _in(within)
            scope = f" AND {{0}}.article_id IN {scope_marks}"
        # claims of the matches that mention a name: probed through claim_mentions' key
        mentioned = (
            "EXISTS (SELECT 1 FROM claim_mentions cm WHERE cm.canonical_key IN"
            f" {marks} AND cm.article_id = {{0}}.article_id AND cm.claim_id = {{0}}.claim_id)"
        )
        if text:
            fts_sql, fts_args = self.backend.fts_claims(text)
            found.update(
                self.backend.values(
                    f"SELECT DISTINCT f.article_id FROM ({fts_sql}) f"
                    f" WHERE {mentioned.format('f')}{scope.format('f')}",
                    [*fts_args, *vals, *scope_args],
                )
            )
        if families:
            fam_marks, fam_vals = _in(families)
            found.update(
                self.backend.values(
                    f"SELECT DISTINCT e.article_id FROM events e WHERE e.plover IN {fam_marks}"
                    f"{scope.format('e')}"
                    f" AND (e.actor_key IN {marks} OR {mentioned.format('e')})",
                    [*fam_vals, *scope_args, *vals, *vals],
                )
            )
        return {str(a) for a in found}

    def rank_articles(
        self, ids: Iterable[str], canonicals: Sequence[str]
    ) -> list[tuple[str, int, int]]:
        """``(article id, claims naming one of canonicals, of those denied or negative)``
        for the articles given: how much each could say about those entities."""
        keys = _keys(canonicals)
        out: list[tuple[str, int, int]] = []
        key_marks, key_vals = _in(keys)
        for marks, vals in _batches(ids):
            rows = self._rows(
                "SELECT c.article_id, count(*) AS n,"
                " sum(CASE WHEN c.status = 'denied' OR c.polarity = 'negative'"
                " THEN 1 ELSE 0 END) AS neg FROM claims c"
                f" WHERE c.article_id IN {marks} AND (c.article_id, c.claim_id) IN"
                " (SELECT article_id, claim_id FROM claim_mentions"
                f" WHERE canonical_key IN {key_marks})"
                " GROUP BY c.article_id",
                [*vals, *key_vals],
            )
            got = {str(r["article_id"]): (int(r["n"]), int(r["neg"] or 0)) for r in rows}
            out += [(a, *got.get(a, (0, 0))) for a in vals]
        return out

    # ------------------------------------------------------------------ cached corpus links

    def load_links(self, fingerprint: str) -> str | None:
        """The cached corpus-links JSON if it was computed for ``fingerprint``."""
        rows = self._rows("SELECT fingerprint, data FROM corpus_links WHERE id = 1")
        if rows and rows[0]["fingerprint"] == fingerprint:
            return str(rows[0]["data"])
        return None

    def save_links(self, fingerprint: str, data: str) -> None:
        with self.backend.transaction():
            self.backend.execute("DELETE FROM corpus_links WHERE id = 1")
            self.backend.execute(
                "INSERT INTO corpus_links (id, fingerprint, data) VALUES (1, ?, ?)",
                [fingerprint, data],
            )
