"""Fast decoding of stored Analysis JSON (the data :func:`reportedly.records.to_dict` made).

:func:`reportedly.records.from_dict` resolves type hints on every record it builds, which
costs ~10 ms per article: too slow to decode the candidates of a question within the
latency budget. This builds the same records with one loader per type, compiled once.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, get_args, get_origin, get_type_hints

from ..records import Analysis

__all__ = ["decode_analyses", "decode_analysis"]

Loader = Callable[[Any], Any]


def _identity(data: Any) -> Any:
    return data


@cache
def _loader(tp: Any) -> Loader:
    origin = get_origin(tp)
    if origin is list:
        (item,) = get_args(tp)
        inner = _loader(item)
        if inner is _identity:
            return lambda d: None if d is None else list(d)
        return lambda d: None if d is None else [inner(x) for x in d]
    if origin is dict:
        _, val = get_args(tp)
        vload = _loader(val)
        return lambda d: None if d is None else {k: vload(v) for k, v in d.items()}
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _loader(args[0]) if len(args) == 1 else _identity
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record_loader(tp)
    return _identity


def _record_loader(tp: type[Any]) -> Loader:
    hints = get_type_hints(tp)
    fields = [(f.name, hints[f.name]) for f in dataclasses.fields(tp) if f.init]
    compiled: list[tuple[str, Loader]] = []

    def load(data: Any) -> Any:
        if data is None:
            return None
        if not compiled:
            compiled.extend((name, _loader(hint)) for name, hint in fields)
        kwargs = {name: fn(data[name]) for name, fn in compiled if name in data}
        return tp(**kwargs)

    return load


def decode_analysis(text: str, *, skip: Iterable[str] = ()) -> Analysis:
    """One Analysis from its stored JSON; fields named in ``skip`` (e.g. "attributions",
    "hedges") are left at their defaults, for callers that do not read them."""
    data = json.loads(text)
    for name in skip:
        data.pop(name, None)
    result: Analysis = _loader(Analysis)(data)
    return result


def decode_analyses(texts: Iterable[str], *, skip: Iterable[str] = ()) -> list[Analysis]:
    fields = tuple(skip)
    return [decode_analysis(t, skip=fields) for t in texts]
