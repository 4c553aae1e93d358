"""Attribution: who carries each statement.

For every sentence the stage finds attribution *frames*:

- reporting verbs in any position: "X said (that) ...", "..., said X", "..., reported
  Bloomberg", "the Bloomberg report said, citing sources" (the citing adds a deeper link);
- "according to X (and Y)" (parallel sources, one level);
- speculation nouns that frame a clause: "speculations are rife that ...";
- expletive passives: "it is said that ..." (a source-less report).

It then cuts the sentence into claim *units*: the content of each complement frame,
and the sentence's own clause(s) outside those contents (a concessive "while/though"
clause is a claim of its own). Each unit gets its source chain; hedged units with no
source of their own inherit the chain of the previous attributed sentence of the same
paragraph, and sentences inside a quotation that began earlier inherit its speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from .. import errors, settings
from ..cuefinder import hedge_cues, make_cue
from ..lexicons import AttributionLexicon, Lexicons
from ..nlp.doc import Document, FrameLink, Sentence, Unit
from ..records import Attribution, Cue, Source, SourceKind
from ..syntax import conjuncts, np_tokens, subtree_ids, verb_lemma
from .base import stage, uses_lexicons
from .headline_source import headline_sources
from .next_sentence import retro_frame
from .questioning import questioning_frames
from .source_coref import (
    refer_to,
    resolve_description_sources,
    resolve_document_sources,
    resolve_group_sources,
    resolve_pronoun_sources,
)
from .tagged_frames import tagged_attributions, unconfirmed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CONCESSIVE = frozenset({"while", "though", "although", "whereas", "whilst"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ", "PRON"})
SUBJ = ("nsubj", "nsubjpass", "csubj")
FIRST_SECOND = frozenset({"i", "we", "you"})
#: A source that is the quotation's speaker speaking of itself: "I", "we", "our evidence".
FIRST_PERSON = frozenset({"i", "we", "my", "our"})
#: Subjects that are no source of a reporting verb ("it said" is a document's, checked apart).
NON_SOURCES = ("it", "this", "that", "there")
PARENTHETICAL_BLOCKERS = frozenset(
    {"dobj", "xcomp", "npadvmod", "attr", "acomp", "oprd", "ccomp", "nummod", "dative"}
)
QUOTE_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")


@dataclass
class Frame:
    kind: (
        str  # speech | cognition | belief | evidential | denial | according | speculation | passive
        # | report (unnamed reports' that-clause)
    )
    cue: list[int]  # token indices of the cue words
    sources: list[int]  # head tokens of the (parallel) sources
    content: int | None = None  # head token of the complement content
    anchor: int | None = None  # clause head an adjunct frame attaches to
    verb: int | None = None
    material: set[int] = field(default_factory=set)  # tokens that belong to the frame
    nested: list[tuple[list[int], list[int]]] = field(default_factory=list)  # citing X
    np_content: bool = False  # a stance on a noun phrase/infinitive: no claim of its own
    written: dict[int, int] = field(default_factory=dict)  # antecedent -> relative pronoun


# --------------------------------------------------------------------------- helpers


def source_tokens(head: Token) -> list[int]:
    """A source's noun phrase; a name in apposition belongs to it ("the mayor, Ana Ruiz")."""
    ids = np_tokens(head)
    for c in head.children:
        if (
            c.dep_ == "appos"
            and c.i > head.i
            and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN")
        ):
            ids = list(range(ids[0], max(t.i for t in c.subtree) + 1))
            doc = head.doc
            if ids[-1] + 1 < len(doc) and _closes_bracket(doc, [*ids, ids[-1] + 1]):
                ids.append(ids[-1] + 1)  # "Sen. Ann Berg (D-Ore.)": the bracket closes
            while ids and doc[ids[-1]].is_punct and not _closes_bracket(doc, ids):
                ids.pop()
            break
    return ids


def _phrase_end(sent: Sentence, head: Token, ids: list[int], end: int) -> int:
    """Where a source's phrase ends when it goes on with a description or a relative clause
    set off after the name ("Brian Fallon, the campaign's press secretary, said"; "Joseph,
    who has four children, said"): the whole noun phrase is the source's span, as PolNeAR
    marks it, while its name stays the name."""
    doc = head.doc
    last = ids[-1]
    for c in head.children:
        if c.dep_ in ("appos", "relcl") and c.i > last:
            last = max(last, max(t.i for t in c.subtree))
    while last > ids[-1] and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last == ids[-1]:
        return end
    return sent.char(doc[last].idx + len(doc[last].text))


def _cue_prep(lex: AttributionLexicon, verb: Token, prep: Token) -> bool:
    """A preposition that belongs to the cue: "called for", "pointed to", "warned against";
    not a date ("said on Monday") nor the hearer of a verb of saying ("said to reporters")."""
    if prep.lower_ not in lex.cue_prepositions:
        return False
    if any(o.ent_type_ in ("DATE", "TIME") for o in prep.children):
        return False
    return not (prep.lower_ in ("to", "on") and verb.lemma_.lower() in lex.speech_verbs)


def _cue_before(prev: Token, verb: Token) -> bool:
    """An adverb of the verb ("then", "also") or its infinitive "to" right before it."""
    if prev.dep_ == "advmod":
        return prev.head.i in (verb.i, verb.head.i) and prev.i < verb.i
    return prev.dep_ == "aux" and prev.lower_ == "to" and prev.head.i == verb.i


def _cue_after(lex: AttributionLexicon, nxt: Token, verb: Token) -> bool:
    """The verb's particle, its preposition ("called for") or a day ("said Friday")."""
    if nxt.head.i != verb.i:
        return False
    if nxt.dep_ == "prt":
        return True
    if nxt.dep_ == "prep":
        return _cue_prep(lex, verb, nxt)
    return nxt.dep_ in ("npadvmod", "tmod") and nxt.ent_type_ in ("DATE", "TIME")


def _sentence_at(starts: list[int], offset: int) -> int:
    """Index of the sentence (by its start offsets, in order) that holds ``offset``."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _cue_phrase(lexicons: Lexicons, state: Document, starts: list[int], cue: Cue) -> Cue:
    """The attribution record's cue as a phrase, the way PolNeAR marks it: the verb with
    the adverbs right before it ("then pointed out", "also vowed"), its particle or
    preposition ("called for", "pointed to"), a day right after it ("said Friday"), and
    the raising verb that governs it ("appeared to suggest"). The claim's own cue (what
    status reads) is left as it is. ``starts``: the sentences' start offsets."""
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
    while hi + 1 < sent.span.end and _cue_after(lex, doc[hi + 1], verb):
        hi += 1
    if lo == toks[0].i and hi == toks[-1].i:
        return cue
    start = sent.char(doc[lo].idx)
    end = sent.char(doc[hi].idx + len(doc[hi].text))
    return Cue(text=state.article.text[start:end], start=start, end=end, kind=cue.kind)


def _until_full(tokens: Iterable[Token], frames: list[Frame]) -> Iterator[Token]:
    """``tokens`` until ``frames`` holds more than the frame limit: enough for
    :func:`_within_frame_limit` to know the sentence is over it, and no more work."""
    for tok in tokens:
        if len(frames) > settings.MAX_FRAMES_PER_SENTENCE:
            return
        yield tok


def is_event_verb(lexicons: Lexicons, tok: Token) -> bool:
    """True when the events lexicon codes this verb (demand, accuse, threaten, appeal...)."""
    lex = lexicons.events
    return verb_lemma(tok, frozenset(lex.by_verb)) in lex.by_verb


def _is_denial_verb(lex: AttributionLexicon, tok: Token) -> bool:
    """The token inflects a denial verb ("dismissed", "denies")."""
    return verb_lemma(tok, lex.denial_verbs) in lex.denial_verbs


def _frame_kind(lexicons: Lexicons, lemma: str) -> str:
    lex = lexicons.attribution
    st = lexicons.status
    if lemma in lex.denial_verbs:
        return "denial"
    if lemma in st.belief_verbs:
        return "belief"
    if lemma in lex.cognition_verbs:
        return "cognition"
    if lemma in lex.evidential_verbs and lemma not in lex.speech_verbs:
        return "evidential"
    return "speech"


#: Tags of relative pronouns ("who", "which", "that"): never a source of their own.
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})


def _before_colon(tok: Token) -> bool:
    nxt = tok.right_edge.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].text == ":"


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subj and verb.dep_ == "relcl" and all(s.tag_ in RELATIVE_TAGS for s in subj):
        # "Navalny's allies, who claim ...", "reports which suggested ...": the antecedent
        return [verb.head] if verb.head.pos_ in ("NOUN", "PROPN", "PRON") else []
    if len(subj) > 1:  # "Details: the spokesman said ...": a label before a colon is no subject
        subj = [s for s in subj if not _before_colon(s)] or subj
    if subj:
        return [t for s in subj for t in conjuncts(s)]
    agent = [c for c in verb.children if c.dep_ == "agent"]
    for a in agent:
        pobj = [c for c in a.children if c.dep_ == "pobj"]
        if pobj:
            return conjuncts(pobj[0])
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS and verb.head.pos_ in ("NOUN", "PROPN"):
        # "The spokeswoman, Ana Ruiz, called into question ...": a finite verb is no reduced
        # relative ("the man called Bob"); the parser hung the main verb on its subject
        return [verb.head]
    if (
        depth < 2
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.tag_ in ("VBG", "VB", "VBD", "VBZ", "VBP")
    ):
        if not any(c.dep_ in SUBJ for c in verb.children):
            head = verb.head
            if _trailing_participle(verb) and head.dep_ == "ccomp":
                # "She said the plan was sound, adding it would pass": the parser hung
                # "adding" on the content; the one adding is the one who said it
                head = head.head
            return _subjects(head, depth + 1)
    return []


#: Tags of a finite verb: the only ones that a clause's missing subject can stand before.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


#: Dependents of a name that only describe it or belong to a longer one.
COMMA_SUBJECT_PARTS = frozenset({"compound", "flat", "appos", "pobj", "poss"})


