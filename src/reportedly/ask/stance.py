"""How a claim presents a part beyond its frame: the part's actor stating or denying it
(a content part, "Did China admit that ..."; a reporting word that names the action), a
negation of the action word, a negation about something else, a denial that is what the
question asks about.
"""

from __future__ import annotations

from .. import lexicons
from ..records import Claim, Event
from ..text.keys import name_key
from .index import Doc
from .match import CONTENT_SHARE, Sought, action_at, has_action, has_every_object, has_objects
from .mentions import described, mentions, place_ok, speaks_for, state_side
from .verdict import policy
from .words import words

__all__ = [
    "DENIAL_LEMMAS",
    "STATEMENT_LEMMAS",
    "cue_ok",
    "denial_asked",
    "from_actor",
    "is_statement",
    "negated",
    "negation_after",
    "stated",
]

#: Verbs of denying, and of saying or denying (the attribution lexicon).
DENIAL_LEMMAS = lexicons.default().attribution.denial_verbs
STATEMENT_LEMMAS = lexicons.default().attribution.speech_verbs | DENIAL_LEMMAS


def negated(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim's own text negates the frame whatever its status: a negator
    (``verdicts.yaml``: against.negators) at most two words before the action word
    ("was not involved", "never met"), or a negator before a word of evidence
    ("it had no initial indication that Ukraine ... was involved")."""
    text = doc.analysis.article.text
    at = action_at(text, claim.start, claim.end, want.part.action)
    if at is None:
        return False
    before = words(text[claim.start : at[0]])
    pol = policy()

    def negator(w: str) -> bool:
        return w in pol.negators or w.endswith("n't")

    if any(negator(w) for w in before[-2:]):
        return True
    return any(
        negator(w) and set(before[i + 1 : i + 4]) & pol.evidence_nouns for i, w in enumerate(before)
    )


def negation_after(want: Sought, doc: Doc, claim: Claim, events: list[Event]) -> bool:
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
        at = action_at(doc.analysis.article.text, claim.start, claim.end, want.part.action)
        if at is None:
            return False
        end = at[1]
    text = doc.analysis.article.text
    return all(c.start > end and len(words(text[end : c.start])) >= 3 for c in negs)


def denial_asked(want: Sought, claim: Claim) -> bool:
    """ "Did X deny ...?" asks about the denial itself: a claim denied by X (its cue
    names the action) is evidence that X denied it, not against it."""
    if claim.status != "denied" or want.part.action.lemma not in DENIAL_LEMMAS:
        return False
    return any(has_action(c.text, want.part.action) for c in claim.cues)


def stated(want: Sought, doc: Doc, claim: Claim) -> str | None:
    """For a content part ("Did China admit that the balloon was used for
    surveillance?", "Did the agency judge that ...?"): "positive" when the actor itself
    states the objects, "negative" when it denies or negates them ("it was not being
    used for spying"), else None."""
    a = want.part.action
    if not a.content or want.actor is None or want.part.wh_role is not None:
        return None
    if not from_actor(want, doc, claim):
        return None
    if not has_every_object(claim.text, a.objects, CONTENT_SHARE, a.widened):
        return None
    if want.target is not None and not mentions(doc, want.target, claim.start, claim.end):
        return None
    pol = policy()

    def negator(w: str) -> bool:
        return w in pol.negators or w.endswith("n't")

    if any(negator(o.casefold()) for o in a.objects):
        return "positive"  # "say it knew nothing": the claim repeats the negation
    negative = any(negator(w) for w in words(claim.text))
    if claim.status == "denied" or claim.polarity == "negative" or negative:
        return "negative"
    return "positive"


def from_actor(want: Sought, doc: Doc, claim: Claim) -> bool:
    """Whether the claim's first cited source is the part's actor, or, for a state, one
    of its organs ("the Norwegian foreign ministry" speaks for Norway)."""
    assert want.actor is not None
    ids = want.actor.ids.get(doc.analysis.article.id, set())
    aliases = {name_key(x) for x in want.actor.aliases}
    first = [s for s in claim.source_chain if s.level == 1]
    if want.part.action.content:
        # "an assessment by X indicates ..., an official said": X at any level
        first = [s for s in claim.source_chain if s.level >= 1]
        side = state_side(want.part.actor)
        if side is not None and any(state_side(s.name) == side for s in first):
            return True
        # a described body: "French military intelligence" is "the French
        # Directorate of Military Intelligence"
        if want.part.actor and any(described(want.part.actor, s.name) for s in first):
            return True
    return any(
        (s.entity is not None and s.entity in ids)
        or name_key(s.name) in aliases
        or (
            s.start is not None
            and s.end is not None
            and speaks_for(doc, s.start, s.end, want.actor)
        )
        for s in first
    )


def cue_ok(want: Sought, doc: Doc, claim: Claim) -> bool:
    """A claim whose reporting words name the action and whose first source is the
    actor: "Christie announced he is running for president" answers "Did Christie
    announce a run for president?" (the saying, not its content)."""
    a = want.part.action
    if want.actor is None or want.part.wh_role is not None:
        return False
    cues = [c.text for c in claim.cues]
    cues += [s.cue.text for s in claim.source_chain if s.cue is not None]
    if not any(has_action(c, a) for c in cues):
        return False
    if not from_actor(want, doc, claim):
        return False
    s, e = claim.sentence_start, claim.sentence_end
    if want.target is not None and not mentions(doc, want.target, s, e):
        return False
    sentence = doc.analysis.article.text[s:e]
    if a.objects and not has_objects(sentence, a.objects, a.widened):
        return False
    return place_ok(doc, None, claim, want.place)


def is_statement(want: Sought) -> bool:
    """Whether the part asks if its actor said something: its verb is a verb of saying
    or denying ("Did the ministry deny ...?", "Did she say ...?")."""
    return want.part.action.lemma in STATEMENT_LEMMAS or want.part.action.content
