"""The pipeline: registered stages, built from one JSON-able config, run in order.

A stage is a factory registered under a versioned name (``attribute.v1``) with the
layers of :class:`~reportedly.nlp.doc.Document` it ``requires`` and ``assigns``
(see :mod:`reportedly.stages.base`). :class:`Pipeline` checks the order when it is
built, so a wrong order fails at start-up, not on the thousandth article.

The whole pipeline is described by a plain dict (:attr:`Pipeline.config`)::

    {"stages": ["clean.v1", "nlp.v1", ...], "model": null, "lexicons": null,
     "stage_config": {"attribute.v1": {...}}}

``Pipeline.from_config(config)`` builds the same pipeline anywhere (a Dask worker,
the web app); :attr:`Pipeline.fingerprint` is a short hash of the config and of the
contents of every lexicon file, for provenance. Environment variables only supply
the defaults of ``model`` and ``lexicons`` (:class:`~reportedly.settings.Settings`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from . import settings
from . import stages as _builtin_stages  # importing the package registers the built-ins
from .errors import (
    InputTooLarge,
    ReportedlyError,
    StageFailed,
    StageOrderError,
    TimeLimit,
    UnknownStage,
)
from .lexicons import Lexicons
from .nlp.doc import LAYERS, Document
from .records import Analysis, Article
from .settings import Settings
from .stages import base
from .stages.base import (
    STAGES,
    BatchStage,
    Resources,
    StageConfig,
    StageFactory,
    StageFunc,
    StageInfo,
    stage,
)

__all__ = [
    "DEFAULT_STAGES",
    "STAGES",
    "Document",
    "ErrorHandler",
    "Pipeline",
    "Resources",
    "StageConfig",
    "StageFactory",
    "StageFunc",
    "StageInfo",
    "UndeclaredWrite",
    "check_order",
    "default_config",
    "raise_error",
    "stage",
]

log = logging.getLogger(__name__)

assert _builtin_stages.__all__  # the import above is for its registrations

#: The default stage order of ``reportedly analyze``.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean.v1",
    "nlp.v1",
    "entities.v1",
    "attribute.v1",
    "status.v1",
    "claims.v1",
    "time.v1",
    "place.v1",
    "events.v1",
)


#: :meth:`Pipeline.pipe` analyses runs of articles of up to this many characters together
#: (about 25 news articles): their parse is batched, and their documents are held at once.
BATCH_CHARS = 100_000


class UndeclaredWrite(AssertionError):
    """A stage changed a layer it does not assign (raised in ``check_writes`` mode)."""


def check_order(names: Iterable[str]) -> list[StageInfo]:
    """Return the stages for ``names``, raising if one is unknown or misplaced."""
    filled = {"article"}
    infos: list[StageInfo] = []
    for given in names:
        name = base.resolve_name(given)
        if name not in base.STAGES:
            known = ", ".join(base.STAGES.names())
            raise UnknownStage(f"no stage named {given!r}; registered stages: {known}")
        info = base.STAGES.get(name)
        missing = [r for r in info.requires if r not in filled]
        if missing:
            raise StageOrderError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        filled.update(info.assigns)
        infos.append(info)
    return infos


def default_config(settings: Settings | None = None) -> dict[str, Any]:
    """The config of the default pipeline: DEFAULT_STAGES with the settings' resources."""
    settings = settings or Settings.from_env()
    folder = str(Lexicons.load(settings.lexicons).folder or "") or None
    return {
        "stages": list(DEFAULT_STAGES),
        "model": settings.model,
        "lexicons": folder,
        "stage_config": {},
    }


_RESOURCES: dict[tuple[str | None, str | None], Resources] = {}


def _resources(lexicons: str | None, model: str | None) -> Resources:
    """One Resources per (lexicon folder, model): pipelines of the same config share them."""
    key = (lexicons, model)
    found = _RESOURCES.get(key)
    if found is None:
        found = _RESOURCES[key] = Resources(Lexicons.load(lexicons), model)
    return found


ErrorHandler = Callable[[str, Document, BaseException], None]


def raise_error(stage_name: str, doc: Document, exc: BaseException) -> None:
    """Default error handler: stop this article with a coded error."""
    if isinstance(exc, ReportedlyError):
        raise exc
    raise StageFailed(stage_name, exc) from exc


def _snapshot(doc: Document, layers: Iterable[str]) -> dict[str, str]:
    return {name: repr(getattr(doc, name)) for name in layers}


