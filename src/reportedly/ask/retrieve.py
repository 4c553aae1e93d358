"""Candidate articles for a question, found with SQL before any Analysis is loaded.

:func:`answer_store <reportedly.ask.answer.answer_store>` cannot afford to decode every
stored Analysis per question, so it first narrows the store to the articles that could
hold evidence for some part, then answers over those only. A part's candidates are the
articles that name each of its actor, target and place (an entity mention, canonical name
or event actor/target equal to one of the name's forms, or a claim sentence containing the
name's key words, through ``claims_fts``) and that either have a claim naming the action
(``claims_fts`` over the inflected forms of the action words) or an event of the action's
PLOVER families. A time constraint anchored on another event ("after the fall of
Damascus") adds the articles that could date that event.

The filter only removes articles in which the answering rules could not match, so the
answer over the candidates is the answer over the whole store, up to name resolution
across articles (an article whose only link to a name is a canonical form none of the
candidates uses). When there are more candidates than :data:`MAX_ARTICLES`, the claim
frames stored at ingest (:mod:`reportedly.corpus.store.frames`) pick the ones to read:
those with a claim whose frame fits a part whole (its actor, its target and its action:
"Trump met Kim" for "Did Trump meet Kim Jong Un?", :func:`joint_counts`) first, the most
such frames first, then those whose frame fits one of the part's names (its actor or
target key, and its predicate lemma or PLOVER family), the most fitting frames first.

Those are found best first when every part names its actor or target
(:func:`select_candidates`): the frames that fit a part whole are read from
``frame_names`` (schema 15, :mod:`reportedly.corpus.store.frame_names`) by the target's
rows, which are few, and the articles they rank first are tested for candidacy a few at
a time (the same test, :func:`candidate_articles` among them) until
:data:`MAX_ARTICLES` pass, so the articles read are the ones the full listing would
choose while the other candidates are never listed (the answer then counts the
candidates found as a lower bound). Only when those run out are the fitting frames of
each name read for the whole store: counted once per name key that finds them
(:func:`framed_bounds`: no distinct count of each article's frames over the 115,000 rows
of Trump's meetings at 100,000 articles), which is the exact count of an article whose
frames one key finds; the others have their exact count read only when the order reaches
them, and the claims that break ties in a group of equally framed articles are counted
only when the walk reaches the group (:func:`_ranked`). When fewer than that many
fitting articles are candidates (the denied claims of the others then count too), when a
part names no one or asks for any predicate, or when the candidates are rare among the
fitting articles (:data:`MAX_CHECKED`), every candidate is listed first, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .. import lexicons
from ..corpus.store import Store
from ..corpus.store.frame_names import (
    ACTOR,
    TARGET,
    framed_by_key,
    framed_by_name,
    framed_jointly,
)
from ..corpus.store.frames import articles_with_frames, lemma_forms
from ..corpus.store.retrieval import (
    any_matching,
    articles_matching,
    articles_naming,
    articles_with_claims_about,
    articles_with_events,
    canonical_names,
    claims_naming_counts,
    names_any,
    rank_articles,
    surname_keys,
)
from ..corpus.store.sql import batches, keys
from ..text.action_words import verb_forms
from ..text.keys import name_key
from .question import DETERMINERS, Action, Part, Question, synonyms

__all__ = [
    "MAX_ARTICLES",
    "FrameAsk",
    "Framed",
    "Selection",
    "action_query",
    "action_terms",
    "best_first",
    "candidate_articles",
    "exact_counts",
    "frame_articles",
    "frame_asks",
    "framed_anywhere",
    "framed_bounds",
    "joint_counts",
    "name_forms",
    "name_query",
    "select_articles",
    "select_candidates",
    "stored_copy_pairs",
    "unknown_names",
]

#: At most this many candidate articles are read to answer one question. When more could
#: bear on it, the ones with claim frames that fit the question are read first (the most
#: fitting frames first), then those with a denied or negative claim about its people (so
#: a contradiction is seen): see :func:`select_by_frames`. (At 10,000 articles, 40 so
#: chosen answer 38 of the 45 clusters questions right; the 60 with the most claims
#: naming the people, read before frames were stored, 31.)
MAX_ARTICLES = 40

_WORDS = lexicons.default().words
_TITLES = frozenset(_WORDS["retrieval_titles"])


def name_forms(name: str) -> list[str]:
    """Forms of a name to look up as mentions: as given, normalised, without titles."""
    forms = {name.strip(), name_key(name)}
    words = [w for w in name.split() if w.casefold().strip(".") not in _TITLES]
    if words:
        forms.add(" ".join(words))
        forms.add(name_key(" ".join(words)))
    return sorted(f for f in forms if f)


def _fts_tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"\w+", text.casefold()) if t not in ("al", "el")]


def name_query(name: str) -> str | None:
    """An FTS5 query for claim sentences that contain the name's key words."""
    toks = [
        t
        for t in _fts_tokens(name)
        if t not in _TITLES and t not in DETERMINERS and not (t == "s" or t.isdigit())
    ]
    if not toks:
        return None
    return " AND ".join(_any_of(t) for t in dict.fromkeys(toks))


