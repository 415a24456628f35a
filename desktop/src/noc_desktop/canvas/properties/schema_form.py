"""A task type's params JSON schema as form fields, and form values back as params. No Qt.

``fields_of(schema)`` reads what a form needs (kind, title, description, required, default,
bounds, pattern, enum, item kind); ``params_from_values`` turns what the editors hold into the
params a task node stores, leaving out unset optional fields and keeping templates (text with
``{{`` or ``{%``, allowed in any field) as strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from noc_contracts.expressions import is_template

FieldKind = Literal["string", "text", "integer", "number", "boolean", "enum", "array", "object"]
ItemKind = Literal["string", "integer", "number"]

#: strings allowed to be longer than this get a multi-line editor (file content, mail body)
MULTILINE_OVER = 10_000


@dataclass(frozen=True)
class FieldSpec:
    """One param of a task type, as its form field shows and checks it."""

    name: str
    kind: FieldKind
    title: str
    description: str = ""
    required: bool = False
    nullable: bool = False
    has_default: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    item_kind: ItemKind = "string"
    min_items: int | None = None
    max_items: int | None = None

    @property
    def path(self) -> str:
        """The field as validation names it (``params.url``)."""
        return f"params.{self.name}"


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {})
        return {**_resolve(target, root), **{k: v for k, v in schema.items() if k != "$ref"}}
    return dict(schema)


def _branch(prop: Mapping[str, Any], root: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The property's non-null schema merged with its own keys, and whether null is allowed."""
    prop = _resolve(prop, root)
    options = prop.pop("anyOf", None) or prop.pop("oneOf", None)
    nullable = False
    if isinstance(options, list):
        rest = [_resolve(o, root) for o in options if o.get("type") != "null"]
        nullable = len(rest) < len(options)
        if rest:
            prop = {**rest[0], **prop}
    kind = prop.get("type")
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        prop["type"] = next((k for k in kind if k != "null"), "string")
    return prop, nullable


def _kind(prop: Mapping[str, Any]) -> FieldKind:
    if "enum" in prop or "const" in prop:
        return "enum"
    kind = prop.get("type", "string")
    if kind == "string":
        long = prop.get("maxLength", 0) > MULTILINE_OVER
        return "text" if long else "string"
    if kind in ("integer", "number", "boolean", "array", "object"):
        return kind  # type: ignore[no-any-return]
    return "string"


def _item_kind(prop: Mapping[str, Any]) -> ItemKind:
    items = prop.get("items")
    kind = items.get("type") if isinstance(items, Mapping) else None
    return kind if kind in ("integer", "number") else "string"


def fields_of(schema: Mapping[str, Any]) -> list[FieldSpec]:
    """The form fields of a params schema, in the schema's order."""
    required = set(schema.get("required", ()))
    out: list[FieldSpec] = []
    for name, raw in schema.get("properties", {}).items():
        prop, nullable = _branch(raw, schema)
        kind = _kind(prop)
        choices = tuple(str(c) for c in prop.get("enum", ())) or (
            (str(prop["const"]),) if "const" in prop else ())
        minimum = prop.get("minimum", prop.get("exclusiveMinimum"))
        maximum = prop.get("maximum", prop.get("exclusiveMaximum"))
        out.append(FieldSpec(
            name=name, kind=kind, title=str(prop.get("title") or name),
            description=str(prop.get("description") or ""), required=name in required,
            nullable=nullable, has_default="default" in prop, default=prop.get("default"),
            minimum=minimum, maximum=maximum, min_length=prop.get("minLength"),
            max_length=prop.get("maxLength"), pattern=prop.get("pattern"), choices=choices,
            item_kind=_item_kind(prop), min_items=prop.get("minItems"),
            max_items=prop.get("maxItems")))
    return out


def _number(kind: ItemKind | FieldKind, value: Any) -> Any:
    """``value`` as an int or float when it is a number written as text; else unchanged."""
    if not isinstance(value, str) or is_template(value):
        return value
    text = value.strip()
    try:
        return int(text) if kind == "integer" else float(text)
    except ValueError:
        return value


def typed_value(spec: FieldSpec, value: Any) -> Any:
    """A form value in the field's type where it can be (numbers typed as text, items of a
    numeric list); templates and what does not convert stay as they are (checks say why)."""
    if spec.kind in ("integer", "number"):
        return _number(spec.kind, value)
    if spec.kind == "boolean" and isinstance(value, str) and not is_template(value):
        lowered = value.strip().lower()
        return {"true": True, "false": False}.get(lowered, value)
    if spec.kind == "array" and isinstance(value, list) and spec.item_kind != "string":
        return [_number(spec.item_kind, item) for item in value]
    return value


def is_unset(spec: FieldSpec, value: Any) -> bool:
    """True when an optional field is left to its default: nothing entered, or the default."""
    if spec.required:
        return value is None
    if value is None or value == "" or value == [] or value == {}:
        return True
    return spec.has_default and value == spec.default and not is_template(value)


def params_from_values(schema: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The params a task node stores for the form's ``values`` (by param name)."""
    params: dict[str, Any] = {}
    for spec in fields_of(schema):
        value = typed_value(spec, values.get(spec.name))
        if not is_unset(spec, value):
            params[spec.name] = value
    return params
