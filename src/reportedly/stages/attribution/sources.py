"""A source phrase as a Source: its span, its entity, its name and its kind (person,
official, government, organisation, outlet, document, anonymous)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence
from ...records import Cue, Entity, Source, SourceKind
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


def make_source(
    lexicons: Lexicons, state: Document, sent: Sentence, head_i: int, level: int, cue: Cue | None
) -> Source:
    """The source whose phrase is headed by token ``head_i``: its span, its entity, and its
    name, kind and description (from the entity when one holds it, else from the phrase)."""
    doc = sent.span.doc
    head = doc[head_i]
    ids = source_tokens(head)
    start = sent.char(doc[ids[0]].idx)
    end = sent.char(doc[ids[-1]].idx + len(doc[ids[-1]].text))
    text = state.article.text[start:end]
    eid = _source_entity(lexicons, state, sent, head, ids, (start, end))
    ent = next((e for e in state.entities if e.id == eid), None)
    appos = [c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.i <= ids[-1]]
    if ent is not None:
        name, kind, description = _entity_source(lexicons, head, ent)
    elif appos:
        name, kind, description = _apposed_source(lexicons, doc, head, ids, appos[0])
    else:
        name, kind, description = _phrase_source(lexicons, doc, head, ids, text)
    if appos and kind in ("person", "official", "organisation") and _outlet_noun(lexicons, head):
        kind = "outlet"  # "the news site Kavkaz Uzel": a name the outlet list may not hold
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


#: What a source is called: its name, its kind and its description.
Described = tuple[str, SourceKind, str | None]


def _source_entity(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    head: Token,
    ids: list[int],
    span: tuple[int, int],
) -> str | None:
    """The entity the phrase is about: the one whose mention holds its head ("the US
    military" is not the United States), or a name inside a document ("the Bloomberg
    report"); none for a generic plural that names nobody ("Media reported")."""
    lex = lexicons.attribution
    start, end = span
    head_at = sent.char(head.idx)
    eid = next(
        (m.entity for m in state.mentions if m.start <= head_at < m.end and start <= m.start),
        None,
    )
    if eid is None and (head.lemma_.lower() in lex.document_nouns or head.pos_ == "PROPN"):
        eid = _entity_at(state, start, end if head.pos_ == "PROPN" else _author_end(sent, head))
    generic = head.lower_ in lex.generic_plural_heads
    if eid is not None and generic and _is_anonymous(lexicons, sent.span.doc, ids):
        eid = None  # "Media reported": the tagger's organisation names nobody
    return eid


def _entity_source(lexicons: Lexicons, head: Token, ent: Entity) -> Described:
    """A source an entity holds: its canonical name (an outlet's own name), its roles and
    descriptions, and its kind by the entity's type."""
    name = ent.canonical
    parts = [*ent.roles, *ent.descriptions]
    description = "; ".join(dict.fromkeys(parts)) or None
    kind: SourceKind
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
    if head.lemma_.lower() in lexicons.attribution.document_nouns and ent.type != "PERSON":
        description = f"{description}; {head.lower_}" if description else head.lower_
    return name, kind, description


def _outlet_noun(lexicons: Lexicons, head: Token) -> bool:
    """The noun names a kind of outlet: "newspaper", "outlet", "daily", or a medium with
    an outlet word before it ("news site", "news channel")."""
    heads = lexicons.roles.outlet_heads
    low = head.lemma_.lower()
    if low in heads:
        return True
    return low in lexicons.attribution.medium_nouns and any(
        c.dep_ == "compound" and c.lemma_.lower() in heads for c in head.children
    )


def _apposed_source(
    lexicons: Lexicons, doc: Doc, head: Token, ids: list[int], appos: Token
) -> Described:
    """'the mayor, Ana Ruiz': the name in apposition, the words before it its description."""
    sub = sorted(t.i for t in appos.subtree)
    official = head.lemma_.lower() in lexicons.roles.official_words
    kind: SourceKind = "official" if official else "person"
    return doc[sub[0] : sub[-1] + 1].text, kind, doc[ids[0] : head.i + 1].text


def _phrase_source(
    lexicons: Lexicons, doc: Doc, head: Token, ids: list[int], text: str
) -> Described:
    """A source no entity holds: a known outlet, unnamed reports, an anonymous source or
    bare evidence, else the phrase with its kind read from its words."""
    lex = lexicons.attribution
    name = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    name = re.sub(r"\s*['’]s$", "", name)  # an owner's "'s" ("the ministry's denial")
    if (known := lexicons.find_outlet(text)) is not None:
        # a named outlet the tagger did not take for an entity ("The Week")
        return known.name, "outlet", known.description
    if head.lemma_.lower() in lex.unnamed_report_nouns and not any(
        doc[i].pos_ == "PROPN" for i in ids
    ):
        # "reports say", "rumours have it": nobody is named
        return f"unnamed {head.text.lower()}", "anonymous", text
    if _is_anonymous(lexicons, doc, ids) or _bare_evidence(lexicons, doc, ids, head):
        content_words = [doc[i] for i in ids if not doc[i].is_stop and not doc[i].is_punct]
        if len(content_words) <= 1:
            name = f"unnamed {head.text.lower()}"
        return name, "anonymous", text
    return name, _phrase_kind(lexicons, doc, head, ids, text), None


def _phrase_kind(
    lexicons: Lexicons, doc: Doc, head: Token, ids: list[int], text: str
) -> SourceKind:
    """The kind of a named-by-its-words source, tried in order: a document, an outlet
    ("the newspaper"), an organisation, a pronoun, a government, an official, a typed name
    the entity stage left out; a person otherwise."""
    lex, roles = lexicons.attribution, lexicons.roles
    head_low = head.lemma_.lower()
    if head_low in lex.document_nouns:
        return "document"
    if head_low in roles.outlet_heads and head.pos_ == "NOUN":
        return "outlet"  # "the newspaper reported"
    if head_low in roles.organisation_heads:
        return "organisation"
    if head.pos_ == "PRON":
        personal = head.lower_ in ("he", "she", "i", "who", "him", "her")
        return "person" if personal else "organisation"
    if _is_government(lexicons, text):
        return "government"
    if head_low in roles.official_words or any(doc[i].lower_ in roles.official_words for i in ids):
        return "official"
    # a name the entity stage left out: a country or capital speaks for its government
    # ("Kyiv has not commented"), a company or body is an organisation
    return NAMED_KINDS.get(head.ent_type_, "person")


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
