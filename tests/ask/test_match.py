"""ask.match alone: whether a claim or an event fits a part, on small hand-made analyses
(the sentences are ours)."""

from __future__ import annotations

import pytest

from reportedly.ask.index import Doc, Index
from reportedly.ask.match import (
    Sought,
    about_ok,
    action_at,
    alternative,
    event_ok,
    governed,
    has_action,
    has_objects,
    reversed_roles,
    status_usable,
    text_ok,
)
from reportedly.ask.question import Action, Part
from reportedly.records import Actor, Analysis, Article, Claim, Entity, Event, Mention


def _entity(eid: str, name: str, kind: str, text: str, *, start: int = 0) -> Entity:
    """An entity named once at the first place its name is in ``text`` after ``start``."""
    at = text.index(name, start)
    return Entity(eid, name, kind, mentions=[Mention(name, at, at + len(name))])  # type: ignore[arg-type]


def _one_sentence(text: str, names: dict[str, str], **claim: object) -> Analysis:
    """An analysis of one sentence that is one asserted claim, naming ``names`` (name ->
    type)."""
    entities = [_entity(f"e{i}", n, t, text) for i, (n, t) in enumerate(names.items(), 1)]
    c = Claim("c1", text, 0, len(text), "asserted", 0, len(text), **claim)  # type: ignore[arg-type]
    return Analysis(
        article=Article(text=text, outlet="Valley Courier"), entities=entities, claims=[c]
    )


def _sought(analysis: Analysis, part: Part) -> tuple[Sought, Doc]:
    index = Index([analysis])
    return Sought.resolve(index, part), index.docs[0]


APOLOGIZE = Action("apologize", words=["apologize"])
PRAISE = Action("praise", words=["praise"])
MEET = Action("meet", families=["CONSULT"], words=["meet"])


def test_action_words_up_to_inflection() -> None:
    text = "On Monday the council approved the ferry budget."
    approve = Action("approve", words=["approve"])
    assert has_action(text, approve)
    assert not has_action("The council debated the ferry budget.", approve)
    start, end = action_at(text, 0, len(text), approve) or (0, 0)
    assert text[start:end] == "approved"
    assert has_objects(text, ["budget"])
    assert not has_objects(text, ["tunnel"])


def test_a_wish_or_plan_is_no_deed() -> None:
    text = "The board is planning to approve the merger."
    assert governed(text, text.index("approve"), 0)
    done = "The board approved the merger."
    assert not governed(done, done.index("approved"), 0)


@pytest.mark.parametrize(
    ("text", "word", "to_come"),
    [
        ("The envoy flew in ahead of the expected summit with the rebel leader.", "summit", True),
        ("Ortiz is preparing for talks with the union next week.", "talks", True),
        ("Aides discussed an upcoming meeting with Moreau.", "meeting", True),
        ("The planned Ortiz-Moreau summit was put off.", "summit", True),
        ("Ortiz met Moreau in the harbour town on Monday.", "met", False),
        ("The summit with Moreau ended on Monday.", "summit", False),
        ("Ortiz said the talks with the union went well.", "talks", False),
        ("Moreau went ahead and met Ortiz anyway.", "met", False),
        ("In the run-up to the vote, Ortiz visited the port.", "visited", False),
        ("Ortiz visited the port in the run-up to the vote.", "vote", True),
    ],
)
def test_an_event_still_to_come_is_no_deed(text: str, word: str, to_come: bool) -> None:
    assert governed(text, text.index(word), 0) is to_come


def test_text_names_the_actor_and_target() -> None:
    text = "Mayor Lina Ortiz apologized to the Harbour Union on Tuesday."
    a = _one_sentence(text, {"Lina Ortiz": "PERSON", "Harbour Union": "ORG"})
    part = Part(
        "Lina Ortiz apologized to the Harbour Union", "Lina Ortiz", APOLOGIZE, "Harbour Union"
    )
    want, doc = _sought(a, part)
    assert text_ok(want, doc, a.claims[0])


