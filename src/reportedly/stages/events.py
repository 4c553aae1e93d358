"""Events: who did what to whom, when and where, inside each claim.

Triggers come from ``lexicons/events.yaml`` (verbs, verb + particle/preposition/object,
nouns). Roles come from the claim's parse: the actor is the subject (the agent of a
passive, the subject a participle or infinitive depends on, the noun a relative clause
hangs on), the target the object the pattern names; conjoined actors or targets give one
event each. An "envoy" verb ("dispatched a senior leader to meet X") gives the meeting to
its subject with the envoy as intermediary, and "via X" names an intermediary.

Each event takes the status, polarity and source chain of its claim, the date of its own
clause (or of the clause it depends on) and a place named in its clause. Actor codes come
from the actor dictionary, checked against the event's date.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import errors, settings
from ..cuefinder import lemma_lowers, parts_of_speech, token_starts
from ..events.actors import ActorCode, ActorResolver
from ..lexicons import NOT_AN_EVENT, Lexicons
from ..nlp.doc import Document, Sentence, Unit
from ..records import Actor, Claim, Event, Place, Source, TimeRef
from ..syntax import conjuncts, np_tokens, verb_lemma
from .base import Resources, StageConfig, StageFunc, stage

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..lexicons import EventLexicon, EventPattern

SUBJ = ("nsubj", "csubj")
COMPLEMENTS = ("oprd", "attr", "acomp")  # "called it a crime", "is false", "are nonsense"
# CAMEO's "express intent to ..." (03x) and "threaten ..." (13x) codes by the intended action
INTENT_COOPERATE = {4: "036", 5: "032", 6: "031", 7: "033", 8: "039"}
INTENT_CONFLICT = {16: "131", 17: "1312", 18: "138", 19: "138", 20: "138", 15: "138"}
NON_PERSON_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
TERRITORIAL = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "RETREAT"})
STANCE_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # their target may be a statement
NOUN_TARGET_PREPS = ("to", "with", "on", "against")  # "talks with X", "an attack on X"
QUOTE_MARKS = frozenset("\"“‘'«")
MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE"})  # "X and Y met": each with the other
ENVOY_TYPES = frozenset({"CONSULT", "REQUEST", "AGREE"})
PATIENT_OF_TYPES = frozenset(
    {"ASSAULT", "COERCE"}
)  # "the shelling of the town": its target  # what an envoy can do for a sender


def _match(lex: EventLexicon, tok: Token) -> EventPattern | None:
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ in ("amod", "compound"):
            return None  # "Iranian-backed forces": an adjective, not an action
        lemma = verb_lemma(tok, lex.by_verb)
        pats = lex.by_verb.get(lemma, ())
    elif tok.pos_ == "NOUN":
        if _modifier_only(lex, tok):
            return None
        pats = lex.by_noun.get(tok.lemma_.lower(), ())
    else:
        return None
    children = list(tok.children)
    for p in pats:  # most specific first
        if not _holds(lex, tok, children, p):
            continue
        if p.plover == "REQUEST" and _asks_a_question(lex, tok):
            return None  # "asked whether the talks would resume": a question, not a request
        if p.plover == "REJECT" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lex.comment_verbs for c in children
        ):
            return None  # "declined to comment": no answer, not a rejection
        if p.plover == "AGREE" and _shared_view(lex, tok, children):
            return None
        return None if p.plover == NOT_AN_EVENT else p
    return None


def _shared_view(lex: EventLexicon, tok: Token, children: list[Token]) -> bool:
    """ "agreed that sabotage is the likely cause": agreement with a statement of what is (a
    copula with no modal) is a shared view, not an agreement to do something."""
    if (
        tok.pos_ not in ("VERB", "AUX")
        or verb_lemma(tok, lex.opinion_verbs) not in lex.opinion_verbs
    ):
        return False
    return any(
        c.dep_ == "ccomp"
        and c.lemma_.lower() == "be"
        and not any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
        for c in children
    )


def _holds(lex: EventLexicon, tok: Token, children: list[Token], p: EventPattern) -> bool:
    """Do all the constraints of a pattern hold on the trigger?"""
    if p.particle and not any(c.dep_ == "prt" and c.lower_ == p.particle for c in children):
        return False
    if p.prep and not _prep_object(lex, tok, p.prep):
        return False
    if p.complement and not any(
        not p.complement_words or _words(c) & p.complement_words for c in _complements(tok)
    ):
        return False
    if p.judgment and not _judged(lex, tok, p):
        return False
    if p.denial and not _denied(lex, tok):
        return False
    if p.intransitive and any(c.dep_ == "dobj" for c in children):
        return False
    if p.warning and not _self_warning(lex, children):
        return False
    if p.subjects and not any(c.dep_ in SUBJ and c.lemma_.lower() in p.subjects for c in children):
        return False
    return not p.objects or any(_object_words(lex, c) & p.objects for c in _objects(tok))


def _complements(tok: Token) -> list[Token]:
    """The object complements of a verb ("called it a crime", "is false"), also where the
    parser hangs a quoted one on the object as an apposition ("called the strike "a
    massacre"")."""
    out = [
        c for c in tok.children if c.dep_ in COMPLEMENTS or (c.dep_ == "ccomp" and c.pos_ == "ADJ")
    ]
    if tok.pos_ in ("VERB", "AUX"):
        out.extend(
            g
            for c in tok.children
            if c.dep_ == "dobj"
            for g in c.children
            # a name in apposition is the object itself ("called his counterpart, Mr Ruiz")
            if g.dep_ == "appos" and g.i > c.i and g.pos_ != "PROPN"
        )
    return out


def _self_warning(lex: EventLexicon, children: list[Token]) -> bool:
    """Is a warning about what its speaker will do? Not when it advises ("warned them to
    leave") or reports what others do ("warned that militants were planning attacks"); a
    clause of what will be done is a threat ("warned that police will not tolerate it")."""
    if any(c.dep_ == "xcomp" for c in children):
        return False
    for c in children:
        if c.dep_ == "ccomp":
            subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            willed = any(g.dep_ == "aux" and g.lower_ in lex.threat_modals for g in c.children)
            if subj and subj[0].pos_ != "PRON" and not willed:
                return False
    return True


def _denied(lex: EventLexicon, tok: Token) -> bool:
    """Is a denial pattern's phrase negated? "was not involved", "had no role in", "had
    nothing to do with" (a null object counts only when tied to what it denies)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        negators = lex.negative_determiners
        if any(c.dep_ in ("det", "neg") and c.lower_ in negators for c in obj.children):
            return True
        if obj.lower_ in lex.null_objects and any(
            t.dep_ == "prep" and t.lower_ in lex.null_object_preps
            for t in (*obj.subtree, *tok.children)
        ):
            return True
    return False


def _judged(lex: EventLexicon, tok: Token, pat: EventPattern) -> bool:
    """A judgment needs a subject; one of falsity ("are false") a statement as subject."""
    subj = [c for c in tok.children if c.dep_ in SUBJ]
    if not subj or (
        subj[0].lower_ == "it"
        and any(g.dep_ == "relcl" for c in tok.children if c.dep_ == "attr" for g in c.children)
    ):
        # no subject, or a cleft ("it was militants that attacked"): no judgment; "the
        # breach was a barbaric act which ..." is one
        return False
    if pat.plover != "REJECT":
        return True
    lemma = subj[0].lemma_.lower()
    return lemma in lex.statement_nouns or lemma in lex.judged_subjects


def _words(tok: Token) -> set[str]:
    """A complement's lemma and those of its modifiers ("a barbaric act", "a war crime")."""
    out = {tok.lemma_.lower()}
    out.update(c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "acomp"))
    return out


