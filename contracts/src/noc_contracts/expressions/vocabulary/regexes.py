"""Ansible's regular-expression filters and tests on Python's ``re``, bounded.

Patterns and subjects are capped in length, and ``regex_replace`` expands each replacement in
Python so that the budget sees the result grow. A pattern that backtracks catastrophically is a
single C-level call the soft budget cannot stop: the scheduler's worker deadline ends it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from noc_contracts.expressions.budget import current
from noc_contracts.expressions.vocabulary.bounds import fail, text_input

MAX_PATTERN_CHARS = 2_000
_GROUP_REF = re.compile(r"^\\(?:(\d+)|g<(\w+)>)$")
_POSIX_BASIC_SPECIAL = re.compile(r"([].[^$*\\])")


def compile_pattern(name: str, pattern: Any, ignorecase: bool = False,
                    multiline: bool = False) -> re.Pattern[str]:
    """``pattern`` compiled with Ansible's two flags; a bad pattern is an error naming it."""
    source = pattern if isinstance(pattern, str) else str(pattern)
    if len(source) > MAX_PATTERN_CHARS:
        raise fail(name, f"the pattern is over {MAX_PATTERN_CHARS:,} characters")
    flags = (re.IGNORECASE if ignorecase else 0) | (re.MULTILINE if multiline else 0)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise fail(name, f"bad pattern {source!r}: {exc}") from None


def regex_search(value: Any, pattern: Any, *groups: Any, ignorecase: bool = False,
                 multiline: bool = False) -> Any:
    """The first match; with ``'\\1'`` / ``'\\g<name>'`` arguments, those groups as a list."""
    wanted: list[int | str] = []
    for group in groups:
        ref = _GROUP_REF.match(str(group))
        if ref is None:
            raise fail("regex_search", f"unknown argument {group!r} (use '\\\\1' or "
                                       "'\\\\g<name>')")
        wanted.append(int(ref.group(1)) if ref.group(1) else ref.group(2))
    found = compile_pattern("regex_search", pattern, ignorecase, multiline).search(
        text_input("regex_search", value))
    if found is None:
        return None
    if not wanted:
        return found.group()
    try:
        return [found.group(g) for g in wanted]
    except IndexError as exc:
        raise fail("regex_search", str(exc)) from None


def regex_findall(value: Any, pattern: Any, multiline: bool = False,
                  ignorecase: bool = False) -> list[Any]:
    """Every match (``re.findall``: a list of strings, or of group lists)."""
    found = compile_pattern("regex_findall", pattern, ignorecase, multiline).findall(
        text_input("regex_findall", value))
    return [list(item) if isinstance(item, tuple) else item for item in found]


def regex_replace(value: Any = "", pattern: Any = "", replacement: Any = "",
                  ignorecase: bool = False, multiline: bool = False, count: int = 0,
                  mandatory_count: int = 0) -> str:
    """``re.sub`` with Ansible's options; ``mandatory_count`` insists on that many changes."""
    subject = text_input("regex_replace", value)
    template = replacement if isinstance(replacement, str) else str(replacement)
    compiled = compile_pattern("regex_replace", pattern, ignorecase, multiline)
    active = current()
    grown = [len(subject)]

    def expand(match: re.Match[str]) -> str:
        active.check_time()
        try:
            text = match.expand(template)
        except (re.error, IndexError) as exc:
            raise fail("regex_replace", f"bad replacement {template!r}: {exc}") from None
        grown[0] += len(text)
        active.check_size(grown[0])
        return text

    result, made = compiled.subn(expand, subject, count=count)
    if mandatory_count and made != mandatory_count:
        raise fail("regex_replace", f"{made} replacements made, {mandatory_count} required")
    return result


def regex_escape(value: Any, re_type: str = "python") -> str:
    """``value`` with the pattern characters escaped, for Python or POSIX basic regexes."""
    text = text_input("regex_escape", value)
    if re_type == "python":
        return re.escape(text)
    if re_type == "posix_basic":
        return _POSIX_BASIC_SPECIAL.sub(r"\\\1", text)
    raise fail("regex_escape", f"unsupported re_type {re_type!r} (python, posix_basic)")


def is_regex(value: Any, pattern: Any = "", ignorecase: bool = False, multiline: bool = False,
               match_type: str = "search") -> bool:
    """True when ``pattern`` is found (``match_type``: search, match or fullmatch)."""
    if match_type not in ("search", "match", "fullmatch"):
        raise fail("regex", f"unknown match_type {match_type!r}")
    compiled = compile_pattern(match_type, pattern, ignorecase, multiline)
    subject = text_input(match_type, value)
    return getattr(compiled, match_type)(subject) is not None


def is_match(value: Any, pattern: Any = "", ignorecase: bool = False,
               multiline: bool = False) -> bool:
    """True when ``pattern`` matches at the start of ``value``."""
    return is_regex(value, pattern, ignorecase, multiline, "match")


def is_search(value: Any, pattern: Any = "", ignorecase: bool = False,
                multiline: bool = False) -> bool:
    """True when ``pattern`` is found anywhere in ``value``."""
    return is_regex(value, pattern, ignorecase, multiline, "search")


FILTERS: dict[str, Callable[..., Any]] = {
    "regex_search": regex_search, "regex_findall": regex_findall, "regex_replace": regex_replace,
    "regex_escape": regex_escape,
}
TESTS: dict[str, Callable[..., Any]] = {
    "regex": is_regex, "match": is_match, "search": is_search,
}
