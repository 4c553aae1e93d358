"""Status: how sure each claim sounds, and the cues that say so.

Precedence: questioned > denied > speculative > reported / hedged > asserted.
A claim with a named source of its own is *reported* even when a hedge rides along
("is said to have ..., according to X"); hedge cues alone, anonymous sources alone, or
a source carried over from an earlier sentence with a hedge make it *hedged*. The
content of a hedged report stays hedged ("reportedly told the US that ...").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..cuefinder import (
    conditional_cues,
    denial_phrase_cues,
    hedge_cues,
    make_cue,
    negated_event_cues,
    rejects_only,
    sentence_hedges,
    speculation_cues,
    token_starts,
)
from ..lexicons import Lexicons
from ..nlp.doc import Document, Polarity, Unit, UnitStatus
from ..records import RANK, Cue, Status
from .base import stage, uses_lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc

UNCERTAIN = ("speculative", "hedged")


def _near_head(doc: Doc, i: int, head: int | None) -> bool:
    if head is None:
        return False
    tok = doc[i]
    if tok.i == head or tok.head.i == head:
        return True
    return tok.head.head.i == head and tok.head.dep_ in ("acomp", "xcomp", "attr", "advmod", "aux")


#: Tags of the wh-words that open an embedded question ("who might be responsible").
WH_TAGS = frozenset({"WP", "WDT", "WRB", "WP$"})
#: Marks of an embedded yes/no question ("whether it might reopen").
QUESTION_MARKS = frozenset({"whether", "if"})


def _in_embedded_question(doc: Doc, i: int, head: int | None) -> bool:
    """True when token ``i`` sits in a question the claim only mentions ("have not said who
    might be responsible", "questions about what the balloon might have accessed"): what
    might be is asked there, not put forward (a relative clause is not such a question)."""
    t = doc[i]
    while head is not None and t.i != head and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "pcomp", "pobj", "dobj", "xcomp"):
            opener = doc[t.left_edge.i]
            marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
            if opener.tag_ in WH_TAGS or marks & QUESTION_MARKS:
                return True
        t = t.head
    return False


def _question(doc: Document, unit: Unit) -> Cue | None:
    sent = doc.sentences[unit.sentence]
    text = doc.article.text
    tail = text[unit.end : sent.end].lstrip(" \"'”’)")
    sent_text = text[sent.start : sent.end].rstrip()
    if tail.startswith("?") or (unit.kind != "content" and sent_text.endswith("?")):
        pos = (
            unit.end + (len(text[unit.end : sent.end]) - len(tail))
            if tail.startswith("?")
            else sent.start + len(sent_text) - 1
        )
        return Cue(text="?", start=pos, end=pos + 1, kind="question")
    return None


def _drop_at(negs: list[Cue], spans: list[tuple[int, int]]) -> list[Cue]:
    return [n for n in negs if not any(s <= n.start < e for s, e in spans)]


def _negations(
    lexicons: Lexicons, unit: Unit, doc: Doc, spec_all: list[Cue], off: int
) -> tuple[list[Cue], list[Cue], bool]:
    """(negations that deny, denial phrases among them, whether the claim is negative).

    A plain negation denies a claim only in someone's mouth and for what happened; in
    the outlet's voice it states an absence ("has not independently verified"), and a
    negated intention ("will not attend") rejects nothing. Either way the claim itself
    is negative (its polarity)."""
    ids, head = unit.tokens, unit.head
    attributed = bool(unit.sources) or unit.parent is not None or unit.frame is not None
    phrases = denial_phrase_cues(lexicons, doc, ids, head, off)
    plain = negated_event_cues(lexicons, doc, ids, head, off, prospective=True)
    skip = [(c.start, c.end) for c in spec_all]  # "cannot be ruled out" is speculation
    if unit.kind == "frame" and head is not None:
        # "The ministry denied on Tuesday ...": the denying is reported, its content denied
        at = doc[head].idx + off
        skip.append((at, at + 1))
    if unit.frame in ("stance", "rejection") or (unit.kind != "content" and unit.frame == "denial"):
        # "The army denied access to the site": the stance verb is the attribution; it
        # denies only when its object is a claim (the attribute stage makes that a denial)
        skip += [(c.start, c.end) for c in unit.cues if c.kind == "attribution"]
    phrases, plain = _drop_at(phrases, skip), _drop_at(plain, skip)
    plain = [c for c in plain if not any(p.start <= c.start < p.end for p in phrases)]
    negated = bool(plain) or (bool(phrases) and not rejects_only(lexicons, phrases))
    if attributed:
        events = _drop_at(negated_event_cues(lexicons, doc, ids, head, off), skip)
        plain = [c for c in plain if any(c.start == e.start for e in events)]
    else:
        plain = []
    return sorted(phrases + plain, key=lambda c: c.start), phrases, negated


# long: the precedence of the module docstring, one branch per status, kept in one place
def unit_status(  # noqa: C901 - see above
    lexicons: Lexicons, document: Document, ui: int, done: list[UnitStatus]
) -> UnitStatus:
    """The status of unit ``ui``; ``done`` holds the statuses of the units before it."""
    unit = document.units[ui]
    sent = document.sentences[unit.sentence]
    doc = sent.span.doc
    ids, head, off = unit.tokens, unit.head, sent.offset
    hedges = hedge_cues(lexicons, doc, ids, off)
    spec_all = speculation_cues(lexicons, doc, ids, head, off)
    spec = [
        c
        for c in spec_all
        if " " in c.text
        or any(
            _near_head(doc, i, head) for i, x in enumerate(token_starts(doc)) if x + off == c.start
        )
    ]
    # words already read as a hedge ("is believed to") are not speculation as well
    spec = [c for c in spec if not any(h.start <= c.start < h.end for h in hedges)]
    asked = {t.idx + off for t in doc if t.i in ids and _in_embedded_question(doc, t.i, head)}
    spec = [c for c in spec if c.start not in asked]
    negs, phrase_negs, negated = _negations(lexicons, unit, doc, spec_all, off)
    conds = conditional_cues(lexicons, doc, ids, head, off)
    question = _question(document, unit)
    named = [s for s in unit.sources if s.level >= 1 and s.kind != "anonymous"]
    anonymous_only = bool(unit.sources) and not named
    cues: list[Cue] = list(unit.cues)
    status: Status
    if unit.frame in ("belief",):
        status = "speculative"
        cues = [
            Cue(c.text, c.start, c.end, "speculation")
            if c.kind == "attribution" and c is unit.cues[-1]
            else c
            for c in cues
        ]
    elif unit.frame == "speculation":
        status = "speculative"
    elif unit.frame in ("denial", "rejection"):
        status = "denied"
    else:
        status = "asserted"
    if question is not None:
        status = "questioned"
        cues.append(question)
    elif unit.frame == "questioning":
        status = "questioned"  # "X cast doubt on Y": the frame's cue is among the cues
    elif status == "asserted" or status == "speculative":
        if negs and not (spec and not phrase_negs):
            status = "denied"
            cues.extend(negs)
        elif spec or (conds and not named):
            status = "speculative"
            cues.extend(spec)
            cues.extend(conds if not named else [])
        elif status == "asserted":
            if named and not unit.carried:
                status = "reported"
                cues.extend(hedges)
            elif hedges or anonymous_only or unit.frame == "passive":
                status = "hedged"
                cues.extend(hedges)
            elif unit.carried:
                status = "reported"
    elif status == "denied":
        cues.extend(negs)
    if unit.parent is not None:
        parent = done[unit.parent]
        if parent.status == "hedged" and RANK[status] < RANK["hedged"]:
            status = "hedged"
    seen: set[tuple[int, int, str]] = set()
    kept: list[Cue] = []
    for c in sorted(cues, key=lambda c: c.start):
        key = (c.start, c.end, c.kind)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    # "Kyiv rejected the claims": the rejecting happened (positive); what it rejects is denied
    rejecting = unit.frame == "rejection" or (unit.kind != "content" and unit.frame == "denial")
    negative = negated or (
        status == "denied" and not rejecting and not rejects_only(lexicons, negs)
    )
    polarity: Polarity = "negative" if negative else "positive"
    return UnitStatus(unit=ui, status=status, polarity=polarity, cues=tuple(kept))


#: Statuses about the content: they win over the attribution's (reported, hedged).
CONTENT_STATUSES = ("questioned", "denied", "speculative")
#: Words that carry what a clause says (a relay clause has none of its own).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ", "PRON", "ADV"})


def _relays(doc: Document, parent: Unit, child: Unit) -> bool:
    """True when the parent content says nothing but who says the child's content:
    "officials said [their assessment shows [the strike was not theirs]]"."""
    if parent.kind != "content" or not parent.tokens:
        return False
    spacy_doc = doc.sentences[parent.sentence].span.doc
    off = doc.sentences[parent.sentence].offset
    have = {(s.start, s.end) for s in parent.sources}
    spans = [(c.start, c.end) for c in child.cues if c.kind == "attribution"]
    spans += [
        (s.start, s.end)
        for s in child.sources
        if s.start is not None and s.end is not None and (s.start, s.end) not in have
    ]
    for i in parent.tokens:
        tok = spacy_doc[i]
        at = tok.idx + off
        if tok.pos_ in CONTENT_POS and not any(a <= at < b for a, b in spans):
            return False
    return True


def lift_content_status(doc: Document, statuses: list[UnitStatus]) -> None:
    """A relay content takes the status of the content it relays (the content status
    wins): "X said an inquiry found that Y was not to blame" is denied, not reported."""
    for ui in range(len(doc.units) - 1, -1, -1):  # the deepest first, so lifts chain
        parent = doc.units[ui].parent
        child = statuses[ui]
        if parent is None or child.status not in CONTENT_STATUSES:
            continue
        if doc.units[ui].frame in ("cognition", "belief"):
            continue  # "she did not know whether ...": an attitude, not a relayed finding
        up = statuses[parent]
        if up.status in ("reported", "hedged") and _relays(doc, doc.units[parent], doc.units[ui]):
            extra = tuple(c for c in child.cues if c.kind != "attribution" and c not in up.cues)
            statuses[parent] = replace(up, status=child.status, cues=up.cues + extra)


def assign_status(lexicons: Lexicons, doc: Document) -> None:
    """Give each claim unit its status and the cues that set it; collect every hedge."""
    statuses: list[UnitStatus] = []
    for ui in range(len(doc.units)):  # parents come before their contents
        statuses.append(unit_status(lexicons, doc, ui, statuses))
    lift_content_status(doc, statuses)
    doc.unit_status = statuses
    doc.hedges = []
    for sent in doc.sentences:
        ids = list(range(sent.span.start, sent.span.end))
        doc.hedges.extend(sentence_hedges(lexicons, sent.span.doc, ids, sent.offset))


make_status = stage(
    "status.v1", alias="status", requires=["units"], assigns=["unit_status", "hedges"]
)(uses_lexicons(assign_status))


__all__ = ["UNCERTAIN", "assign_status", "make_cue", "make_status", "unit_status"]
