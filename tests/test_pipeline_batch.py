"""Pipeline.pipe / run_many: articles analysed in runs give the same records as one by one."""

from __future__ import annotations

import json
import time

import pytest

from reportedly import settings
from reportedly.errors import InputTooLarge, ReportedlyError, StageFailed, TimeLimit
from reportedly.nlp.doc import Document
from reportedly.pipeline import Pipeline
from reportedly.records import Analysis, Article, to_dict
from reportedly.stages.base import BatchStage
from reportedly.stages.nlp import NlpStage

TEXTS = [
    (
        "Port workers in Valmora walked off the job on Tuesday, the dockers' union said.\n\n"
        '"We will not unload a single ship until the contracts are signed," union leader '
        "Petra Lind told reporters outside the main gate.\n\n"
        "The harbour authority denied that any contracts had been cancelled and said talks "
        "would resume next week. Officials, who spoke on condition of anonymity, said the "
        "strike could cost the city millions.\n\n"
        "According to the chamber of commerce, about 40 ships were waiting offshore."
    ),
    (
        "The health ministry of Norland reported 12 new cases of measles on Monday, most of "
        "them in the northern province of Eskar.\n\n"
        "Dr. Ingrid Salo, who leads the ministry's vaccination drive, said the outbreak was "
        "probably linked to a school trip. She did not say how many children were "
        "vaccinated.\n\n"
        "Local media reported that two clinics had run out of vaccine, a claim the ministry "
        "called false.\n\n"
        "If the numbers keep rising, schools may close, a spokesman warned."
    ),
    (
        "BRENNIK (Wire) - Rebels claimed on Sunday to have taken the town of Ostrava Nova "
        "after two days of fighting, but the army said it still held the centre.\n\n"
        '"Our forces control every government building," General Tomas Varga said in a '
        "televised address. Witnesses told the agency they had heard shelling overnight.\n\n"
        "The claim could not be independently verified. A monitoring group said at least "
        "eight civilians appeared to have been killed.\n\n"
        "The government has accused a neighbouring country of arming the rebels, which its "
        "foreign minister dismissed as absurd."
    ),
    (
        "Shares of Corvel Motors fell 8 percent on Thursday after the carmaker said it would "
        "recall 200,000 vehicles.\n\n"
        "The company said a faulty brake sensor might cause the cars to stop suddenly. It "
        "said it was not aware of any injuries.\n\n"
        "Analysts at Baird Hale wrote in a note that the recall was unlikely to hurt sales "
        "for long. Corvel is expected to report its results next month, people familiar "
        "with the matter said."
    ),
]


def _articles() -> list[Article]:
    return [
        Article(text=text, title=f"Story {i}", outlet="Test Wire", published="2025-03-0{i}")
        for i, text in enumerate(TEXTS, start=1)
    ]


def _json(analysis: Analysis) -> str:
    return json.dumps(to_dict(analysis), sort_keys=True)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_nlp_stage_batches(pipeline: Pipeline) -> None:
    nlp = pipeline.funcs[pipeline.names.index("nlp.v1")]
    assert isinstance(nlp, NlpStage)
    assert isinstance(nlp, BatchStage)


@pytest.mark.parametrize("batch_chars", [1, 1_000, 2_000, 100_000])
def test_pipe_gives_the_same_records_as_one_by_one(pipeline: Pipeline, batch_chars: int) -> None:
    articles = _articles()
    one_by_one = [_json(pipeline(a)) for a in articles]
    batched = list(pipeline.pipe(articles, batch_chars=batch_chars))
    assert all(isinstance(b, Analysis) for b in batched)
    assert [_json(b) for b in batched if isinstance(b, Analysis)] == one_by_one
    assert sum(len(b.claims) for b in batched if isinstance(b, Analysis)) > 8


def test_an_article_that_raises_does_not_stop_the_others(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles()
    monkeypatch.setattr(settings, "MAX_ARTICLE_CHARS", len(articles[0].text) - 1)
    results = list(pipeline.pipe(articles))  # the first and the third are too long
    assert [type(r) for r in results] == [InputTooLarge, Analysis, InputTooLarge, Analysis]
    assert _json(results[1]) == _json(pipeline(articles[1]))  # type: ignore[arg-type]


def test_a_failed_batch_runs_each_article_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = Pipeline(stages=["clean", "nlp", "entities"])
    nlp = pipe.funcs[1]
    assert isinstance(nlp, NlpStage)
    alone = nlp.__call__

    def broken_batch(docs: object) -> None:
        raise RuntimeError("the batch broke")

    def picky(doc: Document) -> None:
        if "Norland" in doc.article.text:
            raise ValueError("not this one")
        alone(doc)

    monkeypatch.setattr(nlp, "batch", broken_batch)
    monkeypatch.setattr(NlpStage, "__call__", lambda self, doc: picky(doc))
    results = list(pipe.run_many(_articles()))
    assert [type(r) for r in results] == [Document, StageFailed, Document, Document]
    assert all(r.sentences for r in results if isinstance(r, Document))


def test_the_deadline_counts_each_article_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = Pipeline(stages=["clean", "nlp"], deadline=1.0)
    nlp = pipe.funcs[1]
    assert isinstance(nlp, NlpStage)
    real = nlp.batch

    def slow_batch(docs: list[Document]) -> None:
        time.sleep(0.35 * len(docs))  # 0.35 s each: the whole batch is past one deadline
        real(docs)

    monkeypatch.setattr(nlp, "batch", slow_batch)
    results = list(pipe.run_many(_articles()))
    assert all(isinstance(r, Document) and r.sentences for r in results)
    # two articles of about the same length, 1.2 s each: both are past their deadline
    two = _articles()[:2]
    assert 0.8 < len(two[0].text) / len(two[1].text) < 1.25
    monkeypatch.setattr(nlp, "batch", lambda docs: time.sleep(1.2 * len(docs)))
    results = list(pipe.run_many(two))
    assert [type(r) for r in results] == [TimeLimit, TimeLimit]
    assert all(isinstance(r, ReportedlyError) for r in results)
