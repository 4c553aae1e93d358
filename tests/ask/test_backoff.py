"""Lexical backoff (issue 12): a question's verb or object word that no lexicon has takes the
nearest entry by the static word vectors; evidence found only that way never confirms. On
questions and texts we wrote ourselves."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportedly
from reportedly import lexicons
from reportedly.ask import question as question_module
from reportedly.ask.answer import Answer, answer, answer_store
from reportedly.ask.question import action_for, parse_question, widened
from reportedly.ask.verdict import policy
from reportedly.corpus.store import Store
from reportedly.nlp.vectors import nearest_actions


@pytest.mark.parametrize("lemma", ["blacklist", "bombard", "parley", "oust"])
def test_an_unknown_verb_names_the_entry_the_vectors_find(lemma: str) -> None:
    # whatever the shipped table says: the entry it finds at or above its threshold, or none;
    # the verb's own action is unchanged, its widened one has the entry's families and words
    near = nearest_actions(lemma, k=1, lexicons=lexicons.default())
    action = action_for(lemma)
    assert action.families == []
    assert action.words == [lemma]
    entry = lexicons.default().actions["actions"].get(near[0][0]) if near else None
    if entry is None:
        assert action.backoff is None
        return
    assert action.backoff == near[0][0]
    wide = widened(action)
    assert wide.widened
    assert wide.families == list(entry.get("families", []))
    assert wide.words[0] == lemma
    assert near[0][0] in wide.words


def test_a_known_verb_has_no_backoff() -> None:
    action = action_for("sanction")
    assert action.backoff is None
    assert "SANCTION" in action.families


def test_a_phrasal_verb_the_lexicon_lacks_has_no_backoff() -> None:
    (part,) = parse_question("Did the rebels carry out the raid?").parts
    assert part.action.backoff is None
    assert part.action.words == ["carry out"]


SANCTIONS = [
    (
        "The Harbour Council imposed sanctions on Velmar Shipping on Monday, council "
        "spokeswoman Ana Ruiz said.",
        "Coast Wire",
    ),
    (
        "The Harbour Council imposed sanctions on Velmar Shipping, the port authority's "
        "director Tomas Berg said on Monday.",
        "Bay Herald",
    ),
]


@pytest.fixture(scope="module")
def sanctions() -> list[reportedly.Analysis]:
    return [reportedly.analyze(t, published="2025-04-08", outlet=o) for t, o in SANCTIONS]


def test_a_paraphrase_found_by_backoff_is_capped(
    sanctions: list[reportedly.Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    direct = answer("Did the Harbour Council sanction Velmar Shipping?", sanctions)
    assert direct.verdict == "confirmed"
    assert not any(e.backoff for e in direct.evidence)
    # "blacklist" as if the vectors put it nearest to "sanction"
    monkeypatch.setattr(
        question_module,
        "backoff_entry",
        lambda lemma, intransitive=False: "sanction" if lemma == "blacklist" else None,
    )
    guessed = answer("Did the Harbour Council blacklist Velmar Shipping?", sanctions)
    assert guessed.parts[0].supporting
    assert all(e.backoff for e in guessed.evidence)
    assert guessed.verdict == policy().backoff_cap


def test_without_a_near_entry_the_paraphrase_is_not_found(
    sanctions: list[reportedly.Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(question_module, "backoff_entry", lambda lemma, intransitive=False: None)
    result = answer("Did the Harbour Council blacklist Velmar Shipping?", sanctions)
    assert result.verdict == "no_evidence"


ATTACKS = [
    ("The northern army attacked Velmar village on Monday, the governor Ana Ruiz said.", "A"),
    ("The northern army attacked Velmar village, the mayor Tomas Berg said on Monday.", "B"),
]


def _bombard_checked(result: Answer) -> None:
    near = nearest_actions("bombard", k=1, lexicons=lexicons.default())
    if near and near[0][0] == "attack":
        assert result.parts[0].supporting
        assert all(e.backoff for e in result.evidence)
        assert result.verdict == policy().backoff_cap
        assert "lexical backoff" in result.explanation
    else:  # a table that does not put "bombard" near "attack": nothing is found
        assert result.verdict == "no_evidence"


def test_the_shipped_vectors_find_a_paraphrase_and_it_stays_reported(tmp_path: Path) -> None:
    analyses = [reportedly.analyze(t, published="2025-04-08", outlet=o) for t, o in ATTACKS]
    assert answer("Did the northern army attack Velmar village?", analyses).verdict == "confirmed"
    _bombard_checked(answer("Did the northern army bombard Velmar village?", analyses))
    # the store reads the articles the backoff could find only when the own words find none
    with Store(tmp_path / "news.db") as store:
        for a in analyses:
            store.add(a)
        assert answer_store("Did the northern army attack Velmar village?", store).verdict == (
            "confirmed"
        )
        _bombard_checked(answer_store("Did the northern army bombard Velmar village?", store))
