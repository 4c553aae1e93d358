"""``reportedly.Corpus``: the corpus from Python, on a SQLite file or a PostgreSQL URL.

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
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .links import Links, corpus_links
from .records import Contradiction, Story
from .store import Store

if TYPE_CHECKING:
    from ..ask.answer import Answer
    from ..records import Analysis
    from .ingest import IngestSummary

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
        from .ingest import ingest

        return ingest(list(paths), self.store, **options)

    # ------------------------------------------------------------------ queries

    def article(self, article_id: str) -> Analysis | None:
        return self.store.article(article_id)

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.articles(**filters)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        """Claims; filters ``about``, ``status``, ``source``, ``outlet``, ``text``,
        ``since``, ``until``, ``limit``, ``offset`` (see :meth:`Store.claims`)."""
        return self.store.claims(**filters)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.events(**filters)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.entities(**filters)

    def sources(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.sources(**filters)

    def links(self, *, refresh: bool = False) -> Links:
        return corpus_links(self.store, refresh=refresh)

    def stories(self) -> list[Story]:
        return self.links().stories

    def contradictions(self) -> list[Contradiction]:
        return self.links().contradictions

    def ask(self, question: str) -> Answer:
        from ..ask.answer import answer_store

        return answer_store(question, self.store)

    # ------------------------------------------------------------------ pandas

    def to_pandas(self, table: str = "claims", **filters: Any) -> Any:
        """A pandas DataFrame of ``claims``, ``events``, ``entities``, ``sources``,
        ``articles`` or ``stories`` (all rows unless ``limit`` is given)."""
        try:
            import pandas as pd
        except ImportError:
            raise ConfigError(
                "to_pandas needs pandas: pip install pandas (or pip install 'reportedly[pandas]')"
            ) from None
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
