"""What a corpus linker is, the :class:`Links` it fills, and the registry of linkers.

A linker reads every analysis of a corpus and fills one or more fields of
:class:`Links` (``copies``, ``stories``, ``clusters``, ``contradictions``), reading
the fields that linkers before it filled. Each declares both (``requires``,
``assigns``); :func:`reportedly.corpus.links.compute_links` runs them in a declared
order and checks it. The built-ins (:mod:`.builtin_linkers`) are declared under the
entry-point group ``reportedly.linkers`` in reportedly's own ``pyproject.toml``, as a
third-party linker would be.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, TypeVar

from ..records import Analysis, from_dict
from ..registry import Registry
from .records import ClaimCluster, Contradiction, CopyLink, Story

LinkRecord = CopyLink | Story | ClaimCluster | Contradiction
R = TypeVar("R", CopyLink, Story, ClaimCluster, Contradiction)


def _record(kind: type[R], data: R | dict[str, Any]) -> R:
    """The record ``kind`` of a :meth:`Links.to_dict` item (``data`` itself when made)."""
    if isinstance(data, kind):
        return data
    assert isinstance(data, dict)
    if kind is ClaimCluster:
        return ClaimCluster.from_dict(data)  # type: ignore[return-value]
    record = from_dict(kind, data)
    if isinstance(record, Contradiction):
        record.claim_a = (str(record.claim_a[0]), str(record.claim_a[1]))
        record.claim_b = (str(record.claim_b[0]), str(record.claim_b[1]))
    return record


def _maker(kind: type[R]) -> Callable[[dict[str, Any]], R]:
    return lambda data: _record(kind, data)


#: The record made of a dict with these keys (those of its ``to_dict``).
_RECORD_KEYS: dict[frozenset[str], Callable[[dict[str, Any]], LinkRecord]] = {
    frozenset(f.name for f in fields(CopyLink)): _maker(CopyLink),
    frozenset(f.name for f in fields(Story)): _maker(Story),
    frozenset(f.name for f in fields(ClaimCluster)): _maker(ClaimCluster),
    frozenset(f.name for f in fields(Contradiction)): _maker(Contradiction),
}


@dataclass
class Links:
    """Everything that links the articles of a corpus."""

    copies: list[CopyLink] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    clusters: list[ClaimCluster] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "copies": [c.to_dict() for c in self.copies],
            "stories": [s.to_dict() for s in self.stories],
            "clusters": [c.to_dict() for c in self.clusters],
            "contradictions": [c.to_dict() for c in self.contradictions],
        }

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, the same text, made one
        record at a time: the dicts of every claim cluster of a corpus are never held at
        once (they were the peak of saving the links)."""
        return "".join(self.json_chunks())

    def json_chunks(self) -> Iterator[str]:
        """The text of :meth:`to_json` in pieces, one record each, for writers that
        stream it (the store compresses it as it comes)."""
        yield "{"
        for n, name in enumerate(("copies", "stories", "clusters", "contradictions")):
            yield f'{", " if n else ""}"{name}": ['
            for i, x in enumerate(getattr(self, name)):
                yield (", " if i else "") + json.dumps(x.to_dict(), ensure_ascii=False)
            yield "]"
        yield "}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Links:
        """The links of :meth:`to_dict` (records already made, as :meth:`from_json`
        leaves them, are taken as they are)."""
        return cls(
            copies=[_record(CopyLink, c) for c in data.get("copies", [])],
            stories=[_record(Story, s) for s in data.get("stories", [])],
            clusters=[_record(ClaimCluster, c) for c in data.get("clusters", [])],
            contradictions=[_record(Contradiction, c) for c in data.get("contradictions", [])],
        )

    @classmethod
    def from_json(cls, text: str) -> Links:
        """``Links.from_dict(json.loads(text))``, each record made as soon as it is parsed:
        the dicts of every claim cluster are never held at once beside the records (they
        were the peak of reading the previous links)."""

        def hook(data: dict[str, Any]) -> Any:
            make = _RECORD_KEYS.get(frozenset(data))
            return data if make is None else make(data)

        return cls.from_dict(json.loads(text, object_hook=hook))

    def story_of(self, article_id: str) -> Story | None:
        return next((s for s in self.stories if article_id in s.articles), None)


#: The fields of Links a linker may require or assign.
LINK_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Links))


class Linker(Protocol):
    """One corpus linker."""

    @property
    def requires(self) -> tuple[str, ...]:
        """Fields of :class:`Links` it reads (filled by linkers that run before it)."""
        ...

    @property
    def assigns(self) -> tuple[str, ...]:
        """Fields of :class:`Links` it fills."""
        ...

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        """Fill the ``assigns`` fields of ``links`` from ``analyses``."""
        ...


LINKERS: Registry[Linker] = Registry("corpus linker", "reportedly.linkers")


@dataclass(frozen=True)
class FunctionLinker:
    """A linker made of a function ``fill(analyses, links)`` and what it requires and assigns."""

    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    fill: Callable[[Sequence[Analysis], Links], None]

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        self.fill(analyses, links)
