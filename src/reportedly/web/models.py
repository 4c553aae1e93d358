"""The response models of the JSON API (``/api``), for its OpenAPI document.

Row and record types are the store's and the pipeline's own dataclasses
(:mod:`reportedly.corpus.store.rows`, :mod:`reportedly.records`), used as pydantic fields
as they are: the documented shape is the one :meth:`Row.to_dict` and :func:`to_dict` write,
and cannot drift from it. What the services assemble as dicts (story summaries,
contradictions, entity and source records) is described here field by field; their
nested parts that are not modelled stay open objects.

Every list is a :class:`Page`: its ``items``, the ``total`` of matching items (null when
more than :data:`TOTAL_CAP` match a filter), and the ``prev`` / ``next`` page links that
the ``Link`` header repeats (RFC 8288). Every error is :class:`ErrorBody`, the one shape
:mod:`.errors` sends.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

from ..ask.answer import Answer
from ..corpus.store.rows import ArticleRow, ClaimRow, EntityRow, EventRow, SourceRow

T = TypeVar("T")

#: Filtered lists count their matching items up to this many (``total`` null beyond).
TOTAL_CAP = 10_000


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int | None = Field(
        description="How many items match in all (null when a filter matches more than "
        f"{TOTAL_CAP:,}: then count by paging)."
    )
    limit: int
    offset: int
    prev: str | None = Field(description="The previous page (path and query), or null.")
    next: str | None = Field(description="The following page (path and query), or null.")


class Counts(BaseModel):
    articles: int
    claims: int
    events: int


class ApiIndex(BaseModel):
    name: str
    counts: Counts
    writable: bool
    docs: str
    openapi: str
    endpoints: list[str]


class Corroborated(BaseModel):
    text: str
    corroboration: int


class StorySummary(BaseModel):
    id: str
    title: str | None
    articles: int
    copies: int
    entities: list[str]
    claim_clusters: int
    most_corroborated: Corroborated | None


class StoryRecord(StorySummary):
    """A story: its summary, its articles on a timeline, and the coverage matrix (outlets x
    claim clusters, each cell the statuses with which that outlet made that claim)."""

    model_config = ConfigDict(extra="allow")

    timeline: list[dict[str, Any]]
    columns: list[dict[str, Any]]
    more_columns: int
    matrix: Any
    contradictions: list[dict[str, Any]]


class ContradictionSide(BaseModel):
    article_id: str
    claim_id: str
    text: str | None
    status: str | None
    outlet: str | None
    published: str | None


class Contradiction(BaseModel):
    reason: str
    cluster: str
    claim: ContradictionSide
    against: ContradictionSide


class EntityRecord(BaseModel):
    """An entity: its names, events, and who cites whom about it."""

    name: str
    entities: list[EntityRow]
    events: list[EventRow]
    citations: list[dict[str, Any]]
    graph: dict[str, Any]
    claims: int


class SourceRecord(BaseModel):
    """A cited source: what it said, how often confirmed or contradicted."""

    name: str
    claims: int
    statuses: dict[str, int]
    confirmed: int
    contradicted: int
    outlets: list[str]
    said: list[dict[str, Any]]
    kinds: list[SourceRow]
    capped: bool = False  # the totals are over its first 10,000 claims


class IngestLinks(BaseModel):
    self: str
    page: str


class Ingested(BaseModel):
    """What POST /api/articles answers (``id`` and ``links`` null when the same text is
    stored under another id)."""

    id: str | None
    created: bool
    title: str | None
    outlet: str | None
    published: str | None
    claims: int | None
    links: IngestLinks | None


@pydantic_dataclass
class AskAnswer(Answer):
    """An answer: a verdict per part, with evidence (``format=claimreview`` gives schema.org
    ClaimReview JSON-LD instead, see :mod:`reportedly.export.claimreview`)."""

    answers: list[str] = field(default_factory=list)


class ReviewRating(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["Rating"] = Field(alias="@type")
    alternateName: str = Field(description="The verdict: confirmed, reported, no_evidence...")
    ratingExplanation: str


class ClaimReview(BaseModel):
    """schema.org ClaimReview JSON-LD (``format=claimreview``)."""

    model_config = ConfigDict(extra="allow")

    context: Literal["https://schema.org"] = Field(alias="@context")
    type: Literal["ClaimReview"] = Field(alias="@type")
    url: str
    datePublished: str
    claimReviewed: str
    author: dict[str, Any]
    reviewRating: ReviewRating
    itemReviewed: dict[str, Any]


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(description="A stable code: not_found, validation_error, bad_json...")
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """Every error the server answers with (:mod:`reportedly.web.errors`)."""

    error: ErrorDetail


class ArticlePage(Page[ArticleRow]):
    pass


class ClaimPage(Page[ClaimRow]):
    pass


class EventPage(Page[EventRow]):
    pass


class EntityPage(Page[EntityRow]):
    pass


class SourcePage(Page[SourceRow]):
    pass


class StoryPage(Page[StorySummary]):
    pass


class ContradictionPage(Page[Contradiction]):
    pass
