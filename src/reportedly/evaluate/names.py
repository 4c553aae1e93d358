"""How the realnews scorers compare a predicted name with a gold name.

The gold READMEs (``../shared/data/realnews/*/README.md``, ``EVENTS.md``) say that
names compare without case, accents or punctuation, by containment in either
direction: a multi-word name matches a run of whole words of the other name
("Putin" ~ "Russian President Vladimir Putin"), but not across "-backed" or
"-led" ("Ukraine's CIA-backed military intelligence agency" is not the CIA).
On top of that:

- a possessive is the name it is made from ("Russia's" ~ "Russia");
- a name made only of pronouns and function words (``pronouns`` in :data:`TABLES`) never
  matches: an unresolved "he", "we" or "it" names nobody;
- two names that end in the same word match when that word is not a generic
  noun (``generic_words``): a title and a surname ("Adm Hagari") name the
  person ("Daniel Hagari"), but "the Russian Foreign Ministry" is not "the Gaza
  Health Ministry";
- a name found after "in", "at", "near" or "from" inside the other is a place
  in it, not the body ("Moscow" is not "the US Embassy in Moscow");
- ``aliases`` in :data:`TABLES` holds the other names of a body that are facts about the
  world (abbreviations, translations, spellings, a capital for its state), as
  the gold README's table of canonical names implies. It belongs to the
  evaluator only: the pipeline must find names from the text, not from a table
  written for the gold.

>>> names_match("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov")
True
>>> names_match("IDF", "Israel Defense Forces"), names_match("he", "Dmitry Peskov")
(True, False)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..gazetteer import fold

__all__ = [
    "TABLES",
    "NameTables",
    "any_name_matches",
    "name_key",
    "name_tables",
    "names_match",
]

#: The name tables (aliases, pronouns, generic words), beside this module.
TABLES = Path(__file__).with_name("names.yaml")


@dataclass(frozen=True)
class NameTables:
    """What :data:`TABLES` holds."""

    #: canonical name -> its other names (world facts: abbreviations, spellings, metonymy)
    aliases: dict[str, tuple[str, ...]]
    #: words that never name anyone on their own: an unresolved pronoun is a wrong name
    pronouns: frozenset[str]
    #: common nouns that end many names: sharing one of them is not sharing a name
    generic_words: frozenset[str]


@functools.cache
def name_tables(path: Path = TABLES) -> NameTables:
    """The name tables of the scorers, read once."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return NameTables(
        aliases={str(k): tuple(str(n) for n in v) for k, v in data["aliases"].items()},
        pronouns=frozenset(str(data["pronouns"]).split()),
        generic_words=frozenset(str(data["generic_words"]).split()),
    )


#: A name after these in a longer one is a place in it ("the US Embassy in Moscow").
PLACE_PREPOSITIONS: frozenset[str] = frozenset({"in", "at", "near", "from"})
_POSSESSIVE = re.compile(r"['’]s\b")
# "CIA-backed", "Hamas-run": one word, so that it never matches "CIA" or "Hamas"
_COMPOUND = re.compile(
    r"(\w)-(backed|led|run|controlled|installed|ruled|allied|aligned|linked|affiliated|"
    r"funded|supported|based|appointed|occupied)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> tuple[str, ...]:
    """The words a name is compared by: accents, case and punctuation folded.

    >>> name_key("Ukraine's CIA-backed agency"), name_key("the U.S. Embassy")
    (('ukraine', 'ciabacked', 'agency'), ('us', 'embassy'))
    """
    joined = _COMPOUND.sub(r"\1\2", _POSSESSIVE.sub("", name))
    return tuple(fold(joined).split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(
        longer[i : i + n] == shorter and (i == 0 or longer[i - 1] not in PLACE_PREPOSITIONS)
        for i in range(len(longer) - n + 1)
    )


def _keys_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    tables = name_tables()
    if not a or not b or set(a) <= tables.pronouns or set(b) <= tables.pronouns:
        return False
    if a[-1] == b[-1] and a[-1] not in tables.generic_words | tables.pronouns:
        # a shared surname, unless it is a place in one of them ("... in Moscow")
        if not any(len(k) > 1 and k[-2] in PLACE_PREPOSITIONS for k in (a, b)):
            return True
    return _contains(a, b) if len(a) >= len(b) else _contains(b, a)


@functools.cache
def _alias_groups() -> dict[tuple[str, ...], frozenset[tuple[str, ...]]]:
    """Key of every name in :data:`ALIASES` -> the keys of all names of its body."""
    groups: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for canonical, others in name_tables().aliases.items():
        keys = {name_key(n) for n in (canonical, *others)}
        for key in keys:
            groups.setdefault(key, set()).update(keys)
    return {key: frozenset(keys) for key, keys in groups.items()}


def _expanded(name: str) -> frozenset[tuple[str, ...]]:
    key = name_key(name)
    return _alias_groups().get(key, frozenset()) | {key}


def names_match(predicted: str, gold: str) -> bool:
    """Does a predicted name stand for a gold name (see the module docstring)?"""
    if _keys_match(name_key(predicted), name_key(gold)):
        return True
    return any(_keys_match(p, g) for p in _expanded(predicted) for g in _expanded(gold))


def any_name_matches(predicted: Iterable[str], gold: str) -> bool:
    """Does any of the predicted names (say an actor's name and its words) match ``gold``?"""
    return any(names_match(p, gold) for p in predicted if p)
