"""Light checks of params against their form fields, and the contracts' verdict. No Qt.

``check`` runs as the user types: required, type, bounds, length, pattern, choices and item
counts, skipping templates (their value is known at run time). Problems carry a code and its
arguments, not text, so the widgets translate them. ``contract_problems`` asks the contracts'
own graph validation (the truth the backend applies on save) about one task's params.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from noc_contracts import EndNode, ProcedureGraph, TaskNode, validate_graph
from noc_contracts.expressions import is_template
from noc_contracts.graph import Edge
from noc_desktop.canvas.properties.schema_form import FieldSpec, fields_of


@dataclass(frozen=True)
class Problem:
    """``code`` says what is wrong (``required``, ``below_minimum``, ...); ``args`` the limits."""

    field: str
    code: str
    args: Mapping[str, Any] = dataclass_field(default_factory=dict)


def _scalar_problem(spec: FieldSpec, value: Any) -> tuple[str, dict[str, Any]] | None:
    if spec.kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not_integer" if spec.kind == "integer" else "not_number", {}
        if spec.kind == "integer" and not isinstance(value, int):
            return "not_integer", {}
        if spec.minimum is not None and value < spec.minimum:
            return "below_minimum", {"min": spec.minimum}
        if spec.maximum is not None and value > spec.maximum:
            return "above_maximum", {"max": spec.maximum}
    elif spec.kind == "boolean" and not isinstance(value, bool):
        return "not_boolean", {}
    elif spec.kind == "enum" and value not in spec.choices:
        return "not_a_choice", {"choices": ", ".join(spec.choices)}
    elif spec.kind in ("string", "text"):
        if not isinstance(value, str):
            return "not_text", {}
        if spec.min_length is not None and len(value) < spec.min_length:
            return ("required", {}) if not value else ("too_short", {"min": spec.min_length})
        if spec.max_length is not None and len(value) > spec.max_length:
            return "too_long", {"max": spec.max_length}
        if spec.pattern is not None and re.search(spec.pattern, value) is None:
            return "pattern", {"pattern": spec.pattern}
    return None


def _field_problem(spec: FieldSpec, value: Any) -> tuple[str, dict[str, Any]] | None:
    if is_template(value):
        return None
    if spec.kind == "array":
        if not isinstance(value, list):
            return "not_a_list", {}
        if spec.min_items is not None and len(value) < spec.min_items:
            return ("required", {}) if not value else ("too_few_items", {"min": spec.min_items})
        if spec.max_items is not None and len(value) > spec.max_items:
            return "too_many_items", {"max": spec.max_items}
        item = FieldSpec(name=spec.name, kind=spec.item_kind, title=spec.title)
        for index, entry in enumerate(value):
            found = _field_problem(item, entry)
            if found is not None:
                return found[0], {**found[1], "item": index + 1}
        return None
    if spec.kind == "object":
        return None if isinstance(value, dict) else ("not_an_object", {})
    return _scalar_problem(spec, value)


def check_field(spec: FieldSpec, value: Any) -> list[Problem]:
    """The light problems of one field's typed value (None: not set)."""
    if value is None:
        return [Problem(spec.path, "required")] if spec.required else []
    found = _field_problem(spec, value)
    return [] if found is None else [Problem(spec.path, found[0], found[1])]


def check(schema: Mapping[str, Any], params: Mapping[str, Any]) -> list[Problem]:
    """The light problems of ``params``, each naming its field as ``params.<name>``."""
    problems: list[Problem] = []
    specs = fields_of(schema)
    known = {spec.name for spec in specs}
    for name in params:
        if name not in known:
            problems.append(Problem(f"params.{name}", "unknown_field"))
    for spec in specs:
        if spec.name not in params:
            if spec.required:
                problems.append(Problem(spec.path, "required"))
            continue
        value = params[spec.name]
        if value is None and spec.nullable:
            continue
        found = _field_problem(spec, value)
        if found is not None:
            problems.append(Problem(spec.path, found[0], found[1]))
    return problems


def contract_problems(task: str, params: Mapping[str, Any]) -> dict[str, str]:
    """The contracts' validation of one task's params: ``params.<name>`` (or ``params`` for a
    rule over several fields) -> message. Template fields are left to the template checks,
    which know the whole procedure's step and loop ids."""
    graph = ProcedureGraph(
        nodes=[TaskNode(id="task", task=task, params=dict(params)), EndNode(id="end")],
        edges=[Edge(from_="task", to="end", on="success")], start="task", allow_command=True)
    out: dict[str, str] = {}
    for detail in validate_graph(graph):
        where = detail.field or ""
        if detail.node != "task" or not (where == "task" or where.startswith("params")):
            continue
        top = where.split(".")[1] if where.count(".") >= 1 else ""
        if top and _holds_template(params.get(top)):
            continue
        out.setdefault(where, detail.message)
    return out


def _holds_template(value: Any) -> bool:
    if isinstance(value, list):
        return any(_holds_template(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_template(v) for v in value.values())
    return is_template(value)
