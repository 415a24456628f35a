"""Which form field an API error detail names (no Qt).

The server names fields as ``body.vars.ansible_ssh_common_args`` (request validation) or
``vars.x`` / ``name`` (inventory rules): the form field is the first part after ``body``, the
rest (a var's name) says where inside it.
"""

from __future__ import annotations

from noc_contracts import ErrorDetail


def form_field(path: str | None) -> tuple[str, str | None]:
    """``body.vars.x`` -> (``vars``, ``x``); ``address`` -> (``address``, None); unknown -> ("",
    None)."""
    parts = [p for p in (path or "").split(".") if p]
    if parts and parts[0] == "body":
        parts = parts[1:]
    if not parts:
        return "", None
    rest = ".".join(parts[1:]) or None
    return parts[0], rest


def by_field(details: list[ErrorDetail]) -> dict[str, list[tuple[str | None, str]]]:
    """Each form field -> its (inner key, message) pairs; "" collects what names no field."""
    out: dict[str, list[tuple[str | None, str]]] = {}
    for detail in details:
        name, inner = form_field(detail.field)
        out.setdefault(name, []).append((inner, detail.message))
    return out
