"""Status: how sure each claim sounds, and the cues that say so.

The status of a claim unit is decided by named passes, each reading what
:func:`gather` collected (hedges, speculation, negations, denial phrases, conditions,
a question mark, the unit's frame and sources) and each putting forward a status or
nothing: :func:`question_pass` (questioned), :func:`denial_pass` (denied: a frame that
rejects a proposition, or a negation that denies), :func:`speculation_pass`
(speculative: likelihood and assessment, belief frames, unsourced conditions) and
:func:`source_pass` (reported with a named source of its own, hedged with hedges, unnamed
sources or a passive report). When several apply, the status first in ``precedence`` of
status.yaml wins (questioned > denied > speculative > hedged > reported > asserted by
default); with none, the claim is asserted. A claim with a named source of its own is
*reported* even when a hedge rides along ("is said to have ..., according to X"). The
content of a hedged report stays hedged ("reportedly told the US that ...").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
from ..records import Cue, Status
from .base import stage, uses_lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


@dataclass(frozen=True)
class Evidence:
    """What the status passes read about one unit: its cues of each kind and its sources."""

    unit: Unit
    hedges: list[Cue]
    speculation: list[Cue]
    negations: list[Cue]
    denial_phrases: list[Cue]
    negated: bool
    conditionals: list[Cue]
    question: Cue | None
    named: bool
    anonymous_only: bool
    #: "asked whether X": the mark of an indirect question a verb of asking introduces
    asked: Cue | None = None


@dataclass(frozen=True)
class Proposal:
    """A status a pass puts forward, with the cues that make it."""

    status: Status
    cues: tuple[Cue, ...] = ()


def _speculation(
    lexicons: Lexicons, doc: Doc, unit: Unit, off: int, hedges: list[Cue]
) -> tuple[list[Cue], list[Cue]]:
    """(speculation words near the claim's own verb, every speculation cue of the unit)."""
    ids, head = unit.tokens, unit.head
    spec_all = speculation_cues(lexicons, doc, ids, head, off)
    if not spec_all:
        return [], spec_all
    # the token each cue starts at (a cue starts at a token; only those tokens are walked)
    at = {x + off: i for i, x in enumerate(token_starts(doc))}
    spec = [
        c
        for c in spec_all
        if " " in c.text or ((i := at.get(c.start)) is not None and _near_head(doc, i, head))
    ]
    # words already read as a hedge ("is believed to") are not speculation as well
    spec = [c for c in spec if not any(h.start <= c.start < h.end for h in hedges)]
    owned = set(ids)
    asked = {
        c.start
        for c in spec
        if (i := at.get(c.start)) is not None and i in owned and _in_embedded_question(doc, i, head)
    }
    return [c for c in spec if c.start not in asked], spec_all


def gather(lexicons: Lexicons, document: Document, ui: int) -> Evidence:
    """The cues and sources of unit ``ui`` that the passes weigh."""
    unit = document.units[ui]
    sent = document.sentences[unit.sentence]
    doc = sent.span.doc
    off = sent.offset
    hedges = hedge_cues(lexicons, doc, unit.tokens, off)
    spec, spec_all = _speculation(lexicons, doc, unit, off, hedges)
    mark = _question_mark(doc, unit)
    asked: Cue | None = None
    if mark is not None:
        # "would not say whether X", "asked whether X": an indirect question puts nothing
        # forward as possible; asked, it is questioned
        at = mark.idx + off
        spec = [c for c in spec if c.start != at]
        parent = document.units[unit.parent] if unit.parent is not None else None
        if parent is not None and parent.head is not None:
            verb = document.sentences[parent.sentence].span.doc[parent.head]
            if verb.lemma_.lower() in lexicons.status.asking_verbs:
                asked = make_cue(doc, mark.i, mark.i, "question", off)
    negs, phrase_negs, negated = _negations(lexicons, unit, doc, spec_all, off)
    named = any(s.level >= 1 and s.kind != "anonymous" for s in unit.sources)
    return Evidence(
        unit=unit,
        hedges=hedges,
        speculation=spec,
        negations=negs,
        denial_phrases=phrase_negs,
        negated=negated,
        conditionals=conditional_cues(lexicons, doc, unit.tokens, unit.head, off),
        question=_question(document, unit),
        named=named,
        anonymous_only=bool(unit.sources) and not named,
        asked=asked,
    )


def _question_mark(doc: Doc, unit: Unit) -> Token | None:
    """The "whether" / "if" that makes a content an indirect question, or None."""
    if unit.kind != "content" or unit.head is None:
        return None
    for c in doc[unit.head].children:
        if c.dep_ == "mark" and c.lower_ in QUESTION_MARKS:
            return c
    return None


def question_pass(ev: Evidence) -> Proposal | None:
    """Questioned: a question mark ends the claim, or its frame casts doubt on it ("X cast
    doubt on Y"; the frame's cue is among the unit's cues already)."""
    if ev.question is not None:
        return Proposal("questioned", (ev.question,))
    if ev.asked is not None:
        return Proposal("questioned", (ev.asked,))
    if ev.unit.frame == "questioning":
        return Proposal("questioned")
    return None


def denial_pass(ev: Evidence) -> Proposal | None:
    """Denied: a frame that rejects a proposition ("denied that ...", "rejected reports
    that ..."), or a negation that denies; a plain negation under a speculation word is
    speculation ("may not return"), a denial phrase is still a denial."""
    if ev.unit.frame in ("denial", "rejection"):
        return Proposal("denied", tuple(ev.negations))
    if ev.negations and not (ev.speculation and not ev.denial_phrases):
        return Proposal("denied", tuple(ev.negations))
    return None


def speculation_pass(ev: Evidence) -> Proposal | None:
    """Speculative: a belief or speculation frame ("officials believe ..."), a likelihood
    or assessment phrase near the claim's verb, or a condition no named source states."""
    conds = () if ev.named else tuple(ev.conditionals)
    if ev.speculation or conds:
        return Proposal("speculative", tuple(ev.speculation) + conds)
    if ev.unit.frame in ("belief", "speculation"):
        return Proposal("speculative")
    return None


def source_pass(ev: Evidence) -> Proposal | None:
    """Reported or hedged, by who says it: a named source of the claim's own makes it
    reported (a hedge riding along is kept as a cue); hedges alone, unnamed sources alone
    or a passive report ("is said to") make it hedged; a source carried over from an
    earlier sentence, without a hedge, makes it reported."""
    unit = ev.unit
    if ev.named and not unit.carried:
        return Proposal("reported", tuple(ev.hedges))
    if ev.hedges or ev.anonymous_only or unit.frame == "passive":
        return Proposal("hedged", tuple(ev.hedges))
    if unit.carried:
        return Proposal("reported")
    return None


StatusPass = Callable[[Evidence], "Proposal | None"]

#: The status passes; which one wins is the status precedence of the status lexicon
#: (``precedence`` in status.yaml), not their order here.
PASSES: tuple[StatusPass, ...] = (question_pass, denial_pass, speculation_pass, source_pass)


def _frame_cues(unit: Unit) -> list[Cue]:
    """The unit's own cues; a belief verb's cue is a speculation cue ("officials believe")."""
    if unit.frame != "belief" or not unit.cues:
        return list(unit.cues)
    last = unit.cues[-1]
    return [
        Cue(c.text, c.start, c.end, "speculation") if c.kind == "attribution" and c is last else c
        for c in unit.cues
    ]


def _distinct_cues(cues: Iterable[Cue]) -> tuple[Cue, ...]:
    seen: set[tuple[int, int, str]] = set()
    kept: list[Cue] = []
    for c in sorted(cues, key=lambda c: c.start):
        key = (c.start, c.end, c.kind)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return tuple(kept)


def decide(lexicons: Lexicons, ev: Evidence) -> Proposal:
    """The proposal of the pass whose status comes first in the precedence; asserted
    when no pass applies."""
    rank = lexicons.status.rank
    best: Proposal | None = None
    for run in PASSES:
        got = run(ev)
        if got is not None and (best is None or rank[got.status] < rank[best.status]):
            best = got
    return best or Proposal("asserted")


def unit_status(
    lexicons: Lexicons, document: Document, ui: int, done: list[UnitStatus]
) -> UnitStatus:
    """The status of unit ``ui``; ``done`` holds the statuses of the units before it."""
    ev = gather(lexicons, document, ui)
    unit = ev.unit
    chosen = decide(lexicons, ev)
    status = chosen.status
    rank = lexicons.status.rank
    if unit.parent is not None and done[unit.parent].status == "hedged":
        # the content of a hedged report stays hedged ("reportedly told the US that ...")
        if rank[status] > rank["hedged"]:
            status = "hedged"
    # "Kyiv rejected the claims": the rejecting happened (positive); what it rejects is denied
    rejecting = unit.frame == "rejection" or (unit.kind != "content" and unit.frame == "denial")
    negative = ev.negated or (
        status == "denied" and not rejecting and not rejects_only(lexicons, ev.negations)
    )
    polarity: Polarity = "negative" if negative else "positive"
    cues = _distinct_cues([*_frame_cues(unit), *chosen.cues])
    return UnitStatus(unit=ui, status=status, polarity=polarity, cues=cues)


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


__all__ = [
    "PASSES",
    "UNCERTAIN",
    "Evidence",
    "Proposal",
    "assign_status",
    "decide",
    "denial_pass",
    "gather",
    "make_cue",
    "make_status",
    "question_pass",
    "source_pass",
    "speculation_pass",
    "unit_status",
]
