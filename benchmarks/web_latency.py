"""Server time of the web app (``reportedly serve``) on a given store, in process.

Times requests through FastAPI's TestClient (the whole app: middleware, routes, store
queries, template rendering; no network) and prints p50 / p95 / max per route in ms:

- ``/ask?q=...`` (the page) and ``/api/ask`` with the questions of
  ``tests/ask/clusters_questions.yaml``;
- the pages ``/``, ``/articles``, ``/articles/{id}``, ``/stories/{id}``,
  ``/entities/{name}``, ``/sources/{name}``, ``/claims?about=...``, ``/outlets``,
  ``/outlets/{name}``, ``/events`` and ``/events?actor=...``, sampled over the store.

Beside the times, the largest response of each route in KB as sent (gzip-compressed when
the server compresses it; TestClient asks with ``Accept-Encoding: gzip``), the p95 of the
CPU time the process spent per request (on SQLite nearly all of a request's work, and far
steadier than wall time on a loaded machine; a PostgreSQL server's own time is not in it),
and the load averages before and after timing.

The corpus links (stories) are computed or loaded once before timing (the first story
request); that one-off time is printed apart. Build a store first, e.g. with
``benchmarks/ask_latency.py --articles 10000 --db ask10k.db``:

    .venv/bin/python benchmarks/web_latency.py --db ask10k.db
    .venv/bin/python benchmarks/web_latency.py --db ask1k.db --samples 50 --json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

import reportedly.ask.answer  # noqa: F401 - imported up front, not inside the first request
from reportedly.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient prefers httpx2
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "ask" / "clusters_questions.yaml"
HTML = {"accept": "text/html"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def timed(client: TestClient, url: str) -> tuple[float, float, int, int]:
    """The server time in ms, the CPU time of this process in ms (the app's threads and
    SQLite; not a PostgreSQL server's), the status and the size on the wire in bytes
    (gzip-compressed when the server compressed it, as a browser asking with
    ``Accept-Encoding: gzip`` gets)."""
    start, cpu = time.perf_counter(), time.process_time()
    resp = client.get(url, headers=HTML)
    ms = (time.perf_counter() - start) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    if resp.headers.get("content-encoding") == "gzip" and "content-length" in resp.headers:
        size = int(resp.headers["content-length"])
    else:
        size = len(resp.content)
    return ms, cpu_ms, resp.status_code, size


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (empty where the system has none)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", required=True, help="the store (SQLite file or PostgreSQL URL)")
    ap.add_argument("--questions", type=int, default=30, help="questions to ask")
    ap.add_argument("--samples", type=int, default=30, help="requests per page route")
    ap.add_argument("--repeat", type=int, default=1, help="times to ask each question")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    logging.getLogger("reportedly.web.errors").setLevel(logging.CRITICAL)  # counted as 500s
    rng = random.Random(args.seed)

    spec = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    questions = [str(q["question"]) for q in spec["questions"]][: args.questions]

    client = TestClient(create_app(args.db), raise_server_exceptions=False)
    with client:
        counts = client.get("/api").json()["counts"]
        n_articles = int(counts["articles"])

        start = time.perf_counter()
        got = client.get("/api/stories", params={"limit": 500}).json()
        links_ms = (time.perf_counter() - start) * 1000
        stories = list(got["items"])
        while got["next"]:
            got = client.get(got["next"]).json()
            stories += got["items"]
        print(f"links: {links_ms:.0f} ms", file=sys.stderr, flush=True)

        article_ids: list[str] = []
        outlets: list[str] = []
        for _ in range(args.samples):
            off = rng.randrange(max(1, n_articles - 1))
            items = client.get("/api/articles", params={"limit": 1, "offset": off}).json()
            article_ids += [a["id"] for a in items["items"]]
            outlets += [a["outlet"] for a in items["items"] if a.get("outlet")]
        multi = [s["id"] for s in stories if s["articles"] >= 2] or [s["id"] for s in stories]
        entities = [e["entity"] for e in client.get("/api/entities?limit=60").json()["items"]]
        sources = [s["name"] for s in client.get("/api/sources?limit=60").json()["items"]]

        def sample(values: list[str]) -> list[str]:
            return [rng.choice(values) for _ in range(args.samples)] if values else []

        routes: dict[str, list[str]] = {
            "/ask (page)": [f"/ask?q={quote(q)}" for q in questions] * args.repeat,
            "/api/ask": [f"/api/ask?q={quote(q)}" for q in questions] * args.repeat,
            "/": ["/"] * args.samples,
            "/articles": [
                f"/articles?offset={rng.randrange(0, max(1, n_articles - 50))}"
                for _ in range(args.samples)
            ],
            "/articles/{id}": [f"/articles/{quote(a, safe='')}" for a in article_ids],
            "/stories": [f"/stories?offset={rng.randrange(0, max(1, len(stories)))}"]
            * args.samples,
            "/stories/{id}": [f"/stories/{quote(s, safe='')}" for s in sample(multi)],
            "/entities/{name}": [f"/entities/{quote(e, safe='')}" for e in sample(entities)],
            "/sources/{name}": [f"/sources/{quote(s, safe='')}" for s in sample(sources)],
            "/claims?about=": [f"/claims?about={quote(e)}" for e in sample(entities)],
            "/outlets": ["/outlets"] * args.samples,
            "/outlets/{name}": [f"/outlets/{quote(o, safe='')}" for o in sample(outlets)],
            "/events": ["/events"] * args.samples,
            "/events?actor=": [f"/events?actor={quote(e)}" for e in sample(entities)],
        }
        # one warm-up request per route (templates compiled, caches filled)
        for urls in routes.values():
            if urls:
                timed(client, urls[0])
        results: dict[str, dict[str, Any]] = {}
        load_before = load_average()
        for name, urls in routes.items():
            print(f"timing {name} ({len(urls)} requests)", file=sys.stderr, flush=True)
            times: list[float] = []
            cpu: list[float] = []
            sizes: list[int] = []
            statuses: dict[int, int] = {}
            for url in urls:
                ms, cpu_ms, status, size = timed(client, url)
                times.append(ms)
                cpu.append(cpu_ms)
                sizes.append(size)
                statuses[status] = statuses.get(status, 0) + 1
            results[name] = {
                "n": len(times),
                "p50_ms": round(statistics.median(times), 1) if times else None,
                "p95_ms": round(percentile(times, 0.95), 1),
                "max_ms": round(max(times), 1) if times else None,
                "max_kb": round(max(sizes) / 1024, 1) if sizes else None,
                "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
                "statuses": statuses,
            }
        load_after = load_average()

    report = {
        "store": {"articles": n_articles, "claims": counts["claims"], "events": counts["events"]},
        "stories": len(stories),
        "links_first_ms": round(links_ms, 1),
        "load_average": {"before": load_before, "after": load_after},
        "routes": results,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"store: {n_articles} articles, {counts['claims']} claims, {counts['events']} events; "
        f"{len(stories)} stories (first /api/stories: {links_ms:.0f} ms, links computed or "
        "loaded once)"
    )
    print(f"load average (1, 5, 15 min) before timing {load_before}, after {load_after}")
    print(
        f"{'route':<20} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'max KB':>7}"
        f" {'cpu p95':>8}  statuses"
    )
    for name, r in results.items():
        print(
            f"{name:<20} {r['n']:>4} {r['p50_ms']!s:>8} {r['p95_ms']!s:>8} {r['max_ms']!s:>8}"
            f" {r['max_kb']!s:>7} {r['cpu_p95_ms']!s:>8}  {r['statuses']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
