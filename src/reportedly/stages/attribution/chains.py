"""Each unit's source chain inside its sentence: inherited from the frame it is the content
of, adjunct frames ("according to X"), stances on a clause, relative denials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicons import Lexicons
from ...nlp.doc import Sentence, Unit
from ...records import Source
from ...syntax import conjuncts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .frame import FIRST_SECOND, RELATIVE_TAGS, Found, Frame, is_denial_verb


def with_complementizer(sent: Sentence, head: int, start: int) -> int:
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


def relative_denials(lexicons: Lexicons, sent: Sentence) -> list[tuple[Token, list[Token]]]:
    """Denials in a relative clause or participle, with their deniers: "..., an allegation
    the Kremlin has rejected", "..., which the US has denied", "a claim rejected by US
    officials", "reports that were denied by China claimed ..."."""
    lex = lexicons.attribution
    out: list[tuple[Token, list[Token]]] = []
    for tok in sent.span:
        if tok.dep_ not in ("relcl", "acl") or tok.pos_ != "VERB":
            continue
        if not is_denial_verb(lex, tok):
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


def denied_units(
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


def states_a_claim(lexicons: Lexicons, doc: Doc, f: Frame) -> bool:
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


def stance_claims(
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
