"""PLOVER records validated against a JSON Schema of the spec's record (PLOVER 0.8
"Data Fields": the JSON table, the actor, text and location objects)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from reportedly.export import events_to_plover
from reportedly.records import Actor, Analysis, Article, Event, Place, TimeRef

ACTOR: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": ["string", "null"]},
        "sector": {"type": ["string", "null"]},
        "actor_text": {"type": ["string", "null"]},
        "identifier_id": {"type": ["string", "null"]},
        "identifier_text": {"type": ["string", "null"]},
    },
    "required": ["code"],
}
LOCATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "geonameid": {"type": ["integer", "null"]},
        "name": {"type": "string"},
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "feature class": {"type": ["string", "null"]},
        "country code": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
        "cc3": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
    },
    "required": ["name"],
}
LIST_OF_WORDS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
PLOVER_RECORD: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "actor": {"type": "array", "items": ACTOR},
        "recipient": {"type": "array", "items": ACTOR},
        "event": LIST_OF_WORDS,
        "mode": LIST_OF_WORDS,
        "context": LIST_OF_WORDS,
        "event_loc": {"anyOf": [LOCATION, {"type": "null"}]},
        "event_text": LIST_OF_WORDS,
        "quad_code": {"enum": [1, 2, 3, 4, None]},
        "event_scale": {"type": ["number", "null"]},
        "text": {"type": "string"},
        "text_info": {
            "type": "object",
            "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
        },
        "cite_info": {
            "type": "object",
            "properties": {
                "url": {"type": ["string", "null"]},
                "title": {"type": ["string", "null"]},
                "language": {"type": ["string", "null"]},
                "publication": {"type": ["string", "null"]},
                "coder": {"type": "string"},
                "codebook": {"type": "string"},
            },
        },
        "coder": {"type": "string"},
    },
    "required": ["id", "date", "actor", "event"],
}

#: Records shaped as the spec's examples (its minimal record, and one with a location).
SPEC_SHAPED: list[dict[str, Any]] = [
    {
        "id": "EX-20160724-0042",
        "date": "2016-07-24",
        "actor": [{"code": "USA"}],
        "recipient": [{"code": "CAN"}],
        "event": ["CONSULT"],
    },
    {
        "id": "EX-20210301-0007",
        "date": "2021-03-01",
        "actor": [{"code": "MMR", "sector": "MIL", "actor_text": "soldiers"}],
        "recipient": [{"code": "MMR", "sector": "CVL", "actor_text": "protesters"}],
        "event": ["ASSAULT"],
        "mode": ["firearms"],
        "context": ["rights_freedoms"],
        "event_loc": {"name": "Yangon", "country code": "MM", "cc3": "MMR", "geonameid": 1},
        "quad_code": 4,
    },
]


def analysis(published: str | None) -> Analysis:
    text = "Police in Nairobi fired tear gas at protesters on Tuesday."
    i = text.index
    event = Event(
        id="v1",
        claim="c1",
        text="fired",
        start=i("fired"),
        end=i("fired") + 5,
        actor=Actor(name="Police", text="Police", country="KEN", sector="COP"),
        target=Actor(name="protesters", sector="CVL"),
        plover="COERCE",
        mode="crowd_control",
        cameo="175",
        place=Place(
            name="Nairobi",
            text="Nairobi",
            start=i("Nairobi"),
            end=i("Nairobi") + 7,
            country="KEN",
            lat=-1.28,
            lon=36.82,
            kind="city",
            geonameid=184745,
        ),
        time=TimeRef(
            text="on Tuesday",
            start=i("on Tuesday"),
            end=len(text) - 1,
            value="Tuesday",
            precision="day",
        ),
        sentence_start=0,
        sentence_end=len(text),
    )
    return Analysis(article=Article(text=text, published=published), events=[event])


@pytest.mark.parametrize("record", SPEC_SHAPED)
def test_the_schema_accepts_the_spec_shaped_examples(record: dict[str, Any]) -> None:
    jsonschema.validate(record, PLOVER_RECORD)


def test_the_schema_rejects_the_old_names() -> None:
    old = {"id": "x", "date": "2016-07-24", "source": [{"code": "USA"}], "event": ["CONSULT"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(old, PLOVER_RECORD)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**SPEC_SHAPED[0], "mode": "visit"}, PLOVER_RECORD)


@pytest.mark.parametrize(
    "published", ["2025-02-11", "2025-02-11T08:30:00Z", "Tue, 11 Feb 2025 08:30:00 +0000"]
)
def test_our_records_validate_and_carry_the_article_date(published: str) -> None:
    (record,) = events_to_plover([analysis(published)])
    jsonschema.validate(json.loads(json.dumps(record)), PLOVER_RECORD)
    assert record["date"] == "2025-02-11"
    assert record["event_loc"]["country code"] == "KE"
    assert record["mode"] == ["crowd_control"]