def _comma_subject(verb: Token) -> list[Token]:
    """'Harbour chief Anna Berg, who ran the inquiry, said ...': a finite speech verb the
    parser left without a subject, its subject noun phrase hung elsewhere (as an object or
    appositive of an earlier clause). The proper-noun phrase whose end is the comma right
    before the verb (its auxiliaries aside) is the speaker; only a name is taken, never a
    common noun, which is far more often the object it seems to be."""
    if verb.tag_ not in FINITE_TAGS or any(c.dep_ in (*SUBJ, "expl") for c in verb.children):
        return []
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].head.i == verb.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    if j <= 0 or doc[j].text != ",":
        return []
    start = verb.sent.start
    for k in range(j - 1, start - 1, -1):
        tok = doc[k]
        if tok.pos_ != "PROPN" or tok.dep_ in COMMA_SUBJECT_PARTS:
            continue  # "Secretary of the Council": what describes the name, not the name
        end = tok.right_edge.i
        while end > tok.i and doc[end].is_punct:
            end -= 1
        if end == j - 1:
            return conjuncts(tok)
    return []


def _opening_subject(verb: Token) -> list[Token]:
    """'Copenhagen police and the coast guard said ...' parsed with "Copenhagen" as an
    adjective or verb heading the sentence and the speakers as its object: a finite speech
    verb with no subject whose words before it are just that opening word and its object
    takes the object (with its conjuncts) as its source."""
    if verb.tag_ not in FINITE_TAGS or any(c.dep_ in (*SUBJ, "expl") for c in verb.children):
        return []
    doc = verb.doc
    first = doc[verb.sent.start]
    if first.pos_ not in ("ADJ", "VERB") or not first.is_title or first.i >= verb.i - 1:
        return []
    if verb.head.i != first.i and first.head.i != verb.i:
        return []
    for obj in first.children:
        if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        end = obj.right_edge.i
        while end > obj.i and doc[end].is_punct:
            end -= 1
        if end == verb.i - 1 and obj.left_edge.i == first.i + 1:
            return conjuncts(obj)
    return []


def _comma_phrase(name: Token) -> set[int]:
    """The whole phrase of a speaker found by :func:`_comma_subject`: the name with what
    describes it ("who ran the inquiry"), and a word before it the parser made its head
    ("Harbour" read as a verb in "Harbour chief Anna Berg")."""
    ids = subtree_ids(name)
    head = name.head
    opening = head.i == name.sent.start and head.dep_ == "ROOT"  # "Copenhagen police said"
    if head.i == name.left_edge.i - 1 and (head.right_edge.i == name.right_edge.i or opening):
        ids.add(head.i)
    return ids


def _inverted_subject(verb: Token) -> list[Token]:
    """'..., reported Bloomberg' / '..., said Smith': a name right after the verb."""
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "nsubj", "attr", "npadvmod", "appos", "dep", "oprd"):
            if c.pos_ in ("PROPN", "NOUN") and (c.pos_ == "PROPN" or c.ent_type_):
                return conjuncts(c)
    return []


# long: one branch per frame shape (speech, stance, passive report, inverted subject)
def _verb_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:  # noqa: C901 - see above
    lex = lexicons.attribution
    frames: list[Frame] = []
    span = sent.span
    for tok in _until_full(span, frames):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        vocab = lex.frame_verbs | lex.denial_verbs | lex.stance_verbs | lex.intent_verbs
        lemma = _phrasal(tok, verb_lemma(tok, vocab), vocab)
        if lemma not in vocab and not _closes_quote(lex, tok):
            continue
        children = list(tok.children)
        has_auxpass = any(c.dep_ == "auxpass" for c in children)
        expl = [c for c in children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
        # two complements are a misparse ('said: “Information ... and verified ..., indicates
        # that ...”'): a quoted one is the content ('"Such claims are false," the ministry
        # said of reports that ...': the that-clause belongs to "reports"), else the wider
        ccomp = sorted(
            (c for c in children if c.dep_ == "ccomp"),
            key=lambda c: (not _opens_quote(c), c.left_edge.i - c.right_edge.i),
        )
        ccomp = ccomp or _hidden_content(lexicons, tok, children)
        if not ccomp and lemma in lex.denial_verbs:
            # "denied targeting civilians", "denies having met him": the gerund is the deed
            ccomp = [c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG"][:1]
        quoted = _quoted_as_saying(lexicons, tok, lemma, children) if has_auxpass else None
        if quoted is not None:
            frames.append(quoted)
            continue
        if has_auxpass and not any(c.dep_ == "agent" for c in children):
            if expl and ccomp:  # "it is said that ..."
                cue = sorted({expl[0].i, tok.i, *[c.i for c in children if c.dep_ == "auxpass"]})
                frames.append(
                    Frame("passive", cue, [], content=ccomp[0].i, verb=tok.i, material=set(cue))
                )
            continue
        own_subject = any(c.dep_ in ("nsubj", "csubj") for c in children)
        sources = [] if own_subject or ccomp else _inverted_subject(tok)
        if sources and not (tok.i > 0 and tok.doc[tok.i - 1].is_punct):
            sources = []
        if not sources:
            sources = _subjects(tok)
        comma_phrase: set[int] = set()
        if not sources and lemma in lex.speech_verbs:
            sources = _comma_subject(tok) or _opening_subject(tok)
            comma_phrase = {i for s in sources for i in _comma_phrase(s)}
        if not sources:
            continue
        # "it denied the claims", "it accused Y of": the body named before, never expletive
        referential = lemma in lex.denial_verbs or lemma in lex.claiming_stance_verbs
        blocked = NON_SOURCES[1:] if referential else NON_SOURCES
        if any(s.lower_ in blocked for s in sources) and lemma not in lex.evidential_verbs:
            continue
        cue = [tok.i]
        for c in children:
            if c.dep_ in ("aux", "neg") and c.i < tok.i and c.i >= tok.i - 3 and c.lower_ != "to":
                cue.append(c.i)
            elif c.dep_ == "prt" and " " in lemma:
                cue.append(c.i)  # "brushed off"
        cue.sort()
        material = set(cue) | comma_phrase
        said = ccomp[0].head if ccomp and ccomp[0].dep_ == "acl" else None
        if said is not None and said.dep_ == "dobj" and said.head.i == tok.i:
            material.update(np_tokens(said))  # "repeated the claim that": the claim is X
        for s in sources:
            if s.i != tok.head.i or tok.dep_ != "relcl":
                material.update(source_tokens(s))
            for c in _hearer_clauses(lexicons, s):  # "the mayor, speaking to Reuters, said"
                material |= subtree_ids(c)
        kind = _frame_kind(lexicons, lemma)
        if kind in ("belief", "cognition") and all(s.lower_ in FIRST_SECOND for s in sources):
            continue  # "I think", "you know": talk inside quotes, not attribution
        frame = Frame(kind, cue, [s.i for s in sources], verb=tok.i, material=material)
        frame.written = _relative_pronouns(tok, sources)
        if ccomp:
            frame.content = ccomp[0].i
        elif lemma in lex.stance_verbs or lemma in lex.intent_verbs:
            obj = _stance_object(lexicons, tok, lemma, sources)
            if obj is not None:
                frame.content = obj.i
                frame.np_content = True
                # "rejected the claims" denies; "rejected Borrell's calls" refuses a request
                rejects = kind == "denial" and (
                    obj.lemma_.lower() in lex.claim_nouns
                    or _hyphenated(obj) in lex.claim_nouns
                    or _has_that_clause(obj)
                )
                frame.kind = "denial" if rejects else "stance"
                if obj.dep_ == "pobj":
                    frame.cue.append(obj.head.i)
                    frame.material.add(obj.head.i)
        elif (
            tok.dep_ == "parataxis"
            or (tok.dep_ in ("advcl", "ccomp", "conj") and tok.i > tok.head.i)
        ) and tok.head.pos_ in ("VERB", "AUX"):
            # "The economy is strong, he said." parsed with "said" under the main verb
            # only when the clause says nothing but who spoke ("..., Smith added." and not
            # "... and the Nasdaq added 11 points")
            objects = [
                c
                for c in children
                if c.dep_ in PARENTHETICAL_BLOCKERS
                and c not in sources
                and not (c.dep_ == "dobj" and lemma in lex.addressee_verbs)
            ]
            if not objects:
                frame.anchor = tok.head.i
                frame.material.update(t.i for t in tok.subtree)
        if frame.content is None and frame.anchor is None:
            if kind == "speech" and tok.i - sent.span.start <= 4:
                frame.kind = "dangling"  # '“Are you winning?” she said.' (split by the tagger)
                frames.append(frame)
            continue
        citing = list(children)
        if frame.content is not None:
            # "reported, citing a memo, that ...": the parser may hang it on the content
            content_tok = tok.doc[frame.content]
            citing += [
                c
                for c in content_tok.children
                if c.dep_ == "advcl"
                and (c.i < content_tok.left_edge.i + 4 or _trailing_participle(c))
            ]
        for c in citing:
            if c.lemma_.lower() in lex.citing_verbs and c.dep_ in ("advcl", "xcomp", "conj"):
                objs = [o for o in c.children if o.dep_ in ("dobj", "pobj", "attr")]
                if objs and _can_be_cited(lexicons, objs[0]):
                    frame.nested.append(([c.i], [t.i for t in conjuncts(objs[0])]))
                    frame.material.update(subtree_ids(c))
        frames.append(frame)
    return frames


#: Entity types of who or what can be cited as a source.
CITED_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "LAW"})


def _can_be_cited(lexicons: Lexicons, obj: Token) -> bool:
    """Whether the object of "citing" is a source (a name, a person, a body, a document)
    and not a reason ("said the plan was dropped, citing a lack of funds")."""
    if obj.pos_ == "PROPN" or obj.ent_type_ in CITED_ENTS:
        return True
    low, lemma = obj.lower_, obj.lemma_.lower()
    lex, roles = lexicons.attribution, lexicons.roles
    words = (
        lex.document_nouns
        | lex.anonymous_heads
        | lex.generic_plural_heads
        | lex.medium_nouns
        | lex.evidence_nouns
        | lex.conversation_nouns
        | roles.official_words
        | roles.outlet_heads
        | roles.organisation_heads
        | roles.government_heads
    )
    if low in words or lemma in words:
        return True
    phrase = " ".join(t.lower_ for t in obj.subtree)
    if any(" ".join(p) in phrase for p in lex.anonymous_phrases):
        return True  # "citing unnamed bankers", "citing people close to the talks"
    return low.endswith(lex.person_suffixes)  # "citing economists", "citing traders"


def _trailing_participle(c: Token) -> bool:
    """'reported that the talks had collapsed, citing two diplomats', 'said the plan was
    sound, adding ...': a participle set off by a comma after the content, with no subject
    of its own, is the reporter's (the parser hangs it on the content's verb)."""
    doc = c.doc
    return (
        c.tag_ == "VBG"
        and c.i > c.head.i
        and c.i > 0
        and doc[c.i - 1].text == ","
        and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
    )


