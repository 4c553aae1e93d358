"""Who the actor and target of an event are, and their codes, on sentences we wrote."""

from __future__ import annotations

import reportedly
from reportedly.records import Analysis, Event

PAD = "The talks were held in a hotel on the outskirts of the capital.\n\n"


def analyse(text: str, published: str = "2024-03-15") -> Analysis:
    return reportedly.analyze(PAD + text, published=published, outlet="Daily Example")


def events(result: Analysis, trigger: str) -> list[Event]:
    hits = [e for e in result.events if e.text == trigger]
    assert hits, f"no event on {trigger!r}: {[(e.text, e.plover) for e in result.events]}"
    return hits


def test_coordinated_country_words_give_one_actor_each() -> None:
    r = analyse("Kenyan and Ugandan activists protested outside the embassy on Monday.")
    got = {(e.actor.country, e.actor.sector) for e in events(r, "protested") if e.actor}
    assert got == {("KEN", "OPP"), ("UGA", "OPP")}


def test_coordinated_countries_inside_one_target_phrase() -> None:
    r = analyse("The minister accused Dutch and Belgian officials of lying.")
    got = {e.target.country for e in events(r, "accused") if e.target}
    assert got == {"NLD", "BEL"}


def test_unknown_office_holder_takes_the_sentence_country() -> None:
    r = analyse("President Jean Ondo-Maba threatened to dissolve the Gabonese parliament.")
    actor = events(r, "threatened")[0].actor
    assert actor is not None
    assert (actor.country, actor.sector) == ("GAB", "GOV")


def test_apposition_names_the_actor_of_a_description() -> None:
    r = analyse("A member of the Peruvian congress, Tomas Quispe-Ayala, condemned the decree.")
    actor = events(r, "condemned")[0].actor
    assert actor is not None
    assert "Quispe" in actor.name
    assert (actor.country, actor.sector) == ("PER", "LEG")


def test_apposition_gives_the_country_of_an_unknown_name() -> None:
    r = analyse("Tomas Quispe-Ayala, Peru's deputy foreign minister, condemned the decree.")
    actor = events(r, "condemned")[0].actor
    assert actor is not None
    assert actor.country == "PER"


def test_event_noun_takes_the_by_agent_of_its_participle() -> None:
    r = analyse("Lima said it was kept out of probes conducted by Chilean prosecutors.")
    actor = events(r, "probes")[0].actor
    assert actor is not None
    assert (actor.country, actor.sector) == ("CHL", "JUD")


def test_nationality_on_the_compound_of_an_event_noun() -> None:
    r = analyse("The ministry said foreign advisers directed Kenyan drone attacks on the convoy.")
    actor = events(r, "attacks")[0].actor
    assert actor is not None
    assert actor.country == "KEN"
