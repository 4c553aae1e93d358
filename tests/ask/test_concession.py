"""'Did X admit that ...?': the actor's own statement of the content is evidence for, its
denial or negation evidence against; auxiliaries are not content; object synonyms match."""

from __future__ import annotations

from pathlib import Path

import reportedly
from reportedly.ask.answer import answer, answer_store
from reportedly.ask.match import has_every_object
from reportedly.ask.question import parse_question
from reportedly.corpus.store import Store


def test_auxiliaries_are_not_objects() -> None:
    part = parse_question("Did Norway admit that the drone was being used for surveillance?").parts[
        0
    ]
    assert part.action.content
    assert "was" not in part.action.objects
    assert "being" not in part.action.objects
    assert "surveillance" in part.action.objects


def test_an_object_synonym_matches() -> None:
    assert has_every_object("it was not being used for spying", ["used", "surveillance"])
    assert not has_every_object("it was used for farming", ["used", "surveillance"])


def test_the_actors_denial_answers_an_admission_question() -> None:
    text = (
        "Norway's foreign ministry said on Monday that the drone had not been used for "
        "spying and had drifted off course. Officials in Sweden disputed that account."
    )
    analysis = reportedly.analyze(text, published="2025-05-12", outlet="Wire")
    result = answer("Did Norway admit that the drone was being used for surveillance?", [analysis])
    assert result.verdict in ("denied", "contested"), result.parts[0].explanation
    assert result.parts[0].against


def test_the_actors_own_statement_supports_an_admission() -> None:
    text = (
        "Norway's foreign ministry said on Monday that the drone had been used for "
        "surveillance of the border."
    )
    analysis = reportedly.analyze(text, published="2025-05-12", outlet="Wire")
    result = answer("Did Norway admit that the drone was being used for surveillance?", [analysis])
    assert result.verdict not in ("denied", "contested", "no_evidence")
    assert result.parts[0].supporting


def test_someone_elses_statement_is_no_admission() -> None:
    text = (
        "Sweden's defence ministry said on Monday that the Norwegian drone had been used "
        "for surveillance of the border."
    )
    analysis = reportedly.analyze(text, published="2025-05-12", outlet="Wire")
    result = answer("Did Norway admit that the drone was being used for surveillance?", [analysis])
    assert not result.parts[0].supporting or result.verdict == "no_evidence"


def test_a_participle_phrase_is_not_part_of_the_actor() -> None:
    part = parse_question(
        "Did a letter signed by the council prove that the mayor knew of the leak?"
    ).parts[0]
    assert part.actor == "letter"
    assert part.action.lemma == "prove"


def test_a_described_actor_is_found_through_a_synonym(tmp_path: Path) -> None:
    text = (
        "The harbour police said on Friday they had recorded a telephone call proving that "
        "smugglers had sunk the Aurora ferry."
    )
    analysis = reportedly.analyze(text, published="2025-06-13", outlet="Wire")
    question = "Did a phone call recorded by the police prove that smugglers sank the Aurora ferry?"
    assert answer(question, [analysis]).verdict == "reported"
    with Store(tmp_path / "news.db") as store:
        store.add(analysis)
        assert answer_store(question, store).verdict == "reported"


def test_a_reporting_verb_before_that_is_the_questions_verb() -> None:
    part = parse_question(
        "Did the coastal agency judge that a loose mooring most likely caused the collision?"
    ).parts[0]
    assert part.action.lemma == "judge"
    assert part.action.content
    assert part.actor is not None
    assert "agency" in part.actor
    assert "likely" not in part.action.objects
    assert "most" not in part.action.objects


def test_a_long_content_needs_most_of_its_words_not_all() -> None:
    objects = ["loose", "mooring", "caused", "harbour", "collision"]
    assert has_every_object(
        "the most likely cause of the harbour collision was a mooring that came loose",
        objects,
        2 / 3,
    )
    assert not has_every_object("the harbour reopened on Monday", objects, 2 / 3)


def test_a_hyphenated_name_matches_its_spaced_spelling() -> None:
    assert has_every_object("the Al Ahli hospital", ["al-ahli", "hospital"])


def test_the_agencys_own_statement_answers_a_judge_question() -> None:
    text = (
        "The Norwegian Coastal Administration (NCA) stated that the most likely cause of the "
        "collision in the Oslo harbour was a loose mooring."
    )
    analysis = reportedly.analyze(text, published="2025-02-07", outlet="Wire")
    result = answer(
        "Did the Norwegian Coastal Administration judge that a loose mooring most likely "
        "caused the collision?",
        [analysis],
    )
    assert result.verdict in ("reported", "asserted"), result.parts[0].explanation


def test_who_is_sent_to_meet_is_not_the_sender() -> None:
    text = (
        "OSLO — The prime minister dispatched the foreign office envoy Kari Holm to Reykjavik "
        "to meet with its mayor, Jon Gnarr, last week, two officials said on Tuesday."
    )
    analysis = reportedly.analyze(text, published="2025-03-04", outlet="Wire")
    result = answer("Did the prime minister meet Jon Gnarr?", [analysis])
    assert result.verdict == "no_evidence", result.parts[0].explanation


def test_declaring_a_candidacy_is_announcing_a_run() -> None:
    texts = [
        "Mayor Lena Berg declared her candidacy for governor on Monday in Bergen.",
        "Lena Berg announced on Monday that she would run for governor.",
    ]
    analyses = [
        reportedly.analyze(t, published="2025-04-07", outlet=o)
        for t, o in zip(texts, ["Wire", "Daily"], strict=True)
    ]
    result = answer("Did Lena Berg announce a run for governor?", analyses)
    assert len(result.parts[0].supporting) == 2, result.parts[0].explanation


def test_a_two_sided_act_coded_both_ways_is_still_the_senders_errand() -> None:
    text = (
        "The mayor is said to have dispatched a senior aide to meet Governor Lena Berg "
        "to ask for flood funds."
    )
    analysis = reportedly.analyze(text, published="2025-03-04", outlet="Wire")
    result = answer("Did the mayor dispatch an aide to meet Lena Berg?", [analysis])
    assert result.verdict != "no_evidence", result.parts[0].explanation
