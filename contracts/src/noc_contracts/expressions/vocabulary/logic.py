"""Ansible's truth filters and tests: ``bool``, ``ternary``, ``mandatory``, ``truthy``/``falsy``.

``bool`` keeps Ansible's historical mapping (``yes``/``on``/``1``/``true``/1 are true, anything
else false); ``truthy(convert_bool=True)`` reads the wider boolean words (``y``, ``t``, ``off``,
...) with spaces trimmed and falls back to Python truth for the rest, as Ansible's do.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Callable
from typing import Any

from jinja2 import Undefined

from noc_contracts.expressions.vocabulary.bounds import accepts_undefined, fail

_BOOL_TRUE: tuple[Any, ...] = ("yes", "on", "1", "true", 1)
_WORDS_TRUE: tuple[Any, ...] = ("y", "yes", "on", "1", "true", "t", 1, 1.0)
_WORDS_FALSE: tuple[Any, ...] = ("n", "no", "off", "0", "false", "f", 0, 0.0)


def to_bool(value: Any) -> bool:
    """The ``bool`` filter: true only for Ansible's true words (case-insensitive) and 1."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        value = value.lower()
    elif not isinstance(value, int | float):
        return False
    return value in _BOOL_TRUE


def _boolean_word(value: Any) -> bool | None:
    """True/False for a boolean word or number, None when ``value`` is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        value = value.strip().lower()
    elif not isinstance(value, int | float):
        return None
    if value in _WORDS_TRUE:
        return True
    if value in _WORDS_FALSE:
        return False
    return None


def ternary(value: Any, true_value: Any, false_value: Any, none_value: Any = None) -> Any:
    """``true_value`` when ``value`` is truthy, else ``false_value`` (``none_value`` for None,
    when given)."""
    if value is None and none_value is not None:
        return none_value
    return true_value if value else false_value


@accepts_undefined
def mandatory(value: Any, msg: str | None = None) -> Any:
    """``value`` itself, or an error when it is undefined (``msg`` replaces the message)."""
    if isinstance(value, Undefined):
        name = getattr(value, "_undefined_name", None)
        what = f"'{name}'" if name else "value"
        raise fail("mandatory", msg or f"mandatory variable {what} not defined")
    return value


def is_truthy(value: Any, convert_bool: bool = False) -> bool:
    """Python truth, or with ``convert_bool`` the boolean words first."""
    if convert_bool:
        word = _boolean_word(value)
        if word is not None:
            return word
    return bool(value)


def is_falsy(value: Any, convert_bool: bool = False) -> bool:
    """Not ``truthy``."""
    return not is_truthy(value, convert_bool)


def is_nan(value: Any) -> bool:
    """True for a float NaN."""
    return isinstance(value, float) and math.isnan(value)


def is_abs(value: Any) -> bool:
    """True for an absolute POSIX path (no file system access)."""
    return posixpath.isabs(str(value))


FILTERS: dict[str, Callable[..., Any]] = {
    "bool": to_bool, "ternary": ternary, "mandatory": mandatory,
}
TESTS: dict[str, Callable[..., Any]] = {
    "truthy": is_truthy, "falsy": is_falsy, "any": any, "all": all, "nan": is_nan, "isnan": is_nan,
    "abs": is_abs, "is_abs": is_abs,
}
