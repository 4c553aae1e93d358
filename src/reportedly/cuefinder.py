"""Find status cues (hedges, speculation, negation, denial, conditionals) in parsed text.

Shared by the ``attribute`` stage (which needs hedges to decide whether attribution
carries over to a sentence) and the ``status`` stage. All functions take a spaCy Doc,
the token indices to look at, and the offset that turns Doc char offsets into article
offsets.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Literal, TypeVar

from .lexicons import Lexicons
from .records import Cue, CueKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

AUX_TO_HAVE = frozenset({"to", "have", "be", "been", "has", "had"})


def make_cue(doc: Doc, first: int, last: int, kind: CueKind, offset: int) -> Cue:
    """A cue over tokens first..last (inclusive) of ``doc``."""
    span = doc[first : last + 1]  # Span.text: these tokens only (Doc.text joins them all)
    start = span.start_char
    end = span.end_char
    return Cue(text=span.text, start=start + offset, end=end + offset, kind=kind)


T = TypeVar("T")

#: A phrase list's phrases by first word, with their rank in the list.
PhraseIndex = dict[str, list[tuple[int, tuple[str, ...]]]]
Phrases = tuple[tuple[str, ...], ...]

_INDEXES: dict[int, tuple[Sequence[tuple[str, ...]], PhraseIndex]] = {}
_LOWERS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()
_LEMMAS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()
_STARTS: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()
_POS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()


def phrase_index(phrases: Iterable[tuple[str, ...]]) -> PhraseIndex:
    """``phrases`` by first word; kept for a tuple (the lexicons' phrase lists), so the
    index of a lexicon's list is made once."""
    if isinstance(phrases, tuple):
        hit = _INDEXES.get(id(phrases))
        if hit is not None and hit[0] is phrases:
            return hit[1]
    index: PhraseIndex = {}
    for rank, phrase in enumerate(phrases):
        if phrase:
            index.setdefault(phrase[0], []).append((rank, phrase))
    if isinstance(phrases, tuple):
        if len(_INDEXES) >= 256:  # only a few lexicons' lists are ever used: never grows
            _INDEXES.clear()
        _INDEXES[id(phrases)] = (phrases, index)
    return index


_JOINED: dict[tuple[int, int], tuple[Phrases, Phrases, Phrases]] = {}


def longest_first(first: Phrases, second: Phrases) -> Phrases:
    """The phrases of two lists, longer ones first (stable), made once per pair of lists."""
    key = (id(first), id(second))
    hit = _JOINED.get(key)
    if hit is not None and hit[0] is first and hit[1] is second:
        return hit[2]
    joined = tuple(sorted(first + second, key=lambda p: -len(p)))
    if len(_JOINED) >= 256:
        _JOINED.clear()
    _JOINED[key] = (first, second, joined)
    return joined


def _per_doc(
    cache: weakref.WeakKeyDictionary[Doc, list[T]], doc: Doc, read: Callable[[Token], T]
) -> list[T]:
    """``read`` of every token of ``doc``, made once per Doc and kept in ``cache``."""
    got = cache.get(doc)
    if got is None or len(got) != len(doc):
        got = cache[doc] = [read(t) for t in doc]
    return got


def lowers(doc: Doc) -> list[str]:
    """``Token.lower_`` of every token of ``doc``, made once per Doc (a Python loop over
    tokens makes a Token object for each; the cue finders read the words of every unit
    and sentence)."""
    return _per_doc(_LOWERS, doc, lambda t: t.lower_)


def lemma_lowers(doc: Doc) -> list[str]:
    """``Token.lemma_.lower()`` of every token of ``doc``, made once per Doc."""
    return _per_doc(_LEMMAS, doc, lambda t: t.lemma_.lower())


def parts_of_speech(doc: Doc) -> list[str]:
    """``Token.pos_`` of every token of ``doc``, made once per Doc."""
    return _per_doc(_POS, doc, lambda t: t.pos_)


def tokens_in(
    span: Span, words: Container[str], *, by: Literal["lower", "lemma", "pos"] = "lower"
) -> Iterator[Token]:
    """The tokens of ``span`` whose lowercase form (``by``: lowercase lemma, part of
    speech) is one of ``words``, in order; only they are made Token objects (a pass that
    reads a few lexicon words need not make one for every token of every sentence)."""
    doc = span.doc
    forms = {"lower": lowers, "lemma": lemma_lowers, "pos": parts_of_speech}[by](doc)
    window = forms[span.start : span.end]
    if isinstance(words, dict):
        words = words.keys()
    if isinstance(words, AbstractSet) and words.isdisjoint(window):
        return  # most sentences hold none of a lexicon's words: no loop over them
    for k, form in enumerate(window):
        if form in words:
            yield doc[span.start + k]


def token_starts(doc: Doc) -> list[int]:
    """``Token.idx`` of every token of ``doc``, made once per Doc."""
    return _per_doc(_STARTS, doc, lambda t: t.idx)


def match_phrases(
    doc: Doc, ids: Sequence[int], phrases: Iterable[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Token ranges (first, last) where a phrase matches consecutive owned tokens; the
    phrases are tried in their order, each at the owned tokens in order."""
    owned = set(ids)
    lows = lowers(doc)
    starts: dict[str, list[int]] = {}  # word -> the owned tokens it is, in order
    for i in ids:
        starts.setdefault(lows[i], []).append(i)
    index = phrase_index(phrases)
    tried = sorted(c for word in starts for c in index.get(word, ()))
    hits: list[tuple[int, int]] = []
    used: set[int] = set()
    for _, phrase in tried:
        n = len(phrase)
        for i in starts[phrase[0]]:
            if i in used:
                continue
            rng = range(i, i + n)
            if (
                all(
                    j in owned and j not in used and lows[j] == w
                    for j, w in zip(rng, phrase, strict=False)
                )
                and i + n - 1 in owned
            ):
                hits.append((i, i + n - 1))
                used.update(rng)
    return hits


def passive_report(lexicons: Lexicons, tok: Token) -> tuple[int, int] | None:
    """'X is (also) said to (have)', 'X is widely seen as': the cue's token range, when
    ``tok`` heads one."""
    lex = lexicons.attribution
    if tok.lemma_.lower() not in lex.passive_report_verbs or tok.tag_ != "VBN":
        return None
    auxpass = [c for c in tok.children if c.dep_ == "auxpass"]
    if not auxpass:
        return None
    xcomps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    expl = [c for c in tok.children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
    if xcomps:
        x = xcomps[0]
        auxs = [a.i for a in x.subtree if a.i < x.i and a.i > tok.i and a.lower_ in AUX_TO_HAVE]
        if not auxs and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"):
            return None
        last = max([tok.i, *auxs])
        return (min(a.i for a in auxpass), last)
    if expl and any(c.dep_ == "ccomp" for c in tok.children):
        return (min(expl[0].i, *[a.i for a in auxpass]), tok.i)
    if tok.lemma_.lower() in lex.assessment_passives and any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i for c in tok.children
    ):
        return (min(a.i for a in auxpass), tok.i)  # "is widely seen as", "is regarded as"
    return None


def hedge_cues(lexicons: Lexicons, doc: Doc, ids: Sequence[int], offset: int) -> list[Cue]:
    lex = lexicons.status
    cues: list[Cue] = []
    covered: set[int] = set()
    for first, last in match_phrases(doc, ids, lex.hedge_phrases):
        cues.append(make_cue(doc, first, last, "hedge", offset))
        covered.update(range(first, last + 1))
    owned = set(ids)
    lows, lemmas = lowers(doc), lemma_lowers(doc)
    passive_verbs = lexicons.attribution.passive_report_verbs
    for i in ids:
        if i in covered:
            continue
        if lows[i] in lex.hedge_words:
            cues.append(make_cue(doc, i, i, "hedge", offset))
            continue
        lemma = lemmas[i]
        if lemma not in passive_verbs and lemma not in lex.hedge_verbs:
            continue  # neither test below can pass: no Token is made
        tok = doc[i]
        rng = passive_report(lexicons, tok)
        if rng is not None and all(j in owned for j in (rng[0], rng[1])):
            cues.append(make_cue(doc, rng[0], rng[1], "hedge", offset))
            covered.update(range(rng[0], rng[1] + 1))
            continue
        if lemma in lex.hedge_verbs and tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "xcomp" for c in tok.children) or any(
                c.dep_ == "ccomp" for c in tok.children
            ):
                cues.append(make_cue(doc, i, i, "hedge", offset))
    return sorted(cues, key=lambda c: c.start)


def speculation_cues(
    lexicons: Lexicons, doc: Doc, ids: Sequence[int], head: int | None, offset: int
) -> list[Cue]:
    """Speculation: phrases anywhere in the unit; single words when they bear on its head."""
    lex = lexicons.status
    cues: list[Cue] = []
    covered: set[int] = set()
    for first, last in match_phrases(doc, ids, lex.speculation_phrases):
        if _subordinate(doc[first], head):
            continue  # "... until next of kin could be told": not the claim's own modality
        cues.append(make_cue(doc, first, last, "speculation", offset))
        covered.update(range(first, last + 1))
    lows = lowers(doc)
    for i in ids:
        if i in covered:
            continue
        low = lows[i]
        if low not in lex.speculation_words:
            continue
        tok = doc[i]
        if low in lex.modal_words:
            # a modal counts when it is an auxiliary of the unit's head (or of a verb the
            # head is coordinated with)
            if head is None or tok.dep_ != "aux":
                continue
            if tok.head.i != head and tok.head.head.i != head:
                continue
            if low in lex.ability_modals and any(c.dep_ == "neg" for c in tok.head.children):
                continue  # "could not verify", "cannot say": inability, not a possibility
        elif tok.pos_ == "VERB" and _refused(lexicons, tok):
            continue  # "would not speculate", "declined to speculate": no possibility put
        elif tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "ccomp", "conj", "xcomp"):
            # "suggests", "appears" as the main verb of a clause
            pass
        elif tok.pos_ in ("ADV", "ADJ", "NOUN", "SCONJ", "VERB", "AUX"):
            pass
        else:
            continue
        cues.append(make_cue(doc, i, i, "speculation", offset))
    return sorted(cues, key=lambda c: c.start)


def _refused(lexicons: Lexicons, verb: Token) -> bool:
    """A verb negated or refused ("would not speculate", "declined to speculate")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    return head.lemma_.lower() in lexicons.attribution.refusal_verbs or any(
        c.dep_ == "neg" for c in head.children
    )


SUBORDINATE = frozenset({"advcl", "relcl", "acl"})
#: Clause openers after which a modal is not the claim's own ("until X could be told").
TEMPORAL_MARKS = frozenset({"until", "when", "before", "after", "while", "once", "as", "since"})


def _subordinate(tok: Token, head: int | None) -> bool:
    """True when ``tok`` sits in a temporal or relative clause below the unit's head."""
    if head is None:
        return False
    t = tok
    while t.i != head and t.head.i != t.i:
        if t.dep_ == "relcl" or (
            t.dep_ in SUBORDINATE
            and any(m.dep_ == "mark" and m.lower_ in TEMPORAL_MARKS for m in t.children)
        ):
            return True
        t = t.head
    return False


def denial_phrase_cues(
    lexicons: Lexicons, doc: Doc, ids: Sequence[int], head: int | None, offset: int
) -> list[Cue]:
    """Words that reject a claim: "not true", "nothing to do with"; not inside the
    clause of a theory ("a theory that X had nothing to do with it")."""
    lex = lexicons.status
    phrases = longest_first(lex.denial_phrases, lex.rejection_phrases)
    seen: dict[int, bool] = {}
    return [
        make_cue(doc, first, last, "negation", offset)
        for first, last in match_phrases(doc, ids, phrases)
        if not _describes_noun(lexicons, doc[first], head, seen)
    ]


def rejects_only(lexicons: Lexicons, cues: Sequence[Cue]) -> bool:
    """True when every cue is a rejection phrase ("nothing to do with", "absurd"): a
    version or someone's part is rejected, not the event itself."""
    rejections = {" ".join(p) for p in lexicons.status.rejection_phrases}
    return bool(cues) and all(c.text.lower() in rejections for c in cues)


def _describes_noun(
    lexicons: Lexicons, tok: Token, head: int | None, seen: dict[int, bool]
) -> bool:
    """True when ``tok`` sits in the clause of a theory, hope or fear below the head.

    ``seen`` keeps the answer for every token walked through (one per unit and head), so
    that many phrases in one deeply nested unit are not each walked up to the head: the
    nested texts of the hostile corpus took seconds here."""
    if head is None:
        return False
    nouns = lexicons.status.speculation_nouns
    path: list[int] = []
    t = tok
    found = False
    while t.i != head and t.head.i != t.i:
        if t.i in seen:
            found = seen[t.i]
            break
        path.append(t.i)
        if t.dep_ in ("acl", "ccomp") and t.head.lower_ in nouns:
            found = True
            break
        t = t.head
    for i in path:  # every token on the way up has the answer of the one where it ended
        seen[i] = found
    return found


def negated_event_cues(
    lexicons: Lexicons,
    doc: Doc,
    ids: Sequence[int],
    head: int | None,
    offset: int,
    *,
    prospective: bool = False,
) -> list[Cue]:
    """The negation of the unit's head verb when it names an event that happened or not.

    States ("is not known"), and what someone will, would or could do ("does not intend
    to", "would not be allowed to", "will not announce") reject no claim; with
    ``prospective`` the latter count (the claim is negative all the same)."""
    if head is None:
        return []
    lex = lexicons.status
    h = doc[head]
    owned = set(ids)
    cues: list[Cue] = []
    targets = [h] + [c for c in h.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for verb in targets:
        if verb.lemma_.lower() in lex.stative_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        if not prospective and (
            verb.lemma_.lower() in lex.intention_verbs
            or any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in lex.prospective_modals
                for c in verb.children
            )
        ):
            continue
        for c in verb.children:
            if c.i in owned and (
                c.dep_ == "neg" or (c.lower_ == "never" and c.dep_ in ("neg", "advmod"))
            ):
                cues.append(make_cue(doc, c.i, c.i, "negation", offset))
    return cues


def negation_cues(
    lexicons: Lexicons, doc: Doc, ids: Sequence[int], head: int | None, offset: int
) -> list[Cue]:
    """Denial phrases and the negation of the unit's head verb."""
    phrases = denial_phrase_cues(lexicons, doc, ids, head, offset)
    plain = [
        c
        for c in negated_event_cues(lexicons, doc, ids, head, offset)
        if not any(p.start <= c.start < p.end for p in phrases)
    ]
    return sorted(phrases + plain, key=lambda c: c.start)


def conditional_cues(
    lexicons: Lexicons, doc: Doc, ids: Sequence[int], head: int | None, offset: int
) -> list[Cue]:
    """'if'/'unless' clauses that modify the unit's head."""
    if head is None:
        return []
    lex = lexicons.status
    cues: list[Cue] = []
    for c in doc[head].children:
        if c.dep_ not in ("advcl", "prep"):  # "Provided that ..." is parsed as a preposition
            continue
        # the clause opens with the mark: "if", "unless", "provided that", "as long as"
        first = c.left_edge.i
        for phrase in lex.conditional_marks:
            last = first + len(phrase) - 1
            if last >= len(doc) or first not in ids:
                continue
            if tuple(doc[j].lower_ for j in range(first, last + 1)) == phrase:
                cues.append(make_cue(doc, first, last, "conditional", offset))
                break
    return cues


def sentence_hedges(lexicons: Lexicons, doc: Doc, ids: Sequence[int], offset: int) -> list[Cue]:
    """Every hedge, speculation word, modal and hypothetical in a sentence, wherever it
    stands (unlike the claim cues, which must bear on the claim's own verb)."""
    lex = lexicons.status
    cues = hedge_cues(lexicons, doc, ids, offset)
    starts = token_starts(doc)
    covered = {i for c in cues for i in ids if c.start <= starts[i] + offset < c.end}
    phrases = longest_first(lex.speculation_phrases, lex.uncertainty_statements)
    for first, last in match_phrases(doc, ids, phrases):
        cues.append(make_cue(doc, first, last, "speculation", offset))
        covered.update(range(first, last + 1))
    lows = lowers(doc)
    for i in ids:
        if i in covered:
            continue
        low = lows[i]
        if low in lex.uncertainty_modals and doc[i].tag_ == "MD":
            cues.append(make_cue(doc, i, i, "speculation", offset))
        elif low in lex.hypothetical_marks and doc[i].dep_ == "mark":
            cues.append(make_cue(doc, i, i, "conditional", offset))
        elif low in lex.uncertainty_words or low in lex.speculation_words:
            cues.append(make_cue(doc, i, i, "speculation", offset))
    return sorted(cues, key=lambda c: c.start)
