"""Small helpers over spaCy parses shared by the stages (attribution, events)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container

    from spacy.tokens import Token

#: Dependents that are not part of a noun phrase's core.
NP_EXCLUDED = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})


def conjuncts(tok: Token) -> list[Token]:
    """The token and its conjuncts ("Trump and Khamenei"); a possessor the parser hung on
    as a conjunct ("Trump and Iran's Khamenei": "Iran") is left out."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and not any(g.dep_ == "case" for g in c.children):
            out.extend(conjuncts(c))
    return out


#: Entity types of a time expression.
TIME_ENTS = frozenset({"DATE", "TIME"})


def time_modifier(tok: Token) -> bool:
    """A time phrase the parser hung on a noun after it ("the government on Tuesday
    rejected"): it dates the clause, it does not describe the noun."""
    if tok.i < tok.head.i:
        return False
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in TIME_ENTS
    return tok.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in TIME_ENTS for g in tok.children
    )


def np_tokens(tok: Token) -> list[int]:
    """The noun phrase headed by ``tok``: no relative clauses, appositions or conjuncts,
    no time phrase after it, and no punctuation at its edges."""
    keep = [tok.i]
    for c in tok.children:
        if c.dep_ not in NP_EXCLUDED and not time_modifier(c):
            keep.extend(t.i for t in c.subtree)
    lo, hi = min(keep), max(keep)
    doc = tok.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return list(range(lo, hi + 1))


def verb_lemma(tok: Token, vocab: Container[str]) -> str:
    """The token's lemma, or the lexicon entry it inflects.

    The tagger lemmatises "hoped" as "hop"; the inflection is undone by hand."""
    lemma = tok.lemma_.lower()
    if lemma in vocab:
        return lemma
    low = tok.lower_
    for cand in (low, low[:-1], low[:-2], low[:-3] + "e", low[:-3], low[:-2] + "e"):
        if cand in vocab and len(cand) > 2:
            return cand
    if low.endswith("ied") and low[:-3] + "y" in vocab:
        return low[:-3] + "y"
    return lemma


def subtree_ids(tok: Token) -> set[int]:
    """The token ids of ``tok``'s subtree (Token.subtree, in time linear in its width:
    spaCy's generator costs width x depth, which a deep chain of clauses makes quadratic)."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    inside: dict[int, bool] = {tok.i: True}  # token -> whether tok is among its ancestors
    for i in range(lo, hi + 1):
        path: list[int] = []
        j = i
        while j not in inside:
            path.append(j)
            h = doc[j].head.i
            if h == j or h < lo or h > hi:
                break
            j = h
        below = inside.get(j, False)
        for p in path:
            inside[p] = below
    return {i for i, yes in inside.items() if yes}
