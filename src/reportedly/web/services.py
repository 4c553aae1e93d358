"""The view models the API and the pages share: what the web app reads from the store,
shaped for both.

Only the store's public API is used (query objects, no SQL here), so the app works on
every store backend; the one Store of the app (:class:`.deps.WebConfig`) serves every
request, and corpus-wide results are cached while the store does not change (:mod:`.cache`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .. import lexicons
from ..ask.answer import Answer, answer_store
from ..corpus.link_rows import StoryRows
from ..corpus.records import ClaimCluster, Contradiction, Story
from ..corpus.store import (
    ClaimKeys,
    ClaimQuery,
    ClaimRow,
    EntityQuery,
    EventQuery,
    Query,
    SourceKinds,
    SourceQuery,
    SourceRow,
)
from ..errors import ReportedlyError
from ..export.claimreview import to_claimreview
from ..read.validate import english_function_words
from ..records import STATUSES, Analysis, Claim, parse_chain_text
from ..text.keys import name_key
from .cache import LinkView
from .deps import WebConfig
from .errors import ApiError

R = TypeVar("R")

#: One mark per status for the coverage matrix (with the status name as its label).
STATUS_MARKS = {
    "asserted": "●",
    "reported": "◆",
    "hedged": "◐",
    "speculative": "≈",
    "questioned": "?",
    "denied": "✕",
}


# --------------------------------------------------------------------------- claims


def claim_view(claim: Claim, article: Analysis) -> dict[str, Any]:
    """A claim with what the page shows when it is clicked."""
    return {
        "id": claim.id,
        "text": claim.text,
        "status": claim.status,
        "start": claim.start,
        "end": claim.end,
        "direct_quote": claim.direct_quote,
        "polarity": claim.polarity,
        "cues": [{"text": c.text, "kind": c.kind} for c in claim.cues],
        "chain": [
            {
                "name": s.name,
                "kind": s.kind,
                "level": s.level,
                "description": s.description,
                "cue": s.cue.text if s.cue else None,
            }
            for s in claim.source_chain
        ]
        or [
            {
                "name": article.article.outlet or "the article",
                "kind": "outlet",
                "level": 0,
                "description": None,
                "cue": None,
            }
        ],
    }


@dataclass
class Segment:
    text: str
    claim: dict[str, Any] | None = None


def segments(analysis: Analysis) -> list[Segment]:
    """The article text cut into plain runs and claim spans (claims in text order;
    a claim overlapping an earlier one is cut to start where that one ends)."""
    text = analysis.article.text
    out: list[Segment] = []
    pos = 0
    for claim in sorted(analysis.claims, key=lambda c: (c.start, -c.end)):
        start = max(claim.start, pos)
        end = min(claim.end, len(text))
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], {"id": claim.id, "status": claim.status}))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


# --------------------------------------------------------------------------- stories


def story_summary(st: Story, clusters: Sequence[ClaimCluster]) -> dict[str, Any]:
    """A story's line in a list: its size, entities and most corroborated claim."""
    clusters = sorted(clusters, key=lambda c: -c.corroboration)
    top = clusters[0] if clusters else None
    return {
        "id": st.id,
        "title": st.title,
        "articles": len(st.articles),
        "copies": len(st.copies),
        "entities": st.entities[:6],
        "claim_clusters": len(clusters),
        "most_corroborated": (
            {"text": top.text, "corroboration": top.corroboration} if top else None
        ),
    }


def story_summaries(view: LinkView, stories: Sequence[Story]) -> list[dict[str, Any]]:
    """The summaries of ``stories``, their clusters read through ``view``."""
    got = view.stories([st.id for st in stories])
    return [story_summary(st, got[st.id][1] if st.id in got else []) for st in stories]


