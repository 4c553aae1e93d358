"""Parsing questions into parts, and refusing what is not a question."""

from __future__ import annotations

import pytest

from reportedly.ask.question import MAX_QUESTION_CHARS, lemmas, parse_question
from reportedly.errors import InputError, MalformedInput, NotEnglish


def test_yes_no_with_actor_action_target() -> None:
    q = parse_question("Did Hezbollah abandon Assad?")
    assert q.kind == "yesno"
    assert q.combine == "single"
    assert q.polarity == "positive"
    (p,) = q.parts
    assert (p.actor, p.action.lemma, p.target) == ("Hezbollah", "abandon", "Assad")
    assert "SANCTION" in p.action.families
    assert p.about == "Hezbollah abandoned Assad"


def test_both_and_gives_two_parts_with_an_anchor() -> None:
    q = parse_question(
        "Did Syrian President Bashar al-Assad contact both Donald Trump and Iran's Khamenei "
        "before he vanished?"
    )
    assert q.combine == "and"
    # names as the entities stage reads them: a person's title and owner left out
    assert [p.target for p in q.parts] == ["Donald Trump", "Khamenei"]
    for p in q.parts:
        assert p.actor == "Bashar al-Assad"
        assert set(p.action.families) == {"CONSULT", "REQUEST", "AGREE"}
        assert p.time is not None
        assert p.time.relation == "before"
        assert p.time.anchor is not None
        assert p.time.anchor.families == ["RETREAT"]
        assert p.time.anchor_actor == ""  # "he": the part's own actor


@pytest.mark.parametrize(
    "text", ["Did Assad contact Trump or Khamenei?", "Did Assad contact either Trump or Khamenei?"]
)
def test_or_and_either(text: str) -> None:
    q = parse_question(text)
    assert q.combine == "or"
    assert [p.target for p in q.parts] == ["Trump", "Khamenei"]


def test_coordinated_subjects_and_clauses() -> None:
    q = parse_question("Did Iran and Hezbollah abandon Assad?")
    assert [p.actor for p in q.parts] == ["Iran", "Hezbollah"]
    assert q.combine == "and"
    q = parse_question("Did Iran evacuate its commanders and did Hezbollah abandon Assad?")
    assert [(p.actor, p.action.lemma) for p in q.parts] == [
        ("Iran", "evacuate"),
        ("Hezbollah", "abandon"),
    ]
    assert q.parts[0].action.objects == ["commanders"]


@pytest.mark.parametrize(
    "text", ["Didn't Hezbollah abandon Assad?", "Did Hezbollah not abandon Assad?"]
)
def test_negative(text: str) -> None:
    q = parse_question(text)
    assert q.polarity == "negative"
    assert q.parts[0].polarity == "negative"
    assert (q.parts[0].actor, q.parts[0].target) == ("Hezbollah", "Assad")


def test_objects_places_and_purpose() -> None:
    p = parse_question("Did Iran evacuate its military commanders from Syria?").parts[0]
    assert p.action.objects == ["military", "commanders"]
    assert p.place == "Syria"
    assert p.target is None
    p = parse_question("Did Russia send troops to help Assad?").parts[0]
    assert p.action.objects == ["troops"]
    assert p.target == "Assad"
    assert {"AID", "SUPPORT"} <= set(p.action.families)
    p = parse_question("Did Assad dispatch a Christian leader to meet Orban?").parts[0]
    assert p.target == "Orban"
    assert "CONSULT" in p.action.families


def test_wh_questions() -> None:
    p = parse_question("Who visited Assad in Damascus?").parts[0]
    assert (p.wh, p.wh_role, p.actor, p.target, p.place) == (
        "who",
        "actor",
        None,
        "Assad",
        "Damascus",
    )
    assert p.action.modes == ["visit"]
    p = parse_question("Which provincial capitals does Assad still control?").parts[0]
    assert (p.wh, p.wh_role, p.wh_noun, p.actor) == (
        "which",
        "object",
        "provincial capitals",
        "Assad",
    )
    assert p.action.families == ["COERCE"]
    p = parse_question("Who did Assad turn to?").parts[0]
    assert (p.wh_role, p.actor) == ("target", "Assad")
    assert parse_question("When did Larijani visit Assad?").parts[0].wh_role == "time"
    assert parse_question("Where did Assad flee?").parts[0].wh_role == "place"
    p = parse_question("How many provincial capitals does Assad control?").parts[0]
    assert (p.wh, p.wh_noun) == ("how_many", "provincial capitals")
    p = parse_question("Who scored the opening goal?").parts[0]
    assert p.wh_role == "actor"
    assert p.action.families == []
    assert "goal" in p.action.objects


