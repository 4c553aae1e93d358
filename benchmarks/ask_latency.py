"""Latency of ``reportedly.ask.answer_store`` on a SQLite store of N articles.

The store is made of new articles that recombine real passages of the stories in
``../shared/data/stories/clusters.jsonl`` (read at run time, never copied into the repo):

1. every distinct source article is analysed once with ``reportedly.Pipeline()``;
2. each synthetic article joins 2-4 chunks, each a run of consecutive paragraphs of a
   random source article (of any story), so no two articles repeat one text; its title is a
   source title with a varied prefix, its outlet one of ~40 (real and made up), its date the
   source's date shifted by up to a year;
3. its Analysis is synthesised, not re-run: the claims, entities (mentions), events,
   attributions and hedges that fall inside each chunk are copied with their offsets moved to
   the chunk's place in the new text and their ids prefixed per chunk. Claims, events and
   mentions are therefore real pipeline output on real sentences, just recombined;
4. each is stored with ``Store.add``.

Then it times ``answer_store`` over the questions of ``tests/ask/clusters_questions.yaml``
(the first ``--questions``, 30 by default) ``--repeat`` times each, and prints p50 / p95 /
max latency in milliseconds, with the store's size: over all the answers, over the first
time each question is asked (the warm-up asks a question that is not timed, so nothing of
these questions is cached yet) and over the repeats, and the mean CPU time of an answer
(and the mean and p95 CPU time of the first answers: on a shared machine the wall-clock
times carry the waits for a core, the CPU times much less).

    .venv/bin/python benchmarks/ask_latency.py                       # 1000 articles
    .venv/bin/python benchmarks/ask_latency.py --articles 10000 --db ask10k.db
    .venv/bin/python benchmarks/ask_latency.py --db ask10k.db   # reuse that store
    .venv/bin/python benchmarks/ask_latency.py --db postgresql://...  # a filled PostgreSQL store
    .venv/bin/python benchmarks/ask_latency.py --db ask10k.db --copy-to postgresql://...
    .venv/bin/python benchmarks/ask_latency.py --articles 100000 --db ask100k.db \
        --sources-cache sources.json     # the source analyses kept for the next build
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from reportedly import Pipeline
from reportedly.ask.answer import answer_store
from reportedly.corpus.copy_index import update_copy_index
from reportedly.corpus.store import Store
from reportedly.read import read_path
from reportedly.records import Analysis, Article, from_dict, to_dict

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("REPORTEDLY_SHARED_DATA", ROOT.parent / "shared" / "data"))
QUESTIONS = ROOT / "tests" / "ask" / "clusters_questions.yaml"
OFFSET_KEYS = frozenset(
    {"start", "end", "sentence_start", "sentence_end", "content_start", "content_end"}
)
MADE_UP_OUTLETS = [
    f"{a} {b}"
    for a in ("Daily", "Evening", "Morning", "Weekly")
    for b in (
        "Ledger",
        "Courier",
        "Sentinel",
        "Chronicle",
        "Dispatch",
        "Herald",
        "Monitor",
        "Tribune",
    )
]
PREFIXES = ["", "Update: ", "Analysis: ", "Live: ", "Explainer: ", "Opinion: ", "Briefing: "]


def _load_sources(path: Path, limit: int | None) -> list[Analysis]:
    """Analyses of the distinct article texts of a stories file (read as collections)."""
    pipeline = Pipeline()
    out: list[Analysis] = []
    seen: set[str] = set()
    for article in read_path(path):
        if not isinstance(article, Article) or article.text in seen:
            continue
        seen.add(article.text)
        out.append(pipeline(article))
        if limit and len(out) >= limit:
            break
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            spans.append((pos, pos + len(para)))
        pos += len(para) + 1
    return spans


def _inside(item: dict[str, Any], lo: int, hi: int) -> bool:
    return lo <= int(item.get("start", lo)) and int(item.get("end", lo)) <= hi


def _move(data: Any, delta: int, prefix: str) -> Any:
    """Offsets shifted by ``delta``; entity / claim references prefixed."""
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for k, v in data.items():
            if k in OFFSET_KEYS and isinstance(v, int):
                out[k] = v + delta
            elif k in ("entity", "claim") and isinstance(v, str):
                out[k] = prefix + v
            else:
                out[k] = _move(v, delta, prefix)
        return out
    if isinstance(data, list):
        return [_move(v, delta, prefix) for v in data]
    return data


def _chunk(text: str, rng: random.Random) -> tuple[str, int, int]:
    paras = _paragraphs(text)
    if not paras:
        return text, 0, len(text)
    n = rng.randint(1, min(4, len(paras)))
    first = rng.randrange(0, len(paras) - n + 1)
    lo, hi = paras[first][0], paras[first + n - 1][1]
    return text[lo:hi], lo, hi


Chunk = tuple[int, int, int, int]  # source index, start and end in the source, start in the new


def recombine(
    articles: list[dict[str, Any]], n: int, seed: int, start: int = 0
) -> Iterator[tuple[dict[str, Any], list[Chunk]]]:
    """``n`` new raw articles (text, title, outlet, url, published), numbered from ``start``,
    each joining 2-4 runs of paragraphs of random source ``articles`` (dicts with text,
    title, outlet, published), with the chunks each is made of."""
    rng = random.Random(seed)
    outlets = sorted({a["outlet"] for a in articles if a.get("outlet")})
    outlets += MADE_UP_OUTLETS
    for i in range(start, start + n):
        picks = [rng.choice(range(len(articles))) for _ in range(rng.randint(2, 4))]
        parts: list[str] = []
        chunks: list[Chunk] = []
        pos = 0
        for src in picks:
            chunk, lo, hi = _chunk(articles[src]["text"], rng)
            chunks.append((src, lo, hi, pos))
            parts.append(chunk)
            pos += len(chunk) + 2
        base = articles[picks[0]]
        day = base.get("published") or "2018-04-20"
        y, m, d = (int(x) for x in day[:10].split("-"))
        shifted = time.strftime(
            "%Y-%m-%d",
            time.gmtime(time.mktime((y, m, d, 12, 0, 0, 0, 0, 0)) + rng.randint(-365, 365) * 86400),
        )
        article = {
            "text": "\n\n".join(parts),
            "title": f"{rng.choice(PREFIXES)}{base.get('title') or 'News'} ({i})",
            "outlet": rng.choice(outlets),
            "url": f"https://example.org/synthetic/{i}",
            "published": shifted,
        }
        yield article, chunks


def synthesise(sources: list[dict[str, Any]], n: int, seed: int) -> list[Analysis]:
    out: list[Analysis] = []
    for article, chunks in recombine([s["article"] for s in sources], n, seed):
        entities: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        attributions: list[dict[str, Any]] = []
        hedges: list[dict[str, Any]] = []
        for k, (index, lo, hi, pos) in enumerate(chunks):
            src = sources[index]
            delta = pos - lo
            prefix = f"k{k}-"
            kept_claims = {
                c["id"]
                for c in src["claims"]
                if lo <= c["sentence_start"] and c["sentence_end"] <= hi
            }
            for c in src["claims"]:
                if c["id"] in kept_claims:
                    claims.append(_move({**c, "id": prefix + c["id"]}, delta, prefix))
            for ev in src["events"]:
                if ev["claim"] in kept_claims:
                    events.append(_move({**ev, "id": prefix + ev["id"]}, delta, prefix))
            for att in src["attributions"]:
                if lo <= att["content_start"] and att["content_end"] <= hi:
                    moved = _move({**att, "id": prefix + att["id"]}, delta, prefix)
                    if att.get("claim") not in kept_claims:
                        moved["claim"] = None
                    attributions.append(moved)
            hedges += [_move(h, delta, prefix) for h in src["hedges"] if _inside(h, lo, hi)]
            for ent in src["entities"]:
                mentions = [m for m in ent["mentions"] if _inside(m, lo, hi)]
                if mentions:
                    moved = _move({**ent, "mentions": mentions}, delta, prefix)
                    moved["id"] = prefix + ent["id"]
                    entities.append(moved)
        out.append(
            from_dict(
                Analysis,
                {
                    "article": article,
                    "entities": entities,
                    "claims": claims,
                    "events": events,
                    "attributions": attributions,
                    "hedges": hedges,
                },
            )
        )
    return out


def source_analyses(
    data: Path, limit: int | None, cache: Path | None = None
) -> list[dict[str, Any]]:
    """The analyses of the source articles as dicts; with ``cache``, read from that JSON
    file when it exists (else written there), so stores of several sizes share one
    analysis pass (the file holds analyses of ``../shared/data``: keep it outside the repo)."""
    if cache is not None and cache.exists():
        return list(json.loads(cache.read_text(encoding="utf-8")))
    t0 = time.perf_counter()
    sources = [to_dict(a) for a in _load_sources(data, limit)]
    print(
        f"analysed {len(sources)} source articles in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    if cache is not None:
        cache.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    return sources


def build(
    db: Path | str,
    n: int,
    data: Path,
    seed: int,
    limit: int | None,
    cache: Path | None = None,
) -> None:
    """A store of ``n`` synthesised articles at ``db`` (each written by ``Store.add``, as
    an ingest writes it), in batches of 500 seeded ``seed + start``: the first ``n`` of a
    larger build are the same articles."""
    sources = source_analyses(data, limit, cache)
    t1, c1 = time.perf_counter(), time.process_time()
    with Store(db) as store:
        if store.path is not None:
            # a benchmark store: no sync at the WAL checkpoints (a crash loses only it)
            store.backend.execute("PRAGMA synchronous=OFF")
        added = 0
        batch = 500
        # a build stopped half-way goes on where it was (its batches are the same)
        for start in range(store.count() // batch * batch, n, batch):
            for a in synthesise(sources, min(batch, n - start), seed + start):
                added += store.add(a)
            if (start // batch) % 20 == 19:
                print(
                    f"  {start + batch} articles, {time.perf_counter() - t1:.0f} s",
                    file=sys.stderr,
                )
    print(
        f"stored {added} synthetic articles in {time.perf_counter() - t1:.1f} s"
        f" ({time.process_time() - c1:.1f} s CPU)",
        file=sys.stderr,
    )
    index_copies(db)


def index_copies(db: Path | str) -> None:
    """The store's copy index filled, as every ingest's link fills it: without it each
    answer compares its candidates for copies itself (some 30 ms a question at 10,000
    articles) instead of reading their copy pairs."""
    t = time.perf_counter()
    with Store(db) as store:
        update_copy_index(store)
    print(f"copy index filled in {time.perf_counter() - t:.1f} s", file=sys.stderr)


#: Tables of a SQLite store that PostgreSQL does not have (its full-text index is a column).
_SQLITE_ONLY = frozenset({"claim_keys"})


def copy_to_postgres(db: Path, url: str) -> dict[str, int]:
    """Copy every row of the SQLite store ``db`` into the empty PostgreSQL store ``url``
    (made by ``Store``, so at the same schema version) with ``COPY``: the rows
    ``Store.add`` would have written there, much faster (articles in ingest order, so
    their ``seq`` follows it; PostgreSQL's generated columns are computed as it goes).
    Then ``VACUUM ANALYZE``. The rows copied per table."""
    import sqlite3

    import psycopg

    with Store(db) as source, Store(url) as target:  # both migrated to this schema
        if target.count() or target.version != source.version:
            raise SystemExit("the PostgreSQL store is not empty, or of another schema")
    src = sqlite3.connect(db)
    out: dict[str, int] = {}
    with psycopg.connect(url) as pg:
        pg.execute("SET synchronous_commit = off")
        columns: dict[str, list[str]] = {}
        for table, column, default in pg.execute(
            "SELECT table_name, column_name, column_default FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_generated = 'NEVER'"
            " ORDER BY table_name, ordinal_position"
        ):
            if not str(default or "").startswith("nextval("):
                columns.setdefault(str(table), []).append(str(column))
        local = {
            str(r[0]): "WITHOUT ROWID" not in str(r[1]).upper()
            for r in src.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        }  # table -> whether it has rowids (frame_names has none: in key order)
        first = ["articles", "claims"]  # what the others' foreign keys point at
        tables = first + sorted(t for t in columns if t not in first)
        for table in tables:
            if table not in local or table in _SQLITE_ONLY or table == "reportedly_meta":
                continue
            have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
            cols = [c for c in columns[table] if c in have]
            quoted = ", ".join(f'"{c}"' for c in cols)
            n = 0
            with pg.cursor() as cur, cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                order = " ORDER BY rowid" if local[table] else ""
                for row in src.execute(f"SELECT {quoted} FROM {table}{order}"):
                    copy.write_row(row)
                    n += 1
            pg.commit()
            out[table] = n
            print(f"  copied {n} rows of {table}", file=sys.stderr)
    src.close()
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="synthetic articles to store")
    ap.add_argument(
        "--db",
        help="store to build, or to reuse when it exists (a PostgreSQL URL: reused as it is)",
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    ap.add_argument("--questions", type=int, default=30, help="questions to time")
    ap.add_argument("--repeat", type=int, default=3, help="times to ask each question")
    ap.add_argument("--sources", type=int, help="analyse only the first N source articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--sources-cache", type=Path, help="JSON file of the source analyses (made when missing)"
    )
    ap.add_argument("--resume", action="store_true", help="go on building a --db stopped half-way")
    ap.add_argument(
        "--index-copies",
        action="store_true",
        help="fill the copy index of an existing --db built before builds filled it",
    )
    ap.add_argument(
        "--copy-to",
        metavar="URL",
        help="copy the SQLite --db (built first when missing) into this empty PostgreSQL"
        " store, then exit",
    )
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)

    clusters = args.data / "stories" / "clusters.jsonl"
    tmp: tempfile.TemporaryDirectory[str] | None = None
    url: str | None = args.db if args.db and "://" in args.db else None
    db: Path = Path(url or args.db) if args.db else Path()
    if not args.db:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "ask.db"
    if url is None and (not db.exists() or args.resume):
        if not clusters.exists():
            print(f"{clusters} not found (set REPORTEDLY_SHARED_DATA)", file=sys.stderr)
            return 2
        build(db, args.articles, clusters, args.seed, args.sources, args.sources_cache)
    elif args.index_copies:
        index_copies(url or db)
    if args.copy_to:
        if url is not None:
            print("--copy-to copies a SQLite --db", file=sys.stderr)
            return 2
        t0 = time.perf_counter()
        copied = copy_to_postgres(db, args.copy_to)
        print(f"copied {sum(copied.values())} rows in {time.perf_counter() - t0:.1f} s")
        return 0

    spec = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    asked = [q["question"] for q in spec["questions"]]
    questions = asked[: args.questions]
    # warm up (lexicons, parser, SQLite page cache) on a question that is not timed, so
    # the first round times questions asked for the first time
    warm_up = asked[-1] if len(asked) > len(questions) else questions[0]
    first: list[float] = []  # the first time each question is asked
    again: list[float] = []  # the repeats
    cpu: list[float] = []
    first_cpu: list[float] = []
    verdicts: dict[str, str] = {}
    with Store(url or db) as store:
        n_articles = store.count()
        n_claims = store.count("claims")
        answer_store(warm_up, store)
        for round_ in range(args.repeat):
            for q in questions:
                t, c = time.perf_counter(), time.process_time()
                result = answer_store(q, store)
                ms = (time.perf_counter() - t) * 1000
                cpu.append((time.process_time() - c) * 1000)
                if round_ == 0:
                    first_cpu.append(cpu[-1])
                (first if round_ == 0 else again).append(ms)
                verdicts[q] = result.verdict
    times = first + again
    if url is None:
        size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    else:
        with Store(url) as store:
            size_mb = store.backend.values("SELECT pg_database_size(current_database())")[0] / 1e6
    numbers: dict[str, Any] = {
        "articles": n_articles,
        "claims": n_claims,
        "db_mb": round(size_mb, 1),
        "questions": len(questions),
        "repeat": args.repeat,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "mean_ms": round(statistics.fmean(times), 1),
        "first_p50_ms": round(statistics.median(first), 1),
        "first_p95_ms": round(_percentile(first, 0.95), 1),
        "cpu_mean_ms": round(statistics.fmean(cpu), 1),
        "cpu_p95_ms": round(_percentile(cpu, 0.95), 1),
        "first_cpu_mean_ms": round(statistics.fmean(first_cpu), 1),
        "first_cpu_p95_ms": round(_percentile(first_cpu, 0.95), 1),
    }
    if again:
        numbers["repeat_p50_ms"] = round(statistics.median(again), 1)
        numbers["repeat_p95_ms"] = round(_percentile(again, 0.95), 1)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        repeats = (
            f"; repeats: p50 {numbers['repeat_p50_ms']} ms, p95 {numbers['repeat_p95_ms']} ms"
            if again
            else ""
        )
        where = "PostgreSQL" if url else str(db)
        print(
            f"store: {n_articles} articles, {n_claims} claims, {size_mb:.1f} MB ({where})\n"
            f"answer_store over {len(questions)} questions x {args.repeat}: "
            f"p50 {numbers['p50_ms']} ms, p95 {numbers['p95_ms']} ms, "
            f"max {numbers['max_ms']} ms, mean {numbers['mean_ms']} ms "
            f"(CPU mean {numbers['cpu_mean_ms']} ms, p95 {numbers['cpu_p95_ms']} ms)\n"
            f"first time asked: p50 {numbers['first_p50_ms']} ms, "
            f"p95 {numbers['first_p95_ms']} ms (CPU mean {numbers['first_cpu_mean_ms']} ms,"
            f" p95 {numbers['first_cpu_p95_ms']} ms){repeats}"
        )
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
