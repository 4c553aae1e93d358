"""Time corpus linking (copies, stories, claim clusters) on N synthetic analyses.

The analyses are made as in ``benchmarks/ask_latency.py`` (same idea, a smaller generator of
our own so the two scripts can change apart): every distinct article of
``../shared/data/stories/clusters.jsonl`` (read at run time, never copied into the repo) is
analysed once with ``reportedly.Pipeline()``; each synthetic article joins 2-4 runs of
consecutive paragraphs of random source articles, and its Analysis copies the claims,
events and entity mentions inside those runs with their offsets moved. They all come from
50 stories and share entities heavily: a worst case for candidate generation.

For each N it times ``find_copies``, ``cluster_stories`` and ``link_claims`` and prints
seconds, peak memory of each step (``tracemalloc``, a second untimed pass unless
``--no-memory``; C buffers of scipy are not traced, so the process's peak RSS is printed
too), the number of candidate article pairs (pairs sharing a feature, whose
cosine the sparse products estimate) and of pairs at or above the story threshold.

    .venv/bin/python benchmarks/linking_scale.py                    # N = 1000
    .venv/bin/python benchmarks/linking_scale.py --n 1000 3000 10000
    .venv/bin/python benchmarks/linking_scale.py --cache sources.jsonl   # keep the analysed sources
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportedly import Pipeline
from reportedly.corpus import cluster_stories, find_copies, link_claims
from reportedly.corpus.stories import STORY_THRESHOLD, _vectors, features, strong_pairs
from reportedly.records import Analysis, Article, from_dict, to_dict

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("REPORTEDLY_SHARED_DATA", ROOT.parent / "shared" / "data"))
OUTLETS = [f"Outlet {k}" for k in range(40)]
OFFSETS = frozenset({"start", "end", "sentence_start", "sentence_end"})


def _load_sources(path: Path) -> list[dict[str, Any]]:
    """Analyses (as dicts) of the distinct article texts of a stories JSONL file."""
    pipeline = Pipeline()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for art in json.loads(line)["articles"]:
                if art["text"] in seen:
                    continue
                seen.add(art["text"])
                article = Article(
                    text=art["text"],
                    title=art.get("title"),
                    outlet=art.get("outlet"),
                    published=art.get("date"),
                )
                out.append(to_dict(pipeline(article)))
    return out


def _shift(item: dict[str, Any], delta: int, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in item.items():
        if k in OFFSETS and isinstance(v, int):
            out[k] = v + delta
        elif k in ("id", "claim", "entity") and isinstance(v, str):
            out[k] = prefix + v
        elif isinstance(v, dict):
            out[k] = _shift(v, delta, prefix)
        elif isinstance(v, list):
            out[k] = [_shift(x, delta, prefix) if isinstance(x, dict) else x for x in v]
        else:
            out[k] = v
    return out


def synthesise(sources: list[dict[str, Any]], n: int, seed: int) -> list[Analysis]:
    """``n`` articles, each 2-4 runs of paragraphs of random sources, with their analyses."""
    rng = random.Random(seed)
    out: list[Analysis] = []
    for i in range(n):
        parts: list[str] = []
        claims: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        entities: list[dict[str, Any]] = []
        picks = [rng.choice(sources) for _ in range(rng.randint(2, 4))]
        pos = 0
        for k, src in enumerate(picks):
            text = src["article"]["text"]
            paras, start = [], 0
            for para in text.split("\n"):
                if para.strip():
                    paras.append((start, start + len(para)))
                start += len(para) + 1
            if not paras:
                paras = [(0, len(text))]
            m = rng.randint(1, min(4, len(paras)))
            first = rng.randrange(0, len(paras) - m + 1)
            lo, hi = paras[first][0], paras[first + m - 1][1]
            delta, prefix = pos - lo, f"k{k}-"
            kept = {
                c["id"]
                for c in src["claims"]
                if lo <= c["sentence_start"] and c["sentence_end"] <= hi
            }
            claims += [_shift(c, delta, prefix) for c in src["claims"] if c["id"] in kept]
            events += [_shift(e, delta, prefix) for e in src["events"] if e["claim"] in kept]
            for ent in src["entities"]:
                mentions = [x for x in ent["mentions"] if lo <= x["start"] and x["end"] <= hi]
                if mentions:
                    entities.append(_shift({**ent, "mentions": mentions}, delta, prefix))
            parts.append(text[lo:hi])
            pos += hi - lo + 2
        base = picks[0]["article"]
        day = date.fromisoformat((base.get("published") or "2018-04-20")[:10])
        article = {
            "id": f"syn{i}",
            "text": "\n\n".join(parts),
            "title": f"{base.get('title') or 'News'} ({i})",
            "outlet": rng.choice(OUTLETS),
            "published": (day + timedelta(days=rng.randint(-365, 365))).isoformat(),
        }
        record = {"article": article, "entities": entities, "claims": claims, "events": events}
        out.append(from_dict(Analysis, record))
    return out


def _sources(clusters: Path, cache: Path | None) -> list[dict[str, Any]]:
    if cache is not None and cache.exists():
        with cache.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    sources = _load_sources(clusters)
    if cache is not None:
        with cache.open("w", encoding="utf-8") as fh:
            for s in sources:
                fh.write(json.dumps(s) + "\n")
    return sources


def _measure(fn: Callable[[], Any], memory: bool) -> tuple[Any, float, float]:
    """Result, seconds, and peak MB of a second pass under tracemalloc (0 when off)."""
    t = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t
    peak = 0.0
    if memory:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return result, seconds, peak


def run(analyses: list[Analysis], memory: bool) -> dict[str, Any]:
    copies, t_copies, m_copies = _measure(lambda: find_copies(analyses), memory)
    stories, t_stories, m_stories = _measure(lambda: cluster_stories(analyses, copies), memory)
    (clusters, contradictions), t_claims, m_claims = _measure(
        lambda: link_claims(analyses, stories, copies), memory
    )
    copy_ids = {c.article for c in copies}
    units = [a for a in analyses if a.article.id not in copy_ids]
    vecs = _vectors([features(a) for a in units])
    strong, candidates = strong_pairs(vecs, [a.article.published for a in units], STORY_THRESHOLD)
    return {
        "articles": len(analyses),
        "claims": sum(len(a.claims) for a in analyses),
        "copy_links": len(copies),
        "stories": len(stories),
        "claim_clusters": len(clusters),
        "contradictions": len(contradictions),
        "candidate_pairs": candidates,
        "strong_pairs": len(strong),
        "largest_story": max((len(s.articles) for s in stories), default=0),
        "seconds": {
            "find_copies": round(t_copies, 2),
            "cluster_stories": round(t_stories, 2),
            "link_claims": round(t_claims, 2),
            "total": round(t_copies + t_stories + t_claims, 2),
        },
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_mb": {
            "find_copies": round(m_copies, 1),
            "cluster_stories": round(m_stories, 1),
            "link_claims": round(m_claims, 1),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of articles")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    ap.add_argument("--cache", type=Path, help="JSONL of analysed sources to reuse or write")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)

    clusters = args.data / "stories" / "clusters.jsonl"
    if not clusters.exists() and not (args.cache and args.cache.exists()):
        print(f"{clusters} not found (set REPORTEDLY_SHARED_DATA)", file=sys.stderr)
        return 2
    sources = _sources(clusters, args.cache)
    results = []
    for n in args.n:
        analyses = synthesise(sources, n, args.seed)
        numbers = run(analyses, not args.no_memory)
        results.append(numbers)
        if not args.json:
            s, m = numbers["seconds"], numbers["peak_mb"]
            print(
                f"N={n}: copies {s['find_copies']} s ({m['find_copies']} MB), "
                f"stories {s['cluster_stories']} s ({m['cluster_stories']} MB), "
                f"claims {s['link_claims']} s ({m['link_claims']} MB); total {s['total']} s "
                f"(process max RSS so far {numbers['process_max_rss_mb']} MB); "
                f"{numbers['candidate_pairs']} candidate pairs, {numbers['strong_pairs']} at or "
                f"above the threshold, {numbers['stories']} stories "
                f"(largest {numbers['largest_story']}), "
                f"{numbers['claim_clusters']} claim clusters",
                flush=True,
            )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
