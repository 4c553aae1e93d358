"""Words naming an action, without a parse: the actions lexicon (``actions.yaml``), the
candidate lemmas of a word form, and the action a word form inflects.

Shared by ask (reading questions) and the store (the predicate of a stored claim frame),
which must agree on what "met", "pleaded" or "meeting" stand for.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import lexicons
from ..errors import MalformedInput


def actions_lexicon() -> dict[str, Any]:
    """The parsed actions.yaml (its ``actions`` mapping checked)."""
    data = lexicons.default().actions
    if not isinstance(data.get("actions"), dict):
        raise MalformedInput("lexicons/actions.yaml: expected a mapping with 'actions'")
    return data


def lemmas(word: str) -> set[str]:
    """Candidate lemmas of an English word form (rules plus the irregular table)."""
    w = word.casefold().strip("'’")
    out = {w}
    irregular: dict[str, str] = actions_lexicon().get("irregular", {})
    if w in irregular:
        out.add(str(irregular[w]))
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: -len(suffix)]
            out.add(stem)
            if suffix in ("ing", "ed"):
                out.add(stem + "e")
                if len(stem) >= 3 and stem[-1] == stem[-2]:
                    out.add(stem[:-1])
    if w.endswith("ied"):
        out.add(w[:-3] + "y")
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    return out


def known_action(word: str) -> str | None:
    """The action of the lexicon that ``word`` inflects (the longest candidate), or None."""
    actions: dict[str, Any] = actions_lexicon()["actions"]
    for lem in sorted(lemmas(word), key=len, reverse=True):
        if lem in actions:
            return lem
    return None


@cache
def _irregular_by_lemma() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for form, lemma in (actions_lexicon().get("irregular") or {}).items():
        out.setdefault(str(lemma), set()).add(str(form))
    return {k: frozenset(v) for k, v in out.items()}


def irregular_forms(lemma: str) -> frozenset[str]:
    """The irregular forms of ``lemma`` in the actions lexicon ("meet" -> "met"): the
    inverse of its irregular table."""
    return _irregular_by_lemma().get(lemma, frozenset())
