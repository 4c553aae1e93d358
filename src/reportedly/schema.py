"""JSON Schema (draft 2020-12) for reportedly's records, built from the dataclasses.

The schema is derived from the type hints in :mod:`reportedly.records`, so it
cannot drift from the code: every dataclass reachable from :class:`Analysis`
becomes an entry of ``$defs``, every field a property, every field without a
default a ``required`` entry. Named ``Literal`` aliases of ``records``
(``Status``, ``SourceKind``...) become ``$defs`` of their own.

The committed copy lives in ``schema/reportedly.schema.json``; regenerate it
after changing a record (and bump ``SCHEMA_VERSION`` when the change is not
purely additive)::

    python -m reportedly.schema          # write the file
    python -m reportedly.schema --check  # exit 1 when the file is stale

A test compares the committed file with :func:`build_schema`, so a record
change without a regenerated schema fails CI.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from . import records
from .records import SCHEMA_VERSION, Analysis

#: Where the schema says it lives (its ``$id``); the version is part of the path.
SCHEMA_BASE_URI = "https://reportedly.invalid/schema"
SCHEMA_ID = f"{SCHEMA_BASE_URI}/{SCHEMA_VERSION}/reportedly.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The committed schema file (package data).
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "reportedly.schema.json"

_PRIMITIVES: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}

JSONSchema = dict[str, Any]


def _literal_aliases() -> list[tuple[Any, str]]:
    """Named ``Literal[...]`` aliases defined in :mod:`records` (``Status`` etc.)."""
    return [
        (value, name)
        for name, value in vars(records).items()
        if not name.startswith("_") and get_origin(value) is Literal
    ]


def _description(cls: type) -> str | None:
    doc = cls.__doc__
    # dataclasses put the signature in __doc__ when the class has no docstring
    if not doc or doc.startswith(f"{cls.__name__}("):
        return None
    return " ".join(doc.split())


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, JSONSchema] = {}
        self.aliases = _literal_aliases()

    def ref(self, name: str) -> JSONSchema:
        return {"$ref": f"#/$defs/{name}"}

    def literal(self, tp: Any) -> JSONSchema:
        values = list(get_args(tp))
        kinds = {type(v) for v in values}
        if len(kinds) != 1 or next(iter(kinds)) not in _PRIMITIVES:
            raise TypeError(f"unsupported Literal (mixed or non-primitive values): {tp!r}")
        return {"type": _PRIMITIVES[next(iter(kinds))], "enum": values}

    def type_schema(self, tp: Any) -> JSONSchema:
        if tp is Any:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if tp in _PRIMITIVES:
            return {"type": _PRIMITIVES[tp]}
        origin = get_origin(tp)
        if origin is Literal:
            for alias, name in self.aliases:
                if alias == tp:
                    if name not in self.defs:
                        self.defs[name] = self.literal(tp)
                    return self.ref(name)
            return self.literal(tp)
        if origin in (typing.Union, types.UnionType):
            return self.union(get_args(tp))
        if origin is list:
            (item,) = get_args(tp)
            return {"type": "array", "items": self.type_schema(item)}
        if origin is dict:
            key, value = get_args(tp)
            if key is not str:
                raise TypeError(f"JSON objects need str keys, not {key!r}")
            schema: JSONSchema = {"type": "object"}
            if value is not Any:
                schema["additionalProperties"] = self.type_schema(value)
            return schema
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return self.dataclass_ref(tp)
        raise TypeError(f"no JSON Schema mapping for type {tp!r}")

    def union(self, members: tuple[Any, ...]) -> JSONSchema:
        schemas = [self.type_schema(m) for m in members]
        # ``str | None`` reads better as {"type": ["string", "null"]}
        if all(set(s) == {"type"} and isinstance(s["type"], str) for s in schemas):
            return {"type": [s["type"] for s in schemas]}
        return {"anyOf": schemas}

    def dataclass_ref(self, cls: type) -> JSONSchema:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: stops recursion on self-referencing records
            self.defs[name] = self.dataclass_schema(cls)
        return self.ref(name)

    def dataclass_schema(self, cls: type) -> JSONSchema:
        hints = get_type_hints(cls)
        properties: dict[str, JSONSchema] = {}
        required: list[str] = []
        for f in dataclasses.fields(cls):
            prop = self.type_schema(hints[f.name])
            if f.default is not dataclasses.MISSING:
                prop = {**prop, "default": f.default}
            elif f.default_factory is not dataclasses.MISSING:
                prop = {**prop, "default": records.to_dict(f.default_factory())}
            else:
                required.append(f.name)
            properties[f.name] = prop
        schema: JSONSchema = {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        description = _description(cls)
        if description:
            schema["description"] = description
        return schema


def build_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`reportedly.records.Analysis` and every nested record."""
    builder = _Builder()
    root = builder.dataclass_ref(Analysis)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "reportedly analysis",
        "description": (
            f"One article analysed by reportedly (records version {SCHEMA_VERSION}). "
            "Offsets are Python string indices into article.text, end exclusive."
        ),
        **root,
        "$defs": builder.defs,
    }


def render(schema: dict[str, Any]) -> str:
    """The committed form: pretty-printed, sorted keys, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reportedly.schema", description="Write reportedly's JSON Schema."
    )
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH, help="file to write")
    parser.add_argument(
        "--check", action="store_true", help="only check that the file is up to date"
    )
    args = parser.parse_args(argv)
    text = render(build_schema())
    path: Path = args.output
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} is stale: run `python -m reportedly.schema`", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
