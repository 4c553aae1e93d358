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

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..corpus.store.names import resolving
from ..records import Analysis
from ..text.dates import day_of
from . import collector
from .cache import decoded
from .evidence import Anonymity, collect, nearby_denials, subject_denials
from .explain import explain, explain_question, missing
from .index import Index
from .match import Sought
from .question import Part, Question, parse_question, widened
from .records import VERDICTS, Answer, Evidence, PartAnswer
from .stance import is_statement
from .values import ranked_values
from .verdict import combine as _combine
from .verdict import independent_chains as _independent
from .verdict import policy
from .verdict import verdict as _verdict
from .window import window
from .words import object_forms

if TYPE_CHECKING:
    from ..corpus.store import Store
    from .retrieve import Selection

__all__ = [
    "VERDICTS",
    "Answer",
    "Evidence",
    "PartAnswer",
    "answer",
    "answer_part",
    "answer_store",
]


def answer_part(index: Index, part: Part, backoff: bool = True) -> PartAnswer:
    """The answer to one part of a question over the analyses of ``index``: its evidence
    (with the denials that bear on it), its verdict, a wh- part's answers and the
    explanation. A part whose own words find no evidence is tried again by lexical backoff
    (:func:`backoff_part`, unless ``backoff`` is off): what that finds is marked
    ``backoff`` and never confirms."""
    found = _answer_part(index, part)
    return _backed_off(index, part, found) if backoff else found


def _backed_off(index: Index, part: Part, found: PartAnswer) -> PartAnswer:
    """``found``, or, when the part's own words found nothing, what lexical backoff finds
    over ``index`` (when it finds any evidence)."""
    wide = backoff_part(part) if found.verdict == "no_evidence" else None
    if wide is None:
        return found
    guessed = _answer_part(index, wide, backoff=True)
    return guessed if guessed.evidence else found


def backoff_part(part: Part) -> Part | None:
    """The part matched by lexical backoff (:func:`~reportedly.ask.question.widened`), or
    None when the word vectors add nothing to it: its verb has no backoff entry and none of
    its object words a nearest synonym group."""
    a = part.action
    grouped = any(object_forms(o, True) != object_forms(o) for o in a.objects)
    if a.backoff is None and not grouped:
        return None
    return replace(part, action=widened(a))


def _answer_part(index: Index, part: Part, backoff: bool = False) -> PartAnswer:
    want = Sought.resolve(index, part)
    anonymity = Anonymity()
    statement = is_statement(want)

    def weigh(evidence: Sequence[Evidence], near_denial: bool = False) -> str:
        return _verdict(
            evidence,
            anonymity,
            near_denial=near_denial,
            statement=statement,
            backoff=lambda e: e.backoff,
        )

    evidence = collect(want, index, window(want, index), anonymity)
    for e in evidence:
        e.backoff = backoff
    answers: list[str] = []
    if part.wh_role is not None:
        evidence = [e for e in evidence if e.values]
        answers, by_value = ranked_values(evidence, weigh)
        best = by_value[answers[0]] if answers else []
        date_ = next((e.event_date for e in best if e.event_date), None)
    else:
        date_ = next((e.event_date for e in evidence if e.event_date), None)
        denials = subject_denials(want, index, evidence, anonymity)
        for e in denials:
            e.backoff = backoff
        evidence = evidence + denials
    verdict = weigh(evidence)
    nearby: list[Evidence] = []
    if verdict == "confirmed":
        nearby = nearby_denials(want, index, evidence, anonymity)
        verdict = weigh(evidence, near_denial=bool(nearby))
    return PartAnswer(
        about=part.about,
        actor=part.actor,
        action=part.action.lemma,
        families=list(part.action.families),
        target=part.target,
        verdict=verdict,
        evidence=evidence,
        answers=answers,
        date=date_,
        place=part.place,
        time=part.time.text if part.time else None,
        polarity=part.polarity,
        explanation=explain(part.about, verdict, evidence, answers),
        supporting=[e for e in evidence if not policy().against(e)],
        against=[e for e in evidence if policy().against(e)],
        nearby_against=nearby,
    )