def _modifier_only(lex: EventLexicon, tok: Token) -> bool:
    """An event noun that only qualifies another noun is no event: "war crimes", "a
    sabotage group" (but "a bombing campaign" is one: see ``event_heads``)."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() not in lex.by_noun
        and head.lemma_.lower() not in lex.event_heads
        and head.lemma_.lower() not in lex.order_words  # "evacuation orders"
    )


def _asks_a_question(lex: EventLexicon, tok: Token) -> bool:
    marks = lex.question_marks
    return any(
        c.dep_ in ("ccomp", "advcl")
        and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
        for c in tok.children
    )


def _small_clause(tok: Token) -> Token | None:
    """The adjective of "holds Putin responsible" (parsed as a clause with a subject)."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "oprd") and c.pos_ == "ADJ":
            return c
    return None


def _objects(tok: Token) -> list[Token]:
    """What the trigger acts on: its direct object (the subject of a passive), the
    adjective of a small clause ("held X responsible"), or the noun a passive participle
    describes ("the information provided by Hersh")."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    small = _small_clause(tok)
    if small is not None:
        out.append(small)
    if _participle_on_noun(tok):
        out.append(tok.head)
    return out


def _object_words(lex: EventLexicon, obj: Token) -> set[str]:
    """The object's word and lemma, looking through quantities ("thousands of fighters")."""
    if obj.lemma_.lower() in lex.quantity_nouns or obj.pos_ == "NUM":
        inner = _prep_object(lex, obj, "of")
        if inner is not None:
            obj = inner
    return {obj.lower_, obj.lemma_.lower()}