def _any_of(token: str) -> str:
    """A token or its synonyms ("phone" also finds "telephone")."""
    forms = sorted(synonyms(token) | {token})
    if len(forms) == 1:
        return f'"{token}"'
    return "(" + " OR ".join(f'"{f}"' for f in forms if " " not in f) + ")"


def _word_terms(word: str) -> set[str]:
    """FTS5 terms covering the forms whose lemma is ``word``: the word as a prefix (a
    prefix term ends in *: "visit" -> visits, visited) and each of its inflections
    (lemminflect's: "take" -> took, taken; "stop" -> stopped; "deny" -> denied)."""
    w = word.casefold()
    terms = {f'"{w}"*' if len(w) >= 3 else f'"{w}"'}
    terms.update(f'"{f}"' for f in verb_forms(w) if not f.startswith(w) or len(w) < 3)
    return terms


def action_terms(action: Action) -> str | None:
    """FTS5 terms (joined by OR) for the forms of ``action``'s words."""
    terms: set[str] = set()
    for phrase in action.words or [action.lemma]:
        first = _fts_tokens(phrase)
        if first:
            terms |= _word_terms(first[0])
    return " OR ".join(sorted(terms)) if terms else None


def action_query(action: Action, column: str = "sentence") -> str | None:
    """An FTS5 query for claims whose ``column`` names ``action`` (by any of its words)."""
    terms = action_terms(action)
    return f"{column} : ({terms})" if terms else None


def _naming(
    store: Store, name: str, cache_: dict[str, set[str]], among: set[str] | None
) -> set[str]:
    if name not in cache_:
        found = articles_naming(store, name_forms(name), among)
        q = name_query(name)
        if q is not None:
            # among given articles, only those not found already are searched
            rest = None if among is None else among - found
            found |= articles_matching(store, "sentence : (" + q + ")", rest)
        cache_[name] = found
    return cache_[name]


def _claims_about(
    store: Store, name: str, action: Action, within: set[str] | None = None
) -> set[str]:
    """Articles with a claim whose sentence names ``name`` (a mention of a matching
    entity, pronouns included, or the name's words) and the action (its words, or an
    event of its families); only among ``within`` when given."""
    canon = sorted(canonical_names(store, name_forms(name)))
    acting = action_query(action)
    found = articles_with_claims_about(
        store, canon, text=acting, families=action.families, within=within
    )
    q = name_query(name)
    if q is not None and acting is not None:
        rest = None if within is None else within - found
        found |= articles_matching(store, f"{acting} AND sentence : ({q})", rest)
    found |= _forces_articles(store, name, action, within)
    return found if within is None else found & within


def _forces_articles(
    store: Store, name: str, action: Action, among: set[str] | None = None
) -> set[str]:
    """For a state organ named by a description ("Russian forces"), the articles with an
    event of the action's families whose sentences name its country's first word
    ("Russian"): the answer matches their actors by country and sector ("the Russian
    occupation troops")."""
    from ..events.actors import resolve_name, resolve_phrase

    if resolve_name(name) is not None:
        return set()  # a named person or body ("Trump"), not a description
    code = resolve_phrase(name)
    if code is None or code.country is None or code.sector is None or not action.families:
        return set()
    words = [w for w in name.split() if w.casefold() not in DETERMINERS]
    first = name_query(words[0]) if words else None
    if first is None:
        return set()
    return articles_with_events(store, action.families, among) & articles_matching(
        store, f"sentence : ({first})", among
    )


def _alternative_articles(store: Store, part: Part, among: set[str] | None) -> set[str]:
    """Articles where the part's target undergoes the action "by" someone: the answer
    checks whether that agent is another than the part's actor (a contradicting
    alternative)."""
    if part.actor is None or part.target is None or part.wh_role is not None:
        return set()
    acting, target = action_query(part.action), name_query(part.target)
    if acting is None or target is None:
        return set()
    query = f'{acting} AND sentence : ({target}) AND sentence : "by"'
    return articles_matching(store, query, among)


