"""Answer a question from analyses: evidence claims, a verdict per part, and the answers.

Retrieval is structured (events whose actor, PLOVER family, target, place and date fit
the part) and textual (claims whose sentence mentions the actor, whose text names the
action and mentions the target). A part's verdict follows DESIGN §3 from the statuses,
polarity and independence of its evidence:

* contested: evidence both ways; denied: only denials; no_evidence: nothing relevant;
* confirmed: two or more independent source chains from two or more voices (outlets);
* asserted: an outlet says it in its own voice; reported: named sources;
* unconfirmed: only hedged, speculative or anonymous evidence.

Questioned claims ("Did X ...?" headlines) and speculation about wishes or plans ("hoped
Russia would come to his aid") are not evidence.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import lexicons
from ..corpus.corroborate import voices
from ..corpus.dedupe import copy_links, find_copies
from ..export.claimreview import to_claimreview as _claimreview
from ..records import Analysis, Claim, Entity, Event, from_dict
from ..text.dates import day_of, resolve_date
from ..text.inflect import counted, third_person
from ..text.keys import name_key
from .question import (
    DETERMINERS,
    Action,
    Part,
    Question,
    irrealis_words,
    parse_question,
    synonyms,
)
from .question import (
    lemmas as _lemmas_uncached,
)
from .verdict import combine as _combine
from .verdict import independent_chains as _independent
from .verdict import policy, rank
from .verdict import verdict as _verdict

if TYPE_CHECKING:
    from ..corpus.store import Store

__all__ = ["VERDICTS", "Answer", "Evidence", "PartAnswer", "answer", "answer_store"]

#: Verdicts, strongest first (``verdicts.yaml``).
VERDICTS = policy().verdicts
_WORDS = lexicons.default().words

TITLES = frozenset(_WORDS["answer_titles"]) | frozenset(_WORDS["nationalities"])
PLACE_NOUNS = frozenset(_WORDS["place_nouns"])
PERSON_NOUNS = frozenset(_WORDS["person_nouns"])
ORG_NOUNS = frozenset(_WORDS["organisation_nouns"])

#: Analysis fields that answering does not read, left out when decoding stored articles.
SKIPPED = frozenset({"attributions", "hedges"})


# --------------------------------------------------------------------------- records


@dataclass
class Evidence:
    """One claim that bears on a part, with where it comes from."""

    article: str
    claim: str
    outlet: str | None
    date: str | None  # the article's publication date
    event_date: str | None  # the date of the matched event, when known
    sentence: str
    text: str
    status: str
    polarity: str
    source_chain: list[str]
    chain: list[str]  # the chain beyond the outlet, or [voice] when asserted
    voice: str
    url: str | None = None
    title: str | None = None
    start: int = 0
    end: int = 0
    events: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # answer values this claim gives


@dataclass
class PartAnswer:
    about: str
    actor: str | None
    action: str
    families: list[str]
    target: str | None
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    time: str | None = None
    polarity: str = "positive"
    explanation: str = ""
    #: the evidence for the part and the evidence against it (denials, negated frames)
    supporting: list[Evidence] = field(default_factory=list)
    against: list[Evidence] = field(default_factory=list)
    #: denials in the corpus of the part's people and action that are not its evidence:
    #: they keep the part from "confirmed" (``verdicts.yaml``: near_denial)
    nearby_against: list[Evidence] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    verdict: str
    parts: list[PartAnswer]
    explanation: str
    evidence: list[Evidence]
    counts: dict[str, int]
    missing: list[str]
    kind: str = "yesno"
    combine: str = "single"
    #: names of the question no stored article names (answer_store only): W008 notices
    unknown_names: list[str] = field(default_factory=list)

    @property
    def answers(self) -> list[str]:
        return list(dict.fromkeys(a for p in self.parts for a in p.answers))

    def to_dict(self) -> dict[str, Any]:
        from ..records import to_dict

        data: dict[str, Any] = to_dict(self)
        data["answers"] = self.answers
        return data

    def to_claimreview(
        self, url: str | None = None, published: str | None = None
    ) -> dict[str, Any]:
        """schema.org ClaimReview JSON-LD for this answer, with the fields fact-check markup
        requires: the review's ``url`` (a stable URN of the question unless the page hosting it
        is given), ``datePublished`` (today unless given), ``author``, ``itemReviewed`` (the
        claim, with its author, its first date and where it appeared) and ``reviewRating``
        with the verdict as ``alternateName``."""
        return _claimreview(self, url, published)


# --------------------------------------------------------------------------- index


@lru_cache(maxsize=65536)
def _lemma_set(word: str) -> frozenset[str]:
    return frozenset(_lemmas_uncached(word))


def lemmas(word: str) -> frozenset[str]:
    """:func:`reportedly.text.action_words.lemmas`, cached (claims repeat their words)."""
    return _lemma_set(word)


def _key_tokens(name: str) -> set[str]:
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
def _key_tokens_cached(name: str) -> frozenset[str]:
    return frozenset(_key_tokens(name))


class _Derived:
    """What answering derives from one Analysis whatever the question: its events by
    claim, its entities by id, its non-pronoun mention spans (made on first use) and the
    normalised forms of each entity's names (made on first use). Kept with the decoded
    analyses (:func:`_derived`), so a question reading an article read before does not
    derive them again; answering never changes them."""

    __slots__ = ("entities", "events_of", "nforms", "spans", "starts")

    def __init__(self, analysis: Analysis) -> None:
        self.events_of: dict[str, list[Event]] = {}
        for ev in analysis.events:
            self.events_of.setdefault(ev.claim, []).append(ev)
        self.entities: dict[str, Entity] = {e.id: e for e in analysis.entities}
        self.spans: list[tuple[int, int, str]] | None = None
        self.starts: list[int] = []
        self.nforms: dict[str, list[str]] = {}


_derived_cache: OrderedDict[int, tuple[Analysis, _Derived]] = OrderedDict()
_derived_lock = threading.Lock()


def _derived(analysis: Analysis) -> _Derived:
    """The :class:`_Derived` of ``analysis``: the one kept for a decoded stored analysis
    (:func:`_keep_derived`, looked up by identity), else a new one."""
    key = id(analysis)
    with _derived_lock:
        got = _derived_cache.get(key)
        if got is not None and got[0] is analysis:
            _derived_cache.move_to_end(key)
            return got[1]
    return _Derived(analysis)


def _keep_derived(analysis: Analysis) -> None:
    """Keep the :class:`_Derived` of a decoded stored analysis (shared by the questions
    that read it, like the analysis itself); analyses given by a caller are not kept, as
    the caller may change them between questions."""
    made = _Derived(analysis)
    with _derived_lock:
        _derived_cache[id(analysis)] = (analysis, made)
        while len(_derived_cache) > DECODED_CACHE_SIZE:
            _derived_cache.popitem(last=False)


@dataclass
class _Doc:
    analysis: Analysis
    voice: str
    events_of: dict[str, list[Event]]
    entities: dict[str, Entity]
    #: what is derived from the analysis whatever the question (the non-pronoun mention
    #: spans by start and the entities' normalised names, made on first use), shared by
    #: the questions that read a decoded stored analysis
    derived: _Derived | None = None

    def __post_init__(self) -> None:
        if self.derived is None:
            self.derived = _Derived(self.analysis)

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
class _Who:
    """A name resolved across the analyses."""

    text: str
    canon: set[str]  # case-folded canonical names
    ids: dict[str, set[str]]  # article id -> entity ids
    aliases: set[str]  # case-folded mention texts (no pronouns)

    def names(self) -> str:
        return self.text


class _Index:
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
        self.docs: list[_Doc] = []
        for a in self.analyses:
            d = _derived(a)
            self.docs.append(_Doc(a, voice_of[a.article.id], d.events_of, d.entities, d))
        self.reference = reference or self._reference()

    def _reference(self) -> date:
        dates = [d for a in self.analyses if (d := day_of(a.article.published)) is not None]
        return max(dates) if dates else date.today()

    @staticmethod
    def _nforms(d: _Doc, e: Entity) -> list[str]:
        """Normalised canonical name and non-pronoun mention texts of ``e`` (cached)."""
        assert d.derived is not None
        cache = d.derived.nforms
        got = cache.get(e.id)
        if got is None:
            forms = [e.canonical] + [m.text for m in e.mentions if m.kind != "pronoun"]
            got = list(dict.fromkeys(name_key(f) for f in forms))
            cache[e.id] = got
        return got

    def resolve(self, name: str) -> _Who:
        norm = name_key(name)
        keys = _key_tokens(name)
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
                elif keys and keys <= _key_tokens_cached(e.canonical):
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
                        if m.kind != "pronoun" and _names_someone(m.text)
                    )
        # the question's own wording names it too ("al-Ahli" for the entity "al-Ahli
        # Arab Hospital", in an article that writes "the Al Ahli Baptist Hospital")
        aliases.add(name.casefold())
        return _Who(name, canon, ids, aliases)

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


_OFFICIAL_WORDS = frozenset(w for t in lexicons.default().roles.official for w in t)


def _speaks_for(doc: _Doc, start: int, end: int, who: _Who) -> bool:
    """Whether the source mention at ``start:end`` is titled as ``who``'s official: the
    name, then only role words, then the person ("Kremlin spokesperson Dmitry Peskov", "the
    ministry's chief spokesman Ali Rahimi"), so the official speaks for the institution."""
    text = doc.analysis.article.text
    lo = max(0, start - 60)
    ctx = text[lo:end]
    for a in who.aliases | who.canon:
        if len(a) <= 2:
            continue
        rx = rf"(?<![\w-])(?i:{re.escape(a)})(?:['’]s)?((?:\s+[\w.-]+){{1,3}}?)\s+(?=[A-Z])"
        for m in re.finditer(rx, ctx):
            words = _words(m.group(1))
            if words and set(words) <= _OFFICIAL_WORDS and lo + m.end() >= start:
                return True
    return False


def _names_someone(text: str) -> bool:
    """Whether a mention can be looked for as text in other sentences: it has a capitalised
    word after any leading article ("North Korean leader Kim Jong Un", "the North Korean
    leader"), unlike a bare description ("the leader"), which would match anyone's."""
    words = text.split()
    while words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return any(w[:1].isupper() for w in words)


_DENIAL_LEMMAS = lexicons.default().attribution.denial_verbs
_STATEMENT_LEMMAS = lexicons.default().attribution.speech_verbs | _DENIAL_LEMMAS
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


# --------------------------------------------------------------------------- dates


# --------------------------------------------------------------------------- matching


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.casefold())


