"""The evidence for a part: the claims that bear on it (a coded event that fits, the
claim's text, the actor's own saying), each with its stance (for, or against: a denial, a
negated frame, another agent of the deed), and the denials around it that are no evidence
of it but keep it from "confirmed" (by the actor's own side, or naming its people and
action).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..records import Claim, Event
from ..text.dates import day_of
from .index import Doc, Index
from .match import (
    Sought,
    about_ok,
    alternative,
    event_ok,
    names_action,
    names_part,
    placed,
    status_usable,
    text_ok,
)
from .mentions import state_side
from .records import Evidence
from .stance import DENIAL_LEMMAS, cue_ok, denial_asked, negated, negation_after, stated
from .values import values
from .verdict import policy
from .window import Window, in_time
from .words import words

__all__ = ["Anonymity", "collect", "nearby_denials", "record", "subject_denials"]


class Anonymity:
    """Which evidence rests on anonymous sources only, by (article, claim): set as each
    item is recorded, read by the verdict."""

    def __init__(self) -> None:
        self._of: dict[tuple[str, str], bool] = {}

    def set(self, e: Evidence, anonymous: bool) -> None:
        self._of[(e.article, e.claim)] = anonymous

    def __call__(self, e: Evidence) -> bool:
        return self._of.get((e.article, e.claim), False)


def record(
    want: Sought,
    doc: Doc,
    claim: Claim,
    events: list[Event],
    ev_day: date | None,
    anonymity: Anonymity,
) -> Evidence:
    """The evidence of ``claim``, as its article presents it, with the answers it gives
    to a wh- part; whether it rests on anonymous sources only goes to ``anonymity``."""
    art = doc.analysis.article
    cited = sorted((s for s in claim.source_chain if s.level >= 1), key=lambda s: s.level)
    ev = Evidence(
        article=art.id,
        claim=claim.id,
        outlet=art.outlet,
        date=art.published[:10] if art.published else None,
        event_date=ev_day.isoformat() if ev_day else None,
        sentence=art.text[claim.sentence_start : claim.sentence_end],
        text=claim.text,
        status=claim.status,
        polarity=claim.polarity,
        source_chain=[s.name for s in claim.source_chain],
        chain=[s.name for s in cited] or [doc.voice],
        voice=doc.voice,
        url=art.url,
        title=art.title,
        start=claim.sentence_start,
        end=claim.sentence_end,
        events=[e.id for e in events],
    )
    ev.values = values(want, doc, claim, events)
    anonymity.set(ev, bool(cited) and all(s.kind == "anonymous" for s in cited))
    return ev


def collect(want: Sought, index: Index, span: Window, anonymity: Anonymity) -> list[Evidence]:
    """The evidence for ``want`` in the analyses of ``index``, article by article, claim
    by claim, in the days of ``span``."""
    out: list[Evidence] = []
    for doc in index.docs:
        about = about_ok(want, doc)
        for claim in doc.analysis.claims:
            if not status_usable(claim) or not (about or placed(want, doc, claim)):
                continue
            ev = _judged(want, doc, claim, span, anonymity)
            if ev is not None:
                out.append(ev)
    return out


def _judged(
    want: Sought, doc: Doc, claim: Claim, span: Window, anonymity: Anonymity
) -> Evidence | None:
    """The evidence of one claim for ``want`` with its stance, or None when it does not
    bear on the part or is outside its days."""
    events = [ev for ev in doc.events_of.get(claim.id, []) if event_ok(want, doc, claim, ev)]
    how = _how_found(want, doc, claim, structural=bool(events))
    if how is None:
        return None
    said, other_agent = how
    ev_day = _event_day(doc, claim, events)
    if not in_time(span, doc, ev_day):
        return None
    ev = record(want, doc, claim, events, ev_day, anonymity)
    if not said and denial_asked(want, claim):
        said = True
    elif not said and negation_after(want, doc, claim, events):
        # "Flynn, who pleaded guilty to giving false statements": the negation comes
        # after the action and does not deny it
        cited = any(s.level >= 1 for s in claim.source_chain)
        if ev.status == "denied":
            ev.status = "reported" if cited else "asserted"
        ev.polarity = "positive"
    elif not said and ev.polarity == "positive" and negated(want, doc, claim):
        ev.polarity = "negative"  # "no indication that Ukraine was involved"
    if other_agent:
        # another agent of the same deed contradicts the part
        ev.polarity = "negative"
    if said:
        # the outlet states that the source said it: the saying is asserted
        ev.status, ev.polarity, ev.chain = "asserted", "positive", [doc.voice]
        anonymity.set(ev, False)
    return ev


def _how_found(want: Sought, doc: Doc, claim: Claim, structural: bool) -> tuple[bool, bool] | None:
    """How a claim bears on the part: (said, other agent), or None when it does not. A
    claim with a coded event that fits is the part itself; else the actor's own saying of
    a content part (its denial is evidence against), the claim's text, another agent of
    the deed (evidence against), or a reporting word by the actor that names the action
    (the saying)."""
    if structural:
        return False, False
    conceded = stated(want, doc, claim)
    if conceded is not None:
        said = conceded == "positive"
        return said, not said  # the actor's own denial is evidence against
    if want.part.wh_role == "target":
        return None
    if text_ok(want, doc, claim):
        return False, False
    other_agent = alternative(want, doc, claim)
    if not other_agent and not cue_ok(want, doc, claim):
        return None
    return not other_agent, other_agent


def _event_day(doc: Doc, claim: Claim, events: list[Event]) -> date | None:
    """The day of the first matched event dated to the day, else of the claim's first
    event dated to the day."""
    for group in (events, doc.events_of.get(claim.id, [])):
        day = next(
            (day_of(ev.time.value) for ev in group if ev.time and ev.time.precision == "day"),
            None,
        )
        if day is not None:
            return day
    return None


def subject_denials(
    want: Sought, index: Index, evidence: Sequence[Evidence], anonymity: Anonymity
) -> list[Evidence]:
    """Denials by the actor's own side in the articles that report the part: "Russia
    said British navy personnel blew up the pipelines ... Britain denied the claim"
    (``verdicts.yaml``: subject_denial). Only for an actor that is a state or one of
    its organs, coded by the actor dictionary."""
    side = state_side(want.part.actor)
    if side is None or want.part.action.lemma in DENIAL_LEMMAS:
        return []  # "Did X deny ...?": X's denials are evidence for it
    pol = policy()
    seen = {(e.article, e.claim) for e in evidence}
    reporting = {e.article for e in evidence if not pol.against(e)}
    out: list[Evidence] = []
    for doc in index.docs:
        if doc.analysis.article.id not in reporting:
            continue
        for claim in doc.analysis.claims:
            if (doc.analysis.article.id, claim.id) in seen or not pol.against(claim):
                continue
            sources = [s.name for s in claim.source_chain if s.level >= 1]
            if not any(state_side(n) == side for n in sources):
                continue
            sentence = doc.analysis.article.text[claim.sentence_start : claim.sentence_end]
            if set(words(sentence)) & pol.report_nouns or names_action(want, doc, claim):
                out.append(record(want, doc, claim, [], None, anonymity))
    return out


def nearby_denials(
    want: Sought, index: Index, evidence: Sequence[Evidence], anonymity: Anonymity
) -> list[Evidence]:
    """Denials and negated claims that name the part's actor (and target) and its
    action in the same sentence but did not match it as evidence: "X denied any role
    in Y" against a part that X did Y holds even when the frames differ."""
    if want.part.wh_role is not None or want.actor is None:
        return []
    seen = {(e.article, e.claim) for e in evidence}
    out: list[Evidence] = []
    for doc in index.docs:
        if not about_ok(want, doc):
            continue
        for claim in doc.analysis.claims:
            if (doc.analysis.article.id, claim.id) in seen or not status_usable(claim):
                continue
            if not policy().against(claim) or not names_part(want, doc, claim):
                continue
            out.append(record(want, doc, claim, [], None, anonymity))
    return out
