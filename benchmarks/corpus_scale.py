"""Ingest at scale: memory at 1k vs 10k articles, the speed-up of Dask workers, query latency.

The articles are new ones that recombine real paragraphs of the stories in
``../shared/data/stories/clusters.jsonl`` (read at run time, never copied into the repo), made
by ``ask_latency.recombine``: each joins 2-4 runs of consecutive paragraphs of random source
articles, with a varied title, outlet and date, so no two repeat one text. They are written to
a JSONL file of raw articles (title, text, outlet, published, url) and ingested for real with
``reportedly.corpus.ingest.ingest`` and the full pipeline, each run in a fresh child process:

1. memory: peak RSS (``VmHWM``) of a child ingesting the first 1,000 vs the first 10,000
   articles with one process (target: within 20 %), with its RSS sampled along the way;
2. speed: wall time of a child ingesting the same ``--speed-articles`` with one process vs
   ``--workers 2`` (a Dask LocalCluster; cluster start and model loads included; target
   >= 1.7x), and a check that both stores hold the same articles and claims;
3. queries: p50 / p95 of ``Store.claims(about=NAME)`` over ~20 entity names and of
   ``Store.claims(text=QUERY)`` (FTS5) over ~20 queries on the 10k store (target < 100 ms),
   each kind in a child process stopped after ``--query-timeout`` seconds.
   The store is ``--db`` when it exists, else the 10k store of part 1, else (when part 1
   is skipped) one of synthesised analyses built like ask_latency.py does (said in the output).

    .venv/bin/python benchmarks/corpus_scale.py                        # all three, ~15-30 min
    .venv/bin/python benchmarks/corpus_scale.py --skip memory --speed-articles 200
    .venv/bin/python benchmarks/corpus_scale.py --only query --db corpus10k.db
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_latency import DEFAULT_DATA, _percentile, build, recombine

from reportedly.corpus.store import ClaimQuery, Store, redact

PARTS = ("memory", "speed", "query")
STOP = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "also",
        "among",
        "another",
        "because",
        "been",
        "before",
        "being",
        "between",
        "could",
        "during",
        "every",
        "first",
        "from",
        "have",
        "into",
        "just",
        "like",
        "more",
        "most",
        "much",
        "only",
        "other",
        "over",
        "said",
        "says",
        "should",
        "since",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "year",
        "years",
    ]
)


# ---------------------------------------------------------------------- articles


def source_articles(clusters: Path) -> list[dict[str, Any]]:
    """The distinct full-text articles of the shared stories, as raw article dicts."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    with clusters.open(encoding="utf-8") as fh:
        for line in fh:
            for art in json.loads(line)["articles"]:
                if art["text"] in seen:
                    continue
                seen.add(art["text"])
                out.append(
                    {
                        "text": art["text"],
                        "title": art.get("title"),
                        "outlet": art.get("outlet"),
                        "published": art.get("date"),
                    }
                )
    return out


def write_articles(path: Path, sources: list[dict[str, Any]], n: int, seed: int) -> Path:
    """The first ``n`` articles of the stream for ``seed`` (the first 1,000 of 10,000 are
    the 1,000 of a 1,000 run), one JSON object a line."""
    with path.open("w", encoding="utf-8") as fh:
        for article, _ in recombine(sources, n, seed):
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------------- the child process


