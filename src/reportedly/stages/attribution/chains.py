"""Each unit's source chain inside its sentence: inherited from the frame it is the content
of, adjunct frames ("according to X"), stances on a clause, relative denials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import make_cue, tokens_in
from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence, Unit
from ...records import Attribution
from ...syntax import conjuncts
from .frame import RELATIVE_TAGS, Found, Frame, is_denial_verb
from .sources import make_source
from .speakers import as_written, in_chain, nested_links, speaker_sources
from .units import Cut

if TYPE_CHECKING:
    from spacy.tokens import Token


def with_complementizer(sent: Sentence, head: int, start: int) -> int:
    """Where a frame's content starts when its complementizer is counted in it: "said
    *that* the plan failed" (PolNeAR's span takes the "that"; the claim's text does not)."""
    doc = sent.span.doc
    marks = [c for c in doc[head].lefts if c.dep_ == "mark" and c.lower_ == "that"]
    if not marks or sent.char(marks[0].idx) >= start:
        return start
    j = marks[0].i + 1
    while j < len(doc) and sent.char(doc[j].idx) < start:
        if not (doc[j].is_punct or doc[j].is_space):
            return start  # words between: the "that" is not this content's
        j += 1
    return sent.char(marks[0].idx)


def relative_denials(lexicons: Lexicons, sent: Sentence) -> list[tuple[Token, list[Token]]]:
    """Denials in a relative clause or participle, with their deniers: "..., an allegation
    the Kremlin has rejected", "..., which the US has denied", "a claim rejected by US
    officials", "reports that were denied by China claimed ..."."""
    lex = lexicons.attribution
    out: list[tuple[Token, list[Token]]] = []
    for tok in tokens_in(sent.span, ("VERB",), by="pos"):
        if tok.dep_ not in ("relcl", "acl"):
            continue
        if not is_denial_verb(lex, tok):
            continue
        which = any(c.lower_ == "which" and c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        if not (which or tok.head.lemma_.lower() in lex.claim_nouns):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS]
        agent = [o for c in tok.children if c.dep_ == "agent" for o in c.children]
        denier = subj or [o for o in agent if o.dep_ == "pobj"]
        if denier and denier[0].pos_ in ("NOUN", "PROPN"):
            out.append((tok, conjuncts(denier[0])))
    return out


def denied_units(
    verb: Token,
    frames: list[Frame],
    unit_of_head: dict[int, int],
    owner: dict[int, int],
) -> list[int]:
    """The units a relative denial rejects: the contents the denied reports frame ("reports
    that were denied by China claimed that X": X), else the clause the denied claim stands
    in ("Y accused Z of X, an allegation W rejected": that clause)."""
    noun = verb.head.i
    said = [
        unit_of_head[f.content]
        for f in frames
        if f.content is not None and noun in f.sources and f.content in unit_of_head
    ]
    if said:
        return said
    ui = unit_of_head.get(owner.get(verb.i, -1))
    return [ui] if ui is not None else []


def unit_chains(
    lexicons: Lexicons, state: Document, sent: Sentence, cut: Cut, found: Found
) -> None:
    """Give each unit of ``cut`` its source chain: its parent's (the clause whose frame it
    is the content of), then its adjunct frames' ("according to X"), then its own frame's
    (with the outlet that heard the speaker and the sources it cites), one level deeper
    each; each frame's attribution record goes to ``found``."""
    doc = sent.span.doc
    units = cut.units
    for ui, unit in enumerate(units):
        frame = cut.content_heads.get(unit.head) if unit.head is not None else None
        base_level = 1
        if unit.parent is not None:
            parent = units[unit.parent]
            inherited = [s for s in parent.sources]
            unit.sources.extend(inherited)
            unit.cues.extend(c for c in parent.cues if c.kind == "attribution")
            base_level = max([s.level for s in inherited], default=0) + 1
        base_level = _adjunct_sources(lexicons, state, sent, cut, ui, base_level, found)
        if frame is not None and frame.verb is not None:
            _beside_sources(lexicons, state, sent, cut, (ui, frame), base_level, found)
        if frame is not None and frame.kind != "speculation":
            _frame_sources(lexicons, state, sent, (ui, unit, frame), base_level, found)
        elif frame is not None:
            unit.cues.append(make_cue(doc, frame.cue[0], frame.cue[-1], "speculation", sent.offset))


