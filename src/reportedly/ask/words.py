"""The words of claim text as answering reads them: word tokens, their candidate lemmas
(cached: every part of a question checks the same claims), an object word's forms with its
synonyms, and the key words of a name.

>>> words("Iran-backed groups said")
['iran-backed', 'groups', 'said']
>>> sorted(key_tokens("Iran's Supreme Leader Ayatollah Ali Khamenei"))
['ali', 'khamenei']
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons
from ..nlp.vectors import object_group
from .backoff import opposed
from .question import DETERMINERS, synonyms
from .question import lemmas as _lemmas_uncached

__all__ = [
    "TITLES",
    "first_words",
    "key_tokens",
    "key_tokens_cached",
    "lemma_union",
    "lemmas",
    "lemmatised",
    "object_forms",
    "word_spans",
    "words",
]

_WORDS = lexicons.default().words

#: Words of a name that are no part of its key: titles and nationalities.
TITLES = frozenset(_WORDS["answer_titles"]) | frozenset(_WORDS["nationalities"])


@lru_cache(maxsize=65536)
def _lemma_set(word: str) -> frozenset[str]:
    return frozenset(_lemmas_uncached(word))


def lemmas(word: str) -> frozenset[str]:
    """:func:`reportedly.text.action_words.lemmas`, cached (claims repeat their words)."""
    return _lemma_set(word)


def words(text: str) -> list[str]:
    """The case-folded words of ``text`` (hyphenated words whole)."""
    return re.findall(r"[\w-]+", text.casefold())


@lru_cache(maxsize=8192)
def lemmatised(text: str) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """The words of ``text`` and their candidate lemmas (cached: every part of a question
    checks the same claims)."""
    toks = tuple(words(text))
    return toks, tuple(lemmas(t) for t in toks)


@lru_cache(maxsize=8192)
def word_spans(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Offsets and candidate lemmas of the words of ``text`` (cached)."""
    return tuple((m.start(), m.end(), lemmas(m.group(0))) for m in re.finditer(r"[\w-]+", text))


@lru_cache(maxsize=8192)
def lemma_union(text: str) -> frozenset[str]:
    """Every candidate lemma of every word of ``text`` (cached)."""
    return frozenset().union(*lemmatised(text)[1])


@lru_cache(maxsize=1024)
def first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The first word of each phrase naming an action."""
    return frozenset(phrase.split()[0] for phrase in phrases)


@lru_cache(maxsize=8192)
def object_forms(word: str, backoff: bool = False) -> frozenset[str]:
    """The candidate lemmas of an object word and their synonyms (actions.yaml
    ``object_synonyms``); a word in no synonym group takes, with ``backoff``, the group the
    static word vectors find it nearest to (at least their calibrated threshold)."""
    forms = set(lemmas(word))
    grouped = False
    for f in list(forms):
        syn = synonyms(f)
        grouped = grouped or len(syn) > 1
        forms |= syn
    if backoff and not grouped:
        for member in _vector_group(word.casefold()):
            forms |= lemmas(member)
    return frozenset(forms)


@lru_cache(maxsize=8192)
def _vector_group(word: str) -> tuple[str, ...]:
    """The nearest synonym group of ``word`` by the static word vectors, unless one of its
    members is an opposite of the word (actions.yaml ``opposites``: "alive" is near "dead")."""
    group = object_group(word, lexicons=lexicons.default()) or ()
    return () if opposed(word, group) else group


def key_tokens(name: str) -> set[str]:
    """The words that identify a name: no titles, determiners or possessors, "al-"/"el-"
    dropped ("Iran's Khamenei" is "khamenei")."""
    toks = re.findall(r"[\w-]+(?:'s)?", name.casefold().replace("’", "'"))
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t.endswith("'s") and i + 1 < len(toks):
            continue  # "Iran's Khamenei": the possessor is not the name
        t = t.removesuffix("'s")
        if t in TITLES or t in DETERMINERS:
            continue
        out.add(re.sub(r"^(al|el)-", "", t))
    return out


@lru_cache(maxsize=65536)
def key_tokens_cached(name: str) -> frozenset[str]:
    """:func:`key_tokens`, cached (for entity names, read by every name resolved)."""
    return frozenset(key_tokens(name))
