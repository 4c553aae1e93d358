"""Headline sources: "Source: claim" and "Claim: Source".

Headlines name a speaker with a colon instead of a verb ("Minister: the port will
reopen", "Port to reopen in May: ministry"). The side of the colon that is a short name
of a person or a body (no verb, a named entity that is not a place) is the source of the
claims on the other side that have none of their own.
"""

from __future__ import annotations

from collections.abc import Callable

from ..cuefinder import make_cue
from ..nlp.doc import Document, Sentence, Unit
from ..records import Cue, Source

#: The longest name a headline puts on one side of its colon.
MAX_NAME_TOKENS = 5
#: Entity types that name a speaker (a place before a colon is a dateline or a topic).
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP"})
#: Source kinds that can speak in a headline.
SPEAKER_KINDS = frozenset({"person", "official", "organisation", "government", "outlet"})

MakeSource = Callable[[Sentence, int, Cue], Source]


def _name_side(sent: Sentence, first: int, last: int) -> int | None:
    """The head token of tokens first..last when they are a short speaker's name."""
    doc = sent.span.doc
    toks = [doc[i] for i in range(first, last + 1) if not doc[i].is_punct]
    if not toks or len(toks) > MAX_NAME_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    if not any(t.ent_type_ in SPEAKER_ENTS for t in toks) and not all(
        t.pos_ == "PROPN" for t in toks
    ):
        return None  # "Analysis: ...", "Exclusive: ..." are labels
    if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in toks):
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return heads[0].i if len(heads) == 1 else toks[-1].i


def _colon_source(sent: Sentence, make_source: MakeSource) -> tuple[Source, int, int] | None:
    """The speaker named beside the headline's colon and the char range it occupies."""
    span = sent.span
    colons = [t.i for t in span if t.text == ":"]
    if len(colons) != 1:
        return None
    c = colons[0]
    for first, last in ((span.start, c - 1), (c + 1, span.end - 1)):
        if last < first:
            continue
        head = _name_side(sent, first, last)
        if head is None:
            continue
        doc = span.doc
        lo, hi = (first, c) if last < c else (c, last)
        cue = make_cue(doc, lo, hi, "attribution", sent.offset)
        src = make_source(sent, head, cue)
        if src.kind in SPEAKER_KINDS:
            return src, sent.char(doc[first].idx), sent.char(doc[last].idx + len(doc[last].text))
    return None


def headline_sources(state: Document, units: list[Unit], make_source: MakeSource) -> None:
    """Give the source-less claims of a headline the speaker beside its colon."""
    for si, sent in enumerate(state.sentences):
        if sent.kind != "headline":
            continue
        mine = [u for u in units if u.sentence == si and not u.sources]
        if not mine:
            continue
        found = _colon_source(sent, make_source)
        if found is None:
            continue
        src, start, end = found
        for u in mine:
            if u.end <= start or u.start >= end or u.kind == "clause":
                u.sources = [src]
                if src.cue is not None:
                    u.cues.append(src.cue)
