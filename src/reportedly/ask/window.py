"""The time a part asks about: a window of days from its date ("on 8 December 2024", "last
week") or from an anchor event ("before he vanished": the day of the actor's vanishing in
the analyses), and whether a claim's event day, or its article's publication, falls in it.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..records import Claim
from ..text.dates import day_of, resolve_date
from .index import Doc, Index, Who
from .match import Sought, has_action
from .mentions import actor_is, mentions, place_ok
from .question import Action

__all__ = ["Window", "anchor_day", "in_time", "window"]

#: A part's time: the relation ("before", "after", "on") and the first and last day.
Window = tuple[str, date, date] | None


def window(want: Sought, index: Index) -> Window:
    """The days ``want`` asks about, or None when it sets no time (or its anchor event is
    not found)."""
    tc = want.part.time
    if tc is None:
        return None
    if tc.date:
        r = resolve_date(tc.date, index.reference)
        return (tc.relation, r[0], r[1]) if r else None
    if tc.anchor is None:
        return None
    anchor_actor = (
        want.actor
        if tc.anchor_actor == ""
        else index.resolve(tc.anchor_actor)
        if tc.anchor_actor
        else None
    )
    anchor_target = index.resolve(tc.anchor_target) if tc.anchor_target else None
    days = [
        d
        for doc in index.docs
        for claim in doc.analysis.claims
        if claim.status != "questioned"
        for d in _anchor_days(doc, claim, tc.anchor, anchor_actor, anchor_target)
    ]
    if not days:
        return None
    return tc.relation, min(days), min(days)


def _anchor_days(
    doc: Doc, claim: Claim, anchor: Action, actor: Who | None, target: Who | None
) -> list[date]:
    """The days of the anchor event in one claim: its coded events of the anchor's
    families by the anchor's actor (and on its target), dated or on the article's day."""
    if not anchor.families:
        # a verb the events lexicon does not code ("shot the balloon down"): a claim that
        # names it, by the anchor's actor when there is one
        d = anchor_day(doc, claim, anchor, actor)
        return [d] if d else []
    days: list[date] = []
    for ev in doc.events_of.get(claim.id, []):
        if ev.plover not in anchor.families:
            continue
        if actor and not actor_is(ev.actor, doc, actor):
            continue
        if target and not (actor_is(ev.target, doc, target) or place_ok(doc, ev, claim, target)):
            continue
        d = day_of(ev.time.value if ev.time else None) or day_of(doc.analysis.article.published)
        if d:
            days.append(d)
    return days


def anchor_day(doc: Doc, claim: Claim, anchor: Action, who: Who | None) -> date | None:
    """The day of an anchor event named only by its word in the claim's text: the
    claim's own dated event, else the article's publication."""
    if not has_action(claim.text, anchor):
        return None
    if who is not None and not mentions(doc, who, claim.sentence_start, claim.sentence_end):
        return None
    dated = [
        day_of(ev.time.value)
        for ev in doc.events_of.get(claim.id, [])
        if ev.time and ev.time.precision == "day"
    ]
    return next((d for d in dated if d), None) or day_of(doc.analysis.article.published)


def in_time(span: Window, doc: Doc, ev_day: date | None) -> bool:
    """Whether a claim whose event is on ``ev_day`` (None: undated) is in ``span``."""
    if span is None:
        return True
    relation, lo, hi = span
    published = day_of(doc.analysis.article.published)
    if relation == "before":
        if ev_day is not None:
            return ev_day <= hi
        return True
    if relation == "after":
        if ev_day is not None:
            return ev_day >= lo
        return published is None or published >= lo
    if ev_day is None:
        # no date of its own: the article's publication, up to a week after the
        # period ("died on Friday" published the next Monday); undated: unknown
        return published is None or lo <= published <= hi + timedelta(days=7)
    return lo <= ev_day <= hi
