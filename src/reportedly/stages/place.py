"""The place stage: place names looked up in the offline gazetteer (``reportedly.gazetteer``)."""

from __future__ import annotations

from ..gazetteer import POSSESSIVE, Gazetteer
from ..nlp.doc import Document, sentence_ents
from ..records import Place
from .base import Resources, StageConfig, StageFunc, stage

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive from a span of ``text``."""
    piece = text[start:end]
    if piece[:4].lower() == "the ":
        start += 4
    m = POSSESSIVE.search(text, start, end)
    if m is not None and m.end() == end and m.start() > start:
        end = m.start()
    return start, end


def find_places(gazetteer: Gazetteer, state: Document) -> None:
    """Look every place mention up in the gazetteer; unknown names are left out."""
    text = state.article.text
    spans: dict[tuple[int, int], str | None] = {}  # span -> the entity's canonical name
    for ent in state.entities:
        if ent.type != "PLACE":
            continue
        for m in ent.mentions:
            if m.kind in ("name", "surname", "alias", "title"):
                spans.setdefault(_trim(text, m.start, m.end), ent.canonical)
    types = {e.id: e.type for e in state.entities}
    for sent, ents in zip(state.sentences, sentence_ents(state.sentences), strict=True):
        for span in ents:
            if span.label_ not in PLACE_LABELS:
                continue
            start, end = sent.char(span.start_char), sent.char(span.end_char)
            eid = state.entity_of_span(start, end)
            if eid is not None and types.get(eid) != "PLACE":
                continue  # the entities stage knows better ("Bloomberg" is an outlet)
            start, end = _trim(text, start, end)
            eid = state.entity_of_span(start, end)
            if eid is not None and types.get(eid) != "PLACE":
                continue
            if start < end:
                spans.setdefault((start, end), None)
    places: list[Place] = []
    for (start, end), canonical in sorted(spans.items()):
        words = text[start:end]
        entry = gazetteer.lookup(words)
        if entry is None and canonical is not None:
            entry = gazetteer.lookup(canonical)
        if entry is None:
            continue
        places.append(
            Place(
                name=entry.name,
                text=words,
                start=start,
                end=end,
                country=entry.country,
                lat=entry.lat,
                lon=entry.lon,
                kind=entry.kind,
                geonameid=entry.geonameid,
            )
        )
    state.places = places


@stage(
    "place.v1",
    alias="place",
    requires=["sentences", "entities", "mentions"],
    assigns=["places"],
)
def make_place(config: StageConfig, res: Resources) -> StageFunc:
    """Look every place mention up in the gazetteer; unknown names are left out."""

    def place_stage(doc: Document) -> None:
        find_places(res.gazetteer, doc)

    return place_stage
