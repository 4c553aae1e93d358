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

from typing import TYPE_CHECKING

from ..events.actors import ActorResolver
from ..lexicons import Lexicons
from ..nlp.doc import Document, Sentence, Unit
from ..records import Actor, Claim, Event, Place, TimeRef
from ..syntax import conjuncts, np_tokens, verb_lemma
from .base import Resources, StageConfig, StageFunc, stage

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..lexicons import EventPattern

SUBJ = ("nsubj", "csubj")
# CAMEO's "express intent to ..." (03x) and "threaten ..." (13x) codes by the intended action
INTENT_COOPERATE = {4: "036", 5: "032", 6: "031", 7: "033", 8: "039"}
INTENT_CONFLICT = {16: "131", 17: "1312", 18: "138", 19: "138", 20: "138", 15: "138"}
NON_PERSON_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
TERRITORIAL = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "RETREAT"})
ENVOY_TYPES = frozenset({"CONSULT", "REQUEST", "AGREE"})  # what an envoy can do for a sender


def _match(lexicons: Lexicons, tok: Token) -> EventPattern | None:
    lex = lexicons.events
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ in ("amod", "compound"):
            return None  # "Iranian-backed forces": an adjective, not an action
        lemma = verb_lemma(tok, frozenset(lex.by_verb))
        pats = lex.by_verb.get(lemma, ())
    elif tok.pos_ == "NOUN":
        pats = lex.by_noun.get(tok.lemma_.lower(), ())
    else:
        return None
    children = list(tok.children)
    for p in pats:  # most specific first
        if p.particle and not any(c.dep_ == "prt" and c.lower_ == p.particle for c in children):
            continue
        if p.prep and not _prep_object(tok, p.prep):
            continue
        if p.objects and not any(
            c.dep_ in ("dobj", "nsubjpass") and _object_words(lexicons, c) & p.objects
            for c in children
        ):
            continue
        return p
    return None


def _object_words(lexicons: Lexicons, obj: Token) -> set[str]:
    """The object's word and lemma, looking through quantities ("thousands of fighters")."""
    if obj.lemma_.lower() in lexicons.events.quantity_nouns or obj.pos_ == "NUM":
        inner = _prep_object(obj, "of")
        if inner is not None:
            obj = inner
    return {obj.lower_, obj.lemma_.lower()}


