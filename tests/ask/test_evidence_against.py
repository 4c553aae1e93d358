"""Question verbs read with the spaCy parse, and evidence against a report, on texts we
wrote ourselves."""

from __future__ import annotations

import reportedly
from reportedly.ask.answer import answer
from reportedly.ask.question import parse_question

PIPELINE_TEXT = (
    "Russia's defence ministry said on Saturday that British navy personnel blew up the "
    "Baltic Link gas pipeline last month. London said the claim was false and designed to "
    "distract from Russian failures. Britain firmly denied the claim."
)


def test_the_parse_finds_a_verb_the_lexicon_does_not_know() -> None:
    question = parse_question(
        "Did the Islamic Front claim responsibility for the Harbour Bridge attack?"
    )
    part = question.parts[0]
    assert part.actor == "Islamic Front"
    assert part.action.lemma == "claim"
    assert "responsibility" in part.action.objects
    assert part.about_names == ["Harbour Bridge"]


def test_a_phrasal_verb_keeps_its_particle_and_family() -> None:
    part = parse_question("Did Ruritanian forces blow up the Velmar dam?").parts[0]
    assert part.actor == "Ruritanian forces"
    assert part.action.lemma == "blow"
    assert "ASSAULT" in part.action.families
    assert "blow up" in part.action.words
    unknown = parse_question("Did the rebels carry out the raid?").parts[0]
    assert unknown.action.words == ["carry out"]


def test_the_subjects_denial_of_a_report_is_evidence_against() -> None:
    analysis = reportedly.analyze(PIPELINE_TEXT, published="2022-10-29", outlet="Wire")
    result = answer("Did British navy personnel blow up the Baltic Link pipeline?", [analysis])
    assert result.verdict == "contested"
    part = result.parts[0]
    assert part.supporting
    assert part.against
    assert all(e.status == "denied" for e in part.against)


def test_a_denial_asked_about_is_not_evidence_against() -> None:
    text = "The Kremlin denied any involvement in the blast, spokesman Dmitry Peskov said."
    analysis = reportedly.analyze(text, published="2024-02-20", outlet="Wire")
    result = answer("Did the Kremlin deny involvement in the blast?", [analysis])
    assert result.verdict not in ("contested", "denied")


def test_an_article_about_another_event_is_not_evidence() -> None:
    texts = [
        "The Islamic Front claimed responsibility for the Harbour Bridge attack on Friday.",
        "The Islamic Front claimed responsibility for the Kerrin market bombing on Monday.",
    ]
    analyses = [
        reportedly.analyze(t, published="2024-03-23", outlet=o)
        for t, o in zip(texts, ["Wire A", "Wire B"], strict=True)
    ]
    result = answer(
        "Did the Islamic Front claim responsibility for the Harbour Bridge attack?", analyses
    )
    assert {e.article for e in result.evidence} == {analyses[0].article.id}


def test_another_agent_of_the_deed_contradicts_the_part() -> None:
    text = (
        "The fire at the Velmar depot was most likely caused by an electrical fault, "
        "investigators said on Tuesday."
    )
    analysis = reportedly.analyze(text, published="2024-05-07", outlet="Wire")
    question = "Was the fire at the Velmar depot caused by a rebel drone?"
    part = parse_question(question).parts[0]
    assert (part.actor, part.target) == ("rebel drone", "fire")
    result = answer(question, [analysis])
    assert result.verdict == "denied"
    assert result.parts[0].against
    assert not result.parts[0].supporting


def test_a_description_is_matched_by_its_words() -> None:
    text = (
        "Intelligence Suggests Pro-Ruritanian Group Sabotaged Bridge\n\n"
        "New intelligence reviewed by officials suggests that a pro-Ruritanian group carried "
        "out the attack on the Velmar bridge last year."
    )
    analysis = reportedly.analyze(text, published="2024-05-07", outlet="Wire")
    result = answer("Did a pro-Ruritanian group carry out the Velmar bridge attack?", [analysis])
    assert result.verdict != "no_evidence"
    assert any("carried" in e.text for e in result.evidence)


def test_a_negated_frame_is_evidence_against_whatever_its_status() -> None:
    text = (
        "The White House said on Friday it had no initial indication that Ruritania was "
        "involved in the attack on the Velmar concert hall."
    )
    analysis = reportedly.analyze(text, published="2024-03-23", outlet="Wire")
    result = answer("Was Ruritania involved in the attack on the Velmar concert hall?", [analysis])
    assert result.verdict == "denied"


def test_with_a_place_an_article_need_not_use_the_events_name() -> None:
    text = (
        "Officials said Ruritania was not involved in Friday's shooting attack on a concert "
        "hall near Velmar."
    )
    analysis = reportedly.analyze(text, published="2024-03-23", outlet="Wire")
    question = "Was Ruritania involved in the Harbour Hall attack near Velmar?"
    assert parse_question(question).parts[0].about_names == ["Harbour Hall"]
    assert answer(question, [analysis]).verdict == "denied"


def test_an_institutions_spokesperson_speaks_for_it() -> None:
    # regression: "Did the Treasury say ...?" missed "Treasury spokeswoman Ana Riel said ..."
    text = (
        "Treasury spokeswoman Ana Riel said the ministry knew nothing about a plan to sell "
        "the state airline."
    )
    analysis = reportedly.analyze(text, published="2024-05-02", outlet="Wire")
    q = "Did the Treasury say it knew nothing about a plan to sell the state airline?"
    result = answer(q, [analysis])
    assert result.verdict != "no_evidence"
    other = reportedly.analyze(
        "Ana Riel, who left the Treasury in May, said the ministry knew nothing about a plan "
        "to sell the state airline.",
        published="2024-05-02",
        outlet="Wire",
    )
    assert answer(q, [other]).verdict == "no_evidence"
