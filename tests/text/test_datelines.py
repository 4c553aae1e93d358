"""Datelines at the start of a news body."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportedly.text.datelines import dateline_length


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO (Reuters) - Ferries stopped.", "OSLO (Reuters) - "),
        ("BERGEN, Norway — Ferries stopped.", "BERGEN, Norway — "),
        ("TROMSO, May 3 (AP) -- Ferries stopped.", "TROMSO, May 3 (AP) -- "),
        ("(AFP) - Ferries stopped.", "(AFP) - "),
        ("US - China talks resumed.", ""),
        ("NATO says it will meet.", ""),
        ("The port - which is closed - waits.", ""),
        ("UPDATE 3-Ferries stopped.", "UPDATE 3-"),
        ("REFILE-Ferries stopped.", "REFILE-"),
        ("EXCLUSIVE: Ferries stopped.", "EXCLUSIVE: "),
        ("UPDATE: 09:15 — Ferries stopped.", "UPDATE: 09:15 — "),
        ("UPDATE 1-OSLO (Reuters) - Ferries stopped.", "UPDATE 1-OSLO (Reuters) - "),
        ("Update: the ferries stopped.", ""),
        ("LIVE music returned to the port.", ""),
    ],
)
def test_dateline_length(text: str, dateline: str) -> None:
    assert text[: dateline_length(text)] == dateline


@given(st.text(max_size=120))
def test_a_dateline_is_a_prefix_that_leaves_text(text: str) -> None:
    n = dateline_length(text)
    assert 0 <= n < max(1, len(text))
