"""The stage registry: requires/assigns order check, error handling, and the public API."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

import reportedly
from reportedly.corpus import ingest
from reportedly.errors import (
    ConfigError,
    EmptyInput,
    ReportedlyError,
    StageFailed,
    StageOrderError,
    UnknownStage,
)
from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import LAYERS, Document
from reportedly.pipeline import (
    DEFAULT_STAGES,
    STAGES,
    Pipeline,
    Resources,
    StageConfig,
    StageFunc,
    UndeclaredWrite,
    check_order,
    stage,
)
from reportedly.records import Analysis, Article, Cue
from reportedly.settings import Settings

Register = Callable[..., str]

_counter = itertools.count()


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    """Register toy stages under unique names; they leave the registry afterwards."""
    added: list[str] = []

    def register(
        label: str,
        *,
        requires: Sequence[str] = (),
        assigns: Sequence[str] = (),
        func: StageFunc | None = None,
    ) -> str:
        name = f"test-{label}-{next(_counter)}"
        assert name not in STAGES

        def run(doc: Document) -> None:
            doc.article.meta.setdefault("ran", []).append(label)

        def factory(config: StageConfig, res: Resources) -> StageFunc:
            """A toy stage that records that it ran."""
            return func or run

        stage(name, requires=requires, assigns=assigns)(factory)
        added.append(name)
        return name

    yield register
    for name in added:
        STAGES._items.pop(name, None)


def article() -> Article:
    return Article(text="Officials said the bridge was closed.")


def ran(doc: Document) -> list[str]:
    result: list[str] = doc.article.meta.get("ran", [])
    return result


def boom(doc: Document) -> None:
    raise ValueError("boom")


# --------------------------------------------------------------------------- registering


def test_stage_decorator_registers_the_factory(toy: Register) -> None:
    name = toy("a", requires=["article"], assigns=["blocks"])
    info = STAGES.get(name)
    assert info.name == name
    assert info.requires == ("article",)
    assert info.assigns == ("blocks",)
    assert info.doc == "A toy stage that records that it ran."


def test_stage_layers_are_checked_when_registered() -> None:
    def factory(config: StageConfig, res: Resources) -> StageFunc:
        return boom

    with pytest.raises(TypeError, match="'sentense', which is not a layer"):
        stage("test-typo", requires=["sentense"], assigns=[])(factory)
    with pytest.raises(TypeError, match="'status'"):
        stage("test-typo", requires=[], assigns=["status"])(factory)
    assert "test-typo" not in STAGES
    assert {"blocks", "units", "unit_status", "frames", "claim_links"} <= LAYERS


def test_built_in_stages_have_versioned_names_and_short_aliases() -> None:
    for name in DEFAULT_STAGES:
        short, version = name.rsplit(".", 1)
        assert version == "v1"
        assert STAGES.get(name).alias == short
    assert Pipeline(["clean", "nlp"]).names == ["clean.v1", "nlp.v1"]
    assert Pipeline(["clean.v1", "nlp"]).config["stages"] == ["clean.v1", "nlp.v1"]


def test_no_toy_stage_survives_a_test() -> None:
    assert not [n for n in STAGES.names() if n.startswith("test-")]


# --------------------------------------------------------------------------- check_order


def test_check_order_returns_infos_in_order(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    b = toy("b", requires=["article", "blocks"], assigns=["docs"])
    c = toy("c", requires=["docs"])
    infos = check_order([a, b, c])
    assert [i.name for i in infos] == [a, b, c]
    assert Pipeline([a, b, c]).names == [a, b, c]


def test_check_order_rejects_unmet_requires(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    b = toy("b", requires=["blocks", "docs"], assigns=["claims"])
    with pytest.raises(StageOrderError) as err:
        check_order([a, b])
    assert repr(b) in err.value.message
    assert "docs" in err.value.message
    assert "blocks" not in err.value.message.split("requires", 1)[1]
    assert err.value.code == "E103"
    assert isinstance(err.value, ConfigError)


def test_check_order_rejects_a_stage_before_its_provider(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    b = toy("b", requires=["blocks"])
    check_order([a, b])
    with pytest.raises(StageOrderError, match="blocks"):
        check_order([b, a])
    with pytest.raises(StageOrderError):
        Pipeline([b, a])  # the check runs when the pipeline is built


def test_check_order_rejects_unknown_stage(toy: Register) -> None:
    a = toy("a")
    with pytest.raises(UnknownStage) as err:
        check_order([a, "no-such-stage"])
    assert "'no-such-stage'" in err.value.message
    assert a in err.value.message  # the message lists what is registered
    assert err.value.code == "E102"
    assert str(err.value).startswith("[E102] ")
    with pytest.raises(UnknownStage, match="no-such-stage"):
        Pipeline(["no-such-stage"])


def test_empty_pipeline_returns_the_article(toy: Register) -> None:
    result = Pipeline([])(article())
    assert isinstance(result, Analysis)
    assert result.article == article()
    assert result.claims == []


# --------------------------------------------------------------------------- running


def test_stages_run_in_order_and_fill_state(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    b = toy("b", requires=["blocks"], assigns=["docs"])
    state = Pipeline([a, b]).run(article())
    assert ran(state) == ["a", "b"]
    assert state.filled == {"article", "blocks", "docs"}


def test_failing_stage_raises_stage_failed_by_default(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    bad = toy("bad", requires=["blocks"], assigns=["docs"], func=boom)
    after = toy("after")
    with pytest.raises(StageFailed) as err:
        Pipeline([a, bad, after])(article())
    assert err.value.stage == bad
    assert repr(bad) in err.value.message
    assert "ValueError: boom" in err.value.message
    assert isinstance(err.value.cause, ValueError)
    assert isinstance(err.value.__cause__, ValueError)
    assert err.value.code == "E201"


def test_coded_errors_from_a_stage_pass_through(toy: Register) -> None:
    def empty(doc: Document) -> None:
        raise EmptyInput("the article has no text")

    bad = toy("empty", func=empty)
    with pytest.raises(EmptyInput):
        Pipeline([bad])(article())


def test_custom_handler_skips_dependents_and_runs_the_rest(toy: Register) -> None:
    a = toy("a", assigns=["blocks"])
    bad = toy("bad", requires=["blocks"], assigns=["docs"], func=boom)
    dependent = toy("dependent", requires=["docs"], assigns=["sentences"])
    transitive = toy("transitive", requires=["sentences"], assigns=["units"])
    independent = toy("independent", requires=["blocks"], assigns=["entities"])
    uses_independent = toy("uses-independent", requires=["entities"])

    calls: list[tuple[str, str]] = []

    def record(stage_name: str, doc: Document, exc: BaseException) -> None:
        calls.append((stage_name, str(exc)))

    pipe = Pipeline([a, bad, dependent, transitive, independent, uses_independent], on_error=record)
    state = pipe.run(article())
    assert calls == [(bad, "boom")]
    assert ran(state) == ["a", "independent", "uses-independent"]
    assert "docs" not in state.filled
    assert "sentences" not in state.filled
    assert {"blocks", "entities"} <= state.filled
    assert isinstance(pipe(article()), Analysis)  # the article still yields an analysis


def test_handler_may_stop_the_article(toy: Register) -> None:
    bad = toy("bad", func=boom)

    class Stop(ReportedlyError):
        code = "E999"

    def stop(stage_name: str, doc: Document, exc: BaseException) -> None:
        raise Stop(f"{stage_name}: {exc}")

    with pytest.raises(Stop, match="boom"):
        Pipeline([bad], on_error=stop)(article())


# --------------------------------------------------------------------------- built-in stages


def test_default_stage_order_is_valid() -> None:
    pytest.importorskip(
        "reportedly.stages", reason="built-in stage modules not all present", exc_type=ImportError
    )
    infos = check_order(reportedly.DEFAULT_STAGES)
    assert [i.name for i in infos] == list(reportedly.DEFAULT_STAGES)


# --------------------------------------------------------------------------- writes


def test_check_writes_catches_a_stage_writing_a_layer_it_does_not_assign(
    toy: Register,
) -> None:
    def sneaky(doc: Document) -> None:
        doc.blocks = []
        doc.hedges.append(Cue("x", 0, 1, "hedge"))

    bad = toy("sneaky", assigns=["blocks"], func=sneaky)
    Pipeline([bad])(article())  # not checked by default
    with pytest.raises(UndeclaredWrite, match="hedges"):
        Pipeline([bad], check_writes=True)(article())


def test_every_default_stage_writes_only_what_it_assigns() -> None:
    text = (
        "Officials said the bridge was closed on Friday in Damascus. "
        "The ministry denied that troops had been sent, according to state media."
    )
    checked = Pipeline(check_writes=True)(Article(text=text, published="2024-12-08"))
    assert checked == Pipeline()(Article(text=text, published="2024-12-08"))
    assert checked.claims
    assert checked.attributions


def test_clean_leaves_the_input_article_alone() -> None:
    given = Article(text="×\n\nOfficials said the bridge was closed.")
    result = Pipeline(["clean", "nlp"])(given)
    assert given.chrome == []
    assert [c.text for c in result.article.chrome] == ["×"]


# --------------------------------------------------------------------------- config


def test_the_config_builds_the_same_pipeline() -> None:
    pipe = Pipeline(["clean", "nlp", "entities"])
    config = json.loads(json.dumps(pipe.config))  # it travels as JSON
    again = Pipeline.from_config(config)
    assert again.names == pipe.names == ["clean.v1", "nlp.v1", "entities.v1"]
    assert again.config == pipe.config
    assert again.fingerprint == pipe.fingerprint
    assert len(pipe.fingerprint) == 12
    assert Pipeline().fingerprint != pipe.fingerprint
    assert Pipeline(config={"stages": ["clean"]}).names == ["clean.v1"]


def test_a_worker_builds_the_pipeline_of_the_config_it_is_sent() -> None:
    config = Pipeline(["clean", "nlp", "entities"]).config
    text = Article(text="Mayor John Smith said the bridge was closed.")
    [result] = ingest.analyse_remote([text], json.dumps(config, sort_keys=True))
    analysis = json.loads(result["analysis"])
    assert analysis["entities"]
    assert analysis["claims"] == []
    [full] = ingest.analyse_remote([text], json.dumps(Pipeline().config, sort_keys=True))
    assert json.loads(full["analysis"])["claims"]


def test_a_worker_analyses_its_batch_in_order_and_reports_each_failure() -> None:
    config = json.dumps(Pipeline(["clean", "nlp", "entities"]).config, sort_keys=True)
    texts = [
        Article(text="Governor Ann Lee opened the new port in Halden."),
        Article(text="word " * 70_000),  # over MAX_ARTICLE_CHARS: an error of its own
        Article(text="The minister Paul Dorn met farmers in Brevik."),
    ]
    first, empty, last = ingest.analyse_remote(texts, config)
    assert "Ann Lee" in first["analysis"]
    assert set(empty) == {"error"}
    assert "Paul Dorn" in last["analysis"]
    assert ingest.analyse_remote(texts[2:], config) == [last]


def test_settings_supply_the_defaults(tmp_path: Path) -> None:
    pipe = Pipeline(settings=Settings(lexicons=str(tmp_path)))
    assert pipe.config["lexicons"] == str(tmp_path.resolve())
    assert pipe.resources.lexicons == Lexicons.load(tmp_path)
    assert Pipeline(settings=Settings()).config["lexicons"] is None


def test_two_lexicon_folders_give_two_results_in_one_process(tmp_path: Path) -> None:
    """The lexicons are resources of a pipeline, not process globals."""
    shipped = Lexicons.load(None).path("attribution.yaml").read_text(encoding="utf-8")
    edited = shipped.replace("speech_verbs: [\n  say, ", "speech_verbs: [\n  ", 1)
    assert edited != shipped
    (tmp_path / "attribution.yaml").write_text(edited, encoding="utf-8")
    # the learned tagger, which knows "said" whatever the lexicon says, is off here
    off = {"nlp.v1": {"tagger": False}}
    mine = Pipeline(config={"lexicons": str(tmp_path), "stage_config": off})
    default = Pipeline()
    text = Article(text="Mayor John Smith said the bridge was closed.")
    assert [c.status for c in default(text).claims] == ["reported"]
    assert [c.status for c in mine(text).claims] == ["asserted"]  # "say" is no speech verb
    assert [c.status for c in default(text).claims] == ["reported"]  # still the default
    assert len(default(text).attributions) == 1
    assert mine(text).attributions == []
    assert mine.fingerprint != default.fingerprint


# --------------------------------------------------------------------------- public API

PUBLIC_API = [
    "DEFAULT_STAGES",
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Claim",
    "Corpus",
    "Cue",
    "Entity",
    "Event",
    "Pipeline",
    "ReportedlyError",
    "Source",
    "analyze",
]


def test_public_api_is_locked() -> None:
    """Changing the public API is a deliberate act: update this list in the same change."""
    assert reportedly.__all__ == PUBLIC_API
    for name in PUBLIC_API:
        assert hasattr(reportedly, name), name
