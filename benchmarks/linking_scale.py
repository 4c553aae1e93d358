"""Time corpus linking (copies, stories, claim clusters) on N synthetic analyses.

The analyses are made by ``benchmarks/ask_latency.py`` (``synthesise``): every distinct article of
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

``--added 50 --base 0 3000`` measures what the issue's acceptance names instead: a child
process ingests the same ``--added`` new articles (real pipeline, then linking, as
``reportedly ingest`` does: the link rows brought up to date) into a store holding each
``--base`` number of synthetic articles (written straight to the store, their links
already computed), and the wall time, linking time (and that of each step of the link),
the stories rewritten and peak RSS (``VmHWM``) of each child are printed with their
ratios to the first base.

    .venv/bin/python benchmarks/linking_scale.py --cache /tmp/src.jsonl --added 50 --base 0 3000

``--units STORE --times 1 3 10`` times story clustering alone (:func:`stored_stories`, the
step of a link that grows with the corpus) on a store of the story units of ``STORE``
(e.g. the ``base10000.db`` that ``--added --base 10000 --work DIR`` keeps) replicated
``--times`` over, each replica dated later (``units_store``): 10k / 30k / 100k articles
of the same density per day, in seconds instead of the half hour analyses take at 100k.

    .venv/bin/python benchmarks/linking_scale.py --units DIR/base10000.db --times 1 3 10
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ask_latency import DEFAULT_DATA, synthesise
from ask_latency import _load_sources as load_analyses

from reportedly.corpus import cluster_stories, find_copies, link_claims
from reportedly.corpus.stories import STORY_THRESHOLD, _vectors, features, strong_pairs
from reportedly.records import Analysis, to_dict


def _load_sources(path: Path) -> list[dict[str, Any]]:
    """Analyses (as dicts) of the distinct article texts of a stories JSONL file."""
    return [to_dict(a) for a in load_analyses(path, None)]


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


def _vm_hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


#: The steps of a link that the child times (module, function name).
_STEPS = (
    ("link_rows", "update_copy_index"),
    ("link_rows", "stored_copies"),
    ("link_rows", "stored_stories"),
    ("link_rows", "claims_of_stories"),
    ("link_rows", "_write"),
)


def _timed_steps() -> dict[str, float]:
    """Wrap the steps of :func:`update_links` so each adds its seconds to the dict returned."""
    import functools
    import importlib

    spent: dict[str, float] = {}
    for module, name in _STEPS:
        mod = importlib.import_module(f"reportedly.corpus.{module}")
        fn = getattr(mod, name)

        def timed(*args: Any, _fn: Any = fn, _name: str = name, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                spent[_name] = round(spent.get(_name, 0.0) + time.perf_counter() - t, 2)

        setattr(mod, name, functools.wraps(fn)(timed))
    return spent


def added_child(jsonl: Path, db: Path) -> int:
    """Ingest ``jsonl`` into ``db`` and link, as ``reportedly ingest`` does (the link rows
    brought up to date, their counts read); one JSON line."""
    from reportedly.corpus.ingest import ingest
    from reportedly.corpus.link_rows import link_counts
    from reportedly.corpus.links import ensure_links
    from reportedly.corpus.store import Store

    steps = _timed_steps()
    t0, c0 = time.perf_counter(), time.process_time()
    with Store(db) as store:
        summary = ingest([jsonl], store)
        t1, c1 = time.perf_counter(), time.process_time()
        rewritten = ensure_links(store)
        counts = link_counts(store)
        t2, c2 = time.perf_counter(), time.process_time()
        total = store.count()
    numbers = {
        "articles": total,
        "ingested": summary.ingested,
        "stories": counts.stories,
        "stories_rewritten": rewritten,
        "seconds": round(t2 - t0, 2),
        "link_seconds": round(t2 - t1, 2),
        # CPU seconds of this process: on a loaded machine wall time says more of the load
        "cpu_seconds": round(c2 - c0, 2),
        "link_cpu_seconds": round(c2 - c1, 2),
        "link_steps": steps,
        "peak_rss_mb": round(_vm_hwm_mb(), 1),
    }
    print(json.dumps(numbers))
    return 0


def _base_store(work: Path, sources: list[dict[str, Any]], n: int, seed: int) -> Path:
    """A store of ``n`` synthetic analyses with its links computed (kept in ``work``)."""
    from reportedly.corpus.links import ensure_links
    from reportedly.corpus.store import Store

    db = work / f"base{n}.db"
    if not db.exists():
        with Store(db) as store:
            for start in range(0, n, 500):
                for a in synthesise(sources, min(500, n - start), seed + start):
                    store.add(a)
            ensure_links(store)
    return db


def run_added(
    sources: list[dict[str, Any]], bases: list[int], added: int, seed: int, work: Path
) -> list[dict[str, Any]]:
    """Add the same ``added`` new articles to a store of each base size, in a child each."""
    from corpus_scale import write_articles

    raw = [{**s["article"], "published": s["article"].get("published")} for s in sources]
    jsonl = write_articles(work / f"added{added}.jsonl", raw, added, seed + 99991)
    results = []
    for n in bases:
        base = _base_store(work, sources, n, seed)
        db = work / f"run{n}.db"
        shutil.copyfile(base, db)
        cmd = [sys.executable, __file__, "--added-child", str(jsonl), str(db)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            raise SystemExit(f"child failed ({proc.returncode})")
        numbers = json.loads(proc.stdout.strip().splitlines()[-1])
        numbers["base"] = n
        results.append(numbers)
    first = results[0]
    for r in results:
        r["time_ratio"] = round(r["seconds"] / first["seconds"], 2)
        r["rss_ratio"] = round(r["peak_rss_mb"] / first["peak_rss_mb"], 2)
        r["cpu_ratio"] = round(r.get("cpu_seconds", 0) / max(0.01, first.get("cpu_seconds", 0)), 2)
        r["link_ms_per_added"] = round(1000 * r["link_seconds"] / max(1, r["ingested"]), 1)
    return results


#: Days between the replicas of ``--units``: more than the span of the synthetic dates
#: (two years) plus the story window, so replicas share no story candidates.
REPLICA_DAYS = 800


def _unit_analysis(aid: str, unit: dict[str, Any]) -> str:
    """The smallest stored analysis of a units-store article: its own text (so no two
    are copies), date and title; no claims."""
    art = {"text": f"unit {aid}", "id": aid, "published": unit["p"], "title": unit["t"]}
    return json.dumps({"article": art}, ensure_ascii=False)


def _put_units(store: Any, rows: list[tuple[str, str, str]]) -> None:
    """Write ``(id, content hash, unit JSON)`` rows as articles with their story units,
    counted in the document frequencies as ingest counts them."""
    from reportedly.corpus.store.story_df import count_unit

    db = store.backend
    with db.transaction():
        for aid, digest, text in rows:
            unit = json.loads(text)
            db.execute(
                "INSERT INTO articles (id, content_hash, published, analysis) VALUES (?, ?, ?, ?)",
                [aid, digest, unit["p"], _unit_analysis(aid, unit)],
            )
            db.execute("INSERT INTO story_units (article_id, data) VALUES (?, ?)", [aid, text])
            count_unit(db, unit["f"])


def _base_units(base: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    con = sqlite3.connect(base)
    rows = con.execute(
        "SELECT a.id, a.content_hash, u.data FROM articles a"
        " JOIN story_units u ON u.article_id = a.id ORDER BY a.rowid"
    ).fetchall()
    con.close()
    return [(str(a), str(h), str(t)) for a, h, t in rows]


def _shifted(rows: list[tuple[str, str, str]], rep: int, tag: str) -> list[tuple[str, str, str]]:
    from datetime import date, timedelta

    shift = timedelta(days=REPLICA_DAYS * rep)
    out = []
    for aid, digest, text in rows:
        unit = json.loads(text)
        if unit["p"]:
            unit["p"] = (date.fromisoformat(unit["p"][:10]) + shift).isoformat()
        out.append((f"{aid}-{tag}", f"{digest}-{tag}", json.dumps(unit, ensure_ascii=False)))
    return out


def units_store(base: Path, out: Path | str, times: int) -> Path | str:
    """A store of only articles and story units (and the smallest analyses): those of
    ``base`` ``times`` over, each replica dated :data:`REPLICA_DAYS` later (a corpus of the
    same density over more days, as a newsroom's grows). Built in seconds, where analyses
    take half an hour at 100k. ``out`` a SQLite path or a PostgreSQL URL (an empty database)."""
    from reportedly.corpus.store import Store

    if isinstance(out, Path) and out.exists():
        return out
    rows = _base_units(base)
    with Store(out) as store:
        for rep in range(times):
            shifted = _shifted(rows, rep, str(rep))
            for i in range(0, len(shifted), 1000):
                _put_units(store, shifted[i : i + 1000])
    return out


def units_added_child(db: str, added: Path, full: bool) -> int:
    """Add the units of ``added`` (JSON rows) to the linked store ``db`` and link, the
    full path (``--full``) or the local one; one JSON line."""
    from reportedly.corpus.link_rows import link_counts, update_links
    from reportedly.corpus.store import Store

    rows = [tuple(r) for r in json.loads(added.read_text(encoding="utf-8"))]
    with Store(db) as store:
        _put_units(store, rows)  # type: ignore[arg-type]
        hwm = _vm_hwm_mb()
        t, cpu = time.perf_counter(), time.process_time()
        rewritten = update_links(store, force=full)
        numbers = {
            "articles": store.count(),
            "stories": link_counts(store).stories,
            "stories_rewritten": rewritten,
            "link_seconds": round(time.perf_counter() - t, 2),
            "link_cpu_seconds": round(time.process_time() - cpu, 2),
            "peak_rss_mb": round(_vm_hwm_mb(), 1),
            "rss_before_link_mb": round(hwm, 1),
        }
    print(json.dumps(numbers))
    return 0


def _members(db: str) -> dict[str, str]:
    from reportedly.corpus.store import Store

    with Store(db) as store:
        return {
            str(r["article_id"]): str(r["story_id"])
            for r in store.backend.rows("SELECT article_id, story_id FROM link_members")
        }


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"child failed ({done.returncode})")
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def _pg_copy(url: str, template: str, name: str) -> str:
    """A PostgreSQL database ``name`` made from ``template`` on the server of ``url``."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name}")
        if template:
            con.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        else:
            con.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def run_units_added(
    base: Path, work: Path, times: list[int], added: int, seed: int, pg: str | None
) -> list[dict[str, Any]]:
    """Add the same ``added`` articles (units of the latest articles of ``base``, dated
    into the last replica, so they join its latest stories) to an empty store and to a
    linked units store of each ``times``; link by the full path and by the local one,
    and compare their stories."""
    import random

    from reportedly.corpus.links import ensure_links
    from reportedly.corpus.store import Store
    from reportedly.evaluate.stories import bcubed

    rows = _base_units(base)
    # the next day's news: units of the latest week of the base, in random order
    dated = sorted((r for r in rows if json.loads(r[2])["p"]), key=lambda r: json.loads(r[2])["p"])
    picked = random.Random(seed).sample(dated[-3 * added :], added)
    results = []
    for k in [0, *times]:
        new = _shifted(picked, max(0, k - 1), "new")
        extra = work / f"added{added}-{k}.json"
        extra.write_text(json.dumps(new), encoding="utf-8")
        if pg:
            name = f"reportedly_s26_u{k}"
            base_db = _pg_copy(pg, "", name)
            units_store(base, base_db, k) if k else Store(base_db).close()
        else:
            path = work / f"units{k}x-linked.db"
            if not path.exists():
                units_store(base, path, k) if k else Store(path).close()
            base_db = str(path)
        with Store(base_db) as store:
            t = time.perf_counter()
            ensure_links(store)
            first = round(time.perf_counter() - t, 1)
        got: dict[str, Any] = {"base": k * len(rows), "first_link_seconds": first}
        members = {}
        for mode in ("full", "local"):
            if pg:
                db = _pg_copy(pg, f"reportedly_s26_u{k}", f"reportedly_s26_u{k}_{mode}")
            else:
                copy = work / f"run{k}x-{mode}.db"
                shutil.copyfile(base_db, copy)
                db = str(copy)
            got[mode] = _child("--units-added-child", db, str(extra), mode)
            members[mode] = _members(db)
        got["bcubed_local_vs_full"] = round(bcubed(members["local"], members["full"]).f1, 5)
        got["same_stories"] = members["local"] == members["full"]
        results.append(got)
        print(json.dumps(got), flush=True)
    first = results[0]
    for r in results:
        for mode in ("full", "local"):
            r[mode]["time_ratio"] = round(
                r[mode]["link_seconds"] / max(0.01, first[mode]["link_seconds"]), 2
            )
            r[mode]["rss_ratio"] = round(r[mode]["peak_rss_mb"] / first[mode]["peak_rss_mb"], 2)
    return results


