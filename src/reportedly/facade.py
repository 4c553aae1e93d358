"""``reportedly.Corpus``: the corpus from Python, on a SQLite file or a PostgreSQL URL.

The only module above both :mod:`reportedly.corpus` and :mod:`reportedly.ask`.

>>> import reportedly
>>> with reportedly.Corpus("news.db") as corpus:  # doctest: +SKIP
...     corpus.ingest("articles.jsonl")
...     corpus.claims(about="Assad", status=["reported"])
...     corpus.ask("Did Russia grant Assad asylum?").verdict
...     df = corpus.to_pandas("claims", about="Assad")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .ask.answer import Answer, answer_store
from .corpus.ingest import IngestSummary, ingest
from .corpus.link_rows import read_contradictions, read_stories, read_story, story_of_article
from .corpus.links import Links, corpus_links, ensure_links
from .corpus.records import Contradiction, Story
from .corpus.store import (
    ArticleQuery,
    ClaimQuery,
    EntityQuery,
    EventQuery,
    Query,
    Row,
    SourceQuery,
    Store,
)
from .extras import require_extra
from .records import Analysis

R = TypeVar("R")
RowT = TypeVar("RowT", bound=Row)

#: How many rows :meth:`Corpus.to_pandas` reads unless told otherwise.
ALL = 10**9


class Corpus:
    """A corpus of analysed articles: ingest, query, link, ask."""

    def __init__(self, location: str | Path) -> None:
        self.store = Store(location)
        self.location = str(location)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.count()

    def __repr__(self) -> str:
        return f"Corpus({self.location!r}, articles={len(self)})"

    # ------------------------------------------------------------------ writing

    def ingest(self, *paths: str | Path, **options: Any) -> IngestSummary:
        """Analyse and store articles (files, folders, feeds, WARC, URL lists); the
        options are those of :func:`reportedly.corpus.ingest.ingest` (``published``,
        ``outlet``, ``errors``, ``workers``, ...)."""
        return ingest(list(paths), self.store, **options)

    # ------------------------------------------------------------------ queries

    def query(self, query: Query[R]) -> list[R]:
        """The typed rows of a query object (:mod:`reportedly.corpus.store.queries`)."""
        return self.store.query(query)

    def _dicts(self, query: Query[RowT]) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self.store.query(query)]

    def article(self, article_id: str) -> Analysis | None:
        return self.store.article(article_id)

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        """Articles; the filters of :class:`~reportedly.corpus.store.ArticleQuery`."""
        return self._dicts(ArticleQuery(**filters))

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        """Claims; filters ``about``, ``status``, ``source``, ``outlet``, ``text``,
        ``since``, ``until``, ``limit``, ``offset`` (see
        :class:`~reportedly.corpus.store.ClaimQuery`)."""
        return self._dicts(ClaimQuery(**filters))

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events; the filters of :class:`~reportedly.corpus.store.EventQuery`."""
        return self._dicts(EventQuery(**filters))

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        """Entities; the filters of :class:`~reportedly.corpus.store.EntityQuery`."""
        return self._dicts(EntityQuery(**filters))

    def sources(self, **filters: Any) -> list[dict[str, Any]]:
        """Cited sources; the filters of :class:`~reportedly.corpus.store.SourceQuery`."""
        return self._dicts(SourceQuery(**filters))

    def links(self, *, refresh: bool = False) -> Links:
        return corpus_links(self.store, refresh=refresh)

    def stories(self, *, offset: int = 0, limit: int | None = None) -> list[Story]:
        """The stories in order (a page with ``offset`` and ``limit``), read from the link
        rows (brought up to date first), not the whole links."""
        ensure_links(self.store)
        return read_stories(self.store, offset=offset, limit=limit)

    def story(self, story_id: str) -> Story | None:
        """One story by id (its rows only), or None."""
        ensure_links(self.store)
        found = read_story(self.store, story_id)
        return found[0] if found is not None else None

    def story_of(self, article_id: str) -> Story | None:
        """The story of an article (its rows only), or None."""
        ensure_links(self.store)
        sid = story_of_article(self.store, article_id)
        return self.story(sid) if sid is not None else None

    def contradictions(self) -> list[Contradiction]:
        """Every contradiction, read from the link rows (brought up to date first)."""
        ensure_links(self.store)
        return read_contradictions(self.store)

    def ask(self, question: str) -> Answer:
        return answer_store(question, self.store)

    # ------------------------------------------------------------------ pandas

    def to_pandas(self, table: str = "claims", **filters: Any) -> Any:
        """A pandas DataFrame of ``claims``, ``events``, ``entities``, ``sources``,
        ``articles`` or ``stories`` (all rows unless ``limit`` is given)."""
        require_extra("pandas", "Corpus.to_pandas")
        import pandas as pd

        readers: dict[str, Callable[..., list[dict[str, Any]]]] = {
            "claims": self.claims,
            "events": self.events,
            "entities": self.entities,
            "sources": self.sources,
            "articles": self.articles,
        }
        if table == "stories":
            rows = [
                {"story": s.id, "title": s.title, "articles": s.articles, "copies": s.copies,
                 "entities": s.entities}
                for s in self.stories()
            ]  # fmt: skip
            return pd.DataFrame(rows, columns=["story", "title", "articles", "copies", "entities"])
        if table not in readers:
            raise ValueError(f"unknown table {table!r}; one of {sorted([*readers, 'stories'])}")
        filters.setdefault("limit", ALL)
        return pd.DataFrame(readers[table](**filters))