def test_roles_the_other_way_round_are_not_the_part() -> None:
    text = "The Harbour Union apologized to Mayor Lina Ortiz on Tuesday."
    a = _one_sentence(text, {"Harbour Union": "ORG", "Lina Ortiz": "PERSON"})
    part = Part(
        "Lina Ortiz apologized to the Harbour Union", "Lina Ortiz", APOLOGIZE, "Harbour Union"
    )
    want, doc = _sought(a, part)
    at = action_at(text, 0, len(text), APOLOGIZE)
    assert at is not None
    assert reversed_roles(want, doc, a.claims[0], at)
    assert not text_ok(want, doc, a.claims[0])


def test_a_passive_agent_is_another_doer() -> None:
    # asked whether Ortiz praised someone; the claim has her praised by the union
    text = "Lina Ortiz was praised by the Harbour Union for the new pier."
    a = _one_sentence(text, {"Lina Ortiz": "PERSON", "Harbour Union": "ORG"})
    want, doc = _sought(a, Part("Lina Ortiz praised the pier", "Lina Ortiz", PRAISE))
    assert not text_ok(want, doc, a.claims[0])
    active = "Lina Ortiz praised the Harbour Union for the new pier."
    b = _one_sentence(active, {"Lina Ortiz": "PERSON", "Harbour Union": "ORG"})
    want, doc = _sought(b, Part("Lina Ortiz praised the pier", "Lina Ortiz", PRAISE))
    assert text_ok(want, doc, b.claims[0])


def test_another_agent_of_the_deed() -> None:
    text = "The warehouse fire was caused by a faulty heater, the inspectors found."
    a = _one_sentence(text, {"warehouse": "PLACE"})
    cause = Action("cause", words=["cause"])
    part = Part("the arsonists caused the warehouse fire", "the arsonists", cause, "warehouse")
    want, doc = _sought(a, part)
    assert alternative(want, doc, a.claims[0])
    by_them = "The warehouse fire was caused by the arsonists, the inspectors found."
    b = _one_sentence(by_them, {"warehouse": "PLACE"})
    want, doc = _sought(b, part)
    assert not alternative(want, doc, b.claims[0])


def test_event_roles_must_fit() -> None:
    text = "Lina Ortiz met Harbour Union leaders in Portvale."
    a = _one_sentence(text, {"Lina Ortiz": "PERSON", "Harbour Union": "ORG"})
    ortiz = Actor("Lina Ortiz", "Lina Ortiz", entity="e1")
    union = Actor("Harbour Union", "Harbour Union", entity="e2")
    at = text.index("met")
    met = Event("v1", "c1", "met", at, at + 3, actor=ortiz, target=union, plover="CONSULT")
    a.events.append(met)
    claim = a.claims[0]
    want, doc = _sought(
        a, Part("Lina Ortiz met the Harbour Union", "Lina Ortiz", MEET, "Harbour Union")
    )
    assert event_ok(want, doc, claim, met)
    other, doc = _sought(
        a, Part("the Harbour Union met Lina Ortiz", "Harbour Union", MEET, "Lina Ortiz")
    )
    assert not event_ok(other, doc, claim, met)  # the event's actor is Ortiz
    visit = Action("visit", families=["TRAVEL"], words=["visit"])
    travel, doc = _sought(a, Part("Lina Ortiz visited the union", "Lina Ortiz", visit))
    assert not event_ok(travel, doc, claim, met)  # another family


def test_the_article_must_name_what_the_question_is_about() -> None:
    text = "Lina Ortiz opened the Pier Festival on Saturday."
    a = _one_sentence(text, {"Lina Ortiz": "PERSON", "Pier Festival": "ORG"})
    open_ = Action("open", words=["open"])
    about = Part(
        "Lina Ortiz opened the Pier Festival", "Lina Ortiz", open_, about_names=["Pier Festival"]
    )
    want, doc = _sought(a, about)
    assert about_ok(want, doc)
    elsewhere = Part(
        "Lina Ortiz opened the fair", "Lina Ortiz", open_, about_names=["Lantern Fair"]
    )
    want, doc = _sought(a, elsewhere)
    assert not about_ok(want, doc)


def test_questioned_claims_are_no_evidence() -> None:
    text = "Did the council close the library?"
    asked = Claim("c1", text, 0, len(text), "questioned", 0, len(text))
    said = Claim("c2", text, 0, len(text), "asserted", 0, len(text))
    assert not status_usable(asked)
    assert status_usable(said)
