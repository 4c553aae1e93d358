"""Frames that nouns and phrases set up: "according to X", "the ministry's denial that
...", "speculation that ...", "reports that ...", and questioning stances ("cast doubt on")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import phrase_index, tokens_in
from ...lexicons import AttributionLexicon, Lexicons
from ...nlp.doc import Sentence
from ...syntax import conjuncts, subtree_ids
from ..questioning import questioning_frames
from .frame import RELATIVE_TAGS, Frame, auxiliaries, is_denial_verb, until_full
from .sources import source_tokens
from .subjects import subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def questioning_stances(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'X cast doubt on Y': a stance on Y whose clause is questioned (see questioning.py)."""
    doc = sent.span.doc
    frames: list[Frame] = []
    for verb, cue, sources, obj in questioning_frames(lexicons, sent, subjects):
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


def according_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    lex = lexicons.attribution
    frames: list[Frame] = []
    span = sent.span
    doc = span.doc
    for tok in until_full(tokens_in(span, phrase_index(lex.according_to)), frames):
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


def denial_noun_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'despite denials from Kyiv that it had anything to do with it', 'the ministry's
    denial that troops were there': the that-clause is denied by the noun's owner."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for tok in until_full(tokens_in(sent.span, lex.denial_nouns, by="lemma"), frames):
        if tok.pos_ != "NOUN":
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


def noun_clause(noun: Token) -> Token | None:
    """The clause a noun frames ("rumours that ...", "the claim that ..."), or None."""
    content: Token | None = None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children):
            content = c
        elif c.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            content = c  # "confidence that the fire was caused ...", read as relative
    return content


def _cue_start(noun: Token, head: Token) -> int:
    """Where a speculation noun's cue starts: at the noun or its verb, or at the expletive
    before them ("there are fears that"), or at the verb's auxiliaries ("have expressed
    concern that": PolNeAR's cue keeps them)."""
    first = min(noun.i, head.i)
    before = [c.i for c in head.children if c.dep_ == "expl" and c.i < first]
    if noun.dep_ == "dobj":
        before += [c.i for c in auxiliaries(head) if c.i < first]
    return min([first, *before])


def speculation_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    st = lexicons.status
    frames: list[Frame] = []
    for tok in until_full(tokens_in(sent.span, st.speculation_nouns), frames):
        if tok.dep_ not in (
            "nsubj",
            "nsubjpass",
            "attr",
            "dobj",
        ):
            continue
        head = tok.head
        if tok.dep_ == "dobj" and is_denial_verb(lexicons.attribution, head):
            continue  # "dismissed speculation that X": the denial frame rejects X
        content = noun_clause(tok)
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
        first = _cue_start(tok, head)
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


def report_noun_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """'has not commented on reports that X', 'amid rumours that X': X is what unnamed
    reports say (the reports are its source), not what the sentence's subject says. Only
    for reports nobody owns ("Reuters' report", "reports by the agency" name a source) and
    not under a denial verb ("denied reports that X" rejects X)."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for tok in until_full(tokens_in(sent.span, lex.unnamed_report_nouns), frames):
        if tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ not in lex.topic_preps and prep.lower_ not in lex.report_context_preps:
            continue
        if is_denial_verb(lex, prep.head):
            continue
        if any(
            c.dep_ in ("poss", "agent") or (c.dep_ == "compound" and c.pos_ == "PROPN")
            for c in tok.children
        ):
            continue
        content = noun_clause(tok)
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
