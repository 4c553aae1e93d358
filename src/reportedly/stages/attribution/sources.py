"""A source phrase as a Source: its span, its entity, its name and its kind (person,
official, government, organisation, outlet, document, anonymous)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence
from ...records import Cue, Source, SourceKind
from ...syntax import np_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
            if ids[-1] + 1 < len(doc) and closes_bracket(doc, [*ids, ids[-1] + 1]):
                ids.append(ids[-1] + 1)  # "Sen. Ann Berg (D-Ore.)": the bracket closes
            while ids and doc[ids[-1]].is_punct and not closes_bracket(doc, ids):
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
def make_source(  # noqa: C901 - see above
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


_BRACKETS = {")": "(", "]": "["}


def closes_bracket(doc: Doc, ids: list[int]) -> bool:
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
