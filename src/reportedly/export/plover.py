"""Events as PLOVER JSON records.

Field names follow the "JSON Data Fields" chapter of the PLOVER specification
(Open Event Data Alliance, *PLOVER: Event, Actor and Data Interchange
Specification*, draft 0.8): ``id``, ``date``, ``actor`` and ``recipient``
(lists of actor objects; ``actor`` is the name POLECAT and today's PLOVER
coders use for the spec table's ``source``, which is written too, the same
list, for readers of the older name), ``event``, ``mode`` and ``context``
(lists), ``event_text`` (a list), ``event_loc`` (a location object with
GeoNames field names), ``quad_code``, ``event_scale``, ``text``,
``text_info``, ``cite_info`` and ``coder``. The specification allows fields of
one's own; ours are ``article_id``, ``cameo``, ``intermediary``, ``time_ref``
and ``provenance``. PLOVER writes one record per line (JSON Lines):
:func:`write_plover_jsonl`.

Field mapping (PLOVER <- reportedly):

=================== ==================================================================
id                  ``"{article.id}-{event.id}"``
date                ``event.time.value`` when its precision is ``day``, else the
                    article's ``published`` date (``YYYY-MM-DD``; ISO or RFC 2822
                    dates are read), null only when neither is known
actor, source       ``[actor object of event.actor]``, or ``[]`` (the same list)
recipient           ``[actor object of event.target]``, or ``[]``
event               ``[event.plover]``, or ``[]`` when the event has no PLOVER type
mode                ``[event.mode]``, or ``[]`` (the spec: a list of modes)
context             ``[]`` (reportedly does not code contexts yet)
event_text          ``[event.text]``
event_loc           ``event.place`` as {``geonameid``, ``name``, ``latitude``,
                    ``longitude``, ``country code`` (ISO alpha-2, as GeoNames),
                    ``cc3`` (ISO alpha-3), ``feature class``}, or null
quad_code           PLOVER's quad table (AGREE, CONSULT, SUPPORT, CONCEDE -> 1;
                    COOPERATE, AID, RETREAT, INVESTIGATE -> 2; REQUEST/DEMAND, ACCUSE,
                    REJECT, SANCTION, THREATEN -> 3; PROTEST, MOBILIZE, COERCE,
                    ASSAULT -> 4), else from the CAMEO root as in the GDELT export
event_scale         the Goldstein value of the CAMEO root (``goldstein.tsv``), or null
text                the event's sentence (``include_text=False`` leaves it out: the
                    specification asks for it only where the rights allow)
text_info           {``start``, ``end``}: the sentence's offsets in the article
cite_info           {``citation`` (article id), ``url``, ``title``, ``publication``
                    (outlet), ``language``, ``coder``, ``codebook``}
coder               ``"reportedly <version>"``
=================== ==================================================================

Actor object: ``code`` (3-letter top level: ``actor.country``, else the first
three letters of ``actor.code``), ``sector`` (``actor.sector``, else the rest of
``actor.code``), ``actor_text`` (the words in the article, else the name),
``identifier_id`` (a Wikidata id in the spec: null, we do not resolve them),
``identifier_text`` (``actor.name``); our own ``actor_code`` (the full
Phoenix-style code) and ``entity`` (the :class:`~reportedly.records.Entity` id).

``provenance`` (ours): ``article_id``, ``event_id``, ``claim_id``, ``status``,
``polarity``, ``direct_quote``, ``sources`` (the chain as objects with
``name``, ``kind``, ``level``, ``description``: the event's own ``sources``, else
its claim's chain), ``source_chain`` (the names joined with ``" > "``),
``sentence_start``/``sentence_end`` and ``event_start``/``event_end``
(offsets into the article text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from .base import WriterExporter
from .gdelt import SOURCE_SEPARATOR, event_date, goldstein, iso_alpha2, quad_class

if TYPE_CHECKING:
    from ..records import Actor, Analysis, Claim, Event, Place, Source

__all__ = [
    "CODEBOOK",
    "PLOVER_JSONL",
    "PLOVER_QUAD",
    "event_to_plover",
    "events_to_plover",
    "write_plover_jsonl",
]

#: PLOVER's quad categories (specification, "PLOVER quad categories"), with the
#: 0.5b1 names (DEMAND, DISAPPROVE, FIGHT) beside today's.
PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(
        ("REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "SANCTION", "THREATEN"), 3
    ),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}
CODEBOOK = "PLOVER event types and modes; CAMEO codes in 'cameo'"

_FEATURE_CLASS = {"city": "P", "country": "A", "region": "A"}


def _coder() -> str:
    from .. import __version__

    return f"reportedly {__version__}"


def _actor(actor: Actor) -> dict[str, Any]:
    code = actor.code.strip() if actor.code else ""
    top = actor.country or (code[:3] if code else None)
    sector = actor.sector or (code[3:] if len(code) > 3 else None)
    return {
        "code": top,
        "sector": sector,
        "actor_text": actor.text if actor.text is not None else actor.name,
        "identifier_id": None,
        "identifier_text": actor.name,
        "actor_code": code or ((actor.country or "") + (actor.sector or "")) or None,
        "entity": actor.entity,
    }


def _location(place: Place) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "country code": iso_alpha2(place.country),  # GeoNames: ISO alpha-2
        "cc3": place.country,
        "feature class": _FEATURE_CLASS.get(place.kind),
        "place_text": place.text,
    }


def _chain(event: Event, claim: Claim | None) -> list[Source]:
    if event.sources:
        return list(event.sources)
    return list(claim.source_chain) if claim is not None else []


def event_to_plover(
    analysis: Analysis, event: Event, *, include_text: bool = True
) -> dict[str, Any]:
    """One event as a PLOVER record (see the module docstring for the fields)."""
    article = analysis.article
    claim = next((c for c in analysis.claims if c.id == event.claim), None)
    day = event_date(analysis, event)
    plover = event.plover.strip().upper() if event.plover else None
    quad = PLOVER_QUAD.get(plover) if plover else None
    if quad is None:
        quad = quad_class(event.cameo)
    chain = _chain(event, claim)
    actors = [_actor(event.actor)] if event.actor else []
    record: dict[str, Any] = {
        "id": f"{article.id}-{event.id}",
        "date": day.isoformat() if day else None,
        "actor": actors,
        "source": actors,
        "recipient": [_actor(event.target)] if event.target else [],
        "event": [plover] if plover else [],
        "mode": [event.mode] if event.mode else [],
        "context": [],
        "event_text": [event.text],
        "event_loc": _location(event.place) if event.place else None,
        "quad_code": quad,
        "event_scale": goldstein(event.cameo),
        "text_info": {"start": event.sentence_start, "end": event.sentence_end},
        "cite_info": {
            "citation": article.id,
            "url": article.url,
            "title": article.title,
            "publication": article.outlet,
            "language": article.language,
            "coder": _coder(),
            "codebook": CODEBOOK,
        },
        "coder": _coder(),
        "article_id": article.id,
        "cameo": event.cameo,
        "intermediary": [_actor(event.intermediary)] if event.intermediary else [],
        "time_ref": (
            {
                "text": event.time.text,
                "value": event.time.value,
                "precision": event.time.precision,
            }
            if event.time
            else None
        ),
        "provenance": {
            "article_id": article.id,
            "event_id": event.id,
            "claim_id": event.claim,
            "status": event.status,
            "polarity": event.polarity,
            "direct_quote": claim.direct_quote if claim is not None else None,
            "sources": [
                {"name": s.name, "kind": s.kind, "level": s.level, "description": s.description}
                for s in chain
            ],
            "source_chain": SOURCE_SEPARATOR.join(s.name for s in chain),
            "sentence_start": event.sentence_start,
            "sentence_end": event.sentence_end,
            "event_start": event.start,
            "event_end": event.end,
        },
    }
    if include_text:
        record["text"] = article.text[event.sentence_start : event.sentence_end]
    return record


def events_to_plover(
    analyses: Iterable[Analysis], *, include_text: bool = True
) -> list[dict[str, Any]]:
    """Every event of every analysis as a PLOVER record, in order."""
    return [
        event_to_plover(analysis, event, include_text=include_text)
        for analysis in analyses
        for event in analysis.events
    ]


def write_plover_jsonl(
    analyses: Iterable[Analysis], out: TextIO, *, include_text: bool = True
) -> int:
    """Write one PLOVER record per line; returns the number written."""
    written = 0
    for analysis in analyses:
        for event in analysis.events:
            record = event_to_plover(analysis, event, include_text=include_text)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


#: The registered exporter (entry point ``reportedly.exporters: plover``).
PLOVER_JSONL = WriterExporter(
    "PLOVER JSON records, one per line, with a provenance object", write_plover_jsonl
)
