"""The typed rows the store's queries return (frozen; ``to_dict`` gives the JSON the CLI
and the HTTP API show, keys in field order)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar


@dataclass(frozen=True)
class Row:
    """A result row; :meth:`to_dict` is its JSON object (tuples as lists)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v
            for f in dataclasses.fields(self)
        }


@dataclass(frozen=True)
class ArticleRow(Row):
    """An article's metadata; ``claims`` is its number of claims (None when not counted)."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    claims: int | None = None


@dataclass(frozen=True)
class ClaimRow(Row):
    """A claim with its status, its source chain as text ("Outlet > A + B") and its article."""

    article_id: str
    claim_id: str
    status: str
    text: str
    sources: str
    direct_quote: int
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    start: int
    end: int


@dataclass(frozen=True)
class EventRow(Row):
    """An event (who did what to whom, when, where), with its article and claim text."""

    article_id: str
    event_id: str
    claim_id: str
    date: str | None
    actor: str | None
    actor_code: str | None
    plover: str | None
    mode: str | None
    cameo: str | None
    target: str | None
    target_code: str | None
    place: str | None
    status: str
    polarity: str
    outlet: str | None
    published: str | None
    claim: str | None


@dataclass(frozen=True)
class EntityRow(Row):
    """An entity across articles: its name, other canonical names and frequent aliases."""

    entity: str
    type: str
    mentions: int
    articles: int
    aliases: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class SourceRow(Row):
    """A cited source: how often, in how many articles and outlets, with which statuses."""

    name: str
    kind: str
    claims: int
    articles: int
    outlets: int
    reported: int
    hedged: int
    denied: int


R = TypeVar("R", bound=Row)


def from_sql(cls: type[R], row: dict[str, Any]) -> R:
    """The typed row of an SQL result row (its columns named as the fields)."""
    return cls(**{f.name: row[f.name] for f in dataclasses.fields(cls) if f.name in row})
