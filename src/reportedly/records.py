"""Typed records that flow out of reportedly, with JSON (de)serialisation.

Every record that points into an article carries ``start``/``end`` character
offsets into ``Article.text`` (Python string indices, end exclusive), so that
``article.text[start:end] == record.text`` always holds.

``SCHEMA_VERSION`` names the JSON Schema in ``schema/reportedly.schema.json``;
bump it whenever a field is added, removed or changes meaning.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "0.2.0"

Status = Literal["asserted", "reported", "hedged", "speculative", "questioned", "denied"]
#: Claim statuses, in display order (the order of ``Status``).
STATUSES: tuple[str, ...] = get_args(Status)

SourceKind = Literal[
    "outlet", "person", "official", "organisation", "government", "document", "anonymous"
]
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)

CueKind = Literal[
    "attribution",  # said, according to, reported, citing
    "hedge",  # reportedly, is said to, allegedly
    "speculation",  # speculations are rife, may have, possibly
    "negation",  # not, never, denied
    "question",  # a question mark, whether
    "conditional",  # if, unless
    "quote",  # quotation marks around the content
]
CUE_KINDS: tuple[str, ...] = get_args(CueKind)

ChromeKind = Literal["glyph", "caption", "byline", "share", "dateline", "boilerplate"]
CHROME_KINDS: tuple[str, ...] = get_args(ChromeKind)

EntityType = Literal["PERSON", "ORG", "PLACE", "GROUP", "OTHER"]


@dataclass
class Cue:
    """Words that set a claim's status or attribution."""

    text: str
    start: int
    end: int
    kind: CueKind


@dataclass
class Source:
    """One link of a source chain: who carries the claim."""

    name: str
    kind: SourceKind
    description: str | None = None
    start: int | None = None
    end: int | None = None
    entity: str | None = None  # Entity.id when the source is a resolved entity
    level: int = 0  # 0 = the article's outlet; 1 = cited by it; 2 = cited by a level-1 source...
    cue: Cue | None = None  # the words that introduce this source ("according to", "said")


@dataclass
class Mention:
    """One place in the article where an entity is named or referred to."""

    text: str
    start: int
    end: int
    kind: Literal["name", "surname", "title", "alias", "pronoun", "description"] = "name"


@dataclass
class Entity:
    id: str
    canonical: str
    type: EntityType
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


@dataclass
class Claim:
    """A statement in the article with who carries it and how sure it sounds.

    ``text``/``start``/``end`` is what is claimed (the content); the sentence it
    sits in is ``sentence_start``/``sentence_end``.
    """

    id: str
    text: str
    start: int
    end: int
    status: Status
    sentence_start: int
    sentence_end: int
    cues: list[Cue] = field(default_factory=list)
    source_chain: list[Source] = field(default_factory=list)
    direct_quote: bool = False
    polarity: Literal["positive", "negative"] = "positive"
    headline: bool = False


@dataclass
class Attribution:
    """One attribution frame as written: who (sources), the cue, and what (content).

    Claims are propositions; attributions are the frames that carry them, including
    stances ("X criticized the plan") whose object is not a claim of its own.
    """

    id: str
    kind: str  # speech, cognition, belief, evidential, denial, stance, according, passive
    cue: Cue
    content_start: int
    content_end: int
    sources: list[Source] = field(default_factory=list)
    claim: str | None = None  # the Claim whose content this frame introduces


@dataclass
class Chrome:
    """Page furniture kept apart from the body: never yields claims."""

    kind: ChromeKind
    text: str
    start: int
    end: int
    credit: str | None = None


@dataclass
class Actor:
    """Who acts or is acted on in an event, with its actor code."""

    name: str  # the entity's canonical name, or the words of the text
    text: str | None = None  # the words in the article
    start: int | None = None
    end: int | None = None
    entity: str | None = None  # Entity.id
    country: str | None = None  # ISO 3166-1 alpha-3 ("SYR"), or an IGO code ("UNO")
    sector: str | None = None  # GOV, MIL, REB, OPP, MED, COP, BUS, CVL, IGO, ...
    code: str | None = None  # Phoenix-style actor code: country + sector ("SYRGOV")


@dataclass
class TimeRef:
    """A date normalised against the article's publication date."""

    text: str
    start: int
    end: int
    value: str  # ISO: YYYY-MM-DD (day), YYYY-Www (week), YYYY-MM (month), YYYY (year)
    precision: Literal["day", "week", "month", "year"]


@dataclass
class Place:
    """A gazetteer entry for a place named in the text."""

    name: str  # the gazetteer's name ("Damascus")
    text: str  # the words in the article
    start: int
    end: int
    country: str | None = None  # ISO-3
    lat: float | None = None
    lon: float | None = None
    kind: Literal["city", "country", "region", "other"] = "other"
    geonameid: int | None = None