def _prep_object(lex: EventLexicon, tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            for o in c.children:
                if o.dep_ == "pobj" and not _temporal(lex, o):  # "called on Sunday for ..."
                    return o
        if c.dep_ == "prt":  # "reached out to": the preposition hangs on the particle
            found = _prep_object(lex, c, prep)
            if found is not None:
                return found
    return None


# long: one branch per way a clause names its agent
def _agents(lex: EventLexicon, tok: Token, depth: int = 0) -> list[Token]:  # noqa: C901 - see above
    children = list(tok.children)
    subj = [c for c in children if c.dep_ in SUBJ and not _slipped_passive(tok)]
    if subj:
        before = [c for c in subj if c.i < tok.i]
        s = before[-1] if before else subj[0]  # "Not just Iran, Assad reached out": Assad
        if s.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
            return conjuncts(tok.head)
        return _listed(s)
    agent = _prep_object(lex, tok, "by")
    if _passive(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
        # "they were detained", "rockets fired by militants": the actor of a passive is
        # its "by" agent or unsaid, never the subject of the clause it depends on
        if agent is not None:
            return conjuncts(agent)
        # "was killed in an Israeli strike": the author of the event that did it
        means = _prep_object(lex, tok, "in")
        if means is not None and means.pos_ == "NOUN" and means.lemma_.lower() in lex.by_noun:
            return [x for x in _look_through(lex, means) if x.i != means.i]
        return []
    if tok.pos_ == "NOUN":
        poss = [c for c in children if c.dep_ == "poss" and not _temporal(lex, c)]
        if poss:
            return conjuncts(poss[0])
        adjective = _nationality(tok)
        if adjective is not None:  # "an Israeli strike", "Western sanctions"
            return [adjective]
        lights = lex.light_verbs
        if tok.dep_ == "dobj" and verb_lemma(tok.head, lights) in lights and depth < 3:
            return _agents(lex, tok.head, depth + 1)  # "the US announced sanctions": the US
        between = _prep_object(lex, tok, "between")
        if between is not None:  # "negotiations between Israel and Lebanon"
            return conjuncts(between)
        # "the bombing of the market", "the arrest of the editor": "of" is who suffers it
        patient_of = any(
            p.plover in PATIENT_OF_TYPES for p in lex.by_noun.get(tok.lemma_.lower(), ())
        )
        for prep in ("by", "from") if patient_of else ("of", "by", "from"):
            # "evacuation orders from the army"
            obj = _prep_object(lex, tok, prep)
            if obj is not None:
                return conjuncts(obj)
        for c in children:  # "probes carried out by Swedish authorities": the "by" agent
            if c.dep_ == "acl" and c.tag_ == "VBN" and (obj := _prep_object(lex, c, "by")):
                return conjuncts(obj)
        claimer = _responsibility_verb(lex, tok)
        if claimer is not None and depth < 3:
            return _agents(lex, claimer, depth + 1)
        framing = tok.head
        if (
            tok.dep_ == "pobj"
            and framing.lower_ in lex.circumstance_preps
            and framing.head.pos_ in ("VERB", "AUX")
            and not _passive(framing.head)
            and depth < 3
        ):  # "In a phone call with Erdogan, Putin said ...": the one who said it
            return _agents(lex, framing.head, depth + 1)
        if (
            tok.dep_ == "pobj"
            and framing.lower_ in lex.journey_preps
            and verb_lemma(framing.head, lex.journey_verbs) in lex.journey_verbs
            and depth < 3
        ):  # "arrived in Amman on a surprise visit": the visitor
            return _agents(lex, framing.head, depth + 1)
        return []
    if _null_object(lex, tok) and depth < 3:  # "the US did nothing to help": the US
        return _agents(lex, tok.head.head, depth + 1)
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("VBG", "VBN"):
        # "rebels taking over the capital": the noun the participle describes
        said = tok.head
        if (
            tok.tag_ == "VBG"
            and said.lemma_.lower() in lex.statement_nouns
            and said.dep_ == "dobj"
            and said.head.pos_ in ("VERB", "AUX")
            and depth < 3
        ):  # "issued a statement accusing X": who issued it
            found = _agents(lex, said.head, depth + 1)
            if found:
                return found
        return conjuncts(_conj_top(tok.head)) if tok.tag_ == "VBG" else []
    if depth < 3 and tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head  # "blackmailed Ukraine by blowing up the dam": who blackmailed
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "Tehran is willing to support": the subject of "is"
        # "X is said to have visited": the subject of the passive report
        passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
        if tok.dep_ == "xcomp" and passive_subj:
            return conjuncts(passive_subj[0])
        if head.pos_ in ("VERB", "AUX"):
            found = _agents(lex, head, depth + 1)
            if found:
                return found
    if depth == 0 and tok.dep_ in ("acl", "advcl", "relcl", "conj", "ccomp"):
        # a finite verb the parser left without a subject: the noun phrase right before it
        j = tok.i - 1
        while j >= tok.sent.start and tok.doc[j].pos_ in ("ADV", "PART", "AUX", "PUNCT"):
            j -= 1
        if j >= tok.sent.start and tok.doc[j].pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBD":
            return conjuncts(_conj_top(tok.doc[j]))
    return []


def _listed(tok: Token) -> list[Token]:
    """The members of a coordinated name, also where the parser took a name of a list for
    an apposition ("The UK, Norway, and Iceland met": the UK, Norway and Iceland)."""
    members = conjuncts(tok)
    if tok.pos_ != "PROPN":
        return members
    for c in tok.children:
        if c.dep_ != "appos" or c.pos_ != "PROPN":
            continue
        listed = conjuncts(c)
        joined = any(
            g.dep_ == "cc" and g.lower_ in ("and", "or") for h in (tok, c) for g in h.children
        )
        if joined and len(members) + len(listed) > 2 and all(m.pos_ == "PROPN" for m in listed):
            return sorted({*members, *listed}, key=lambda t: t.i)
    return members


def _null_object(lex: EventLexicon, tok: Token) -> bool:
    """The act of "did nothing to help": an infinitive on an object that says it was not done."""
    head = tok.head
    return (
        tok.dep_ in ("relcl", "acl")
        and head.lower_ in lex.null_objects
        and head.dep_ == "dobj"
        and head.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _responsibility_verb(lex: EventLexicon, tok: Token) -> Token | None:
    """The verb of "claimed responsibility for the attack", whose subject is the attack's
    actor, when ``tok`` is the event noun."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "for":
        return None
    verb = prep.head  # "claimed responsibility on Thursday for the attack"
    if verb.lemma_.lower() == "responsibility" and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "responsibility"
        for c in verb.children
    ):
        return None
    return verb if verb_lemma(verb, lex.responsibility_verbs) in lex.responsibility_verbs else None


def _temporal(lex: EventLexicon, tok: Token) -> bool:
    """A time word, not an actor: "Friday's attack", "last week's talks" (the tagger's
    date entities also swallow names: "Bashar Assad Tuesday")."""
    words = lex.time_words
    if any(c.dep_ == "compound" and c.ent_type_ not in ("", "DATE", "TIME") for c in tok.children):
        return False  # "met with President Bashar Assad Tuesday", parsed with "Tuesday" as head
    return tok.ent_type_ in ("DATE", "TIME") and (
        tok.like_num or tok.lower_ in words or tok.lemma_.lower() in words
    )


def _nationality(tok: Token) -> Token | None:
    """The nationality adjective of an event noun ("Israeli" in "an Israeli missile strike")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" and c.i < tok.i:
            return c
    for c in tok.children:  # "Ukrainian drone attacks": the adjective on the compound
        if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "NOUN":
            for g in c.children:
                if g.dep_ == "amod" and g.ent_type_ == "NORP" and g.i < c.i:
                    return g
    return None


def _referent(tok: Token) -> Token:
    """What a relative pronoun stands for: "Hamas, whose attack ...", "X, whom Y had
    assisted": the noun its relative clause hangs on."""
    if tok.lower_ not in RELATIVE_PRONOUNS:
        return tok
    for anc in tok.ancestors:
        if anc.dep_ == "relcl":
            return anc.head
    return tok


def _look_through(lex: EventLexicon, tok: Token, *, agent: bool = False) -> list[Token]:
    """The actor a noun stands for, when it names an event or a statement: "blamed an
    Israeli missile strike" (Israel), "rejected Borrell's calls" (Borrell), "Hamas, whose
    attack killed ..." (Hamas). An event or a statement is no actor: with no author named
    it gives none ("condemned the attack", "denied the reports")."""
    lemma = tok.lemma_.lower()
    event_noun = tok.pos_ == "NOUN" and lemma in lex.by_noun
    if not event_noun and (agent or lemma not in lex.statement_nouns):
        return [tok]
    poss = [c for c in tok.children if c.dep_ == "poss" and not _temporal(lex, c)]
    if poss:
        return conjuncts(poss[0])
    adjective = _nationality(tok)
    if adjective is not None:
        return [adjective]
    if not event_noun:  # "the U.S. Embassy statement", "a Kremlin statement": its author
        named = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if named and named[-1].ent_type_ not in ("", "DATE", "TIME"):
            return [named[-1]]
    by = _prep_object(lex, tok, "by") or _prep_object(lex, tok, "from")
    if by is not None:
        return conjuncts(by)
    claimer = _responsibility_verb(lex, tok) if event_noun else None
    if claimer is not None:  # "claimed responsibility for the attack that killed ..."
        return _agents(lex, claimer, 1)
    return []


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def intent_code(cameo: str) -> tuple[str, str | None, str]:
    """(PLOVER, mode, CAMEO) of an intended action.

    Cooperation becomes AGREE (CAMEO 03x), conflict THREATEN (CAMEO 13x)."""
    root = int(cameo[:2]) if cameo[:2].isdigit() else 0
    if 1 <= root <= 8:
        return "AGREE", "intend", INTENT_COOPERATE.get(root, "030")
    return "THREATEN", None, INTENT_CONFLICT.get(root, "130")


def _conj_top(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _irrealis(lex: EventLexicon, tok: Token) -> bool:
    """An event that has not happened: under "willing to", "plans to", or a modal."""
    auxes = [c for c in tok.children if c.dep_ == "aux"]
    # "will be punished": the parser may hang the modal on the passive auxiliary
    auxes += [g for c in tok.children if c.dep_ == "auxpass" for g in c.children if g.dep_ == "aux"]
    if any(c.lower_ in lex.irrealis_modals for c in auxes):
        # "may have carried out an attack": a guess about the past, not an intent
        return not any(c.lemma_.lower() == "have" for c in auxes)
    t = tok
    for _ in range(3):
        # "vowed to fight" (an infinitive the parser may also hang as an adverbial clause)
        infinitive = t.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        )
        if (t.dep_ not in ("xcomp", "acomp") and not infinitive) or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lex.irrealis_heads or t.lower_ in lex.irrealis_heads:
            return True
    return False


def _passive(tok: Token) -> bool:
    """A passive verb, or one conjoined to a passive that shares its subject ("has been
    identified and detained"), or a passive participle on a noun ("Iran, isolated by ...")."""
    if any(c.dep_ == "auxpass" for c in tok.children):
        return True
    if _participle_on_noun(tok):
        return True
    head = tok.head
    return (
        tok.dep_ == "conj"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in (*SUBJ, "nsubjpass") for c in tok.children)
        and any(c.dep_ == "auxpass" for c in head.children)
    )


def _slipped_passive(tok: Token) -> bool:
    """A passive participle whose subject the parser labelled active ("those who ordered it
    will be punished", with "punished" taking an nsubj)."""
    return tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)


def _passive_subject(tok: Token) -> Token | None:
    """What a passive acts on: its subject, the subject of the passive it is conjoined to,
    or the noun its participle describes."""
    for t in (tok, tok.head) if tok.dep_ == "conj" else (tok,):
        subj = [
            c
            for c in t.children
            if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and _slipped_passive(t))
        ]
        if subj:
            return subj[0]
    if _participle_on_noun(tok):
        return tok.head
    return None