def _vm(key: str) -> float:
    """VmHWM / VmRSS of this process in MB (ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child(jsonl: Path, db: Path, workers: int, every: int) -> int:
    """Ingest ``jsonl`` into ``db``; print one JSON line of numbers."""
    from reportedly.corpus.ingest import IngestSummary, ingest

    samples: list[tuple[int, float]] = []

    def tick(summary: IngestSummary, item: str) -> None:
        if summary.read % every == 0 and (not samples or samples[-1][0] != summary.read):
            samples.append((summary.read, round(_vm("VmRSS"), 1)))

    t0 = time.perf_counter()
    with Store(db) as store:
        summary = ingest([jsonl], store, workers=workers, progress=tick)
        counts = {t: store.count(t) for t in ("articles", "claims", "mentions", "events")}
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "workers": workers,
                "seconds": round(seconds, 2),
                "read": summary.read,
                "ingested": summary.ingested,
                "already": summary.already,
                "skipped": summary.skipped,
                "counts": counts,
                "peak_rss_mb": round(_vm("VmHWM"), 1),
                "cpu_s": round(_cpu(), 2),  # of this process only
                "workers_cpu_s": round(_cpu(resource.RUSAGE_CHILDREN), 2),  # Dask's processes
                "rss_samples": samples,
            }
        )
    )
    return 0


def run_child(jsonl: Path, db: Path, workers: int, every: int = 1000) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(jsonl), str(db), str(workers), str(every)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(cmd)}")
    numbers: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    numbers["wall_s"] = round(wall, 2)
    return numbers


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- parts


def part_memory(
    work: Path, sources: list[dict[str, Any]], sizes: list[int], seed: int
) -> dict[str, Any]:
    jsonl = write_articles(work / f"articles-{max(sizes)}.jsonl", sources, max(sizes), seed)
    runs: dict[str, Any] = {}
    for n in sizes:
        part = work / f"articles-{n}.jsonl"
        if not part.exists():
            with jsonl.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
                for _, line in zip(range(n), src, strict=False):
                    dst.write(line)
        log(f"memory: ingesting {n} articles in one process ({load()})")
        runs[str(n)] = run_child(part, work / f"memory-{n}.db", 1, every=max(100, n // 10))
        runs[str(n)]["load"] = load()
        log(f"memory: {n} articles: {json.dumps(runs[str(n)])}")
    peaks = [runs[str(n)]["peak_rss_mb"] for n in sizes]
    return {"runs": runs, "ratio": round(max(peaks) / min(peaks), 3)}


def part_speed(work: Path, sources: list[dict[str, Any]], n: int, seed: int) -> dict[str, Any]:
    jsonl = write_articles(work / f"speed-{n}.jsonl", sources, n, seed + 1)
    runs: dict[str, Any] = {}
    for workers in (1, 2):
        db = work / f"speed-{workers}.db"
        for p in work.glob(db.name + "*"):
            p.unlink()
        log(f"speed: {n} articles, {workers} worker(s) ({load()})")
        runs[str(workers)] = run_child(jsonl, db, workers, every=max(50, n // 4))
        runs[str(workers)]["load"] = load()
        log(f"speed: {json.dumps(runs[str(workers)])}")
    one, two = runs["1"], runs["2"]
    return {
        "articles": n,
        "runs": runs,
        "speedup_wall": round(one["wall_s"] / two["wall_s"], 3),
        "speedup_ingest": round(one["seconds"] / two["seconds"], 3),
        "same_counts": one["counts"] == two["counts"],
        # CPU seconds of the whole parallel run (main process and Dask's) / of the serial run:
        # the work parallelism adds; the speed-up on 2 free cores is at most 2 / this
        "cpu_ratio": round((two["cpu_s"] + two["workers_cpu_s"]) / one["cpu_s"], 3),
    }


def _names_and_queries(store: Store, k: int) -> tuple[list[str], list[str]]:
    names: collections.Counter[str] = collections.Counter()
    words: collections.Counter[str] = collections.Counter()
    for i, analysis in enumerate(store.analyses()):
        if i >= 300:
            break
        for ent in analysis.entities:
            if ent.type in ("PERSON", "ORG", "GPE", "NORP") and len(ent.canonical) > 3:
                names[ent.canonical] += len(ent.mentions)
        for claim in analysis.claims:
            words.update(
                w.lower() for w in re.findall(r"[A-Za-z]{5,}", claim.text) if w.lower() not in STOP
            )
    top_names = [n for n, _ in names.most_common(k)]
    top = [w for w, _ in words.most_common(3 * k)]
    # single common words, then pairs (both terms), then a phrase and a prefix query
    queries = top[: k // 2] + [f"{a} {b}" for a, b in zip(top[k:], top[k + 1 :], strict=False)]
    queries = [*queries[: k - 2], f'"{top[0]} {top[1]}"', f"{top[2][:4]}*"]
    return top_names, queries


def query_child(db: str, key: str, values: list[str], repeat: int, slow_ms: float) -> int:
    """Time ``store.query(ClaimQuery(**{key: value}))`` for each value; one JSON line a call.

    A warm-up pass first (page cache), then ``repeat`` timed passes, or a single timed
    pass when a warm-up call took more than ``slow_ms``."""
    with Store(db) as store:
        warm = []
        for value in values:
            t = time.perf_counter()
            store.query(ClaimQuery(**{key: value}))
            warm.append((time.perf_counter() - t) * 1000)
            print(json.dumps({"warm_ms": round(warm[-1], 2)}), flush=True)
        passes = repeat if max(warm) <= slow_ms else 1
        for _ in range(passes):
            for value in values:
                t, c = time.perf_counter(), time.process_time()
                rows = store.query(ClaimQuery(**{key: value}))
                ms = (time.perf_counter() - t) * 1000
                cpu = (time.process_time() - c) * 1000
                line = {"value": value, "ms": round(ms, 3), "cpu_ms": round(cpu, 3)}
                print(json.dumps(line | {"hits": len(rows)}), flush=True)
    return 0


def _time(db: str, key: str, values: list[str], repeat: int, timeout: float) -> dict[str, Any]:
    """Run ``query_child`` in a child process for at most ``timeout`` seconds (a query
    that takes minutes must not hang the benchmark); numbers over the calls that finished."""
    cmd = [sys.executable, __file__, "--child-query", db, key, json.dumps(values)]
    cmd += [str(repeat), "2000"]
    lines: list[str] = []
    timed_out = False
    with tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr, text=True)
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
        reader.start()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.kill()
            proc.wait()
        reader.join(5)
        stderr.seek(0)
        errors = stderr.read().strip().splitlines()
    failed = errors if errors and not timed_out and proc.returncode != 0 else None
    rows = [json.loads(line) for line in lines if line.strip()]
    warm = [r["warm_ms"] for r in rows if "warm_ms" in r]
    timed = [r for r in rows if "ms" in r]
    times = [r["ms"] for r in timed] or warm  # the warm-up calls when no timed pass finished
    out: dict[str, Any] = {
        "calls": len(values),
        "timed": len(timed),
        "warm_done": len(warm),
        "timed_out_s": timeout if timed_out else None,
        "failed": failed[-1] if failed else None,  # the child's last line of error
        "examples": values[:5],
    }
    cpus = [r["cpu_ms"] for r in timed]
    if times:
        out |= {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            "max_ms": round(max(times), 2),
            "cpu_p50_ms": round(statistics.median(cpus), 2) if cpus else None,
            "cpu_p95_ms": round(_percentile(cpus, 0.95), 2) if cpus else None,
            "slowest": max(timed, key=lambda r: r["ms"])["value"] if timed else None,
            "mean_hits": round(statistics.fmean(r["hits"] for r in timed), 1) if timed else None,
        }
    return out


def _size_mb(store: Store) -> float:
    if store.path is None:
        return float(store.backend.values("SELECT pg_database_size(current_database())")[0]) / 1e6
    return sum(p.stat().st_size for p in store.path.parent.glob(store.path.name + "*")) / 1e6


def part_query(db: str, how: str, k: int, repeat: int, timeout: float) -> dict[str, Any]:
    log(f"query: {redact(db)} ({how}, {load()})")
    with Store(db) as store:
        names, queries = _names_and_queries(store, k)
        out: dict[str, Any] = {
            "store": how,
            "articles": store.count(),
            "claims": store.count("claims"),
            "db_mb": round(_size_mb(store), 1),
        }
    out["about"] = _time(db, "about", names, repeat, timeout)
    log(f"query: about {json.dumps(out['about'])}")
    out["text"] = _time(db, "text", queries, repeat, timeout)
    log(f"query: text {json.dumps(out['text'])}")
    out["load"] = load()
    return out


# ---------------------------------------------------------------------- main


def summary_table(results: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str]] = []
    if "memory" in results:
        m = results["memory"]
        peaks = ", ".join(f"{n}: {r['peak_rss_mb']} MB" for n, r in m["runs"].items())
        rows.append(("peak RSS, 1 process", peaks, f"ratio {m['ratio']} (target <= 1.2)"))
        for n, r in m["runs"].items():
            rows.append((f"  ingest {n}", f"{r['seconds']} s, {r['counts']['claims']} claims", ""))
    if "speed" in results:
        s = results["speed"]
        one, two = s["runs"]["1"], s["runs"]["2"]
        rows.append(
            (
                f"ingest {s['articles']} articles",
                f"1 worker {one['wall_s']} s, 2 workers {two['wall_s']} s",
                f"speed-up {s['speedup_wall']}x (target >= 1.7)",
            )
        )
        rows.append(("  same store content", str(s["same_counts"]), two["load"]))
        rows.append(
            (
                "  CPU, all processes",
                f"1 worker {one['cpu_s']} s, 2 workers {two['cpu_s'] + two['workers_cpu_s']:.1f} s",
                f"ratio {s['cpu_ratio']} (speed-up <= 2 / ratio)",
            )
        )
    if "query" in results:
        q = results["query"]
        rows.append(("query store", f"{q['articles']} articles, {q['claims']} claims", q["store"]))
        for key, label in (("about", "claims --about"), ("text", "claims full-text")):
            t = q[key]
            done = f"{t['timed']} timed calls" if t["timed"] else f"{t['warm_done']} untimed"
            if t["timed_out_s"]:
                done += f", stopped after {t['timed_out_s']:.0f} s"
            if t["failed"]:
                done += f", failed: {t['failed']}"
            figures = (
                f"p50 {t['p50_ms']} ms, p95 {t['p95_ms']} ms, max {t['max_ms']} ms"
                f" (CPU p50 {t['cpu_p50_ms']} ms, p95 {t['cpu_p95_ms']} ms)"
                if "p50_ms" in t
                else "no call finished"
            )
            rows.append((f"{label} ({t['calls']} queries)", figures, f"{done}; target < 100 ms"))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child-query"]:
        db, key, values, repeat, slow = argv[1:6]
        return query_child(db, key, json.loads(values), int(repeat), float(slow))
    if argv[:1] == ["--child"]:
        jsonl, db, workers, every = argv[1:5]
        return child(Path(jsonl), Path(db), int(workers), int(every))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    ap.add_argument("--only", help=f"comma-separated parts to run ({', '.join(PARTS)})")
    ap.add_argument("--skip", help="comma-separated parts to skip")
    ap.add_argument("--memory-articles", default="1000,10000", help="sizes to compare")
    ap.add_argument("--speed-articles", type=int, default=300)
    ap.add_argument("--query-articles", type=int, default=10000, help="size of a built store")
    ap.add_argument(
        "--db", help="store for the queries (reused when it exists; a PostgreSQL URL: as it is)"
    )
    ap.add_argument("--work", type=Path, help="keep the articles and stores here")
    ap.add_argument("--names", type=int, default=20, help="names and FTS queries to time")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes over the queries")
    ap.add_argument(
        "--query-timeout", type=float, default=300, help="seconds for each kind of query"
    )
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)

    parts = set(args.only.split(",")) if args.only else set(PARTS)
    parts -= set(args.skip.split(",")) if args.skip else set()
    clusters = args.data / "stories" / "clusters.jsonl"
    reused = bool(args.db) and ("://" in args.db or Path(args.db).exists())
    needs_data = bool(parts & {"memory", "speed"}) or not reused
    if needs_data and not clusters.exists():
        print(f"{clusters} not found (set REPORTEDLY_SHARED_DATA)", file=sys.stderr)
        return 2
    sources = source_articles(clusters) if clusters.exists() else []
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory()
        work = Path(tmp.name)
    else:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {"machine": load()}
    if "memory" in parts:
        sizes = [int(x) for x in args.memory_articles.split(",")]
        results["memory"] = part_memory(work, sources, sizes, args.seed)
    if "speed" in parts:
        results["speed"] = part_speed(work, sources, args.speed_articles, args.seed)
    if "query" in parts:
        if reused:
            how, db = "reused --db", str(args.db)
        elif "memory" in parts and max(sizes) >= args.query_articles:
            how = f"real ingest of {max(sizes)} articles (part 1)"
            db = str(work / f"memory-{max(sizes)}.db")
        else:
            db = args.db or str(work / "query.db")
            how = "synthesised analyses (ask_latency.build), not a real ingest"
            log(f"query: building {args.query_articles} synthesised analyses into {db}")
            build(Path(db), args.query_articles, clusters, args.seed, None)
        results["query"] = part_query(db, how, args.names, args.repeat, args.query_timeout)
    results["machine_after"] = load()

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"machine: {results['machine']} before, {results['machine_after']} after")
        print(summary_table(results))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
