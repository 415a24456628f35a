"""Light checks of a param against its form field. No Qt.

``check_field`` runs as the user types: required, type, bounds, length, pattern, choices and
item counts, skipping templates (their value is known at run time). Problems carry a code and
its arguments, not text, so the widgets translate them. The contracts' own validation (the
truth the backend applies on save) is the document's ``problems``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from noc_contracts.expressions import is_template
from noc_desktop.canvas.properties.schema_form import FieldSpec


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