def _participle_on_noun(tok: Token) -> bool:
    """A passive participle describing a noun ("the aid provided by X"), not a clause with
    its own subject that the parser hung on a noun ("evidence that Ukraine had aided them")."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in SUBJ for c in tok.children)
    )


# long: one branch per target rule of events.yaml
def _targets(lex: EventLexicon, tok: Token, pat: EventPattern) -> list[Token]:  # noqa: C901 - see above
    children = list(tok.children)
    passive = tok.pos_ in ("VERB", "AUX") and _passive(tok)
    if pat.target == "none":
        return []
    if pat.target == "prep" and pat.prep:
        obj = _prep_object(lex, tok, pat.prep)
        return conjuncts(obj) if obj is not None else []
    if pat.target.startswith("prep:"):
        obj = _prep_object(lex, tok, pat.target[5:]) or _object_noun_target(lex, tok, pat)
        return conjuncts(obj) if obj is not None else []
    if pat.target == "dative":
        dat = [c for c in children if c.dep_ == "dative" and c.pos_ in ("PRON", "PROPN", "NOUN")]
        if dat:
            return conjuncts(dat[0])
        obj = _prep_object(lex, tok, "to")
        if obj is not None:
            return conjuncts(obj)
        patient = _passive_subject(tok) if passive else None
        if patient is not None:  # "the journalists were denied access": denied to them
            return conjuncts(patient)
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "visited Assad ... and offered Tehran's support": offered to the one visited
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            return conjuncts(objs[0]) if objs else []
        return []
    if pat.target == "beneficiary":
        # "arrested them with the help of X": the one X helped is the actor of the verb
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "with" else None
        return _agents(lex, verb, 1) if verb is not None and verb.pos_ in ("VERB", "AUX") else []
    if pat.target == "inherit":
        head = tok.head
        if head.i != tok.i:
            obj = _prep_object(lex, head, "to")
            if obj is not None:
                return conjuncts(obj)
        return []
    if passive:
        patient = _passive_subject(tok)
        return conjuncts(patient) if patient is not None else []
    if pat.plover in ("REQUEST", "ACCUSE") and not any(c.dep_ == "dobj" for c in children):
        # "demanded that the US lift sanctions": the one asked is the clause's subject;
        # "charged that it was militants that attacked": the one accused (a cleft's focus)
        for c in children:
            if c.dep_ == "ccomp":
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                focus = [g for g in c.children if g.dep_ == "attr"]
                if subj and subj[0].lower_ == "it" and focus:
                    return conjuncts(focus[0])
                if subj and subj[0].pos_ != "PRON":
                    return conjuncts(subj[0])
    objs = [c for c in children if c.dep_ in ("dobj", "obj") and not _temporal(lex, c)]
    if objs and not (pat.objects and objs[0].lemma_.lower() in pat.objects):
        return conjuncts(objs[0])
    if objs and pat.plover in STANCE_TYPES and objs[0].lemma_.lower() in lex.statement_nouns:
        return conjuncts(objs[0])  # "denied accusations by Kyiv": aimed at their author
    small = _small_clause(tok)
    if small is not None:  # "holds Putin responsible": Putin
        subj = [c for c in small.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return conjuncts(subj[0])
    if tok.pos_ == "NOUN":
        # "Russia's invasion of Ukraine": with the actor named before the noun, the "of"
        # phrase is the target ("the visit of the minister" keeps "of" as the actor)
        owned = (
            any(c.dep_ == "poss" for c in children)
            or _nationality(tok) is not None
            or pat.plover in PATIENT_OF_TYPES
        )
        for prep in (*NOUN_TARGET_PREPS, *(("of",) if owned else ())):
            if prep == "on" and pat.plover in MUTUAL_TYPES:
                continue  # "talks on the border" are about it, not with it
            obj = _prep_object(lex, tok, prep)
            if obj is not None:
                return conjuncts(obj)
        if pat.plover == "ASSAULT" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
            # "Hamas, whose attack killed 1,400 Israelis": the attack's victims
            done = _match(lex, tok.head)
            victims = [c for c in tok.head.children if c.dep_ == "dobj"]
            if done is not None and done.plover == "ASSAULT" and victims:
                return conjuncts(victims[0])
    elif pat.target == "dobj" and not objs:
        # "fighting with the militias", "fired at the convoy": the recipient of the type
        for prep in lex.target_preps.get(pat.plover, ()):
            obj = _prep_object(lex, tok, prep)
            if obj is not None:
                return conjuncts(obj)
    return []


def _object_noun_target(lex: EventLexicon, tok: Token, pat: EventPattern) -> Token | None:
    """The target on the object noun a pattern names ("launched an attack on the dam")."""
    own = (pat.target[5:],) if pat.target.startswith("prep:") else ()
    for c in tok.children:
        if c.dep_ == "dobj" and not pat.objects and own and tok.pos_ != "NOUN":
            # "ratified an agreement with the EU": a verb that takes any object has the
            # pattern's own preposition on it too
            obj = _prep_object(lex, c, own[0])
            if obj is not None:
                return obj
        # the object may be a passive's subject ("evidence against X was presented")
        if c.dep_ in ("dobj", "nsubjpass") and pat.objects and _object_words(lex, c) & pat.objects:
            # "fired a barrage of rockets at the town": the pattern's own preposition first
            # ... but "reached agreement on the border" is about the border, not with it
            preps = own if own and pat.plover not in TERRITORIAL else (*own, *NOUN_TARGET_PREPS)
            for prep in preps:
                obj = _prep_object(lex, c, prep)
                if obj is not None:
                    return obj
    return None


def _intermediary(
    lex: EventLexicon, tok: Token, pat: EventPattern
) -> tuple[Token | None, Token | None]:
    """(intermediary, actor override) from "via X" or "dispatched X to meet Y"."""
    for prep in lex.intermediary_preps:
        obj = _prep_object(lex, tok, prep)
        if obj is not None:
            return obj, None
    head = tok.head
    envoy_verb = verb_lemma(head, lex.envoy_verbs) in lex.envoy_verbs
    if tok.dep_ in ("xcomp", "advcl") and envoy_verb and pat.plover in ENVOY_TYPES:
        envoy = [c for c in head.children if c.dep_ == "dobj"]
        if envoy:
            return envoy[0], None
    # "told the US via the United Arab Emirates ... that": the speech verb carries the "via"
    return None, None


def _np_span(tok: Token) -> tuple[int, int]:
    ids = np_tokens(tok)
    return ids[0], ids[-1]


class _Ctx:
    def __init__(self, state: Document, lexicons: Lexicons, actors: ActorResolver) -> None:
        self.state = state
        self.lexicons = lexicons
        self.lex = lexicons.events
        self.actors = actors
        self.entities = {e.id: e for e in state.entities}
        self.mentions = sorted(((m.start, m.end), m.entity) for m in state.mentions)
        self.speaker: Source | None = None  # who says the claim being coded
        self.quote_speaker: tuple[int, Source] | None = None  # (paragraph, last quoted speaker)
        self.owned: set[tuple[int, int]] = set()  # (block, token) of every unit's tokens

    def entity_in(self, start: int, end: int, head_at: int, inside_ok: bool = True) -> str | None:
        """The entity whose mention holds the head, else the first one inside the span
        that is not a place ("Russia's FSB security service": the FSB), else the first.
        With ``inside_ok`` false only the head's own mention counts."""
        inside: list[tuple[bool, int, str]] = []
        for (s, e), eid in self.mentions:
            if s <= head_at < e:
                return eid
            if start <= s and e <= end:
                ent = self.entities.get(eid)
                inside.append((ent is not None and ent.type == "PLACE", s, eid))
        return min(inside)[2] if inside and inside_ok else None


def _antecedent(ctx: _Ctx, sent: Sentence, tok: Token) -> tuple[Sentence, Token] | None:
    """'Ethiopia said it would ...', 'the rebels ... they released': the subject of the
    clause the pronoun's clause depends on, else the nearest earlier subject of the same
    number or name, in this sentence or the two before it in the paragraph."""
    lex = ctx.lex
    plural = tok.lower_ in PLURAL_PRONOUNS
    governing = _governing_subject(tok, plural)
    if governing is not None:
        return sent, governing
    si = next((k for k, s in enumerate(ctx.state.sentences) if s is sent), None)
    if si is None:
        return None
    for sj in range(si, max(-1, si - 3), -1):
        other = ctx.state.sentences[sj]
        if other.block != sent.block:
            break
        cands = [
            t
            for t in other.span
            if (sj < si or t.i < tok.i)
            # "the chief called it a crime": an object pronoun is not its verb's subject
            and not (sj == si and t.head.i == tok.head.i and t.dep_ in SUBJ)
            and _can_antecede(t, plural, objects=sj == si and tok.dep_ in ("dobj", "pobj"))
            and not _temporal(lex, t)
        ]
        if cands:
            return other, cands[-1]
    return None