def units_child(db: Path) -> int:
    """Cluster the stories of a units store (no copies); one JSON line."""
    from reportedly.corpus.store import Store
    from reportedly.corpus.story_index import stored_stories

    with Store(db) as store:
        t, cpu = time.perf_counter(), time.process_time()
        found = stored_stories(store, [])
        numbers = {
            "articles": store.count(),
            "stories": len(found),
            "seconds": round(time.perf_counter() - t, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2),
            "peak_rss_mb": round(_vm_hwm_mb(), 1),
        }
    print(json.dumps(numbers))
    return 0


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--added-child"]:
        return added_child(Path(sys.argv[2]), Path(sys.argv[3]))
    if argv is None and sys.argv[1:2] == ["--units-child"]:
        return units_child(Path(sys.argv[2]))
    if argv is None and sys.argv[1:2] == ["--units-added-child"]:
        return units_added_child(sys.argv[2], Path(sys.argv[3]), sys.argv[4] == "full")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of articles")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    ap.add_argument("--cache", type=Path, help="JSONL of analysed sources to reuse or write")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--added", type=int, help="new articles to add to each --base store")
    ap.add_argument("--base", type=int, nargs="+", default=[0, 3000], help="store sizes")
    ap.add_argument("--work", type=Path, help="keep the stores here (default: a temp dir)")
    ap.add_argument("--units", type=Path, help="time story clustering on this store's units...")
    ap.add_argument("--times", type=int, nargs="+", default=[1, 3, 10], help="...this many over")
    ap.add_argument("--pg", help="with --units --added: PostgreSQL server URL (databases made)")
    args = ap.parse_args(argv)
    if args.units and args.added:
        work = args.work or args.units.parent
        found = run_units_added(args.units, work, args.times, args.added, args.seed, args.pg)
        for r in found:
            f, loc = r["full"], r["local"]
            print(
                f"+{args.added} into {r['base']}: full path {f['link_seconds']} s, "
                f"{f['peak_rss_mb']} MB (x{f['time_ratio']} time, x{f['rss_ratio']} RSS of the "
                f"empty store); local {loc['link_seconds']} s, {loc['peak_rss_mb']} MB "
                f"(x{loc['time_ratio']}, x{loc['rss_ratio']}); {loc['stories_rewritten']} of "
                f"{loc['stories']} stories rewritten; same stories {r['same_stories']}, "
                f"B-cubed local vs full {r['bcubed_local_vs_full']}",
                flush=True,
            )
        return 0
    if args.units:
        work = args.work or args.units.parent
        for k in args.times:
            db = units_store(args.units, work / f"units{k}x.db", k)
            cmd = [sys.executable, __file__, "--units-child", str(db)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            print(f"x{k}: {done.stdout.strip()}", flush=True)
        return 0

    clusters = args.data / "stories" / "clusters.jsonl"
    if not clusters.exists() and not (args.cache and args.cache.exists()):
        print(f"{clusters} not found (set REPORTEDLY_SHARED_DATA)", file=sys.stderr)
        return 2
    sources = _sources(clusters, args.cache)
    if args.added:
        with tempfile.TemporaryDirectory() as tmp:
            work = args.work or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            found = run_added(sources, args.base, args.added, args.seed, work)
        if args.json:
            print(json.dumps(found, indent=2))
        for r in found:
            print(
                f"+{r['ingested']} into {r['base']}: {r['seconds']} s "
                f"(linking {r['link_seconds']} s, {r['link_ms_per_added']} ms per added article),"
                f" peak RSS {r['peak_rss_mb']} MB; x{r['time_ratio']} time, "
                f"x{r['rss_ratio']} RSS of the first; CPU {r.get('cpu_seconds')} s "
                f"(linking {r.get('link_cpu_seconds')} s), x{r['cpu_ratio']} of the first; "
                f"{r['stories_rewritten']} of "
                f"{r['stories']} stories rewritten; link steps {r['link_steps']}",
                flush=True,
            )
        return 0
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
