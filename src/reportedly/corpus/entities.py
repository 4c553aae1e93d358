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
3. otherwise the name is its own entity (its case-folded form, titles dropped).

Keys are assigned when an article is stored (see :meth:`Store.add`), so the rule sees the
names stored before: a one-word name stored before its full name is moved to the full
name's key when that arrives, as long as that full name is the only one with its surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons
from ..events import actors
from .keys import fold

#: Words dropped from the front of a name before it is keyed.
TITLES = frozenset(lexicons.default().words["key_titles"])
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class NameKey:
    """How one canonical name is keyed."""

    canonical_key: str  # fold(canonical)
    bare: str  # the folded name without leading titles
    last: str  # its last word ("al-assad" for "Bashar al-Assad"), "" if none
    words: int  # number of words in ``bare``
    actor: str | None  # "actor:<dictionary name>" when the dictionary knows the name


def _strip_al(word: str) -> str:
    for pre in ("al-", "el-", " al ", "el "):
        if word.startswith(pre) and len(word) > len(pre) + 1:
            return word[len(pre) :]
    return word


@lru_cache(maxsize=65536)
def name_key(canonical: str, type_: str) -> NameKey:
    """The keying facts of a canonical name of an entity of type ``type_``."""
    key = fold(canonical) or ""
    words = _WORD.findall(key)
    while len(words) > 1 and words[0].strip(".") in TITLES:
        words = words[1:]
    bare = " ".join(words)
    actor = None
    if type_ in ("PERSON", "ORG", "GPE", "NORP"):
        entry = actors.lookup(canonical)
        if entry is not None:
            actor = f"actor:{fold(entry.name)}"
    last = _strip_al(words[-1]) if words else ""
    return NameKey(key, bare, last, len(words), actor)


def own_key(nk: NameKey) -> str:
    """The key a name has when nothing else links it."""
    return nk.actor or f"name:{nk.bare or nk.canonical_key}"
