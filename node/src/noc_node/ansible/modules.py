"""Task type + rendered params -> Ansible module and arguments (``noc_contracts.CATALOGUE``).

Every string in the arguments is marked unsafe so Ansible never templates params the
scheduler already rendered (a literal ``{{ x }}`` stays literal).
"""

from __future__ import annotations

import json
from collections.abc import Callable
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


def _port_open(p: dict[str, Any]) -> dict[str, Any]:
    return {"host": p["host"], "port": p["port"], "timeout": p["timeout_s"], "state": "started"}


def _http_check(p: dict[str, Any]) -> dict[str, Any]:
    return {"url": p["url"], "expect_status": p["expect_status"],
            "body_regex": p.get("body_regex"), "timeout": p["timeout_s"],
            "validate_certs": p["validate_certs"]}


def _process(p: dict[str, Any]) -> dict[str, Any]:
    return {"argv": ["pgrep", "-f" if p["full"] else "-x", "--", p["pattern"]]}


def _reboot(p: dict[str, Any]) -> dict[str, Any]:
    return {"reboot_timeout": p["reboot_timeout_s"], "msg": p["msg"]}


#: task types whose params are not already the module's arguments
_ARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "service_status": lambda p: {},
    "port_open": _port_open,
    "http_check": _http_check,
    "disk_usage": lambda p: {"argv": ["df", "-P", "-k", p["path"]]},
    "process_running": _process,
    "reboot": _reboot,
}


def module_for(task_type: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(fully qualified module name, module arguments) for one validated task request."""
    parsed = validate_params(task_type, params)
    args = parsed.model_dump(mode="json", exclude_none=True)
    build = _ARGS.get(task_type)
    if build is not None:
        args = {k: v for k, v in build(args).items() if v is not None}
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
    """The ``-a`` argument for an ad-hoc run: JSON with every string value marked unsafe.

    No arguments is an empty string: ansible-core reads a bare ``{}`` as raw params.
    """
    if not args:
        return ""
    return json.dumps(mark_unsafe(args), separators=(",", ":"))
