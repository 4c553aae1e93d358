"""Check the incremental link against a full relink on the real articles of ``clusters.jsonl``.

The distinct articles of ``../shared/data/stories/clusters.jsonl`` (read at run time, never
copied into the repo; analysed once with ``reportedly.Pipeline()``, or read from the
``--cache`` that ``benchmarks/linking_scale.py`` writes) are stored in ``--rounds`` rounds,
in file order (``--shuffle``: a shuffled one), with ``corpus_links`` after each round, as
hourly ingests would do.
After every round the links must equal :func:`reportedly.corpus.links.full_links` (every
linker over every analysis); at the end the B-cubed F1 of the stored stories against the
gold clusters is printed (the same score as ``reportedly eval stories``).

    .venv/bin/python benchmarks/incremental_links.py --cache /tmp/src.jsonl
    .venv/bin/python benchmarks/incremental_links.py --cache /tmp/src.jsonl --store postgresql://...
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from ask_latency import DEFAULT_DATA
from linking_scale import _sources

from reportedly.corpus.links import corpus_links, full_links
from reportedly.corpus.store import Store
from reportedly.evaluate.spans import read_jsonl
from reportedly.evaluate.stories import bcubed, gold_articles
from reportedly.records import Analysis, from_dict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    ap.add_argument("--cache", type=Path, help="JSONL of analysed sources to reuse or write")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shuffle", action="store_true", help="store the articles in random order")
    ap.add_argument("--store", help="a PostgreSQL URL (default: a SQLite file in a temp dir)")
    args = ap.parse_args(argv)
    clusters = args.data / "stories" / "clusters.jsonl"
    if not clusters.exists():
        print(f"{clusters} not found (set REPORTEDLY_SHARED_DATA)", file=sys.stderr)
        return 2
    analyses = [from_dict(Analysis, s) for s in _sources(clusters, args.cache)]
    if args.shuffle:
        random.Random(args.seed).shuffle(analyses)
    gold_of_text = {a.text: story for story, a in gold_articles(read_jsonl(clusters), clusters)}
    with tempfile.TemporaryDirectory() as tmp:
        location = args.store or str(Path(tmp) / "links.db")
        with Store(location) as store:
            step = -(-len(analyses) // args.rounds)
            for r, start in enumerate(range(0, len(analyses), step), 1):
                for a in analyses[start : start + step]:
                    store.add(a)
                t = time.perf_counter()
                links = corpus_links(store)
                seconds = time.perf_counter() - t
                same = links.to_dict() == full_links(store).to_dict()
                print(
                    f"round {r}: {store.count()} articles, {len(links.stories)} stories, "
                    f"{len(links.clusters)} claim clusters, {len(links.contradictions)} "
                    f"contradictions; incremental link {seconds:.2f} s; "
                    f"{'equal to' if same else 'DIFFERENT FROM'} a full relink",
                    flush=True,
                )
                if not same:
                    return 1
            text_of = {a.article.id: a.article.text for a in analyses}
            predicted = {text_of[aid]: s.id for s in links.stories for aid in s.articles}
    score = bcubed(predicted, gold_of_text)
    print(f"stories B-cubed P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
