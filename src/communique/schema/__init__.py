"""The JSON Schema of a Record, published as `record.schema.json` beside this file.

`build_schema()` derives it from the dataclasses of `communique.model`, so the file cannot drift
from the code: a test compares the two, and `python -m communique.schema.build > record.schema.json`
rewrites it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from pathlib import Path

from .. import model

HERE = Path(__file__).parent
SCHEMA_FILE = HERE / "record.schema.json"
_PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_ENUMS = {("Event", "type"): list(model.EVENT_TYPES), ("Event", "status"): list(model.EVENT_STATUSES),
          ("Entity", "type"): list(model.ENTITY_TYPES), ("Agreement", "kind"): list(model.AGREEMENT_KINDS)}
_DATES = {("Event", "start"), ("Event", "end"), ("Agreement", "signed"), ("Document", "published")}


def _type(tp, owner: str, name: str, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_type(inner[0], owner, name, defs), {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _type(typing.get_args(tp)[0], owner, name, defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    base = {str: "string", int: "integer", float: "number", bool: "boolean"}[tp]
    out: dict = {"type": base}
    if (owner, name) in _ENUMS:
        out["enum"] = _ENUMS[(owner, name)]
    if (owner, name) in _DATES:
        out["pattern"] = _PARTIAL_DATE
    return out


def _define(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        props[f.name] = _type(hints[f.name], cls.__name__, f.name, defs)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    defs[cls.__name__] = {"type": "object", "description": doc[0] if doc else cls.__name__,
                          "properties": props, "required": required, "additionalProperties": False}


def build_schema() -> dict:
    defs: dict = {}
    _define(model.Record, defs)
    root = defs.pop("Record")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://communique.dev/schema/record-{model.SCHEMA_VERSION}.json",
            "title": "Communiqué Record", **root, "$defs": dict(sorted(defs.items()))}


@functools.cache
def record_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
