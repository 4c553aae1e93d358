"""What a stage is: a factory registered under a versioned name, and its resources.

A stage factory takes the stage's own config (a JSON-able mapping) and the
:class:`Resources` of its pipeline, and returns the function that runs the stage
on a :class:`~reportedly.nlp.doc.Document`. The factory is called once per
pipeline; what it needs (lexicons, the spaCy model, the gazetteer, the actor
resolver) it takes from the resources and holds. ``@stage`` registers a factory
with the layers it ``requires`` and ``assigns``; both are checked against the
fields of ``Document`` right there, so a misspelt layer fails at import.

Third-party stages register under the entry-point group ``reportedly.stages``
(the entry point names a :class:`StageInfo`, which ``@stage`` returns).

A stage function may also be a :class:`BatchStage`: besides running on one document,
its ``batch`` runs it on several at once (the spaCy stage parses the blocks of many
articles in one ``nlp.pipe`` call), which :meth:`reportedly.pipeline.Pipeline.pipe`
uses. ``batch(docs)`` must leave every document as ``func(doc)`` would.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..events.actors import ActorResolver, resolver
from ..gazetteer import Gazetteer
from ..lexicons import Lexicons
from ..nlp.doc import LAYERS, Document
from ..nlp.model import load_model, model_name
from ..registry import Registry

if TYPE_CHECKING:
    from spacy.language import Language

StageFunc = Callable[[Document], None]
StageConfig = Mapping[str, Any]


@runtime_checkable
class BatchStage(Protocol):
    """A stage function that can also run on several documents at once."""

    def __call__(self, doc: Document) -> None: ...

    def batch(self, docs: Sequence[Document]) -> None:
        """Run the stage on every document of ``docs``; when it raises, the pipeline
        runs the stage again on each document on its own (so it must not matter what
        a failed batch left behind)."""
        ...


class Resources:
    """The shared, read-only things stages are built from: one set per pipeline config.

    The lexicon bundle is loaded when the resources are made; the spaCy model, the
    actor resolver and the gazetteer when a stage first asks for them.
    """

    def __init__(self, lexicons: Lexicons, model: str | None = None) -> None:
        self.lexicons = lexicons
        self.model = model

    @functools.cached_property
    def nlp(self) -> Language:
        return load_model(model_name(self.model))

    @functools.cached_property
    def actors(self) -> ActorResolver:
        return resolver(self.lexicons)

    @functools.cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.lexicons)


StageFactory = Callable[[StageConfig, Resources], StageFunc]


@dataclass(frozen=True)
class StageInfo:
    name: str  # versioned: "attribute.v1"
    factory: StageFactory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""
    alias: str | None = None  # the short name also accepted ("attribute")


#: Every stage, by versioned name (built-ins and the ``reportedly.stages`` entry points).
STAGES: Registry[StageInfo] = Registry("stage", "reportedly.stages")

#: Short names -> versioned names, so ``--stages clean,nlp`` keeps working.
ALIASES: dict[str, str] = {}


def _check_layers(name: str, kind: str, layers: Sequence[str]) -> tuple[str, ...]:
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        raise TypeError(
            f"stage {name!r} {kind} {', '.join(map(repr, unknown))}, which "
            f"{'is not a layer' if len(unknown) == 1 else 'are not layers'} of Document "
            f"(layers: {', '.join(sorted(LAYERS))})"
        )
    return tuple(layers)


def stage(
    name: str,
    *,
    requires: Sequence[str],
    assigns: Sequence[str],
    alias: str | None = None,
) -> Callable[[StageFactory], StageInfo]:
    """Register a stage factory under ``name`` (a new behaviour gets a new name)."""

    def register(factory: StageFactory) -> StageInfo:
        info = StageInfo(
            name=name,
            factory=factory,
            requires=_check_layers(name, "requires", requires),
            assigns=_check_layers(name, "assigns", assigns),
            doc=factory.__doc__ or "",
            alias=alias,
        )
        STAGES.register(name, info)
        if alias is not None:
            ALIASES[alias] = name
        return info

    return register


def uses_lexicons(run: Callable[[Lexicons, Document], None]) -> StageFactory:
    """The factory of a stage that needs only the lexicon bundle: ``run(lexicons, doc)``."""

    def factory(config: StageConfig, res: Resources) -> StageFunc:
        return functools.partial(run, res.lexicons)

    factory.__doc__ = run.__doc__
    return factory


def resolve_name(name: str) -> str:
    """The versioned name of ``name`` (a short alias or a versioned name)."""
    return ALIASES.get(name, name)