def _adjunct_sources(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    cut: Cut,
    ui: int,
    base_level: int,
    found: Found,
) -> int:
    """The sources of the adjunct frames anchored in unit ``ui`` ("..., according to X");
    returns the level its own frame's sources start at."""
    doc = sent.span.doc
    unit = cut.units[ui]
    uh = unit.head
    adjuncts = [f for f in cut.frames if f.anchor is not None and cut.owner.get(f.anchor) == uh]
    for f in adjuncts:
        cue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
        unit.cues.append(cue)
        srcs = speaker_sources(lexicons, state, sent, f, base_level, cue)
        unit.sources.extend(srcs)
        att = Attribution("", f.kind, cue, unit.start, unit.end, as_written(sent, f, srcs))
        found.append((att, ui))
        deeper = max((x.level for x in srcs), default=base_level) + 1
        for _, nsrcs in nested_links(lexicons, state, sent, f.nested, deeper):
            unit.sources.extend(nsrcs)  # "according to a memo seen by X": X > memo
    if adjuncts:
        base_level = max(s.level for s in unit.sources) + 1 if unit.sources else base_level
    return base_level


def _beside_sources(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    cut: Cut,
    at: tuple[int, Frame],
    base_level: int,
    found: Found,
) -> None:
    """'X said ..., according to Y': Y stands beside X in the chain of the content of X's
    frame (``at``: the unit's index and that frame)."""
    doc = sent.span.doc
    ui, frame = at
    unit = cut.units[ui]
    have = {(x.start, x.end) for x in unit.sources}
    for f in cut.frames:
        if f.anchor == frame.verb and f.content is None:
            acue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
            srcs = [make_source(lexicons, state, sent, s, base_level, acue) for s in f.sources]
            if all((x.start, x.end) in have for x in srcs):
                continue  # already in the chain through the frame's own clause
            unit.cues.append(acue)
            unit.sources.extend(srcs)
            found.append((Attribution("", f.kind, acue, unit.start, unit.end, srcs), ui))


def _frame_sources(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    at: tuple[int, Unit, Frame],
    base_level: int,
    found: Found,
) -> None:
    """The sources of the frame whose content the unit is (``at``: the unit's index, the
    unit and the frame), with the sources they cite one level deeper."""
    doc = sent.span.doc
    ui, unit, frame = at
    cue = make_cue(doc, frame.cue[0], frame.cue[-1], "attribution", sent.offset)
    if frame.kind == "passive":
        cue = make_cue(doc, frame.cue[0], frame.cue[-1], "hedge", sent.offset)
    unit.cues.append(cue)
    srcs = speaker_sources(lexicons, state, sent, frame, base_level, cue)
    # "X denied ..., saying ...": X is already in the chain through the denial
    unit.sources.extend(x for x in srcs if not in_chain(x, unit.sources))
    if frame.kind != "passive":
        assert unit.head is not None
        written = as_written(sent, frame, srcs)
        start = with_complementizer(sent, unit.head, unit.start)
        if frame.record_from is not None:  # "denied reports that X": the reports' words
            start = min(start, sent.char(doc[frame.record_from].idx))
        att = Attribution("", frame.kind, cue, start, unit.end, written)
        found.append((att, ui))
    deeper = max((x.level for x in srcs), default=base_level) + 1
    for ncue, nsrcs in nested_links(lexicons, state, sent, frame.nested, deeper):
        unit.cues.append(ncue)
        unit.sources.extend(nsrcs)
        found.append((Attribution("", "citing", ncue, unit.start, unit.end, nsrcs), ui))


def reject_relative_denials(lexicons: Lexicons, state: Document, sent: Sentence, cut: Cut) -> None:
    """'..., an allegation the Kremlin has rejected': the units the relative denial rejects
    take the denier as their source and become rejections."""
    doc = sent.span.doc
    for verb, denier in relative_denials(lexicons, sent):
        cue = make_cue(doc, verb.i, verb.i, "attribution", sent.offset)
        for ui in denied_units(verb, cut.frames, cut.unit_of_head, cut.owner):
            unit = cut.units[ui]
            unit.sources = [make_source(lexicons, state, sent, d.i, 1, cue) for d in denier]
            unit.frame = "rejection"
            unit.cues.append(cue)


def reported_denials(sent: Sentence, cut: Cut) -> None:
    """'Kyiv said it rejected claims that X', 'she said he denied that X': a reported
    clause that is a denial is a rejection (its claim is denied, the speaker stays its
    source), as a reported stance on a claim is; X is the denied content of its own."""
    doc = sent.span.doc
    for f in cut.complement:
        if f.kind != "denial" or f.verb is None or f.verb not in cut.unit_of_head:
            continue
        unit = cut.units[cut.unit_of_head[f.verb]]
        if unit.kind == "content" and unit.frame != "rejection":
            unit.frame = "rejection"
            unit.cues.append(make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset))
