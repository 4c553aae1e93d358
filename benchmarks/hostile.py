"""The hostile corpus through ``reportedly analyze``, one process per input, as a user runs it.

Prints, for every family, how many inputs were analysed, refused with a code, failed
internally (exit 1 or a traceback) or hung (over ``--timeout`` seconds); the slowest
inputs; the largest peak RSS; and the growth of the nested-reporting texts: the time at
2x, 4x and 8x length over the time at 1x (analysis time only,
measured in this process with the model loaded once).

    python benchmarks/hostile.py [--timeout 45] [--batch-cap 180] [--only FAMILY] [--keep DIR]
        [--growth]

A hang is an input after which no analysis comes out for ``--timeout`` seconds; an input
of many items still writing analyses at ``--batch-cap`` is a "batch" (stopped, not hung).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))
from cases import GOOD_TEXT, NESTED_KINDS, Case, nested_text, write_cases

_CODE = re.compile(r"\[(E\d{3}|W\d{3})\]")


@dataclass
class Run:
    case: Case
    rc: int | None  # None: killed (no output for --timeout s, or still going at --batch-cap)
    seconds: float
    rss_mb: float
    codes: tuple[str, ...]
    traceback: bool
    items: int = 0  # analyses written (one JSON line each)
    longest_gap: float = 0.0  # the longest wait for the next analysis: the slowest item

    @property
    def outcome(self) -> str:
        if self.rc is None:
            # a batch still writing analyses at the cap is working, not hung
            return "batch" if self.longest_gap < self.timeout else "hang"
        if self.traceback or self.rc == 1:
            return "internal"
        if self.rc == 0:
            return "analysed"
        if self.codes:
            return "coded"
        return f"uncoded rc={self.rc}"

    timeout: float = 60.0


def run_one(case: Case, target: Path, timeout: float, batch_cap: float = 180.0) -> Run:
    """``analyze`` on one input in its own process. It is a hang when no analysis comes
    out for ``timeout`` seconds; a batch of many items is stopped at ``batch_cap``."""
    exe = Path(sys.executable).with_name("reportedly")
    # stdout and stderr to files, not pipes: an input with thousands of bad items writes
    # more notices than a pipe buffers, and the child would block on it (a false "hang")
    with tempfile.TemporaryFile() as err_file, tempfile.NamedTemporaryFile() as out_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(exe), "analyze", "-f", "jsonl", str(target)],
            stdout=out_file,
            stderr=err_file,
            start_new_session=True,
        )
        out = Path(out_file.name)
        rc: int | None = None
        rss = 0.0
        size, last, gap = 0, start, 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            now = time.perf_counter()
            grown = out.stat().st_size
            if grown != size:
                size, last = grown, now
            gap = max(gap, now - last)
            if pid:
                rc = os.waitstatus_to_exitcode(status)
                rss = usage.ru_maxrss / 1024
                break
            if now - last > timeout or now - start > batch_cap:
                os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                rss = usage.ru_maxrss / 1024
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode("utf-8", "replace")
        with out.open("rb") as fh:
            items = sum(1 for _ in fh)
    codes = tuple(sorted(set(_CODE.findall(err))))
    trace = "Traceback (most recent call last)" in err
    return Run(case, rc, seconds, rss, codes, trace, items, gap, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout",
        type=float,
        default=45.0,
        help="no analysis for this long: a hang (the 30 s deadline plus model start-up)",
    )
    parser.add_argument("--batch-cap", type=float, default=180.0, help="stop a batch input here")
    parser.add_argument("--only", help="one family (html, json, nested, ...)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--growth", action="store_true", help="only the nested-reporting growth")
    args = parser.parse_args()
    if args.growth:
        growth()
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "hostile"
        cases = write_cases(folder)
        baseline_file = Path(tmp) / "baseline.txt"
        baseline_file.write_text(GOOD_TEXT[:80], encoding="utf-8")
        base = run_one(Case("baseline", "good", baseline_file, good=True), baseline_file, 120)
        runs: list[Run] = []
        for case in cases:
            if args.only and case.family != args.only:
                continue
            if case.family == "files":
                continue  # read as a folder below
            runs.append(run_one(case, case.path, args.timeout, args.batch_cap))
            run = runs[-1]
            rate = f" ({run.items / run.seconds:.0f} items/s)" if run.outcome == "batch" else ""
            print(f"{run.outcome:>9} {run.seconds:6.1f}s {case.name}{rate}", flush=True)
        if not args.only or args.only == "files":
            special = Case(
                "special/ (FIFO, symlink loops, /dev/zero, a good file)", "files", folder
            )
            runs.append(run_one(special, folder / "special", args.timeout, args.batch_cap))
        report(runs, base.seconds)
    if not args.only or args.only == "nested":
        growth()


def report(runs: list[Run], startup: float) -> None:
    by_family: dict[str, Counter[str]] = defaultdict(Counter)
    for run in runs:
        by_family[run.case.family][run.outcome] += 1
    print(f"\n{len(runs)} inputs; model start-up (a 80-character text) {startup:.1f} s")
    for family, counts in sorted(by_family.items()):
        print(f"  {family:<9} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    totals = Counter(run.outcome for run in runs)
    print("  all       " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    bad_good = [r.case.name for r in runs if r.case.good and r.outcome != "analysed"]
    print(f"good inputs not analysed: {bad_good or 'none'}")
    print("slowest:")
    for run in sorted(runs, key=lambda r: -r.seconds)[:10]:
        line = f"{run.seconds:6.1f} s {run.rss_mb:6.0f} MB {run.outcome:>9} {run.case.name}"
        print(f"  {line} {run.codes}")
    worst = max(runs, key=lambda r: r.longest_gap)
    print(f"longest wait for one analysis: {worst.longest_gap:.1f} s ({worst.case.name})")
    for run in runs:
        if run.outcome == "batch":
            print(f"  batch stopped at the cap: {run.case.name}, {run.items:,} analyses written")
    top = max(runs, key=lambda r: r.rss_mb)
    print(f"largest peak RSS: {top.rss_mb:.0f} MB ({top.case.name})")
    for run in runs:
        if run.outcome in ("internal", "hang") or run.outcome.startswith("uncoded"):
            print(f"  {run.outcome}: {run.case.name} rc={run.rc} codes={run.codes}")


def growth(repeat: int = 5) -> None:
    """Nested reporting at 1x, 2x, 4x and 8x length, timed in this process (one pipeline,
    loaded once, so the ratios are of analysis time alone; best of ``repeat`` runs), and
    bare spaCy's own ratio on the same texts beside it."""
    from reportedly.nlp.model import load_model, model_name
    from reportedly.pipeline import Pipeline
    from reportedly.records import Article

    pipeline = Pipeline()
    pipeline(Article(text=GOOD_TEXT))
    nlp = load_model(model_name())

    def best(run: Callable[[], object]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    print(f"nested reporting, analysis time (best of {repeat}); at 2x / 4x / 8x length over 1x:")
    for kind in NESTED_KINDS:
        texts = {scale: nested_text(kind, scale) for scale in (1, 2, 4, 8)}
        ours = {s: best(lambda t=t: pipeline(Article(text=t))) for s, t in texts.items()}
        bare = {s: best(lambda t=texts[s]: nlp(t)) for s in (1, 8)}
        ratios = " / ".join(f"{ours[s] / ours[1]:.1f}x" for s in (2, 4, 8))
        print(
            f"  {kind:<10} 1x {ours[1]:.2f} s, 8x {ours[8]:.2f} s; {ratios} "
            f"(bare spaCy 8x/1x: {bare[8] / bare[1]:.1f}x)"
        )


if __name__ == "__main__":
    main()