def _hyphenated(noun: Token) -> str:
    """The lemma of a hyphenated compound the parser split ("cover-up" headed by "up"):
    its first part, the hyphen and the head's lemma; the head's lemma otherwise."""
    doc = noun.doc
    i = noun.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].head.i == i:
        return f"{doc[i - 2].lower_}-{noun.lemma_.lower()}"
    return noun.lemma_.lower()


def _closes_quote(lex: AttributionLexicon, verb: Token) -> bool:
    """'"...," he continued.': a verb that says who spoke only when its subject follows a
    closing quotation mark (``quote_closing_verbs``)."""
    if verb.lemma_.lower() not in lex.quote_closing_verbs:
        return False
    doc = verb.doc
    for s in verb.children:
        if s.dep_ == "nsubj" and s.i < verb.i:
            before = doc[max(0, s.left_edge.i - 2) : s.left_edge.i]
            return any(t.text in QUOTE_MARKS for t in before)
    return False


def _opens_quote(tok: Token) -> bool:
    """Whether the phrase of ``tok`` starts right after an opening quotation mark."""
    first = tok.left_edge.i
    return first > 0 and tok.doc[first - 1].text in QUOTE_MARKS


def _quoted_as_saying(
    lexicons: Lexicons, verb: Token, lemma: str, children: list[Token]
) -> Frame | None:
    """'X was quoted by Interfax as saying (that) ...', '..., X was cited by TASS as
    saying': the outlet is the source, X one level deeper."""
    lex = lexicons.attribution
    if lemma not in lex.citing_verbs:
        return None
    subj = [c for c in children if c.dep_ == "nsubjpass"]
    agents = [o for c in children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    saying = [
        p
        for c in children
        if c.dep_ == "prep" and c.lower_ == "as"
        for p in c.children
        if p.dep_ == "pcomp" and p.lemma_.lower() in lex.speech_verbs
    ]
    if not (subj and agents and saying):
        return None
    content = [c for c in saying[0].children if c.dep_ == "ccomp"] or [
        c for c in children if c.dep_ == "ccomp"
    ]
    if not content:
        return None
    inside = subtree_ids(content[0])
    material = (subtree_ids(verb) - inside) | {verb.i}
    cue = sorted({verb.i, saying[0].i, *[c.i for c in children if c.dep_ == "auxpass"]})
    frame = Frame(
        "speech",
        cue,
        [t.i for t in conjuncts(agents[0])],
        content=content[0].i,
        verb=verb.i,
        material=material,
    )
    frame.nested.append(([verb.i], [t.i for t in conjuncts(subj[0])]))
    return frame


QUOTE_MARKS = frozenset('"“”«»')


def _hidden_content(lexicons: Lexicons, verb: Token, children: list[Token]) -> list[Token]:
    """A reporting verb's content that the parser hung elsewhere:

    - "claimed without evidence that X", "said in a statement that X", "described as
      evidence that X": the that-clause read as the noun's complement (of a manner
      preposition, a document or an evidence noun);
    - '“A, B and C,” the agency said.': the quotation read as an adverbial clause (a long
      opening like "After ..., " makes the parser do so), when a closing mark stands between
      it and the verb and only punctuation and the subject follow it.
    """
    lex = lexicons.attribution
    clause = _document_clause(lex, children)
    if clause is not None:
        return [clause]
    lemma = verb_lemma(verb, lex.speech_verbs)
    if lemma in lex.speech_verbs and lemma not in lex.denial_verbs | lex.stance_verbs:
        # "repeated her nation's insistence that X", "reiterated the claim that X": the
        # speaker says X again
        for obj in (c for c in children if c.dep_ == "dobj"):
            if obj.lemma_.lower() not in lex.claim_nouns:
                continue
            for clause in obj.children:
                if clause.dep_ == "acl" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    return [clause]
    doc = verb.doc
    for c in children:
        if c.dep_ not in ("advcl", "parataxis") or c.i > verb.i:
            continue
        between = doc[c.right_edge.i + 1 : verb.i]
        opening = c.left_edge.i - 1
        if (
            opening >= 0
            and doc[opening].text in QUOTE_MARKS
            and any(t.text in QUOTE_MARKS for t in between)
            and all(t.is_punct or t.dep_ in ("nsubj", "det", "amod", "compound") for t in between)
        ):
            return [c]
    return []


def _document_clause(lex: AttributionLexicon, children: list[Token]) -> Token | None:
    """'claimed without evidence that X', 'said in a statement that X': the that-clause of a
    manner preposition's or a document noun's object."""
    for c in children:
        if c.dep_ != "prep":
            continue
        for pobj in (o for o in c.children if o.dep_ == "pobj"):
            low = pobj.lemma_.lower()
            if c.lower_ not in lex.manner_preps and not (
                low in lex.document_nouns or low in lex.evidence_nouns
            ):
                continue  # "claimed it despite denials that ...": the denial's content
            if c.lower_ in lex.topic_preps:
                continue  # "has not commented on reports that ...": the reports' content
            for clause in pobj.children:
                if clause.dep_ == "acl" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    return clause
    return None


def _relative_pronouns(verb: Token, sources: list[Token]) -> dict[int, int]:
    """'the union, which said ...': the antecedent is the source, "which" its wording."""
    if verb.dep_ != "relcl":
        return {}
    rel = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.tag_ in RELATIVE_TAGS]
    return {s.i: rel[0].i for s in sources if rel and s.i == verb.head.i}


def _phrasal(verb: Token, lemma: str, vocab: frozenset[str]) -> str:
    """'brushed off the claims': the verb with its particle, when the lexicon lists it."""
    for c in verb.children:
        if c.dep_ == "prt" and (joined := f"{lemma} {c.lower_}") in vocab:
            return joined
    return lemma


