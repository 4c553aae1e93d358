"""Assemble Claim records from the units, with the outlet at the head of each chain."""

from __future__ import annotations

from ..lexicons import Lexicons
from ..nlp.doc import ClaimLink, Document
from ..records import Claim, Source
from ..text.datelines import dateline_length
from .base import stage, uses_lexicons


def outlet_source(lexicons: Lexicons, doc: Document) -> Source | None:
    name = doc.article.outlet
    if not name:
        return None
    known = lexicons.find_outlet(name)
    return Source(
        name=known.name if known else name,
        kind="outlet",
        description=known.description if known else None,
        level=0,
    )


def distinct_sources(sources: list[Source]) -> list[Source]:
    """The chain without repeats: two frames of one speaker ("denied ... and pointed to ...",
    "she said: 'our data suggest ...'") give the same source at the same level once."""
    seen: set[tuple[int, str]] = set()
    out: list[Source] = []
    for src in sources:
        key = (src.level, src.name)
        if key not in seen:
            seen.add(key)
            out.append(src)
    return out


def assemble_claims(lexicons: Lexicons, doc: Document) -> None:
    """One Claim per unit, in text order, with the unit's status and cues."""
    text = doc.article.text
    outlet = outlet_source(lexicons, doc)
    claims: list[Claim] = []
    units = doc.units
    order = sorted(range(len(units)), key=lambda i: (units[i].start, units[i].end))
    claim_of_unit = {ui: f"c{n}" for n, ui in enumerate(order, start=1)}
    doc.claim_links = [ClaimLink(unit=i, claim=claim_of_unit[i]) for i in range(len(units))]
    status_of = {s.unit: s for s in doc.unit_status}
    labels = lexicons.word_set("headline_labels")
    for n, ui in enumerate(order, start=1):
        unit, status = units[ui], status_of[ui]
        sent = doc.sentences[unit.sentence]
        chain = [outlet] if outlet else []
        chain += distinct_sources(sorted(unit.sources, key=lambda s: s.level))
        # a claim that opens its sentence starts after a dateline ("PARIS (AP) — ")
        start = unit.start
        if start == sent.start:
            start += dateline_length(text[start : unit.end], labels)
        claims.append(
            Claim(
                id=f"c{n}",
                text=text[start : unit.end],
                start=start,
                end=unit.end,
                status=status.status,
                sentence_start=sent.start,
                sentence_end=sent.end,
                cues=list(status.cues),
                source_chain=chain,
                direct_quote=unit.direct_quote,
                polarity=status.polarity,
                headline=sent.kind == "headline",
            )
        )
    doc.claims = claims


make_claims = stage(
    "claims.v1",
    alias="claims",
    requires=["units", "unit_status"],
    assigns=["claims", "claim_links"],
)(uses_lexicons(assemble_claims))