def _timeline(
    st: Story, copy_of: Mapping[str, str], by_id: dict[str, Analysis]
) -> list[dict[str, Any]]:
    """The story's articles by date, each with what it copies and its number of claims."""
    articles = []
    for aid in st.articles:
        an = by_id.get(aid)
        if an is None:
            continue
        art = an.article
        articles.append(
            {
                "id": aid,
                "title": art.title,
                "outlet": art.outlet or "?",
                "published": art.published,
                "url": art.url,
                "copy_of": copy_of.get(aid),
                "claims": len(an.claims),
            }
        )
    articles.sort(key=lambda a: (str(a["published"] or ""), str(a["outlet"])))
    return articles


Claims = dict[tuple[str, str], Claim]


def _matrix(
    columns: Sequence[ClaimCluster], outlet_of: dict[str, str], claims: Claims
) -> list[dict[str, Any]]:
    """One row per outlet, one cell per claim cluster: the statuses the outlet made it with."""
    rows = []
    for outlet in sorted(set(outlet_of.values())):
        cells = []
        for cl in columns:
            statuses: Counter[str] = Counter()
            for aid, cid in cl.claims:
                if outlet_of.get(aid) == outlet and (aid, cid) in claims:
                    statuses[claims[(aid, cid)].status] += 1
            cells.append(
                [
                    {"status": s, "mark": STATUS_MARKS.get(s, "·"), "count": n}
                    for s, n in sorted(statuses.items(), key=lambda kv: STATUSES.index(kv[0]))
                ]
            )
        rows.append({"outlet": outlet, "cells": cells})
    return rows


def _story_contradictions(
    contradictions: Sequence[Contradiction], outlet_of: dict[str, str], claims: Claims
) -> list[dict[str, Any]]:
    return [
        {
            "reason": k.reason,
            "sides": [
                {
                    "article_id": aid,
                    "claim_id": cid,
                    "text": claims[(aid, cid)].text if (aid, cid) in claims else cid,
                    "status": claims[(aid, cid)].status if (aid, cid) in claims else None,
                    "outlet": outlet_of.get(aid),
                }
                for aid, cid in (k.claim_a, k.claim_b)
            ],
        }
        for k in contradictions
    ]


def story_detail(
    rows: StoryRows,
    copy_of: Mapping[str, str],
    analyses: Sequence[Analysis],
    *,
    max_columns: int = 16,
) -> dict[str, Any]:
    """A story (with its clusters and contradictions): its articles on a timeline, and the
    coverage matrix (outlets x claim clusters, each cell the statuses with which that
    outlet made that claim); ``copy_of`` the original of each of its copies."""
    st, story_clusters, contradictions = rows
    claims = {(a.article.id, c.id): c for a in analyses for c in a.claims}
    clusters = sorted(
        story_clusters,
        key=lambda c: (-len({a for a, _ in c.claims}), -c.corroboration, c.id),
    )
    columns = clusters[:max_columns]
    articles = _timeline(st, copy_of, {a.article.id: a for a in analyses})
    outlet_of = {str(a["id"]): str(a["outlet"]) for a in articles}
    return {
        **story_summary(st, story_clusters),
        "timeline": articles,
        "columns": [
            {
                "id": cl.id,
                "text": cl.text,
                "corroboration": cl.corroboration,
                "statuses": cl.statuses,
                "chains": cl.chains,
                "claims": [list(k) for k in cl.claims],
            }
            for cl in columns
        ],
        "more_columns": max(0, len(clusters) - len(columns)),
        "matrix": _matrix(columns, outlet_of, claims),
        "contradictions": _story_contradictions(contradictions, outlet_of, claims),
    }


# --------------------------------------------------------------------------- sources


