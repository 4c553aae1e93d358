"""Property tests for the records: offsets, (de)serialisation and the JSON Schema."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly import schema as schema_module
from reportedly.records import (
    CHROME_KINDS,
    CUE_KINDS,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    STATUSES,
    Actor,
    Analysis,
    Article,
    Attribution,
    Chrome,
    Claim,
    Cue,
    Entity,
    Event,
    Mention,
    Place,
    Source,
    TimeRef,
    content_hash,
    from_dict,
    to_dict,
)

SLOW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------------- strategies

# Any character a decoded article can hold (lone surrogates cannot be UTF-8 encoded).
chars = st.characters(codec="utf-8")
article_text = st.text(chars, max_size=400)
short_text = st.text(chars, max_size=30)
optional_text = st.none() | short_text
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
sha256_hex = st.text("0123456789abcdef", min_size=64, max_size=64)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | short_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=8,
)

ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "GROUP", "OTHER")
MENTION_KINDS = ("name", "surname", "title", "alias", "pronoun", "description")


@st.composite
def offsets(draw: st.DrawFn, text: str, n: int = 2) -> list[int]:
    """``n`` sorted valid offsets into ``text`` (0..len inclusive)."""
    return sorted(draw(st.lists(st.integers(0, len(text)), min_size=n, max_size=n)))


@st.composite
def cues(draw: st.DrawFn, text: str) -> Cue:
    start, end = draw(offsets(text))
    return Cue(text=text[start:end], start=start, end=end, kind=draw(st.sampled_from(CUE_KINDS)))


@st.composite
def mentions(draw: st.DrawFn, text: str) -> Mention:
    start, end = draw(offsets(text))
    return Mention(
        text=text[start:end], start=start, end=end, kind=draw(st.sampled_from(MENTION_KINDS))
    )


@st.composite
def chromes(draw: st.DrawFn, text: str) -> Chrome:
    start, end = draw(offsets(text))
    return Chrome(
        kind=draw(st.sampled_from(CHROME_KINDS)),
        text=text[start:end],
        start=start,
        end=end,
        credit=draw(optional_text),
    )


@st.composite
def sources(draw: st.DrawFn, text: str, entity_ids: list[str], level: int) -> Source:
    located = draw(st.booleans())
    if located:  # a source named in the article: its name is the span
        start, end = draw(offsets(text))
        name: str = text[start:end]
        span: tuple[int | None, int | None] = (start, end)
    else:  # e.g. the outlet itself, or "sources" resolved elsewhere
        name, span = draw(short_text), (None, None)
    return Source(
        name=name,
        kind=draw(st.sampled_from(SOURCE_KINDS)),
        description=draw(optional_text),
        start=span[0],
        end=span[1],
        entity=draw(st.none() | st.sampled_from(entity_ids)) if entity_ids else None,
        level=level,
        cue=draw(st.none() | cues(text)),
    )


@st.composite
def entities(draw: st.DrawFn, text: str, entity_id: str) -> Entity:
    return Entity(
        id=entity_id,
        canonical=draw(short_text),
        type=draw(st.sampled_from(ENTITY_TYPES)),
        country=draw(optional_text),
        roles=draw(st.lists(short_text, max_size=2)),
        descriptions=draw(st.lists(short_text, max_size=2)),
        mentions=draw(st.lists(mentions(text), max_size=3)),
    )


@st.composite
def claims(draw: st.DrawFn, text: str, claim_id: str, entity_ids: list[str]) -> Claim:
    sentence_start, start, end, sentence_end = draw(offsets(text, 4))
    depth = draw(st.integers(0, 3))
    return Claim(
        id=claim_id,
        text=text[start:end],
        start=start,
        end=end,
        status=draw(st.sampled_from(STATUSES)),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        cues=draw(st.lists(cues(text), max_size=3)),
        source_chain=[draw(sources(text, entity_ids, level)) for level in range(depth)],
        direct_quote=draw(st.booleans()),
        polarity=draw(st.sampled_from(("positive", "negative"))),
        headline=draw(st.booleans()),
    )


ACTOR_SECTORS = ("GOV", "MIL", "REB", "OPP", "MED", "COP", "BUS", "CVL", "IGO")
PLOVER_TYPES = ("CONSULT", "REQUEST", "AID", "RETREAT", "ASSAULT", "ACCUSE")
PLOVER_MODES = ("visit", "host", "phone", "firearms", "detain")
PRECISIONS: tuple[Literal["day", "week", "month", "year"], ...] = ("day", "week", "month", "year")
PLACE_KINDS = ("city", "country", "region", "other")
country_codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
iso_dates = st.dates().map(str)


@st.composite
def actors(draw: st.DrawFn, text: str, entity_ids: list[str]) -> Actor:
    located = draw(st.booleans())
    words: str | None = None
    span: tuple[int | None, int | None] = (None, None)
    if located:  # named in the article: its words are the span
        start, end = draw(offsets(text))
        words, span = text[start:end], (start, end)
    country = draw(st.none() | country_codes)
    sector = draw(st.none() | st.sampled_from(ACTOR_SECTORS))
    return Actor(
        name=words if words is not None and draw(st.booleans()) else draw(short_text),
        text=words,
        start=span[0],
        end=span[1],
        entity=draw(st.none() | st.sampled_from(entity_ids)) if entity_ids else None,
        country=country,
        sector=sector,
        code=draw(st.none() | st.just(f"{country or ''}{sector or ''}")),
    )


@st.composite
def time_refs(draw: st.DrawFn, text: str) -> TimeRef:
    start, end = draw(offsets(text))
    precision = draw(st.sampled_from(PRECISIONS))
    day = draw(st.dates())
    value = {
        "day": day.isoformat(),
        "week": f"{day.isocalendar().year:04d}-W{day.isocalendar().week:02d}",
        "month": f"{day.year:04d}-{day.month:02d}",
        "year": f"{day.year:04d}",
    }[precision]
    return TimeRef(text=text[start:end], start=start, end=end, value=value, precision=precision)


@st.composite
def places(draw: st.DrawFn, text: str) -> Place:
    start, end = draw(offsets(text))
    coords = st.none() | st.floats(-90, 90, allow_nan=False)
    return Place(
        name=draw(short_text),
        text=text[start:end],
        start=start,
        end=end,
        country=draw(st.none() | country_codes),
        lat=draw(coords),
        lon=draw(st.none() | st.floats(-180, 180, allow_nan=False)),
        kind=draw(st.sampled_from(PLACE_KINDS)),
        geonameid=draw(st.none() | st.integers(1, 2**31 - 1)),
    )


@st.composite
def events(
    draw: st.DrawFn, text: str, event_id: str, claim_id: str, entity_ids: list[str]
) -> Event:
    sentence_start, start, end, sentence_end = draw(offsets(text, 4))
    actor = st.none() | actors(text, entity_ids)
    depth = draw(st.integers(0, 3))
    return Event(
        id=event_id,
        claim=claim_id,
        text=text[start:end],
        start=start,
        end=end,
        actor=draw(actor),
        target=draw(actor),
        intermediary=draw(actor),
        plover=draw(st.none() | st.sampled_from(PLOVER_TYPES)),
        mode=draw(st.none() | st.sampled_from(PLOVER_MODES)),
        cameo=draw(st.none() | st.from_regex(r"\A[01][0-9]{1,3}\Z")),
        status=draw(st.sampled_from(STATUSES)),
        polarity=draw(st.sampled_from(("positive", "negative"))),
        sources=[draw(sources(text, entity_ids, level)) for level in range(depth)],
        time=draw(st.none() | time_refs(text)),
        place=draw(st.none() | places(text)),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


@st.composite
def attributions(
    draw: st.DrawFn, text: str, attribution_id: str, claim_ids: list[str], entity_ids: list[str]
) -> Attribution:
    content_start, content_end = draw(offsets(text))
    return Attribution(
        id=attribution_id,
        kind=draw(st.sampled_from(("speech", "cognition", "according", "passive", "stance"))),
        cue=draw(cues(text)),
        content_start=content_start,
        content_end=content_end,
        sources=draw(st.lists(sources(text, entity_ids, 1), max_size=2)),
        claim=draw(st.none() | st.sampled_from(claim_ids)) if claim_ids else None,
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(article_text)
    computed = draw(st.booleans())  # id/content_hash from __post_init__, or given
    return Article(
        text=text,
        id="" if computed else draw(ids),
        title=draw(optional_text),
        outlet=draw(optional_text),
        url=draw(st.none() | st.just("https://example.org/news/1")),
        author=draw(optional_text),
        published=draw(st.none() | st.dates().map(str)),
        language=draw(st.none() | st.sampled_from(("en", "de", "fr"))),
        content_hash="" if computed else draw(sha256_hex),
        chrome=draw(st.lists(chromes(text), max_size=3)),
        meta=draw(st.dictionaries(short_text, json_values, max_size=3)),
    )


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    article = draw(articles())
    text = article.text
    entity_ids = [f"e{i}" for i in range(draw(st.integers(0, 3)))]
    claim_ids = [f"c{i}" for i in range(draw(st.integers(0, 4)))]
    event_list = []
    if claim_ids:
        for i in range(draw(st.integers(0, 3))):
            claim_id = draw(st.sampled_from(claim_ids))
            event_list.append(draw(events(text, f"v{i}", claim_id, entity_ids)))
    return Analysis(
        article=article,
        entities=[draw(entities(text, e)) for e in entity_ids],
        claims=[draw(claims(text, c, entity_ids)) for c in claim_ids],
        events=event_list,
        attributions=[
            draw(attributions(text, f"a{i}", claim_ids, entity_ids))
            for i in range(draw(st.integers(0, 2)))
        ],
    )


# --------------------------------------------------------------------------- helpers


def spans(record: Any) -> Iterator[Any]:
    """Every record below ``record`` (itself included) that has start/end offsets."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        if hasattr(record, "start") and hasattr(record, "end"):
            yield record
        for f in dataclasses.fields(record):
            yield from spans(getattr(record, f.name))
    elif isinstance(record, list):
        for item in record:
            yield from spans(item)