def _part_candidates(
    store: Store, part: Part, names: dict[str, set[str]], among: set[str] | None
) -> set[str]:
    action = part.action
    named = [n for n in (part.actor, part.target, part.place) if n is not None]
    if named:
        # the other names' articles first (cheap lookups): the claim search of the first
        # name only looks inside them, which is what the intersection keeps anyway
        within = among
        for n in named[1:]:
            naming = _naming(store, n, names, among)
            within = naming if within is None else within & naming
        found = set() if within == set() else _claims_about(store, named[0], action, within)
        found |= _alternative_articles(store, part, among)
        if action.content and part.actor is not None:
            # "Did X judge that ...?": X may say it with any verb ("X stated that ...")
            naming = _naming(store, part.actor, names, among)
            found |= naming if within is None else naming & within
    else:
        q = action_query(action)
        found = articles_matching(store, q, among) if q else set()
        found |= articles_with_events(store, action.families, among)
    return found | _anchor_candidates(store, part, names, among)


def _anchor_candidates(
    store: Store, part: Part, names: dict[str, set[str]], among: set[str] | None
) -> set[str]:
    """The articles that could date the event a time constraint is anchored on."""
    tc = part.time
    if tc is None or tc.anchor is None:
        return set()
    anchor_names = [
        n for n in (part.actor if tc.anchor_actor == "" else tc.anchor_actor, tc.anchor_target) if n
    ]
    if tc.anchor.families:
        anchored = articles_with_events(store, tc.anchor.families, among)
    else:
        # an anchor verb the events lexicon does not code: claims that name it
        q = action_query(tc.anchor)
        anchored = articles_matching(store, q, among) if q else set()
    for n in anchor_names:
        anchored &= _naming(store, n, names, among)
    return anchored


def candidate_articles(
    store: Store, parts: Iterable[Part] | Question, among: set[str] | None = None
) -> set[str]:
    """Ids of the stored articles that could give evidence for any of ``parts`` (only
    among the ids ``among`` when given: the same test, article by article)."""
    seq = parts.parts if isinstance(parts, Question) else list(parts)
    names: dict[str, set[str]] = {}
    out: set[str] = set()
    for part in seq:
        out |= _part_candidates(store, part, names, among)
    return out


def unknown_names(store: Store, parts: Iterable[Part] | Question) -> list[str]:
    """The names of ``parts`` (actor, target, place) that no stored article names: a
    misspelling or someone the corpus has never covered."""
    seq = parts.parts if isinstance(parts, Question) else list(parts)
    names = dict.fromkeys(n for p in seq for n in (p.actor, p.target, p.place) if n)
    return [n for n in names if not _names_anything(store, n)]


def _names_anything(store: Store, name: str) -> bool:
    """Whether some stored article names ``name`` (:func:`_naming` is not empty), with
    one-row lookups instead of every article's id."""
    if names_any(store, name_forms(name)):
        return True
    q = name_query(name)
    return q is not None and any_matching(store, "sentence : (" + q + ")")


def select_articles(
    store: Store, question: Question, ids: set[str], limit: int = MAX_ARTICLES
) -> set[str]:
    """The ``limit`` candidates most worth reading (all of them when there are fewer):
    first those with a denied or negative claim naming the question's actors or targets,
    then those with the most claims naming them."""
    if len(ids) <= limit:
        return ids
    names = {n for p in question.parts for n in (p.actor, p.target) if n}
    canon = sorted({c for n in names for c in canonical_names(store, name_forms(n))})
    ranked = sorted(rank_articles(store, ids, canon), key=lambda r: (-(r[2] > 0), -r[1], r[0]))
    return {aid for aid, _, _ in ranked[:limit]}


def _predicates(action: Action) -> list[str]:
    """The stored predicate forms of every word that starts a phrase naming ``action``."""
    words = {p.split()[0] for p in action.words if p.split()} | {action.lemma}
    return sorted({f for w in words if w for f in lemma_forms(w)})


@dataclass(frozen=True)
class FrameAsk:
    """One lookup of fitting frames: a role filled by one of ``keys`` (none: any actor)
    and a predicate form of ``predicates`` or a PLOVER type of ``families`` (any
    predicate when ``any_predicate``)."""

    keys: tuple[str, ...]
    role: str = "actor"
    predicates: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    any_predicate: bool = False


