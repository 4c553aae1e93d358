"""Speaker labels: "NAME: text" at the start of a paragraph.

A transcript names each speaker before a colon ("TAPPER: And the debate?", "Q: Why now?"),
and a headline puts its source there ("Harbour chief: ferries will sail again"). When
the words before a paragraph's first colon are a short name (at most MAX_NAME_WORDS
capitalised words, no verb, not a place, a date or a label such as "UPDATE" or
"Analysis"), the colon is an attribution cue, the name its source and the rest of the
sentence its content. These are attribution records; they make no claim of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..cuefinder import make_cue
from ..lexicons import Lexicons
from ..nlp.doc import Document, Sentence
from ..records import Attribution
from .tagged_frames import MakeSource, covered

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The longest speaker name a label holds.
MAX_NAME_WORDS = 4
#: Entity types that are no speaker ("Paris: ...", "Monday: ...").
NOT_SPEAKERS = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})
OPENING_MARKS = frozenset({'"', "“", "'", "‘", "``"})


def _name(words: list[Token], labels: frozenset[str]) -> bool:
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if any(t.pos_ in ("VERB", "AUX") or t.ent_type_ in NOT_SPEAKERS for t in words):
        return False
    if " ".join(t.lower_ for t in words) in labels or words[0].lower_ in labels:
        return False
    if any(t.pos_ == "ADP" and t.is_title for t in words[1:]):
        return False  # a headline's title case ("Stealth Over Health:"), not "Bank of England"
    return all(t.is_title or t.is_upper for t in words)


def _label(lexicons: Lexicons, sent: Sentence) -> tuple[list[Token], Token] | None:
    """(the name's words, the colon) of a sentence that opens with a speaker label."""
    span = sent.span
    colon = next((t for t in span if t.text == ":"), None)
    if colon is None:
        return None
    before = [t for t in span.doc[span.start : colon.i] if not t.is_space]
    while before and before[0].text in OPENING_MARKS:
        before = before[1:]
    if any(t.is_punct and t.text not in (".", "-", "'") for t in before):
        return None
    words = [t for t in before if not t.is_punct]
    if not _name(words, lexicons.word_set("headline_labels")):
        return None
    return words, colon


def _content(state: Document, si: int, after: int) -> tuple[int, int] | None:
    """Article offsets of what the label's speaker says: from article offset ``after``
    (the colon's end) to the end of its paragraph, less the closing full stop; the parser
    may have ended the sentence at the colon."""
    sent = state.sentences[si]
    last = si
    while last + 1 < len(state.sentences) and state.sentences[last + 1].block == sent.block:
        last += 1
    text = state.article.text
    start, end = after, state.sentences[last].end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    return (start, end) if end > start else None


def speaker_labels(
    lexicons: Lexicons,
    state: Document,
    known: Iterable[Attribution],
    make_source: MakeSource,
) -> list[Attribution]:
    """The attribution records of the speaker labels that open a paragraph, where no
    frame in ``known`` has the colon for its cue."""
    taken = [(a.cue.start, a.cue.end) for a in known]
    out: list[Attribution] = []
    for si, sent in enumerate(state.sentences):
        if si and state.sentences[si - 1].block == sent.block:
            continue  # a label opens its paragraph
        found = _label(lexicons, sent)
        if found is None:
            continue
        words, colon = found
        doc = sent.span.doc
        cue = make_cue(doc, colon.i, colon.i, "attribution", sent.offset)
        if covered(cue, taken):
            continue
        span = _content(state, si, cue.end)
        if span is None:
            continue
        ids = {t.i for t in words}
        head = next((t for t in words if t.head.i not in ids or t.head.i == t.i), words[-1])
        src = make_source(sent, head.i, cue)
        src.start = sent.char(words[0].idx)
        src.end = sent.char(words[-1].idx + len(words[-1].text))
        out.append(Attribution("", "label", cue, span[0], span[1], [src]))
    return out
