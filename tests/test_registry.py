"""The shared registry: built-ins, entry points, unknown names."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from reportedly import registry
from reportedly.registry import Registry, UnknownName


def test_register_and_get() -> None:
    reg: Registry[object] = Registry("number", "reportedly.test-numbers")
    reg.register("one", 1)

    @reg.register("two")
    def _two() -> int:
        return 2

    assert reg.get("one") == 1
    assert reg.get("two")() == 2  # type: ignore[operator]
    assert reg.names() == ["one", "two"]
    assert "one" in reg
    assert "three" not in reg


def test_unknown_name_lists_known() -> None:
    reg: Registry[int] = Registry("number", "reportedly.test-numbers")
    reg.register("one", 1)
    with pytest.raises(UnknownName, match="no number named 'three'; registered: one"):
        reg.get("three")


def test_an_empty_registry_says_to_reinstall() -> None:
    reg: Registry[int] = Registry("number", "reportedly.test-nothing")
    with pytest.raises(UnknownName, match=r"registered: \(none; reinstall reportedly"):
        reg.get("one")


def test_entry_points_are_read_and_builtins_win(monkeypatch: pytest.MonkeyPatch) -> None:
    eps = [
        EntryPoint("sqrt", "math:sqrt", "reportedly.test-funcs"),
        EntryPoint("one", "math:floor", "reportedly.test-funcs"),
        EntryPoint("broken", "no_such_module_xyz:thing", "reportedly.test-funcs"),
    ]
    monkeypatch.setattr(
        registry, "entry_points", lambda group: [e for e in eps if e.group == group]
    )
    reg: Registry[object] = Registry("function", "reportedly.test-funcs")
    reg.register("one", 1)
    import math

    assert reg.get("sqrt") is math.sqrt
    assert reg.get("one") == 1
    assert "broken" not in reg  # a plug-in that fails to load is logged and left out
