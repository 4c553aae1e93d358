"""Frames of reporting, stance, denial and passive-report verbs: "X said (that) ...",
"..., reported Bloomberg", "X denied the claims", "it is said that ...", "X was quoted by
Y as saying ..."."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import tokens_in
from ...lexicons import AttributionLexicon, Lexicons
from ...nlp.doc import Sentence
from ...syntax import conjuncts, np_tokens, subtree_ids, verb_lemma
from ...text.quotations import inside_quote, quote_regions
from .frame import FIRST_SECOND, QUOTE_MARKS, RELATIVE_TAGS, Frame, auxiliaries, until_full
from .sources import source_tokens
from .speakers import hearer_clauses
from .subjects import (
    comma_subject,
    inverted_object,
    inverted_subject,
    opening_subject,
    speaker_phrase,
    subject_clause,
    subjects,
    trailing_participle,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Subjects that are no source of a reporting verb ("it said" is a document's, checked apart).
NON_SOURCES = ("it", "this", "that", "there")


PARENTHETICAL_BLOCKERS = frozenset(
    {"dobj", "xcomp", "npadvmod", "attr", "acomp", "oprd", "ccomp", "nummod", "dative"}
)


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


def verb_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """The frames of the sentence's reporting, stance, denial and intent verbs."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    vocab = lex.frame_verbs | lex.denial_verbs | lex.stance_verbs | lex.intent_verbs
    for tok in until_full(tokens_in(sent.span, ("VERB", "AUX"), by="pos"), frames):
        lemma = _phrasal(tok, verb_lemma(tok, vocab), vocab)
        if lemma not in vocab and not _closes_quote(lex, tok):
            continue
        frame = _verb_frame(lexicons, sent, tok, lemma)
        if frame is not None:
            frames.append(frame)
    return frames


def _verb_frame(lexicons: Lexicons, sent: Sentence, tok: Token, lemma: str) -> Frame | None:
    """The frame of one verb: a passive report, a quotation by an outlet, or a verb with
    its sources, cue and content (a complement clause, a stance's object, or the clause it
    stands in as a parenthetical); None when it frames nothing."""
    children = list(tok.children)
    ccomp = _complement(lexicons, tok, lemma, children)
    if any(c.dep_ == "auxpass" for c in children):
        quoted = _quoted_as_saying(lexicons, tok, lemma, children)
        if quoted is not None:
            return quoted
        if not any(c.dep_ == "agent" for c in children):
            return _expletive_passive(tok, children, ccomp)
    speakers = _verb_sources(lexicons, tok, lemma, children, ccomp)
    if speakers is None:
        return None
    sources, comma_phrase = speakers
    kind = _frame_kind(lexicons, lemma)
    if kind in ("belief", "cognition") and all(s.lower_ in FIRST_SECOND for s in sources):
        return None  # "I think", "you know": talk inside quotes, not attribution
    cue, material = _cue_and_material(lexicons, tok, lemma, ccomp, sources)
    frame = Frame(kind, cue, [s.i for s in sources], verb=tok.i, material=material | comma_phrase)
    frame.written = _relative_pronouns(tok, sources)
    rejected = rejected_proposition(lexicons.attribution, tok, children)
    if ccomp and rejected is not None and rejected[1].i == ccomp[0].i:
        frame.record_from = rejected[0].left_edge.i
    if ccomp:
        frame.content = ccomp[0].i
    elif (
        lemma in lexicons.attribution.stance_verbs or lemma in lexicons.attribution.intent_verbs
    ) and not any(s.dep_ == "dobj" and s.head.i == tok.i for s in sources):
        _stance_content(lexicons, frame, tok, lemma, sources)  # not "..., confirmed the bank"
    else:
        _parenthetical(lexicons, frame, tok, lemma, sources)
    if frame.content is None and frame.anchor is None:
        if kind == "speech" and tok.i - sent.span.start <= 4:
            frame.kind = "dangling"  # '“Are you winning?” she said.' (split by the tagger)
            return frame
        return None
    _citing_links(lexicons, frame, tok, children)
    return frame


