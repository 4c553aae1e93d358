"""The analyses indexed for answering: each article as a :class:`Doc` (its voice, its events
by claim, its entities and mention spans), and the names of a question resolved across them
(:class:`Who`: the canonical names, entity ids and mention texts that name one party).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..corpus.corroborate import voices
from ..corpus.dedupe import copy_links, find_copies
from ..records import Analysis, Entity, Event
from ..text.dates import day_of
from ..text.keys import name_key
from .cache import Derived, derived
from .words import key_tokens, key_tokens_cached

__all__ = ["Doc", "Index", "Who", "names_someone"]

#: Name suffixes that are not a surname ("Patrick W. Carlineo Jr.").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass
class Doc:
    """One article as answering reads it: its analysis, its voice (the outlet, or the
    original's for a copy), its events by claim and its entities by id."""

    analysis: Analysis
    voice: str
    events_of: dict[str, list[Event]]
    entities: dict[str, Entity]
    #: what is derived from the analysis whatever the question (the non-pronoun mention
    #: spans by start and the entities' normalised names, made on first use), shared by
    #: the questions that read a decoded stored analysis
    derived: Derived | None = None

    def __post_init__(self) -> None:
        if self.derived is None:
            self.derived = Derived(self.analysis)

    def named_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The non-pronoun mentions inside ``start:end``: (start, end, entity id)."""
        d = self.derived
        assert d is not None
        if d.spans is None:
            spans = sorted(
                (m.start, m.end, e.id)
                for e in self.analysis.entities
                for m in e.mentions
                if m.kind != "pronoun"
            )
            d.starts = [sp[0] for sp in spans]
            d.spans = spans
        lo, hi = bisect_left(d.starts, start), bisect_right(d.starts, end)
        return [sp for sp in d.spans[lo:hi] if sp[1] <= end]


@dataclass
class Who:
    """A name resolved across the analyses."""

    text: str
    canon: set[str]  # case-folded canonical names
    ids: dict[str, set[str]]  # article id -> entity ids
    aliases: set[str]  # case-folded mention texts (no pronouns)

    def names(self) -> str:
        return self.text


class Index:
    """The analyses a question is answered over, with their voices (copies found, or given
    as ``pairs``), and the reference day relative dates count from."""

    def __init__(
        self,
        analyses: Sequence[Analysis],
        reference: date | None = None,
        pairs: Sequence[tuple[str, str]] | None = None,
    ) -> None:
        """``pairs``: the copy pairs among ``analyses`` when known (a store's copy index);
        else the analyses are compared."""
        self.analyses = list(analyses)
        if len(self.analyses) <= 1:
            links = []
        elif pairs is not None:
            links = copy_links(self.analyses, pairs)
        else:
            links = find_copies(self.analyses)
        voice_of = voices(self.analyses, links)
        self.docs: list[Doc] = []
        for a in self.analyses:
            d = derived(a)
            self.docs.append(Doc(a, voice_of[a.article.id], d.events_of, d.entities, d))
        self.reference = reference or self._reference()

    def _reference(self) -> date:
        dates = [d for a in self.analyses if (d := day_of(a.article.published)) is not None]
        return max(dates) if dates else date.today()

    @staticmethod
    def _nforms(d: Doc, e: Entity) -> list[str]:
        """Normalised canonical name and non-pronoun mention texts of ``e`` (cached)."""
        assert d.derived is not None
        cache = d.derived.nforms
        got = cache.get(e.id)
        if got is None:
            forms = [e.canonical] + [m.text for m in e.mentions if m.kind != "pronoun"]
            got = list(dict.fromkeys(name_key(f) for f in forms))
            cache[e.id] = got
        return got

    def resolve(self, name: str) -> Who:
        norm = name_key(name)
        keys = key_tokens(name)
        exact: set[str] = set()
        sub: set[str] = set()
        tok: set[str] = set()
        # a name of two words or more inside a longer one, as whole words
        inner = re.compile(rf"(?<!\w){re.escape(norm)}(?!\w)") if len(norm.split()) >= 2 else None
        for d in self.docs:
            for e in d.entities.values():
                nforms = self._nforms(d, e)
                if norm in nforms:
                    exact.add(e.canonical.casefold())
                elif inner is not None and any(norm in f and inner.search(f) for f in nforms):
                    sub.add(e.canonical.casefold())
                elif keys and keys <= key_tokens_cached(e.canonical):
                    tok.add(e.canonical.casefold())
        canon = exact or sub or tok
        if exact and len(keys) == 1:
            canon = canon | self._surnames(next(iter(keys)), canon)
        ids: dict[str, set[str]] = {}
        aliases: set[str] = set()
        for d in self.docs:
            for e in d.entities.values():
                if e.canonical.casefold() in canon:
                    ids.setdefault(d.analysis.article.id, set()).add(e.id)
                    aliases.add(e.canonical.casefold())
                    aliases.update(
                        m.text.casefold()
                        for m in e.mentions
                        if m.kind != "pronoun" and names_someone(m.text)
                    )
        # the question's own wording names it too ("al-Ahli" for the entity "al-Ahli
        # Arab Hospital", in an article that writes "the Al Ahli Baptist Hospital")
        aliases.add(name.casefold())
        return Who(name, canon, ids, aliases)

    def _surnames(self, key: str, canon: set[str]) -> set[str]:
        """Canonical names of people whose surname is ``key``, in each article with just
        one such person ("Carlineo" is "Patrick W. Carlineo Jr." in an article that
        names him in full once and as "Carlineo" after)."""
        out: set[str] = set()
        for d in self.docs:
            found: set[str] = set()
            for e in d.entities.values():
                if e.type != "PERSON" or e.canonical.casefold() in canon:
                    continue
                toks = [
                    t for t in re.findall(r"[\w-]+", e.canonical.casefold()) if t not in _SUFFIXES
                ]
                if len(toks) >= 2 and toks[-1] == key:
                    found.add(e.canonical.casefold())
            if len(found) == 1:
                out |= found
        return out


def names_someone(text: str) -> bool:
    """Whether a mention can be looked for as text in other sentences: it has a capitalised
    word after any leading article ("North Korean leader Kim Jong Un", "the North Korean
    leader"), unlike a bare description ("the leader"), which would match anyone's."""
    words = text.split()
    while words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return any(w[:1].isupper() for w in words)
