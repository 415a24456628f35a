"""How the vars editor reads and shows a value (no Qt): JSON when the text parses as JSON
(numbers, booleans, null, lists, objects, quoted strings), plain text otherwise."""

from __future__ import annotations

import json
from typing import Any


def parse_value(text: str) -> Any:
    """``8080`` -> 8080, ``true`` -> True, ``[1, "a"]`` -> list, ``"42"`` -> "42",
    ``hello world`` -> "hello world" (text that is not JSON stays text)."""
    stripped = text.strip()
    if not stripped:
        return ""
    try:
        return json.loads(stripped)
    except ValueError:
        return text


def format_value(value: Any) -> str:
    """The text that ``parse_value`` reads back as ``value``: a string that would parse as
    something else (``"42"``, ``"true"``) is shown quoted."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if parse_value(value) != value else value
    return json.dumps(value, ensure_ascii=False)


def value_kind(value: Any) -> str:
    """A short name of the value's JSON type, shown next to it so the typing is visible."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "text"
