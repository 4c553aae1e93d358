"""English word forms for generated text, from lemminflect's tables.

Every sentence reportedly writes from lemmas (a question's restatement "Did X ban Y?" ->
"X banned Y", an answer's "2 claims state that ...") goes through these helpers, so that
irregular and doubled forms come out right ("meet" -> "met", "stop" -> "stopped",
"story" -> "stories") instead of a suffix glued on ("meeted", "stoped", "storys").
A phrasal verb inflects its first word ("blow up" -> "blew up"), a noun phrase its last
("cited source" -> "cited sources").
"""

from __future__ import annotations

import functools

from lemminflect import getInflection

__all__ = ["counted", "inflect", "past", "plural", "third_person"]


@functools.lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the Penn tag's form (VBD, VBN, VBZ, VBG, NNS): of a phrase, a verb's
    first word and a noun's last. The standard form is lemminflect's first ("controlled",
    not "controled"); a word it does not know gets the regular suffix."""
    if tag == "NNS" and " " in lemma:
        before, _, last = lemma.rpartition(" ")
        return f"{before} {inflect(last, tag)}"
    head, sep, rest = lemma.partition(" ")
    forms = getInflection(head, tag=tag)
    if forms:
        word = str(forms[0])
    elif tag in ("VBD", "VBN"):
        word = head + ("d" if head.endswith("e") else "ed")
    elif tag in ("VBZ", "NNS"):
        word = head + ("es" if head.endswith(("s", "x", "z", "ch", "sh")) else "s")
    elif tag == "VBG":
        word = head.removesuffix("e") + "ing" if not head.endswith("ee") else head + "ing"
    else:
        word = head
    return word + sep + rest


def past(lemma: str) -> str:
    """The simple past: "ban" -> "banned", "meet" -> "met"."""
    return inflect(lemma, "VBD")


def third_person(lemma: str) -> str:
    """The present third person singular: "state" -> "states", "go" -> "goes"."""
    return inflect(lemma, "VBZ")


def plural(noun: str) -> str:
    """The plural of a noun: "claim" -> "claims", "story" -> "stories"."""
    return inflect(noun, "NNS")


def counted(n: int, noun: str) -> str:
    """``n`` and the noun in the number it takes: "1 claim", "2 claims", "0 stories"."""
    return f"{n} {noun if n == 1 else plural(noun)}"
