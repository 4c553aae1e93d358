"""ask.evidence alone: the evidence collected for a part from small hand-made analyses (the
sentences are ours), its stance, its days, anonymity, and the denials around it."""

from __future__ import annotations

from datetime import date

from reportedly.ask.evidence import Anonymity, collect, nearby_denials, record
from reportedly.ask.index import Index
from reportedly.ask.match import Sought
from reportedly.ask.question import Action, Part
from reportedly.ask.records import Evidence
from reportedly.ask.verdict import policy
from reportedly.records import (
    Actor,
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Mention,
    Source,
    TimeRef,
)

MEET = Action("meet", families=["CONSULT"], words=["meet"])
PART = Part("Lina Ortiz met the Harbour Union", "Lina Ortiz", MEET, "Harbour Union")


def _article(
    text: str,
    outlet: str,
    claim_text: str | None = None,
    status: str = "asserted",
    sources: list[Source] | None = None,
) -> Analysis:
    """One sentence, one claim (the whole sentence unless ``claim_text`` is given), naming
    Lina Ortiz and the Harbour Union where the sentence does."""
    entities = []
    for eid, name, kind in (("e1", "Lina Ortiz", "PERSON"), ("e2", "Harbour Union", "ORG")):
        if name in text:
            at = text.index(name)
            mention = Mention(name, at, at + len(name))
            entities.append(Entity(eid, name, kind, mentions=[mention]))  # type: ignore[arg-type]
    span = claim_text or text
    start = text.index(span)
    claim = Claim(
        "c1",
        span,
        start,
        start + len(span),
        status,  # type: ignore[arg-type]
        0,
        len(text),
        source_chain=sources or [],
    )
    article = Article(text=text, outlet=outlet, published="2025-03-06")
    return Analysis(article=article, entities=entities, claims=[claim])


def _collect(analyses: list[Analysis], part: Part = PART) -> tuple[list[Evidence], Anonymity]:
    index = Index(analyses)
    anonymity = Anonymity()
    want = Sought.resolve(index, part)
    return collect(want, index, None, anonymity), anonymity


def test_evidence_for_and_against() -> None:
    met = _article("Lina Ortiz met the Harbour Union on Tuesday.", "Valley Courier")
    not_met = _article("Lina Ortiz did not meet the Harbour Union, her aides said.", "Coast Herald")
    other = _article("The ferry to Portvale ran late on Tuesday.", "Bay Times")
    found, _ = _collect([met, not_met, other])
    assert [e.outlet for e in found] == ["Valley Courier", "Coast Herald"]
    supporting, against = found
    assert not policy().against(supporting)
    assert against.polarity == "negative"  # "did not meet": the frame is negated
    assert policy().against(against)


def test_anonymous_sources_only() -> None:
    text = "Lina Ortiz met the Harbour Union in secret, two officials said."
    officials = Source("two officials", "anonymous", level=1)
    found, anonymity = _collect([_article(text, "Valley Courier", sources=[officials])])
    assert len(found) == 1
    assert anonymity(found[0])
    assert found[0].chain == ["two officials"]
    named = Source("Port Authority", "organisation", level=1)
    found, anonymity = _collect([_article(text, "Valley Courier", sources=[named])])
    assert not anonymity(found[0])


def test_the_event_day_must_fit_the_time_asked() -> None:
    text = "Lina Ortiz met the Harbour Union on Tuesday."
    a = _article(text, "Valley Courier")
    at = text.index("met")
    tuesday = TimeRef("on Tuesday", text.index("on Tuesday"), len(text) - 1, "2025-03-04", "day")
    ortiz = Actor("Lina Ortiz", "Lina Ortiz", entity="e1")
    union = Actor("Harbour Union", "Harbour Union", entity="e2")
    a.events.append(
        Event("v1", "c1", "met", at, at + 3, ortiz, union, plover="CONSULT", time=tuesday)
    )
    index = Index([a])
    want = Sought.resolve(index, PART)
    day = date(2025, 3, 4)
    found = collect(want, index, ("on", day, day), Anonymity())
    assert [e.event_date for e in found] == ["2025-03-04"]
    assert found[0].events == ["v1"]
    later = date(2025, 3, 11)
    assert collect(want, index, ("on", later, later), Anonymity()) == []


def test_a_wh_part_gets_its_answers() -> None:
    text = "Lina Ortiz met the Harbour Union on Tuesday."
    a = _article(text, "Valley Courier")
    index = Index([a])
    who = Part("who met the Harbour Union", None, MEET, "Harbour Union", wh="who", wh_role="actor")
    want = Sought.resolve(index, who)
    ev = record(want, index.docs[0], a.claims[0], [], None, Anonymity())
    assert ev.values == ["Lina Ortiz"]  # the person before the action word


def test_a_denial_nearby_is_no_evidence_of_the_part() -> None:
    text = "Asked about the Harbour Union, Lina Ortiz denied any meeting."
    denial = _article(text, "Coast Herald", claim_text="any meeting", status="denied")
    met = _article("Lina Ortiz met the Harbour Union on Tuesday.", "Valley Courier")
    index = Index([met, denial])
    want = Sought.resolve(index, PART)
    anonymity = Anonymity()
    found = collect(want, index, None, anonymity)
    assert [e.outlet for e in found] == ["Valley Courier"]  # the claim does not name the union
    nearby = nearby_denials(want, index, found, anonymity)
    assert [(e.outlet, e.status) for e in nearby] == [("Coast Herald", "denied")]
