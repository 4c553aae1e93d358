"""Attribution frames from the learned tagger's cues that no rule frame covers.

The tagger (:mod:`reportedly.nlp.tagger`) proposes SOURCE and CUE spans. Where a rule
frame already has the cue, the rule's frame stands. A proposed cue the rules did not find
becomes an :class:`~reportedly.records.Attribution` of its own when its content can be
read from the parse:

- the cue's clausal or object complement ("mentioned *the plan*", "responded *that ...*"),
  the complementizer counted in (as PolNeAR counts it), an object with its infinitive
  ("urged *voters to stay home*") or its "as" predicate ("described *it as a failure*");
- the object of a preposition the cue holds ("complained about *the heating*"), and a
  noun cue's clause or prepositional object ("the claim *that ...*");
- the clause a parenthetical cue interrupts or follows ("..., he said, ...");
- after a colon cue, the rest of the sentence ("Name: text");
- a clause the parse hung from the cue as an adverbial (or an unknown relation) though no
  subordinator opens it: a complement without "that" it missed;
- the quotation that closes right before the cue or its speaker, from its opening mark,
  or opens right after it (:mod:`.tagged_quotes`), whatever the parse made of it;
- for a sentence that is only a speaker and a cue, the quotation just before it.

The sentence's closing full stop is left out (PolNeAR's spans leave it out).

Its source is the tagged SOURCE span that holds the cue's subject (or the agent of a
passive cue, or the owner of a noun cue), else the nearest tagged source of the sentence
outside the content; none when there is none. These frames are what the attribution
layer reports; they make no claim of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..cuefinder import make_cue
from ..nlp.doc import Document, Sentence
from ..nlp.tagger import SPANS_KEY
from ..records import Attribution, Cue, Source
from ..syntax import subtree_ids
from .tagged_quotes import quotation_after, quotation_before, quotation_pairs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Complements of a cue that are its content, best first.
CONTENT_DEPS: tuple[str, ...] = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acl", "relcl")
#: Dependents that point from a cue to its speaker.
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "pobj"})
#: Relations of a parenthetical cue to the clause it reports ("X, he said, Y").
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
#: What follows a cue's object and belongs with it in the content.
PREDICATE_DEPS = frozenset({"oprd", "xcomp", "acomp"})
PREDICATE_PREPS = frozenset({"as"})
COLONS = frozenset({":", "―", "—"})
#: Relations the parser gives a complement it did not see as one (see _unmarked_clause),
#: and the adverbs that make such a clause adverbial after all (a "mark" always does).
LOOSE_DEPS = frozenset({"advcl", "dep"})
LOOSE_OPENERS = frozenset({"when", "while", "where", "whenever", "once"})
#: Relations of a cue's subject that speaks (a passive's subject is what is spoken of:
#: "the vote is expected", "he was accused of").
SUBJECTS = frozenset({"nsubj"})

MakeSource = Callable[[Sentence, int, Cue], Source]


def _edges(doc_ids: Iterable[int]) -> tuple[int, int] | None:
    ids = sorted(doc_ids)
    return (ids[0], ids[-1]) if ids else None


def _trimmed(sent: Span, first: int, last: int) -> tuple[int, int] | None:
    """first..last without leading commas/spaces and trailing commas (a closing mark stays)."""
    doc = sent.doc
    while first <= last and (doc[first].is_space or doc[first].text in (",", "-", "—")):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in (",", "-", "—")):
        last -= 1
    return (first, last) if first <= last else None


def _after_colon(sent: Span, cue: Span) -> tuple[int, int] | None:
    return _trimmed(sent, cue.end, sent.end - 1) if cue.end < sent.end else None


def _complement(cue: Span) -> set[int]:
    root = cue.root
    objs = [c for c in root.children if c.dep_ == "dobj" and c.i >= cue.end]
    clauses = [c for c in root.children if c.dep_ == "xcomp" and c.i >= cue.end]
    if objs and clauses and objs[0].i < clauses[0].i:
        return subtree_ids(objs[0]) | subtree_ids(clauses[0])  # "urged voters *to stay home*": both
    for dep in CONTENT_DEPS:
        for c in root.children:
            if c.dep_ == dep and not (cue.start <= c.i < cue.end):
                return subtree_ids(c) | (_predicate(root, c) if dep == "dobj" else set())
    for c in root.children:
        if c.dep_ != "prep":
            continue
        objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if objs and cue.start <= c.i < cue.end:
            return subtree_ids(objs[0])  # the cue holds its preposition: "complained *about* it"
        if objs and c.i >= cue.end and root.pos_ == "NOUN":
            return subtree_ids(c)
    return set()


def _passive_subject(root: Token) -> set[int]:
    """What a passive cue says something of: "*the song* was written by ..."."""
    subjects = [c for c in root.children if c.dep_ == "nsubjpass"]
    return subtree_ids(subjects[0]) if subjects else set()


def _verb_preps(cue: Span) -> set[int]:
    """The prepositional phrases after a verb cue with no other complement, the
    prepositions counted in ("responded *to the letter*", "agreed *with the mayor about
    the date*"); a time phrase ("on Monday") is none of them."""
    root = cue.root
    if root.pos_ not in ("VERB", "AUX"):
        return set()
    out: set[int] = set()
    for c in root.children:
        if c.dep_ != "prep" or c.i < cue.end:
            continue
        objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if objs and not any(o.ent_type_ in ("DATE", "TIME") for o in objs):
            out |= subtree_ids(c)
    return out


def _unmarked_clause(cue: Span) -> set[int]:
    """A clause the parser hung from the cue as an adverbial or an unknown relation though
    no subordinator opens it: a complement without "that" the parse missed ("said after
    the convention *he would not accept it*", "*People like Scott*, he said")."""
    for c in cue.root.children:
        if c.dep_ in LOOSE_DEPS and not (cue.start <= c.i < cue.end):
            if not any(_opens(g) for g in c.children):
                return subtree_ids(c)
    return set()


def _opens(word: Token) -> bool:
    """A subordinator of an adverbial clause ("if", "because", "when it came")."""
    return word.dep_ == "mark" or (word.dep_ == "advmod" and word.lower_ in LOOSE_OPENERS)


def _quoted_before(sent: Span, cue: Span) -> tuple[int, int] | None:
    """The quotation just before a sentence that is only its speaker and cue ("“...?” the
    narrator asks."): a cue with nothing to report after a closing quotation mark."""
    doc = sent.doc
    if any(t.i >= cue.end and not t.is_punct for t in sent):
        return None
    j = sent.start - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in (",", ".")):
        j -= 1
    if j < 0 or not doc[j].is_quote:
        return None
    prev = doc[j].sent
    return _trimmed(prev, prev.start, j)


