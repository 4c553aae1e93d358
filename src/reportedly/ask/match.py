"""Whether a claim or an event supports a question's part: its action (the words that name
it, not as a wish or a plan), its actor, target and objects, its place, and what the
article is about. The part's names are resolved once (:class:`Sought`); each check is a
function of the sought part, an article and one of its claims.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import lexicons
from ..records import Claim, Event
from .index import Doc, Index, Who
from .mentions import actor_is, agent_after, mentions, place_ok
from .question import Action, Part, irrealis_words
from .verdict import policy
from .words import first_words, lemma_union, lemmas, lemmatised, object_forms, word_spans, words

__all__ = [
    "CONTENT_SHARE",
    "Sought",
    "about_ok",
    "action_at",
    "alternative",
    "anyone",
    "event_ok",
    "governed",
    "has_action",
    "has_every_object",
    "has_objects",
    "names_action",
    "names_part",
    "placed",
    "reversed_roles",
    "status_usable",
    "target_acts",
    "text_ok",
]


# --------------------------------------------------------------------------- action words


def has_action(text: str, action: Action) -> bool:
    firsts = first_words(tuple(action.words))
    if firsts.isdisjoint(lemma_union(text)):
        return False  # no word of the text can start a phrase of the action
    toks, lem = lemmatised(text)
    for phrase in action.words:
        parts = phrase.split()
        for i in range(len(toks) - len(parts) + 1):
            if parts[0] in lem[i] and all(toks[i + k] == p for k, p in enumerate(parts[1:], 1)):
                return True
    return False


def action_at(text: str, start: int, end: int, action: Action) -> tuple[int, int] | None:
    """Offsets of the first word in ``text[start:end]`` that names ``action``."""
    firsts = first_words(tuple(action.words))
    for s, e, forms in word_spans(text[start:end]):
        if not firsts.isdisjoint(forms):
            return start + s, start + e
    return None


def has_objects(text: str, objects: Sequence[str], backoff: bool = False) -> bool:
    """Whether ``text`` names one of the object words (or a synonym; with ``backoff``, a
    word of the synonym group the word vectors find nearest to a word in none)."""
    if not objects:
        return True
    toks = lemma_union(text)
    return any(object_forms(o, backoff) & toks for o in objects)


def has_every_object(
    text: str, objects: Sequence[str], share: float = 1.0, backoff: bool = False
) -> bool:
    """Whether every object word (or a synonym; a hyphenated word by its parts: "al-Ahli"
    is in "Al Ahli") is in ``text``, or at least ``share`` of them: the match for parts
    whose content is the objects ("admit that it was used for surveillance")."""
    toks = lemma_union(text) | {
        lemma
        for t in lemmatised(text)[0]
        for piece in t.split("-")
        if piece
        for lemma in lemmas(piece)
    }

    def found(o: str) -> bool:
        if object_forms(o, backoff) & toks:
            return True
        pieces = [p for p in o.split("-") if p]
        return len(pieces) > 1 and all(object_forms(p, backoff) & toks for p in pieces)

    if not objects:
        return False
    hits = sum(1 for o in objects if found(o))
    return hits >= max(1, math.ceil(share * len(objects)))


#: A content part's claim must hold this share of its object words: a long that-clause
#: is rarely repeated word for word ("a misfired rocket most likely caused the blast"
#: against "the most likely cause of the blast was a rocket that possibly misfired").
CONTENT_SHARE = 2 / 3


#: Words that make the action that follows them a wish, plan, request or errand, not the
#: subject's deed: "planning to meet", "calling for Akin to drop out", "expected to be
#: indicted", "sent his envoy to Pyongyang to meet" (words.yaml: governing_verbs).
_GOVERNING = frozenset(lexicons.default().words["governing_verbs"])


#: Words right before an action noun, and phrases a few words before it, that make it an
#: event still to come ("the expected summit", "ahead of the talks"; words.yaml:
#: prospective_words, prospective_phrases).
_PROSPECTIVE = frozenset(lexicons.default().words["prospective_words"])
_PROSPECTIVE_PHRASES = tuple(f" {p} " for p in lexicons.default().words["prospective_phrases"])


def governed(text: str, start: int, limit: int) -> bool:
    """Whether the action word at ``start`` follows "to"/"for" after a word of wishing,
    planning or asking in the same clause (looking back to ``limit``), or comes right
    after a word that makes it an event still to come ("the expected summit", "ahead of
    the planned talks")."""
    before = text[max(limit, start - 80) : start]
    before = re.split(r"[,;:!?—–\"“”]", re.sub(r"\([^()]*\)", " ", before))[-1]
    toks = words(before)[-14:]
    if not toks:
        return False
    near = " " + " ".join(toks[-5:]) + " "
    if _PROSPECTIVE.intersection(toks[-3:]) or any(p in near for p in _PROSPECTIVE_PHRASES):
        return True
    if not {"to", "for"} & set(toks[-4:]):
        return False
    irrealis = irrealis_words()
    return any(t in irrealis or lemmas(t) & _GOVERNING for t in toks[:-1])


def status_usable(claim: Claim) -> bool:
    if claim.status not in policy().usable:
        return False
    if claim.status == "speculative":
        irrealis = irrealis_words()
        cue_words = {w for c in claim.cues for w in words(c.text)}
        if cue_words & irrealis:
            return False
    return True


# --------------------------------------------------------------------------- the part


@dataclass(frozen=True)
class Sought:
    """A question's part with its names resolved across the analyses: the actor, target and
    place (None when the part names none) and what the question is about."""

    part: Part
    actor: Who | None
    target: Who | None
    place: Who | None
    about: tuple[Who, ...]

    @classmethod
    def resolve(cls, index: Index, part: Part) -> Sought:
        return cls(
            part,
            index.resolve(part.actor) if part.actor else None,
            index.resolve(part.target) if part.target else None,
            index.resolve(part.place) if part.place else None,
            tuple(index.resolve(n) for n in part.about_names),
        )


def anyone(want: Sought) -> bool:
    """Whether the part asks whether anyone did it: a passive question without an agent
    ("Was X killed?"): any actor's deed is the part."""
    return want.part.actor is None and want.part.voice == "passive"


def placed(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the question's place is named in the claim's sentence: with a place
    ("the attack near Moscow"), an article that does not use the event's name still
    speaks of it in a sentence that places it."""
    return want.place is not None and place_ok(doc, None, claim, want.place)


def about_ok(want: Sought, doc: Doc) -> bool:
    """Whether the article names what the question is about ("the Crocus City Hall
    attack"): evidence from an article about another attack is not evidence."""
    end = len(doc.analysis.article.text)
    return all(mentions(doc, who, 0, end) for who in want.about)


def event_ok(want: Sought, doc: Doc, claim: Claim, ev: Event) -> bool:
    """Whether a coded event of the claim is the part: its PLOVER family (as a deed, not
    governed by a wish or plan), mode, actor, target (or the place moved to), objects in
    the sentence and place."""
    a = want.part.action
    if ev.plover not in a.families:
        return False
    if a.widened and a.backoff is not None and not has_action(ev.text, a):
        # by lexical backoff, an event counts only when a word of the backoff entry names
        # it: the vectors relate words, not a whole PLOVER family
        return False
    if ev.end > ev.start and governed(doc.analysis.article.text, ev.start, claim.sentence_start):
        return False
    if a.modes and ev.mode not in a.modes and not has_action(claim.text, a):
        return False
    if want.part.wh_role != "actor" and not anyone(want):
        if want.actor is None or not actor_is(ev.actor, doc, want.actor):
            return False
    if want.target is not None:
        hit = actor_is(ev.target, doc, want.target)
        if not hit and a.move:
            hit = place_ok(doc, ev, claim, want.target)
        if not hit:
            return False
    if a.objects and want.part.wh_role not in ("object", "count"):
        sentence = doc.analysis.article.text[claim.sentence_start : claim.sentence_end]
        if not has_objects(sentence, a.objects, a.widened):
            return False
    return place_ok(doc, ev, claim, want.place)


def _misread_at(want: Sought, doc: Doc, claim: Claim, at: tuple[int, int]) -> bool:
    """Whether the action word at ``at`` is not the part's deed: governed by a wish or a
    plan, with another agent after it, with the roles the other way round, or done with
    someone other than the target."""
    text = doc.analysis.article.text
    if governed(text, at[0], claim.sentence_start):
        return True
    if want.actor is not None and agent_after(doc, at[0], at[1], claim.end, want.actor):
        return True
    if reversed_roles(want, doc, claim, at) or target_acts(want, doc, claim, at):
        return True
    return want.target is not None and agent_after(
        doc, at[0], at[1], claim.end, want.target, preps=("with",)
    )


def _done_by_other(want: Sought, doc: Doc, claim: Claim, at: tuple[int, int] | None) -> bool:
    """A coded event of this action by someone else at the word that names it: the claim
    is about them (a two-sided act, "X met Y", is coded both ways: the one by the actor
    counts)."""
    assert want.actor is not None
    families = want.part.action.families
    acts = [
        ev
        for ev in doc.events_of.get(claim.id, [])
        if ev.plover in families
        and ev.actor is not None
        and (at is None or (ev.start < at[1] and at[0] < ev.end))
    ]
    return bool(acts) and not any(actor_is(ev.actor, doc, want.actor) for ev in acts)


def text_ok(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim's text is the part: it names the action as the actor's deed, the
    sentence names the actor, the claim names the target and the objects, and the place
    fits."""
    a = want.part.action
    if not has_action(claim.text, a):
        return False
    at = action_at(doc.analysis.article.text, claim.start, claim.end, a)
    if at is not None and _misread_at(want, doc, claim, at):
        return False
    if want.actor is not None and _done_by_other(want, doc, claim, at):
        return False
    if want.part.wh_role == "actor" or anyone(want):
        pass
    elif want.actor is None or not mentions(
        doc, want.actor, claim.sentence_start, claim.sentence_end
    ):
        return False
    if want.target is not None and not mentions(doc, want.target, claim.start, claim.end):
        return False
    if a.objects and not has_objects(claim.text, a.objects, a.widened):
        return False
    return place_ok(doc, None, claim, want.place)


def reversed_roles(want: Sought, doc: Doc, claim: Claim, at: tuple[int, int]) -> bool:
    """The target named before the action word and the actor only after it, in an
    active clause ("Braley apologized to Grassley" asked as "Did Grassley apologize
    to Braley?")."""
    if want.actor is None or want.target is None or want.part.wh_role is not None:
        return False
    s, e = claim.sentence_start, claim.sentence_end
    if not mentions(doc, want.target, s, at[0]) or mentions(doc, want.actor, s, at[0]):
        return False
    if not mentions(doc, want.actor, at[1], e):
        return False
    text = doc.analysis.article.text
    return not _passive_before(text, s, at[0]) and not re.match(r"\s+by\b", text[at[1] : e])


def _passive_before(text: str, start: int, at: int) -> bool:
    """Whether a form of "be" comes right before the action word at ``at`` ("was (later)
    arrested")."""
    return bool(re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$", text[start:at]))


def target_acts(want: Sought, doc: Doc, claim: Claim, at: tuple[int, int]) -> bool:
    """Asked whether anyone did it to the target ("Was Diaz arrested?"), the target named
    before the action word of an active clause is its doer ("Diaz arrested two dockers"),
    not the one acted on."""
    if not anyone(want) or want.target is None:
        return False
    s = claim.sentence_start
    if not mentions(doc, want.target, s, at[0]):
        return False
    return not _passive_before(doc.analysis.article.text, s, at[0])


def alternative(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim gives the part's deed another agent: "the explosion was most
    likely caused by a missile fired from within Gaza" against "Was the explosion
    caused by an Israeli airstrike?". The claim names the action and the part's target,
    and the words after "by" do not name the part's actor."""
    if want.actor is None or want.target is None or want.part.wh_role is not None:
        return False
    text = doc.analysis.article.text
    at = action_at(text, claim.start, claim.end, want.part.action)
    if at is None or not mentions(doc, want.target, claim.start, at[0]):
        return False
    m = re.match(r"\s+by\s+([^,;.]{3,80})", text[at[1] : claim.end])
    if m is None:
        return False
    s, e = at[1] + m.start(1), at[1] + m.end(1)
    return not mentions(doc, want.actor, s, e)


def names_action(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim's own text names the part's action as a deed (not as a
    wish or a request: "urged him to resign")."""
    text = doc.analysis.article.text
    at = action_at(text, claim.start, claim.end, want.part.action)
    return at is not None and not governed(text, at[0], claim.sentence_start)


def names_part(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim's sentence names the part's action (in words or by a coded event
    of its family), its actor and its target."""
    s, e = claim.sentence_start, claim.sentence_end
    a = want.part.action
    named = names_action(want, doc, claim) or any(
        ev.plover in a.families for ev in doc.events_of.get(claim.id, [])
    )
    if not named or want.actor is None or not mentions(doc, want.actor, s, e):
        return False
    return want.target is None or mentions(doc, want.target, s, e)