@dataclass
class Event:
    """Who did what to whom, when and where, inside one claim."""

    id: str
    claim: str  # Claim.id: the event inherits its status and sources
    text: str  # the words that name the action
    start: int
    end: int
    actor: Actor | None = None
    target: Actor | None = None
    intermediary: Actor | None = None
    plover: str | None = None  # PLOVER event type ("CONSULT")
    mode: str | None = None  # PLOVER mode ("visit")
    cameo: str | None = None  # CAMEO code ("042")
    status: Status = "asserted"
    polarity: Literal["positive", "negative"] = "positive"
    sources: list[Source] = field(default_factory=list)
    time: TimeRef | None = None
    place: Place | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    root: bool = False  # the main event of its sentence (GDELT's IsRootEvent)


@dataclass
class Article:
    text: str
    id: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    language: str | None = None
    content_hash: str = ""
    chrome: list[Chrome] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.id:
            self.id = self.content_hash[:16]


@dataclass
class Notice:
    """A limit the analysis of an article reached: the analysis is valid, but part of
    the text was read more coarsely (``code`` W001... is listed in :mod:`reportedly.errors`)."""

    code: str
    message: str


@dataclass
class Analysis:
    """Everything reportedly found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    # every hedging or speculative word of the text, wherever it stands; a claim's own
    # cues are the ones among them that bear on that claim
    hedges: list[Cue] = field(default_factory=list)
    # the limits reached while analysing it (a 5,000-word sentence, 40 nested frames)
    notices: list[Notice] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


def chain_levels(chain: typing.Sequence[Source]) -> list[list[Source]]:
    """A source chain as its levels in order: [[outlet], [cited, cited], [their source]]."""
    levels: dict[int, list[Source]] = {}
    for src in chain:
        levels.setdefault(src.level, []).append(src)
    return [srcs for _, srcs in sorted(levels.items())]


def chain_text(chain: typing.Sequence[Source], *, sep: str = " > ", kinds: bool = False) -> str:
    """ "Outlet > A + B > C": the levels in order, parallel sources joined by "+";
    ``kinds`` adds each cited source's kind ("A (official)")."""
    return sep.join(
        " + ".join(s.name + (f" ({s.kind})" if kinds and s.level else "") for s in level)
        for level in chain_levels(chain)
    )


def parse_chain_text(text: str) -> list[list[str]]:
    """The levels of names of a :func:`chain_text` ("Outlet > A + B > C")."""
    return [[n.strip() for n in level.split(" + ") if n.strip()] for level in text.split(" > ")]


def content_hash(text: str) -> str:
    """Hash of the article text with whitespace normalised (for idempotent ingest)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


#: Field names per record class (None: not a record), found once per class.
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def to_dict(record: Any) -> Any:
    """Turn a record (or list of records) into plain JSON-able data."""
    if record is None or isinstance(record, str | int | float):
        return record
    cls = type(record)
    try:
        names = _FIELD_NAMES[cls]
    except KeyError:
        names = (
            tuple(f.name for f in dataclasses.fields(record))
            if dataclasses.is_dataclass(record) and not isinstance(record, type)
            else None
        )
        _FIELD_NAMES[cls] = names
    if names is not None:
        return {n: to_dict(getattr(record, n)) for n in names}
    if isinstance(record, list | tuple):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    return record


T = TypeVar("T")
Loader = typing.Callable[[Any], Any]


def from_dict(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from data made by :func:`to_dict`."""
    return typing.cast(T, _loader(typing.cast(Any, cls))(data))


def _identity(data: Any) -> Any:
    return data


@functools.cache
def _loader(tp: Any) -> Loader:
    """One loader per type, built once (resolving type hints per record is slow)."""
    origin = get_origin(tp)
    if origin is list:
        (item,) = get_args(tp)
        inner = _loader(item)
        if inner is _identity:
            return lambda d: None if d is None else list(d)
        return lambda d: None if d is None else [inner(x) for x in d]
    if origin is dict:
        _, val = get_args(tp)
        vload = _loader(val)
        return lambda d: None if d is None else {k: vload(v) for k, v in d.items()}
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _loader(args[0]) if len(args) == 1 else _identity
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record_loader(tp)
    return _identity


def _record_loader(tp: type[Any]) -> Loader:
    hints = get_type_hints(tp)
    fields = [(f.name, hints[f.name]) for f in dataclasses.fields(tp) if f.init]
    compiled: list[tuple[str, Loader]] = []  # filled on first use (types may be recursive)

    def load(data: Any) -> Any:
        if data is None:
            return None
        if not compiled:
            compiled.extend((name, _loader(hint)) for name, hint in fields)
        return tp(**{name: fn(data[name]) for name, fn in compiled if name in data})

    return load
