"""Cross-article entity resolution: which canonical names of different articles are one entity.

Inside an article the entities stage already joins "Bashar al-Assad", "Assad", "the
Syrian president" and "he". Across articles the same person can still come out under two
canonical names ("Bashar al-Assad" in one, "Assad" in another that never gives the full
name). Each canonical name gets a *corpus key*, and names with the same key are one entity:

1. a name the actor dictionary knows (``lexicons/actors.yaml``: names, aliases, unique
   surnames) takes the dictionary entry's key, so "Khamenei", "Ali Khamenei" and
   "Ayatollah Ali Khamenei" are one entity;
2. otherwise a one-word person name joins the one multi-word person name of the corpus
   that ends with it ("Larijani" -> "Ali Larijani"); when two or more full names end with
   it ("Hafez al-Assad", "Bashar al-Assad") it stays apart, as it is ambiguous;
3. otherwise the name is its own entity (its name key, titles dropped).

Keys are assigned when an article is stored (see :meth:`Store.add`), so the rule sees the
names stored before: a one-word name stored before its full name is moved to the full
name's key when that arrives, as long as that full name is the only one with its surname.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons
from ..events import actors
from ..text.keys import name_key as key_of

#: Word sequences dropped from the front of a name before it is keyed (as keys:
#: "president-elect" is "president elect").
TITLES = frozenset(tuple(key_of(t).split()) for t in lexicons.default().words["key_titles"])
#: Particles that are part of the next word of a surname ("al-Assad" is one word).
_PARTICLES = frozenset({"al", "el"})


@dataclass(frozen=True)
class NameKey:
    """How one canonical name is keyed."""

    canonical_key: str  # name_key(canonical)
    bare: str  # the key without leading titles
    last: str  # its last word ("assad" for "Bashar al-Assad"), "" if none
    words: int  # number of words in ``bare`` (a particle is part of the word after it)
    actor: str | None  # "actor:<dictionary name>" when the dictionary knows the name


def _strip_titles(words: list[str]) -> list[str]:
    """``words`` without the titles in front ("president elect donald trump" ->
    "donald trump"), never all of them."""
    dropped = True
    while dropped:
        dropped = False
        for n in (2, 1):
            if len(words) > n and tuple(words[:n]) in TITLES:
                words, dropped = words[n:], True
                break
    return words


@lru_cache(maxsize=65536)
def name_key(canonical: str, type_: str) -> NameKey:
    """The keying facts of a canonical name of an entity of type ``type_``."""
    key = key_of(canonical)
    words = _strip_titles(key.split())
    actor = None
    if type_ in ("PERSON", "ORG", "GPE", "NORP"):
        entry = actors.lookup(canonical)
        if entry is not None:
            actor = f"actor:{key_of(entry.name)}"
    last = words[-1] if words else ""
    count = sum(1 for i, w in enumerate(words) if w not in _PARTICLES or i == len(words) - 1)
    return NameKey(key, " ".join(words), last, count, actor)


def own_key(nk: NameKey) -> str:
    """The key a name has when nothing else links it."""
    return nk.actor or f"name:{nk.bare or nk.canonical_key}"
