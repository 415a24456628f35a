"""Ansible's size and math filters: ``human_readable``, ``human_to_bytes``, ``log``, ``pow``,
``root``. Sizes use powers of 1,024 and the units B, K, M, G, T, P, E, Z, Y, as Ansible does."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from noc_contracts.expressions.vocabulary.bounds import fail

_UNITS = "BKMGTPEZY"
_HUMAN = re.compile(r"^(\d*\.?\d+)\s*([A-Za-z]+)?\s*$")
#: the widest number the math filters accept (their results are floats anyway)
MAX_NUMBER = 10.0 ** 300


def human_readable(size: Any, isbits: bool = False, unit: str | None = None) -> str:
    """``size`` in the largest unit it reaches (or in ``unit``): ``1.00 KB``, ``10.00 bits``."""
    if isinstance(size, bool) or not isinstance(size, int | float):
        raise fail("human_readable", f"expects a number, got {type(size).__name__}")
    wanted = unit.upper() if unit else None
    power = 0
    for index in range(len(_UNITS) - 1, 0, -1):
        if (wanted is None and size >= 1 << (10 * index)) or wanted == _UNITS[index]:
            power = index
            break
    scaled = size / (1 << (10 * power))
    if power == 0:
        return f"{scaled:.2f} {'bits' if isbits else 'Bytes'}"
    return f"{scaled:.2f} {_UNITS[power]}{'b' if isbits else 'B'}"


def human_to_bytes(value: Any, default_unit: str | None = None, isbits: bool = False) -> int:
    """``'1.5 KB'`` -> 1536; with ``isbits`` the units read bits (``Kb``); round half to even."""
    text = str(value)
    parsed = _HUMAN.match(text)
    if parsed is None:
        raise fail("human_to_bytes", f"cannot read {text[:60]!r} as a size")
    number, unit = float(parsed.group(1)), parsed.group(2) or default_unit
    if not unit:
        return round(number)
    letter, suffix, word = unit[0].upper(), "b" if isbits else "B", "bit" if isbits else "byte"
    if letter not in _UNITS:
        raise fail("human_to_bytes", f"unknown unit {unit!r} (one of {', '.join(_UNITS)})")
    if letter == "B":
        valid = len(unit) == 1 or unit.lower() == word
        expected = f"{suffix} or {word}"
    else:
        valid = len(unit) == 1 or unit == letter + suffix
        expected = f"{letter}{suffix} or {letter}"
    if not valid:
        raise fail("human_to_bytes", f"cannot read {text[:60]!r} (expected {expected})")
    return round(number * (1 << (10 * _UNITS.index(letter))))


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(name, f"expects a number, got {type(value).__name__}")
    if abs(value) > MAX_NUMBER:
        raise fail(name, "the number is too large")
    return float(value)


def log(value: Any, base: Any = math.e) -> float:
    """The logarithm of ``value`` (natural by default)."""
    try:
        return math.log(_number("log", value), _number("log", base))
    except (ValueError, ZeroDivisionError) as exc:
        raise fail("log", str(exc)) from None


def power(value: Any, exponent: Any) -> float:
    """``value`` to the power ``exponent``, as a float (too large is an error)."""
    try:
        return math.pow(_number("pow", value), _number("pow", exponent))
    except (OverflowError, ValueError) as exc:
        raise fail("pow", str(exc)) from None


def root(value: Any, base: Any = 2) -> float:
    """The square root of ``value``, or its ``base``-th root."""
    number, degree = _number("root", value), _number("root", base)
    try:
        return math.sqrt(number) if degree == 2 else math.pow(number, 1.0 / degree)
    except (OverflowError, ValueError, ZeroDivisionError) as exc:
        raise fail("root", str(exc)) from None


FILTERS: dict[str, Callable[..., Any]] = {
    "human_readable": human_readable, "human_to_bytes": human_to_bytes, "log": log, "pow": power,
    "root": root,
}
