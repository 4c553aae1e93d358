"""In-document entity resolution.

Mentions come from spaCy's NER, corrected by the outlet lexicon, and are merged by
full name, surname, and title + name ("Syrian President Bashar al-Assad",
"President Bashar al-Assad", "Assad"). Titles and possessive roles to the left of a
name are kept as mentions and roles ("Ali Khamenei's senior advisor Ali Larijani").
Appositions become descriptions ("Iran International, an Iranian website based out
of London"); definite role descriptions ("the incoming US president") and personal
pronouns are linked to a person where the text makes it clear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..cuefinder import tokens_in
from ..events.actors import resolver
from ..lexicons import Lexicons
from ..nlp.doc import Document, MentionLink, sentence_ents
from ..records import Entity, EntityType, Mention
from .base import stage, uses_lexicons

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "GROUP",
}
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
GENDERED = MALE | FEMALE
NAME_PARTICLES = re.compile(r"^(al|el| al-|el-|bin|ibn|van|von|de|da|du|der|la|le)$", re.I)


@dataclass
class _Mention:
    start: int  # article offsets of the whole mention (title included)
    end: int
    name_start: int  # article offsets of the name alone
    name_end: int
    type: EntityType
    name: str
    sentence: int
    head: Token
    kind: str = "name"
    title: str | None = None
    outlet: bool = False
    gender: str | None = None
    descriptions: list[Span] = field(default_factory=list)
    offset: int = 0


@dataclass
class _Cluster:
    type: EntityType
    mentions: list[_Mention] = field(default_factory=list)
    extra: list[Mention] = field(default_factory=list)  # pronouns, descriptions
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)

    # (number of mentions seen, rank, canonical name): mentions are only ever appended, so
    # only the new ones are compared with the best so far (merging asks for it per mention;
    # a rescan of all of them made an entity named 600 times quadratic)
    _canonical: tuple[int, tuple[int, int, int], str] = field(
        default=(0, (0, 0, 0), ""), repr=False, compare=False
    )

    @property
    def canonical(self) -> str:
        """The longest name, the first given among equals."""
        seen, best_rank, best = self._canonical
        if seen != len(self.mentions):
            for i in range(seen, len(self.mentions)):
                name = self.mentions[i].name
                rank = (len(name.split()), len(name), -i)
                if i == 0 or rank > best_rank:
                    best_rank, best = rank, name
            self._canonical = (len(self.mentions), best_rank, best)
        return best

    @property
    def surname(self) -> str:
        return _surname(self.canonical)

    @property
    def gender(self) -> str | None:
        for m in self.mentions:
            if m.gender:
                return m.gender
        return None


def _surname(name: str) -> str:
    parts = [p for p in re.split(r"[\s]+", name) if p]
    if not parts:
        return ""
    last = parts[-1]
    last = re.sub(r"^(al|el)-", "", last, flags=re.I)
    return last.lower().strip(".'’")


def _firstnames(name: str) -> list[str]:
    parts = name.split()
    return [p.lower() for p in parts[:-1] if not NAME_PARTICLES.match(p)]


def is_title_word(lexicons: Lexicons, word: str) -> bool:
    """Whether a word is part of a title before a name ("President", "Supreme", "Mr."):
    an official word, a title adjective or an honorific (roles.yaml)."""
    low = word.lower()
    roles = lexicons.roles
    return (
        low in roles.official_words
        or low in lexicons.roles.title_adjectives
        or low in roles.honorific
        or low.rstrip(".") in roles.official_words
    )


def _is_title_token(lexicons: Lexicons, tok: Token) -> bool:
    return is_title_word(lexicons, tok.lower_)


def _extend_title(lexicons: Lexicons, span: Span, first: int) -> tuple[int, str | None]:
    """Walk left of a person name over title words, not past token ``first`` (its
    sentence's start: the caller knows it; ``span.sent`` walks the sentence each time);
    return the new start token and title."""
    doc = span.doc
    i = span.start
    start = i
    while i > first:
        tok = doc[i - 1]
        if _is_title_token(lexicons, tok) or (
            tok.text == "-" and i - 2 >= 0 and _is_title_token(lexicons, doc[i - 2])
        ):
            i -= 1
            start = i
            continue
        if tok.ent_type_ in ("NORP", "GPE") and tok.pos_ in ("ADJ", "PROPN") and start < span.start:
            # "Syrian President", "US President-Elect"
            i -= 1
            start = i
            continue
        if (
            tok.tag_ == "POS"
            and i - 2 >= first
            and (start < span.start or doc[i - 2].ent_type_ == "GPE")
        ):
            # "Iran's Supreme Leader", "Ali Khamenei's senior advisor"
            owner = doc[i - 2]
            j = i - 2
            if owner.ent_type_ in ("GPE", "PERSON", "ORG", "NORP"):
                while j - 1 >= first and doc[j - 1].ent_iob_ == "I":
                    j -= 1
                # include the whole owner entity
                while j > first and doc[j].ent_iob_ == "I":
                    j -= 1
                start = j
                i = j
            break
        break
    if start == span.start:
        return start, None
    title = doc[start : span.start].text.strip()
    return start, title or None


def _strip_name(lexicons: Lexicons, span: Span) -> Span:
    """Drop determiners, possessive markers and title words inside an entity span."""
    s, e = span.start, span.end
    doc = span.doc
    person = span.label_ == "PERSON"
    while s < e and (
        doc[s].lower_ == "the"
        or (person and (_is_title_token(lexicons, doc[s]) or doc[s].text == "-"))
    ):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct):
        e -= 1
    return doc[s:e] if s < e else span


def _gender(lexicons: Lexicons, span: Span, title: str | None) -> str | None:
    words = [t.lower_ for t in span] + (title.lower().split() if title else [])
    for w in words:
        g = lexicons.roles.honorific.get(w)
        if g:
            return g
    return None


def _collect(lexicons: Lexicons, state: Document) -> list[_Mention]:
    out: list[_Mention] = []
    ents_of = sentence_ents(state.sentences)
    for si, sent in enumerate(state.sentences):
        span = sent.span
        taken: set[int] = set()
        for ent in ents_of[si]:
            etype = LABELS.get(ent.label_)
            if etype is None:
                continue
            if etype == "GROUP" and (
                ent.root.pos_ == "ADJ"
                or ent.root.dep_ in ("amod", "compound", "npadvmod")
                or (ent.end < len(ent.doc) and ent.doc[ent.end].text == "-")
            ):
                continue  # "Syrian", "Iranian-backed" used as modifiers
            name_span = _strip_name(lexicons, ent)
            if all(_is_title_token(lexicons, t) for t in name_span):
                continue  # a bare title the tagger took for an organisation ("Supreme")
            if etype in ("ORG", "PERSON") and _names_a_place(lexicons, ent):
                etype = "PLACE"  # "two provincial capitals: Latakia and Tartus"
            outlet = lexicons.find_outlet(name_span.text)
            if outlet is not None:
                etype = "ORG"
            start_tok = name_span.start
            title: str | None = None
            if etype == "PERSON":
                start_tok, title = _extend_title(lexicons, name_span, span.start)
            doc = span.doc
            m = _Mention(
                start=sent.char(doc[start_tok].idx),
                end=sent.char(name_span.end_char),
                name_start=sent.char(name_span.start_char),
                name_end=sent.char(name_span.end_char),
                type=etype,
                name=name_span.text,
                sentence=si,
                head=name_span.root,
                kind="title" if title else "name",
                title=title,
                outlet=outlet is not None,
            )
            m.gender = _gender(lexicons, name_span, title)
            m.descriptions = _descriptions(name_span)
            m.offset = sent.offset
            out.append(m)
            taken.update(range(name_span.start, name_span.end))
    return out


def _names_a_place(lexicons: Lexicons, ent: Span) -> bool:
    """True when the entity stands in apposition to a place noun ("the port city of X")."""
    tok = ent.root
    first = tok
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    j = first.left_edge.i - 1
    while j >= 0 and ent.doc[j].is_punct:
        j -= 1
    if j >= 0 and ent.doc[j].lemma_.lower() in lexicons.roles.place_nouns:
        return True  # "provincial capitals: Latakia and Tartus"
    for _ in range(3):
        if tok.dep_ in ("conj", "appos", "pobj") and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_.lower() in lexicons.roles.place_nouns:
                return True
            if tok.dep_ == "prep" and tok.head.lemma_.lower() in lexicons.roles.place_nouns:
                return True
        else:
            break
    return False


def _descriptions(name: Span) -> list[Span]:
    """Appositions and pre-modifiers that describe the entity ("state-run")."""
    head = name.root
    descs: list[Span] = []
    for child in head.children:
        if child.dep_ == "appos" and child.i >= name.end:
            sub = [t for t in child.subtree if not t.is_punct]
            if not sub:
                continue
            span = name.doc[sub[0].i : sub[-1].i + 1]
            while len(span) and span[-1].is_punct:
                span = span[:-1]
            # a description has a common-noun head ("a senior advisor to Khamenei"); a
            # name the parser hung on as an apposition ("..., The Week reported") is not one
            if len(span) and span.root.pos_ == "NOUN" and not span.root.ent_type_:
                descs.append(span)
        elif child.dep_ == "amod" and child.i < name.start and child.ent_type_ == "":
            sub = list(child.subtree)
            descs.append(name.doc[sub[0].i : sub[-1].i + 1])
    return descs


def _same_person(m: _Mention, c: _Cluster) -> bool:
    if _surname(m.name) != c.surname or not c.surname:
        return False
    firsts = _firstnames(m.name)
    cfirsts = _firstnames(c.canonical)
    if firsts and cfirsts and firsts[0] != cfirsts[0]:
        return False
    return True


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# long: the merge rules (full name, surname, title + name) share one loop
def _merge(lexicons: Lexicons, mentions: list[_Mention]) -> list[_Cluster]:  # noqa: C901 - see above
    clusters: list[_Cluster] = []
    persons = [m for m in mentions if m.type == "PERSON"]
    # multi-token names first so that surnames attach to full names
    for m in sorted(persons, key=lambda x: (-len(x.name.split()), x.start)):
        for c in clusters:
            if c.type == "PERSON" and _same_person(m, c):
                c.mentions.append(m)
                break
        else:
            clusters.append(_Cluster(type="PERSON", mentions=[m]))
    surnames = {c.surname: c for c in clusters if len(c.canonical.split()) > 1}
    for m in mentions:
        if m.type == "PERSON":
            continue
        key = m.name.lower().removeprefix("the ").strip()
        # a lone surname the tagger mislabelled ("Orban" as ORG)
        if not m.outlet and len(m.name.split()) == 1 and _surname(m.name) in surnames:
            surnames[_surname(m.name)].mentions.append(m)
            continue
        for c in clusters:
            if c.type != m.type:
                continue
            ckeys = {x.name.lower().removeprefix("the ").strip() for x in c.mentions}
            if key in ckeys or any(
                m.name == _acronym(x.name) or x.name == _acronym(m.name)
                for x in c.mentions
                if len(x.name) > 1 and len(m.name) > 1
            ):
                c.mentions.append(m)
                break
            out = lexicons.find_outlet(m.name)
            if out is not None and any(lexicons.find_outlet(x.name) == out for x in c.mentions):
                c.mentions.append(m)
                break
        else:
            clusters.append(_Cluster(type=m.type, mentions=[m]))
    for c in clusters:
        for m in c.mentions:
            if m.title and m.title not in c.roles:
                c.roles.append(m.title)
            for d in m.descriptions:
                if d.text not in c.descriptions:
                    c.descriptions.append(d.text)
                if d.root.dep_ == "appos":
                    s0, e0 = m.offset + d.start_char, m.offset + d.end_char
                    c.extra.append(Mention(text=d.text, start=s0, end=e0, kind="description"))
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    return clusters


def _role_noun(lexicons: Lexicons, title: str) -> set[str]:
    words = {w.lower().strip("'’s") for w in re.split(r"[\s\-]+", title)}
    return words & lexicons.roles.official_words


_BRACKETED = re.compile(r"\s?\(([A-Z][A-Z0-9&]{1,9})\)")


def _merge_parenthesised(state: Document, clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge the cluster of an acronym given in brackets right after a name with that
    name's: "the Directorate of Military Intelligence (DRM)" and later "the DRM" (the
    letters need not match: the acronym may come from another language)."""
    text = state.article.text
    by_name: dict[str, list[_Cluster]] = {}
    for c in clusters:
        for m in c.mentions:
            by_name.setdefault(m.name, []).append(c)
    merged: set[int] = set()
    for host in clusters:
        if id(host) in merged:
            continue
        for m in list(host.mentions):
            found = _BRACKETED.match(text, m.name_end)
            if found is None:
                continue
            for other in by_name.get(found.group(1), []):
                if other is host or id(other) in merged or other.type != host.type:
                    continue
                host.mentions.extend(other.mentions)
                host.extra.extend(other.extra)
                merged.add(id(other))
    return [c for c in clusters if id(c) not in merged]


def _fits_role(lexicons: Lexicons, noun: str, role: str) -> bool:
    """Whether a role noun of a description names ``role``: its own word ("the president"
    for "President"), or the generic "leader" for a head of state or government
    (roles.yaml: leader_titles)."""
    if noun in _role_noun(lexicons, role):
        return True
    return noun in lexicons.roles.generic_leaders and _is_leader_title(lexicons, role)


def _is_leader_title(lexicons: Lexicons, role: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", role.lower()) if w]
    titles = lexicons.roles.leader_titles
    return any(
        tuple(words[i : i + len(t)]) == t for t in titles for i in range(len(words) - len(t) + 1)
    )


def _one_country(lexicons: Lexicons, words: set[str]) -> str | None:
    """The country the modifiers of a description name ("the Russian leader"), if one."""
    found = {code for w in words if (code := resolver(lexicons).country_code(w)) is not None}
    return found.pop() if len(found) == 1 else None


def _person_country(lexicons: Lexicons, state: Document, c: _Cluster) -> str | None:
    """The country a person acts for: the actor dictionary's entry on the article's date,
    else a country named in one of the person's titled mentions ("Russian President X",
    "President X of Russia")."""
    res = resolver(lexicons)
    code = res.resolve_name(c.canonical, date=state.article.published)
    if code is not None and code.country:
        return code.country
    text = state.article.text
    for m in c.mentions:
        if m.title is None:
            continue
        code = res.resolve_phrase(text[m.start : m.end], date=state.article.published)
        if code is not None and code.country:
            return code.country
        after = _OF_PLACE.match(text, m.end)
        if after and (country := res.country_code(after.group(1))):
            return country
    return None


#: "President Vladimir Putin of Russia": the country after a titled name
_OF_PLACE = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")


def _link_descriptions(lexicons: Lexicons, state: Document, clusters: list[_Cluster]) -> None:
    """Link 'the incoming US president' to the one person whose title fits."""
    roles = lexicons.roles
    taken = {(m.start, m.end) for c in clusters for m in c.mentions}
    words = roles.official_words | roles.generic_leaders
    for sent in state.sentences:
        for tok in tokens_in(sent.span, words):
            if tok.pos_ != "NOUN":
                continue
            dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
            if not dets:
                continue
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
            start_i = min([dets[0].i, *[c.i for c in mods]])
            start, end = sent.char(tok.doc[start_i].idx), sent.char(tok.idx + len(tok))
            head_at = sent.char(tok.idx)
            if any(s <= head_at < e for s, e in taken):
                continue
            mod_words = {c.lower_ for c in mods}
            # "the leader of Japan": whose leader is said; only a person whose title names
            # the same place can be meant
            of_names = {
                w.lower_
                for prep in tok.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj" and (obj.ent_type_ or obj.pos_ == "PROPN")
                for w in obj.subtree
                if w.pos_ == "PROPN"
            }
            country_mods = {
                w for w in mod_words if w[:1] and w not in lexicons.roles.title_adjectives
            }
            mod_country = _one_country(lexicons, country_mods)
            cands = []
            for c in clusters:
                if c.type != "PERSON" or not c.roles:
                    continue
                if not any(_fits_role(lexicons, tok.lower_, r) for r in c.roles):
                    continue
                role_words = {w.lower() for r in c.roles for w in re.split(r"[\s\-']+", r)}
                if (
                    country_mods
                    and not country_mods <= role_words
                    and (mod_country is None or _person_country(lexicons, state, c) != mod_country)
                ):
                    continue
                if of_names and not of_names <= role_words:
                    continue
                cands.append(c)
            if len(cands) == 1:
                text = state.article.text[start:end]
                cands[0].extra.append(Mention(text=text, start=start, end=end, kind="description"))


#: How many sentences back "the ministry" or "the newspaper" looks for its name.
DESCRIPTION_REACH = 5


def _org_class(c: _Cluster) -> str:
    return "outlet" if any(m.outlet for m in c.mentions) else "org"


def _org_head_class(lexicons: Lexicons, word: str) -> str | None:
    """'the newspaper' names an outlet, 'the ministry' or 'the rights group' a body."""
    roles = lexicons.roles
    if word in roles.outlet_heads and word not in roles.government_heads:
        return "outlet"
    if word in roles.organisation_heads or word in roles.government_heads:
        return "org"
    return None


def _org_antecedent(
    lexicons: Lexicons, tok: Token, si: int, pos: int, clusters: list[_Cluster], wanted: str
) -> _Cluster | None:
    """The organisation 'the <head>' refers back to: the nearest earlier one whose name
    holds the head word ("the ministry" -> the Gaza Health Ministry), else the nearest
    earlier one of the same class (an outlet for "the newspaper")."""
    word = tok.lower_
    generic = lexicons.roles.title_adjectives
    mods = {
        c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ not in generic
    }
    best: tuple[int, int, _Cluster] | None = None
    for c in clusters:
        name = c.canonical.lower()
        if c.type != "ORG" or any(w not in name for w in mods):
            continue  # "the Israeli military" is not Hamas
        for m in c.mentions:
            if not (si - DESCRIPTION_REACH <= m.sentence <= si and m.end <= pos):
                continue
            named = word in m.name.lower().split()
            # without the head word in its name, only an organisation of the same class
            # that spoke, and only by a description that speaks or names its kind, can be
            # meant ("NORSAR said ... the organization said"; not "at the hospital")
            if not named and (
                _org_class(c) != wanted
                or not _speaks(lexicons, m.head)
                or not (mods or _speaks(lexicons, tok) or _cited(tok))
            ):
                continue
            rank = (1 if named else 0, m.end)
            if best is None or rank > best[:2]:
                best = (*rank, c)
    return best[2] if best else None


def _link_org_descriptions(lexicons: Lexicons, state: Document, clusters: list[_Cluster]) -> None:
    """Link 'the ministry', 'the rights group', 'the newspaper' to the organisation
    named before (a definite description with no name of its own)."""
    taken = {(m.start, m.end) for c in clusters for m in c.mentions}
    for si, sent in enumerate(state.sentences):
        for tok in sent.span:
            wanted = _org_head_class(lexicons, tok.lower_)
            if wanted is None or tok.pos_ != "NOUN" or tok.ent_type_:
                continue
            kids = list(tok.children)
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
                continue
            if any(c.pos_ == "PROPN" for c in kids):
                continue  # "the Bloomberg agency" names itself
            head_at = sent.char(tok.idx)
            if any(s <= head_at < e for s, e in taken):
                continue
            c = _org_antecedent(lexicons, tok, si, head_at, clusters, wanted)
            if c is None:
                continue
            first = min(x.i for x in kids if x.i < tok.i)
            start, end = sent.char(tok.doc[first].idx), head_at + len(tok.text)
            text = state.article.text[start:end]
            c.extra.append(Mention(text=text, start=start, end=end, kind="description"))


def _cited(tok: Token) -> bool:
    """The mention is what "according to" cites ("according to the agency")."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.i > 0
        and tok.doc[prep.i - 1].lower_ == "according"
    )


def _speaks(lexicons: Lexicons, tok: Token) -> bool:
    """The mention is the subject of a verb of saying ("Peskov said", "said Peskov",
    "his spokesman, Carlos Mendes, said")."""
    while tok.dep_ in ("appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and (
        tok.head.lemma_.lower() in lexicons.attribution.speech_verbs
    )


def _link_pronouns(lexicons: Lexicons, state: Document, clusters: list[_Cluster]) -> None:
    """Link he/him/his (she/her) to the most salient earlier person nearby.

    Looks in the pronoun's own sentence (before it), then up to two sentences back;
    a person that is a grammatical subject wins over one that is not.
    """
    by_sentence: dict[int, list[tuple[_Mention, _Cluster]]] = {}
    for c in clusters:
        if c.type != "PERSON":
            continue
        for m in c.mentions:
            by_sentence.setdefault(m.sentence, []).append((m, c))
    for pairs in by_sentence.values():
        pairs.sort(key=lambda mc: mc[0].start)
    taken_as: dict[tuple[int, int], str] = {}  # (sentence, cluster) -> the pronoun's gender
    for si, sent in enumerate(state.sentences):
        for tok in tokens_in(sent.span, GENDERED):
            low = tok.lower_
            if tok.pos_ != "PRON":
                continue
            gender = "male" if low in MALE else "female"
            pos = sent.char(tok.idx)
            best: _Cluster | None = None
            for sj in range(si, max(-1, si - 3), -1):
                cands = [
                    (m, c)
                    for m, c in by_sentence.get(sj, [])
                    if m.start < pos
                    and c.gender in (None, gender)
                    and taken_as.get((si, id(c)), gender) == gender
                ]
                if not cands:
                    continue
                # the last named speaker wins ("..., Peskov said. He added ..."), then a
                # subject, then whoever came first
                speakers = [c for m, c in cands if _speaks(lexicons, m.head)]
                subj = [c for m, c in cands if m.head.dep_ in ("nsubj", "nsubjpass")]
                best = speakers[-1] if speakers else subj[0] if subj else cands[0][1]
                break
            if best is not None:
                # "when she asked Grieve, he refused": in one sentence, the person "she"
                # stands for is no "he"
                taken_as[(si, id(best))] = gender
                end = pos + len(tok.text)
                best.extra.append(Mention(text=tok.text, start=pos, end=end, kind="pronoun"))
                # the pronoun is itself a mention later pronouns can refer back to
                pm = _Mention(pos, end, pos, end, "PERSON", tok.text, si, tok, kind="pronoun")
                by_sentence.setdefault(si, []).append((pm, best))
                by_sentence[si].sort(key=lambda mc: mc[0].start)


def _untagged_surnames(state: Document, clusters: list[_Cluster]) -> None:
    """A person's surname the tagger left untagged after the full name ("Mark Feld, an
    analyst, said ... Feld thinks so"): a capitalised proper noun (or a noun the tagger
    took for a common one, as a subject) equal to the surname of exactly one person named
    in full before it, standing alone (not part of a longer name), is a mention of that
    person."""
    owners: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if c.type == "PERSON" and len(c.canonical.split()) > 1 and c.surname:
            owners.setdefault(c.surname, []).append(c)
    if not owners:
        return
    covered = [(m.start, m.end) for c in clusters for m in c.mentions]
    for si, sent in enumerate(state.sentences):
        for tok in tokens_in(sent.span, owners):
            hits = owners.get(tok.lower_) if tok.is_title else None
            if hits is None or len(hits) != 1 or tok.ent_type_:
                continue
            # a proper noun, or a capitalised "noun" that acts as a subject ("Feld thinks")
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.dep_ == "nsubj"):
                continue
            doc = tok.doc
            if any(
                0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title
                for j in (tok.i - 1, tok.i + 1)
            ):
                continue  # part of another name ("Feld Research", "Anna Feld")
            start = sent.char(tok.idx)
            end = start + len(tok.text)
            if any(a <= start < b for a, b in covered):
                continue
            person = hits[0]
            if min(m.start for m in person.mentions) > start:
                continue  # the full name must come first
            person.mentions.append(
                _Mention(start, end, start, end, "PERSON", tok.text, si, tok, kind="name")
            )


def resolve_entities(lexicons: Lexicons, state: Document) -> None:
    """Resolve the entities of the article and link every mention span to its entity."""
    mentions = _collect(lexicons, state)
    clusters = _merge_parenthesised(state, _merge(lexicons, mentions))
    _link_descriptions(lexicons, state, clusters)
    _link_org_descriptions(lexicons, state, clusters)
    _untagged_surnames(state, clusters)
    _link_pronouns(lexicons, state, clusters)
    text = state.article.text
    state.entities = []
    entity_of: dict[tuple[int, int], str] = {}  # span -> entity (a later cluster wins)
    for n, c in enumerate(clusters, start=1):
        eid = f"e{n}"
        ms: list[Mention] = []
        for m in sorted(c.mentions, key=lambda x: x.start):
            kind = m.kind
            if kind == "name" and len(m.name.split()) == 1 and len(c.canonical.split()) > 1:
                kind = "surname"
            ms.append(Mention(text=text[m.start : m.end], start=m.start, end=m.end, kind=kind))  # type: ignore[arg-type]
            entity_of[(m.start, m.end)] = eid
            entity_of[(m.name_start, m.name_end)] = eid
        for x in c.extra:
            ms.append(x)
            entity_of[(x.start, x.end)] = eid
        ms.sort(key=lambda x: x.start)
        descs = list(c.descriptions)
        for x in c.extra:
            if x.kind == "description" and x.text not in descs:
                descs.append(x.text)
        outlet = lexicons.find_outlet(c.canonical) if c.type == "ORG" else None
        state.entities.append(
            Entity(
                id=eid,
                canonical=c.canonical,
                type=c.type,
                country=outlet.country if outlet else None,
                roles=list(c.roles),
                descriptions=descs,
                mentions=ms,
            )
        )
    state.mentions = [MentionLink(start, end, eid) for (start, end), eid in entity_of.items()]


make_entities = stage(
    "entities.v1", alias="entities", requires=["sentences"], assigns=["entities", "mentions"]
)(uses_lexicons(resolve_entities))