def _predicate(verb: Token, obj: Token) -> set[int]:
    """What the verb says of its object right after it: "described the plan *as a failure*",
    "called it *a mistake*"."""
    for c in verb.rights:
        if c.i <= obj.i:
            continue
        if c.dep_ in PREDICATE_DEPS or (c.dep_ == "prep" and c.lower_ in PREDICATE_PREPS):
            return subtree_ids(c)
        break
    return set()


def _interrupted(cue: Span) -> set[int]:
    """The clause a parenthetical cue belongs to, less the cue's own subtree."""
    root = cue.root
    if root.dep_ not in PARENTHETICAL_DEPS or root.head.i == root.i:
        return set()
    return subtree_ids(root.head) - subtree_ids(root)


def content_of(
    sent: Span,
    cue: Span,
    sources: Sequence[Span] = (),
    pairs: dict[int, int] | None = None,
) -> tuple[int, int] | None:
    """Token range (first, last) of the content a tagged cue introduces, or None
    (``sources``: the tagged sources of the sentence; ``pairs``: the quotation marks of
    the doc, :func:`~.tagged_quotes.quotation_pairs`, made here when not given)."""
    if cue.text.strip() in COLONS or cue[-1].text == ":":
        return _after_colon(sent, cue)  # "Harbour chief: ...", "The mayor added: ..."
    if pairs is None:
        pairs = quotation_pairs(cue.doc)
    quoted = quotation_before(cue, list(sources), pairs)
    if quoted is not None:
        return quoted  # '"...," said the mayor', whatever the parse made of the quotation
    ids = (
        _complement(cue)
        or _interrupted(cue)
        or _passive_subject(cue.root)
        or _verb_preps(cue)
        or _unmarked_clause(cue)
    )
    ids = {i for i in ids if sent.start <= i < sent.end and not (cue.start <= i < cue.end)}
    edges = _edges(ids)
    if edges is None:
        return quotation_after(cue, pairs) or _quoted_before(sent, cue)
    first, last = edges
    last = _close_quote(sent, first, last)
    while last > first and sent.doc[last].text in (".", "!", "?", ";"):
        last -= 1  # PolNeAR leaves the sentence's own closing mark out of the content
    return _trimmed(sent, first, last)


def _close_quote(sent: Span, first: int, last: int) -> int:
    """``last``, or the closing quotation mark after it when the content opened a quotation
    it does not close (the mark and the full stop before it belong to the content)."""
    doc = sent.doc
    marks = [t for t in doc[first : last + 1] if t.is_quote]
    if len(marks) % 2 == 0:
        return last
    j = last + 1
    while j < sent.end and j <= last + 3:
        if doc[j].is_quote:
            return j
        j += 1
    return last


