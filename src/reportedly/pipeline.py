"""Stage registry and the pipeline that runs registered stages in order.

A stage is a function ``State -> None`` registered under a versioned name with
what it ``requires`` (State fields that must be filled before it runs) and what
it ``assigns``. :class:`Pipeline` checks the order when it is built, so a wrong
order fails at start-up, not on the thousandth article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import ReportedlyError, StageFailed, StageOrderError, UnknownStage
from .records import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Cue,
    Entity,
    Event,
    Place,
    Source,
    TimeRef,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

BlockKind = Literal["headline", "standfirst", "body"]


@dataclass
class Block:
    """A paragraph of the article that may hold claims (chrome is left out)."""

    start: int
    end: int
    kind: BlockKind = "body"


@dataclass
class Sentence:
    start: int
    end: int
    block: int
    span: Span  # the spaCy span; its char offsets are relative to its block
    offset: int  # add to span char offsets to get article offsets
    kind: BlockKind = "body"

    def char(self, i: int) -> int:
        """Article offset of a char offset inside the block's Doc."""
        return i + self.offset


@dataclass
class Unit:
    """A claim in the making: a content span with its attribution frame."""

    sentence: int
    start: int
    end: int
    sources: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    direct_quote: bool = False
    head: int | None = None  # token index (in the block Doc) of the unit's head
    tokens: list[int] = field(default_factory=list)  # block-Doc tokens the unit owns
    kind: Literal["clause", "content", "frame"] = "clause"
    frame: str | None = None  # for content units: the kind of frame that introduced them
    parent: int | None = None  # index of the unit whose frame introduced this content
    carried: bool = False  # sources carried over from an earlier sentence
    status: str = "asserted"
    polarity: Literal["positive", "negative"] = "positive"


@dataclass
class State:
    """What the stages read and write while analysing one article."""

    article: Article
    blocks: list[Block] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mention_entity: dict[tuple[int, int], str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    attribution_unit: list[int | None] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    hedges: list[Cue] = field(default_factory=list)
    unit_claim: list[str] = field(default_factory=list)  # Claim.id of each unit
    times: list[TimeRef] = field(default_factory=list)  # every date expression, normalised
    places: list[Place] = field(default_factory=list)  # every place name, from the gazetteer
    events: list[Event] = field(default_factory=list)
    filled: set[str] = field(default_factory=lambda: {"article"})

    def to_analysis(self) -> Analysis:
        return Analysis(
            article=self.article,
            entities=self.entities,
            claims=self.claims,
            events=self.events,
            attributions=self.attributions,
            hedges=self.hedges,
        )


StageFunc = Callable[[State], None]


@dataclass(frozen=True)
class StageInfo:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""


STAGES: dict[str, StageInfo] = {}

#: The default stage order of ``reportedly analyze``.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "nlp",
    "entities",
    "attribute",
    "status",
    "claims",
    "time",
    "place",
    "events",
)


def stage(
    name: str, *, requires: Sequence[str], assigns: Sequence[str]
) -> Callable[[StageFunc], StageFunc]:
    """Register a stage under ``name`` (use a new name for a new behaviour)."""

    def register(func: StageFunc) -> StageFunc:
        STAGES[name] = StageInfo(name, func, tuple(requires), tuple(assigns), func.__doc__ or "")
        return func

    return register


def _load_builtin_stages() -> None:
    from . import stages  # noqa: F401  (importing registers them)


def check_order(names: Iterable[str]) -> list[StageInfo]:
    """Return the stages for ``names``, raising if one is unknown or misplaced."""
    _load_builtin_stages()
    filled = {"article"}
    infos: list[StageInfo] = []
    for name in names:
        if name not in STAGES:
            known = ", ".join(sorted(STAGES))
            raise UnknownStage(f"no stage named {name!r}; registered stages: {known}")
        info = STAGES[name]
        missing = [r for r in info.requires if r not in filled]
        if missing:
            raise StageOrderError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        filled.update(info.assigns)
        infos.append(info)
    return infos


ErrorHandler = Callable[[str, State, BaseException], None]


def raise_error(stage_name: str, state: State, exc: BaseException) -> None:
    """Default error handler: stop this article with a coded error."""
    if isinstance(exc, ReportedlyError):
        raise exc
    raise StageFailed(stage_name, exc) from exc


class Pipeline:
    """Runs registered stages over articles.

    ``on_error`` is called with (stage name, state, exception) when a stage
    raises; the default stops the article with :class:`StageFailed`. A handler
    that returns normally lets the remaining stages that do not depend on the
    failed one go on.
    """

    def __init__(
        self,
        stages: Sequence[str] = DEFAULT_STAGES,
        *,
        on_error: ErrorHandler = raise_error,
        config: dict[str, Any] | None = None,
    ) -> None:
        self.stages = check_order(stages)
        self.on_error = on_error
        self.config = dict(config or {})

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, article: Article) -> State:
        state = State(article=article)
        failed: set[str] = set()
        for info in self.stages:
            if failed.intersection(info.requires):
                failed.update(info.assigns)
                continue
            try:
                info.func(state)
            except Exception as exc:  # noqa: BLE001 - handed to the error handler
                log.warning("stage %s failed on article %s: %s", info.name, article.id, exc)
                self.on_error(info.name, state, exc)
                failed.update(info.assigns)
                continue
            state.filled.update(info.assigns)
        return state

    def __call__(self, article: Article) -> Analysis:
        return self.run(article).to_analysis()