def answer(question: str | Question, analyses: Sequence[Analysis]) -> Answer:
    """Answer ``question`` from ``analyses`` (raises MalformedInput / NotEnglish)."""
    q = question if isinstance(question, Question) else parse_question(question)
    return _answer(q, analyses, None)


def _answer(q: Question, analyses: Sequence[Analysis], reference: date | None) -> Answer:
    """Answer ``q`` from ``analyses``; relative dates ("last week") count from
    ``reference`` (default: the latest publication date among ``analyses``)."""
    index = Index(analyses, reference)
    return _assembled(q, [answer_part(index, p) for p in q.parts])


def _assembled(q: Question, parts: list[PartAnswer]) -> Answer:
    """The question's answer from its parts' answers."""
    verdict = _combine([p.verdict for p in parts], q.combine)
    evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for p in parts:
        for e in p.evidence:
            if (e.article, e.claim) not in seen:
                seen.add((e.article, e.claim))
                evidence.append(e)
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
        explanation=explain_question(verdict, parts, q.combine),
        evidence=evidence,
        counts=counts,
        missing=missing(parts),
        kind=q.kind,
        combine=q.combine,
    )


def answer_store(question: str | Question, store: Store) -> Answer:
    """Answer ``question`` from the analyses in ``store`` that could bear on it.

    Candidate articles are found with SQL first (:mod:`reportedly.ask.retrieve`: names
    through mentions, events and ``claims_fts``; the action through ``claims_fts`` and
    event families); only their analyses are decoded and answered over, at most
    :data:`~reportedly.ask.retrieve.MAX_ARTICLES` of them, those whose stored claim frames
    fit the question first (:func:`~reportedly.ask.retrieve.select_candidates`; the
    counts then say how many could bear on it, ``candidate_articles``, or when they were
    found best first how many at least, ``candidate_articles_at_least``, and how many
    were read). Relative dates count from
    the latest publication date in the whole store.
    """
    with collector.paused(), resolving():
        return _answer_store(question, store)


def _answer_store(question: str | Question, store: Store) -> Answer:
    from .retrieve import unknown_names

    q = question if isinstance(question, Question) else parse_question(question)
    reference = day_of(store.latest_published())
    index, chosen = _store_index(store, q, reference)
    parts = [answer_part(index, p, backoff=False) for p in q.parts]
    # the parts whose own words find nothing, by lexical backoff, over the articles their
    # backoff could find (read only then: most parts never need them)
    wide = [
        w
        for p, a in zip(q.parts, parts, strict=True)
        if a.verdict == "no_evidence" and (w := backoff_part(p)) is not None
    ]
    if wide:
        wide_index, _ = _store_index(store, replace(q, parts=wide), reference)
        parts = [_backed_off(wide_index, p, a) for p, a in zip(q.parts, parts, strict=True)]
    ans = _assembled(q, parts)
    ans.unknown_names = unknown_names(store, q)
    if not chosen.complete:
        # found best first: the candidates tested, not every one the store holds
        ans.counts["candidate_articles_at_least"] = chosen.found
        ans.counts["articles_read"] = len(chosen.ids)
    elif len(chosen.ids) < chosen.found:
        ans.counts["candidate_articles"] = chosen.found
        ans.counts["articles_read"] = len(chosen.ids)
    return ans


def _store_index(store: Store, q: Question, reference: date | None) -> tuple[Index, Selection]:
    """The index of the stored analyses that could bear on ``q`` (at most
    :data:`~reportedly.ask.retrieve.MAX_ARTICLES`, chosen by their frames), with which
    were read and how many could bear on it."""
    from .retrieve import select_candidates, stored_copy_pairs

    chosen = select_candidates(store, q)
    analyses = [decoded(text) for text in store.analysis_json_for(chosen.ids)]
    # the copy pairs among them from the store's copy index when it holds them all
    hashes = {a.article.id: a.article.content_hash for a in analyses}
    return Index(analyses, reference, stored_copy_pairs(store, hashes)), chosen