def _can_antecede(t: Token, plural: bool, objects: bool = False) -> bool:
    if t.pos_ == "PROPN":
        return t.dep_ not in ("compound", "poss")
    if t.pos_ != "NOUN" or (t.tag_ == "NNS") != plural:
        return False
    # "accused the investigators ... to persuade them": an object pronoun may stand for
    # an object before it in the sentence
    return t.dep_ in ("nsubj", "nsubjpass") or (objects and t.dep_ in ("dobj", "pobj"))


def _governing_subject(tok: Token, plural: bool) -> Token | None:
    """The subject of the verb that governs the pronoun's clause ("Kyiv said Saturday it
    rejected ..."), when it comes before the pronoun and agrees with it."""
    clause = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss") or clause.dep_ not in ("ccomp", "advcl"):
        return None
    head = clause.head
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i and c.pos_ in ("NOUN", "PROPN"):
            subj = _referent(c)
            return subj if _can_antecede(subj, plural) or subj.pos_ == "PROPN" else None
    return None


def _country_name(ctx: _Ctx, iso3: str) -> str | None:
    return next((c.name for c in ctx.lexicons.countries if c.iso3 == iso3), None)


def _speaker_actor(ctx: _Ctx, sent: Sentence, tok: Token, date: str | None) -> Actor | None:
    """First person in a reported claim is its speaker ("We are providing aid," Sunak said)."""
    # "us" is a pronoun, "US" a country
    if tok.lower_ not in FIRST_PERSON or tok.pos_ != "PRON":
        return None
    actor = _speaker_as_actor(ctx, date)
    if actor is not None:
        start = sent.char(tok.idx)
        actor.text, actor.start, actor.end = tok.text, start, start + len(tok.text)
    return actor


def _speaker_as_actor(ctx: _Ctx, date: str | None) -> Actor | None:
    """The speaker of the claim being coded, as an actor."""
    src = ctx.speaker
    if src is None:
        return None
    ent = ctx.entities.get(src.entity) if src.entity else None
    name = ent.canonical if ent else src.name
    code = ctx.actors.resolve_name(name, date=date) or ctx.actors.resolve_phrase(
        src.name, date=date
    )
    return Actor(
        name=name,
        text=src.name,
        start=src.start,
        end=src.end,
        entity=src.entity,
        country=code.country if code else None,
        sector=code.sector if code else None,
        code=code.code if code else None,
    )


def _actor(ctx: _Ctx, sent: Sentence, tok: Token, date: str | None) -> Actor:
    lex = ctx.lex
    speaker = _speaker_actor(ctx, sent, tok, date)
    if speaker is not None:
        return speaker
    if tok.lower_ in NON_PERSON_PRONOUNS and not ctx.entity_in(
        sent.char(tok.idx), sent.char(tok.idx) + len(tok.text), sent.char(tok.idx)
    ):
        found = _antecedent(ctx, sent, tok)
        if found is not None:
            other, ante = found
            ref = _actor(ctx, other, ante, date)
            start = sent.char(tok.idx)
            ref.text, ref.start, ref.end = tok.text, start, start + len(tok.text)
            return ref
    doc = sent.span.doc
    lo, hi = _np_span(tok)
    start, end = sent.char(doc[lo].idx), sent.char(doc[hi].idx + len(doc[hi].text))
    text = ctx.state.article.text[start:end]
    while text and not (text[0].isalnum() or text[0] in "\"'“‘"):  # "-Alexei Navalny"
        text, start = text[1:], start + 1
    # "Navalny's mother" is not Navalny
    related = tok.lemma_.lower() in lex.relation_nouns
    eid = ctx.entity_in(start, end, sent.char(tok.idx), inside_ok=not related)
    ent = ctx.entities.get(eid) if eid else None
    name = ent.canonical if ent else text
    code = (
        ctx.actors.resolve_name(ent.canonical, date=date) if ent and ent.type != "PLACE" else None
    )
    if code is None:
        code = ctx.actors.resolve_phrase(text, date=date)
    if code is None and ent is not None:
        code = ctx.actors.resolve_phrase(ent.canonical, date=date)
    appos = next((c for c in tok.children if c.dep_ == "appos"), None)
    if appos is not None:
        if ent is None and appos.pos_ == "PROPN":
            # "the foreign minister, Ana Ruiz": Ruiz, coded by the title when her name is not
            named = _actor(ctx, sent, appos, date)
            if named.code is None and code is not None:
                named.country, named.sector, named.code = code.country, code.sector, code.code
            return named
        if code is None or code.country is None:
            # "Ana Ruiz, Peru's foreign minister": the apposition says whose
            code = _apposition_code(ctx, sent, appos, code, date)
    if code is not None:  # "President Yoweri Museveni ... Ugandan": the sentence's country
        code = ctx.actors.in_context(code, text, sent.span.text)
    if (
        code is not None
        and code.country
        and any(doc[k].lower_ in lex.ethnic_markers for k in range(lo, hi + 1))
    ):
        code = _where_they_live(ctx, sent, tok, code)
    if tok.ent_type_ == "NORP" and tok.pos_ == "ADJ" and code is not None and code.country:
        name = _country_name(ctx, code.country) or name  # "an Israeli strike": Israel
    return Actor(
        name=name,
        text=text,
        start=start,
        end=end,
        entity=eid,
        country=code.country if code else None,
        sector=code.sector if code else None,
        code=code.code if code else None,
    )


def _where_they_live(ctx: _Ctx, sent: Sentence, tok: Token, code: ActorCode) -> ActorCode:
    """An ethnic group ("ethnic Albanians") is coded by the country its clause puts it in
    ("demonstrated in Serbia"), else by the one other country its sentence names, else by
    none: the group is not the state its name comes from."""
    clause = tok.head if tok.dep_ in SUBJ else tok
    places = [
        t
        for c in (*tok.children, *clause.children)  # "ethnic Albanians in Serbia"
        if c.dep_ == "prep" and c.lower_ == "in"
        for t in c.children
        if t.dep_ == "pobj" and t.ent_type_ in ("GPE", "LOC")
    ]
    named: set[str] = set()
    for t in places:
        named |= ctx.actors.countries_named(t.text)
    if code.country in named:  # "ethnic Albanians in Serbia" already coded Serbia
        return code
    if not named:
        named = set(ctx.actors.countries_named(sent.span.text))
    lo, hi = _np_span(tok)
    people = ctx.actors.countries_named(
        " ".join(t.text for t in tok.doc[lo : hi + 1] if t.ent_type_ == "NORP")
    )
    named -= people
    where = next(iter(named)) if len(named) == 1 else None
    return ActorCode(country=where, sector=code.sector, name=code.name, title=code.title)


def _apposition_code(
    ctx: _Ctx, sent: Sentence, appos: Token, code: ActorCode | None, date: str | None
) -> ActorCode | None:
    """The code of an actor completed by its apposition's country (and sector if it has
    none)."""
    doc = sent.span.doc
    lo, hi = _np_span(appos)
    said = ctx.actors.resolve_phrase(doc[lo : hi + 1].text, date=date)
    if said is None or said.country is None:
        return code
    if code is None:
        return said
    return ActorCode(
        country=said.country, sector=code.sector or said.sector, name=code.name, title=code.title
    )