def assert_offsets(analysis: Analysis) -> None:
    text = analysis.article.text
    for rec in spans(analysis):
        if rec.start is None:
            assert rec.end is None
            continue
        assert 0 <= rec.start <= rec.end <= len(text), rec
        if getattr(rec, "text", None) is not None:
            assert text[rec.start : rec.end] == rec.text, rec
        elif isinstance(rec, Source):
            assert text[rec.start : rec.end] == rec.name, rec
    for claim in analysis.claims:
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end
    for event in analysis.events:
        assert event.sentence_start <= event.start <= event.end <= event.sentence_end
    for att in analysis.attributions:
        assert 0 <= att.content_start <= att.content_end <= len(text), att


@cache
def committed_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_module.SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(committed_schema())


# --------------------------------------------------------------------------- properties


@SLOW
@given(analyses())
def test_generated_offsets_are_valid(analysis: Analysis) -> None:
    assert_offsets(analysis)


@SLOW
@given(analyses())
def test_from_dict_inverts_to_dict(analysis: Analysis) -> None:
    loaded = from_dict(Analysis, to_dict(analysis))
    assert loaded == analysis
    assert_offsets(loaded)


@SLOW
@given(analyses())
def test_json_round_trip(analysis: Analysis) -> None:
    data = to_dict(analysis)
    dumped = json.dumps(data, ensure_ascii=False)
    assert json.loads(dumped) == data
    assert from_dict(Analysis, json.loads(dumped)) == analysis


