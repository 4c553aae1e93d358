"""REPORTEDLY_REQUIRE_DATA=1 turns a skip for missing ../shared data into a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).parent / "conftest.py"

pytest_plugins = ["pytester"]

SKIPPING = """
import pytest

def test_needs_data():
    pytest.skip("{path}/golden/seed not present")

def test_other_skip():
    pytest.skip("chromium is not installed")
"""


@pytest.mark.parametrize(("required", "failed"), [("1", 1), ("0", 0)])
def test_missing_shared_data(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, required: str, failed: int
) -> None:
    shared = pytester.path / "no-shared"
    monkeypatch.setenv("REPORTEDLY_SHARED", str(shared))
    monkeypatch.setenv("REPORTEDLY_REQUIRE_DATA", required)
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(SKIPPING.format(path=shared))
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=failed, skipped=2 - failed)
