"""All attribution frames of one sentence, within the frame limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import errors, settings
from ...nlp.doc import Document, Sentence

if TYPE_CHECKING:
    pass
from .frame import Frame


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