@lru_cache(maxsize=8192)
def _lemmatised(text: str) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """The words of ``text`` and their candidate lemmas (cached: every part of a question
    checks the same claims)."""
    toks = tuple(_words(text))
    return toks, tuple(lemmas(t) for t in toks)


@lru_cache(maxsize=8192)
def _word_spans(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Offsets and candidate lemmas of the words of ``text`` (cached)."""
    return tuple((m.start(), m.end(), lemmas(m.group(0))) for m in re.finditer(r"[\w-]+", text))


@lru_cache(maxsize=8192)
def _lemma_union(text: str) -> frozenset[str]:
    """Every candidate lemma of every word of ``text`` (cached)."""
    return frozenset().union(*_lemmatised(text)[1])


@lru_cache(maxsize=1024)
def _first_words(words: tuple[str, ...]) -> frozenset[str]:
    """The first word of each phrase naming an action."""
    return frozenset(phrase.split()[0] for phrase in words)


def _has_action(text: str, action: Action) -> bool:
    firsts = _first_words(tuple(action.words))
    if firsts.isdisjoint(_lemma_union(text)):
        return False  # no word of the text can start a phrase of the action
    toks, lem = _lemmatised(text)
    for phrase in action.words:
        parts = phrase.split()
        for i in range(len(toks) - len(parts) + 1):
            if parts[0] in lem[i] and all(toks[i + k] == p for k, p in enumerate(parts[1:], 1)):
                return True
    return False


def _action_at(text: str, start: int, end: int, action: Action) -> tuple[int, int] | None:
    """Offsets of the first word in ``text[start:end]`` that names ``action``."""
    firsts = _first_words(tuple(action.words))
    for s, e, forms in _word_spans(text[start:end]):
        if not firsts.isdisjoint(forms):
            return start + s, start + e
    return None


def _has_objects(text: str, objects: Sequence[str]) -> bool:
    if not objects:
        return True
    toks = _lemma_union(text)
    return any(_object_forms(o) & toks for o in objects)


def _has_every_object(text: str, objects: Sequence[str], share: float = 1.0) -> bool:
    """Whether every object word (or a synonym; a hyphenated word by its parts: "al-Ahli"
    is in "Al Ahli") is in ``text``, or at least ``share`` of them: the match for parts
    whose content is the objects ("admit that it was used for surveillance")."""
    toks = _lemma_union(text) | {
        lemma
        for t in _lemmatised(text)[0]
        for piece in t.split("-")
        if piece
        for lemma in lemmas(piece)
    }

    def found(o: str) -> bool:
        if _object_forms(o) & toks:
            return True
        pieces = [p for p in o.split("-") if p]
        return len(pieces) > 1 and all(_object_forms(p) & toks for p in pieces)

    if not objects:
        return False
    hits = sum(1 for o in objects if found(o))
    return hits >= max(1, math.ceil(share * len(objects)))


#: A content part's claim must hold this share of its object words: a long that-clause
#: is rarely repeated word for word ("a misfired rocket most likely caused the blast"
#: against "the most likely cause of the blast was a rocket that possibly misfired").
CONTENT_SHARE = 2 / 3


def _object_forms(word: str) -> frozenset[str]:
    forms = set(lemmas(word))
    for f in list(forms):
        forms |= synonyms(f)
    return frozenset(forms)


@lru_cache(maxsize=8192)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The words of ``alias`` as a whole, a hyphen also written as a space ("al-Ahli" is
    also written "Al Ahli"); without a hyphen it matches only where ``alias`` is in the
    text (compiled once per alias)."""
    form = re.escape(alias).replace(r"\-", r"[-\s]")
    return re.compile(rf"(?<![\w-]){form}(?![\w-])")


def _mentions(doc: _Doc, who: _Who, start: int, end: int) -> bool:
    """Whether ``who`` is named in ``text[start:end]``, not only inside another's name
    ("Iran" in "Iran's Supreme Leader Ayatollah Ali Khamenei" names Khamenei)."""
    ids = who.ids.get(doc.analysis.article.id, set())
    others = [(a, b) for a, b, eid in doc.named_in(start, end) if eid not in ids]

    text_all = doc.analysis.article.text

    def inside(s: int, e: int) -> bool:
        if text_all[e : e + 1] == "-" or text_all[s - 1 : s] == "-":
            return True  # "Iran-backed groups" are not Iran
        return any(a <= s and e <= b and (b - a) > (e - s) for a, b in others)

    for eid in ids:
        ent = doc.entities.get(eid)
        if ent and any(
            start <= m.start and m.end <= end and not inside(m.start, m.end) for m in ent.mentions
        ):
            return True
    text = doc.analysis.article.text[start:end].casefold()
    for a in who.aliases:
        if len(a) <= 2 or ("-" not in a and a not in text):
            continue
        for m in _alias_pattern(a).finditer(text):
            if not inside(start + m.start(), start + m.end()):
                return True
    head = who.text.split()[-1:] or [""]
    description = not who.canon or head[0][:1].islower()  # "pro-Ukrainian group"
    return description and _described(who.text, text)


@lru_cache(maxsize=4096)
def _state_side(name: str | None) -> str | None:
    """The country whose state ``name`` is or speaks for ("British navy personnel",
    "London", "the Kremlin"), by the actor dictionary; None for anyone else (a person in
    opposition, a militant group, a company)."""
    if not name:
        return None
    from ..events.actors import resolve_name, resolve_phrase

    if resolve_name(name) is not None:
        return None  # a named person speaks for themselves
    code = resolve_phrase(name)
    if code is None or code.country is None or len(code.country) != 3:
        return None
    if code.sector is not None and code.sector not in policy().subject_sectors:
        return None
    return code.country


def _described(description: str, text: str) -> bool:
    """Whether every word of a description that names no entity ("the Chinese balloon",
    "British navy personnel") is in ``text`` ("the Chinese spy balloon"), up to inflection."""
    words = [w for w in _words(description) if w not in DETERMINERS]
    if len(words) < 2:
        return False
    found = _lemma_union(text)
    return all(_object_forms(w) & found for w in words)


#: Words that make the action that follows them a wish, plan, request or errand, not the
#: subject's deed: "planning to meet", "calling for Akin to drop out", "expected to be
#: indicted", "sent his envoy to Pyongyang to meet" (words.yaml: governing_verbs).
_GOVERNING = frozenset(lexicons.default().words["governing_verbs"])


def _governed(text: str, start: int, limit: int) -> bool:
    """Whether the action word at ``start`` follows "to"/"for" after a word of wishing,
    planning or asking in the same clause (looking back to ``limit``)."""
    before = text[max(limit, start - 80) : start]
    before = re.split(r"[,;:!?—–\"“”]", re.sub(r"\([^()]*\)", " ", before))[-1]
    toks = _words(before)[-14:]
    if not toks or not {"to", "for"} & set(toks[-4:]):
        return False
    irrealis = irrealis_words()
    return any(t in irrealis or lemmas(t) & _GOVERNING for t in toks[:-1])


def _agent_after(
    doc: _Doc,
    start: int,
    end: int,
    limit: int,
    who: _Who,
    preps: tuple[str, ...] = (),
) -> bool:
    """Whether the action word at ``start:end`` names someone other than ``who`` right
    after it: the agent ("an endorsement from Sheriff Arpaio", "attacked by rebels"), or
    with ``preps`` the other party ("meetings with the leader of Japan")."""
    text = doc.analysis.article.text
    words = "|".join(preps) if preps else "from|by"
    m = re.match(rf"\s+(?:(?:out|up|back|off)\s+)?({words})\s+(?:the\s+)?", text[end:limit])
    if not m:
        return False
    if not preps:
        prev = _words(text[max(0, start - 40) : start])[-2:]
        nominal = bool(prev) and (prev[-1] in DETERMINERS or prev[-1].endswith("'s"))
        passive = bool(set(prev) & {"was", "were", "been", "being", "is", "are", "be"})
        if not (nominal or (m.group(1) == "by" and passive)):
            return False
    at = end + m.end()
    window = text[at : min(limit, at + 60)]
    if any(window.casefold().startswith(a) for a in who.aliases if len(a) > 2):
        return False
    ids = who.ids.get(doc.analysis.article.id, set())
    found: list[tuple[int, str]] = []
    for e in doc.analysis.entities:
        if e.type not in ("PERSON", "ORG", "GROUP") and not (preps and e.type == "PLACE"):
            continue
        for mm in e.mentions:
            near = at - 4 < mm.end and mm.start < at + 40
            if near and mm.kind != "pronoun":
                found.append((mm.start, e.id))
    return bool(found) and min(found)[1] not in ids


def _actor_is(ev_actor: Any, doc: _Doc, who: _Who) -> bool:
    if ev_actor is None:
        return False
    if ev_actor.entity and ev_actor.entity in who.ids.get(doc.analysis.article.id, set()):
        return True
    if ev_actor.name.casefold() in who.canon:
        return True
    if who.canon and (ev_actor.text or ev_actor.name).casefold() in who.aliases:
        return True
    if not who.canon:
        keys = _key_tokens(who.text)
        if keys and keys <= _key_tokens(ev_actor.name + " " + (ev_actor.text or "")):
            return True
        return _same_forces(who.text, ev_actor.text or ev_actor.name)
    return False


def _same_forces(description: str, other: str) -> bool:
    """Whether a description that names no entity ("Russian forces") and an event's actor
    ("the Russian occupation troops") are the same state organ: the same country and the
    same sector in the actor dictionary, both set."""
    from ..events.actors import resolve_name, resolve_phrase

    if resolve_name(description) is not None:
        return False  # a named person or body is not a description of a state organ
    a, b = resolve_phrase(description), resolve_phrase(other)
    if a is None or b is None or a.country is None or a.sector is None:
        return False
    return (a.country, a.sector) == (b.country, b.sector)


def _place_ok(doc: _Doc, ev: Event | None, claim: Claim, place: _Who | None) -> bool:
    if place is None:
        return True
    if ev is not None:
        for p in (ev.place, ev.target):
            if p is not None and p.name.casefold() in place.canon | place.aliases:
                return True
    return _mentions(doc, place, claim.sentence_start, claim.sentence_end)


def _status_usable(claim: Claim) -> bool:
    if claim.status not in policy().usable:
        return False
    if claim.status == "speculative":
        irrealis = irrealis_words()
        cue_words = {w for c in claim.cues for w in _words(c.text)}
        if cue_words & irrealis:
            return False
    return True


# --------------------------------------------------------------------------- answering


class _Asker:
    def __init__(self, index: _Index, part: Part) -> None:
        self.ix = index
        self.part = part
        self.actor = index.resolve(part.actor) if part.actor else None
        self.target = index.resolve(part.target) if part.target else None
        self.place = index.resolve(part.place) if part.place else None
        self.about = [index.resolve(n) for n in part.about_names]
        self.window = self._window()

    def _placed(self, doc: _Doc, claim: Claim) -> bool:
        """Whether the question's place is named in the claim's sentence: with a place
        ("the attack near Moscow"), an article that does not use the event's name still
        speaks of it in a sentence that places it."""
        return self.place is not None and _place_ok(doc, None, claim, self.place)

    def _about_ok(self, doc: _Doc) -> bool:
        """Whether the article names what the question is about ("the Crocus City Hall
        attack"): evidence from an article about another attack is not evidence."""
        end = len(doc.analysis.article.text)
        return all(_mentions(doc, who, 0, end) for who in self.about)

    # time --------------------------------------------------------------
    def _window(self) -> tuple[str, date, date] | None:
        tc = self.part.time
        if tc is None:
            return None
        if tc.date:
            r = resolve_date(tc.date, self.ix.reference)
            return (tc.relation, r[0], r[1]) if r else None
        if tc.anchor is None:
            return None
        anchor_actor = (
            self.actor
            if tc.anchor_actor == ""
            else self.ix.resolve(tc.anchor_actor)
            if tc.anchor_actor
            else None
        )
        anchor_target = self.ix.resolve(tc.anchor_target) if tc.anchor_target else None
        days: list[date] = []
        for doc in self.ix.docs:
            for claim in doc.analysis.claims:
                if claim.status == "questioned":
                    continue
                if not tc.anchor.families:
                    # a verb the events lexicon does not code ("shot the balloon down"):
                    # a claim that names it, by the anchor's actor when there is one
                    d = self._anchor_day(doc, claim, tc.anchor, anchor_actor)
                    if d:
                        days.append(d)
                    continue
                for ev in doc.events_of.get(claim.id, []):
                    if ev.plover not in tc.anchor.families:
                        continue
                    if anchor_actor and not _actor_is(ev.actor, doc, anchor_actor):
                        continue
                    if anchor_target and not (
                        _actor_is(ev.target, doc, anchor_target)
                        or _place_ok(doc, ev, claim, anchor_target)
                    ):
                        continue
                    d = day_of(ev.time.value if ev.time else None) or day_of(
                        doc.analysis.article.published
                    )
                    if d:
                        days.append(d)
        if not days:
            return None
        return tc.relation, min(days), min(days)

    @staticmethod
    def _anchor_day(doc: _Doc, claim: Claim, anchor: Action, who: _Who | None) -> date | None:
        """The day of an anchor event named only by its word in the claim's text: the
        claim's own dated event, else the article's publication."""
        if not _has_action(claim.text, anchor):
            return None
        if who is not None and not _mentions(doc, who, claim.sentence_start, claim.sentence_end):
            return None
        dated = [
            day_of(ev.time.value)
            for ev in doc.events_of.get(claim.id, [])
            if ev.time and ev.time.precision == "day"
        ]
        return next((d for d in dated if d), None) or day_of(doc.analysis.article.published)

    def _in_time(self, doc: _Doc, ev_day: date | None) -> bool:
        if self.window is None:
            return True
        relation, lo, hi = self.window
        published = day_of(doc.analysis.article.published)
        if relation == "before":
            if ev_day is not None:
                return ev_day <= hi
            return True
        if relation == "after":
            if ev_day is not None:
                return ev_day >= lo
            return published is None or published >= lo
        if ev_day is None:
            # no date of its own: the article's publication, up to a week after the
            # period ("died on Friday" published the next Monday); undated: unknown
            return published is None or lo <= published <= hi + timedelta(days=7)
        return lo <= ev_day <= hi

    # retrieval ---------------------------------------------------------
    def _event_ok(self, doc: _Doc, claim: Claim, ev: Event) -> bool:
        a = self.part.action
        if ev.plover not in a.families:
            return False
        if ev.end > ev.start and _governed(
            doc.analysis.article.text, ev.start, claim.sentence_start
        ):
            return False
        if a.modes and ev.mode not in a.modes and not _has_action(claim.text, a):
            return False
        if self.part.wh_role != "actor":
            if self.actor is None or not _actor_is(ev.actor, doc, self.actor):
                return False
        if self.target is not None:
            hit = _actor_is(ev.target, doc, self.target)
            if not hit and a.move:
                hit = _place_ok(doc, ev, claim, self.target)
            if not hit:
                return False
        if a.objects and self.part.wh_role not in ("object", "count"):
            sentence = doc.analysis.article.text[claim.sentence_start : claim.sentence_end]
            if not _has_objects(sentence, a.objects):
                return False
        return _place_ok(doc, ev, claim, self.place)

    def _text_ok(self, doc: _Doc, claim: Claim) -> bool:
        a = self.part.action
        if not _has_action(claim.text, a):
            return False
        text = doc.analysis.article.text
        at = _action_at(text, claim.start, claim.end, a)
        if at is not None:
            if _governed(text, at[0], claim.sentence_start):
                return False
            if self.actor is not None and _agent_after(doc, at[0], at[1], claim.end, self.actor):
                return False
            if self._reversed(doc, claim, at):
                return False
            if self.target is not None and _agent_after(
                doc, at[0], at[1], claim.end, self.target, preps=("with",)
            ):
                return False
        if self.actor is not None:
            # a coded event of this action by someone else at the word that names it: the
            # claim is about them (a two-sided act, "X met Y", is coded both ways: the one
            # by the actor counts)
            acts = [
                ev
                for ev in doc.events_of.get(claim.id, [])
                if ev.plover in a.families
                and ev.actor is not None
                and (at is None or (ev.start < at[1] and at[0] < ev.end))
            ]
            if acts and not any(_actor_is(ev.actor, doc, self.actor) for ev in acts):
                return False
        if self.part.wh_role == "actor":
            pass
        elif self.actor is None or not _mentions(
            doc, self.actor, claim.sentence_start, claim.sentence_end
        ):
            return False
        if self.target is not None and not _mentions(doc, self.target, claim.start, claim.end):
            return False
        if a.objects and not _has_objects(claim.text, a.objects):
            return False
        return _place_ok(doc, None, claim, self.place)

    def _reversed(self, doc: _Doc, claim: Claim, at: tuple[int, int]) -> bool:
        """The target named before the action word and the actor only after it, in an
        active clause ("Braley apologized to Grassley" asked as "Did Grassley apologize
        to Braley?")."""
        if self.actor is None or self.target is None or self.part.wh_role is not None:
            return False
        s, e = claim.sentence_start, claim.sentence_end
        if not _mentions(doc, self.target, s, at[0]) or _mentions(doc, self.actor, s, at[0]):
            return False
        if not _mentions(doc, self.actor, at[1], e):
            return False
        text = doc.analysis.article.text
        passive = re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$", text[s : at[0]])
        return passive is None and not re.match(r"\s+by\b", text[at[1] : e])

    def evidence(self) -> list[Evidence]:  # noqa: C901 - one check per way a claim can miss the part
        out: list[Evidence] = []
        for doc in self.ix.docs:
            about = self._about_ok(doc)
            for claim in doc.analysis.claims:
                if not _status_usable(claim) or not (about or self._placed(doc, claim)):
                    continue
                events = [
                    ev for ev in doc.events_of.get(claim.id, []) if self._event_ok(doc, claim, ev)
                ]
                structural = bool(events)
                said = alternative = False
                conceded = None if structural else self._stated(doc, claim)
                if conceded is not None:
                    said = conceded == "positive"
                    alternative = not said  # the actor's own denial is evidence against
                elif not structural and self.part.wh_role != "target":
                    if not self._text_ok(doc, claim):
                        alternative = self._alternative(doc, claim)
                        if not alternative and not self._cue_ok(doc, claim):
                            continue
                        said = not alternative
                elif not structural:
                    continue
                ev_day = next(
                    (
                        day_of(ev.time.value)
                        for ev in events
                        if ev.time and ev.time.precision == "day"
                    ),
                    None,
                )
                if ev_day is None:
                    ev_day = next(
                        (
                            day_of(ev.time.value)
                            for ev in doc.events_of.get(claim.id, [])
                            if ev.time and ev.time.precision == "day"
                        ),
                        None,
                    )
                if not self._in_time(doc, ev_day):
                    continue
                ev = self._evidence(doc, claim, events, ev_day)
                if not said and self._denial_asked(claim):
                    said = True
                elif not said and self._negation_after(doc, claim, events):
                    # "Flynn, who pleaded guilty to giving false statements": the
                    # negation comes after the action and does not deny it
                    cited = any(s.level >= 1 for s in claim.source_chain)
                    if ev.status == "denied":
                        ev.status = "reported" if cited else "asserted"
                    ev.polarity = "positive"
                elif not said and ev.polarity == "positive" and self._negated(doc, claim):
                    ev.polarity = "negative"  # "no indication that Ukraine was involved"
                if alternative:
                    # another agent of the same deed contradicts the part
                    ev.polarity = "negative"
                if said:
                    # the outlet states that the source said it: the saying is asserted
                    ev.status, ev.polarity, ev.chain = "asserted", "positive", [doc.voice]
                    self._anonymous[(ev.article, ev.claim)] = False
                out.append(ev)
        return out

    def _negated(self, doc: _Doc, claim: Claim) -> bool:
        """Whether the claim's own text negates the frame whatever its status: a negator
        (``verdicts.yaml``: against.negators) at most two words before the action word
        ("was not involved", "never met"), or a negator before a word of evidence
        ("it had no initial indication that Ukraine ... was involved")."""
        text = doc.analysis.article.text
        at = _action_at(text, claim.start, claim.end, self.part.action)
        if at is None:
            return False
        words = _words(text[claim.start : at[0]])
        pol = policy()

        def negator(w: str) -> bool:
            return w in pol.negators or w.endswith("n't")

        if any(negator(w) for w in words[-2:]):
            return True
        return any(
            negator(w) and set(words[i + 1 : i + 4]) & pol.evidence_nouns
            for i, w in enumerate(words)
        )

    def _alternative(self, doc: _Doc, claim: Claim) -> bool:
        """Whether the claim gives the part's deed another agent: "the explosion was most
        likely caused by a missile fired from within Gaza" against "Was the explosion
        caused by an Israeli airstrike?". The claim names the action and the part's target,
        and the words after "by" do not name the part's actor."""
        if self.actor is None or self.target is None or self.part.wh_role is not None:
            return False
        text = doc.analysis.article.text
        at = _action_at(text, claim.start, claim.end, self.part.action)
        if at is None or not _mentions(doc, self.target, claim.start, at[0]):
            return False
        m = re.match(r"\s+by\s+([^,;.]{3,80})", text[at[1] : claim.end])
        if m is None:
            return False
        s, e = at[1] + m.start(1), at[1] + m.end(1)
        return not _mentions(doc, self.actor, s, e)

    def _negation_after(self, doc: _Doc, claim: Claim, events: list[Event]) -> bool:
        """Whether every negation cue of a negative claim comes after the words that name
        the action (so the negation is about something else in the claim)."""
        if claim.status != "denied" and claim.polarity != "negative":
            return False
        negs = [c for c in claim.cues if c.kind == "negation"]
        if not negs:
            return False
        if events:
            end = min(ev.end for ev in events)
        else:
            at = _action_at(doc.analysis.article.text, claim.start, claim.end, self.part.action)
            if at is None:
                return False
            end = at[1]
        text = doc.analysis.article.text
        return all(c.start > end and len(_words(text[end : c.start])) >= 3 for c in negs)

    def _denial_asked(self, claim: Claim) -> bool:
        """ "Did X deny ...?" asks about the denial itself: a claim denied by X (its cue
        names the action) is evidence that X denied it, not against it."""
        if claim.status != "denied" or self.part.action.lemma not in _DENIAL_LEMMAS:
            return False
        return any(_has_action(c.text, self.part.action) for c in claim.cues)

    def _stated(self, doc: _Doc, claim: Claim) -> str | None:
        """For a content part ("Did China admit that the balloon was used for
        surveillance?", "Did the agency judge that ...?"): "positive" when the actor itself
        states the objects, "negative" when it denies or negates them ("it was not being
        used for spying"), else None."""
        a = self.part.action
        if not a.content or self.actor is None or self.part.wh_role is not None:
            return None
        if not self._from_actor(doc, claim):
            return None
        if not _has_every_object(claim.text, a.objects, CONTENT_SHARE):
            return None
        if self.target is not None and not _mentions(doc, self.target, claim.start, claim.end):
            return None
        pol = policy()

        def negator(w: str) -> bool:
            return w in pol.negators or w.endswith("n't")

        if any(negator(o.casefold()) for o in a.objects):
            return "positive"  # "say it knew nothing": the claim repeats the negation
        negated = any(negator(w) for w in _words(claim.text))
        if claim.status == "denied" or claim.polarity == "negative" or negated:
            return "negative"
        return "positive"

    def _from_actor(self, doc: _Doc, claim: Claim) -> bool:
        """Whether the claim's first cited source is the part's actor, or, for a state, one
        of its organs ("the Norwegian foreign ministry" speaks for Norway)."""
        assert self.actor is not None
        ids = self.actor.ids.get(doc.analysis.article.id, set())
        aliases = {name_key(x) for x in self.actor.aliases}
        first = [s for s in claim.source_chain if s.level == 1]
        if self.part.action.content:
            # "an assessment by X indicates ..., an official said": X at any level
            first = [s for s in claim.source_chain if s.level >= 1]
            side = _state_side(self.part.actor)
            if side is not None and any(_state_side(s.name) == side for s in first):
                return True
            # a described body: "French military intelligence" is "the French
            # Directorate of Military Intelligence"
            if self.part.actor and any(_described(self.part.actor, s.name) for s in first):
                return True
        return any(
            (s.entity is not None and s.entity in ids)
            or name_key(s.name) in aliases
            or (
                s.start is not None
                and s.end is not None
                and _speaks_for(doc, s.start, s.end, self.actor)
            )
            for s in first
        )

    def _cue_ok(self, doc: _Doc, claim: Claim) -> bool:
        """A claim whose reporting words name the action and whose first source is the
        actor: "Christie announced he is running for president" answers "Did Christie
        announce a run for president?" (the saying, not its content)."""
        a = self.part.action
        if self.actor is None or self.part.wh_role is not None:
            return False
        cues = [c.text for c in claim.cues]
        cues += [s.cue.text for s in claim.source_chain if s.cue is not None]
        if not any(_has_action(c, a) for c in cues):
            return False
        if not self._from_actor(doc, claim):
            return False
        s, e = claim.sentence_start, claim.sentence_end
        if self.target is not None and not _mentions(doc, self.target, s, e):
            return False
        sentence = doc.analysis.article.text[s:e]
        if a.objects and not _has_objects(sentence, a.objects):
            return False
        return _place_ok(doc, None, claim, self.place)

    def _evidence(
        self, doc: _Doc, claim: Claim, events: list[Event], ev_day: date | None
    ) -> Evidence:
        art = doc.analysis.article
        cited = sorted((s for s in claim.source_chain if s.level >= 1), key=lambda s: s.level)
        ev = Evidence(
            article=art.id,
            claim=claim.id,
            outlet=art.outlet,
            date=art.published[:10] if art.published else None,
            event_date=ev_day.isoformat() if ev_day else None,
            sentence=art.text[claim.sentence_start : claim.sentence_end],
            text=claim.text,
            status=claim.status,
            polarity=claim.polarity,
            source_chain=[s.name for s in claim.source_chain],
            chain=[s.name for s in cited] or [doc.voice],
            voice=doc.voice,
            url=art.url,
            title=art.title,
            start=claim.sentence_start,
            end=claim.sentence_end,
            events=[e.id for e in events],
        )
        ev.values = self._values(doc, claim, events)
        self._anonymous[(art.id, claim.id)] = bool(cited) and all(
            s.kind == "anonymous" for s in cited
        )
        return ev

    _anonymous: dict[tuple[str, str], bool]

    def _values(  # noqa: C901 - one branch per wh- role (who, whom, where, when, what)
        self, doc: _Doc, claim: Claim, events: list[Event]
    ) -> list[str]:
        role = self.part.wh_role
        if role is None:
            return []
        if role == "actor":
            if events:
                return [e.actor.name for e in events if e.actor is not None]
            return self._text_actor(doc, claim)
        if role == "target":
            return [e.target.name for e in events if e.target is not None]
        if role == "time":
            return [e.time.value for e in events if e.time is not None]
        asked = {w.casefold() for w in (self.part.wh_noun or "").split()}
        types = {"PLACE"} if role == "place" or asked & PLACE_NOUNS else set()
        if asked & PERSON_NOUNS:
            types.add("PERSON")
        if asked & ORG_NOUNS:
            types.update({"ORG", "GROUP"})
        if role == "place":
            places = [e.place.name for e in events if e.place is not None]
            if places:
                return places
        if role == "count":
            m = re.search(
                r"\b(\w+)\s+of\s+(?:the\s+)?\d+\b|\b(\d+|one|two|three|four|five|six|seven|"
                r"eight|nine|ten)\b",
                claim.text,
            )
            if m:
                return [m.group(1) or m.group(2)]
        named = {
            n.casefold()
            for n in (self.part.actor, self.part.target, self.part.place)
            if n is not None
        }
        skip = set()
        for who in (self.actor, self.target, self.place):
            if who is not None:
                skip |= who.canon
        vals: list[tuple[int, str]] = []
        for ent in doc.analysis.entities:
            if types and ent.type not in types:
                continue
            if ent.canonical.casefold() in skip or ent.canonical.casefold() in named:
                continue
            if any(claim.start <= m.start and m.end <= claim.end for m in ent.mentions):
                first = min(m.start for m in ent.mentions if claim.start <= m.start)
                vals.append((first, ent.canonical))
        ordered = [v for _, v in sorted(vals)]
        if not ordered and role == "object" and not types:
            return [claim.text]
        return ordered

    def _text_actor(self, doc: _Doc, claim: Claim) -> list[str]:
        """Who does the action in a claim without a coded event: the nearest person or
        organisation before the action word, the agent after "by", or the words before."""
        text = doc.analysis.article.text
        at = _action_at(text, claim.start, claim.end, self.part.action)
        if at is None:
            return []
        pos, end = at
        by = re.match(
            r"\s+by\s+([^,;]+?)(?=,|;|\s+(?:could|will|may|and|in|on)\b|$)", text[end : claim.end]
        )
        if by:
            return [by.group(1).strip()]
        best: tuple[int, str] | None = None
        for ent in doc.analysis.entities:
            if ent.type not in ("PERSON", "ORG", "GROUP"):
                continue
            for m in ent.mentions:
                if claim.start <= m.start and m.end <= pos and (best is None or m.end > best[0]):
                    best = (m.end, ent.canonical)
        if best is not None:
            return [best[1]]
        words = text[claim.start : pos].strip(" ,")
        return [words] if words else []

    def run(self) -> PartAnswer:
        self._anonymous = {}
        evidence = self.evidence()
        answers: list[str] = []
        date_: str | None = None
        if self.part.wh_role is not None:
            evidence = [e for e in evidence if e.values]
            by_value: dict[str, list[Evidence]] = {}
            spelled: dict[str, str] = {}
            for e in evidence:
                for v in dict.fromkeys(e.values):
                    key = spelled.setdefault(name_key(v), v)
                    by_value.setdefault(key, []).append(e)
            ranked = sorted(
                by_value,
                key=lambda v: (-rank(self.verdict(by_value[v])), -len(by_value[v])),
            )
            answers = ranked
            if ranked:
                best = by_value[ranked[0]]
                date_ = next((e.event_date for e in best if e.event_date), None)
        else:
            date_ = next((e.event_date for e in evidence if e.event_date), None)
        if self.part.wh_role is None:
            evidence = evidence + self.subject_denials(evidence)
        verdict = self.verdict(evidence)
        nearby: list[Evidence] = []
        if verdict == "confirmed":
            nearby = self.nearby_denials(evidence)
            verdict = _verdict(
                evidence,
                self._is_anonymous,
                near_denial=bool(nearby),
                statement=self._statement(),
            )
        p = self.part
        return PartAnswer(
            about=p.about,
            actor=p.actor,
            action=p.action.lemma,
            families=list(p.action.families),
            target=p.target,
            verdict=verdict,
            evidence=evidence,
            answers=answers,
            date=date_,
            place=p.place,
            time=p.time.text if p.time else None,
            polarity=p.polarity,
            explanation=_explain(p.about, verdict, evidence, answers),
            supporting=[e for e in evidence if not policy().against(e)],
            against=[e for e in evidence if policy().against(e)],
            nearby_against=nearby,
        )

    def subject_denials(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Denials by the actor's own side in the articles that report the part: "Russia
        said British navy personnel blew up the pipelines ... Britain denied the claim"
        (``verdicts.yaml``: subject_denial). Only for an actor that is a state or one of
        its organs, coded by the actor dictionary."""
        side = _state_side(self.part.actor)
        if side is None or self.part.action.lemma in _DENIAL_LEMMAS:
            return []  # "Did X deny ...?": X's denials are evidence for it
        pol = policy()
        seen = {(e.article, e.claim) for e in evidence}
        reporting = {e.article for e in evidence if not pol.against(e)}
        out: list[Evidence] = []
        for doc in self.ix.docs:
            if doc.analysis.article.id not in reporting:
                continue
            for claim in doc.analysis.claims:
                if (doc.analysis.article.id, claim.id) in seen or not pol.against(claim):
                    continue
                sources = [s.name for s in claim.source_chain if s.level >= 1]
                if not any(_state_side(n) == side for n in sources):
                    continue
                sentence = doc.analysis.article.text[claim.sentence_start : claim.sentence_end]
                if set(_words(sentence)) & pol.report_nouns or self._names_action(doc, claim):
                    out.append(self._evidence(doc, claim, [], None))
        return out

    def _names_action(self, doc: _Doc, claim: Claim) -> bool:
        """Whether the claim's own text names the part's action as a deed (not as a
        wish or a request: "urged him to resign")."""
        text = doc.analysis.article.text
        at = _action_at(text, claim.start, claim.end, self.part.action)
        return at is not None and not _governed(text, at[0], claim.sentence_start)

    def nearby_denials(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Denials and negated claims that name the part's actor (and target) and its
        action in the same sentence but did not match it as evidence: "X denied any role
        in Y" against a part that X did Y holds even when the frames differ."""
        if self.part.wh_role is not None or self.actor is None:
            return []
        seen = {(e.article, e.claim) for e in evidence}
        out: list[Evidence] = []
        for doc in self.ix.docs:
            if not self._about_ok(doc):
                continue
            for claim in doc.analysis.claims:
                if (doc.analysis.article.id, claim.id) in seen or not _status_usable(claim):
                    continue
                if not policy().against(claim) or not self._names_part(doc, claim):
                    continue
                out.append(self._evidence(doc, claim, [], None))
        return out

    def _names_part(self, doc: _Doc, claim: Claim) -> bool:
        s, e = claim.sentence_start, claim.sentence_end
        a = self.part.action
        named = self._names_action(doc, claim) or any(
            ev.plover in a.families for ev in doc.events_of.get(claim.id, [])
        )
        if not named or self.actor is None or not _mentions(doc, self.actor, s, e):
            return False
        return self.target is None or _mentions(doc, self.target, s, e)

    def _is_anonymous(self, e: Evidence) -> bool:
        return self._anonymous.get((e.article, e.claim), False)

    def verdict(self, evidence: Sequence[Evidence]) -> str:
        return _verdict(evidence, self._is_anonymous, statement=self._statement())

    def _statement(self) -> bool:
        """Whether the part asks if its actor said something: its verb is a verb of saying
        or denying ("Did the ministry deny ...?", "Did she say ...?")."""
        return self.part.action.lemma in _STATEMENT_LEMMAS or self.part.action.content


def _statement(about: str, answers: Sequence[str]) -> str:
    """What a part states, with a wh- part's first answer in place of its question word
    ("who visited Assad" answered "Ali Larijani" -> "Ali Larijani visited Assad")."""
    if answers and about.startswith("who "):
        return answers[0] + about[3:]
    if answers:
        return f"{about} (answer: {', '.join(answers[:5])})"
    return about


def _explain(about: str, verdict: str, evidence: Sequence[Evidence], answers: list[str]) -> str:
    if verdict == "no_evidence":
        return f"No article says that {about}, and none says it did not happen."
    outlets = sorted({e.outlet or e.voice for e in evidence})
    sources = sorted({n for e in evidence for n in e.chain if n not in outlets})
    what = _statement(about, answers)
    n = len(evidence)
    claims = f"{counted(n, 'claim')} in {', '.join(outlets)}"

    def verb(lemma: str) -> str:  # agrees with the number of claims
        return third_person(lemma) if n == 1 else lemma

    text = {
        "confirmed": f"Confirmed: {what}; {claims}, from independent sources",
        "asserted": f"Asserted: {claims} {verb('state')} that {what} in the outlet's own voice",
        "reported": f"Reported: {claims} {verb('attribute')} that {what} to named sources",
        "unconfirmed": f"Unconfirmed: only hedged or anonymous reports that {what} ({claims})",
        "contested": f"Contested: {claims} {verb('go')} both ways on whether {what}",
        "denied": f"Denied: {claims} only {verb('deny')} that {what}",
    }[verdict]
    if sources and verdict in ("reported", "unconfirmed", "confirmed", "contested"):
        text += f" ({', '.join(sources[:6])})"
    return text + "."


def _repair(q: Question) -> Question:
    """Add the question's own word form to the words of an action the lexicon does not
    know: the rule lemmatiser can over-strip it ("plead" -> "plea", "add" -> "ad"), and
    then "pleaded" in a claim would not name it."""
    parts: list[Part] = []
    changed = False
    toks = _words(q.text)
    for p in q.parts:
        a = p.action
        skip = DETERMINERS | {"and", "or", "but", "nor", a.lemma, *a.words}
        extra = [t for t in toks if t not in skip and a.lemma in lemmas(t)]
        if a.families or not extra:
            parts.append(p)
            continue
        changed = True
        parts.append(replace(p, action=replace(a, words=[*a.words, *dict.fromkeys(extra)])))
    return replace(q, parts=parts) if changed else q


def answer(question: str | Question, analyses: Sequence[Analysis]) -> Answer:
    """Answer ``question`` from ``analyses`` (raises MalformedInput / NotEnglish)."""
    q = question if isinstance(question, Question) else parse_question(question)
    return _answer(_repair(q), analyses, None)


def _answer(
    q: Question,
    analyses: Sequence[Analysis],
    reference: date | None,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> Answer:
    """Answer ``q`` from ``analyses``; relative dates ("last week") count from
    ``reference`` (default: the latest publication date among ``analyses``); ``pairs``:
    the copy pairs among them, when known."""
    index = _Index(analyses, reference, pairs)
    parts = [_Asker(index, p).run() for p in q.parts]
    verdict = _combine([p.verdict for p in parts], q.combine)
    evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for p in parts:
        for e in p.evidence:
            if (e.article, e.claim) not in seen:
                seen.add((e.article, e.claim))
                evidence.append(e)
    missing: list[str] = []
    for p in parts:
        what = _statement(p.about, p.answers)
        if p.verdict == "no_evidence":
            missing.append(f"nobody said that {p.about}")
        elif p.verdict in ("reported", "unconfirmed"):
            missing.append(f"no outlet states in its own voice that {what}")
        if p.verdict in ("asserted", "reported") and len(_independent(p.evidence)) < 2:
            missing.append(f"no second independent source says that {what}")
    if len(parts) == 1:
        explanation = parts[0].explanation
    else:
        joined = "; ".join(f"{p.about}: {p.verdict}" for p in parts)
        word = "either" if q.combine == "or" else "both"
        explanation = f"{verdict.replace('_', ' ').capitalize()} ({word} parts: {joined})."
    counts = {
        "articles": len({e.article for e in evidence}),
        "outlets": len({e.outlet or e.voice for e in evidence}),
        "claims": len(evidence),
        "independent_chains": len(_independent(evidence)),
    }
    return Answer(
        question=q.text,
        verdict=verdict,
        parts=parts,
        explanation=explanation,
        evidence=evidence,
        counts=counts,
        missing=missing,
        kind=q.kind,
        combine=q.combine,
    )


#: Decoded analyses kept between questions, most recently read last: a digest of the
#: stored JSON -> its Analysis (about 65 kB each), so a question that reads an article
#: read before does not decode it again; a changed analysis has another digest. 2,000
#: analyses (some 130 MB) hold what 30 questions of 60 articles each read.
DECODED_CACHE_SIZE = 2000
_decoded_cache: OrderedDict[bytes, Analysis] = OrderedDict()
_decoded_lock = threading.Lock()


def _decoded(text: str) -> Analysis:
    """The Analysis of a stored JSON text without the fields answering does not read
    (:data:`SKIPPED`), from the cache when the same text was decoded before. Answering
    does not change analyses, so the cached ones can be shared."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    with _decoded_lock:
        got = _decoded_cache.get(key)
        if got is not None:
            _decoded_cache.move_to_end(key)
            return got
    data = json.loads(text)
    got = from_dict(Analysis, {k: v for k, v in data.items() if k not in SKIPPED})
    _keep_derived(got)
    with _decoded_lock:
        _decoded_cache[key] = got
        while len(_decoded_cache) > DECODED_CACHE_SIZE:
            _decoded_cache.popitem(last=False)
    return got


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a question is answered: decoding
    the analyses makes some hundred thousand records, which set off collections of the
    whole heap (the parser's model, the caches), each longer the larger the heap, for
    nothing, as records hold no reference cycles (reference counting frees them); what
    cyclic garbage the call leaves is collected after it. The collector is enabled again
    only if it was enabled before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def answer_store(question: str | Question, store: Store) -> Answer:
    """Answer ``question`` from the analyses in ``store`` that could bear on it.

    Candidate articles are found with SQL first (:mod:`reportedly.ask.retrieve`: names
    through mentions, events and ``claims_fts``; the action through ``claims_fts`` and
    event families); only their analyses are decoded and answered over, at most
    :data:`~reportedly.ask.retrieve.MAX_ARTICLES` of them, those whose stored claim frames
    fit the question first (:func:`~reportedly.ask.retrieve.select_by_frames`; the counts
    then say how many could bear on it and how many were read). Relative dates count from
    the latest publication date in the whole store.
    """
    with _collector_paused():
        return _answer_store(question, store)


def _answer_store(question: str | Question, store: Store) -> Answer:
    from .retrieve import candidate_articles, select_by_frames, stored_copy_pairs, unknown_names

    q = _repair(question if isinstance(question, Question) else parse_question(question))
    found = candidate_articles(store, q)
    ids = select_by_frames(store, q, found)
    analyses = [_decoded(text) for text in store.analysis_json_for(ids)]
    # the copy pairs among them from the store's copy index when it holds them all
    hashes = {a.article.id: a.article.content_hash for a in analyses}
    ans = _answer(q, analyses, day_of(store.latest_published()), stored_copy_pairs(store, hashes))
    ans.unknown_names = unknown_names(store, q)
    if len(ids) < len(found):
        ans.counts["candidate_articles"] = len(found)
        ans.counts["articles_read"] = len(ids)
    return ans