def frame_asks(store: Store, question: Question) -> list[FrameAsk]:
    """The frames that fit a part of ``question``: a frame whose actor is one of the
    part's actor's names (or, asked who did it, any actor) or whose target is one of the
    target's names, and whose predicate names the part's action or whose PLOVER type is
    one of its families (any predicate for a part whose content the actor states, "Did X
    admit that ..."); likewise for the event a time constraint is anchored on."""
    asks: list[FrameAsk] = []
    for part in question.parts:
        action = part.action
        preds, fams = tuple(_predicates(action)), tuple(action.families)
        if action.content and part.actor is not None:
            preds, fams = (), ()
            asks.append(FrameAsk(_name_keys(store, part.actor), any_predicate=True))
        named = [(n, r) for n, r in ((part.actor, "actor"), (part.target, "target")) if n]
        asks += [FrameAsk(_name_keys(store, n), role, preds, fams) for n, role in named]
        if not named:
            asks.append(FrameAsk((), "actor", preds, fams))
        tc = part.time
        if tc is not None and tc.anchor is not None:
            who = part.actor if tc.anchor_actor == "" else tc.anchor_actor
            anchor = (tuple(_predicates(tc.anchor)), tuple(tc.anchor.families))
            asks.append(FrameAsk(_name_keys(store, who) if who else (), "actor", *anchor))
    return asks


def _name_keys(store: Store, name: str) -> tuple[str, ...]:
    """The keys a name's frames are stored under (its canonical names', its surname's)."""
    found = keys(canonical_names(store, name_forms(name))) + surname_keys(store, name)
    return tuple(sorted(set(found)))


def joint_counts(store: Store, question: Question) -> dict[str, int]:
    """Every stored article with a frame that fits a part whole (its actor, its target
    and its action: :func:`~reportedly.corpus.store.frame_names.framed_jointly`), for the
    parts that name both (not those whose content the actor states), with how many such
    frames it has (a frame counted once per part it fits). These articles rank first:
    "Trump met Kim" is evidence for "Did Trump meet Kim Jong Un?" where ten of Trump's
    other meetings are not."""
    db = store.backend
    found: list[dict[str, int]] = []
    for part in question.parts:
        if part.action.content or part.actor is None or part.target is None:
            continue
        preds, fams = _predicates(part.action), part.action.families
        actors, targets = _name_keys(store, part.actor), _name_keys(store, part.target)
        found.append(framed_jointly(db, actors, targets, preds, fams))
    return _summed(found)


def _summed(found: Iterable[dict[str, int]]) -> dict[str, int]:
    got: dict[str, int] = {}
    for one in found:
        for aid, n in one.items():
            got[aid] = got.get(aid, 0) + n
    return got


def frame_articles(store: Store, question: Question, ids: set[str]) -> dict[str, int]:
    """Among ``ids``, the articles with a claim frame that fits a part of ``question``
    (:func:`frame_asks`), with how many such frames each has (a frame counted once per
    lookup it fits)."""
    db = store.backend
    return _summed(
        articles_with_frames(
            db,
            ids,
            keys=a.keys,
            predicates=a.predicates,
            families=a.families,
            role=a.role,
            any_predicate=a.any_predicate,
        )
        for a in frame_asks(store, question)
    )


def framed_anywhere(store: Store, question: Question) -> dict[str, int] | None:
    """Every stored article with a fitting frame, with the counts of
    :func:`frame_articles` (for any article the same), read by name from
    ``frame_names`` without a candidate list; None when a lookup is not by name (any
    actor, or any predicate: those read the candidates' frames)."""
    asks = frame_asks(store, question)
    if not _by_name(asks):
        return None
    db = store.backend
    found = {  # a lookup two parts make is read once (and counted for each)
        a: framed_by_name(db, a.keys, _role(a), a.predicates, a.families) for a in set(asks)
    }
    return _summed(found[a] for a in asks)


def _by_name(asks: Iterable[FrameAsk]) -> bool:
    """Whether every lookup is by name and predicate (``frame_names`` can answer it)."""
    return all(a.keys and not a.any_predicate for a in asks)


def _role(ask: FrameAsk) -> str:
    return ACTOR if ask.role == "actor" else TARGET


@dataclass
class Framed:
    """Every stored article with a fitting frame, with at least the count of
    :func:`framed_anywhere` (``counts``), exactly that count for the articles not
    ``unsure`` (those of which two name keys of a lookup find frames: a frame then
    counts once per key), and the exact counts read so far (``exact``); ``rows``: the
    rows the whole store's exact counts read (the sum of every article's count, of the
    articles here or not: None, those of ``counts``)."""

    counts: dict[str, int]
    unsure: set[str]
    exact: dict[str, int] = field(default_factory=dict)
    rows: int | None = None

    def among(self, ids: set[str]) -> Framed:
        """The same, for the articles ``ids`` only (sharing the exact counts read, and
        reading the whole store's as dearly)."""
        kept = {a: n for a, n in self.counts.items() if a in ids}
        return Framed(kept, self.unsure, self.exact, self.whole_rows())

    def whole_rows(self) -> int:
        return sum(self.counts.values()) if self.rows is None else self.rows


