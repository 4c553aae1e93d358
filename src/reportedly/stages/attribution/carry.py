"""Chains carried across sentences: a quotation that goes on over sentences, a speaker named
after the quotation or in the paragraph before, hedged sentences after an attributed one,
"This was reported by X", a speaker split off by the tagger."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...cuefinder import hedge_cues, make_cue
from ...lexicons import Lexicons
from ...nlp.doc import Document, Unit
from ...records import Attribution, Source
from ...text.quotations import in_quote, quote_regions
from ..next_sentence import retro_frame
from .frame import Found, Frame
from .sources import make_source
from .speakers import nested_links

if TYPE_CHECKING:
    from spacy.tokens import Doc


def after_quote(state: Document, si: int) -> bool:
    """True when the previous sentence of the paragraph ends with a closing quote."""
    if si == 0:
        return False
    sent, prev = state.sentences[si], state.sentences[si - 1]
    tail = state.article.text[prev.start : prev.end].rstrip()
    return prev.block == sent.block and bool(tail) and tail[-1] in "”\"’'»"


def attach_backwards(
    lexicons: Lexicons, state: Document, si: int, frame: Frame, units: list[Unit], found: Found
) -> None:
    """'“Are you winning?” she said.': the speaker of a quotation the tagger split off."""
    sent = state.sentences[si]
    doc = sent.span.doc
    cue = make_cue(doc, frame.cue[0], frame.cue[-1], "attribution", sent.offset)
    for ui, u in enumerate(units):
        if u.sentence == si - 1 and not u.sources:
            u.sources = [make_source(lexicons, state, sent, s, 1, cue) for s in frame.sources]
            u.cues.append(cue)
            u.direct_quote = True
            found.append((Attribution("", "speech", cue, u.start, u.end, u.sources), ui))


def attach_retro(
    lexicons: Lexicons, state: Document, si: int, units: list[Unit], found: Found
) -> bool:
    """'A. This was reported by X, citing Y.': the unattributed units of the sentence
    before take X (and Y one level deeper). True when the sentence was such a one."""
    sent = state.sentences[si]
    retro = retro_frame(lexicons, sent)
    if retro is None or state.sentences[si - 1].block != sent.block:
        return False
    targets = [ui for ui, u in enumerate(units) if u.sentence == si - 1 and not u.sources]
    if not targets:
        return False
    doc = sent.span.doc
    cue = make_cue(doc, retro.cue[0], retro.cue[-1], "attribution", sent.offset)
    for ui in targets:
        u = units[ui]
        srcs = [make_source(lexicons, state, sent, s, 1, cue) for s in retro.sources]
        u.cues.append(cue)
        found.append((Attribution("", "speech", cue, u.start, u.end, srcs), ui))
        for ncue, deeper in nested_links(lexicons, state, sent, retro.nested, 2):
            u.cues.append(ncue)
            found.append((Attribution("", "citing", ncue, u.start, u.end, deeper), ui))
            srcs += deeper
        u.sources = srcs
    return True


def _principal(state: Document, units: list[Unit]) -> Unit | None:
    """The unit that carries a sentence's main statement: the root's clause, or the
    content of the frame whose verb is the root ("..., reported Bloomberg")."""
    if not units:
        return None
    root = state.sentences[units[0].sentence].span.root.i
    for u in units:
        if u.head == root:
            return u
    for u in units:
        if u.kind == "content" and u.parent is None:
            return u
    return units[0]


def _opened_by(
    state: Document,
    by_sentence: dict[int, list[Unit]],
    si: int,
    region: tuple[int, int] | None,
) -> Unit | None:
    """The attributed quotation, begun in an earlier sentence of the paragraph, that the
    quotation ``region`` of sentence ``si`` continues."""
    if region is None:
        return None
    block = state.sentences[si].block
    for sj in range(si - 1, -1, -1):
        if state.sentences[sj].block != block or state.sentences[sj].end <= region[0]:
            return None
        quoted = [
            p
            for p in by_sentence.get(sj, [])
            if p.sources and p.direct_quote and region[0] <= p.start and p.end <= region[1] + 1
        ]
        if quoted:  # the quotation's own speaker, not one it quotes in turn
            return min(quoted, key=lambda p: len(p.sources))
    return None


def _paragraph_before(
    state: Document,
    by_sentence: dict[int, list[Unit]],
    si: int,
    region: tuple[int, int] | None,
) -> Unit | None:
    """The speaker of a quotation that opens a paragraph: it goes on from a quotation that
    closed the paragraph before ('... my own music," she said. / "That's it. ..."'), or it
    stands alone after a paragraph that names a speaker ('X said Y. / "Z."')."""
    sent, last = state.sentences[si], state.sentences[si - 1]
    before = by_sentence.get(si - 1, [])
    p = _principal(state, before)
    if p is not None and not p.sources:
        # '"We lost everything," said X, standing outside her shop.': the root is the
        # speech verb's own clause; the quotation it introduces has the speaker
        p = next((u for u in reversed(before) if u.direct_quote and u.sources), p)
    alone = region is not None and region[0] == state.blocks[sent.block].start
    if last.block == sent.block - 1 and p is not None and (p.direct_quote or alone) and p.sources:
        return p
    return None


def _mark_quotes(state: Document, units: list[Unit]) -> dict[int, list[tuple[int, int]]]:
    """Flag the units inside quotation marks; the quotation regions of each block."""
    text = state.article.text
    regions_by_block: dict[int, list[tuple[int, int]]] = {}
    for u in units:
        bi = state.sentences[u.sentence].block
        if bi not in regions_by_block:  # once per block (not per unit: a long block is slow)
            block = state.blocks[bi]
            regions_by_block[bi] = [
                (s + block.start, e + block.start)
                for s, e in quote_regions(text[block.start : block.end])
            ]
        if in_quote(regions_by_block[bi], u.start, u.end):
            u.direct_quote = True
    return regions_by_block


def carry(
    lexicons: Lexicons, state: Document, units: list[Unit]
) -> dict[int, list[tuple[int, int]]]:
    """Carry a chain to the next sentences of a paragraph where the discourse continues it;
    returns the quotation regions of each block."""
    by_sentence: dict[int, list[Unit]] = {}
    for u in units:
        by_sentence.setdefault(u.sentence, []).append(u)
    regions_by_block = _mark_quotes(state, units)
    for si, sent in enumerate(state.sentences):
        regions = regions_by_block.get(sent.block, [])
        for u in by_sentence.get(si, []):
            if u.sources:
                continue
            region = next(((s, e) for s, e in regions if s <= u.start and u.end <= e + 1), None)
            if not _carry_quoted(state, by_sentence, si, region, u):
                _carry_on(lexicons, state, by_sentence, si, region, u)
    return regions_by_block


def _take(u: Unit, source: Unit, cues: bool = True) -> None:
    """``u`` takes a copy of the chain of ``source`` (with its attribution cues)."""
    u.sources = [Source(**{**s.__dict__}) for s in source.sources]
    if cues:
        u.cues.extend(c for c in source.cues if c.kind == "attribution")
    u.carried = True


def _carry_quoted(
    state: Document,
    by_sentence: dict[int, list[Unit]],
    si: int,
    region: tuple[int, int] | None,
    u: Unit,
) -> bool:
    """A quoted unit takes the speaker of its quotation: one begun in an earlier sentence
    ('X said, "A. B. C."'), one whose speaker comes at its end ('"A. B," said X.'). True
    when it took one."""
    opened = _opened_by(state, by_sentence, si, region) if u.direct_quote else None
    if opened is not None:
        _take(u, opened)
        return True
    if not (u.direct_quote and region is not None):
        return False
    block = state.sentences[si].block
    nxt = [
        p
        for sj in (si + 1, si + 2, si + 3)
        if sj < len(state.sentences) and state.sentences[sj].block == block
        for p in by_sentence.get(sj, [])
        if p.sources and p.direct_quote and region[0] <= p.start and p.end <= region[1] + 1
    ]
    if nxt:
        _take(u, nxt[0])
        return True
    return False


def _carry_on(
    lexicons: Lexicons,
    state: Document,
    by_sentence: dict[int, list[Unit]],
    si: int,
    region: tuple[int, int] | None,
    u: Unit,
) -> None:
    """A unit with no source after an attributed sentence of its paragraph: a quotation
    that opens it takes the paragraph before's speaker; a hedged unit, or a quotation
    after a quoted one, takes the chain of the sentence before (not "X is said to ...",
    which has an unnamed source of its own)."""
    sent = state.sentences[si]
    prev = [
        p
        for sj in (si - 1, si - 2)
        if sj >= 0 and state.sentences[sj].block == sent.block
        for p in [_principal(state, by_sentence.get(sj, []))]
        if p is not None and p.sources
    ]
    if not prev and u.direct_quote and si > 0:
        p = _paragraph_before(state, by_sentence, si, region)
        if p is not None:
            _take(u, p)
        return
    if not prev:
        return
    doc = sent.span.doc
    hedged = bool(hedge_cues(lexicons, doc, u.tokens, sent.offset))
    quoted_on = u.direct_quote and any(p.direct_quote for p in prev)
    if hedged and not quoted_on and _passive_report(lexicons, doc, u.tokens):
        return  # "X is said to ...": its own unnamed source, not the last speaker
    if hedged or quoted_on:
        _take(u, prev[0], cues=quoted_on)


def _passive_report(lexicons: Lexicons, doc: Doc, ids: Iterable[int]) -> bool:
    """Whether the tokens ``ids`` hold a passive report ("is said to be", "are reported to
    have"): an evidential with an unnamed source of its own."""
    verbs = lexicons.attribution.passive_report_verbs
    for i in ids:
        tok = doc[i]
        if tok.tag_ != "VBN" or tok.lemma_.lower() not in verbs or tok.i + 1 >= len(tok.doc):
            continue
        if tok.doc[tok.i + 1].lower_ == "to" and any(c.dep_ == "auxpass" for c in tok.children):
            return True
    return False


def region_of(
    regions: dict[int, list[tuple[int, int]]], block: int, unit: Unit
) -> tuple[int, int] | None:
    """The quotation region of ``block`` that holds ``unit``, or None."""
    return next(
        (r for r in regions.get(block, []) if r[0] <= unit.start and unit.end <= r[1] + 1), None
    )