def _complement(lexicons: Lexicons, tok: Token, lemma: str, children: list[Token]) -> list[Token]:
    """The verb's complement clause (as a one-item list), or none."""
    lex = lexicons.attribution
    # two complements are a misparse ('said: “Information ... and verified ..., indicates
    # that ...”'): a quoted one is the content ('"Such claims are false," the ministry
    # said of reports that ...': the that-clause belongs to "reports"), else the wider
    ccomp = sorted(
        (c for c in children if c.dep_ == "ccomp"),
        key=lambda c: (not _opens_quote(c), c.left_edge.i - c.right_edge.i),
    )
    ccomp = ccomp or _hidden_content(lexicons, tok, children)
    if not ccomp and lemma in lex.inverting_verbs:
        clause = subject_clause(tok)  # "The plant is closing, confirmed the company."
        ccomp = [clause] if clause is not None else []
    if not ccomp and lemma in lex.denial_verbs:
        # "denied targeting civilians", "denies having met him": the gerund is the deed
        ccomp = [c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG"][:1]
    if not ccomp and lemma in lex.denial_verbs:
        rejected = rejected_proposition(lex, tok, children)
        ccomp = [rejected[1]] if rejected is not None else []
    return ccomp


def rejected_proposition(
    lex: AttributionLexicon, verb: Token, children: list[Token]
) -> tuple[Token, Token] | None:
    """(the report, what it says) for a denial of a report: "denied reports that X",
    "rejected claims that X", "dismissed as false the reports that X" (X's clause),
    "dismissed reports of X" (X's phrase, for ``rejected_report_nouns``). What the report
    says is what the denial rejects; None for any other object ("rejected the claims")."""
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    moved = _object_after_as(lex, children)
    for obj in [*objects, *([moved] if moved is not None else [])]:
        lemma = _hyphenated(obj)
        if lemma not in lex.claim_nouns and lemma not in lex.unnamed_report_nouns:
            continue
        for c in obj.children:
            if c.dep_ in ("acl", "ccomp", "relcl") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children
            ):
                return obj, c
        if lemma not in lex.rejected_report_nouns:
            continue
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            pobj = [o for o in prep.children if o.dep_ == "pobj"]
            if pobj:
                return obj, pobj[0]
    return None


