"""Question parsing of issue 12's later misses: time anchors with any verb, deadlines,
light verbs, possessive modifiers, words that are no question; bad questions on the
command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.ask.question import parse_question
from reportedly.errors import MalformedInput


def test_a_time_anchor_with_a_verb_the_lexicon_does_not_know() -> None:
    # "paint" is in no lexicon: the anchor's verb comes from the parse
    q = parse_question("Did the mayor resign before the council painted the town hall?")
    (part,) = q.parts
    assert part.time is not None
    assert part.time.relation == "before"
    assert part.time.anchor is not None
    assert part.time.anchor.lemma == "paint"
    assert "painted" not in part.about
    assert "council" not in part.about
    assert part.action.lemma == "resign"


def test_before_a_place_is_no_time() -> None:
    q = parse_question("Did the mayor testify before the committee?")
    assert q.parts[0].time is None


def test_a_noun_anchor_after_a_name() -> None:
    q = parse_question("Did the mayor resign before the Riverside Bridge collapse?")
    tc = q.parts[0].time
    assert tc is not None
    assert tc.anchor is not None
    assert tc.anchor.lemma == "fall"
    assert tc.anchor_target == "Riverside Bridge"


def test_by_a_date_is_a_deadline() -> None:
    tc = parse_question("Did the mayor resign by 3 May 2025?").parts[0].time
    assert tc is not None
    assert tc.relation == "before"
    assert tc.date == "3 May 2025"
    # "by" before a name is the agent, not a time
    assert parse_question("Was the mayor attacked by a dog?").parts[0].time is None


def test_a_light_verb_names_the_deed_by_its_noun() -> None:
    (part,) = parse_question("Did the mayor express regret over the flooding?").parts
    assert part.action.lemma == "regret"
    assert "flooding" in part.action.objects
    (part,) = parse_question("Did the mayor issue a warning about the storm?").parts
    assert part.action.lemma == "warn"


def test_a_possessive_modifier_is_the_name_itself() -> None:
    (part,) = parse_question("Did the mayor reject the Harbour Board's plan?").parts
    assert "Harbour Board" in part.about_names
    assert all(not o.endswith("'s") for o in part.action.objects)


@pytest.mark.parametrize("text", ["The mayor the bridge", "Harbour Board yesterday"])
def test_words_without_a_verb_are_no_question(text: str) -> None:
    with pytest.raises(MalformedInput) as err:
        parse_question(text)
    assert err.value.code == "E006"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportedly.cli import app

    folder = tmp_path_factory.mktemp("askdb")
    art = folder / "a.txt"
    art.write_text(
        "The mayor of Riverside resigned on Monday, the city council said. "
        "The council closed the old bridge after the floods.\n",
        "utf-8",
    )
    path = folder / "news.db"
    result = CliRunner().invoke(
        app, ["ingest", str(art), "--published", "2025-05-06", "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("", "E006"),
        ("   ", "E006"),
        ("Did the mayor resign? " * 500, "E006"),
        ("¿Dimitió el alcalde de la ciudad ayer por la tarde?", "E005"),
        ("The mayor the bridge", "E006"),
        ("the of and a to", "E006"),
    ],
    ids=["empty", "blank", "10kb", "not-english", "no-verb", "stop-words"],
)
def test_a_bad_question_is_a_coded_error_without_traceback(
    db: Path, question: str, code: str
) -> None:
    from reportedly.cli import app

    result = CliRunner().invoke(app, ["ask", question, "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert f"[{code}]" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unknown_names_are_a_notice_and_no_evidence(db: Path) -> None:
    from reportedly.cli import app

    result = CliRunner().invoke(
        app, ["ask", "Did Qwelby Trastor visit Riverside?", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "[W008]" in result.output
    assert "Qwelby Trastor" in result.output
    assert "no evidence" in result.stdout
