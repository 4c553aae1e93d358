"""The typed working document: one article and the layers the stages add to it.

Each layer is a field of :class:`Document`. A stage declares the layers it
``requires`` and ``assigns`` by these field names (checked when the stage is
registered), and writes only its own layers: ``status`` adds :class:`UnitStatus`
records beside the units ``attribute`` produced instead of rewriting them, and
``clean`` keeps the chrome in a layer instead of writing into the input article.
Links between layers are typed records (:class:`MentionLink`, :class:`FrameLink`,
:class:`ClaimLink`), not tables lined up by index or dicts keyed by spans.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..errors import TimeLimit
from ..records import (
    Analysis,
    Article,
    Attribution,
    Chrome,
    Claim,
    Cue,
    Entity,
    Event,
    Notice,
    Place,
    Source,
    Status,
    TimeRef,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

BlockKind = Literal["headline", "standfirst", "body"]
Polarity = Literal["positive", "negative"]


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


def sentence_ents(sentences: Sequence[Sentence]) -> list[list[Span]]:
    """The named entities of each sentence (what ``sent.span.ents`` gives), found in one
    pass over each parsed block: ``Span.ents`` walks every entity of the block each time
    it is asked, which made one long paragraph cost its length squared."""
    out: list[list[Span]] = [[] for _ in sentences]
    by_doc: dict[int, list[int]] = {}  # id of the block's Doc -> its sentences, in order
    for n, sent in enumerate(sentences):
        by_doc.setdefault(id(sent.span.doc), []).append(n)
    for members in by_doc.values():
        ents = list(sentences[members[0]].span.doc.ents)
        k = 0
        for n in sorted(members, key=lambda m: sentences[m].span.start):
            span = sentences[n].span
            while k < len(ents) and ents[k].start < span.start:
                k += 1
            j = k
            while j < len(ents) and ents[j].start < span.end:
                if ents[j].end <= span.end:
                    out[n].append(ents[j])
                j += 1
    return out


@dataclass(frozen=True)
class MentionLink:
    """A span of the article (article offsets) that names an entity of the document."""

    start: int
    end: int
    entity: str  # Entity.id


@dataclass
class Unit:
    """A claim in the making: a content span with its attribution frame."""

    sentence: int
    start: int
    end: int
    sources: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)  # the attribution cues
    direct_quote: bool = False
    head: int | None = None  # token index (in the block Doc) of the unit's head
    tokens: list[int] = field(default_factory=list)  # block-Doc tokens the unit owns
    kind: Literal["clause", "content", "frame"] = "clause"
    frame: str | None = None  # for content units: the kind of frame that introduced them
    parent: int | None = None  # index of the unit whose frame introduced this content
    carried: bool = False  # sources carried over from an earlier sentence
    #: who speaks the quotation the unit sits in (set by the attribute stage for every
    #: direct-quote unit whose speaker is known, whether named in its own sentence or
    #: carried from where the quotation opened); None outside quotes or when unknown
    quote_speaker: Source | None = None


@dataclass(frozen=True)
class FrameLink:
    """An attribution frame and the unit (index in ``Document.units``) it introduces."""

    attribution: Attribution
    unit: int | None


@dataclass(frozen=True)
class UnitStatus:
    """How sure one unit sounds (the status stage's layer beside the units)."""

    unit: int  # index in Document.units
    status: Status
    polarity: Polarity
    cues: tuple[Cue, ...]  # the attribution cues plus those that set the status


@dataclass(frozen=True)
class ClaimLink:
    """The Claim assembled from one unit."""

    unit: int  # index in Document.units
    claim: str  # Claim.id


@dataclass
class Document:
    """What the stages read and write while analysing one article."""

    article: Article
    blocks: list[Block] = field(default_factory=list)
    chrome: list[Chrome] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[MentionLink] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    frames: list[FrameLink] = field(default_factory=list)
    unit_status: list[UnitStatus] = field(default_factory=list)
    hedges: list[Cue] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_links: list[ClaimLink] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)  # every date expression, normalised
    places: list[Place] = field(default_factory=list)  # every place name, from the gazetteer
    events: list[Event] = field(default_factory=list)
    filled: set[str] = field(default_factory=lambda: {"article"})  # bookkeeping, not a layer
    notices: list[Notice] = field(default_factory=list)  # limits reached; any stage adds
    deadline: float | None = None  # time.monotonic() after which check_time() raises

    def entity_of_span(self, start: int, end: int) -> str | None:
        """The entity a mention with exactly these offsets names (the last link wins)."""
        found = None
        for m in self.mentions:
            if m.start == start and m.end == end:
                found = m.entity
        return found

    def claim_of_unit(self, unit: int) -> str | None:
        return next((c.claim for c in self.claim_links if c.unit == unit), None)

    def attributions(self) -> list[Attribution]:
        """The attribution records, each with the id of the claim its content became."""
        claim_of = {c.unit: c.claim for c in self.claim_links}
        return [
            dataclasses.replace(
                f.attribution, claim=None if f.unit is None else claim_of.get(f.unit)
            )
            for f in self.frames
        ]

    def to_analysis(self) -> Analysis:
        article = self.article
        if "chrome" in self.filled:
            article = dataclasses.replace(article, chrome=list(self.chrome))
        return Analysis(
            article=article,
            entities=self.entities,
            claims=self.claims,
            events=self.events,
            attributions=self.attributions(),
            hedges=self.hedges,
            notices=_distinct(self.notices),
        )

    def check_time(self) -> None:
        """Raise TimeLimit when the deadline has passed (stages call it per block,
        sentence or claim, so a pathological text stops within a fraction of a second)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeLimit(
                f"{self.article.meta.get('source_item') or self.article.id}: the analysis "
                "ran past its deadline (settings.DEADLINE_SECONDS); the article is skipped"
            )

    def notice(self, code: str, message: str) -> None:
        """Record that a limit was reached (once per code and message)."""
        self.notices.append(Notice(code, message))


def _distinct(notices: list[Notice]) -> list[Notice]:
    """Each notice once, in the order first given."""
    pairs = dict.fromkeys((n.code, n.message) for n in notices)
    return [Notice(code, message) for code, message in pairs]


#: The layers a stage may require or assign: every field of Document but the bookkeeping.
LAYERS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(Document) if f.name not in ("filled", "notices", "deadline")
)
