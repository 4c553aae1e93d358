"""The cue of each attribution record as the phrase PolNeAR marks ("then pointed out",
"called for", "said Friday")."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ...lexicons import AttributionLexicon, Lexicons
from ...nlp.doc import Document
from ...records import Cue

if TYPE_CHECKING:
    from spacy.tokens import Token


#: A content's character range (start, end exclusive), in the offsets of the parsed block.
Content = tuple[int, int]


def _cue_prep(lex: AttributionLexicon, verb: Token, prep: Token, content: Content | None) -> bool:
    """A preposition that belongs to the cue: "called for", "pointed to", "warned against",
    "talked about" (a topic preposition), and "spoke of", "said about" when its object is
    the ``content`` (not the topic of a quotation: "'...,' she said of the plan"); not a
    date ("said on Monday") nor the hearer of a verb of saying ("said to reporters")."""
    if prep.lower_ in lex.content_prepositions:
        if (
            prep.lower_ in lex.topic_prepositions
            and verb.lemma_.lower() not in lex.quotation_topic_verbs
        ):
            return True
        return content is not None and _object_in(prep, content)
    if prep.lower_ not in lex.cue_prepositions:
        return False
    if any(o.ent_type_ in ("DATE", "TIME") for o in prep.children):
        return False
    if f"{verb.lemma_.lower()} {prep.lower_}" in lex.phrasal_cues:
        return True
    return not (prep.lower_ in ("to", "on") and verb.lemma_.lower() in lex.speech_verbs)


def _object_in(prep: Token, content: Content) -> bool:
    """Whether the object of ``prep`` lies in the content (document character offsets)."""
    return any(
        c.dep_ in ("pobj", "pcomp") and content[0] <= c.idx < content[1] for c in prep.children
    )


def _cue_before(prev: Token, verb: Token) -> bool:
    """An adverb of the verb ("then", "also") or its infinitive "to" right before it; not
    a wh-adverb that opens its clause ("when pressed on it": in PolNeAR train, none of 45
    cues after "when" holds it)."""
    if prev.dep_ == "advmod" and prev.tag_ != "WRB":
        return prev.head.i in (verb.i, verb.head.i) and prev.i < verb.i
    return prev.dep_ == "aux" and prev.lower_ == "to" and prev.head.i == verb.i


def _cue_after(lex: AttributionLexicon, nxt: Token, verb: Token, content: Content | None) -> bool:
    """The verb's particle, its preposition ("called for") or a day ("said Friday")."""
    if nxt.head.i != verb.i:
        return False
    if nxt.dep_ == "prt":
        return True
    if nxt.dep_ == "prep":
        return _cue_prep(lex, verb, nxt, content)
    return nxt.dep_ in ("npadvmod", "tmod") and nxt.ent_type_ in ("DATE", "TIME")


def _introducing_colon(nxt: Token, content: Content | None) -> bool:
    """A colon right after the cue that opens its content ("added: ...", "said Friday:"):
    PolNeAR counts it in the cue."""
    if nxt.text != ":" or nxt.i == 0 or nxt.doc[nxt.i - 1].whitespace_:
        return False
    return content is None or content[0] > nxt.idx


def _sentence_at(starts: list[int], offset: int) -> int:
    """Index of the sentence (by its start offsets, in order) that holds ``offset``."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def cue_phrase(
    lexicons: Lexicons,
    state: Document,
    starts: list[int],
    cue: Cue,
    content: tuple[int, int] | None = None,
) -> Cue:
    """The attribution record's cue as a phrase, the way PolNeAR marks it: the verb with
    the adverbs right before it ("then pointed out", "also vowed"), its particle or
    preposition ("called for", "pointed to"), a day right after it ("said Friday"), the
    colon that opens its content ("added:"), and the raising verb that governs it
    ("appeared to suggest"). The claim's own cue (what status reads) is left as it is.
    ``starts``: the sentences' start offsets; ``content``: the record's content (article
    offsets), which a preposition of ``content_prepositions`` must hold the object of."""
    if cue.kind != "attribution":
        return cue
    sent = state.sentences[_sentence_at(starts, cue.start)] if starts else None
    if sent is None or not sent.start <= cue.start < sent.end:
        return cue
    lex = lexicons.attribution
    toks = [t for t in sent.span if cue.start <= sent.char(t.idx) < cue.end]
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return cue
    verb = verbs[-1]
    doc = verb.doc
    lo, hi = toks[0].i, toks[-1].i
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.raising_verbs and verb.head.i < lo:
        lo = verb.head.i  # "appeared to suggest"
    while lo > sent.span.start and _cue_before(doc[lo - 1], verb):
        lo -= 1
    held = None if content is None else (content[0] - sent.offset, content[1] - sent.offset)
    while hi > verb.i and doc[hi].head.i == verb.i and doc[hi].dep_ == "prep":
        if _cue_prep(lex, verb, doc[hi], held):
            break
        hi -= 1  # a tagged cue's "said in", "shouted to": not the cue's, by the rules above
    while hi + 1 < sent.span.end and _cue_after(lex, doc[hi + 1], verb, held):
        hi += 1
    if hi + 1 < sent.span.end and _introducing_colon(doc[hi + 1], held):
        hi += 1
    if lo == toks[0].i and hi == toks[-1].i:
        return cue
    start = sent.char(doc[lo].idx)
    end = sent.char(doc[hi].idx + len(doc[hi].text))
    return Cue(text=state.article.text[start:end], start=start, end=end, kind=cue.kind)