@SLOW
@given(analyses())
def test_records_validate_against_committed_schema(analysis: Analysis) -> None:
    validator().validate(json.loads(json.dumps(to_dict(analysis))))


@SLOW
@given(articles())
def test_article_identity_comes_from_the_text(article: Article) -> None:
    fresh = Article(text=article.text)
    assert fresh.content_hash == content_hash(article.text)
    assert fresh.id == fresh.content_hash[:16]


# --------------------------------------------------------------------------- the schema


def test_committed_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(committed_schema())
    assert committed_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA_VERSION in committed_schema()["$id"]


def test_committed_schema_is_up_to_date() -> None:
    expected = schema_module.render(schema_module.build_schema())
    actual = schema_module.SCHEMA_PATH.read_text(encoding="utf-8")
    assert actual == expected, "records changed: run `python -m reportedly.schema`"


def test_schema_covers_every_record_and_field() -> None:
    defs = committed_schema()["$defs"]
    for cls in (
        Actor,
        Analysis,
        Article,
        Attribution,
        Chrome,
        Claim,
        Cue,
        Entity,
        Event,
        Mention,
        Place,
        Source,
        TimeRef,
    ):
        props = defs[cls.__name__]["properties"]
        assert set(props) == {f.name for f in dataclasses.fields(cls)}, cls
        assert defs[cls.__name__]["additionalProperties"] is False
    assert defs["Claim"]["required"] == [
        "id",
        "text",
        "start",
        "end",
        "status",
        "sentence_start",
        "sentence_end",
    ]
    assert defs["Status"]["enum"] == list(STATUSES)


