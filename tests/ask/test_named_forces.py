"""A named person is not a description of a state organ (issue 12: retrieval cost)."""

from reportedly.ask.mentions import same_forces
from reportedly.ask.question import parse_question
from reportedly.ask.retrieve import _forces_articles


def test_description_matches_same_forces() -> None:
    assert same_forces("Russian forces", "the Russian occupation troops")


def test_named_person_is_not_forces() -> None:
    # "Donald Trump" codes as USA GOV, like "American officials": not the same actor
    assert not same_forces("Donald Trump", "American government officials")


def test_named_person_reads_no_forces_articles() -> None:
    part = parse_question("Did Donald Trump threaten the rebels?").parts[0]

    class NoStore:  # any query would fail: none must be made for a named person
        backend = None

    assert _forces_articles(NoStore(), "Donald Trump", part.action) == set()  # type: ignore[arg-type]