def _clause_tokens(tok: Token) -> set[int]:
    """The trigger's clause: its subtree without nested clauses that have their own subject."""
    out: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        out.add(t.i)
        for c in t.children:
            if c.dep_ in ("ccomp", "advcl", "relcl", "conj") and any(
                g.dep_ in SUBJ for g in c.children
            ):
                continue
            stack.append(c)
    return out


def _time(state: Document, sent: Sentence, tok: Token) -> TimeRef | None:
    times = [tr for tr in state.times if sent.start <= tr.start < sent.end]
    if not times:  # the clause walk below is the costly part: skip it when it cannot hit
        return None
    t: Token | None = tok
    for _ in range(4):
        if t is None:
            break
        ids = _clause_tokens(t)
        chars = {sent.char(t.doc[i].idx) for i in ids}
        hits = [tr for tr in times if tr.start in chars]
        if hits:
            return hits[0]
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            break
        nxt = t.head
        while nxt.pos_ not in ("VERB", "AUX") and nxt.head.i != nxt.i:
            nxt = nxt.head
        t = nxt
    return None


def _place(
    lex: EventLexicon,
    state: Document,
    sent: Sentence,
    tok: Token,
    target: Actor | None,
    pat: EventPattern,
) -> Place | None:
    skip = {pat.prep} if pat.target in ("prep", "dative", "inherit") else set()
    if pat.target.startswith("prep:"):
        skip.add(pat.target[5:])
    if pat.target in ("dative", "inherit"):
        skip.add("to")
    # the target of a seizure or an attack may be a place ("took over Damascus"), or hold one
    if (
        pat.plover in TERRITORIAL
        and target is not None
        and target.start is not None
        and target.end is not None
    ):
        for p in state.places:
            if target.start <= p.start and p.end <= target.end:
                return p
    if not any(p.start < sent.end and sent.start < p.end for p in state.places):
        return None  # no place in the sentence: no clause walk
    for i in sorted(_clause_tokens(tok)):
        t = tok.doc[i]
        if t.dep_ == "pobj" and t.head.lower_ in lex.place_preps and t.head.lower_ not in skip:
            at = sent.char(t.idx)
            for p in state.places:
                if p.start <= at < p.end:
                    return p
    return None


def code_events(lexicons: Lexicons, actors: ActorResolver, state: Document) -> None:
    """Code the events of every claim with PLOVER/CAMEO, actors, date and place."""
    ctx = _Ctx(state, lexicons, actors)
    claims = {c.id: c for c in state.claims}
    claim_of_unit = {link.unit: link.claim for link in state.claim_links}
    events: list[Event] = []
    published = state.article.published[:10] if state.article.published else None
    ctx.owned = {(state.sentences[u.sentence].block, i) for u in state.units for i in u.tokens}
    for ui, unit in enumerate(state.units):
        claim_id = claim_of_unit.get(ui)
        claim = claims.get(claim_id) if claim_id is not None else None
        if claim is None:
            continue
        state.check_time()
        events.extend(_unit_events(ctx, unit, claim, published))
    events.sort(key=lambda e: (e.start, e.end))
    for n, ev in enumerate(events, start=1):
        ev.id = f"ev{n}"
    state.events = events


@stage(
    "events.v1",
    alias="events",
    requires=["units", "claims", "claim_links", "entities", "mentions", "times", "places"],
    assigns=["events"],
)
def make_events(config: StageConfig, res: Resources) -> StageFunc:
    """Code the events of every claim with PLOVER/CAMEO, actors, date and place."""
    lexicons = res.lexicons

    def events_stage(doc: Document) -> None:
        code_events(lexicons, res.actors, doc)

    return events_stage


def _own_triggers(
    lex: EventLexicon, triggers: list[tuple[Token, EventPattern]]
) -> list[tuple[Token, EventPattern]]:
    """Leave out an event noun that a verb pattern names as its object ("launched an
    attack", "imposed sanctions", "opened an investigation"): one event, not two."""
    named = {
        c.i
        for tok, pat in triggers
        if pat.objects
        for c in _objects(tok)
        if _object_words(lex, c) & pat.objects
    }
    return [(t, p) for t, p in triggers if not (t.pos_ == "NOUN" and t.i in named)]


def _order(lex: EventLexicon, tok: Token, pat: EventPattern) -> Token | None:
    """The order a withdrawal obeys ("ordered the residents to evacuate", "evacuation
    orders"): the retreat is the orderer's coercion of those told to go."""
    if pat.plover != "RETREAT" or tok.head.i == tok.i:
        return None
    head = tok.head
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "xcomp":
        return head if verb_lemma(head, lex.order_words) in lex.order_words else None
    if tok.pos_ == "NOUN" and tok.dep_ == "compound" and head.lemma_.lower() in lex.order_words:
        return head
    return None


def _opens_quote(sent: Sentence) -> bool:
    text = sent.span.text.lstrip()
    return bool(text) and text[0] in QUOTE_MARKS


def _speaker(claim: Claim) -> Source | None:
    """The one who says a reported claim (the last cited source), if any."""
    cited = [src for src in claim.source_chain if src.level >= 1]
    return cited[-1] if cited else None


def _roles(
    ctx: _Ctx, sent: Sentence, tok: Token, pat: EventPattern, date: str | None
) -> tuple[list[Actor | None], list[Actor | None], Actor | None]:
    """(actors, targets, intermediary) of one trigger."""
    lex = ctx.lex
    if tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head  # "a bombing campaign against X": the roles hang on the head noun
    if pat.judgment:  # "these claims are false," X said: X rejects the claims' author
        judged = (
            # "responsibility lies with X": the pattern names who is judged
            _targets(lex, tok, pat)
            if pat.target.startswith("prep")
            else [
                _referent(x) for c in tok.children if c.dep_ in SUBJ for x in _look_through(lex, c)
            ]
        )
        speaker = _speaker_as_actor(ctx, date)
        aimed = [_actor(ctx, sent, x, date) for x in judged if x.pos_ != "PRON"]
        aimed = [t for t in aimed if t.entity or t.code]
        if not aimed:  # "it was a provocation by the special services", "a lie from X"
            authors = [
                x
                for c in _complements(tok)
                if (by := _prep_object(lex, c, "by") or _prep_object(lex, c, "from")) is not None
                for x in conjuncts(by)
            ]
            aimed = [_actor(ctx, sent, _referent(x), date) for x in authors if x.pos_ != "PRON"]
        judged_targets: list[Actor | None] = list(aimed)
        return [speaker], judged_targets or [None], None
    inter_tok, _ = _intermediary(lex, tok, pat)
    agent_toks = [
        _referent(x) for a in _agents(lex, tok) for x in _look_through(lex, a, agent=True)
    ]
    target_toks = [_referent(t) for t in _targets(lex, tok, pat)]
    if pat.denial and not agent_toks and _passive(tok):
        # "the navy was not involved in it": the one said not to be involved denies it
        patient = _passive_subject(tok)
        agent_toks = [_referent(x) for x in conjuncts(patient)] if patient is not None else []
    stative = _stative(lex, tok)
    if stative is not None:  # "Israel is opposed to the plan": Israel opposes it
        agent_toks, target_toks = stative
    if pat.reverse:
        giver = _prep_object(lex, tok, pat.reverse) or next(
            # "received large amounts of money from X": the "from" on the object
            (g for c in _objects(tok) if (g := _prep_object(lex, c, pat.reverse)) is not None),
            None,
        )
        agent_toks, target_toks = (conjuncts(giver) if giver is not None else []), agent_toks
    if pat.plover in STANCE_TYPES:
        target_toks = [_referent(x) for t in target_toks for x in _look_through(lex, t)]
    agents: list[Actor | None] = [
        m
        for a in agent_toks
        for actor in _plural_referents(ctx, sent, a, date)
        for m in _members(ctx, actor, date)
    ] or [None]
    if len(agents) > 1 and any(_reciprocal(t) for t in target_toks):
        return agents, list(agents), None  # "Moscow and the West blamed each other"
    targets: list[Actor | None] = [
        m
        for t in (_actor(ctx, sent, x, date) for x in target_toks)
        if _fits(t, pat) and not _unresolved_stance_pronoun(t, pat)
        for m in _members(ctx, t, date)
    ] or [None]
    topical = False  # a target that is what the talks are about takes no part in them
    if targets == [None]:
        targets, topical = _unnamed_target(ctx, sent, tok, pat, len(agents), date)
    if targets == [None] and len(agents) > 1 and pat.plover in MUTUAL_TYPES:
        return agents, list(agents), None  # "Russia and the West negotiated a deal"
    inter = _actor(ctx, sent, inter_tok, date) if inter_tok is not None else None
    if (
        (pat.mode in lex.mutual_modes or (pat.verb or "") in lex.mutual_verbs)
        and not topical
        and len(agents) == 1
        and len(targets) == 1
        and agents[0] is not None
        and targets[0] is not None
        and (targets[0].entity or targets[0].code)
    ):  # "X held talks with Y": Y talked with X too
        return [agents[0], targets[0]], [targets[0], agents[0]], inter
    return agents, targets, inter


