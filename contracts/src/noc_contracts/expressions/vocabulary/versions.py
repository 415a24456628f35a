"""Version comparison, Ansible's ``version`` test (also ``version_compare``, and a filter).

Four ways to read a version, as Ansible offers them: ``loose`` (the default: runs of digits
compare as numbers, runs of letters as text, so ``7.10 > 7.9``; a number against text is an
error), ``strict`` (``N.N[.N][aN|bN]``), ``semver``/``semantic`` (SemVer 2.0 precedence, build
metadata ignored) and ``pep440`` (Python packaging's ``Version``).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from packaging.version import InvalidVersion, Version

from noc_contracts.expressions.vocabulary.bounds import fail

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "=": operator.eq, "eq": operator.eq,
    "<": operator.lt, "lt": operator.lt, "<=": operator.le, "le": operator.le,
    ">": operator.gt, "gt": operator.gt, ">=": operator.ge, "ge": operator.ge,
    "!=": operator.ne, "<>": operator.ne, "ne": operator.ne,
}
_LOOSE_PART = re.compile(r"(\d+|[a-z]+|\.)")
_STRICT = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$", re.ASCII)
_IDENT = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                     rf"(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$")
MAX_VERSION_CHARS = 256


def _loose(text: str) -> list[Any]:
    parts = [p for p in _LOOSE_PART.split(text) if p and p != "."]
    return [int(p) if p.isdigit() else p for p in parts]


def _strict(text: str) -> tuple[Any, ...]:
    found = _STRICT.match(text)
    if found is None:
        raise ValueError(f"invalid version number {text!r}")
    major, minor, patch, letter, number = found.groups()
    release = (int(major), int(minor), int(patch or 0))
    return (*release, (1,) if letter is None else (0, letter, int(number)))


def _semver(text: str) -> tuple[Any, ...]:
    found = _SEMVER.match(text)
    if found is None:
        raise ValueError(f"invalid semantic version {text!r}")
    major, minor, patch, pre = found.groups()
    if pre is None:
        rank: tuple[Any, ...] = (1,)
    else:
        rank = (0, tuple((0, int(i)) if i.isdigit() else (1, i) for i in pre.split(".")))
    return int(major), int(minor), int(patch), rank


def _pep440(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion as exc:
        raise ValueError(str(exc)) from None


_READERS: dict[str, Callable[[str], Any]] = {
    "loose": _loose, "strict": _strict, "semver": _semver, "semantic": _semver,
    "pep440": _pep440,
}


def check_operator(name: str, operator: Any) -> Callable[[Any, Any], bool]:
    """The comparison ``operator`` names; an error naming the known ones otherwise."""
    compare = _OPERATORS.get(str(operator))
    if compare is None:
        raise fail(name, f"unknown operator {operator!r} (one of {', '.join(_OPERATORS)})")
    return compare


def version(value: Any, other: Any, operator: str = "eq", strict: bool | None = None,
            version_type: str | None = None) -> bool:
    """``value <operator> other`` read as versions: ``'7.10' is version('7.9', '>')``."""
    if strict is not None and version_type is not None:
        raise fail("version", "give strict or version_type, not both")
    compare = check_operator("version", operator)
    kind = "strict" if strict else version_type or "loose"
    read = _READERS.get(kind)
    if read is None:
        raise fail("version", f"unknown version_type {kind!r} (one of {', '.join(_READERS)})")
    left, right = str(value) if value else "", str(other) if other else ""
    if not left or not right:
        raise fail("version", "a version to compare is empty")
    if max(len(left), len(right)) > MAX_VERSION_CHARS:
        raise fail("version", f"a version is over {MAX_VERSION_CHARS} characters")
    try:
        return bool(compare(read(left), read(right)))
    except (TypeError, ValueError) as exc:
        raise fail("version", f"comparison failed: {exc}") from None


FILTERS: dict[str, Callable[..., Any]] = {
    "version": version, "version_compare": version,
}
TESTS: dict[str, Callable[..., Any]] = {
    "version": version, "version_compare": version,
}