def framed_bounds(store: Store, question: Question) -> Framed | None:
    """The articles of :func:`framed_anywhere` with their counts of fitting frames found
    by each key (:func:`~reportedly.corpus.store.frame_names.framed_by_key`: no distinct
    count over the whole store; the exact ones are read where the order needs them);
    None when a lookup is not by name."""
    asks = frame_asks(store, question)
    if not _by_name(asks):
        return None
    db = store.backend
    found = {a: framed_by_key(db, a.keys, _role(a), a.predicates, a.families) for a in set(asks)}
    counts: dict[str, int] = {}
    unsure: set[str] = set()
    for ask in asks:
        for aid, (n, one) in found[ask].items():
            counts[aid] = counts.get(aid, 0) + n
            if not one:
                unsure.add(aid)
    return Framed(counts, unsure)


#: Rows of ``frame_names`` the whole store's exact counts read in the time the frames of
#: one article are read (at 100,000 articles: 115,000 rows of Trump's meetings in 130 ms,
#: the frames of 400 articles in 22 ms).
EXACT_READ = 50


def exact_counts(store: Store, question: Question, framed: Framed, ids: Iterable[str]) -> None:
    """The exact counts of the articles ``ids`` (of ``framed``) kept in ``framed.exact``:
    an article not unsure has its count; the others are read article by article
    (:func:`frame_articles`), or for the whole store at once (:func:`framed_anywhere`)
    when that reads less."""
    unread: set[str] = set()
    for aid in ids:
        if aid in framed.exact or aid not in framed.counts:
            continue
        if aid in framed.unsure:
            unread.add(aid)
        else:
            framed.exact[aid] = framed.counts[aid]
    if len(unread) * EXACT_READ > framed.whole_rows():
        framed.exact.update(framed_anywhere(store, question) or {})
        unread -= framed.exact.keys()
    if unread:
        got = frame_articles(store, question, unread)
        framed.exact.update((a, got.get(a, 0)) for a in unread)


def select_by_frames(
    store: Store,
    question: Question,
    ids: set[str],
    limit: int = MAX_ARTICLES,
    anywhere: dict[str, int] | None = None,
    joint: dict[str, int] | None = None,
) -> set[str]:
    """The candidates worth reading when there are more than ``limit``: those with a
    claim frame that fits a part (:func:`frame_articles`; the ``anywhere`` counts of
    :func:`framed_anywhere` among them when given) and those with a denied or negative
    claim naming the question's actors or targets (so a contradiction is seen), the ones
    with the most frames fitting a part whole first (:func:`joint_counts`, given or
    read), then those with none by the most fitting frames, at most ``limit``."""
    if len(ids) <= limit:
        return ids
    if anywhere is None:
        framed = frame_articles(store, question, ids)
    else:
        framed = {a: n for a, n in anywhere.items() if a in ids}
    canon = _canonicals(store, question)
    if len(framed) >= limit:
        whole = joint_counts(store, question) if joint is None else joint
        return _most_framed(store, framed, canon, limit, whole)
    ranked = rank_articles(store, ids, canon)
    denied = {aid for aid, _, neg in ranked if neg > 0}
    claims = {aid: n for aid, n, _ in ranked}
    wanted = set(framed) | denied
    order = sorted(wanted, key=lambda a: (-(a in framed), -framed.get(a, 0), -claims.get(a, 0), a))
    return set(order[:limit])


#: Fitting articles tested for candidacy at a time, best first (see :func:`best_first`).
CHECK_BATCH = 50

#: Best-first reading gives up for the full candidate listing when, after this many
#: tests, the candidates found so far say that more than :data:`MAX_CHECKED` would be
#: needed (few of the best fitting articles are candidates: the listing is then cheap).
PROBE_CHECKED = 50

#: Most fitting articles tested for candidacy before best-first reading gives up.
MAX_CHECKED = 300


@dataclass
class Selection:
    """The candidates read for a question and how many could bear on it: all of them
    (``complete``), or, found best first, at least ``found``."""

    ids: set[str]
    found: int
    complete: bool