def citations(claim_rows: Sequence[ClaimRow]) -> list[dict[str, Any]]:
    """Who cites whom in these claims: one edge per (citer, cited) with its count."""
    edges: Counter[tuple[str, str]] = Counter()
    for row in claim_rows:
        levels = parse_chain_text(row.sources)
        for upper, lower in itertools.pairwise(levels):
            for a in upper:
                for b in lower:
                    if a and b and a != b:
                        edges[(a, b)] += 1
    return [
        {"from": a, "to": b, "claims": n}
        for (a, b), n in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def citation_graph(edges: Sequence[dict[str, Any]], *, max_edges: int = 30) -> dict[str, Any]:
    """A two-column layout of who cites whom: citers on the left, the cited on the right,
    one line per edge (its width grows with the number of claims)."""
    chosen = list(edges[:max_edges])
    left = list(dict.fromkeys(str(e["from"]) for e in chosen))
    right = list(dict.fromkeys(str(e["to"]) for e in chosen))
    row, top, width = 26, 16, 640
    height = top * 2 + row * max(len(left), len(right), 1)
    lx, rx = 200, width - 200
    ly = {name: top + row * i + row // 2 for i, name in enumerate(left)}
    ry = {name: top + row * i + row // 2 for i, name in enumerate(right)}
    most = max((int(e["claims"]) for e in chosen), default=1)
    return {
        "width": width,
        "height": height,
        "left": [{"name": n, "x": lx - 8, "y": y} for n, y in ly.items()],
        "right": [{"name": n, "x": rx + 8, "y": y} for n, y in ry.items()],
        "edges": [
            {
                "x1": lx,
                "y1": ly[str(e["from"])],
                "x2": rx,
                "y2": ry[str(e["to"])],
                "w": round(1 + 5 * int(e["claims"]) / most, 1),
                "label": f"{e['from']} → {e['to']}: {e['claims']} claims",
            }
            for e in chosen
        ],
    }


#: A claim's key, status and outlet (:class:`~reportedly.corpus.store.ClaimKeys`).
ClaimKey = tuple[str, str, str, str | None]


def source_record(
    name: str,
    claim_rows: Sequence[ClaimRow],
    view: LinkView | None,
    keys: Sequence[ClaimKey] | None = None,
) -> dict[str, Any]:
    """What a source said, and how often it was confirmed (in a claim cluster of two or
    more independent chains) or contradicted: the totals over ``keys`` (all its claims,
    when ``claim_rows`` are one page of them), else over ``claim_rows``."""
    every = (
        keys
        if keys is not None
        else [(r.article_id, r.claim_id, r.status, r.outlet) for r in claim_rows]
    )

    pairs = [(k[0], k[1]) for k in every]
    clusters = view.claim_clusters(pairs) if view is not None else {}
    contradicted = view.contradicted(pairs) if view is not None else set()

    def corroboration(key: tuple[str, str]) -> int:
        cl = clusters.get(key)
        return cl.corroboration if cl else 1

    rows = []
    for r in claim_rows:
        key = (r.article_id, r.claim_id)
        n = corroboration(key)
        rows.append(
            {
                **r.to_dict(),
                "corroboration": n,
                "confirmed": n >= 2,
                "contradicted": key in contradicted,
            }
        )
    return {
        "name": name,
        "claims": len(every),
        "statuses": dict(Counter(k[2] for k in every)),
        "confirmed": sum(1 for k in every if corroboration((k[0], k[1])) >= 2),
        "contradicted": sum(1 for k in every if (k[0], k[1]) in contradicted),
        "outlets": sorted({k[3] for k in every if k[3]}),
        "said": rows,
    }


# --------------------------------------------------------------------------- who is cited

_DOMAIN = re.compile(r"(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)


def outlet_label(outlet: object) -> str:
    """How an outlet is shown: its name, also when all the article gave is its site's
    domain ("nytimes.com" -> "The New York Times"); an unknown domain stays as it is."""
    text = str(outlet or "").strip()
    hit = _DOMAIN.fullmatch(text)
    if hit is None:
        return text
    domains = lexicons.default().outlet_domains
    host = hit.group(1).lower()
    while host:
        if host in domains:
            return domains[host]
        _, _, host = host.partition(".")
    return text


def is_name(source: str) -> bool:
    """False for a source that is no name: a pronoun or other function word ("They",
    "I", "it") the attribution did not resolve to its antecedent."""
    key = name_key(source)
    return bool(key) and key not in english_function_words()


@dataclass(frozen=True)
class _SourceGroups:
    """A cache key: the cited sources merged by entity (see :func:`cited_sources`)."""

    top: int


def _merge(cfg: WebConfig, rows: Sequence[SourceRow]) -> list[dict[str, Any]]:
    """``rows`` merged by the entity they name: one row per corpus entity (the store's
    cross-article name resolution: "Dmitri Peskov" and "Dmitry Peskov" are one person,
    and one person cited as a "person" and as an "official" is one row), pronouns left
    out. Its counts are exact when one row was merged (the claims of its variants else,
    counted once each)."""
    groups: dict[tuple[str, ...], list[SourceRow]] = {}
    for r in rows:
        if not is_name(r.name):
            continue
        if r.kind == "outlet":
            known = lexicons.default().find_outlet(outlet_label(r.name))
            keys: tuple[str, ...] = ("outlet:" + name_key(known.name if known else r.name),)
        else:
            keys = tuple(sorted(cfg.store.resolve(r.name)))
        groups.setdefault(keys or ("source:" + name_key(r.name),), []).append(r)
    out: list[dict[str, Any]] = []
    for members in groups.values():
        names: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for r in members:
            names[r.name] += r.claims
            kinds[r.kind] += r.claims
        name = min(names, key=lambda n: (-names[n], -len(n), n))
        kind = min(kinds, key=lambda k: (-kinds[k], k))
        out.append(
            {
                "name": outlet_label(name) if kind == "outlet" else name,
                "key": name,
                "kind": kind,
                "variants": sorted({r.name for r in members} - {name}),
                "claims": sum(r.claims for r in members),
                "articles": max(r.articles for r in members),
                "outlets": max(r.outlets for r in members),
                "reported": sum(r.reported for r in members),
                "hedged": sum(r.hedged for r in members),
                "denied": sum(r.denied for r in members),
                "_members": members,
            }
        )
    out.sort(key=lambda g: (-int(g["claims"]), str(g["name"])))
    return out


def _exact(cfg: WebConfig, group: dict[str, Any]) -> dict[str, Any]:
    """``group`` with its counts over the union of its variants' claims."""
    members: list[SourceRow] = group.pop("_members")
    if len(members) == 1:
        return group
    names = sorted({r.name for r in members})
    claims: dict[tuple[str, str], ClaimRow] = {}
    for n in names:
        for c in cfg.store.query(ClaimQuery(source=n, limit=100_000)):
            claims[(c.article_id, c.claim_id)] = c
    statuses = Counter(c.status for c in claims.values())
    return {
        **group,
        "claims": len(claims),
        "articles": len({c.article_id for c in claims.values()}),
        "outlets": len({c.outlet for c in claims.values() if c.outlet}),
        "reported": statuses["reported"],
        "hedged": statuses["hedged"],
        "denied": statuses["denied"],
    }


def cited_sources(
    cfg: WebConfig, limit: int, offset: int = 0, *, top: int = 500
) -> list[dict[str, Any]]:
    """The most cited sources, one row per entity (:func:`_merge`), from ``offset``.

    The ``top`` most cited source names are merged; past them the rows are the store's,
    one per name (pronouns still left out)."""
    merged = cfg.cache.get(
        cfg.store,
        _SourceGroups(top),
        lambda: _merge(cfg, cfg.store.query(SourceQuery(limit=top))),
    )
    chosen = [dict(g) for g in merged[offset : offset + limit]]
    if len(chosen) < limit and len(merged) >= top:
        skip = max(0, offset - len(merged))
        more = cfg.store.query(SourceQuery(limit=limit - len(chosen), offset=top + skip))
        chosen += _merge(cfg, more)

    def exact() -> list[dict[str, Any]]:
        rows = [_exact(cfg, g) for g in chosen]
        return sorted(rows, key=lambda g: (-int(g["claims"]), str(g["name"])))

    return cfg.cache.get(cfg.store, ("cited", top, limit, offset), exact)


# --------------------------------------------------------------------------- search

_PHRASE = re.compile(r'"([^"]*)"')
_WORDS = re.compile(r"\w+")


def safe_text_query(text: str | None, *, max_terms: int = 32) -> str | None:
    """What a user typed, as a full-text query that means only "these words": each word
    a quoted string, each "quoted phrase" a phrase, so that nothing typed is read as
    query syntax (AND, OR, NOT, NEAR, ``*``, ``-``, parentheses, ``column:``). None when
    no word is left; at most ``max_terms`` terms."""
    if not text:
        return None
    phrases = [" ".join(_WORDS.findall(p)) for p in _PHRASE.findall(text)]
    terms = [p for p in phrases if p] + _WORDS.findall(_PHRASE.sub(" ", text))
    quoted = ['"' + t.replace('"', "") + '"' for t in terms[:max_terms]]
    return " ".join(quoted) or None


# --------------------------------------------------------------------------- records


def cached(cfg: WebConfig, query: Query[R]) -> list[R]:
    """The rows of a corpus-wide query, computed once while the store does not change."""
    return cfg.cache.get(cfg.store, query, lambda: cfg.store.query(query))


def claim_rows_of(cfg: WebConfig, keys: Sequence[tuple[str, str]]) -> list[ClaimRow]:
    """The rows of the claims ``keys`` name, in that order (those stored)."""
    found = cfg.store.claim_rows(keys)
    return [found[k] for k in keys if k in found]


def claim_listing(
    cfg: WebConfig, query: ClaimQuery, cap: int
) -> tuple[list[ClaimRow], list[ClaimKey], bool]:
    """One page of a claims listing (``query.limit`` rows from ``query.offset``), and the
    keys, statuses and outlets of its first ``cap`` claims whatever their status (what its
    facets count; computed once while the store does not change), with whether there
    were more. The page is cut from those keys when they hold it (only its rows are read
    then), else queried."""
    every = replace(query, status=(), limit=cap, offset=0)
    keys = cached(cfg, ClaimKeys(every, cap=cap))
    capped = len(keys) > cap
    keys = keys[:cap]
    chosen = set(query.status)
    kept = [(a, c) for a, c, status, _ in keys if not chosen or status in chosen]
    end = query.offset + query.limit
    if not capped or end <= len(kept):
        return claim_rows_of(cfg, kept[query.offset : end]), keys, capped
    return cfg.store.query(query), keys, capped


def entity_record(
    cfg: WebConfig, name: str, *, events: int = 200, claims: int = 300, events_offset: int = 0
) -> dict[str, Any]:
    """An entity: its names, events (``events`` of them from ``events_offset``), and who
    cites whom about it."""
    found = cached(cfg, EntityQuery(name=name, limit=5))
    evs = cached(cfg, EventQuery(about=name, limit=events, offset=events_offset))
    rows = cached(cfg, ClaimQuery(about=name, limit=claims))
    if not found and not evs and not rows:
        raise ApiError(404, "not_found", f"no entity named {name!r}")
    cites = citations(rows)
    return {
        "name": found[0].entity if found else name,
        "entities": [r.to_dict() for r in found],
        "events": [r.to_dict() for r in evs],
        "citations": cites,
        "graph": citation_graph(cites),
        "claims": len(rows),
    }


#: The most claims of one source its totals are counted over.
MAX_CLAIMS = 10_000


def source_detail(
    cfg: WebConfig, name: str, *, limit: int = 300, offset: int = 0, counts: bool = True
) -> dict[str, Any]:
    """A cited source: what it said (``limit`` claims from ``offset``), how often it was
    confirmed or contradicted (over all its claims, at most :data:`MAX_CLAIMS`), and the
    kinds it is cited as: its :class:`SourceQuery` rows, or without ``counts`` only their
    name, kind and number of citations (:class:`SourceKinds`: no claim or article read)."""
    store = cfg.store
    if counts:
        kinds = [r.to_dict() for r in cached(cfg, SourceQuery(name=name, limit=5))]
    else:
        kinds = [
            {"name": n, "kind": kind, "claims": cited}
            for n, kind, cited in cached(cfg, SourceKinds(name))
        ]
    keys = cached(cfg, ClaimKeys(ClaimQuery(source=name), cap=MAX_CLAIMS))
    if len(keys) <= MAX_CLAIMS or offset + limit <= MAX_CLAIMS:
        # the page is a slice of the keys in listing order: only its rows are read
        rows = claim_rows_of(cfg, [(aid, cid) for aid, cid, _, _ in keys[offset : offset + limit]])
    else:
        rows = cached(cfg, ClaimQuery(source=name, limit=limit, offset=offset))
    view = cfg.links.get(store) if keys else None
    if not kinds and not keys:
        raise ApiError(404, "not_found", f"no cited source named {name!r}")
    record = source_record(kinds[0]["name"] if kinds else name, rows, view, keys[:MAX_CLAIMS])
    record["capped"] = len(keys) > MAX_CLAIMS
    record["kinds"] = kinds
    return record


def story_record(cfg: WebConfig, story_id: str) -> dict[str, Any]:
    """A story: its timeline and coverage matrix."""
    view = cfg.links.get(cfg.store)
    rows = view.story(story_id)
    if rows is None:
        raise ApiError(404, "not_found", f"no story with id {story_id!r}")
    st = rows[0]
    return story_detail(rows, view.copy_of(st.articles), cfg.store.analyses_for(st.articles))


def contradiction_rows(cfg: WebConfig, offset: int, count: int) -> list[dict[str, Any]]:
    """``count`` contradictions from ``offset``, each side with its claim and article."""
    chosen = cfg.links.get(cfg.store).contradictions()[offset : offset + count]
    ids = {k.claim_a[0] for k in chosen} | {k.claim_b[0] for k in chosen}
    analyses = cfg.store.analyses_for(ids)
    claims = {(a.article.id, c.id): (a, c) for a in analyses for c in a.claims}
    rows = []
    for k in chosen:
        item: dict[str, Any] = {"reason": k.reason, "cluster": k.cluster_a}
        for side, key in (("claim", k.claim_a), ("against", k.claim_b)):
            an, cl = claims.get((key[0], key[1]), (None, None))
            item[side] = {
                "article_id": key[0],
                "claim_id": key[1],
                "text": cl.text if cl else None,
                "status": cl.status if cl else None,
                "outlet": an.article.outlet if an else None,
                "published": an.article.published if an else None,
            }
        rows.append(item)
    return rows


def claim_permalink(cfg: WebConfig, article_id: str, claim_id: str, url: str) -> dict[str, Any]:
    """One claim on its own page: the claim, its article, and the corpus's answer on it
    as ClaimReview JSON-LD (:func:`~reportedly.export.claimreview.to_claimreview`, its ``url``
    this page's; None when the claim cannot be asked as a question)."""
    analysis = cfg.store.article(article_id)
    claim = next((c for c in analysis.claims if c.id == claim_id), None) if analysis else None
    if analysis is None or claim is None:
        raise ApiError(404, "not_found", f"no claim {claim_id!r} in article {article_id!r}")

    def review() -> dict[str, Any] | None:
        try:
            answer = answer_store(claim.text, cfg.store)
        except ReportedlyError:
            return None
        return to_claimreview(answer, url=url, published=analysis.article.published or None)

    return {
        "claim": claim_view(claim, analysis),
        "sentence": claim.text,
        "article": analysis.article,
        "review": cfg.cache.get(cfg.store, ("claimreview", article_id, claim_id, url), review),
    }


def counts(cfg: WebConfig) -> dict[str, int]:
    """How many articles, claims and events the corpus holds."""
    # each a count over a whole table: once per store state, like the other corpus totals
    return dict(
        cfg.cache.get(
            cfg.store,
            ("counts",),
            lambda: {t: cfg.store.count(t) for t in ("articles", "claims", "events")},
        )
    )


def ask_answer(cfg: WebConfig, question: str) -> Answer:
    return answer_store(question, cfg.store)
