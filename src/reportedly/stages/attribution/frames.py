"""All attribution frames of one sentence, within the frame limit."""

from __future__ import annotations

from ... import errors, settings
from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence
from .attitudes import attitude_frames
from .carry import after_quote
from .frame import Frame
from .noun_frames import (
    according_frames,
    denial_noun_frames,
    questioning_stances,
    report_noun_frames,
    speculation_frames,
)
from .owned_claims import owned_claim_frames
from .verb_frames import verb_frames


def within_frame_limit(state: Document, sent: Sentence, frames: list[Frame]) -> list[Frame]:
    """The first MAX_FRAMES_PER_SENTENCE frames of a sentence (by their cue); deeper
    nesting ("X said that Y said that ...") stays inside the last kept frame's content,
    so the cost of a sentence grows with its length, not with its length squared."""
    limit = settings.MAX_FRAMES_PER_SENTENCE
    if len(frames) <= limit:
        return frames
    state.notice(
        errors.W_FRAMES,
        f"a sentence at character {sent.start} has {len(frames)} reporting frames; "
        f"the first {limit} were read (settings.MAX_FRAMES_PER_SENTENCE)",
    )
    return sorted(frames, key=lambda f: f.cue[0])[:limit]


def sentence_frames(lexicons: Lexicons, state: Document, sent: Sentence) -> list[Frame]:
    """The attribution frames of a sentence: reporting and stance verbs, "according to",
    speculation, attitude adjectives, denial and report nouns, questioning stances (a verb
    that questions is no speech frame: "called into question"), owned claims ("Russia's
    claim that ...", unless another frame has the clause), within the frame limit."""
    questioning = questioning_stances(lexicons, sent)
    doubted = {f.verb for f in questioning}
    frames = (
        [f for f in verb_frames(lexicons, sent) if f.verb not in doubted]
        + according_frames(lexicons, sent)
        + speculation_frames(lexicons, sent)
        + attitude_frames(lexicons, sent)
        + denial_noun_frames(lexicons, sent)
        + report_noun_frames(lexicons, sent)
        + questioning
    )
    framed = {f.content for f in frames}
    frames += [f for f in owned_claim_frames(lexicons, sent) if f.content not in framed]
    return within_frame_limit(state, sent, frames)


def dangling_frames(
    state: Document, si: int, frames: list[Frame]
) -> tuple[list[Frame], list[Frame]]:
    """(the frames kept, the dangling ones): a speech verb with nothing to report right
    after a closing quote speaks the quotation before ('“Are you winning?” she said.');
    anywhere else it is just a verb ("he asked Moscow for help") and is dropped."""
    if after_quote(state, si):
        return frames, [f for f in frames if f.kind == "dangling"]
    return [f for f in frames if f.kind != "dangling"], []