def _questioning(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'X cast doubt on Y': a stance on Y whose clause is questioned (see questioning.py)."""
    doc = sent.span.doc
    frames: list[Frame] = []
    for verb, cue, sources, obj in questioning_frames(lexicons, sent, _subjects):
        material = set(cue)
        for s in sources:
            material.update(source_tokens(doc[s]))
        frames.append(
            Frame(
                "questioning",
                cue,
                sources,
                content=obj,
                verb=verb,
                material=material,
                np_content=True,
            )
        )
    return frames


def _has_that_clause(noun: Token) -> bool:
    """'information that divers planted the charges': the noun carries a proposition."""
    return any(
        c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
        for c in noun.children
    )


def _stance_object(
    lexicons: Lexicons, verb: Token, lemma: str, sources: list[Token]
) -> Token | None:
    """The noun phrase or infinitive a stance verb takes a position on."""
    lex = lexicons.attribution
    children = [c for c in verb.children if c not in sources]
    if lemma in lex.intent_verbs:
        for c in children:
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
                return c
    if lemma in lex.stance_verbs and lemma not in lex.addressee_verbs:
        for c in children:
            if c.dep_ in ("dobj", "oprd") and c.pos_ in ("NOUN", "PROPN") and c.i > verb.i:
                return c
        moved = _object_after_as(lex, children)
        if moved is not None:
            return moved
        if any(c.dep_ == "agent" for c in children):
            # "the claim was rejected by the ministry": a passive claim is the object
            for c in children:
                if c.dep_ == "nsubjpass" and c.lemma_.lower() in lex.claim_nouns:
                    return c
    for c in children:
        if c.dep_ == "prep" and c.lower_ in lex.stance_preps and c.i == verb.i + 1:
            pobj = [o for o in c.children if o.dep_ == "pobj"]
            if pobj and lemma == "call":
                return pobj[0]
    return None


def _object_after_as(lex: AttributionLexicon, children: list[Token]) -> Token | None:
    """'dismissed as "pure fiction" a report that ...': the object moved after the "as"
    phrase, which the parser reads as an apposition of the "as" noun."""
    for c in children:
        if c.dep_ != "prep" or c.lower_ != "as":
            continue
        for pobj in (o for o in c.children if o.dep_ == "pobj"):
            for appos in pobj.children:
                if appos.dep_ == "appos" and appos.lemma_.lower() in lex.claim_nouns:
                    return appos
    return None


def _according_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    lex = lexicons.attribution
    frames: list[Frame] = []
    span = sent.span
    doc = span.doc
    for tok in _until_full(span, frames):
        low = tok.lower_
        for phrase in lex.according_to:
            n = len(phrase)
            if (
                phrase[0] != low
                or tok.i + n > span.end
                or tuple(doc[j].lower_ for j in range(tok.i, tok.i + n)) != phrase
            ):
                continue
            last = doc[tok.i + n - 1]
            pobj = [c for c in last.children if c.dep_ == "pobj"]
            if not pobj:
                pobj = [c for c in doc[tok.i].children if c.dep_ == "pobj"]
            if not pobj:
                continue
            sources = conjuncts(pobj[0])
            holder = _document_holder(lex, pobj[0])
            nested: list[tuple[list[int], list[int]]] = []
            if holder is not None:  # "according to a memo seen by Reuters": Reuters > memo
                verb, held = holder
                nested.append(([verb.i], [s.i for s in sources]))
                sources = conjuncts(held)
            anchor = doc[tok.i].head
            while (
                anchor.pos_ not in ("VERB", "AUX")
                and anchor.dep_ != "ROOT"
                and anchor.head != anchor
            ):
                anchor = anchor.head
            material = set()
            for j in range(tok.i, tok.i + n):
                material.update(subtree_ids(doc[j]))
            material |= _loose_apposition(doc, max(material), span.end)
            # a comma right before the phrase belongs to it
            if tok.i > span.start and doc[tok.i - 1].is_punct:
                material.add(tok.i - 1)
            frames.append(
                Frame(
                    "according",
                    list(range(tok.i, tok.i + n)),
                    [s.i for s in sources],
                    anchor=anchor.i,
                    material=material,
                    nested=nested,
                )
            )
            break
    return frames


#: The most words an apposition set off by commas after a source may have.
APPOSITION_WORDS = 10


def _loose_apposition(doc: Doc, last: int, end: int) -> set[int]:
    """'According to X, a US-based think tank, Y ...': a noun phrase between commas right
    after the source (which the parser may hang anywhere) describes the source, unless it
    is the clause's subject ("According to X, the driver, who was drunk, fled"); its
    tokens, the closing comma left to the clause."""
    if last + 2 >= end or doc[last + 1].text != ",":
        return set()
    for k in range(last + 2, min(end, last + 2 + APPOSITION_WORDS)):
        if doc[k].text == ",":
            words = [doc[j] for j in range(last + 2, k)]
            inside = {w.i for w in words}
            roots = [w for w in words if w.head.i not in inside]
            if (
                words
                and words[0].pos_ == "DET"
                and not any(r.dep_ in ("nsubj", "nsubjpass", "csubj") for r in roots)
                and not any(w.pos_ in ("VERB", "AUX") and w.tag_ != "VBN" for w in words)
                and any(w.pos_ in ("NOUN", "PROPN") for w in words)
            ):
                return set(range(last + 1, k))
            return set()
    return set()


def _document_holder(lex: AttributionLexicon, noun: Token) -> tuple[Token, Token] | None:
    """(the participle, who holds it) for a document the outlet obtained: "a memo seen by
    Reuters", "documents obtained by the newspaper"; None for other sources."""
    if noun.lemma_.lower() not in lex.document_nouns and noun.lower_ not in lex.document_nouns:
        return None
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.tag_ != "VBN" or acl.lemma_.lower() not in lex.obtaining_verbs:
            continue
        for agent in acl.children:
            if agent.dep_ == "agent":
                objs = [o for o in agent.children if o.dep_ == "pobj"]
                if objs:
                    return acl, objs[0]
    return None


def _denial_noun_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'despite denials from Kyiv that it had anything to do with it', 'the ministry's
    denial that troops were there': the that-clause is denied by the noun's owner."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for tok in _until_full(sent.span, frames):
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.denial_nouns:
            continue
        content = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if content is None:
            continue
        sources = [c for c in tok.children if c.dep_ == "poss"]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                sources += [o for o in c.children if o.dep_ == "pobj"]
        heads = [t.i for s in sources[:1] for t in conjuncts(s)]
        material = (subtree_ids(tok) - subtree_ids(content)) | {tok.i}
        frames.append(
            Frame("denial", [tok.i], heads, content=content.i, verb=None, material=material)
        )
    return frames


def _noun_clause(noun: Token) -> Token | None:
    """The clause a speculation noun frames ("rumours that ..."), or None."""
    content: Token | None = None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
            content = c
        elif c.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            content = c  # "confidence that the fire was caused ...", read as relative
    return content


def _speculation_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    st = lexicons.status
    frames: list[Frame] = []
    for tok in _until_full(sent.span, frames):
        if tok.lower_ not in st.speculation_nouns or tok.dep_ not in (
            "nsubj",
            "nsubjpass",
            "attr",
            "dobj",
        ):
            continue
        head = tok.head
        if tok.dep_ == "dobj" and _is_denial_verb(lexicons.attribution, head):
            continue  # "dismissed speculation that X": the denial frame rejects X
        content = _noun_clause(tok)
        last = head.i
        if content is None:
            for c in head.children:
                if c.dep_ == "ccomp":
                    content = c
                elif c.dep_ == "acomp":
                    last = max(last, c.i)
                    for cc in c.children:
                        if cc.dep_ == "ccomp":
                            content = cc
        if content is None:
            continue
        first = min(tok.i, head.i)
        for c in head.children:
            if c.dep_ == "expl" and c.i < first:
                first = c.i
        if content is not None and content.head.i == tok.i:
            last = tok.i
        cue = list(range(first, max(last, tok.i) + 1))
        holder = _holder(tok)
        if holder is None:
            frames.append(Frame("speculation", cue, [], content=content.i, material=set(cue)))
            continue
        # "The officials have high confidence that X": the officials' assessment
        material = set(cue) | set(source_tokens(holder))
        frames.append(
            Frame("belief", cue, [holder.i], content=content.i, verb=head.i, material=material)
        )
    return frames


def _report_noun_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'has not commented on reports that X', 'amid rumours that X': X is what unnamed
    reports say (the reports are its source), not what the sentence's subject says. Only
    for reports nobody owns ("Reuters' report", "reports by the agency" name a source) and
    not under a denial verb ("denied reports that X" rejects X)."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for tok in _until_full(sent.span, frames):
        if tok.lower_ not in lex.unnamed_report_nouns or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ not in lex.topic_preps and prep.lower_ not in lex.report_context_preps:
            continue
        if _is_denial_verb(lex, prep.head):
            continue
        if any(
            c.dep_ in ("poss", "agent") or (c.dep_ == "compound" and c.pos_ == "PROPN")
            for c in tok.children
        ):
            continue
        content = _noun_clause(tok)
        if content is None:
            continue
        cue = [tok.i]
        frames.append(Frame("report", cue, [tok.i], content=content.i, material=set(cue)))
    return frames


def _holder(noun: Token) -> Token | None:
    """Who holds the theory, hope or confidence a verb's object names ("the officials have
    high confidence that ..."), when it is not the speaker ("I", "we") or nobody ("it")."""
    if noun.dep_ != "dobj":
        return None
    subj = [c for c in noun.head.children if c.dep_ == "nsubj"]
    if not subj or subj[0].pos_ not in ("NOUN", "PROPN") or subj[0].tag_ in RELATIVE_TAGS:
        return None
    return subj[0]


# --------------------------------------------------------------------------- sources


def _incidental(lexicons: Lexicons, doc: Doc, frames: list[Frame]) -> set[int]:
    """Words around a reporting verb that add nothing to claim: when and in what it was
    said ("said in a statement on Wednesday"), and to whom ("told reporters")."""
    lex = lexicons.attribution
    out: set[int] = set()
    for f in frames:
        assert f.verb is not None
        verb = doc[f.verb]
        for c in verb.children:
            sub = {t.i for t in c.subtree}
            if (
                c.ent_type_ in ("DATE", "TIME")
                or all(doc[i].ent_type_ in ("DATE", "TIME") for i in sub if not doc[i].is_stop)
                or (
                    c.dep_ == "prep"
                    and any(
                        o.dep_ == "pobj"
                        and (
                            o.lemma_.lower() in lex.document_nouns
                            or o.ent_type_ in ("DATE", "TIME")
                        )
                        for o in c.children
                    )
                )
                or (c.dep_ in ("dobj", "dative") and verb.lemma_.lower() in lex.addressee_verbs)
                or _manner_or_medium(lex, c)
            ):
                out |= sub
    return out


def _manner_or_medium(lex: AttributionLexicon, prep: Token) -> bool:
    """'claimed without evidence', 'said on Telegram': how or where it was said."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in lex.manner_preps:
        return True
    return prep.lower_ == "on" and any(
        o.dep_ == "pobj" and o.lower_ in lex.medium_nouns for o in prep.children
    )


def _entity_at(state: Document, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in state.mentions:
        s, e, eid = m.start, m.end, m.entity
        if s >= start and e <= end:
            size = e - s
            if best is None or size > best[0]:
                best = (size, eid)
    return best[1] if best else None


# long: one branch per source kind, in the order the kinds are tried
def _make_source(  # noqa: C901 - see above
    lexicons: Lexicons, state: Document, sent: Sentence, head_i: int, level: int, cue: Cue | None
) -> Source:
    doc = sent.span.doc
    head = doc[head_i]
    ids = source_tokens(head)
    start = sent.char(doc[ids[0]].idx)
    end = sent.char(doc[ids[-1]].idx + len(doc[ids[-1]].text))
    text = state.article.text[start:end]
    lex = lexicons.attribution
    # the entity the phrase is about: the one whose mention holds its head ("the US military"
    # is not the United States), or a name inside a document ("the Bloomberg report")
    head_at = sent.char(head.idx)
    eid = next(
        (m.entity for m in state.mentions if m.start <= head_at < m.end and start <= m.start),
        None,
    )
    if eid is None and (head.lemma_.lower() in lex.document_nouns or head.pos_ == "PROPN"):
        eid = _entity_at(state, start, end if head.pos_ == "PROPN" else _author_end(sent, head))
    generic = head.lower_ in lex.generic_plural_heads
    if eid is not None and generic and _is_anonymous(lexicons, doc, ids):
        eid = None  # "Media reported": the tagger's organisation names nobody
    ent = next((e for e in state.entities if e.id == eid), None)
    description: str | None = None
    name = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    kind: SourceKind = "person"
    head_low = head.lemma_.lower()
    appos = [c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.i <= ids[-1]]
    if appos and ent is None:
        sub = sorted(t.i for t in appos[0].subtree)
        name = doc[sub[0] : sub[-1] + 1].text
        description = doc[ids[0] : head.i + 1].text
        if head_low in lexicons.roles.official_words:
            kind = "official"
    if ent is not None:
        name = ent.canonical
        parts = [*ent.roles, *ent.descriptions]
        description = "; ".join(dict.fromkeys(parts)) or None
        outlet = lexicons.find_outlet(ent.canonical)
        if outlet is not None:
            kind = "outlet"
            name = (
                outlet.name
                if ent.canonical.lower() in (a.lower() for a in outlet.aliases)
                else ent.canonical
            )
            description = description or outlet.description
        elif ent.type == "PERSON":
            kind = "official" if ent.roles and _is_official(lexicons, ent.roles) else "person"
        elif ent.type == "PLACE":
            kind = "government"
        elif ent.type == "ORG":
            kind = "government" if _is_government(lexicons, ent.canonical) else "organisation"
            if any(w in lexicons.roles.outlet_heads for w in ent.canonical.lower().split()):
                kind = "outlet"
        else:
            kind = "organisation"
        if head_low in lex.document_nouns and ent.type != "PERSON":
            description = f"{description}; {head.lower_}" if description else head.lower_
    elif appos:
        pass
    elif (known := lexicons.find_outlet(text)) is not None:
        kind = "outlet"  # a named outlet the tagger did not take for an entity ("The Week")
        name = known.name
        description = known.description
    elif head_low in lex.unnamed_report_nouns and not any(doc[i].pos_ == "PROPN" for i in ids):
        # "reports say", "rumours have it": nobody is named
        kind = "anonymous"
        name = f"unnamed {head.text.lower()}"
        description = text
    elif _is_anonymous(lexicons, doc, ids) or _bare_evidence(lexicons, doc, ids, head):
        kind = "anonymous"
        content_words = [doc[i] for i in ids if not doc[i].is_stop and not doc[i].is_punct]
        if len(content_words) <= 1:
            name = f"unnamed {head.text.lower()}"
        description = text
    elif head_low in lex.document_nouns:
        kind = "document"
    elif head_low in lexicons.roles.outlet_heads and head.pos_ == "NOUN":
        kind = "outlet"  # "the newspaper reported"
    elif head_low in lexicons.roles.organisation_heads:
        kind = "organisation"
    elif head.pos_ == "PRON":
        kind = (
            "person" if head.lower_ in ("he", "she", "i", "who", "him", "her") else "organisation"
        )
    elif _is_government(lexicons, text):
        kind = "government"
    elif head_low in lexicons.roles.official_words or any(
        doc[i].lower_ in lexicons.roles.official_words for i in ids
    ):
        kind = "official"
    elif head.ent_type_ in NAMED_KINDS:
        # a name the entity stage left out: a country or capital speaks for its government
        # ("Kyiv has not commented"), a company or body is an organisation
        kind = NAMED_KINDS[head.ent_type_]
    return Source(
        name=name,
        kind=kind,
        description=description,
        start=start,
        end=_phrase_end(sent, head, ids, end),
        entity=eid,
        level=level,
        cue=cue,
    )


#: The source kind of a name the tagger typed but no entity holds.
NAMED_KINDS: dict[str, SourceKind] = {
    "GPE": "government",
    "ORG": "organisation",
    "NORP": "organisation",
}


#: Prepositions that name a document's author after it ("a report by CNN").
AUTHOR_PREPS = frozenset({"by", "from", "in", "of"})


def _author_end(sent: Sentence, head: Token) -> int:
    """Where a document's author can be named: before the noun ("the Bloomberg report")
    or in its "by/in/from" phrase, not in what it is about ("an investigation into the
    strike on al-Ahli hospital")."""
    last = head
    for c in head.children:
        if c.dep_ == "prep" and c.i > head.i and c.lower_ in AUTHOR_PREPS:
            last = max(c.subtree, key=lambda t: t.i)
            break
    return sent.char(last.idx + len(last.text))


def _is_official(lexicons: Lexicons, roles: list[str]) -> bool:
    words = {w.lower().strip("'’s") for r in roles for w in re.split(r"[\s\-]+", r)}
    return bool(words & lexicons.roles.official_words)


def _is_government(lexicons: Lexicons, text: str) -> bool:
    low = text.lower()
    return any(g in low.split() or (" " in g and g in low) for g in lexicons.roles.government_heads)


#: Nouns that count the source rather than name it: "a number of Telegram channels".
QUANTITY_NOUNS = frozenset({"number", "handful", "couple", "dozen", "dozens", "series"})
DEFINITE = frozenset({"the", "his", "her", "their", "its", "our", "my", "this", "these", "those"})


#: Determiners that pick out one known document ("the analysis", "this video").
PICKED_OUT = frozenset({"the", "this", "that", "these", "those"})


def _bare_evidence(lexicons: Lexicons, doc: Doc, ids: list[int], head: Token) -> bool:
    """'preliminary data showed', 'evidence suggested', 'photos from the port showed':
    evidence that nobody is named for (no name, no owner, no author in "by/from", not a
    document picked out by "the")."""
    lex = lexicons.attribution
    if head.lemma_.lower() not in lex.evidence_nouns and head.lower_ not in lex.evidence_nouns:
        return False
    if any(doc[i].pos_ == "PROPN" for i in ids):
        return False
    for c in head.children:
        if c.lower_ in PICKED_OUT or c.dep_ == "poss":
            return False  # "the analysis", "its data": a known document, an owner
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            for o in c.children:
                low = o.lemma_.lower()
                if (
                    low in lexicons.roles.organisation_heads
                    or low in lexicons.roles.official_words
                    or _is_government(lexicons, o.text)
                ):
                    return False  # "data from the ministry": the ministry is the source
    return True


def _np_head(doc: Doc, ids: list[int]) -> Token:
    """The syntactic head of a source phrase; the counted noun of 'a number of X'."""
    owned = set(ids)
    head = next((doc[i] for i in ids if doc[i].head.i not in owned or doc[i].head.i == i), None)
    if head is None:
        head = doc[ids[-1]]
    if head.lower_ in QUANTITY_NOUNS:
        for prep in head.children:
            pobj = [c for c in prep.children if c.dep_ == "pobj"] if prep.lower_ == "of" else []
            if pobj and pobj[0].i in owned:
                return pobj[0]
    return head


def _is_anonymous(lexicons: Lexicons, doc: Doc, ids: list[int]) -> bool:
    """Nobody is named: "people familiar with the matter", "a senior U.S. official",
    "Arab governments", "some Russian-backed officials", "the official" (said before)."""
    lex = lexicons.attribution
    toks = [doc[i] for i in ids]
    low = " ".join(t.lower_ for t in toks)
    if any(" ".join(p) in low for p in lex.anonymous_phrases):
        return not any(t.pos_ == "PROPN" for t in toks[:2] if t.ent_type_ == "PERSON")
    head = _np_head(doc, ids)
    word = head.lower_
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return False  # "an official, Ana Ruiz, said"
    if word in lex.possessed_group_heads and any(c.dep_ == "poss" for c in head.children):
        return True  # "his aides", "the mayor's supporters": a group, nobody named
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    if dets & DEFINITE:
        return word in lex.anaphoric_anonymous_heads
    if word in lex.generic_plural_heads:
        return True
    return word in lex.anonymous_heads


# --------------------------------------------------------------------------- units


def _owner_map(sent: Sentence, heads: set[int]) -> dict[int, int]:
    """Map each token of the sentence to the nearest unit head above it (or itself).

    Each token's owner is remembered, so a walk up the tree stops at the first token
    already mapped: linear in the sentence, however deep its tree ("X said that Y said
    that ..." is one long chain)."""
    span = sent.span
    owner: dict[int, int] = {}
    for tok in span:
        path: list[int] = []
        t = tok
        while True:
            if t.i in owner:
                found = owner[t.i]
                break
            path.append(t.i)
            if t.i in heads:
                found = t.i
                break
            if t.head.i == t.i or t.head.i < span.start or t.head.i >= span.end:
                found = span.root.i
                break
            t = t.head
        for i in path:
            owner[i] = found
    return owner


def _orphan_prep(tok: Token, ids: list[int]) -> bool:
    """A preposition whose object was cut away (not a stranded one: "what they asked for")."""
    children = [c.i for c in tok.children]
    return tok.dep_ == "prep" and bool(children) and not set(children) & set(ids)


def _trim(doc: Doc, ids: list[int]) -> list[int]:
    ids = sorted(ids)
    while ids and (
        doc[ids[0]].is_punct
        or doc[ids[0]].is_space
        or doc[ids[0]].lower_ in ("that", "and", "but", "however")
    ):
        if doc[ids[0]].lower_ in ("that", "and", "but", "however") and doc[ids[0]].dep_ not in (
            "mark",
            "cc",
            "advmod",
        ):
            break
        ids = ids[1:]
    # "the fire was set on purpose, and": a conjunction whose conjunct is another claim;
    # "claimed the attack, despite": a preposition whose object is another frame's
    while ids and (
        (doc[ids[-1]].is_punct and not _closes_bracket(doc, ids))
        or doc[ids[-1]].is_space
        or doc[ids[-1]].dep_ in ("cc", "preconj")
        or _orphan_prep(doc[ids[-1]], ids)
    ):
        ids = ids[:-1]
    return ids


_BRACKETS = {")": "(", "]": "["}


def _closes_bracket(doc: Doc, ids: list[int]) -> bool:
    """Whether the last token closes a bracket opened inside ``ids`` ("Sen. Ann Berg (D-Ore.)"
    keeps its ")")."""
    opening = _BRACKETS.get(doc[ids[-1]].text)
    if opening is None:
        return False
    depth = 0
    for i in ids[:-1]:
        t = doc[i].text
        if t == opening:
            depth += 1
        elif t == doc[ids[-1]].text:
            depth -= 1
    return depth > 0


def _quote_regions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]


def _in_quote(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e + 1 for s, e in regions)


Found = list[tuple[Attribution, int | None]]


def _with_complementizer(sent: Sentence, head: int, start: int) -> int:
    """Where a frame's content starts when its complementizer is counted in it: "said
    *that* the plan failed" (PolNeAR's span takes the "that"; the claim's text does not)."""
    doc = sent.span.doc
    marks = [c for c in doc[head].lefts if c.dep_ == "mark" and c.lower_ == "that"]
    if not marks or sent.char(marks[0].idx) >= start:
        return start
    j = marks[0].i + 1
    while j < len(doc) and sent.char(doc[j].idx) < start:
        if not (doc[j].is_punct or doc[j].is_space):
            return start  # words between: the "that" is not this content's
        j += 1
    return sent.char(marks[0].idx)


#: What a stance on a noun phrase says of it, after the object: "called it *a mouthpiece*",
#: "blasted her *as a creature of ...*", "backs him *for president*".
STANCE_PREDICATES = frozenset({"oprd", "xcomp", "acomp"})
STANCE_PREPOSITIONS = frozenset({"as", "for"})


def _np_content_ids(doc: Doc, content: int, verb: int | None) -> list[int]:
    """The content of a stance on a noun phrase: the phrase, what the verb predicates of it
    after it, and not an aside about it set off by a comma ("endorsed Ruiz, who ...")."""
    ids = subtree_ids(doc[content])
    for c in doc[content].rights:
        if c.dep_ == "relcl" and c.i > 0 and doc[c.left_edge.i - 1].text == ",":
            ids -= subtree_ids(c) | {c.left_edge.i - 1}
    if verb is not None and doc[content].dep_ == "oprd":
        # "call it a mouthpiece": what is called so belongs with what it is called (not
        # so the addressee of "urged voters to ...")
        for c in doc[verb].rights:
            if c.dep_ == "dobj" and c.i < content:
                ids |= subtree_ids(c)
    elif verb is not None:
        for c in doc[verb].rights:
            if c.i <= content:
                continue
            if c.dep_ in STANCE_PREDICATES or (
                c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS and c.i == max(ids) + 1
            ):
                ids |= subtree_ids(c)
            break
    return sorted(ids)


def _span_of(sent: Sentence, ids: list[int]) -> tuple[int, int]:
    doc = sent.span.doc
    return sent.char(doc[ids[0]].idx), sent.char(doc[ids[-1]].idx + len(doc[ids[-1]].text))


def _within_frame_limit(state: Document, sent: Sentence, frames: list[Frame]) -> list[Frame]:
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


def _run_on_complements(
    doc: Doc, frames: list[Frame], owner: dict[int, int]
) -> dict[int, set[int]]:
    """'claimed that the government had commissioned polls showing the reform would cost it
    the election': the parser may hang the end of the content ("would cost ...") on the
    speech verb as a second complement. One that starts right where the content ends, with
    no comma, conjunction or "that" of its own, is more of the content."""
    adopted: dict[int, set[int]] = {}
    for f in frames:
        if f.content is None or f.verb is None:
            continue
        content = doc[f.content]
        hi = content.right_edge.i
        for k in doc[f.verb].children:
            if k.dep_ != "ccomp" or k.i == content.i or k.left_edge.i != hi + 1:
                continue
            if any(c.dep_ == "mark" for c in k.children) or doc[k.left_edge.i].is_punct:
                continue
            ids = {i for i in subtree_ids(k) if owner.get(i) == owner.get(f.verb)}
            for i in ids:
                owner[i] = f.content
            adopted.setdefault(f.content, set()).update(ids)
    return adopted


# long: frames to units in one pass; split in named passes with stages/attribute/
def _quoted_conjuncts(doc: Doc, frames: list[Frame], owner: dict[int, int]) -> dict[int, set[int]]:
    """'X said the contractor “had not fixed the cracks, and the council never checked”':
    a clause the parser joined to the speech verb although it stands inside the quotation
    that opened in the content is more of the quoted content. Those clauses are handed to
    the content's head (in ``owner``); returns the tokens each content head adopted."""
    adopted: dict[int, set[int]] = {}
    for f in frames:
        if f.content is None or f.verb is None:
            continue
        content = doc[f.content]
        lo, hi = content.left_edge.i, content.right_edge.i
        if sum(doc[i].text in QUOTE_MARKS for i in range(lo, hi + 1)) % 2 == 0:
            continue  # no quotation left open at the content's end
        for k in doc[f.verb].children:
            if k.dep_ != "conj" or k.i <= hi:
                continue
            if any(doc[i].text in QUOTE_MARKS for i in range(hi + 1, k.left_edge.i)):
                continue  # the quotation closed before the clause
            ids = {i for i in subtree_ids(k) if owner.get(i) == owner.get(f.verb)}
            cc = [c.i for c in doc[f.verb].children if c.dep_ in ("cc", "punct") and hi < c.i < k.i]
            ids.update(i for i in cc if owner.get(i) == owner.get(f.verb))
            for i in ids:
                owner[i] = f.content
            adopted.setdefault(f.content, set()).update(ids)
    return adopted


def _relative_denials(lexicons: Lexicons, sent: Sentence) -> list[tuple[Token, list[Token]]]:
    """Denials in a relative clause or participle, with their deniers: "..., an allegation
    the Kremlin has rejected", "..., which the US has denied", "a claim rejected by US
    officials", "reports that were denied by China claimed ..."."""
    lex = lexicons.attribution
    out: list[tuple[Token, list[Token]]] = []
    for tok in sent.span:
        if tok.dep_ not in ("relcl", "acl") or tok.pos_ != "VERB":
            continue
        if not _is_denial_verb(lex, tok):
            continue
        which = any(c.lower_ == "which" and c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        if not (which or tok.head.lemma_.lower() in lex.claim_nouns):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS]
        agent = [o for c in tok.children if c.dep_ == "agent" for o in c.children]
        denier = subj or [o for o in agent if o.dep_ == "pobj"]
        if denier and denier[0].pos_ in ("NOUN", "PROPN"):
            out.append((tok, conjuncts(denier[0])))
    return out


def _denied_units(
    verb: Token,
    frames: list[Frame],
    unit_of_head: dict[int, int],
    owner: dict[int, int],
) -> list[int]:
    """The units a relative denial rejects: the contents the denied reports frame ("reports
    that were denied by China claimed that X": X), else the clause the denied claim stands
    in ("Y accused Z of X, an allegation W rejected": that clause)."""
    noun = verb.head.i
    said = [
        unit_of_head[f.content]
        for f in frames
        if f.content is not None and noun in f.sources and f.content in unit_of_head
    ]
    if said:
        return said
    ui = unit_of_head.get(owner.get(verb.i, -1))
    return [ui] if ui is not None else []


def _sentence_units(  # noqa: C901 - see above
    lexicons: Lexicons,
    state: Document,
    si: int,
    sent: Sentence,
    dangling: list[Frame],
    found: Found,
) -> list[Unit]:
    doc = sent.span.doc
    questioning = _questioning(lexicons, sent)
    doubted = {f.verb for f in questioning}  # "called into question": not a speech frame
    all_frames = (
        [f for f in _verb_frames(lexicons, sent) if f.verb not in doubted]
        + _according_frames(lexicons, sent)
        + _speculation_frames(lexicons, sent)
        + _denial_noun_frames(lexicons, sent)
        + _report_noun_frames(lexicons, sent)
        + questioning
    )
    all_frames = _within_frame_limit(state, sent, all_frames)
    if _after_quote(state, si):
        dangling.extend(f for f in all_frames if f.kind == "dangling")
    else:  # a speech verb with nothing to report is just a verb ("he asked Moscow for help")
        all_frames = [f for f in all_frames if f.kind != "dangling"]
    # stances on a noun phrase stay inside their clause's claim; only the frame is kept
    stances: list[tuple[Frame, int, list[Source]]] = []
    for f in all_frames:
        if f.np_content and f.content is not None:
            ids = _trim(doc, _np_content_ids(doc, f.content, f.verb))
            if not ids:
                continue
            cue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
            start, end = _span_of(sent, ids)
            srcs = _speaker_sources(lexicons, state, sent, f, 1, cue)
            if _states_a_claim(lexicons, doc, f):
                stances.append((f, len(found), srcs))
            found.append(
                (Attribution("", f.kind, cue, start, end, _as_written(sent, f, srcs)), None)
            )
    frames = [f for f in all_frames if not f.np_content]
    complement = [f for f in frames if f.content is not None]
    content_heads = {f.content: f for f in complement if f.content is not None}
    inside_content: set[int] = set()
    for f in complement:
        if f.content is not None:
            inside_content |= subtree_ids(doc[f.content])
    root = sent.span.root
    heads: set[int] = {root.i, *content_heads}
    for tok in sent.span:
        if tok.dep_ == "advcl" and tok.i not in inside_content:
            marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
            if marks & CONCESSIVE and any(c.dep_ in SUBJ for c in tok.children):
                heads.add(tok.i)
    owner = _owner_map(sent, heads)
    adopted = _quoted_conjuncts(doc, complement, owner)
    for content_head, run_on in _run_on_complements(doc, complement, owner).items():
        adopted.setdefault(content_head, set()).update(run_on)
    material: set[int] = set()
    for f in frames:
        material |= f.material
    units: list[Unit] = []
    unit_of_head: dict[int, int] = {}
    # clause units first, then contents in order of depth so parents precede children
    order = sorted(heads, key=lambda h: (len(list(doc[h].ancestors)), h))
    kind: Literal["clause", "content", "frame"]
    owned_by: dict[int, list[int]] = {}
    for i, o in owner.items():
        owned_by.setdefault(o, []).append(i)
    for h in order:
        owned = owned_by.get(h, [])
        frame = content_heads.get(h)
        if frame is None:
            frame_verbs_here = [
                f for f in complement if f.verb is not None and owner.get(f.verb) == h
            ]
            incidental = _incidental(
                lexicons, doc, [f for f in frame_verbs_here if f.verb is not None]
            )
            # who the speaker is ("Rami Abdulrahman, the head of the observatory, said")
            # describes the source; it is not something the clause says
            described = {
                t.i
                for f in frame_verbs_here
                for s in f.sources
                for c in doc[s].children
                if c.dep_ == "appos"
                for t in c.subtree
            }
            core = [
                i
                for i in owned
                if i not in material
                and i not in incidental
                and i not in described
                and doc[i].pos_ in CONTENT_POS
                and not any(i == f.verb for f in frames)
            ]
            if frame_verbs_here or any(
                f.kind == "speculation" and owner.get(f.cue[0]) == h for f in complement
            ):
                # the frame's own clause is a claim only when it says more than who spoke,
                # or when the speaking is itself an event ("Iran demanded that ...")
                if not core and not any(
                    f.verb is not None and is_event_verb(lexicons, doc[f.verb])
                    for f in frame_verbs_here
                ):
                    continue
                keep = [
                    i
                    for i in owned
                    if i not in material
                    or any(i in source_tokens(doc[s]) for f in frame_verbs_here for s in f.sources)
                ]
                keep += [i for f in frame_verbs_here for i in f.cue]
                kind = "frame"
            else:
                if not core and not any(
                    doc[i].pos_ in CONTENT_POS for i in owned if i not in material
                ):
                    continue
                if not any(doc[i].pos_ in ("VERB", "AUX") for i in owned if i not in material):
                    continue  # no verb, no claim: "NEW YORK (Reuters)", a label
                keep = [i for i in owned if i not in material]
                kind = "clause"
            ids = _trim(doc, sorted(set(keep)))
            if not ids:
                continue
            span_ids = ids
        else:
            ids = _trim(doc, owned)
            inside = subtree_ids(doc[h]) | adopted.get(h, set())
            full = _trim(doc, sorted(inside - (frame.material if frame else set())))
            if full and doc[full[0]].lower_ == "that" and doc[full[0]].dep_ == "mark":
                full = full[1:]
            if not full:
                continue
            span_ids = full
            kind = "content"
        start = sent.char(doc[span_ids[0]].idx)
        end = sent.char(doc[span_ids[-1]].idx + len(doc[span_ids[-1]].text))
        unit = Unit(sentence=si, start=start, end=end, head=h, tokens=ids, kind=kind)
        if frame is not None:
            unit.frame = frame.kind
            parent_head = owner.get(frame.verb if frame.verb is not None else frame.cue[0])
            # what unnamed reports say is not said by whoever mentions the reports
            if parent_head is not None and parent_head in unit_of_head and frame.kind != "report":
                unit.parent = unit_of_head[parent_head]
        unit_of_head[h] = len(units)
        units.append(unit)
    _stance_claims(doc, units, unit_of_head, owner, stances, found)
    # sources
    for unit in units:
        uh = unit.head
        assert uh is not None
        frame = content_heads.get(uh)
        base_level = 1
        if unit.parent is not None:
            parent = units[unit.parent]
            inherited = [s for s in parent.sources]
            unit.sources.extend(inherited)
            unit.cues.extend(c for c in parent.cues if c.kind == "attribution")
            base_level = max([s.level for s in inherited], default=0) + 1
        ui = units.index(unit)
        adjuncts = [f for f in frames if f.anchor is not None and owner.get(f.anchor) == uh]
        for f in adjuncts:
            cue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
            unit.cues.append(cue)
            srcs = _speaker_sources(lexicons, state, sent, f, base_level, cue)
            unit.sources.extend(srcs)
            att = Attribution("", f.kind, cue, unit.start, unit.end, _as_written(sent, f, srcs))
            found.append((att, ui))
            deeper = max((x.level for x in srcs), default=base_level) + 1
            for _, nsrcs in _nested(lexicons, state, sent, f.nested, deeper):
                unit.sources.extend(nsrcs)  # "according to a memo seen by X": X > memo
        if adjuncts:
            base_level = max(s.level for s in unit.sources) + 1 if unit.sources else base_level
        if frame is not None and frame.verb is not None:
            # "X said ..., according to Y": Y stands beside X
            have = {(x.start, x.end) for x in unit.sources}
            for f in frames:
                if f.anchor == frame.verb and f.content is None:
                    acue = make_cue(doc, f.cue[0], f.cue[-1], "attribution", sent.offset)
                    srcs = [
                        _make_source(lexicons, state, sent, s, base_level, acue) for s in f.sources
                    ]
                    if all((x.start, x.end) in have for x in srcs):
                        continue  # already in the chain through the frame's own clause
                    unit.cues.append(acue)
                    unit.sources.extend(srcs)
                    found.append((Attribution("", f.kind, acue, unit.start, unit.end, srcs), ui))
        if frame is not None and frame.kind != "speculation":
            cue = make_cue(doc, frame.cue[0], frame.cue[-1], "attribution", sent.offset)
            if frame.kind == "passive":
                cue = make_cue(doc, frame.cue[0], frame.cue[-1], "hedge", sent.offset)
            unit.cues.append(cue)
            srcs = _speaker_sources(lexicons, state, sent, frame, base_level, cue)
            # "X denied ..., saying ...": X is already in the chain through the denial
            unit.sources.extend(x for x in srcs if not _in_chain(x, unit.sources))
            if frame.kind != "passive":
                written = _as_written(sent, frame, srcs)
                start = _with_complementizer(sent, uh, unit.start)
                att = Attribution("", frame.kind, cue, start, unit.end, written)
                found.append((att, ui))
            deeper = max((x.level for x in srcs), default=base_level) + 1
            for ncue, nsrcs in _nested(lexicons, state, sent, frame.nested, deeper):
                unit.cues.append(ncue)
                unit.sources.extend(nsrcs)
                found.append((Attribution("", "citing", ncue, unit.start, unit.end, nsrcs), ui))
        elif frame is not None:
            unit.cues.append(make_cue(doc, frame.cue[0], frame.cue[-1], "speculation", sent.offset))
    for verb, denier in _relative_denials(lexicons, sent):
        cue = make_cue(doc, verb.i, verb.i, "attribution", sent.offset)
        for ui in _denied_units(verb, frames, unit_of_head, owner):
            units[ui].sources = [_make_source(lexicons, state, sent, d.i, 1, cue) for d in denier]
            units[ui].frame = "rejection"
            units[ui].cues.append(cue)
    return units


def _nested(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    nested: list[tuple[list[int], list[int]]],
    level: int,
) -> list[tuple[Cue, list[Source]]]:
    """The deeper links of a frame (its ``nested``: "citing X", "a memo seen by X"): each
    one's cue and its sources at ``level``."""
    doc = sent.span.doc
    out: list[tuple[Cue, list[Source]]] = []
    for cue_ids, src_ids in nested:
        ncue = make_cue(doc, cue_ids[0], cue_ids[-1], "attribution", sent.offset)
        out.append((ncue, [_make_source(lexicons, state, sent, s, level, ncue) for s in src_ids]))
    return out


def _addressees(lexicons: Lexicons, verb: Token, sources: list[Token]) -> list[Token]:
    """Who heard it: "told Reuters", "speaking to AFP", "in an interview with CNN",
    "officials cited by the Times"."""
    lex = lexicons.attribution
    found: list[Token] = []

    def pobjs(prep: Token) -> list[Token]:
        return [o for o in prep.children if o.dep_ == "pobj"]

    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and verb.lemma_.lower() in lex.addressee_verbs:
            found.append(c)
        elif c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_.lower() in lex.speaking_verbs:
            found += pobjs(c)
        elif c.dep_ == "prep" and c.lower_ in ("in", "during"):
            for o in pobjs(c):
                if o.lemma_.lower() in lex.conversation_nouns:
                    found += [x for p in o.children if p.lower_ in ("with", "to") for x in pobjs(p)]
        elif c.dep_ == "advcl" and c.lemma_.lower() in lex.speaking_verbs and c.tag_ == "VBG":
            found += [x for p in c.children if p.lower_ in ("to", "with") for x in pobjs(p)]
    return found + _source_hearers(lexicons, sources)


def _source_hearers(lexicons: Lexicons, sources: list[Token]) -> list[Token]:
    """Who heard a source, said on the source itself: "officials cited by the BBC",
    "the mayor, speaking to Reuters, said"."""
    lex = lexicons.attribution
    found: list[Token] = []
    for s in sources:
        for c in _hearer_clauses(lexicons, s):
            low = c.lemma_.lower()
            for p in c.children:
                if (low in lex.citing_verbs and p.dep_ == "agent") or (
                    low in lex.speaking_verbs and p.lower_ in ("to", "with")
                ):
                    found += [o for o in p.children if o.dep_ == "pobj"]
    return found


def _hearer_clauses(lexicons: Lexicons, source: Token) -> list[Token]:
    """A source's participle clauses that name who heard it ("cited by", "speaking to")."""
    lex = lexicons.attribution
    return [
        c
        for c in source.children
        if c.dep_ == "acl"
        and (
            c.lemma_.lower() in lex.citing_verbs
            or (c.lemma_.lower() in lex.speaking_verbs and c.tag_ == "VBG")
        )
    ]


def _speaker_sources(
    lexicons: Lexicons, state: Document, sent: Sentence, frame: Frame, level: int, cue: Cue
) -> list[Source]:
    """The frame's sources; an outlet that heard them ("X told AFP") stands one level
    above them (outlet -> AFP -> X)."""
    doc = sent.span.doc
    heads = [doc[s] for s in frame.sources]
    outlets: list[Source] = []
    hearers = (
        _addressees(lexicons, doc[frame.verb], heads)
        if frame.verb is not None
        else _source_hearers(lexicons, heads)
    )
    if hearers:
        for tok in hearers:
            src = _make_source(lexicons, state, sent, tok.i, level, cue)
            if src.kind == "outlet":
                outlets.append(src)
    inner = level + 1 if outlets else level
    return outlets + [_make_source(lexicons, state, sent, s, inner, cue) for s in frame.sources]


def _as_written(sent: Sentence, frame: Frame, chain: list[Source]) -> list[Source]:
    """The frame's speakers at the words that name them in the frame: a relative pronoun
    ("which said") stands for its antecedent, which keeps the name (PolNeAR marks "which")."""
    speakers = _speakers(chain)
    if not frame.written:
        return speakers
    doc = sent.span.doc
    at = {sent.char(doc[source_tokens(doc[a])[0]].idx): r for a, r in frame.written.items()}
    out: list[Source] = []
    for s in speakers:
        r = at.get(s.start) if s.start is not None else None
        if r is None:
            out.append(s)
        else:
            start = sent.char(doc[r].idx)
            out.append(replace(s, start=start, end=start + len(doc[r].text)))
    return out


def _speakers(chain: list[Source]) -> list[Source]:
    """The innermost sources of a frame's chain: who spoke, not the outlet that heard it
    (an attribution frame's source, as PolNeAR marks it)."""
    deepest = max((s.level for s in chain), default=0)
    return [s for s in chain if s.level == deepest]


def _in_chain(src: Source, chain: list[Source]) -> bool:
    return src.start is not None and any((s.start, s.end) == (src.start, src.end) for s in chain)


def _states_a_claim(lexicons: Lexicons, doc: Doc, f: Frame) -> bool:
    """A stance that says something about the world ("accused Y of ...", "called it a
    barbaric act", "denied responsibility", "declined to comment"), not a speech act the
    outlet narrates as an event ("endorsed Perry", "urged Akin to drop out")."""
    if f.verb is None or f.content is None:
        return False
    lex = lexicons.attribution
    lemma = doc[f.verb].lemma_.lower()
    if f.kind in ("denial", "questioning") or lemma in lex.claiming_stance_verbs:
        return True
    # "declined to comment", "refused to say": a refusal to speak is the source's answer
    return lemma in lex.refusal_verbs and doc[f.content].lemma_.lower() in lex.speech_verbs


def _stance_claims(
    doc: Doc,
    units: list[Unit],
    unit_of_head: dict[int, int],
    owner: dict[int, int],
    stances: list[tuple[Frame, int, list[Source]]],
    found: Found,
) -> None:
    """'X accused Y of ...', 'X denied responsibility', 'X declined to comment': the clause
    that takes the stance is X's claim, so X is its source (a denial makes it denied)."""
    for f, fi, chain in stances:
        if f.verb is None or owner.get(f.verb) not in unit_of_head:
            continue
        ui = unit_of_head[owner[f.verb]]
        unit = units[ui]
        if unit.kind == "content" and unit.head == f.verb:
            # "Kyiv said it rejected the claims": the reported clause is a rejection, so
            # its claim is denied ("said the army denied access": a refusal, not a denial);
            # the speaker stays its source
            unit.frame = "rejection" if f.kind == "denial" else "stance"
            unit.cues.append(found[fi][0].cue)
            continue
        if unit.kind == "content" or unit.sources:
            continue  # the stance sits inside a reported content: its speaker is the source
        if unit.kind == "frame" and doc[f.verb].dep_ == "advcl":
            # "After the mayor accused Y, Lind stated that ...": the stance is a clause
            # beside another speaker's frame; its source would pass down to that content
            continue
        att = found[fi][0]
        unit.frame = f.kind if f.kind in ("denial", "questioning") else "stance"
        found[fi] = (att, ui)
        if all(x.start is not None and x.name.lower() in FIRST_SECOND for x in att.sources):
            continue  # "we reject the claims" inside a quotation: the quote's speaker says it
        unit.sources = [Source(**{**s.__dict__}) for s in chain]
        unit.cues.append(att.cue)


def _after_quote(state: Document, si: int) -> bool:
    """True when the previous sentence of the paragraph ends with a closing quote."""
    if si == 0:
        return False
    sent, prev = state.sentences[si], state.sentences[si - 1]
    tail = state.article.text[prev.start : prev.end].rstrip()
    return prev.block == sent.block and bool(tail) and tail[-1] in "”\"’'»"


def _attach_backwards(
    lexicons: Lexicons, state: Document, si: int, frame: Frame, units: list[Unit], found: Found
) -> None:
    """'“Are you winning?” she said.': the speaker of a quotation the tagger split off."""
    sent = state.sentences[si]
    doc = sent.span.doc
    cue = make_cue(doc, frame.cue[0], frame.cue[-1], "attribution", sent.offset)
    for ui, u in enumerate(units):
        if u.sentence == si - 1 and not u.sources:
            u.sources = [_make_source(lexicons, state, sent, s, 1, cue) for s in frame.sources]
            u.cues.append(cue)
            u.direct_quote = True
            found.append((Attribution("", "speech", cue, u.start, u.end, u.sources), ui))


def _attach_retro(
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
        srcs = [_make_source(lexicons, state, sent, s, 1, cue) for s in retro.sources]
        u.cues.append(cue)
        found.append((Attribution("", "speech", cue, u.start, u.end, srcs), ui))
        for ncue, deeper in _nested(lexicons, state, sent, retro.nested, 2):
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
                for s, e in _quote_regions(text[block.start : block.end])
            ]
        if _in_quote(regions_by_block[bi], u.start, u.end):
            u.direct_quote = True
    return regions_by_block


def _carry(
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
            prev = [
                p
                for sj in (si - 1, si - 2)
                if sj >= 0 and state.sentences[sj].block == sent.block
                for p in [_principal(state, by_sentence.get(sj, []))]
                if p is not None and p.sources
            ]
            region = next(((s, e) for s, e in regions if s <= u.start and u.end <= e + 1), None)
            opened = _opened_by(state, by_sentence, si, region) if u.direct_quote else None
            if opened is not None:
                # a quotation that goes on over sentences: 'X said, "A. B. C."'
                u.sources = [Source(**{**s.__dict__}) for s in opened.sources]
                u.cues.extend(c for c in opened.cues if c.kind == "attribution")
                u.carried = True
                continue
            if u.direct_quote and region is not None:
                # a quotation whose speaker comes at its end: "“A. B,” said X."
                nxt = [
                    p
                    for sj in (si + 1, si + 2, si + 3)
                    if sj < len(state.sentences) and state.sentences[sj].block == sent.block
                    for p in by_sentence.get(sj, [])
                    if p.sources
                    and p.direct_quote
                    and region[0] <= p.start
                    and p.end <= region[1] + 1
                ]
                if nxt:
                    u.sources = [Source(**{**s.__dict__}) for s in nxt[0].sources]
                    u.cues.extend(c for c in nxt[0].cues if c.kind == "attribution")
                    u.carried = True
                    continue
            if not prev and u.direct_quote and si > 0:
                p = _paragraph_before(state, by_sentence, si, region)
                if p is not None:
                    u.sources = [Source(**{**s.__dict__}) for s in p.sources]
                    u.cues.extend(c for c in p.cues if c.kind == "attribution")
                    u.carried = True
                continue
            if not prev:
                continue
            doc = sent.span.doc
            hedged = bool(hedge_cues(lexicons, doc, u.tokens, sent.offset))
            quoted_on = u.direct_quote and any(p.direct_quote for p in prev)
            if hedged and not quoted_on and _passive_report(lexicons, doc, u.tokens):
                continue  # "X is said to ...": its own unnamed source, not the last speaker
            if hedged or quoted_on:
                src = prev[0]
                u.sources = [Source(**{**s.__dict__}) for s in src.sources]
                u.carried = True
                if quoted_on:
                    u.cues.extend(c for c in src.cues if c.kind == "attribution")
    return regions_by_block


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


def _region_of(
    regions: dict[int, list[tuple[int, int]]], block: int, unit: Unit
) -> tuple[int, int] | None:
    """The quotation region of ``block`` that holds ``unit``, or None."""
    return next(
        (r for r in regions.get(block, []) if r[0] <= unit.start and unit.end <= r[1] + 1), None
    )


def _quotation_contents(
    state: Document, units: list[Unit], found: Found, regions: dict[int, list[tuple[int, int]]]
) -> None:
    """A speech frame's content runs over the whole quotation it opens or closes when no
    words stand between ('X said: "A. B."', '"A. B," said X'): one frame, one content."""
    text = state.article.text
    for att, ui in found:
        if ui is None or not units[ui].direct_quote or att.kind not in ("speech", "cognition"):
            continue
        unit = units[ui]
        region = _region_of(regions, state.sentences[unit.sentence].block, unit)
        if region is None or not unit.sources:
            continue
        speaker = unit.sources[-1].name
        mates = sorted(
            (
                u
                for u in units
                if u.carried
                and u.direct_quote
                and u.parent is None
                and region[0] <= u.start
                and u.end <= region[1] + 1
                and any(s.name == speaker for s in u.sources)
            ),
            key=lambda u: u.start,
        )
        for u in mates:  # later sentences of the quotation
            if u.start >= att.content_end and _only_marks(text[att.content_end : u.start]):
                att.content_end = u.end
        for u in reversed(mates):  # earlier ones, when the speaker comes at the end
            if u.end <= att.content_start and _only_marks(text[u.end : att.content_start]):
                att.content_start = u.start


def _only_marks(gap: str) -> bool:
    return all(not ch.isalnum() for ch in gap)


def _first_person(src: Source, text: str = "") -> bool:
    """'I', 'we', 'our evidence': the words of the source in ``text`` when given (an
    unnamed "our analysis" is named "unnamed analysis"), else its name."""
    if src.start is None:
        return False
    words = text[src.start : src.end] if text and src.end is not None else src.name
    first = words.split(" ", 1)[0].lower()
    return first in FIRST_PERSON or src.name.split(" ", 1)[0].lower() in FIRST_PERSON


def _own_voice(unit: Unit, text: str) -> list[int]:
    """The indices of the unit's sources that are its quotation's speaker speaking of
    itself: "I", "we", "our evidence", and a conjunct sharing the possessive ("Our data
    and analysis suggest": "analysis" is a source of the same frame at the same level)."""
    ours = {(s.level, s.cue.start) for s in unit.sources if s.cue and _first_person(s, text)}
    return [
        k
        for k, s in enumerate(unit.sources)
        if _first_person(s, text)
        or (s.kind == "anonymous" and s.cue is not None and (s.level, s.cue.start) in ours)
    ]


def _speaker_of(unit: Unit, text: str = "") -> Source | None:
    """The chain's nearest named link to the outlet that is not "I"/"we" (a quotation
    quoted inside the unit has its own speaker one level deeper)."""
    own = set(_own_voice(unit, text))
    named = [
        s
        for k, s in enumerate(unit.sources)
        if s.level >= 1 and s.start is not None and k not in own and s.name.lower() != "you"
    ]
    return min(named, key=lambda s: s.level) if named else None


def _goes_on(
    text: str, last: tuple[int, Source] | None, block: int, members: list[Unit]
) -> Source | None:
    """The speaker of the quotation just before, when this one speaks only of itself
    ("Our evidence suggests ...") and follows it in the next paragraph."""
    if last is None or block - last[0] > 1:
        return None
    if all(
        set(_own_voice(u, text)) >= {k for k, s in enumerate(u.sources) if s.level >= 1}
        for u in members
    ):
        return last[1]
    return None


def _quote_speakers(
    state: Document, units: list[Unit], regions: dict[int, list[tuple[int, int]]]
) -> None:
    """Give each quoted unit the speaker of its quotation, and make the quotation's "I"
    and "we" that speaker ('"I told the board," Ruiz said': Ruiz told the board)."""
    text = state.article.text
    by_region: dict[tuple[int, int, int], list[Unit]] = {}
    for u in units:
        if not u.direct_quote:
            continue
        block = state.sentences[u.sentence].block
        region = _region_of(regions, block, u)
        if region is None:
            u.quote_speaker = _speaker_of(u, text)
            continue
        by_region.setdefault((block, *region), []).append(u)
    last: tuple[int, Source] | None = None  # (block, speaker) of the last quotation
    for (block, _, _), members in by_region.items():
        speakers = [p for p in (_speaker_of(u, text) for u in members) if p is not None]
        speaker = min(speakers, key=lambda s: s.level) if speakers else None
        if speaker is None:
            speaker = _goes_on(text, last, block, members)
        if speaker is not None:
            last = (block, speaker)
        for u in members:
            u.quote_speaker = _speaker_of(u, text) or speaker
            if speaker is None:
                continue
            for k in _own_voice(u, text):
                u.sources[k] = refer_to(u.sources[k], speaker)


def attribute(lexicons: Lexicons, state: Document) -> None:
    """Find attribution frames and cut sentences into claim units with source chains."""
    units: list[Unit] = []
    found: Found = []
    for si, sent in enumerate(state.sentences):
        state.check_time()
        dangling: list[Frame] = []
        local: Found = []
        sent_units = _sentence_units(lexicons, state, si, sent, dangling, local)
        if not local and si > 0 and _attach_retro(lexicons, state, si, units, found):
            continue  # "This was reported by X": the sentence before is X's, this is no claim
        base = len(units)
        for u in sent_units:
            if u.parent is not None:
                u.parent += base
        found.extend((a, None if ui is None else ui + base) for a, ui in local)
        if dangling and si > 0:
            _attach_backwards(lexicons, state, si, dangling[0], units, found)
        units.extend(sent_units)
    regions = _carry(lexicons, state, units)
    _quotation_contents(state, units, found, regions)
    headline_sources(
        state, units, lambda sent, head, cue: _make_source(lexicons, state, sent, head, 1, cue)
    )
    resolve_pronoun_sources(lexicons, state, units)
    resolve_description_sources(state, units)
    resolve_document_sources(state, units)
    resolve_group_sources(lexicons, state, units)
    _quote_speakers(state, units, regions)
    state.units = units
    found.extend(
        (att, None)
        for att in tagged_attributions(
            state,
            [a for a, _ in found],
            lambda sent, head, cue: _make_source(lexicons, state, sent, head, 1, cue),
        )
    )
    dropped = unconfirmed(state, [a for a, _ in found])
    found = [(a, ui) for a, ui in found if id(a) not in dropped]
    found.sort(key=lambda au: (au[0].cue.start, au[0].content_start))
    starts = [x.start for x in state.sentences]
    for att, _ in found:
        att.cue = _cue_phrase(lexicons, state, starts, att.cue)
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
