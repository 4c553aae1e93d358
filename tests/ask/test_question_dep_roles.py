"""A question's roles read from the dependencies of its parse (issue 12): coordinated
subjects, objects and agents, one part per conjunct, a described conjunct counted as one
too; the words around the verb when the parse has no subject arc. Questions we wrote."""

from __future__ import annotations

from reportedly.ask.question import parse_question
from reportedly.ask.roles import dep_roles


def _roles(q: str) -> list[tuple[str | None, str, str | None]]:
    return [(p.actor, p.action.lemma, p.target) for p in parse_question(q).parts]


def test_a_coordinated_object_with_a_described_conjunct_gives_a_part_each() -> None:
    q = parse_question(
        "Did the envoy of Ahmed al-Rahimi meet both Omar Farouk and the mayor of Tarsis?"
    )
    assert q.combine == "and"
    assert [(p.actor, p.target) for p in q.parts] == [
        ("Ahmed al-Rahimi", "Omar Farouk"),
        ("Ahmed al-Rahimi", "Tarsis"),
    ]
    # the conjuncts' words name parties, not what was met
    assert all("mayor" not in p.action.objects for p in q.parts)


def test_either_or_subject_with_a_described_conjunct() -> None:
    q = parse_question(
        "Did either Lina Haddad or the coastal militia seize the granary in Porto Selva?"
    )
    assert q.combine == "or"
    assert [p.actor for p in q.parts] == ["Lina Haddad", "coastal militia"]
    assert all(p.place == "Porto Selva" and p.action.objects == ["granary"] for p in q.parts)


def test_a_passive_with_coordinated_agents_asks_each_agent() -> None:
    q = parse_question("Was the convoy ambushed by either the river gang or Tomas Brandt?")
    assert q.combine == "or"
    assert [(p.actor, p.voice) for p in q.parts] == [
        ("river gang", "passive"),
        ("Tomas Brandt", "passive"),
    ]
    assert all(p.action.objects == [] for p in q.parts)


def test_a_passive_parsed_as_be_with_a_participle_has_its_subject() -> None:
    clause = "Was the depot raided by Nils Ek"
    roles = dep_roles(clause, clause.index("raided"))
    assert roles is not None
    assert roles.subject.texts == ("the depot",)
    assert roles.agent is not None
    assert roles.agent.texts == ("Nils Ek",)


def test_no_subject_arc_falls_back_to_the_words_around_the_verb() -> None:
    # the small model reads "flee" as a noun here: no verb with a subject arc
    assert dep_roles("did assad flee", 0) is None
    # the actor dictionary knows "assad": written as the name it is
    assert _roles("did assad flee?") == [("Assad", "flee", None)]


def test_a_described_conjunct_before_a_named_one_and_a_plain_question() -> None:
    assert _roles("Did both the dock workers and Yara Castell reject the offer?") == [
        ("dock workers", "reject", None),
        ("Yara Castell", "reject", None),
    ]
    assert _roles("Did Petra Lind accuse Oskar Vale?") == [("Petra Lind", "accuse", "Oskar Vale")]


def test_a_coordinated_object_of_a_target_preposition_gives_a_part_each() -> None:
    q = parse_question("Did Iva Marsh talk with both the rail union and Cole Brennan?")
    assert q.combine == "and"
    assert [p.target for p in q.parts] == ["rail union", "Cole Brennan"]
    assert all(p.action.objects == [] for p in q.parts)
