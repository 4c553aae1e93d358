"""Words naming an action, without a parse: the actions lexicon (``actions.yaml``), the
candidate lemmas of a word form, the forms of a lemma, and the action a word form inflects.

Lemmas and forms are lemminflect's (its tables of English word forms, with its rules for
words the tables lack), never suffixes stripped by hand: "met" is "meet", "stopped" is
"stop", and a name such as "al-Sharaa" is no verb form of anything.

Shared by ask (reading questions and claims) and the store (the predicate of a stored
claim frame, its search terms), which must agree on what "met", "pleaded" or "meeting"
stand for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas, getAllLemmasOOV

from .. import lexicons
from ..errors import MalformedInput

__all__ = [
    "actions_lexicon",
    "is_past_form",
    "known_action",
    "lemmas",
    "verb_forms",
    "verb_lemma",
]

#: The parts of speech whose lemmas a word form may have, for a word lemminflect's tables
#: lack (its rules then give one lemma per part of speech).
_OOV_POS = ("VERB", "NOUN")
_PAST_TAGS = ("VBD", "VBN")


def actions_lexicon() -> dict[str, Any]:
    """The parsed actions.yaml (its ``actions`` mapping checked)."""
    data = lexicons.default().actions
    if not isinstance(data.get("actions"), dict):
        raise MalformedInput("lexicons/actions.yaml: expected a mapping with 'actions'")
    return data


def _fold(word: str) -> str:
    return word.casefold().strip("'’")


@lru_cache(maxsize=65536)
def _lemmas(w: str) -> frozenset[str]:
    out = {w}
    found = dict(getAllLemmas(w))
    if not found and w.isascii() and w.isalpha():  # its rules are English ones
        for pos in _OOV_POS:
            found.update(getAllLemmasOOV(w, pos))
    for forms in found.values():
        out.update(str(f).casefold() for f in forms)
    return frozenset(out)


def lemmas(word: str) -> set[str]:
    """Candidate lemmas of an English word form: the form itself and its lemma as each part
    of speech it can be ("meeting" -> meeting, meet; "fled" -> fled, flee)."""
    return set(_lemmas(_fold(word)))


def verb_lemma(word: str) -> str | None:
    """The verb lemma of a word form lemminflect knows as a verb ("sought" -> "seek"), or
    None."""
    forms = getAllLemmas(_fold(word), upos="VERB").get("VERB")
    return str(forms[0]).casefold() if forms else None


@lru_cache(maxsize=8192)
def verb_forms(lemma: str) -> frozenset[str]:
    """Every inflected form of a verb lemma, the lemma included ("meet" -> meet, meets, met,
    meeting); of a phrase ("blow up"), of its first word."""
    head = lemma.casefold().split()[0] if lemma.split() else ""
    if not head:
        return frozenset()
    found = getAllInflections(head, upos="VERB") or getAllInflectionsOOV(head, upos="VERB")
    return frozenset({head} | {str(f).casefold() for forms in found.values() for f in forms})


@lru_cache(maxsize=8192)
def is_past_form(word: str) -> bool:
    """Whether a word form is a verb's past tense or past participle ("intercepted",
    "sent", "shot"), by lemminflect's tables; a word they lack, by its "-ed" ending."""
    w = _fold(word)
    verbs = getAllLemmas(w, upos="VERB").get("VERB")
    if not verbs:
        return not getAllLemmas(w) and w.endswith("ed") and len(w) > 4
    for lemma in verbs:
        infl = getAllInflections(str(lemma), upos="VERB")
        if any(w in infl.get(tag, ()) for tag in _PAST_TAGS):
            return True
    return False


def known_action(word: str) -> str | None:
    """The action of the lexicon that ``word`` inflects (the longest candidate), or None."""
    actions: dict[str, Any] = actions_lexicon()["actions"]
    for lem in sorted(lemmas(word), key=len, reverse=True):
        if lem in actions:
            return lem
    return None
