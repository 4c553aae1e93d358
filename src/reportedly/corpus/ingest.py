"""Ingest: read articles, analyse the new ones, store them; one bad item never stops a run.

Idempotent and resumable: each article is committed on its own, and an article whose
content hash is already stored is skipped, so a rerun after an interruption (even
``kill -9``) picks up where it stopped without duplicates.

Parallel: with ``workers > 1`` (a Dask ``LocalCluster`` of that many worker processes) or a
``scheduler`` address (an existing Dask cluster), the analyses run in the workers, each of
which builds the parent's pipeline from its config (``Pipeline.from_config``) once. This
process stays the only writer: it keeps a bounded window of articles in flight (so memory
does not grow with the input) and commits them in input order, so the store ends up the
same as after a single-process run.
"""

from __future__ import annotations

import importlib
import json
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import ReportedlyError
from ..extras import require_extra
from ..pipeline import BATCH_CHARS, Pipeline, default_config
from ..read import ReadFailure, read_path
from ..read.fetch import Fetcher
from ..records import Analysis, Article, from_dict, to_dict
from .store import Store


@dataclass
class IngestSummary:
    read: int = 0
    ingested: int = 0
    already: int = 0  # same content hash already stored (copies and reruns)
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # error code -> count


Progress = Callable[[IngestSummary, str], None]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: str | None = None,
    outlet: str | None = None,
    errors: TextIO | None = None,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    fetcher: Fetcher | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestSummary:
    """Analyse and store every article under ``paths``; report failures to ``errors``.

    ``workers > 1`` analyses in that many local Dask worker processes, ``scheduler``
    (``tcp://host:port``) in an existing Dask cluster; the workers build ``pipeline``
    (default: the default pipeline) from its config, without its error handler."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    summary = IngestSummary()

    def fail(item: str, code: str, message: str) -> None:
        summary.skipped += 1
        summary.reasons[code] += 1
        if errors is not None:
            line = message.replace("\t", " ").replace("\n", " ")
            errors.write(f"{item}\t{code}\t{line}\n")
            errors.flush()

    items = _items(paths, published=published, outlet=outlet, fetcher=fetcher)
    if workers == 1 and scheduler is None:
        _serial(items, store, summary, fail, progress, pipeline)
    else:
        config = pipeline.config if pipeline is not None else default_config()
        _parallel(items, store, summary, fail, progress, workers, scheduler, config)
    return summary


class LazyPipeline:
    """The analysis pipeline, built on first use (it takes seconds) and run by one thread
    at a time (the web server's threads share one)."""

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def _get(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline()
        return self._pipeline

    def __call__(self, article: Article) -> Analysis:
        with self._lock:
            return self._get()(article)

    def pipe(self, articles: list[Article]) -> list[Analysis | ReportedlyError]:
        """:meth:`Pipeline.pipe` on ``articles`` (the parse batched across them)."""
        with self._lock:
            return list(self._get().pipe(articles))

    @property
    def fingerprint(self) -> str:
        """The pipeline's fingerprint (its config and lexicons), stored with each analysis."""
        with self._lock:
            return self._get().fingerprint


@dataclass(frozen=True)
class Ingested:
    """What :func:`ingest_one` did: ``analysis`` is None when the same text was stored
    already (it was not analysed again); ``created`` says whether it was stored now."""

    analysis: Analysis | None
    created: bool


def ingest_one(
    store: Store, article: Article, analyse: LazyPipeline, *, source_item: str | None
) -> Ingested:
    """Analyse and store one article unless its text is stored already (the one step of
    ``ingest`` and of ``POST /api/articles``); a ReportedlyError of the pipeline propagates."""
    if store.has(article.content_hash):
        return Ingested(None, False)
    analysis = analyse(article)
    created = store.add(analysis, source_item=source_item, fingerprint=analyse.fingerprint)
    return Ingested(analysis, created)


Fail = Callable[[str, str, str], None]
Item = tuple[str, Article | ReadFailure]  # (the path given, what was read from it)


def _items(
    paths: Iterable[str | Path],
    *,
    published: str | None,
    outlet: str | None,
    fetcher: Fetcher | None,
) -> Iterator[Item]:
    for path in paths:
        for item in read_path(path, published=published, outlet=outlet, fetcher=fetcher):
            yield str(path), item


def _name(item: Article) -> str:
    return str(item.meta.get("source_item") or item.url or item.id)


def _serial(
    items: Iterator[Item],
    store: Store,
    summary: IngestSummary,
    fail: Fail,
    progress: Progress | None,
    pipe: Pipeline | None,
) -> None:
    analyse = LazyPipeline(pipe)
    for run in _runs(items, BATCH_CHARS):
        # the new texts of the run are analysed together (Pipeline.pipe), then every item
        # is stored or reported in input order, as one at a time would
        new: dict[str, Article] = {}
        for _, item in run:
            if isinstance(item, Article) and item.content_hash not in new:
                if not store.has(item.content_hash):
                    new[item.content_hash] = item
        analysed = dict(zip(new, analyse.pipe(list(new.values())), strict=True))
        for path, item in run:
            summary.read += 1
            if isinstance(item, ReadFailure):
                fail(item.item, item.error.code, str(item.error))
            else:
                try:
                    done = _store_one(store, item, analyse, analysed, source_item=path)
                except ReportedlyError as exc:
                    fail(_name(item), exc.code, str(exc))
                else:
                    summary.ingested += done.created
                    summary.already += not done.created
            if progress is not None:
                progress(summary, path)


def _runs(items: Iterator[Item], budget: int) -> Iterator[list[Item]]:
    """``items`` in runs whose articles hold at most ``budget`` characters (or one)."""
    run: list[Item] = []
    size = 0
    for path, item in items:
        chars = len(item.text) if isinstance(item, Article) else 0
        if run and size + chars > budget:
            yield run
            run, size = [], 0
        run.append((path, item))
        size += chars
    if run:
        yield run


def _store_one(
    store: Store,
    article: Article,
    analyse: LazyPipeline,
    analysed: dict[str, Analysis | ReportedlyError],
    *,
    source_item: str,
) -> Ingested:
    """Store the analysis made for ``article`` in its run (the first copy of a text takes
    it); a later copy, or a text stored meanwhile, goes through :func:`ingest_one`."""
    result = analysed.pop(article.content_hash, None)
    if result is None or store.has(article.content_hash):
        return ingest_one(store, article, analyse, source_item=source_item)
    if isinstance(result, ReportedlyError):
        raise result
    created = store.add(result, source_item=source_item, fingerprint=analyse.fingerprint)
    return Ingested(result, created)


# ---------------------------------------------------------------------- parallel (Dask)

_WORKER_PIPELINES: dict[str, Pipeline] = {}  # config (as JSON) -> the worker's pipeline

# The characters of new articles sent to a worker as one task: the worker parses them
# together (Pipeline.pipe), which costs less CPU than one article at a time, and the
# window of tasks in flight stays small enough to keep both the workers and memory busy
# and bounded.
WORKER_BATCH_CHARS = BATCH_CHARS // 4
#: Items read ahead of the one being committed, at most (copies and read failures wait
#: in the queue too), so memory stays bounded whatever the input holds.
MAX_QUEUED = 1000


def analyse_remote(articles: list[Article], config: str) -> list[dict[str, Any]]:
    """The task a Dask worker runs: for each article, in order, ``{"analysis": ...}`` as
    JSON text (one string is far cheaper to send between processes than nested objects),
    or ``{"error": [code, message]}`` for a ReportedlyError. The articles are analysed
    together (:meth:`Pipeline.pipe`). ``config`` is the parent pipeline's config as JSON;
    the worker builds that pipeline once."""
    pipe = _WORKER_PIPELINES.get(config)
    if pipe is None:
        pipe = _WORKER_PIPELINES[config] = Pipeline.from_config(json.loads(config))
    out: list[dict[str, Any]] = []
    for result in pipe.pipe(articles):
        if isinstance(result, ReportedlyError):
            out.append({"error": [result.code, str(result)]})
        else:
            out.append(
                {
                    "analysis": json.dumps(to_dict(result), ensure_ascii=False),
                    "fingerprint": pipe.fingerprint,
                }
            )
    return out


@dataclass
class _Batch:
    """New articles analysed by one worker task; its results are fetched once."""

    articles: list[Article] = field(default_factory=list)
    chars: int = 0
    future: Any = None  # a dask Future once submitted
    results: list[dict[str, Any]] | None = None

    def add(self, article: Article) -> int:
        self.articles.append(article)
        self.chars += len(article.text)
        return len(self.articles) - 1


@dataclass
class _Pending:
    path: str
    item: Article | ReadFailure
    batch: _Batch | None = None  # None for a copy of an article in flight
    index: int = 0  # the article's place in its batch


class WorkerCluster:
    """The Dask client, made on first use (a rerun with everything stored starts nothing):
    a LocalCluster of ``workers`` processes, or a client of the cluster at ``scheduler``."""

    def __init__(
        self, stack: ExitStack, workers: int, scheduler: str | None, config: dict[str, Any]
    ) -> None:
        self.stack = stack
        self.workers = workers
        self.scheduler = scheduler
        self.config = json.dumps(config, sort_keys=True)
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            require_extra("parallel", "ingest with workers or a scheduler")
            # distributed is untyped for mypy --strict: imported here only, as Any
            distributed: Any = importlib.import_module("distributed")
            if self.scheduler is not None:
                self._client = self.stack.enter_context(distributed.Client(self.scheduler))
                self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
            else:
                # Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536, which makes the
                # pipeline (many small arrays made and freed) about 15 % slower; keep the rest
                # of its worker environment (one BLAS/OpenMP thread per worker)
                dask: Any = importlib.import_module("dask")
                environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
                environ.pop("MALLOC_TRIM_THRESHOLD_", None)
                # and its statistical profiler samples every worker's stack every 10 ms,
                # which costs the pipeline about 6 %: off (it only feeds the dashboard)
                self.stack.enter_context(
                    dask.config.set(
                        {
                            "distributed.nanny.pre-spawn-environ": environ,
                            "distributed.worker.profile.enabled": False,
                        }
                    )
                )
                cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self.stack.enter_context(cluster)
                self._client = self.stack.enter_context(distributed.Client(cluster))
        return self._client

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(analyse_remote, articles, self.config, pure=False)


def _parallel(
    items: Iterator[Item],
    store: Store,
    summary: IngestSummary,
    fail: Fail,
    progress: Progress | None,
    workers: int,
    scheduler: str | None,
    config: dict[str, Any],
) -> None:
    """Submit new articles, keep a few per worker in flight, commit them in input order."""
    with ExitStack() as stack:
        cluster = WorkerCluster(stack, workers, scheduler, config)
        _drive(cluster, items, store, summary, fail, progress)


def _drive(
    cluster: WorkerCluster,
    items: Iterator[Item],
    store: Store,
    summary: IngestSummary,
    fail: Fail,
    progress: Progress | None,
) -> None:
    _Driver(cluster, store, summary, fail, progress).run(items)


class _Driver:
    """Sends new articles to the workers in batches, keeps a bounded window of them in
    flight, and commits every item in input order."""

    def __init__(
        self,
        cluster: WorkerCluster,
        store: Store,
        summary: IngestSummary,
        fail: Fail,
        progress: Progress | None,
    ) -> None:
        self.cluster, self.store, self.summary = cluster, store, summary
        self.fail, self.progress = fail, progress
        self.queue: deque[_Pending] = deque()
        self.in_flight: set[str] = set()  # content hashes of the queued articles submitted
        self.submitted: deque[_Batch] = deque()  # sent, their results not fetched yet
        self.batch = _Batch()  # the batch being filled

    def run(self, items: Iterator[Item]) -> None:
        for path, item in items:
            self.summary.read += 1
            if isinstance(item, Article) and self.store.has(item.content_hash):
                self.summary.already += 1
                self._progress(path)
                continue
            self.queue.append(self._enqueue(path, item))
            # two batches per worker in flight: one being analysed, one waiting for it
            while self.queue and (
                len(self.submitted) > 2 * self.cluster.workers or len(self.queue) > MAX_QUEUED
            ):
                self._settle(self.queue.popleft())
        while self.queue:
            self._settle(self.queue.popleft())

    def _enqueue(self, path: str, item: Article | ReadFailure) -> _Pending:
        entry = _Pending(path, item)
        # a copy of an article in flight waits for the first (no batch)
        if isinstance(item, Article) and item.content_hash not in self.in_flight:
            if self.batch.future is not None:  # _settle had to send it before it was full
                self.batch = _Batch()
            entry.batch, entry.index = self.batch, self.batch.add(item)
            self.in_flight.add(item.content_hash)
            if self.batch.chars >= WORKER_BATCH_CHARS:
                self._send(self.batch)
                self.batch = _Batch()
        return entry

    def _send(self, batch: _Batch) -> None:
        batch.future = self.cluster.submit(batch.articles)
        self.submitted.append(batch)

    def _results(self, batch: _Batch) -> list[dict[str, Any]]:
        if batch.results is None:
            if batch.future is None:  # the batch still being filled: send it as it is
                self._send(batch)
            batch.results = batch.future.result()
            batch.future.release()
            self.submitted.remove(batch)
        return batch.results

    def _progress(self, path: str) -> None:
        if self.progress is not None:
            self.progress(self.summary, path)

    def _settle(self, entry: _Pending) -> None:
        item = entry.item
        if isinstance(item, ReadFailure):
            self.fail(item.item, item.error.code, str(item.error))
        elif entry.batch is None and self.store.has(item.content_hash):
            self.summary.already += 1  # a copy of an article committed just before it
        else:
            if entry.batch is None:  # the copy it waited for failed: analyse it itself
                entry.batch = _Batch()
                entry.batch.add(item)
            else:
                self.in_flight.discard(item.content_hash)
            self._store(entry.path, item, self._results(entry.batch)[entry.index])
        self._progress(entry.path)

    def _store(self, path: str, item: Article, result: dict[str, Any]) -> None:
        if "error" in result:
            code, message = result["error"]
            self.fail(_name(item), str(code), str(message))
        elif self.store.add(
            from_dict(Analysis, json.loads(result["analysis"])),
            source_item=path,
            analysis_json=result["analysis"],
            fingerprint=result.get("fingerprint"),
        ):
            self.summary.ingested += 1
        else:
            self.summary.already += 1
