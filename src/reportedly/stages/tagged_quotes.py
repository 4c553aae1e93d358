"""The quotation a tagged cue reports when the parse gives it no complement.

A small parser often hangs a quotation off its reporting verb by a preposition or a loose
dependency ('"It is a cynical place," said Ana Ruiz'; '"Probably not," she said'), so the
cue has no clausal complement to read. The quotation beside the cue is then its content:

- a quotation that closes right before the cue, or before the cue's subject ('"...," she
  said'; '"...," said the mayor'), from its opening mark, which may be sentences earlier in
  the same paragraph ('"Is it ready? Not yet," she said');
- a quotation that opens right after the cue ('She said, "..."'), up to its closing mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Marks that open or close a quotation whatever their place.
OPENING = frozenset({"“", "«", "``"})
CLOSING = frozenset({"”", "»"})
#: Marks that open a quotation when none is open and close it otherwise.
STRAIGHT = frozenset({'"', "''"})
#: What may stand between a quotation and the cue that follows it, besides the speaker.
BETWEEN = frozenset({",", "—", "-", "–"})
#: What may stand between a cue and the quotation that follows it.
BEFORE_QUOTE = frozenset({",", ":"})
#: Subject relations: the speaker a cue's quotation may stand before.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def quotation_pairs(doc: Doc) -> dict[int, int]:
    """Opening mark -> closing mark, and closing -> opening, for the quotations of ``doc``
    (straight marks alternate; an unclosed quotation is left out)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    straight_open: int | None = None
    for t in doc:
        text = t.text
        if text in OPENING:
            stack.append(t.i)
        elif text in CLOSING and stack:
            o = stack.pop()
            pairs[o], pairs[t.i] = t.i, o
        elif text in STRAIGHT:
            if straight_open is None:
                straight_open = t.i
            else:
                pairs[straight_open], pairs[t.i] = t.i, straight_open
                straight_open = None
    return pairs


def _skippable(doc: Doc, i: int) -> bool:
    return doc[i].is_space or doc[i].text in BETWEEN


def _before(cue: Span, sources: list[Span], pairs: dict[int, int]) -> tuple[int, int] | None:
    doc = cue.doc
    j = cue.start - 1
    while j >= 0 and _skippable(doc, j):
        j -= 1
    # a subject the parser found inside the quotation is no speaker ('"..., it will at some
    # point," said X': "it" hangs from "said")
    subject = [
        c
        for c in cue.root.children
        if c.dep_ in SUBJECTS
        and c.i < cue.start
        and not any(pairs.get(k, k) < k for k in range(c.right_edge.i + 1, cue.start))
    ]
    speaker_start = min(
        [c.left_edge.i for c in subject]
        + [s.start for s in sources if s.end <= cue.start and s.end >= j]
        + [j + 1]
    )
    if speaker_start <= j:  # '"...," Ms. Moore said': past the speaker
        j = speaker_start - 1
        while j >= 0 and _skippable(doc, j):
            j -= 1
    if j < 0 or j not in pairs or pairs[j] > j:
        return None
    return (pairs[j], j)


def _after(cue: Span, pairs: dict[int, int]) -> tuple[int, int] | None:
    doc = cue.doc
    k = cue.end
    while k < len(doc) and (doc[k].is_space or doc[k].text in BEFORE_QUOTE):
        k += 1
    if k >= len(doc) or k not in pairs or pairs[k] < k:
        return None
    return (k, pairs[k])


def quotation_before(
    cue: Span, sources: list[Span], pairs: dict[int, int] | None = None
) -> tuple[int, int] | None:
    """Token range (opening mark, closing mark) of the quotation that closes right before
    ``cue`` or before its subject (``sources``: the tagged sources near it), or None
    (``pairs``: the doc's :func:`quotation_pairs`, when the caller has them)."""
    return _before(cue, sources, quotation_pairs(cue.doc) if pairs is None else pairs)


def quotation_after(cue: Span, pairs: dict[int, int] | None = None) -> tuple[int, int] | None:
    """Token range (opening mark, closing mark) of the quotation that opens right after
    ``cue`` (past a comma or colon), or None."""
    return _after(cue, quotation_pairs(cue.doc) if pairs is None else pairs)
