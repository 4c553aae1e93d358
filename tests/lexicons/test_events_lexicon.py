"""events.yaml: every entry type is well formed, and a pattern added in a user copy is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportedly
from reportedly import lexicons
from reportedly.pipeline import Pipeline
from reportedly.read import load_article

SHIPPED = lexicons.Lexicons.load()

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def all_patterns() -> list[lexicons.EventPattern]:
    lex = SHIPPED.events
    return [p for table in (lex.by_verb, lex.by_noun) for pats in table.values() for p in pats]


def test_patterns_have_known_types_and_cameo_codes() -> None:
    pats = all_patterns()
    assert len(pats) > 150
    for p in pats:
        if p.plover == lexicons.NOT_AN_EVENT:
            assert not p.cameo, p  # a sense of a coded word
            assert p.specificity > 0, p
            continue
        assert p.plover in PLOVER, p
        assert re.fullmatch(r"(0[1-9]|1[0-9]|20)\d{0,2}", p.cameo), p
        rule = p.target.split(":", 1)[0]
        assert rule in lexicons.TARGET_RULES, p
        if rule == "prep":
            assert p.prep or ":" in p.target, p


def test_word_lists_are_non_empty_lower_case() -> None:
    lex = SHIPPED.events
    for words in (
        lex.envoy_verbs,
        lex.intermediary_preps,
        lex.irrealis_heads,
        lex.irrealis_modals,
        lex.quantity_nouns,
        lex.statement_nouns,
        lex.light_verbs,
        lex.event_heads,
        lex.question_marks,
        lex.relation_nouns,
        lex.time_words,
    ):
        assert words
        assert all(w == w.lower() for w in words)


def test_unquoted_yaml_boolean_is_refused(tmp_path: Path) -> None:
    # "prep: on" reads as True in YAML: the pattern would never match, so it is an error
    (tmp_path / "events.yaml").write_text(
        'version: 1\npatterns:\n  - {verb: call, prep: on, plover: REQUEST, cameo: "020"}\n'
    )
    with pytest.raises(ValueError, match="words"):
        _ = lexicons.Lexicons.load(tmp_path).events


def test_more_specific_pattern_wins() -> None:
    take = SHIPPED.events.by_verb["take"]
    assert [p.specificity for p in take] == sorted((p.specificity for p in take), reverse=True)


def test_a_user_pattern_is_used_without_touching_code(tmp_path: Path) -> None:
    text = "The Danish navy escorted the cargo ship through the strait.\n"
    before = reportedly.Pipeline()(load_article(text))
    assert not [e for e in before.events if e.text == "escorted"]
    content = (
        SHIPPED.path("events.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "patterns:\n",
            'patterns:\n  - {verb: escort, plover: AID, mode: military, cameo: "074"}\n',
            1,
        )
    )
    (tmp_path / "events.yaml").write_text(content, encoding="utf-8")
    after = Pipeline(config={"lexicons": str(tmp_path)})(load_article(text))
    (ev,) = [e for e in after.events if e.text == "escorted"]
    assert (ev.plover, ev.cameo) == ("AID", "074")
