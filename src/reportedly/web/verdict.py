"""The verdict card of the ask page, from the grouped evidence of an :class:`Answer`.

Evidence is grouped by stance (for: the parts' supporting claims; against: their denials
and negated claims, then the nearby denials that only keep a part from "confirmed");
copies (the corpus copy links) fold under their original; each item keeps its full
sentence, its publication and event dates, and its source chain by levels, so parallel
sources show as "A + B" and a chain as "A → B". For "no evidence", the card offers the
nearest related claims and their stories.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..ask.answer import Answer, Evidence
from ..corpus.store import ClaimQuery, ClaimRow
from ..read.validate import english_function_words
from .cache import LinkView
from .deps import WebConfig
from .services import story_summaries

#: The most evidence items a group shows (the rest are counted).
MAX_ITEMS = 30
#: The claims sharing words with the question that are ranked for "nearest related".
MAX_RELATED = 300
_WORD = re.compile(r"[^\W\d_][\w'-]{2,}")


def _key(ev: Evidence) -> tuple[str, str]:
    return ev.article, ev.claim


def _unique(items: Iterable[Evidence], seen: set[tuple[str, str]]) -> list[Evidence]:
    out = []
    for ev in items:
        if _key(ev) not in seen:
            seen.add(_key(ev))
            out.append(ev)
    return out


def _stances(answer: Answer) -> dict[str, list[Evidence]]:
    """The answer's evidence by stance: for, against, nearby (denials of the same people
    and action that are not evidence). Evidence the parts do not group goes by polarity."""
    seen: set[tuple[str, str]] = set()
    supporting = _unique((e for p in answer.parts for e in p.supporting), seen)
    against = _unique((e for p in answer.parts for e in p.against), seen)
    rest = _unique(answer.evidence, seen)
    supporting += [e for e in rest if e.polarity != "negative"]
    against += [e for e in rest if e.polarity == "negative"]
    nearby = _unique((e for p in answer.parts for e in p.nearby_against), seen)
    return {"for": supporting, "against": against, "nearby": nearby}


def _sentence(ev: Evidence) -> dict[str, str]:
    """The full sentence cut around the claim's words (the template marks the claim)."""
    sentence = ev.sentence or ev.text
    at = sentence.find(ev.text) if ev.text else -1
    if at < 0:
        return {"before": sentence, "claim": "", "after": ""}
    return {
        "before": sentence[:at],
        "claim": ev.text,
        "after": sentence[at + len(ev.text) :],
    }


def _item(ev: Evidence, sources: dict[tuple[str, str], str]) -> dict[str, Any]:
    chain = sources.get(_key(ev)) or " > ".join([ev.outlet or ev.voice, *ev.chain])
    return {
        "article": ev.article,
        "claim": ev.claim,
        "outlet": ev.outlet,
        "title": ev.title,
        "published": ev.date,
        "event_date": ev.event_date,
        "status": ev.status,
        "polarity": ev.polarity,
        "sentence": _sentence(ev),
        "chain": chain,
        "copies": [],
    }


def fold_copies(items: Sequence[dict[str, Any]], copy_of: dict[str, str]) -> list[dict[str, Any]]:
    """``items`` with each copy (an article whose original, or the original of that, is
    also among them) moved under the ``copies`` of the original's item that makes the same
    claim (the same words, else the same claim id, else its first); a copy whose original
    is not there stays, marked."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for i in items:
        by_article.setdefault(i["article"], []).append(i)

    def text(item: dict[str, Any]) -> str:
        return str(item.get("sentence", {}).get("claim") or "").casefold()

    def host(item: dict[str, Any], original: str) -> dict[str, Any]:
        same = by_article[original]
        return next(
            (o for o in same if text(item) and text(o) == text(item)),
            next((o for o in same if o.get("claim") == item.get("claim")), same[0]),
        )

    out = []
    for item in items:
        root, seen = None, {item["article"]}
        original = copy_of.get(item["article"])
        while original is not None and original not in seen:  # a copy of a copy...
            seen.add(original)
            if original in by_article:
                root = original  # the earliest one shown
            original = copy_of.get(original)
        if root is not None:
            host(item, root)["copies"].append(item)
            continue
        item["copy_of"] = copy_of.get(item["article"])
        out.append(item)
    return out


def _group(cfg: WebConfig, evidence: Sequence[Evidence], copy_of: dict[str, str]) -> dict[str, Any]:
    chosen = list(evidence[:MAX_ITEMS])
    rows = cfg.store.claim_rows(_key(e) for e in chosen)
    sources = {k: r.sources for k, r in rows.items() if r.sources}
    items = fold_copies([_item(e, sources) for e in chosen], copy_of)
    return {"evidence": items, "count": len(evidence), "more": max(0, len(evidence) - len(chosen))}


def related_query(question: str, *, max_terms: int = 8) -> str | None:
    """A full-text query for claims sharing any content word of ``question`` (each word
    quoted: the user's text is never query syntax)."""
    stop = english_function_words()
    words = [w for w in _WORD.findall(question) if w.casefold() not in stop]
    terms = list(dict.fromkeys(w.replace('"', "") for w in words))[:max_terms]
    return " OR ".join(f'"{t}"' for t in terms) or None


def _related(cfg: WebConfig, question: str, view: LinkView | None) -> dict[str, Any]:
    text = related_query(question)
    if text is None:
        return {"claims": [], "stories": []}
    terms = [t.strip('"').casefold() for t in text.split(" OR ")]
    found = cfg.store.query(ClaimQuery(text=text, limit=MAX_RELATED))

    def shared(row: ClaimRow) -> int:
        low = row.text.casefold()
        return sum(1 for t in terms if t in low)

    rows = sorted(found, key=lambda r: -shared(r))[:8]  # stable: earliest first on ties
    stories = []
    if view is not None:
        story_of = view.story_of(r.article_id for r in rows)
        ids = list(dict.fromkeys(story_of[r.article_id] for r in rows if r.article_id in story_of))
        got = view.stories(ids[:5])
        stories = story_summaries(view, [got[s][0] for s in ids[:5] if s in got])
    return {"claims": rows, "stories": stories}


def _copy_links(view: LinkView | None, articles: set[str]) -> dict[str, str]:
    """The original of each of ``articles`` that is a copy, and of those originals in turn
    (what :func:`fold_copies` follows)."""
    out: dict[str, str] = {}
    todo = articles
    while view is not None and todo:
        found = view.copy_of(todo)
        out.update(found)
        todo = {o for o in found.values() if o not in out and o not in articles}
        articles = articles | todo
    return out


def verdict_card(cfg: WebConfig, answer: Answer) -> dict[str, Any]:
    """What the ask page's card shows beyond the answer itself."""
    stances = _stances(answer)
    view = cfg.links.get(cfg.store) if cfg.store.count("articles") else None
    copy_of = _copy_links(view, {e.article for evs in stances.values() for e in evs})
    groups = {name: _group(cfg, evs, copy_of) for name, evs in stances.items()}
    card: dict[str, Any] = {"groups": groups, "related": None}
    if not any(stances.values()):
        card["related"] = _related(cfg, answer.question, view)
    return card
