"""A question's names come from the pipeline's entities stage, as an article's mentions do,
with capitalised runs as the fallback (issue 12, item 1). Questions are our own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.ask.question import _tokens, parse_question
from reportedly.ask.question_names import _typed, _written, question_names


def _who(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.actor, p.target, p.place) for p in parse_question(text).parts]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a person's title and owner are left out, as the entities stage does
        (
            "Did Syrian President Bashar al-Assad flee to Moscow?",
            ("Bashar al-Assad", None, "Moscow"),
        ),
        (
            "Did Iran's Supreme Leader Ali Khamenei condemn the strike?",
            ("Ali Khamenei", None, None),
        ),
        ("Did Kremlin spokesman Dmitry Peskov deny the report?", ("Dmitry Peskov", None, None)),
        ("Did President Kemal Ardan resign?", ("Kemal Ardan", None, None)),
        (
            "Did Hezbollah Secretary-General Hassan Nasrallah visit Tehran?",
            ("Hassan Nasrallah", "Tehran", None),
        ),
    ],
)
def test_titles_and_owners_are_not_the_name(
    text: str, want: tuple[str | None, str | None, str | None]
) -> None:
    assert _who(text) == [want]


def test_an_organisation_keeps_its_owner_and_its_of() -> None:
    assert _who("Did China's Foreign Ministry deny the report?") == [
        ("China's Foreign Ministry", None, None)
    ]
    # "of" inside the tagged name does not cut the object ("the Ministry" of "Defence")
    assert _who("Did Israel strike the Ministry of Defence in Tehran?") == [
        ("Israel", "Ministry of Defence", "Tehran")
    ]
    assert _who("Did the Bank of England raise rates?") == [("Bank of England", None, None)]


def test_particles_stay_in_the_name_where_the_tagger_cuts_it() -> None:
    # the tagger reads "Ursula von der" and "Leyen": the capitalised run stands
    assert _who("Did Khalid bin Rashid meet Ursula von der Leyen?") == [
        ("Khalid bin Rashid", "Ursula von der Leyen", None)
    ]
    assert _who("Did Osama bin Laden's son Hamza bin Laden die in an airstrike?")[0][0] == (
        "Hamza bin Laden"
    )


def test_the_tagger_missing_a_name_leaves_the_capitalised_run() -> None:
    assert _who("Did Alexei Navalny die in prison?") == [("Alexei Navalny", None, None)]
    part = parse_question("Was Navalny's funeral held in Moscow?").parts[0]
    assert (part.actor, part.place, part.about_names) == (None, "Moscow", ["Navalny"])


@pytest.mark.parametrize(
    "text",
    ["did hezbollah abandon assad", "Did hezbollah abandon Assad?", "did Hezbollah abandon assad?"],
)
def test_names_typed_in_lower_case(text: str) -> None:
    (part,) = parse_question(text).parts
    assert (part.actor, part.action.lemma, part.target) == ("Hezbollah", "abandon", "Assad")


def test_a_lower_case_question_names_what_no_lexicon_knows_but_no_english_word() -> None:
    assert _who("did farouk meet the mayor of tarsis") == [("Farouk", "Tarsis", None)]
    # a word after a determiner or a country word is no name ("an israeli airstrike")
    (part,) = parse_question("was the bridge hit by an israeli airstrike").parts
    assert part.actor == "Israeli airstrike"
    assert part.target == "bridge"


def test_lower_case_words_of_a_cased_question_stay_words() -> None:
    # "old bridge" is a place somewhere, and "airstrike" no lemminflect word: the writer cased
    # the question, so they are words here
    (part,) = parse_question("Was the old bridge destroyed when the storm hit?").parts
    assert "bridge" in part.action.objects
    (part,) = parse_question("Did the army use an airstrike on the port?").parts
    assert "airstrike" in part.action.objects
    assert question_names("Did Trump fire the coach", _tokens).typed == ()


def test_a_multiword_organisation_typed_in_lower_case() -> None:
    (part,) = parse_question("did the islamic state claim the attack").parts
    assert part.actor == "Islamic State"


WORDS = [
    "did",
    "hezbollah",
    "abandon",
    "assad",
    "al-assad",
    "the",
    "moscow",
    "farouk",
    "meet",
    "of",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_writing_names_changes_only_their_case(words: list[str]) -> None:
    text = " ".join(words)
    written = _written(text, _typed(_tokens(text)))
    assert written.casefold() == text.casefold()
    assert len(_tokens(written)) == len(_tokens(text))


def test_particles_de_and_van_and_a_place_with_its_article() -> None:
    assert _who("Did Maria de Souza meet Dries van Agt in The Hague?") == [
        ("Maria de Souza", "Dries van Agt", "The Hague")
    ]


def test_a_particle_name_and_a_metonym_typed_in_lower_case() -> None:
    assert _who("did bashar al-assad flee to moscow") == [("Bashar al-Assad", None, "Moscow")]
    (part,) = parse_question("did the kremlin deny the report").parts
    assert (part.actor, part.action.lemma) == ("Kremlin", "deny")
    # sector words are no name: "the army" stays a description
    (part,) = parse_question("did the army shell the town").parts
    assert part.actor == "army"


def test_a_description_the_entities_stage_links_is_the_person() -> None:
    q = parse_question(
        "Did Syrian President Bashar al-Assad flee to Moscow and did the Syrian president meet "
        "Putin?"
    )
    assert [(p.actor, p.target) for p in q.parts] == [
        ("Bashar al-Assad", None),
        ("Bashar al-Assad", "Putin"),
    ]
    # with no person to link it to, the description stays one
    assert _who("Did the Syrian president meet Putin?") == [("Syrian president", "Putin", None)]