class Pipeline:
    """Runs registered stages over articles.

    ``stages`` (names, versioned or short) overrides the config's; ``config`` is a
    dict like :attr:`config` (missing keys come from :func:`default_config`).
    ``on_error`` is called with (stage name, document, exception) when a stage
    raises; the default stops the article with :class:`StageFailed`. A handler
    that returns normally lets the remaining stages that do not depend on the
    failed one go on. ``check_writes`` (for tests) makes every stage prove it
    changed no layer it does not assign.
    """

    def __init__(
        self,
        stages: Sequence[str] | None = None,
        *,
        on_error: ErrorHandler = raise_error,
        config: Mapping[str, Any] | None = None,
        settings: Settings | None = None,
        check_writes: bool = False,
        deadline: float | None = settings.DEADLINE_SECONDS,
    ) -> None:
        cfg = default_config(settings)
        cfg.update(json.loads(json.dumps(dict(config or {}))))  # a JSON-able copy
        if stages is not None:
            cfg["stages"] = list(stages)
        self.stages = check_order(cfg["stages"])
        cfg["stages"] = [s.name for s in self.stages]
        self.config: dict[str, Any] = cfg
        self.on_error = on_error
        self.check_writes = check_writes
        #: seconds one article may take (None: no limit); past it, TimeLimit (E007)
        self.deadline = deadline
        self.resources = _resources(cfg.get("lexicons"), cfg.get("model"))
        stage_config: Mapping[str, StageConfig] = cfg.get("stage_config") or {}
        #: the built stage functions, one per entry of ``stages``
        self.funcs: list[StageFunc] = [
            info.factory(stage_config.get(info.name, {}), self.resources) for info in self.stages
        ]

    @classmethod
    def from_config(
        cls, config: Mapping[str, Any], *, on_error: ErrorHandler = raise_error
    ) -> Pipeline:
        """The pipeline ``config`` describes (the :attr:`config` of another pipeline)."""
        return cls(config=config, on_error=on_error)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    @property
    def fingerprint(self) -> str:
        """A short stable hash of the config and of every lexicon file's contents."""
        digest = hashlib.sha256(json.dumps(self.config, sort_keys=True).encode())
        digest.update(self.resources.lexicons.fingerprint.encode())
        return digest.hexdigest()[:12]

    def _run_stage(self, info: StageInfo, func: StageFunc, doc: Document) -> None:
        if not self.check_writes:
            func(doc)
            return
        others = LAYERS.difference(info.assigns)
        before = _snapshot(doc, others)
        func(doc)
        changed = sorted(k for k, v in _snapshot(doc, others).items() if before[k] != v)
        if changed:
            raise UndeclaredWrite(
                f"stage {info.name!r} changed {', '.join(changed)}, which it does not assign"
            )

    def _check_size(self, article: Article) -> None:
        if len(article.text) > settings.MAX_ARTICLE_CHARS:
            raise InputTooLarge(
                f"{article.meta.get('source_item') or article.id}: the article's text is "
                f"{len(article.text):,} characters; at most {settings.MAX_ARTICLE_CHARS:,} are "
                "analysed (settings.MAX_ARTICLE_CHARS): split it into its articles"
            )

    def _start(self, article: Article) -> Document:
        self._check_size(article)
        doc = Document(article=article)
        if self.deadline is not None:
            doc.deadline = time.monotonic() + self.deadline
        return doc

    def _step(self, info: StageInfo, func: StageFunc, doc: Document, failed: set[str]) -> None:
        """Run one stage on ``doc`` unless a layer it requires failed; a stage that raises
        goes to the error handler and its layers count as failed."""
        if failed.intersection(info.requires):
            failed.update(info.assigns)
            return
        try:
            doc.check_time()
            self._run_stage(info, func, doc)
        except (UndeclaredWrite, TimeLimit):
            raise
        except Exception as exc:  # noqa: BLE001 - handed to the error handler
            log.warning("stage %s failed on article %s: %s", info.name, doc.article.id, exc)
            self.on_error(info.name, doc, exc)
            failed.update(info.assigns)
            return
        doc.filled.update(info.assigns)

    def run(self, article: Article) -> Document:
        doc = self._start(article)
        failed: set[str] = set()
        for info, func in zip(self.stages, self.funcs, strict=True):
            self._step(info, func, doc, failed)
        return doc

    def __call__(self, article: Article) -> Analysis:
        return self.run(article).to_analysis()

    def pipe(
        self, articles: Iterable[Article], *, batch_chars: int = BATCH_CHARS
    ) -> Iterator[Analysis | ReportedlyError]:
        """The analysis of every article, in order, as :meth:`__call__` gives it; an
        article that raises a ReportedlyError gives that error and the others go on.
        Faster than one call per article: see :meth:`run_many`."""
        for result in self.run_many(articles, batch_chars=batch_chars):
            yield result if isinstance(result, ReportedlyError) else result.to_analysis()

    def run_many(
        self, articles: Iterable[Article], *, batch_chars: int = BATCH_CHARS
    ) -> Iterator[Document | ReportedlyError]:
        """:meth:`run` on every article, in order, with the stages that can
        (:class:`~reportedly.stages.base.BatchStage`: the spaCy parse) run on runs of
        articles of up to ``batch_chars`` characters together. The documents are the
        same as :meth:`run` makes; an article that raises a ReportedlyError gives that
        error instead. Each article's deadline counts only the time spent on it (its
        share of a batch by its length)."""
        group: list[Article] = []
        size = 0
        for article in articles:
            if group and size + len(article.text) > batch_chars:
                yield from self._run_group(group)
                group, size = [], 0
            group.append(article)
            size += len(article.text)
        if group:
            yield from self._run_group(group)

    def _run_group(self, articles: list[Article]) -> Iterator[Document | ReportedlyError]:
        if len(articles) == 1 or self.check_writes:
            for article in articles:
                try:
                    yield self.run(article)
                except ReportedlyError as exc:
                    yield exc
            return
        work: list[_InFlight] = []
        for article in articles:
            try:
                work.append(_InFlight(self._start(article)))
            except ReportedlyError as exc:
                work.append(_InFlight(None, exc))
        steps = list(zip(self.stages, self.funcs, strict=True))
        batched = [i for i, (_, func) in enumerate(steps) if isinstance(func, BatchStage)]
        last_batch = batched[-1] if batched else -1
        for info, func in steps[: last_batch + 1]:
            if isinstance(func, BatchStage):
                self._batch_step(info, func, work)
            else:
                for item in work:
                    item.step(self, info, func)
        # the stages after the last batch stage: article by article, each given when done
        for item in work:
            for info, func in steps[last_batch + 1 :]:
                item.step(self, info, func)
            yield item.result()
            item.doc = None  # the caller has it: do not hold every document of the run

    def _batch_step(self, info: StageInfo, func: BatchStage, work: list[_InFlight]) -> None:
        ready: list[_InFlight] = []
        for item in work:
            if item.doc is None:
                continue
            if item.failed.intersection(info.requires):
                item.failed.update(info.assigns)
                continue
            item.resume()
            try:
                item.doc.check_time()
            except TimeLimit as exc:
                item.stop(exc)
                continue
            item.pause()
            ready.append(item)
        docs = [item.doc for item in ready if item.doc is not None]
        if not docs:
            return
        start = time.monotonic()
        try:
            func.batch(docs)
        except Exception:  # noqa: BLE001 - each article runs the stage again on its own
            for item in ready:
                item.step(self, info, func)
            return
        elapsed = time.monotonic() - start
        total = sum(len(doc.article.text) for doc in docs) or 1
        for item, doc in zip(ready, docs, strict=True):
            item.charge(elapsed * len(doc.article.text) / total)
            item.resume()
            try:
                doc.check_time()  # as the stage itself would have, had it run on doc alone
            except TimeLimit as exc:
                item.stop(exc)
                continue
            item.pause()
            doc.filled.update(info.assigns)


