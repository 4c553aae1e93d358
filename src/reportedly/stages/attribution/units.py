"""A sentence cut into claim units: the content of each complement frame, and the
sentence's own clauses outside those contents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ...cuefinder import make_cue
from ...lexicons import AttributionLexicon, Lexicons
from ...nlp.doc import Document, Sentence, Unit
from ...records import Attribution, Source
from ...syntax import subtree_ids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .carry import after_quote
from .chains import (
    denied_units,
    relative_denials,
    stance_claims,
    states_a_claim,
    with_complementizer,
)
from .frame import QUOTE_MARKS, SUBJ, Found, Frame, is_event_verb
from .frames import within_frame_limit
from .noun_frames import (
    according_frames,
    denial_noun_frames,
    questioning_stances,
    report_noun_frames,
    speculation_frames,
)
from .sources import closes_bracket, make_source, source_tokens
from .speakers import as_written, in_chain, nested_links, speaker_sources
from .verb_frames import verb_frames

CONCESSIVE = frozenset({"while", "though", "although", "whereas", "whilst"})


CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ", "PRON"})


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
        (doc[ids[-1]].is_punct and not closes_bracket(doc, ids))
        or doc[ids[-1]].is_space
        or doc[ids[-1]].dep_ in ("cc", "preconj")
        or _orphan_prep(doc[ids[-1]], ids)
    ):
        ids = ids[:-1]
    return ids


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


def sentence_units(  # noqa: C901 - see above
    lexicons: Lexicons,
    state: Document,
    si: int,
    sent: Sentence,
    dangling: list[Frame],
    found: Found,
) -> list[Unit]:
    doc = sent.span.doc
    questioning = questioning_stances(lexicons, sent)
    doubted = {f.verb for f in questioning}  # "called into question": not a speech frame
    all_frames = (
        [f for f in verb_frames(lexicons, sent) if f.verb not in doubted]
        + according_frames(lexicons, sent)
        + speculation_frames(lexicons, sent)
        + denial_noun_frames(lexicons, sent)
        + report_noun_frames(lexicons, sent)
        + questioning
    )
    all_frames = within_frame_limit(state, sent, all_frames)
    if after_quote(state, si):
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
            srcs = speaker_sources(lexicons, state, sent, f, 1, cue)
            if states_a_claim(lexicons, doc, f):
                stances.append((f, len(found), srcs))
            found.append(
                (Attribution("", f.kind, cue, start, end, as_written(sent, f, srcs)), None)
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
    stance_claims(doc, units, unit_of_head, owner, stances, found)
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
            srcs = speaker_sources(lexicons, state, sent, f, base_level, cue)
            unit.sources.extend(srcs)
            att = Attribution("", f.kind, cue, unit.start, unit.end, as_written(sent, f, srcs))
            found.append((att, ui))
            deeper = max((x.level for x in srcs), default=base_level) + 1
            for _, nsrcs in nested_links(lexicons, state, sent, f.nested, deeper):
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
                        make_source(lexicons, state, sent, s, base_level, acue) for s in f.sources
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
            srcs = speaker_sources(lexicons, state, sent, frame, base_level, cue)
            # "X denied ..., saying ...": X is already in the chain through the denial
            unit.sources.extend(x for x in srcs if not in_chain(x, unit.sources))
            if frame.kind != "passive":
                written = as_written(sent, frame, srcs)
                start = with_complementizer(sent, uh, unit.start)
                att = Attribution("", frame.kind, cue, start, unit.end, written)
                found.append((att, ui))
            deeper = max((x.level for x in srcs), default=base_level) + 1
            for ncue, nsrcs in nested_links(lexicons, state, sent, frame.nested, deeper):
                unit.cues.append(ncue)
                unit.sources.extend(nsrcs)
                found.append((Attribution("", "citing", ncue, unit.start, unit.end, nsrcs), ui))
        elif frame is not None:
            unit.cues.append(make_cue(doc, frame.cue[0], frame.cue[-1], "speculation", sent.offset))
    for verb, denier in relative_denials(lexicons, sent):
        cue = make_cue(doc, verb.i, verb.i, "attribution", sent.offset)
        for ui in denied_units(verb, frames, unit_of_head, owner):
            units[ui].sources = [make_source(lexicons, state, sent, d.i, 1, cue) for d in denier]
            units[ui].frame = "rejection"
            units[ui].cues.append(cue)
    return units