def _expletive_passive(tok: Token, children: list[Token], ccomp: list[Token]) -> Frame | None:
    """'it is said that ...': a report with no source; None for another passive."""
    expl = [c for c in children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
    if not (expl and ccomp):
        return None
    cue = sorted({expl[0].i, tok.i, *[c.i for c in children if c.dep_ == "auxpass"]})
    return Frame("passive", cue, [], content=ccomp[0].i, verb=tok.i, material=set(cue))


def _verb_sources(
    lexicons: Lexicons, tok: Token, lemma: str, children: list[Token], ccomp: list[Token]
) -> tuple[list[Token], set[int]] | None:
    """The verb's sources (an inverted subject after a comma, its subject, a name set off
    before it), with the words of a speaker's phrase the parser hung elsewhere; None when
    it has none or only a non-source ("it", "this", "there")."""
    lex = lexicons.attribution
    own_subject = any(c.dep_ in ("nsubj", "csubj") and c not in ccomp for c in children)
    # a complement after the verb makes the name after it a hearer ("told Reuters that");
    # content set before the verb leaves it the inverted subject ("..., reported Bloomberg")
    later = any(c.i > tok.i for c in ccomp)
    sources = [] if own_subject or later else inverted_subject(tok)
    if sources and not (tok.i > 0 and tok.doc[tok.i - 1].is_punct):
        sources = []
    if not sources and lemma in lex.inverting_verbs:
        sources = inverted_object(tok, lambda t: _can_be_cited(lexicons, t))
    if not sources:
        sources = subjects(tok)
    comma_phrase: set[int] = set()
    if not sources and lemma in lex.speech_verbs:
        sources = comma_subject(tok) or opening_subject(tok)
        comma_phrase = {i for s in sources for i in speaker_phrase(s)}
    sources = [s for s in sources if all(s.i != c.i for c in ccomp)]  # '"...," said X'
    if not sources:
        return None
    # "it denied the claims", "it accused Y of": the body named before, never expletive
    referential = lemma in lex.denial_verbs or lemma in lex.claiming_stance_verbs
    blocked = NON_SOURCES[1:] if referential else NON_SOURCES
    if any(s.lower_ in blocked for s in sources) and lemma not in lex.evidential_verbs:
        return None
    return sources, comma_phrase


def _cue_and_material(
    lexicons: Lexicons, tok: Token, lemma: str, ccomp: list[Token], sources: list[Token]
) -> tuple[list[int], set[int]]:
    """The frame's cue (the verb, its auxiliaries and negation, a phrasal particle) and
    the words that belong to the frame (the cue, the sources' phrases, "the claim" of
    "repeated the claim that", a hearer clause on a source)."""
    cue = [tok.i, *(c.i for c in auxiliaries(tok) if c.lower_ != "to")]
    if " " in lemma:
        cue += [c.i for c in tok.children if c.dep_ == "prt"]  # "brushed off"
    cue.sort()
    material = set(cue)
    said = ccomp[0].head if ccomp and ccomp[0].dep_ == "acl" else None
    if said is not None and said.dep_ == "dobj" and said.head.i == tok.i:
        material.update(np_tokens(said))  # "repeated the claim that": the claim is X
    rejected = rejected_proposition(lexicons.attribution, tok, list(tok.children))
    if ccomp and rejected is not None and rejected[1].i == ccomp[0].i:
        # "denied (media) reports (of) X": the report is the frame's, X its content
        report, content = rejected
        material |= subtree_ids(report) - subtree_ids(content)
    for s in sources:
        if s.i != tok.head.i or tok.dep_ != "relcl":
            material.update(source_tokens(s))
        for c in hearer_clauses(lexicons, s):  # "the mayor, speaking to Reuters, said"
            material |= subtree_ids(c)
    return cue, material


def _stance_content(
    lexicons: Lexicons, frame: Frame, tok: Token, lemma: str, sources: list[Token]
) -> None:
    """A stance's object as the frame's content ("rejected the claims", "vowed to
    fight"): a denial only when the object is a claim, else a stance."""
    lex = lexicons.attribution
    obj = _stance_object(lexicons, tok, lemma, sources)
    if obj is None:
        return
    frame.content = obj.i
    frame.np_content = True
    # "rejected the claims" denies; "rejected Borrell's calls" refuses a request
    rejects = frame.kind == "denial" and (
        obj.lemma_.lower() in lex.claim_nouns
        or _hyphenated(obj) in lex.claim_nouns
        or _has_that_clause(obj)
    )
    # a figure or a blame given ("put the toll at 40") is said outright: no stance that
    # the tagger must confirm (tagged_frames.CONFIRMED_KINDS)
    spoken = lemma in lex.figure_phrases
    frame.kind = "denial" if rejects else ("speech" if spoken else "stance")
    if obj.dep_ == "pobj":
        frame.cue.append(obj.head.i)
        frame.material.add(obj.head.i)


def _parenthetical(
    lexicons: Lexicons, frame: Frame, tok: Token, lemma: str, sources: list[Token]
) -> None:
    """'The economy is strong, he said.' parsed with "said" under the main verb: the
    frame attaches to that clause only when its own clause says nothing but who spoke
    ("..., Smith added." and not "... and the Nasdaq added 11 points")."""
    lex = lexicons.attribution
    if not (
        tok.dep_ == "parataxis" or (tok.dep_ in ("advcl", "ccomp", "conj") and tok.i > tok.head.i)
    ) or tok.head.pos_ not in ("VERB", "AUX"):
        return
    objects = [
        c
        for c in tok.children
        if c.dep_ in PARENTHETICAL_BLOCKERS
        and c not in sources
        and not (c.dep_ == "dobj" and lemma in lex.addressee_verbs)
    ]
    if not objects:
        frame.anchor = tok.head.i
        frame.material.update(t.i for t in tok.subtree)


def _citing_links(lexicons: Lexicons, frame: Frame, tok: Token, children: list[Token]) -> None:
    """'reported, citing a memo, that ...': the cited sources as a deeper link of the
    frame (the parser may hang the participle on the content)."""
    lex = lexicons.attribution
    citing = list(children)
    if frame.content is not None:
        content_tok = tok.doc[frame.content]
        citing += [
            c
            for c in content_tok.children
            if c.dep_ == "advcl" and (c.i < content_tok.left_edge.i + 4 or trailing_participle(c))
        ]
    for c in citing:
        if c.dep_ not in ("advcl", "xcomp", "conj"):
            continue
        lemma = c.lemma_.lower()
        objs = [o for o in c.children if o.dep_ in ("dobj", "pobj", "attr")]
        if lemma not in lex.citing_verbs:  # "referring to X": the preposition's object
            objs = [
                o
                for p in c.children
                if p.dep_ == "prep" and f"{lemma} {p.lower_}" in lex.citing_phrases
                for o in p.children
                if o.dep_ == "pobj"
            ]
        if objs and _can_be_cited(lexicons, objs[0]):
            frame.nested.append(([c.i], [t.i for t in conjuncts(objs[0])]))
            frame.material.update(subtree_ids(c))


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
    tail = _quotation_tail(verb, children)
    return [tail] if tail is not None else []


#: What the parser makes of the end of a quotation set before its verb of saying.
_QUOTED_AS = frozenset({"nsubj", "dep", "npadvmod", "intj", "advcl", "parataxis"})


def _quotation_tail(verb: Token, children: list[Token]) -> Token | None:
    """'“The pier is closed. Full closure,” said X.': the end of a quotation that opened
    in an earlier sentence (or right before it), which the parser took for the verb's
    subject or a loose dependent: only punctuation with a closing mark stands between it
    and the verb, and it starts the sentence."""
    doc = verb.doc
    for c in children:
        if c.dep_ not in _QUOTED_AS or c.i > verb.i:
            continue
        between = doc[c.right_edge.i + 1 : verb.i]
        if not any(t.text in QUOTE_MARKS for t in between) or not all(t.is_punct for t in between):
            continue
        if _opens_quote(c):
            return c
        at = c.left_edge.idx
        if c.left_edge.i == verb.sent.start and inside_quote(quote_regions(doc.text), at, at):
            return c
    return None


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
    """'brushed off the claims': the verb with its particle, when the lexicon lists it;
    'put the toll at 40', 'placed the blame on': the verb with its object's lemma."""
    for c in verb.children:
        if c.dep_ == "prt" and (joined := f"{lemma} {c.lower_}") in vocab:
            return joined
        if c.dep_ == "dobj" and (joined := f"{lemma} {c.lemma_.lower()}") in vocab:
            return joined
    return lemma


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
