"""Assemble Claim records from the units, with the outlet at the head of each chain."""

from __future__ import annotations

from typing import cast

from .. import lexicons
from ..pipeline import State, stage
from ..records import Claim, Source, Status


def outlet_source(state: State) -> Source | None:
    name = state.article.outlet
    if not name:
        return None
    known = lexicons.find_outlet(name)
    return Source(
        name=known.name if known else name,
        kind="outlet",
        description=known.description if known else None,
        level=0,
    )


@stage("claims", requires=["units", "status"], assigns=["claims"])
def claims_stage(state: State) -> None:
    """One Claim per unit, in text order."""
    text = state.article.text
    outlet = outlet_source(state)
    claims: list[Claim] = []
    order = sorted(
        range(len(state.units)), key=lambda i: (state.units[i].start, state.units[i].end)
    )
    claim_of_unit = {ui: f"c{n}" for n, ui in enumerate(order, start=1)}
    state.unit_claim = [claim_of_unit[i] for i in range(len(state.units))]
    for att, ui in zip(state.attributions, state.attribution_unit, strict=True):
        att.claim = claim_of_unit.get(ui) if ui is not None else None
    for n, unit in enumerate((state.units[i] for i in order), start=1):
        sent = state.sentences[unit.sentence]
        chain = [outlet] if outlet else []
        chain += sorted(unit.sources, key=lambda s: s.level)
        claims.append(
            Claim(
                id=f"c{n}",
                text=text[unit.start : unit.end],
                start=unit.start,
                end=unit.end,
                status=cast(Status, unit.status),
                sentence_start=sent.start,
                sentence_end=sent.end,
                cues=list(unit.cues),
                source_chain=chain,
                direct_quote=unit.direct_quote,
                polarity=unit.polarity,
                headline=sent.kind == "headline",
            )
        )
    state.claims = claims
