"""Variable values: read an INI value as Ansible does, and write one back so it reads the same.

ansible-core 2.19 passes every INI value (inline host vars and ``[group:vars]`` lines alike)
through ``ast.literal_eval``, keeping the text when that fails; tuples and sets become lists,
``...`` and complex numbers become text. Writing reverses this with Python literals.
"""

from __future__ import annotations

import ast
import datetime
import math
import re
import warnings
from typing import Any

_BARE_TOKEN = re.compile(r"[\w@%+=:,./\-]+")


class ValueFormatError(ValueError):
    """A value that the asked format cannot carry (NaN, bytes, an unknown type)."""


def parse_ini_value(text: str) -> Any:
    """The value Ansible's INI plugin makes of ``text``; raises ValueError when it would fail."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    except (TypeError, MemoryError, RecursionError) as exc:
        raise ValueError(f"cannot evaluate value {text!r}: {exc}") from exc
    return _coerce(value)


def _coerce(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_coerce(item) for item in value]
    if isinstance(value, dict):
        return {key: _coerce(item) for key, item in value.items()}
    if value is Ellipsis:
        return "..."
    if isinstance(value, complex):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="surrogateescape")
    return value


def json_compatible(value: Any) -> Any:
    """``value`` with YAML-only types turned into what ``ansible-inventory`` prints for them."""
    if isinstance(value, (list, tuple)):
        return [json_compatible(item) for item in value]
    if isinstance(value, dict):
        return {key: json_compatible(item) for key, item in value.items()}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise ValueFormatError(f"unsupported value of type {type(value).__name__}")


def python_literal(value: Any) -> str:
    """A Python literal that ``ast.literal_eval`` turns back into ``value``."""
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            raise ValueFormatError("NaN cannot be written in INI; use YAML")
        if math.isinf(value):
            return "1e999" if value > 0 else "-1e999"
        return repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise ValueFormatError(f"unsupported value of type {type(value).__name__}")


def _reads_back(text: str, value: str) -> bool:
    try:
        parsed = parse_ini_value(text)
    except ValueError:
        return False
    return isinstance(parsed, str) and parsed == value


def group_var_text(value: Any) -> str:
    """The text after ``key=`` in a ``[group:vars]`` line; plain when it reads back as is."""
    if (isinstance(value, str) and value and value == value.strip() and value.isprintable()
            and _reads_back(value, value)):
        return value
    return python_literal(value)


def shell_quote(text: str) -> str:
    """Quote ``text`` so ``shlex.split`` gives it back as one token."""
    if _BARE_TOKEN.fullmatch(text):
        return text
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def host_var_text(value: Any) -> str:
    """The shell-quoted text after ``key=`` on an INI host line."""
    if isinstance(value, str) and value.isprintable() and _reads_back(value, value):
        return shell_quote(value)
    return shell_quote(python_literal(value))
