"""Attribution: who carries each statement.

For every sentence the stage finds attribution *frames*:

- reporting verbs in any position: "X said (that) ...", "..., said X", "..., reported
  Bloomberg", "the Bloomberg report said, citing sources" (the citing adds a deeper link);
- "according to X (and Y)" (parallel sources, one level);
- speculation nouns that frame a clause: "speculations are rife that ...";
- expletive passives: "it is said that ..." (a source-less report);
- speaker labels that open a paragraph ("TAPPER: ...", "Harbour chief: ..."), as
  attribution records only.

It then cuts the sentence into claim *units*: the content of each complement frame,
and the sentence's own clause(s) outside those contents (a concessive "while/though"
clause is a claim of its own). Each unit gets its source chain; hedged units with no
source of their own inherit the chain of the previous attributed sentence of the same
paragraph, and sentences inside a quotation that began earlier inherit its speaker.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..nlp.doc import Document, FrameLink, Sentence, Unit
from ..records import Cue, Source
from .attribution.carry import attach_backwards, attach_retro, carry
from .attribution.chains import reject_relative_denials, reported_denials, unit_chains
from .attribution.cues import cue_phrase
from .attribution.frame import Found, Frame
from .attribution.frames import dangling_frames, sentence_frames
from .attribution.quotes import quotation_contents, quote_speakers
from .attribution.sources import make_source
from .attribution.stances import record_stances, stance_claims
from .attribution.units import cut_units
from .base import stage, uses_lexicons
from .headline_source import headline_sources
from .source_coref import (
    resolve_description_sources,
    resolve_document_sources,
    resolve_group_sources,
    resolve_pronoun_sources,
)
from .speaker_labels import speaker_labels
from .tagged_frames import tagged_attributions, unconfirmed


def _sentence_units(
    lexicons: Lexicons,
    state: Document,
    si: int,
    sent: Sentence,
    dangling: list[Frame],
    found: Found,
) -> list[Unit]:
    """The passes over one sentence: its frames, its stances on a noun phrase, its units,
    their chains, the claims stances and relative denials make. A dangling speech frame
    goes to ``dangling``, the attribution records to ``found``."""
    frames, hanging = dangling_frames(state, si, sentence_frames(lexicons, state, sent))
    dangling.extend(hanging)
    stances = record_stances(lexicons, state, sent, frames, found)
    cut = cut_units(lexicons, sent, si, [f for f in frames if not f.np_content])
    stance_claims(sent.span.doc, cut.units, cut.unit_of_head, cut.owner, stances, found)
    reported_denials(sent, cut)
    unit_chains(lexicons, state, sent, cut, found)
    reject_relative_denials(lexicons, state, sent, cut)
    return cut.units


def attribute(lexicons: Lexicons, state: Document) -> None:
    """Find attribution frames and cut sentences into claim units with source chains."""
    units: list[Unit] = []
    found: Found = []
    for si, sent in enumerate(state.sentences):
        state.check_time()
        dangling: list[Frame] = []
        local: Found = []
        sent_units = _sentence_units(lexicons, state, si, sent, dangling, local)
        if not local and si > 0 and attach_retro(lexicons, state, si, units, found):
            continue  # "This was reported by X": the sentence before is X's, this is no claim
        base = len(units)
        for u in sent_units:
            if u.parent is not None:
                u.parent += base
        found.extend((a, None if ui is None else ui + base) for a, ui in local)
        if dangling and si > 0:
            attach_backwards(lexicons, state, si, dangling[0], units, found)
        units.extend(sent_units)
    regions = carry(lexicons, state, units)
    quotation_contents(state, units, found, regions)
    headline_sources(
        state, units, lambda sent, head, cue: make_source(lexicons, state, sent, head, 1, cue)
    )
    resolve_pronoun_sources(lexicons, state, units)
    resolve_description_sources(state, units)
    resolve_document_sources(state, units)
    resolve_group_sources(lexicons, state, units)
    quote_speakers(state, units, regions)
    state.units = units

    def source(sent: Sentence, head: int, cue: Cue) -> Source:
        return make_source(lexicons, state, sent, head, 1, cue)

    found.extend((att, None) for att in tagged_attributions(state, [a for a, _ in found], source))
    found.extend(
        (att, None) for att in speaker_labels(lexicons, state, [a for a, _ in found], source)
    )
    dropped = unconfirmed(state, [a for a, _ in found])
    found = [(a, ui) for a, ui in found if id(a) not in dropped]
    found.sort(key=lambda au: (au[0].cue.start, au[0].content_start))
    starts = [x.start for x in state.sentences]
    for att, _ in found:
        att.cue = cue_phrase(lexicons, state, starts, att.cue, (att.content_start, att.content_end))
    state.frames = []
    for n, (att, ui) in enumerate(found, start=1):
        att.id = f"a{n}"
        state.frames.append(FrameLink(att, ui))


make_attribute = stage(
    "attribute.v1",
    alias="attribute",
    requires=["sentences", "entities", "mentions"],
    assigns=["units", "frames"],
)(uses_lexicons(attribute))
