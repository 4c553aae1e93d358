"""Settings and shared fixtures for the whole suite.

``seed_analysis`` is the seed article (``tests/data/seed_article.txt``, The Week, 2024-12-08)
through the default pipeline, analysed once per test session for every module that needs it.

Tests that read ``../shared`` (the seed golden, the gold data of the quality gate, the
questions over clusters.jsonl) skip when it is absent, so that the suite runs on a bare
clone. With ``REPORTEDLY_REQUIRE_DATA=1`` (as in CI) such a skip is a failure instead: a
missing ``../shared/data`` must not pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

import reportedly
from reportedly.records import Analysis

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REPORTEDLY_SHARED", ROOT.parent / "shared"))
SHARED_DATA = Path(os.environ.get("REPORTEDLY_SHARED_DATA", SHARED / "data"))
SEED_ARTICLE = ROOT / "tests" / "data" / "seed_article.txt"


@pytest.fixture(scope="session")
def seed_analysis() -> Analysis:
    """The seed article analysed once for the session (read it, never change it)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return reportedly.analyze(text, published="2024-12-08", outlet="The Week")


def names_shared(reason: str) -> bool:
    """Whether a skip reason is about the shared folder (the tests name the path they lack)."""
    return any(str(p) in reason for p in (SHARED, SHARED_DATA))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not report.skipped or os.environ.get("REPORTEDLY_REQUIRE_DATA") != "1":
        return report
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
    if names_shared(reason):
        report.outcome = "failed"
        report.longrepr = f"REPORTEDLY_REQUIRE_DATA=1 but the shared data is missing: {reason}"
    return report