def _stative(lex: EventLexicon, tok: Token) -> tuple[list[Token], list[Token]] | None:
    """(actors, targets) of "X is opposed to Y", "X was engaged in attacks against Y": the
    subject, and the "to" or "against" object."""
    if tok.lower_ not in lex.stative_participles:
        return None
    if _prep_object(lex, tok, "by") is not None:
        return None
    aimed = _prep_object(lex, tok, "to") or _prep_object(lex, tok, "against")
    copulas = [c for c in tok.children if c.dep_ == "auxpass"]
    if tok.dep_ == "acomp":  # "Chile is opposed to it" parsed as "is" + a complement
        copulas.append(tok.head)
    subject = _passive_subject(tok) or next(  # the parser may hang it on the "is"
        (g for c in copulas for g in c.children if g.dep_ in SUBJ),
        None,
    )
    if subject is None:
        return None
    aimed_at = [_referent(x) for x in conjuncts(aimed)] if aimed is not None else []
    return [_referent(x) for x in conjuncts(subject)], aimed_at


def _unnamed_target(
    ctx: _Ctx, sent: Sentence, tok: Token, pat: EventPattern, n_agents: int, date: str | None
) -> tuple[list[Actor | None], bool]:
    """(targets, topical) of a trigger that names no target: a protest is aimed at the
    country it is held in ("staged a protest in Beijing"); one party's summit or talks "on"
    a country are about it ("a summit on the unrest in Iran": topical, no party to them)."""
    lex = ctx.lex
    if pat.plover in lex.place_targets:
        where = _prep_object(lex, tok, "in")
        if where is None and tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            where = _prep_object(lex, tok.head, "in")  # "staged a protest in Beijing"
        if where is not None and where.ent_type_ == "GPE":
            held = _actor(ctx, sent, where, date)
            if held.country:
                return [held], False
    if n_agents == 1 and pat.plover in MUTUAL_TYPES and tok.pos_ == "NOUN":
        topic = _prep_object(lex, tok, "on")
        about = _actor(ctx, sent, _referent(topic), date) if topic is not None else None
        if about is not None and about.code:  # "a summit on the unrest in Iran": Iran
            return [about], True
    return [None], False


def _plural_referents(ctx: _Ctx, sent: Sentence, tok: Token, date: str | None) -> list[Actor]:
    """The actor a token stands for; "they" after "Peru and Chile said" stands for each of
    the coordinated names."""
    if tok.lower_ in PLURAL_PRONOUNS and not ctx.entity_in(
        sent.char(tok.idx), sent.char(tok.idx) + len(tok.text), sent.char(tok.idx)
    ):
        found = _antecedent(ctx, sent, tok)
        if found is not None:
            other, ante = found
            names = _listed(ante)
            if len(names) > 1:
                start = sent.char(tok.idx)
                out = [_actor(ctx, other, x, date) for x in names]
                for ref in out:  # the mention is the pronoun, as for a single antecedent
                    ref.text, ref.start, ref.end = tok.text, start, start + len(tok.text)
                return out
    return [_actor(ctx, sent, tok, date)]


def _members(ctx: _Ctx, actor: Actor, date: str | None) -> list[Actor]:
    """One actor per coordinated country of one noun phrase ("US and British activists"),
    else the actor itself; the entity stays with the member of its country."""
    parts = ctx.actors.members(actor.text, date=date) if actor.text else ()
    return [
        replace(
            actor,
            name=(_country_name(ctx, code.country) if code.country else None) or form,
            entity=actor.entity if code.country == actor.country else None,
            country=code.country,
            sector=code.sector,
            code=code.code,
        )
        for form, code in parts
    ] or [actor]


def _fits(target: Actor, pat: EventPattern) -> bool:
    """An investigation targets someone only when it names an actor ("investigated the
    minister"), not an incident ("opened an investigation into the blast")."""
    return pat.mode != "investigate" or target.entity is not None or target.code is not None


def _unresolved_stance_pronoun(target: Actor, pat: EventPattern) -> bool:
    """ "condemned it", "called it a war crime": an "it" no one stands for is mostly the
    event or the statement judged, which is no target."""
    return (
        pat.plover in STANCE_TYPES
        and target.entity is None
        and target.code is None
        and (target.text or "").lower() in NON_PERSON_PRONOUNS
    )


def _reciprocal(tok: Token) -> bool:
    """ "each other", "one another": the actors act on one another."""
    return tok.lower_ in ("other", "another") and any(
        c.lower_ in ("each", "one") for c in tok.children
    )


def _negative(tok: Token, claim: Claim, sent: Sentence, negated: bool) -> bool:
    """Is the event said not to have happened? The denial cue of its own claim is an
    event that did happen ("Israel denied it was involved": the denial)."""
    if negated:
        return True
    if claim.polarity != "negative":
        return False
    start = sent.char(tok.idx)
    return not any(c.start <= start < c.end for c in claim.cues)


def _cue_tokens(ctx: _Ctx, sent: Sentence, unit: Unit) -> list[int]:
    """Tokens of the unit's attribution cues that no unit owns: a second verb of the frame
    may be an act ("denied responsibility and pointed to the rebels")."""
    out: list[int] = []
    span = sent.span
    starts = token_starts(span.doc)  # the tokens' offsets in the block, in order
    for cue in unit.cues:
        lo = bisect.bisect_left(starts, cue.start - sent.offset, span.start, span.end)
        hi = bisect.bisect_left(starts, cue.end - sent.offset, lo, span.end)
        for i in range(lo, hi):
            if (sent.block, i) not in ctx.owned:
                out.append(i)
                ctx.owned.add((sent.block, i))  # a cue shared by two units is coded once
    return out


