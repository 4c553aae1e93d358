"""A sentence cut into claim units: the content of each complement frame, and the
sentence's own clauses outside those contents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ...lexicons import AttributionLexicon, Lexicons
from ...nlp.doc import Sentence, Unit
from ...syntax import subtree_ids
from .frame import QUOTE_MARKS, SUBJ, Frame, is_event_verb
from .sources import closes_bracket, source_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


def trim(doc: Doc, ids: list[int]) -> list[int]:
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


def np_content_ids(doc: Doc, content: int, verb: int | None) -> list[int]:
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


def span_of(sent: Sentence, ids: list[int]) -> tuple[int, int]:
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


@dataclass
class Cut:
    """A sentence cut into claim units, with what the chain passes read of the cut."""

    frames: list[Frame]  # the sentence's frames, stances on a noun phrase aside
    complement: list[Frame]  # those with a content
    content_heads: dict[int, Frame]  # content head -> its frame
    owner: dict[int, int]  # token -> the unit head it belongs to
    units: list[Unit] = field(default_factory=list)
    unit_of_head: dict[int, int] = field(default_factory=dict)  # unit head -> unit index


def cut_units(lexicons: Lexicons, sent: Sentence, si: int, frames: list[Frame]) -> Cut:
    """Cut sentence ``si`` into units: the content of each complement frame, the clauses
    outside them (a concessive clause apart), each frame's own clause when it says more
    than who spoke. ``frames``: the sentence's frames but its stances on a noun phrase."""
    doc = sent.span.doc
    complement = [f for f in frames if f.content is not None]
    content_heads = {f.content: f for f in complement if f.content is not None}
    heads = _unit_heads(sent, complement, content_heads)
    owner = _owner_map(sent, heads)
    adopted = _quoted_conjuncts(doc, complement, owner)
    for content_head, run_on in _run_on_complements(doc, complement, owner).items():
        adopted.setdefault(content_head, set()).update(run_on)
    cut = Cut(frames, complement, content_heads, owner)
    material: set[int] = set()
    for f in frames:
        material |= f.material
    owned_by: dict[int, list[int]] = {}
    for i, o in owner.items():
        owned_by.setdefault(o, []).append(i)
    kind: Literal["clause", "content", "frame"]
    # clause units first, then contents in order of depth so parents precede children
    for h in sorted(heads, key=lambda h: (len(list(doc[h].ancestors)), h)):
        owned = owned_by.get(h, [])
        frame = content_heads.get(h)
        if frame is None:
            clause = _clause_ids(lexicons, doc, cut, h, owned, material)
            if clause is None:
                continue
            ids, kind = clause
            span_ids = ids
        else:
            ids = trim(doc, owned)
            span_ids = _content_ids(doc, h, frame, adopted)
            if not span_ids:
                continue
            kind = "content"
        _add_unit(cut, sent, si, h, (ids, span_ids), kind, frame)
    return cut


def _unit_heads(
    sent: Sentence, complement: list[Frame], content_heads: dict[int, Frame]
) -> set[int]:
    """The heads of the sentence's units: its root, each frame's content, and a concessive
    clause with its own subject outside the contents ("while X said ..., Y ...")."""
    doc = sent.span.doc
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
    return heads


def _content_ids(doc: Doc, h: int, frame: Frame, adopted: dict[int, set[int]]) -> list[int]:
    """The tokens of a frame's content (the clauses it adopted with it), its frame's own
    words and a leading "that" aside."""
    inside = subtree_ids(doc[h]) | adopted.get(h, set())
    full = trim(doc, sorted(inside - (frame.material if frame else set())))
    if full and doc[full[0]].lower_ == "that" and doc[full[0]].dep_ == "mark":
        full = full[1:]
    return full


def _clause_core(
    lexicons: Lexicons,
    doc: Doc,
    cut: Cut,
    owned: list[int],
    material: set[int],
    frame_verbs_here: list[Frame],
) -> list[int]:
    """The content words of a clause: not its frames' words, not when or to whom they
    were said, not what describes their speakers, not their verbs."""
    incidental = _incidental(lexicons, doc, [f for f in frame_verbs_here if f.verb is not None])
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
    return [
        i
        for i in owned
        if i not in material
        and i not in incidental
        and i not in described
        and doc[i].pos_ in CONTENT_POS
        and not any(i == f.verb for f in cut.frames)
    ]


def _clause_ids(
    lexicons: Lexicons, doc: Doc, cut: Cut, h: int, owned: list[int], material: set[int]
) -> tuple[list[int], Literal["clause", "frame"]] | None:
    """The tokens and kind of the clause unit headed by ``h``: a frame's own clause
    ("frame"), which keeps its cue and sources, or a plain clause; None for no claim."""
    frame_verbs_here = [
        f for f in cut.complement if f.verb is not None and cut.owner.get(f.verb) == h
    ]
    core = _clause_core(lexicons, doc, cut, owned, material, frame_verbs_here)
    kind: Literal["clause", "frame"]
    if frame_verbs_here or any(
        f.kind == "speculation" and cut.owner.get(f.cue[0]) == h for f in cut.complement
    ):
        # the frame's own clause is a claim only when it says more than who spoke,
        # or when the speaking is itself an event ("Iran demanded that ...")
        if not core and not any(
            f.verb is not None and is_event_verb(lexicons, doc[f.verb]) for f in frame_verbs_here
        ):
            return None
        keep = [
            i
            for i in owned
            if i not in material
            or any(i in source_tokens(doc[s]) for f in frame_verbs_here for s in f.sources)
        ]
        keep += [i for f in frame_verbs_here for i in f.cue]
        kind = "frame"
    else:
        if not core and not any(doc[i].pos_ in CONTENT_POS for i in owned if i not in material):
            return None
        if not any(doc[i].pos_ in ("VERB", "AUX") for i in owned if i not in material):
            return None  # no verb, no claim: "NEW YORK (Reuters)", a label
        keep = [i for i in owned if i not in material]
        kind = "clause"
    ids = trim(doc, sorted(set(keep)))
    return (ids, kind) if ids else None


def _add_unit(
    cut: Cut,
    sent: Sentence,
    si: int,
    h: int,
    token_ids: tuple[list[int], list[int]],
    kind: Literal["clause", "content", "frame"],
    frame: Frame | None,
) -> None:
    """Add the unit headed by ``h`` (``token_ids``: its tokens and those its span covers);
    a content's parent is the unit of its frame's clause."""
    doc = sent.span.doc
    ids, span_ids = token_ids
    start = sent.char(doc[span_ids[0]].idx)
    end = sent.char(doc[span_ids[-1]].idx + len(doc[span_ids[-1]].text))
    unit = Unit(sentence=si, start=start, end=end, head=h, tokens=ids, kind=kind)
    if frame is not None:
        unit.frame = frame.kind
        parent_head = cut.owner.get(frame.verb if frame.verb is not None else frame.cue[0])
        # what unnamed reports say is not said by whoever mentions the reports
        if parent_head is not None and parent_head in cut.unit_of_head and frame.kind != "report":
            unit.parent = cut.unit_of_head[parent_head]
    cut.unit_of_head[h] = len(cut.units)
    cut.units.append(unit)
