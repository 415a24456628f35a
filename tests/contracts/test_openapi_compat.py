"""The OpenAPI comparison catches every kind of break, and lets additive changes through.

Each case edits a small hand-made OpenAPI document; the comparison must name the break.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.contracts.openapi_compat import api_subset, breaking_changes

Json = dict[str, Any]


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def _base() -> Json:
    """One resource: list (query ``limit``), create (body ``ThingCreate``), get one."""
    return {
        "paths": {
            "/api/v1/things": {
                "get": {"parameters": [{"name": "limit", "in": "query", "required": False,
                                        "schema": {"type": "integer"}}],
                        "responses": {"200": {"content": {"application/json": {
                            "schema": {"type": "array", "items": _ref("Thing")}}}}}},
                "post": {"requestBody": {"required": True, "content": {"application/json": {
                    "schema": _ref("ThingCreate")}}},
                    "responses": {"201": {"content": {"application/json": {
                        "schema": _ref("Thing")}}}}},
            },
            "/api/v1/things/{id}": {
                "get": {"parameters": [{"name": "id", "in": "path", "required": True,
                                        "schema": {"type": "integer"}}],
                        "responses": {"200": {"content": {"application/json": {
                            "schema": _ref("Thing")}}}}},
            },
        },
        "components": {"schemas": {
            "Thing": {"type": "object", "required": ["id", "name", "kind"], "properties": {
                "id": {"type": "integer"}, "name": {"type": "string"},
                "kind": _ref("Kind"),
                "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "parent": {"anyOf": [_ref("Thing"), {"type": "null"}]}}},
            "ThingCreate": {"type": "object", "required": ["name"],
                            "additionalProperties": False, "properties": {
                                "name": {"type": "string"}, "kind": _ref("Kind"),
                                "tags": {"type": "array", "items": {"type": "string"}}}},
            "Kind": {"type": "string", "enum": ["a", "b"]},
            "Unused": {"type": "object"},
        }},
    }


def _schemas(doc: Json) -> Json:
    schemas: Json = doc["components"]["schemas"]
    return schemas


def _op(doc: Json, path: str, method: str) -> Json:
    op: Json = doc["paths"][path][method]
    return op


BREAKS: list[tuple[str, Callable[[Json], None], str]] = [
    ("removed path", lambda d: d["paths"].pop("/api/v1/things/{id}"),
     "GET /api/v1/things/{id}: the operation was removed"),
    ("removed method", lambda d: d["paths"]["/api/v1/things"].pop("post"),
     "POST /api/v1/things: the operation was removed"),
    ("removed response field", lambda d: _schemas(d)["Thing"]["properties"].pop("name"),
     "GET /api/v1/things: response 200: field '[].name' was removed"),
    ("response field may be missing", lambda d: _schemas(d)["Thing"]["required"].remove("id"),
     "GET /api/v1/things/{id}: response 200: field 'id' may now be missing"),
    ("new required request field", lambda d: _schemas(d)["ThingCreate"].update(
        required=["name", "size"], properties={**_schemas(d)["ThingCreate"]["properties"],
                                               "size": {"type": "integer"}}),
     "POST /api/v1/things: request body: new required field 'size'"),
    ("optional request field made required",
     lambda d: _schemas(d)["ThingCreate"]["required"].append("kind"),
     "POST /api/v1/things: request body: field 'kind' is now required"),
    ("removed request field", lambda d: _schemas(d)["ThingCreate"]["properties"].pop("tags"),
     "POST /api/v1/things: request body: field 'tags' was removed"),
    ("new required query parameter", lambda d: _op(d, "/api/v1/things", "get")[
        "parameters"].append({"name": "site", "in": "query", "required": True,
                              "schema": {"type": "string"}}),
     "GET /api/v1/things: new required query parameter 'site'"),
    ("parameter made required",
     lambda d: _op(d, "/api/v1/things", "get")["parameters"][0].update(required=True),
     "GET /api/v1/things: query parameter 'limit' is now required"),
    ("parameter type changed",
     lambda d: _op(d, "/api/v1/things", "get")["parameters"][0].update(
         schema={"type": "string"}),
     "GET /api/v1/things: query parameter 'limit' no longer accepts integer"),
    ("response type changed", lambda d: _schemas(d)["Thing"]["properties"].update(
        id={"type": "string"}),
     "GET /api/v1/things/{id}: response 200: field 'id' may now be string"),
    ("response field made nullable", lambda d: _schemas(d)["Thing"]["properties"].update(
        name={"anyOf": [{"type": "string"}, {"type": "null"}]}),
     "GET /api/v1/things/{id}: response 200: field 'name' may now be null"),
    ("request item type changed", lambda d: _schemas(d)["ThingCreate"]["properties"].update(
        tags={"type": "array", "items": {"type": "integer"}}),
     "POST /api/v1/things: request body: field 'tags[]' no longer accepts string"),
    ("removed enum value", lambda d: _schemas(d)["Kind"].update(enum=["a"]),
     "POST /api/v1/things: request body: field 'kind' lost the value(s) \"b\""),
    ("removed success status", lambda d: _op(d, "/api/v1/things", "post")["responses"].update(
        {"200": _op(d, "/api/v1/things", "post")["responses"].pop("201")}),
     "POST /api/v1/things: response 201 was removed"),
    ("body made required where there was none", lambda d: _op(
        d, "/api/v1/things/{id}", "get").update(requestBody={"required": True, "content": {}}),
     "GET /api/v1/things/{id}: request body is now required"),
    ("recursive schema change", lambda d: _schemas(d)["Thing"]["properties"].update(
        parent={"anyOf": [_ref("Thing"), {"type": "null"}, {"type": "integer"}]}),
     "GET /api/v1/things/{id}: response 200: field 'parent' may now be integer"),
]


@pytest.mark.parametrize(("edit", "expected"), [(e, m) for _, e, m in BREAKS],
                         ids=[name for name, _, _ in BREAKS])
def test_each_kind_of_break_is_named(edit: Callable[[Json], None], expected: str) -> None:
    old = _base()
    new = copy.deepcopy(old)
    edit(new)
    found = breaking_changes(old, new)
    assert any(expected in line for line in found), found


def test_removed_extensible_enum_value() -> None:
    old = _base()
    _schemas(old)["Thing"]["properties"]["name"] = {"type": "string",
                                                    "x-extensible-enum": ["x", "y"]}
    new = copy.deepcopy(old)
    _schemas(new)["Thing"]["properties"]["name"]["x-extensible-enum"] = ["x", "z"]
    assert ("GET /api/v1/things: response 200: field '[].name' lost the value(s) \"y\""
            in breaking_changes(old, new))


ADDITIVE: list[tuple[str, Callable[[Json], None]]] = [
    ("new path", lambda d: d["paths"].update({"/api/v1/other": {"get": {"responses": {}}}})),
    ("new method", lambda d: d["paths"]["/api/v1/things/{id}"].update(
        delete={"responses": {"204": {}}})),
    ("new optional request field", lambda d: _schemas(d)["ThingCreate"]["properties"].update(
        size={"type": "integer"})),
    ("new response field", lambda d: _schemas(d)["Thing"]["properties"].update(
        size={"type": "integer"})),
    ("new enum value", lambda d: _schemas(d)["Kind"].update(enum=["a", "b", "c"])),
    ("new optional parameter", lambda d: _op(d, "/api/v1/things", "get")["parameters"].append(
        {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}})),
    ("request type widened", lambda d: _op(d, "/api/v1/things", "get")["parameters"][0].update(
        schema={"anyOf": [{"type": "integer"}, {"type": "null"}]})),
    ("response field made required", lambda d: _schemas(d)["Thing"]["required"].append("note")),
    ("response type narrowed", lambda d: _schemas(d)["Thing"]["properties"].update(
        note={"type": "string"})),
    ("request field made optional", lambda d: _schemas(d)["ThingCreate"].update(required=[])),
    ("new error status", lambda d: _op(d, "/api/v1/things", "post")["responses"].update(
        {"409": {"content": {}}})),
]


@pytest.mark.parametrize("edit", [e for _, e in ADDITIVE], ids=[n for n, _ in ADDITIVE])
def test_additive_changes_break_nothing(edit: Callable[[Json], None]) -> None:
    old = _base()
    new = copy.deepcopy(old)
    edit(new)
    assert new != old
    assert breaking_changes(old, new) == []


def test_the_subset_keeps_the_prefix_and_the_schemas_it_reaches() -> None:
    doc = _base()
    doc["paths"]["/healthz"] = {"get": {"responses": {"200": {"content": {"application/json": {
        "schema": _ref("Unused")}}}}}}
    subset = api_subset(doc)
    assert sorted(subset["paths"]) == ["/api/v1/things", "/api/v1/things/{id}"]
    assert sorted(subset["components"]["schemas"]) == ["Kind", "Thing", "ThingCreate"]