def _speaker(cue: Span, sources: list[Span], content: tuple[int, int]) -> Span | None:
    """The tagged source of a cue: the one holding its subject, else the nearest outside
    the content."""
    root = cue.root
    for c in root.children:
        if c.dep_ in SPEAKER_DEPS:
            heads = {c.i} | {g.i for g in c.children if c.dep_ == "agent" and g.dep_ == "pobj"}
            for s in sources:
                if any(s.start <= h < s.end for h in heads):
                    return s
    outside = [s for s in sources if s.end <= content[0] or s.start > content[1]]
    if not outside:
        return None

    def distance(s: Span) -> int:
        return min(abs(s.start - cue.end), abs(cue.start - s.end))

    return min(outside, key=distance)


def _subject(cue: Span, content: tuple[int, int]) -> Token | None:
    """The grammatical subject of a cue (a passive's agent), outside its content."""
    for c in cue.root.children:
        heads = [c] if c.dep_ in SUBJECTS else []
        if c.dep_ == "agent":
            heads = [g for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            if not content[0] <= h.i <= content[1]:
                return h
    return None


def _sources(
    sent: Sentence,
    cue_span: Span,
    tagged: list[Span],
    content: tuple[int, int],
    cue: Cue,
    make_source: MakeSource,
) -> list[Source]:
    """The source of a tagged frame: the tagged source span that speaks (its own edges),
    else the phrase of the cue's subject when the tagger marked none."""
    who = _speaker(cue_span, tagged, content)
    if who is None:
        subject = _subject(cue_span, content)
        return [] if subject is None else [make_source(sent, subject.i, cue)]
    src = make_source(sent, who.root.i, cue)
    src.start = sent.char(who.start_char)
    src.end = sent.char(who.end_char)
    return [src]


def covered(cue: Cue, taken: list[tuple[int, int]]) -> bool:
    """Whether ``cue`` overlaps a cue of ``taken`` (character ranges)."""
    return any(cue.start < e and s < cue.end for s, e in taken)


def tagged_attributions(
    state: Document, known: Iterable[Attribution], make_source: MakeSource
) -> list[Attribution]:
    """The frames of the tagger's cues that no rule frame (``known``) covers."""
    taken = [(a.cue.start, a.cue.end) for a in known]
    out: list[Attribution] = []
    marks: dict[int, dict[int, int]] = {}  # id(doc) -> its quotation pairs, made once
    for sent in state.sentences:
        doc = sent.span.doc
        if SPANS_KEY not in doc.spans:
            continue
        here = [s for s in doc.spans[SPANS_KEY] if sent.span.start <= s.start < sent.span.end]
        sources = [s for s in here if s.label_ == "SOURCE"]
        for span in here:
            if span.label_ != "CUE":
                continue
            cue = make_cue(doc, span.start, span.end - 1, "attribution", sent.offset)
            if covered(cue, taken):
                continue
            if id(doc) not in marks:
                marks[id(doc)] = quotation_pairs(doc)
            content = content_of(sent.span, span, sources, marks[id(doc)])
            if content is None:
                continue
            first, last = content
            start = sent.char(doc[first].idx)
            end = sent.char(doc[last].idx + len(doc[last].text))
            srcs = _sources(sent, span, sources, content, cue, make_source)
            out.append(Attribution("", "tagged", cue, start, end, srcs))
            taken.append((cue.start, cue.end))
    return out


#: Rule frame kinds that are no attribution record unless the tagger also marks their
#: cue: measured on PolNeAR dev, a stance, belief, evidential or cognition frame whose cue
#: the tagger leaves unmarked is right about one time in six ("X hopes to ...", "the
#: poll shows ..."); speech frames are kept whatever the tagger says.
CONFIRMED_KINDS = frozenset({"stance", "belief", "evidential", "cognition"})


def unconfirmed(state: Document, atts: Iterable[Attribution]) -> set[int]:
    """The ids (``id()``) of the rule frames of CONFIRMED_KINDS whose cue overlaps no tagged
    cue, in a document the tagger ran on (none when it did not)."""
    cues: list[tuple[int, int]] = []
    tagged = False
    seen: set[int] = set()
    for sent in state.sentences:
        doc = sent.span.doc
        if id(doc) in seen or SPANS_KEY not in doc.spans:
            continue
        seen.add(id(doc))
        tagged = True
        cues.extend(
            (sent.offset + s.start_char, sent.offset + s.end_char)
            for s in doc.spans[SPANS_KEY]
            if s.label_ == "CUE"
        )
    if not tagged:
        return set()
    return {
        id(a)
        for a in atts
        if a.kind in CONFIRMED_KINDS and not any(s < a.cue.end and a.cue.start < e for s, e in cues)
    }