def _prep_object(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
        if c.dep_ == "prt":  # "reached out to": the preposition hangs on the particle
            found = _prep_object(c, prep)
            if found is not None:
                return found
    return None


# long: one branch per way a clause names its agent
def _agents(tok: Token, depth: int = 0) -> list[Token]:
    children = list(tok.children)
    subj = [c for c in children if c.dep_ in SUBJ]
    if subj:
        before = [c for c in subj if c.i < tok.i]
        s = before[-1] if before else subj[0]  # "Not just Iran, Assad reached out": Assad
        if s.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
            return conjuncts(tok.head)
        return conjuncts(s)
    agent = _prep_object(tok, "by")
    if agent is not None and any(c.dep_ == "auxpass" for c in children):
        return conjuncts(agent)
    if tok.pos_ == "NOUN":
        poss = [c for c in children if c.dep_ == "poss"]
        if poss:
            return conjuncts(poss[0])
        between = _prep_object(tok, "between")
        if between is not None:  # "negotiations between Israel and Lebanon"
            return conjuncts(between)
        for prep in ("of", "by"):
            obj = _prep_object(tok, prep)
            if obj is not None:
                return conjuncts(obj)
        return []
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("VBG", "VBN"):
        # "rebels taking over the capital": the noun the participle describes
        return conjuncts(_conj_top(tok.head)) if tok.tag_ == "VBG" else []
    if depth < 3 and tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and tok.head.i != tok.i:
        head = tok.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "Tehran is willing to support": the subject of "is"
        # "X is said to have visited": the subject of the passive report
        passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
        if tok.dep_ == "xcomp" and passive_subj:
            return conjuncts(passive_subj[0])
        if head.pos_ in ("VERB", "AUX"):
            found = _agents(head, depth + 1)
            if found:
                return found
    if depth == 0 and tok.dep_ in ("acl", "advcl", "relcl", "conj"):
        # a finite verb the parser left without a subject: the noun phrase right before it
        j = tok.i - 1
        while j >= tok.sent.start and tok.doc[j].pos_ in ("ADV", "PART", "AUX", "PUNCT"):
            j -= 1
        if j >= tok.sent.start and tok.doc[j].pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBD":
            return conjuncts(_conj_top(tok.doc[j]))
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


def _irrealis(lexicons: Lexicons, tok: Token) -> bool:
    """An event that has not happened: under "willing to", "plans to", or a modal."""
    lex = lexicons.events
    if any(c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in tok.children):
        return True
    t = tok
    for _ in range(3):
        if t.dep_ not in ("xcomp", "acomp") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lex.irrealis_heads or t.lower_ in lex.irrealis_heads:
            return True
    return False


# long: one branch per target rule of events.yaml
def _targets(tok: Token, pat: EventPattern) -> list[Token]:
    children = list(tok.children)
    passive = any(c.dep_ == "auxpass" for c in children)
    if pat.target == "none":
        return []
    if pat.target == "prep" and pat.prep:
        obj = _prep_object(tok, pat.prep)
        return conjuncts(obj) if obj is not None else []
    if pat.target.startswith("prep:"):
        obj = _prep_object(tok, pat.target[5:])
        return conjuncts(obj) if obj is not None else []
    if pat.target == "dative":
        dat = [c for c in children if c.dep_ == "dative" and c.pos_ in ("PRON", "PROPN", "NOUN")]
        if dat:
            return conjuncts(dat[0])
        obj = _prep_object(tok, "to")
        if obj is not None:
            return conjuncts(obj)
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "visited Assad ... and offered Tehran's support": offered to the one visited
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            return conjuncts(objs[0]) if objs else []
        return []
    if pat.target == "inherit":
        head = tok.head
        if head.i != tok.i:
            obj = _prep_object(head, "to")
            if obj is not None:
                return conjuncts(obj)
        return []
    if passive:
        subj = [c for c in children if c.dep_ == "nsubjpass"]
        return conjuncts(subj[0]) if subj else []
    if pat.plover == "REQUEST":
        # "demanded that the US lift sanctions": the one asked is the clause's subject
        for c in children:
            if c.dep_ == "ccomp":
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return conjuncts(subj[0])
    objs = [c for c in children if c.dep_ in ("dobj", "obj")]
    if objs and not (pat.objects and objs[0].lemma_.lower() in pat.objects):
        return conjuncts(objs[0])
    if tok.pos_ == "NOUN":
        for prep in ("to", "with", "on", "against"):
            obj = _prep_object(tok, prep)
            if obj is not None:
                return conjuncts(obj)
    return []


def _intermediary(
    lexicons: Lexicons, tok: Token, pat: EventPattern
) -> tuple[Token | None, Token | None]:
    """(intermediary, actor override) from "via X" or "dispatched X to meet Y"."""
    lex = lexicons.events
    for prep in lex.intermediary_preps:
        obj = _prep_object(tok, prep)
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
    def __init__(self, state: Document, actors: ActorResolver) -> None:
        self.state = state
        self.actors = actors
        self.entities = {e.id: e for e in state.entities}
        self.mentions = sorted(((m.start, m.end), m.entity) for m in state.mentions)

    def entity_in(self, start: int, end: int, head_at: int) -> str | None:
        """The entity whose mention holds the head, else the first one inside the span."""
        inside: list[tuple[int, int, str]] = []
        for (s, e), eid in self.mentions:
            if s <= head_at < e:
                return eid
            if start <= s and e <= end:
                inside.append((s, e, eid))
        return inside[0][2] if inside else None


def _antecedent(ctx: _Ctx, sent: Sentence, tok: Token) -> tuple[Sentence, Token] | None:
    """'Ethiopia said it would ...', 'the rebels ... they released': the nearest earlier
    subject of the same number, in this sentence or the two before it in the paragraph."""
    plural = tok.lower_ in PLURAL_PRONOUNS
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
            if (
                t.dep_ in ("nsubj", "nsubjpass")
                and t.pos_ in ("NOUN", "PROPN")
                and (sj < si or t.i < tok.i)
                and (t.tag_ in ("NNS", "NNPS") or t.pos_ == "PROPN") == plural
            )
            or (t.pos_ == "PROPN")
        ]
        if cands:
            return other, cands[-1]
    return None


