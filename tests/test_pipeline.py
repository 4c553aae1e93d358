"""The stage registry: requires/assigns order check, error handling, and the public API."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence

import pytest

import reportedly
from reportedly import pipeline
from reportedly.errors import (
    ConfigError,
    EmptyInput,
    ReportedlyError,
    StageFailed,
    StageOrderError,
    UnknownStage,
)
from reportedly.pipeline import STAGES, Pipeline, StageFunc, State, check_order, stage
from reportedly.records import Analysis, Article

Register = Callable[..., str]

_counter = itertools.count()


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    """Register toy stages under unique names; they leave the registry afterwards.

    The built-in stages are not loaded: these tests are about the registry, not
    about the stage modules (which have tests of their own).
    """
    monkeypatch.setattr(pipeline, "_load_builtin_stages", lambda: None)
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

        def run(state: State) -> None:
            """A toy stage that records that it ran."""
            state.article.meta.setdefault("ran", []).append(label)

        stage(name, requires=requires, assigns=assigns)(func or run)
        added.append(name)
        return name

    yield register
    for name in added:
        STAGES.pop(name, None)


def article() -> Article:
    return Article(text="Officials said the bridge was closed.")


def ran(state: State) -> list[str]:
    result: list[str] = state.article.meta.get("ran", [])
    return result


def boom(state: State) -> None:
    raise ValueError("boom")


# --------------------------------------------------------------------------- registering


def test_stage_decorator_registers_and_returns_the_function(toy: Register) -> None:
    name = toy("a", requires=["article"], assigns=["blocks"])
    info = STAGES[name]
    assert info.name == name
    assert info.requires == ("article",)
    assert info.assigns == ("blocks",)
    assert info.doc == "A toy stage that records that it ran."

    def plain(state: State) -> None:
        pass

    name2 = f"test-plain-{next(_counter)}"
    try:
        assert stage(name2, requires=[], assigns=[])(plain) is plain
    finally:
        STAGES.pop(name2, None)


def test_no_toy_stage_survives_a_test() -> None:
    assert not [n for n in STAGES if n.startswith("test-")]


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
    def empty(state: State) -> None:
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

    def record(stage_name: str, state: State, exc: BaseException) -> None:
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

    def stop(stage_name: str, state: State, exc: BaseException) -> None:
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
