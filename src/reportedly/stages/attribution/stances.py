"""Stances on a noun phrase ("X accused Y of ...", "X denied the claims", "X declined to
comment"): an attribution record of their own, and the claim of the clause that takes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import make_cue
from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence, Unit
from ...records import Attribution, Source
from .frame import FIRST_SECOND, Found, Frame
from .speakers import as_written, speaker_sources
from .units import np_content_ids, span_of, trim

if TYPE_CHECKING:
    from spacy.tokens import Doc


def record_stances(
    lexicons: Lexicons, state: Document, sent: Sentence, frames: list[Frame], found: Found
) -> list[tuple[Frame, int, list[Source]]]:
    """Record an attribution for each stance on a noun phrase of ``frames`` (it stays inside
    its clause's claim: only the frame is kept); returns those that state a claim, with the
    index of their record in ``found`` and their chain."""
    doc = sent.span.doc
    stances: list[tuple[Frame, int, list[Source]]] = []
    for f in frames:
        if f.np_content and f.content is not None:
            ids = trim(doc, np_content_ids(doc, f.content, f.verb))
            if not ids:
                continue
            cue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
            start, end = span_of(sent, ids)
            srcs = speaker_sources(lexicons, state, sent, f, 1, cue)
            if states_a_claim(lexicons, doc, f):
                stances.append((f, len(found), srcs))
            found.append(
                (Attribution("", f.kind, cue, start, end, as_written(sent, f, srcs)), None)
            )
    return stances


def states_a_claim(lexicons: Lexicons, doc: Doc, f: Frame) -> bool:
    """A stance that says something about the world ("accused Y of ...", "called it a
    barbaric act", "denied responsibility", "declined to comment"), not a speech act the
    outlet narrates as an event ("endorsed Perry", "urged Akin to drop out")."""
    if f.verb is None or f.content is None:
        return False
    lex = lexicons.attribution
    lemma = doc[f.verb].lemma_.lower()
    if f.kind in ("denial", "questioning", "speech") or lemma in lex.claiming_stance_verbs:
        return True  # "speech": a figure given outright ("put the toll at 40")
    # "declined to comment", "refused to say": a refusal to speak is the source's answer
    return lemma in lex.refusal_verbs and doc[f.content].lemma_.lower() in lex.speech_verbs


def stance_claims(
    doc: Doc,
    units: list[Unit],
    unit_of_head: dict[int, int],
    owner: dict[int, int],
    stances: list[tuple[Frame, int, list[Source]]],
    found: Found,
) -> None:
    """'X accused Y of ...', 'X denied responsibility', 'X declined to comment': the clause
    that takes the stance is X's claim, so X is its source (a denial makes it denied)."""
    for f, fi, chain in stances:
        if f.verb is None or owner.get(f.verb) not in unit_of_head:
            continue
        ui = unit_of_head[owner[f.verb]]
        unit = units[ui]
        if unit.kind == "content" and unit.head == f.verb:
            # "Kyiv said it rejected the claims": the reported clause is a rejection, so
            # its claim is denied ("said the army denied access": a refusal, not a denial);
            # the speaker stays its source
            unit.frame = "rejection" if f.kind == "denial" else "stance"
            unit.cues.append(found[fi][0].cue)
            continue
        if unit.kind == "content" or unit.sources:
            continue  # the stance sits inside a reported content: its speaker is the source
        if unit.kind == "frame" and doc[f.verb].dep_ == "advcl":
            # "After the mayor accused Y, Lind stated that ...": the stance is a clause
            # beside another speaker's frame; its source would pass down to that content
            continue
        att = found[fi][0]
        unit.frame = f.kind if f.kind in ("denial", "questioning") else "stance"
        found[fi] = (att, ui)
        if all(x.start is not None and x.name.lower() in FIRST_SECOND for x in att.sources):
            continue  # "we reject the claims" inside a quotation: the quote's speaker says it
        unit.sources = [Source(**{**s.__dict__}) for s in chain]
        unit.cues.append(att.cue)