def test_passive() -> None:
    p = parse_question("Was Assad visited by Larijani?").parts[0]
    assert (p.actor, p.action.lemma, p.target) == ("Larijani", "visit", "Assad")


@pytest.mark.parametrize(
    ("text", "relation", "date"),
    [
        ("Did Larijani visit Assad on 6 December?", "on", "6 December"),
        ("Did Larijani visit Assad on Friday?", "on", "Friday"),
        ("Did rebels take Damascus last week?", "during", "last week"),
        ("Did Iran evacuate its commanders in December 2024?", "during", "December 2024"),
        ("Did Iran evacuate its commanders before 8 December?", "before", "8 December"),
    ],
)
def test_dates(text: str, relation: str, date: str) -> None:
    tc = parse_question(text).parts[0].time
    assert tc is not None
    assert (tc.relation, tc.date) == (relation, date)


def test_anchor_event_with_a_target() -> None:
    tc = parse_question("Did Iran withdraw from Syria after the fall of Damascus?").parts[0].time
    assert tc is not None
    assert tc.relation == "after"
    assert tc.anchor is not None
    assert tc.anchor.lemma == "fall"
    assert tc.anchor_target == "Damascus"


def test_lemmas() -> None:
    assert "send" in lemmas("sent")
    assert "visit" in lemmas("visited")
    assert "evacuate" in lemmas("evacuated")
    assert "flee" in lemmas("fled")


@pytest.mark.parametrize("text", ["", "   ", "???", "12345", "asdf qwer zxcv"])
def test_malformed(text: str) -> None:
    with pytest.raises(MalformedInput) as err:
        parse_question(text)
    assert err.value.code == "E006"
    assert err.value.message


def test_too_long() -> None:
    text = "Did Assad contact Trump? " * (100_000 // 25)
    assert len(text) > MAX_QUESTION_CHARS
    with pytest.raises(MalformedInput, match="too long"):
        parse_question(text)


def test_control_characters() -> None:
    with pytest.raises(MalformedInput):
        parse_question("Did Assad\x00 contact Trump?")


@pytest.mark.parametrize(
    "text",
    [
        "¿Contactó Assad a Trump?",
        "Hat Assad Trump kontaktiert?",
        "Где сейчас Асад?",
        "هل اتصل الأسد بترامب؟",
        "Est-ce que Assad a contacté Trump?",
    ],
)
def test_not_english(text: str) -> None:
    with pytest.raises(NotEnglish) as err:
        parse_question(text)
    assert err.value.code == "E005"
    assert isinstance(err.value, InputError)


def test_a_coordinator_is_never_the_verb() -> None:
    """Regression: with a verb the lexicon lacked, "and" was taken for it ("Romney aned")."""
    q = parse_question("Did both Romney and Arpaio quarrel with Perry?")
    assert [(p.actor, p.action.lemma) for p in q.parts] == [
        ("Romney", "quarrel"),
        ("Arpaio", "quarrel"),
    ]


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Did the governor ban the rally?", "banned"),
        ("Did the police stop the march?", "stopped"),
        ("Did the army control the bridge?", "controlled"),
        ("Did the mayor meet the protesters?", "met"),
    ],
)
def test_about_is_inflected_english(question: str, verb: str) -> None:
    # the statement the answer reads back is English: "banned", not "baned" or "stoped"
    about = parse_question(question).parts[0].about
    assert verb in about.split(), about


def test_both_verb_and_verb_is_two_parts() -> None:
    # regression: "both V1 ... and V2 ..." was one part whose objects ran through the second verb
    q = parse_question(
        "Did the harbour authority both close the northern pier and say the ferry was delayed?"
    )
    assert q.combine == "and"
    assert [p.action.lemma for p in q.parts] == ["close", "say"]
    assert all(p.actor == "harbour authority" for p in q.parts)
    assert "ferry" not in q.parts[0].action.objects
    assert "pier" not in q.parts[1].action.objects


def test_a_verb_after_to_is_not_a_second_part() -> None:
    q = parse_question("Did the club agree to pay the fine and leave the league?")
    assert [p.action.lemma for p in q.parts] == ["agree"]
