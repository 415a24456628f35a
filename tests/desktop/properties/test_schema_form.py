"""Schemas to fields and values to params, without Qt, table-driven over the catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from noc_contracts import CATALOGUE, validate_graph
from noc_contracts.catalogue import task_type_spec
from noc_desktop.canvas.properties.schema_check import check_field
from noc_desktop.canvas.properties.schema_form import fields_of, params_from_values
from tests.desktop.properties.samples import EXTRA_FIELDS, graph_with, sample

SCHEMAS = {name: task_type_spec(t).params_schema for name, t in CATALOGUE.items()}


def by_name(task: str) -> dict[str, Any]:
    return {f.name: f for f in fields_of(SCHEMAS[task])}


def light_problems(task: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """Each field's light problems (as its form row checks it), unset fields as None."""
    return [(p.field, p.code) for spec in fields_of(SCHEMAS[task])
            for p in check_field(spec, params.get(spec.name))]


@pytest.mark.parametrize("task", sorted(CATALOGUE))
def test_every_property_is_a_field_with_the_schema_s_title_and_required_mark(task: str) -> None:
    schema = SCHEMAS[task]
    fields = fields_of(schema)
    assert [f.name for f in fields] == list(schema["properties"])
    for field in fields:
        prop = schema["properties"][field.name]
        assert field.title == prop["title"]
        assert field.description == prop.get("description", "")
        assert field.required == (field.name in schema.get("required", []))
        assert field.has_default == ("default" in prop)


@pytest.mark.parametrize("task", sorted(CATALOGUE))
def test_required_samples_make_params_the_contracts_accept(task: str) -> None:
    values = {f.name: sample(f) for f in fields_of(SCHEMAS[task]) if f.required}
    values.update(EXTRA_FIELDS.get(task, {}))
    params = params_from_values(SCHEMAS[task], values)
    assert validate_graph(graph_with(task, params)) == []
    assert light_problems(task, params) == []


def test_kinds_bounds_and_nullable_fields_are_read_from_the_schema() -> None:
    http = by_name("http_check")
    assert (http["url"].kind, http["url"].pattern, http["url"].required) == (
        "string", "^https?://", True)
    assert (http["expect_status"].kind, http["expect_status"].minimum,
            http["expect_status"].maximum, http["expect_status"].default) == (
        "integer", 100, 599, 200)
    assert http["validate_certs"].kind == "boolean" and http["validate_certs"].default is True
    assert http["body_regex"].nullable and http["body_regex"].max_length == 1_000
    service = by_name("service")
    assert service["state"].kind == "enum" and service["state"].nullable
    assert service["state"].choices == ("started", "stopped", "restarted", "reloaded")
    assert service["enabled"].kind == "boolean" and service["enabled"].nullable
    email = by_name("email")
    assert (email["to"].kind, email["to"].item_kind, email["to"].min_items) == (
        "array", "string", 1)
    assert email["body"].kind == "text" and email["subject"].kind == "string"


def test_objects_and_numeric_lists_and_refs_are_understood() -> None:
    schema = {"$defs": {"Level": {"enum": ["low", "high"], "type": "string"}},
              "properties": {"labels": {"type": "object", "additionalProperties": {}},
                             "ports": {"type": "array", "items": {"type": "integer"}},
                             "level": {"$ref": "#/$defs/Level", "default": "low"},
                             "ratio": {"type": ["number", "null"], "minimum": 0}},
              "required": ["ports"]}
    fields = {f.name: f for f in fields_of(schema)}
    assert fields["labels"].kind == "object"
    assert (fields["ports"].kind, fields["ports"].item_kind) == ("array", "integer")
    assert (fields["level"].kind, fields["level"].choices) == ("enum", ("low", "high"))
    assert (fields["ratio"].kind, fields["ratio"].nullable) == ("number", True)
    params = params_from_values(schema, {"labels": {"a": 1}, "ports": ["22", "{{ vars.p }}"],
                                         "level": "low", "ratio": "0.5"})
    assert params == {"labels": {"a": 1}, "ports": [22, "{{ vars.p }}"], "ratio": 0.5}


def test_unset_optional_fields_and_defaults_are_left_out() -> None:
    params = params_from_values(SCHEMAS["http_check"], {
        "url": "https://x", "expect_status": 200, "body_regex": "", "timeout_s": None,
        "validate_certs": True})
    assert params == {"url": "https://x"}
    params = params_from_values(SCHEMAS["http_check"], {
        "url": "https://x", "expect_status": 204, "validate_certs": False, "timeout_s": "30"})
    assert params == {"url": "https://x", "expect_status": 204, "validate_certs": False,
                      "timeout_s": 30}


def test_required_empty_text_is_kept_for_the_checks_to_name() -> None:
    params = params_from_values(SCHEMAS["copy"], {"dest": "", "content": ""})
    assert params == {"dest": "", "content": ""}
    assert light_problems("copy", params) == [("params.dest", "required")]


@pytest.mark.parametrize(("task", "field", "template"), [
    ("port_open", "port", "{{ vars.port }}"),
    ("http_check", "validate_certs", "{{ vars.strict | bool }}"),
    ("reboot", "reboot_timeout_s", "{% if vars.slow %}1200{% else %}600{% endif %}"),
    ("package", "name", ["{{ vars.pkg }}"]),
])
def test_templates_stay_strings_in_any_field_and_the_contracts_accept_them(
        task: str, field: str, template: Any) -> None:
    values = {f.name: sample(f) for f in fields_of(SCHEMAS[task]) if f.required}
    values[field] = template
    params = params_from_values(SCHEMAS[task], values)
    assert params[field] == template
    assert light_problems(task, params) == []
    assert validate_graph(graph_with(task, params)) == []


@pytest.mark.parametrize(("task", "field", "value", "expected"), [
    ("port_open", "port", None, ("params.port", "required", {})),
    ("port_open", "port", 0, ("params.port", "below_minimum", {"min": 1})),
    ("port_open", "port", "eighty", ("params.port", "not_integer", {})),
    ("http_check", "url", "ftp://x", ("params.url", "pattern", {"pattern": "^https?://"})),
    ("http_check", "expect_status", 600,
     ("params.expect_status", "above_maximum", {"max": 599})),
    ("file", "state", "gone",
     ("params.state", "not_a_choice", {"choices": "file, directory, touch, absent"})),
    ("email", "to", [], ("params.to", "required", {})),
    ("email", "to", ["a@x", 3], ("params.to", "not_text", {"item": 2})),
    ("user", "shell", "x" * 256, ("params.shell", "too_long", {"max": 255})),
])
def test_light_checks_name_the_field_and_the_limit(
        task: str, field: str, value: Any, expected: tuple[str, str, dict[str, Any]]) -> None:
    found = [(p.field, p.code, dict(p.args)) for p in check_field(by_name(task)[field], value)]
    assert found == [expected]