def _actor(ctx: _Ctx, sent: Sentence, tok: Token, date: str | None) -> Actor:
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
    eid = ctx.entity_in(start, end, sent.char(tok.idx))
    ent = ctx.entities.get(eid) if eid else None
    name = ent.canonical if ent else text
    code = (
        ctx.actors.resolve_name(ent.canonical, date=date) if ent and ent.type != "PLACE" else None
    )
    if code is None:
        code = ctx.actors.resolve_phrase(text, date=date)
    if code is None and ent is not None:
        code = ctx.actors.resolve_phrase(ent.canonical, date=date)
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
    t: Token | None = tok
    for _ in range(4):
        if t is None:
            break
        ids = _clause_tokens(t)
        chars = {sent.char(t.doc[i].idx) for i in ids}
        hits = [tr for tr in state.times if tr.start in chars]
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
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    tok: Token,
    target: Actor | None,
    pat: EventPattern,
) -> Place | None:
    ids = _clause_tokens(tok)
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
    for i in sorted(ids):
        t = tok.doc[i]
        if (
            t.dep_ == "pobj"
            and t.head.lower_ in lexicons.events.place_preps
            and t.head.lower_ not in skip
        ):
            at = sent.char(t.idx)
            for p in state.places:
                if p.start <= at < p.end:
                    return p
    return None


def code_events(lexicons: Lexicons, actors: ActorResolver, state: Document) -> None:
    """Code the events of every claim with PLOVER/CAMEO, actors, date and place."""
    ctx = _Ctx(state, actors)
    claims = {c.id: c for c in state.claims}
    claim_of_unit = {link.unit: link.claim for link in state.claim_links}
    events: list[Event] = []
    published = state.article.published[:10] if state.article.published else None
    for ui, unit in enumerate(state.units):
        claim_id = claim_of_unit.get(ui)
        claim = claims.get(claim_id) if claim_id is not None else None
        if claim is None:
            continue
        events.extend(_unit_events(lexicons, ctx, unit, claim, published))
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


def _unit_events(
    lexicons: Lexicons, ctx: _Ctx, unit: Unit, claim: Claim, published: str | None
) -> list[Event]:
    state = ctx.state
    sent = state.sentences[unit.sentence]
    doc = sent.span.doc
    out: list[Event] = []
    triggers = [(doc[i], p) for i in unit.tokens if (p := _match(lexicons, doc[i])) is not None]
    depth_min = min((_depth(t) for t, _ in triggers), default=0)
    if unit.parent is not None:
        depth_min = -1  # a reported content is never its sentence's main event
    for tok, pat in triggers:
        when = _time(state, sent, tok)
        date = when.value if when is not None and when.precision == "day" else published
        inter_tok, _ = _intermediary(lexicons, tok, pat)
        agent_toks = _agents(tok)
        target_toks = _targets(tok, pat)
        if pat.reverse:
            giver = _prep_object(tok, pat.reverse)
            agent_toks, target_toks = (conjuncts(giver) if giver is not None else []), agent_toks
        agents: list[Actor | None] = [_actor(ctx, sent, a, date) for a in agent_toks] or [None]
        targets: list[Actor | None] = [_actor(ctx, sent, t, date) for t in target_toks] or [None]
        inter = _actor(ctx, sent, inter_tok, date) if inter_tok is not None else None
        negated = any(c.dep_ == "neg" for c in tok.children)
        status = claim.status
        plover, mode, cameo = pat.plover, pat.mode, pat.cameo
        if _irrealis(lexicons, tok):
            # what an actor will, would or is ready to do is an intent, coded as CAMEO does:
            # intent to cooperate (03, AGREE) or a threat (13, THREATEN); a cooperation the
            # actor will not give is a rejection (12, REJECT)
            plover, mode, cameo = intent_code(pat.cameo)
            if negated and plover == "AGREE":
                plover, mode, cameo = "REJECT", None, "12" + cameo[2:3]
                negated = False
        start = sent.char(tok.idx)
        for agent in agents:
            for target in targets:
                if (
                    agent is not None
                    and target is not None
                    and agent.entity
                    and agent.entity == target.entity
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
                        polarity="negative"
                        if negated or claim.polarity == "negative"
                        else "positive",
                        sources=list(claim.source_chain),
                        time=when,
                        place=_place(lexicons, state, sent, tok, target, pat),
                        sentence_start=sent.start,
                        sentence_end=sent.end,
                        root=_depth(tok) == depth_min,
                    )
                )
    return out