def _intent(
    ctx: _Ctx,
    tok: Token,
    pat: EventPattern,
    agents: list[Actor | None],
    negated: bool,
    date: str | None,
) -> tuple[str, str | None, str, list[Actor | None], bool]:
    """(plover, mode, cameo, actors, negated) of a trigger, as an intent when it has not
    happened: what an actor will, would or is ready to do is coded as CAMEO does, intent to
    cooperate (03, AGREE) or a threat (13, THREATEN); a cooperation the actor will not give
    is a rejection (12, REJECT). A judgment or a denial stays what it is under a modal ("X
    must bear responsibility")."""
    lex = ctx.lex
    failed = tok.dep_ == "xcomp" and verb_lemma(tok.head, lex.failure_verbs) in lex.failure_verbs
    if failed and pat.plover == "AGREE":  # "failed to reach agreement": no agreement made
        return "REJECT", None, "120", agents, False
    if pat.denial or pat.judgment or not _irrealis(lex, tok):
        return pat.plover, pat.mode, pat.cameo, agents, negated
    plover, mode, cameo = intent_code(pat.cameo)
    if plover == "AGREE" and any(
        c.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in lex.threat_conditions for g in c.children)
        for c in tok.children
    ):  # "will withdraw its troops unless the talks resume": a threat
        plover, mode, cameo = "THREATEN", None, "130"
    if agents == [None] and tok.pos_ in ("VERB", "AUX") and _passive(tok):
        # "those who ordered it will be punished," X said: X's threat or promise
        agents = [_speaker_as_actor(ctx, date)]
    if negated and plover == "AGREE":
        return "REJECT", None, "12" + cameo[2:3], agents, False
    return plover, mode, cameo, agents, negated


def _without_nobody(
    lex: EventLexicon, agents: list[Actor | None], targets: list[Actor | None]
) -> tuple[list[Actor | None], list[Actor | None], bool]:
    """The participants without the ones that are nobody ("nobody had been killed"), and
    whether there was one: then the act happened to no one, it is negative."""

    def nobody(a: Actor | None) -> bool:
        return a is not None and (a.text or a.name).lower() in lex.negative_pronouns

    if not any(nobody(a) for a in (*agents, *targets)):
        return agents, targets, False
    kept_agents = [None if nobody(a) else a for a in agents]
    kept_targets = [None if nobody(a) else a for a in targets]
    return kept_agents, kept_targets, True


def _unit_events(ctx: _Ctx, unit: Unit, claim: Claim, published: str | None) -> list[Event]:
    lex = ctx.lex
    state = ctx.state
    sent = state.sentences[unit.sentence]
    doc = sent.span.doc
    ctx.speaker = _speaker(claim)
    if ctx.speaker is not None and claim.direct_quote:
        ctx.quote_speaker = (sent.block, ctx.speaker)
    elif ctx.speaker is None and ctx.quote_speaker is not None and _opens_quote(sent):
        # a quotation that goes on without a speaker is still the last speaker's
        block, speaker = ctx.quote_speaker
        if sent.block - block <= 1:
            ctx.speaker = speaker
    out: list[Event] = []
    pos, lemmas = parts_of_speech(doc), lemma_lowers(doc)
    triggers = _own_triggers(
        lex,
        [
            (doc[i], p)
            for i in (*unit.tokens, *_cue_tokens(ctx, sent, unit))
            # only a verb or a noun the lexicon lists can be one (no Token made for others)
            if pos[i] in ("VERB", "AUX") or (pos[i] == "NOUN" and lemmas[i] in lex.by_noun)
            if (p := _match(lex, doc[i])) is not None
        ],
    )
    if len(triggers) > settings.MAX_EVENTS_PER_UNIT:
        state.notice(
            errors.W_EVENTS,
            f"a claim at character {claim.start} has {len(triggers)} event words; the first "
            f"{settings.MAX_EVENTS_PER_UNIT} were coded (settings.MAX_EVENTS_PER_UNIT)",
        )
        triggers = triggers[: settings.MAX_EVENTS_PER_UNIT]
    depth_min = min((_depth(t) for t, _ in triggers), default=0)
    if unit.parent is not None:
        depth_min = -1  # a reported content is never its sentence's main event
    for tok, pat in triggers:
        if pat.judgment and ctx.speaker is None:
            continue  # the outlet's own judgment is no event between actors
        when = _time(state, sent, tok)
        date = when.value if when is not None else published  # the event's own date, any precision
        order = _order(lex, tok, pat)
        if order is not None:  # "ordered the villagers to leave": the orderer coerces them
            pat = replace(pat, plover="COERCE", mode=None, cameo="170", target="dobj")
        agents, targets, inter = _roles(ctx, sent, order or tok, pat, date)
        agents, targets, nobody = _without_nobody(lex, agents, targets)
        # a denial pattern's negation is the denial itself: the rejection did happen
        negated = not pat.denial and (
            nobody or any(c.dep_ == "neg" for c in tok.children) or _null_object(lex, tok)
        )
        status = claim.status
        plover, mode, cameo, agents, negated = _intent(ctx, tok, pat, agents, negated, date)
        if negated and plover == "CONCEDE" and verb_lemma(tok, lex.refusals) in lex.refusals:
            # "had not accepted any help", "are not allowed in": a refusal, not a concession
            plover, mode, cameo, refusal = "REJECT", None, "120", True
        else:
            refusal = False
        start = sent.char(tok.idx)
        # a judgment that the claims are false is the rejection, not a denied event
        negative = not refusal and (
            negated if pat.judgment or pat.denial else _negative(tok, claim, sent, negated)
        )
        for agent in agents:
            for target in targets:
                if agent is not None and (
                    agent is target
                    or (target is not None and agent.entity and agent.entity == target.entity)
                ):
                    continue
                out.append(
                    Event(
                        id="",
                        claim=claim.id,
                        text=tok.text,
                        start=start,
                        end=start + len(tok.text),
                        actor=agent,
                        target=target,
                        intermediary=inter,
                        plover=plover,
                        mode=mode,
                        cameo=cameo,
                        status=status,
                        polarity="negative" if negative else "positive",
                        sources=list(claim.source_chain),
                        time=when,
                        place=_place(lex, state, sent, tok, target, pat),
                        sentence_start=sent.start,
                        sentence_end=sent.end,
                        root=_depth(tok) == depth_min,
                    )
                )
    out.extend(_demands(ctx, unit, claim, sent, published, depth_min))
    return out


def _demands(
    ctx: _Ctx,
    unit: Unit,
    claim: Claim,
    sent: Sentence,
    published: str | None,
    depth_min: int,
) -> list[Event]:
    """ "China must drop the barriers," X said: what a speaker says someone must do is X's
    demand on them (REQUEST, on the modal), whatever the verb."""
    lex = ctx.lex
    if ctx.speaker is None or not lex.demand_modals:
        return []
    doc = sent.span.doc
    out: list[Event] = []
    for i in unit.tokens:
        modal = doc[i]
        verb = modal.head
        if (
            modal.dep_ != "aux"
            or modal.lower_ not in lex.demand_modals
            or verb.pos_ not in ("VERB", "AUX")
            or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
        ):
            continue  # "must have been": a guess about the past, no demand
        when = _time(ctx.state, sent, verb)
        date = when.value if when is not None else published
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        target = _actor(ctx, sent, _referent(subj[0]), date) if subj else None
        start = sent.char(modal.idx)
        out.append(
            Event(
                id="",
                claim=claim.id,
                text=modal.text,
                start=start,
                end=start + len(modal.text),
                actor=_speaker_as_actor(ctx, date),
                target=target if target is not None and target.text else None,
                intermediary=None,
                plover="REQUEST",
                mode=None,
                cameo="100",
                status=claim.status,
                polarity="positive",
                sources=list(claim.source_chain),
                time=when,
                place=None,
                sentence_start=sent.start,
                sentence_end=sent.end,
                root=_depth(verb) <= depth_min,
            )
        )
    return out