def select_candidates(store: Store, question: Question, limit: int = MAX_ARTICLES) -> Selection:
    """The candidates to read (:func:`best_first` when it can tell them, else every
    candidate listed and :func:`select_by_frames`)."""
    fits = _Fits(store, question)
    if fits.by_name:
        chosen = best_first(store, question, fits, limit)
        if chosen is not None:
            return chosen
    found = candidate_articles(store, question)
    anywhere = None
    framed = fits.framed
    if framed is not None:  # the exact counts of the candidates
        exact_counts(store, question, framed, found)
        anywhere = {a: n for a, n in framed.exact.items() if n > 0 and a in found}
    chosen_ids = select_by_frames(store, question, found, limit, anywhere, fits.joint)
    return Selection(chosen_ids, len(found), True)


class _Fits:
    """The fitting frames of a question's articles, read as the order needs them: the
    articles with frames that fit a part whole (:func:`joint_counts`, read at once: a
    name's frames as a target are few) and every fitting article's counts
    (:func:`framed_bounds`, read the first time they are needed; None when a lookup is
    not by name)."""

    def __init__(self, store: Store, question: Question) -> None:
        self.store = store
        self.question = question
        self.by_name = _by_name(frame_asks(store, question))
        self.joint = joint_counts(store, question)

    @cached_property
    def framed(self) -> Framed | None:
        return framed_bounds(self.store, self.question)


def best_first(
    store: Store, question: Question, fits: _Fits, limit: int = MAX_ARTICLES
) -> Selection | None:
    """The articles :func:`select_by_frames` would read, without listing the candidates:
    the articles with a fitting frame are tested for candidacy (:func:`candidate_articles`
    among them) in the order it ranks them (:func:`_fit_order`), :data:`CHECK_BATCH` at a
    time, and the first ``limit`` that are candidates taken. None when fewer than
    ``limit`` are (then the denied claims of the others count too) or too many would have
    to be tested (:data:`MAX_CHECKED`)."""
    if len(fits.joint) < limit:  # else there are as many fitting articles at least
        framed = fits.framed
        if framed is None or len(framed.counts) < limit:
            return None
    known: dict[str, bool] = {}  # the articles tested: whether each is a candidate
    claims: dict[str, int] = {}  # the claims naming its people, of the articles counted
    taken = _walk(store, question, _fit_order(fits, limit, claims), limit, known)
    if taken is None:
        # few candidates among the best fitting articles: only those naming what every
        # candidate names are left to test, when the question has such names
        bound = _bound(store, question)
        if bound is None:
            return None
        taken = _walk(store, question, _fit_order(fits, limit, claims, bound), limit, known)
    if taken is None or len(taken) < limit:
        return None
    return Selection(set(taken), limit, False)


def _walk(
    store: Store,
    question: Question,
    order: _Order,
    limit: int,
    known: dict[str, bool],
) -> list[str] | None:
    """The first ``limit`` candidates of ``order`` (fewer when it has fewer and is the
    whole order), testing the articles not ``known`` yet :data:`CHECK_BATCH` at a
    time; None when the tests would pass :data:`MAX_CHECKED` (projected from the
    candidates found after :data:`PROBE_CHECKED`) or reach the end of a partial order."""
    taken: list[str] = []
    pos = tests = 0
    while order.reaches(pos) and len(taken) < limit:
        aid = order.at(pos)
        if aid in known:
            taken += [aid] if known[aid] else []
            pos += 1
            continue
        # the tests still needed at the rate candidates were found so far
        more = (limit - len(taken)) * (tests + 1) / (len(taken) + 1)
        if tests >= MAX_CHECKED or (tests >= PROBE_CHECKED and tests + more > MAX_CHECKED):
            return None
        batch = order.unknown(pos, known, CHECK_BATCH)
        ok = candidate_articles(store, question, among=set(batch))
        known.update((a, a in ok) for a in batch)
        tests += len(batch)
    return taken if order.whole or len(taken) == limit else None


def _bound(store: Store, question: Question) -> set[str] | None:
    """Articles among which every candidate of ``question`` is: for each part that names
    two or more of its actor, target and place (and has no time anchor), the articles
    naming the second (its candidates name every name but the first, and its
    alternatives the target); None when a part has no such bound."""
    names: dict[str, set[str]] = {}
    out: set[str] = set()
    for part in question.parts:
        named = [n for n in (part.actor, part.target, part.place) if n is not None]
        if len(named) < 2 or (part.time is not None and part.time.anchor is not None):
            return None
        out |= _naming(store, named[1], names, None)
    return out


