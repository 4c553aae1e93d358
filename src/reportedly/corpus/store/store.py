"""The corpus store: analysed articles in one SQLite file (WAL, FTS5) or a PostgreSQL
database (tsvector), through the same methods (see :mod:`.backend`).

One writer, many readers; one Store serves many threads (a connection per thread on
SQLite, a pool on PostgreSQL), and the migrations run once, when it is opened. Every
article is stored whole and flattened into tables for queries (:mod:`.writer`); listings
are query objects (:mod:`.queries`) run by :meth:`Store.query`. Ingest is idempotent: an
article whose content hash is stored is skipped.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ...records import Analysis, from_dict
from .backend import Backend, is_postgres_url, open_backend
from .names import backfill_names, resolve
from .queries import CLAIM_COLUMNS, Query
from .rows import ArticleRow, ClaimRow, from_sql
from .sql import BATCH, batches
from .writer import write

R = TypeVar("R")


class Store:
    """A corpus: a SQLite file (created on first use) or a PostgreSQL database URL.

    Both go through the same methods; :mod:`.backend` holds what differs.
    """

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.backend: Backend = open_backend(location)
        self.path = Path(self.location) if not is_postgres_url(location) else None
        try:
            self.backend.migrate()
            backfill_names(self.backend)  # a store written before names were keyed
        except BaseException:
            self.backend.close()
            raise

    @property
    def is_postgres(self) -> bool:
        return self.path is None

    @property
    def version(self) -> int:
        return self.backend.version()

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def has(self, content_hash: str) -> bool:
        rows = self.backend.rows("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash])
        return bool(rows)

    def add(
        self,
        analysis: Analysis,
        *,
        source_item: str | None = None,
        analysis_json: str | None = None,
        fingerprint: str | None = None,
    ) -> bool:
        """Store one analysed article in one transaction; False if it was already there.

        ``analysis_json`` is the analysis as JSON when the caller has it already (parallel
        ingest gets it from the worker); ``fingerprint`` is that of the pipeline that made
        it (provenance)."""
        return write(
            self.backend,
            analysis,
            source_item=source_item,
            analysis_json=analysis_json,
            fingerprint=fingerprint,
        )

    # ------------------------------------------------------------------ reading

    def query(self, query: Query[R]) -> list[R]:
        """The typed rows of a query object (:mod:`.queries`)."""
        return query.fetch(self.backend)

    def resolve(self, name: str) -> list[str]:
        """The canonical-name keys of the corpus entity called ``name`` (:func:`.resolve`)."""
        return resolve(self.backend, name)

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "claims", "events", "mentions", "claim_sources"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.backend.rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def fingerprint(self) -> str:
        """Changes whenever an article is added (for caches of corpus-wide results)."""
        row = self.backend.rows(
            f"SELECT count(*) AS n, max({self.backend.order}) AS last FROM articles"
        )
        return f"{row[0]['n']}:{row[0]['last']}"

    def analyses(self, *, batch: int = 200, without: Sequence[str] = ()) -> Iterator[Analysis]:
        """Every stored Analysis, in ingest order (read in batches: memory stays flat);
        the list fields named in ``without`` left empty (for readers that do not need
        them: less memory when every analysis is held)."""
        order = self.backend.order
        last: Any = None
        while True:
            where = f"WHERE {order} > ?" if last is not None else ""
            rows = self.backend.rows(
                f"SELECT {order} AS k, analysis FROM articles {where} ORDER BY {order} LIMIT ?",
                [*([last] if last is not None else []), batch],
            )
            for row in rows:
                data = json.loads(row["analysis"])
                for name in without:
                    data.pop(name, None)
                yield from_dict(Analysis, data)
            if len(rows) < batch:
                return
            last = rows[-1]["k"]

    def article(self, article_id: str) -> Analysis | None:
        """The stored Analysis of one article, or None."""
        rows = self.backend.rows("SELECT analysis FROM articles WHERE id = ?", [article_id])
        return from_dict(Analysis, json.loads(rows[0]["analysis"])) if rows else None

    def analyses_for(self, ids: Iterable[str]) -> list[Analysis]:
        """The stored Analysis of each article id given (unknown ids are skipped), in
        ingest order."""
        return [from_dict(Analysis, json.loads(t)) for t in self.analysis_json_for(ids)]

    def analysis_json_for(self, ids: Iterable[str]) -> list[str]:
        """The stored Analysis JSON of each article id given, in ingest order (for callers
        with their own decoder)."""
        found: list[tuple[int, str]] = []
        order = self.backend.order
        for marks, vals in batches(ids):
            found += [
                (int(r["k"]), str(r["analysis"]))
                for r in self.backend.rows(
                    f"SELECT {order} AS k, analysis FROM articles WHERE id IN {marks}", vals
                )
            ]
        return [text for _, text in sorted(found)]

    def article_rows(self, ids: Iterable[str]) -> dict[str, ArticleRow]:
        """id -> the row of each article given (unknown ids skipped; claims not counted)."""
        out: dict[str, ArticleRow] = {}
        for marks, vals in batches(ids):
            for r in self.backend.rows(
                f"SELECT id, title, outlet, url, published FROM articles WHERE id IN {marks}", vals
            ):
                out[str(r["id"])] = from_sql(ArticleRow, r)
        return out

    def claim_rows(self, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], ClaimRow]:
        """(article id, claim id) -> the claim's row (as a :class:`.ClaimQuery` gives it).

        The keys are joined as a VALUES list, so only their rows are read (by article id,
        every claim of each article was read: 5-8 times slower for a page of 50)."""
        out: dict[tuple[str, str], ClaimRow] = {}
        wanted = sorted(set(refs))
        for i in range(0, len(wanted), BATCH):
            chunk = wanted[i : i + BATCH]
            marks = ", ".join(["(?, ?)"] * len(chunk))
            for r in self.backend.rows(
                f"SELECT {CLAIM_COLUMNS} FROM (VALUES {marks}) v"
                " JOIN claims c ON c.article_id = v.column1 AND c.claim_id = v.column2"
                " JOIN articles a ON a.id = c.article_id",
                [x for ref in chunk for x in ref],
            ):
                out[(str(r["article_id"]), str(r["claim_id"]))] = from_sql(ClaimRow, r)
        return out

    def latest_published(self) -> str | None:
        """The latest publication date stored (ISO text), or None."""
        rows = self.backend.rows(
            "SELECT max(published) AS p FROM articles WHERE published LIKE ?", ["____-__-__%"]
        )
        return str(rows[0]["p"]) if rows and rows[0]["p"] else None

    # ------------------------------------------------------------------ cached corpus links
    # The corpus links are rows since schema version 11 (:mod:`reportedly.corpus.link_rows`);
    # the one-row JSON blob below is what older stores kept, read once by that version's
    # migration (which empties it), and kept for callers that store a links text of their own.

    def load_links(self, fingerprint: str) -> str | None:
        """The cached corpus-links JSON if it was computed for ``fingerprint``."""
        rows = self.backend.rows(  # the data only when it is that state's: it can be large
            "SELECT data FROM corpus_links WHERE id = 1 AND fingerprint = ?", [fingerprint]
        )
        return _links_text(rows[0]["data"]) if rows else None

    def last_links(self) -> str | None:
        """The cached corpus-links JSON whatever corpus state it was computed for (the
        incremental link keeps what did not change), or None."""
        rows = self.backend.rows("SELECT data FROM corpus_links WHERE id = 1")
        return _links_text(rows[0]["data"]) if rows else None

    def record_story_changes(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Keep ``(story id, previous story id, kind)`` rows of merges and splits (a row
        already kept is left as it is: a link run again records nothing twice)."""
        if rows:
            with self.backend.transaction():
                self.backend.executemany(
                    "INSERT INTO story_changes (story_id, previous_id, kind) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    [list(r) for r in rows],
                )

    def story_changes(self, story_id: str | None = None) -> list[tuple[str, str, str]]:
        """The merges and splits kept: ``(story id, previous story id, kind)``, those of
        ``story_id`` (as the story or the previous one) when given."""
        where = " WHERE story_id = ? OR previous_id = ?" if story_id is not None else ""
        args = [story_id, story_id] if story_id is not None else []
        rows = self.backend.rows(
            "SELECT story_id, previous_id, kind FROM story_changes"
            f"{where} ORDER BY previous_id, story_id, kind",
            args,
        )
        return [(str(r["story_id"]), str(r["previous_id"]), str(r["kind"])) for r in rows]

    def save_links(self, fingerprint: str, data: str | Iterable[str]) -> None:
        """Keep the corpus-links JSON computed for ``fingerprint`` (one upsert: threads and
        processes saving at once do not collide). ``data`` may come in pieces
        (:meth:`Links.json_chunks`): it is compressed as it comes, so the whole text is
        never held (it is 15 MB at 3,000 articles)."""
        self.backend.execute(
            "INSERT INTO corpus_links (id, fingerprint, data) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint,"
            " data = excluded.data",
            [fingerprint, _packed_links([data] if isinstance(data, str) else data)],
        )


#: The prefix of a compressed corpus-links text (zlib, then base64: a TEXT column in
#: both backends); a text without it is plain JSON (stores written before it).
_PACKED = "zlib64:"


def _packed_links(chunks: Iterable[str]) -> str:
    z = zlib.compressobj(6)
    out = [z.compress(c.encode("utf-8")) for c in chunks]
    out.append(z.flush())
    return _PACKED + base64.b64encode(b"".join(out)).decode("ascii")


def _links_text(value: Any) -> str:
    text = str(value)
    if not text.startswith(_PACKED):
        return text
    return zlib.decompress(base64.b64decode(text[len(_PACKED) :])).decode("utf-8")
