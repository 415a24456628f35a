"""Task type + rendered params -> Ansible module and arguments (``noc_contracts.CATALOGUE``).

Every string in the arguments is marked unsafe so Ansible never templates params the
scheduler already rendered (a literal ``{{ x }}`` stays literal).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

from noc_contracts import CATALOGUE, ErrorDetail
from noc_node.core.errors import InvalidTaskError

UNSAFE_KEY = "__ansible_unsafe"


def validate_params(task_type: str, params: dict[str, Any]) -> BaseModel:
    """The params parsed by the task type's schema; raises InvalidTaskError naming the field."""
    spec = CATALOGUE.get(task_type)
    if spec is None:
        known = ", ".join(sorted(CATALOGUE))
        raise InvalidTaskError("unknown task type", [ErrorDetail(
            field="task_type", message=f"unknown task type '{task_type}' (known: {known})")])
    try:
        return spec.params.model_validate(params)
    except ValidationError as exc:
        details = [
            ErrorDetail(field=".".join(["params", *(str(p) for p in err["loc"])]),
                        message=err["msg"])
            for err in exc.errors()
        ]
        raise InvalidTaskError(f"invalid params for task type '{task_type}'", details) from exc


def module_for(task_type: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(fully qualified module name, module arguments) for one validated task request."""
    parsed = validate_params(task_type, params)
    args = parsed.model_dump(mode="json", exclude_none=True)
    return CATALOGUE[task_type].module, args


def mark_unsafe(value: Any) -> Any:
    """``value`` with every string (recursively, keys excepted) wrapped as Ansible-unsafe."""
    if isinstance(value, str):
        return {UNSAFE_KEY: value}
    if isinstance(value, dict):
        return {key: mark_unsafe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mark_unsafe(item) for item in value]
    return value


def module_args_json(args: dict[str, Any]) -> str:
    """The ``-a`` argument for an ad-hoc run: JSON with every string value marked unsafe."""
    return json.dumps(mark_unsafe(args), separators=(",", ":"))