@dataclass
class _Order:
    """The fitting articles in the order :func:`_most_framed` takes them, made as far as
    it is read: the groups of equally framed articles (most frames first), each sorted
    when it is reached (by id, or by ``sort``, which counts their claims, for the groups
    that reach past the articles read), then the order ``rest`` makes from the position
    the groups end at (made when it is reached), and whether they are all the fitting
    ones (known once ``rest`` is made)."""

    groups: list[tuple[list[str], bool]]
    whole: bool
    sort: Callable[[list[str]], list[str]]
    rest: Callable[[int], _Order] | None = None
    made: list[str] = field(default_factory=list)
    next_group: int = 0

    def reaches(self, pos: int) -> bool:
        """Whether the order has an article at ``pos`` (made up to it)."""
        while len(self.made) <= pos:
            if self.next_group < len(self.groups):
                group, by_claims = self.groups[self.next_group]
                self.made += self.sort(group) if by_claims else group
                self.next_group += 1
            elif self.rest is not None:
                tail = self.rest(len(self.made))
                self.groups += tail.groups
                self.whole, self.rest = tail.whole, tail.rest
            else:
                break
        return pos < len(self.made)

    def at(self, pos: int) -> str:
        self.reaches(pos)
        return self.made[pos]

    def unknown(self, pos: int, known: dict[str, bool], n: int) -> list[str]:
        """The next ``n`` articles from ``pos`` on that are not ``known`` (fewer at the
        order's end)."""
        out: list[str] = []
        while len(out) < n and self.reaches(pos):
            if self.made[pos] not in known:
                out.append(self.made[pos])
            pos += 1
        return out


def _claims_sort(
    store: Store, question: Question, counted: dict[str, int]
) -> Callable[[list[str]], list[str]]:
    """A group of equally framed articles sorted by the claims naming the question's
    people (most first), then by id; the claims are counted for the articles not in
    ``counted`` yet, and kept there."""

    def sort(group: list[str]) -> list[str]:
        missing = [a for a in group if a not in counted]
        if missing:
            got = claims_naming_counts(store, missing, _canonicals(store, question))
            counted.update((a, got.get(a, 0)) for a in missing)
        return sorted(group, key=lambda a: (-counted[a], a))

    return sort


def _fit_order(
    fits: _Fits, limit: int, claims: dict[str, int], among: set[str] | None = None
) -> _Order:
    """The fitting articles (only those ``among``, when given) in the order
    :func:`_most_framed` takes them: those with frames that fit a part whole first, the
    most such frames first (equals by their claims naming the question's people, counted
    for a level that reaches past ``limit`` when it is reached), then the others as
    :func:`_ranked` orders them (every fitting article's counts read only then). The
    claims that break ties are kept in ``claims`` (for another order of the same
    question)."""
    store, question = fits.store, fits.question
    joint = {a: n for a, n in fits.joint.items() if among is None or a in among}
    levels = sorted(set(joint.values()), reverse=True)
    sort = _claims_sort(store, question, claims)

    def level(i: int, offset: int) -> _Order:
        if i == len(levels):
            framed = fits.framed
            if framed is None:  # not by name: no other article is known to fit
                return _Order([], True, sort)
            rest = set(framed.counts) - joint.keys()
            if among is not None:
                rest &= among
            return _ranked(store, question, framed.among(rest), limit, claims, offset)
        if offset >= MAX_CHECKED:
            return _Order([], False, sort)
        group = sorted(a for a, n in joint.items() if n == levels[i])
        groups = [(group, offset + len(group) > limit)]
        return _Order(groups, False, sort, rest=lambda pos: level(i + 1, pos))

    return level(0, 0)


def _ranked(
    store: Store,
    question: Question,
    framed: Framed,
    limit: int,
    claims: dict[str, int] | None = None,
    offset: int = 0,
) -> _Order:
    """The fitting articles in the order :func:`_most_framed` takes them (the most
    fitting frames first, then the most claims naming the question's people, then the
    id), as far as :data:`MAX_CHECKED` and the group of equally framed articles it
    falls in, and whether that is all of them: the claims are counted only in the
    groups that reach past ``limit`` (in the others every candidate is taken), and
    only when the walk reaches them (kept in ``claims`` for another order of the same
    question). The exact counts are read (:func:`exact_counts`) for the articles whose
    count in ``framed`` (at least the exact one) reaches that far: an article left out
    has fewer fitting frames than any taken. ``offset``: the position the order starts
    at, after the articles an order before it holds."""
    sort = _claims_sort(store, question, {} if claims is None else claims)
    sizes = Counter(framed.counts.values())
    levels = sorted(sizes, reverse=True)
    need = max(MAX_CHECKED - offset, 1)
    while levels:
        reached, floor = 0, levels[-1]
        for level in levels:
            reached += sizes[level]
            if reached >= need:
                floor = level
                break
        taken = [a for a, n in framed.counts.items() if n >= floor]
        exact_counts(store, question, framed, taken)
        exact = {a: framed.exact[a] for a in taken if framed.exact[a] > 0}
        got = _groups(exact, limit, floor, floor == levels[-1], offset)
        if got is not None:
            return _Order(*got, sort)
        need *= 2
    return _Order([], True, sort)