class _InFlight:
    """One article of :meth:`Pipeline.run_many`'s current run: its document (None once
    it raised), the layers that failed, and the time left before its deadline while
    other articles are worked on."""

    def __init__(self, doc: Document | None, error: ReportedlyError | None = None) -> None:
        self.doc = doc
        self.error = error
        self.failed: set[str] = set()
        self.left: float | None = None  # seconds to its deadline, while paused
        self.pause()

    def pause(self) -> None:
        if self.doc is not None and self.doc.deadline is not None:
            self.left = self.doc.deadline - time.monotonic()

    def resume(self) -> None:
        if self.doc is not None and self.left is not None:
            self.doc.deadline = time.monotonic() + self.left

    def charge(self, seconds: float) -> None:
        """Count ``seconds`` (its share of a batch) against the deadline."""
        if self.left is not None:
            self.left -= seconds

    def stop(self, error: ReportedlyError) -> None:
        self.doc, self.error = None, error

    def step(self, pipe: Pipeline, info: StageInfo, func: StageFunc) -> None:
        if self.doc is None:
            return
        self.resume()
        try:
            pipe._step(info, func, self.doc, self.failed)
        except ReportedlyError as exc:
            self.stop(exc)
        self.pause()

    def result(self) -> Document | ReportedlyError:
        if self.doc is not None:
            return self.doc
        assert self.error is not None
        return self.error
