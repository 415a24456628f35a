"""Which differences between two OpenAPI documents break a client written against the old one.

Direction matters. A request may only be accepted more widely (a new optional field, a wider
type, a new enum value); a response may only promise more (a new field, a narrower type). So:
a removed path, method, success status, parameter or field breaks; so does a field or
parameter that becomes required in a request, a response field that may now be missing, a type
a request no longer accepts or a response may now send, and a removed enum value (``enum``,
``const`` or ``x-extensible-enum``, either direction: the values are the contract).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
Json = dict[str, Any]


def api_subset(openapi: Json, prefix: str = "/api/v1") -> Json:
    """The paths under ``prefix`` and only the component schemas they reach."""
    paths = {p: v for p, v in openapi.get("paths", {}).items() if p.startswith(prefix)}
    schemas = openapi.get("components", {}).get("schemas", {})
    reached: set[str] = set()
    pending = list(_refs(paths))
    while pending:
        name = pending.pop()
        if name not in reached and name in schemas:
            reached.add(name)
            pending.extend(_refs(schemas[name]))
    return {"paths": paths,
            "components": {"schemas": {n: schemas[n] for n in sorted(reached)}}}


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            yield ref.rsplit("/", 1)[-1]
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def breaking_changes(old: Json, new: Json) -> list[str]:
    """Every change from ``old`` to ``new`` that breaks an old client, one sentence each."""
    diff = _Diff(old.get("components", {}).get("schemas", {}),
                 new.get("components", {}).get("schemas", {}))
    new_paths = new.get("paths", {})
    for path, old_item in old.get("paths", {}).items():
        for method in METHODS:
            if method not in old_item:
                continue
            where = f"{method.upper()} {path}"
            new_op = new_paths.get(path, {}).get(method)
            if new_op is None:
                diff.breaks.append(f"{where}: the operation was removed")
            else:
                diff.operation(where, old_item[method], new_op)
    return list(dict.fromkeys(diff.breaks))  # a union's members may report a break twice


@dataclass
class _Diff:
    old_schemas: Json
    new_schemas: Json
    breaks: list[str] = field(default_factory=list)
    _seen: set[tuple[str, str, str]] = field(default_factory=set)

    def operation(self, where: str, old: Json, new: Json) -> None:
        self._seen.clear()  # a shared schema's break is named under each operation using it
        new_params = {(p["in"], p["name"]): p for p in new.get("parameters", [])}
        old_keys = set()
        for param in old.get("parameters", []):
            key = (param["in"], param["name"])
            old_keys.add(key)
            label = f"{where}: {param['in']} parameter '{param['name']}'"
            if key not in new_params:
                self.breaks.append(f"{label} was removed")
                continue
            if new_params[key].get("required") and not param.get("required"):
                self.breaks.append(f"{label} is now required")
            self.schema(label, "", param.get("schema", {}), new_params[key].get("schema", {}),
                        request=True)
        for key, param in new_params.items():
            if key not in old_keys and param.get("required"):
                self.breaks.append(f"{where}: new required {key[0]} parameter '{key[1]}'")
        self.body(where, old.get("requestBody"), new.get("requestBody"))
        new_responses = new.get("responses", {})
        for status, response in old.get("responses", {}).items():
            if not str(status).startswith("2"):
                continue
            label = f"{where}: response {status}"
            if status not in new_responses:
                self.breaks.append(f"{label} was removed")
                continue
            self.content(label, response.get("content", {}),
                         new_responses[status].get("content", {}), request=False)

    def body(self, where: str, old: Json | None, new: Json | None) -> None:
        label = f"{where}: request body"
        if new is None:
            return
        if old is None:
            if new.get("required"):
                self.breaks.append(f"{label} is now required")
            return
        if new.get("required") and not old.get("required"):
            self.breaks.append(f"{label} is now required")
        self.content(label, old.get("content", {}), new.get("content", {}), request=True)

    def content(self, label: str, old: Json, new: Json, *, request: bool) -> None:
        for media, entry in old.items():
            if media not in new:
                self.breaks.append(f"{label}: media type {media} was removed")
            elif "schema" in entry:
                self.schema(label, "", entry["schema"], new[media].get("schema", {}),
                            request=request)

    def schema(self, label: str, at: str, old: Json, new: Json, *, request: bool) -> None:
        """Compare two schemas at field path ``at``; requests and responses differ in what
        a change may do without breaking a client."""
        key = (str(old.get("$ref")), str(new.get("$ref")), f"{request}")
        if "$ref" in old and "$ref" in new:
            if key in self._seen:
                return  # recursive schemas: each pair of definitions is compared once
            self._seen.add(key)
        old, new = self._resolve(old, self.old_schemas), self._resolve(new, self.new_schemas)
        where = f"{label}: field '{at}'" if at else label
        old_types, new_types = self._types(old, self.old_schemas), self._types(new,
                                                                               self.new_schemas)
        if request and not _covers(new_types, old_types):
            self.breaks.append(f"{where} no longer accepts {_show(old_types - new_types)} "
                               f"(type {_show(old_types)} -> {_show(new_types)})")
        if not request and not _covers(old_types, new_types):
            self.breaks.append(f"{where} may now be {_show(new_types - old_types)} "
                               f"(type {_show(old_types)} -> {_show(new_types)})")
        old_enum, new_enum = _enum(old, self.old_schemas), _enum(new, self.new_schemas)
        if old_enum is not None and new_enum is not None and (gone := old_enum - new_enum):
            self.breaks.append(f"{where} lost the value(s) {', '.join(sorted(gone))}")
        self.variants(label, at, old, new, request=request)
        self.properties(label, at, old, new, request=request)
        for key_name, suffix in (("items", "[]"), ("additionalProperties", "{}")):
            if isinstance(old.get(key_name), dict) and isinstance(new.get(key_name), dict):
                self.schema(label, at + suffix, old[key_name], new[key_name], request=request)

    def variants(self, label: str, at: str, old: Json, new: Json, *, request: bool) -> None:
        old_vs, new_vs = _variants(old), _variants(new)
        if not old_vs or not new_vs:
            return
        by_name = {_variant_name(v, self.new_schemas): v for v in new_vs}
        for variant in old_vs:
            name = _variant_name(variant, self.old_schemas)
            if name in by_name:
                self.schema(label, at, variant, by_name[name], request=request)
            elif request and name.startswith("#"):
                self.breaks.append(f"{label}: field '{at}' no longer accepts {name[1:]}")

    def properties(self, label: str, at: str, old: Json, new: Json, *, request: bool) -> None:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_req, new_req = set(old.get("required", [])), set(new.get("required", []))
        for name, old_prop in old_props.items():
            path = f"{at}.{name}" if at else name
            if name not in new_props:
                self.breaks.append(f"{label}: field '{path}' was removed")
                continue
            if request and name in new_req and name not in old_req:
                self.breaks.append(f"{label}: field '{path}' is now required")
            if not request and name in old_req and name not in new_req:
                self.breaks.append(f"{label}: field '{path}' may now be missing")
            self.schema(label, path, old_prop, new_props[name], request=request)
        if request:
            for name in sorted(new_req - set(old_props)):
                path = f"{at}.{name}" if at else name
                self.breaks.append(f"{label}: new required field '{path}'")

    def _resolve(self, schema: Json, schemas: Json) -> Json:
        for _ in range(20):
            ref = schema.get("$ref")
            if not isinstance(ref, str):
                break
            schema = schemas.get(ref.rsplit("/", 1)[-1], {})
        return schema

    def _types(self, schema: Json, schemas: Json, depth: int = 0) -> set[str]:
        schema = self._resolve(schema, schemas)
        if depth > 20:
            return {"any"}
        if "const" in schema:
            return {_json_type(schema["const"])}
        if "enum" in schema:
            return {_json_type(v) for v in schema["enum"]}
        kind = schema.get("type")
        if isinstance(kind, str):
            return {kind}
        if isinstance(kind, list):
            return set(kind)
        nested = _variants(schema) or schema.get("allOf", [])
        if nested:
            return set().union(*(self._types(v, schemas, depth + 1) for v in nested))
        return {"any"}


def _variants(schema: Json) -> list[Json]:
    return list(schema.get("anyOf", [])) + list(schema.get("oneOf", []))


def _variant_name(variant: Json, schemas: Json) -> str:
    """A union member's identity: ``#Name`` for a named schema, else its JSON type."""
    ref = variant.get("$ref")
    if isinstance(ref, str):
        return "#" + ref.rsplit("/", 1)[-1]
    return str(variant.get("type", "any"))


def _enum(schema: Json, schemas: Json) -> set[str] | None:
    """The schema's closed (or documented extensible) set of values, or None when open."""
    values: set[str] = set()
    found = False
    for key in ("enum", "x-extensible-enum"):
        if isinstance(schema.get(key), list):
            values |= {json.dumps(v) for v in schema[key]}
            found = True
    if "const" in schema:
        values.add(json.dumps(schema["const"]))
        found = True
    for variant in _variants(schema):
        resolved = variant
        ref = variant.get("$ref")
        if isinstance(ref, str):
            resolved = schemas.get(ref.rsplit("/", 1)[-1], {})
        nested = _enum(resolved, schemas)
        if nested is not None:
            values |= nested
            found = True
    return values if found else None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else "any"


def _covers(wide: set[str], narrow: set[str]) -> bool:
    """Whether every type in ``narrow`` is allowed by ``wide`` (an integer is a number)."""
    if "any" in wide:
        return True
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(types: set[str]) -> str:
    return "|".join(sorted(types)) or "nothing"