def _groups(
    framed: dict[str, int], limit: int, floor: int, complete: bool, offset: int = 0
) -> tuple[list[tuple[list[str], bool]], bool] | None:
    """The groups of :func:`_ranked`'s order (each by id, and whether its claims are to
    be counted) and whether they hold every fitting article, from the exact counts
    ``framed``: of every fitting article when ``complete``, else of all those with at
    least ``floor`` frames (the groups below are not known whole); None when those end
    before :data:`MAX_CHECKED`. The first group is at position ``offset``."""
    by_count: dict[int, list[str]] = {}
    for aid, n in framed.items():
        by_count.setdefault(n, []).append(aid)
    groups: list[tuple[list[str], bool]] = []
    size = offset
    for n in sorted(by_count, reverse=True):
        if size >= MAX_CHECKED:
            return groups, False
        if n < floor and not complete:
            return None
        group = sorted(by_count[n])
        groups.append((group, size + len(group) > limit))
        size += len(group)
    return (groups, True) if complete else None


def _canonicals(store: Store, question: Question) -> list[str]:
    """The canonical names of the question's actors and targets."""
    names = {n for p in question.parts for n in (p.actor, p.target) if n}
    return sorted({c for n in names for c in canonical_names(store, name_forms(n))})


def _most_framed(
    store: Store,
    framed: dict[str, int],
    canon: Sequence[str],
    limit: int,
    joint: dict[str, int] | None = None,
) -> set[str]:
    """With as many fitting articles as are read, only they can be chosen (a denied claim
    of another counts only when fewer fit): the ``limit`` with the most frames fitting a
    part whole (``joint``), then, of those with none, the most fitting frames; ties
    broken by more claims naming ``canon``, then by id. Only the articles tied at the
    last place taken have their claims counted (at 100,000 articles a question about
    Trump has thousands of fitting articles, most with one frame above the tie or
    none)."""
    whole = joint or {}
    rank = {a: (whole[a], 0) if whole.get(a) else (0, n) for a, n in framed.items()}
    edge = sorted(rank.values(), reverse=True)[limit - 1]
    above = {a for a, r in rank.items() if r > edge}
    tied = sorted(a for a, r in rank.items() if r == edge)
    if len(above) + len(tied) <= limit:
        return above | set(tied)
    claims = claims_naming_counts(store, tied, canon)
    tied.sort(key=lambda a: (-claims.get(a, 0), a))
    return above | set(tied[: limit - len(above)])


def stored_copy_pairs(store: Store, articles: dict[str, str]) -> list[tuple[str, str]] | None:
    """The copy pairs among ``articles`` (id -> content hash) kept in the store's copy
    index (:mod:`reportedly.corpus.copy_index`), or None when the index does not hold
    each of them with that content hash (not linked since it was stored): then they must
    be compared. The index's pairs are the pairs the all-pairs comparison of
    :func:`~reportedly.corpus.dedupe.find_copies` verifies, so the copy groups of the
    articles are the connected components of these pairs."""
    wanted: dict[str, set[str]] = {}
    for aid, h in articles.items():
        wanted.setdefault("h:" + h, set()).add(aid)
    indexed: set[str] = set()
    db = store.backend
    for marks, vals in batches(wanted):
        for r in db.rows(f"SELECT key, article_id FROM copy_keys WHERE key IN {marks}", vals):
            if str(r["article_id"]) in wanted.get(str(r["key"]), ()):
                indexed.add(str(r["article_id"]))
    if len(indexed) != len(articles):
        return None
    pairs: list[tuple[str, str]] = []
    for marks, vals in batches(sorted(articles)):
        for r in db.rows(
            f"SELECT article_a, article_b FROM copy_pairs WHERE article_a IN {marks}", vals
        ):
            if str(r["article_b"]) in articles:
                pairs.append((str(r["article_a"]), str(r["article_b"])))
    return sorted(pairs)