def _minimal() -> dict[str, Any]:
    article = Article(text="Officials said the bridge was closed.")
    claim = Claim(
        id="c0",
        text="the bridge was closed",
        start=15,
        end=36,
        status="reported",
        sentence_start=0,
        sentence_end=37,
    )
    data: dict[str, Any] = to_dict(Analysis(article=article, claims=[claim]))
    return data


def test_minimal_analysis_validates() -> None:
    validator().validate(_minimal())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("claims", 0, "status"), "rumoured"),  # not a Status
        (("claims", 0, "start"), "15"),  # offsets are integers
        (("claims", 0, "unexpected"), 1),  # additionalProperties: false
        (("article", "title"), 3),  # str | None
        (("claims", 0, "source_chain"), [{"name": "AFP"}]),  # Source.kind is required
    ],
)
def test_schema_rejects_bad_records(path: tuple[Any, ...], value: Any) -> None:
    data = _minimal()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(data)


def test_schema_rejects_missing_required_field() -> None:
    data = _minimal()
    del data["claims"][0]["sentence_end"]
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(data)


# --------------------------------------------------------------------------- content_hash

# Words hold no character that str.split() treats as whitespace (Z*, and the C0/C1 separators).
word = st.text(st.characters(exclude_categories=("Cs", "Z", "Cc")), min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=8)
gaps = st.text(" \t\n\r\x0b\x0c\u00a0\u2003\u2028", min_size=1, max_size=4)


@settings(deadline=None)
@given(words, st.data())
def test_content_hash_ignores_whitespace(ws: list[str], data: st.DataObject) -> None:
    lead = data.draw(st.text(" \t\n", max_size=3))
    trail = data.draw(st.text(" \t\n", max_size=3))
    separators = [data.draw(gaps) for _ in ws[1:]]
    spaced = lead + ws[0] + "".join(s + w for s, w in zip(separators, ws[1:], strict=True)) + trail
    assert content_hash(spaced) == content_hash(" ".join(ws))


@settings(deadline=None)
@given(words, st.data())
def test_content_hash_changes_with_words(ws: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(ws) - 1))
    other = data.draw(word.filter(lambda w: w != ws[i]))
    changed = [*ws[:i], other, *ws[i + 1 :]]
    assert content_hash(" ".join(changed)) != content_hash(" ".join(ws))
    if len(ws) > 1:  # joining two words is a change too
        joined = [ws[0] + ws[1], *ws[2:]]
        assert content_hash(" ".join(joined)) != content_hash(" ".join(ws))


def test_content_hash_examples() -> None:
    assert content_hash("Assad  fled\n\nto Moscow. ") == content_hash("Assad fled to Moscow.")
    assert content_hash("Assad fled to Moscow.") != content_hash("Assad fled to Tehran.")
    assert content_hash("Assad fled") != content_hash("Assadfled")
