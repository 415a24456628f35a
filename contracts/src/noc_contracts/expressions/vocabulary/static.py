"""Checks on the constant arguments of filters and tests, made on save without running anything:
a literal regex compiles, a literal JMESPath query parses, a literal version operator and type
exist. A procedure with ``regex_search('(')`` is then refused when saved, not at 3 a.m."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError

from noc_contracts.expressions.vocabulary import regexes, versions
from noc_contracts.expressions.vocabulary.bounds import VocabularyError

_PATTERN_FIRST = frozenset({"regex_search", "regex_findall", "regex_replace"})
_PATTERN_TESTS = frozenset({"match", "search", "regex"})
_VERSION = frozenset({"version", "version_compare"})


def _pattern(name: str, args: list[Any]) -> None:
    if args and isinstance(args[0], str):
        regexes.compile_pattern(name, args[0])


def _query(name: str, args: list[Any]) -> None:
    if args and isinstance(args[0], str):
        try:
            jmespath.compile(args[0])
        except JMESPathError as exc:
            raise VocabularyError(f"{name}: {str(exc).splitlines()[0]}") from None


def _version(name: str, args: list[Any]) -> None:
    if len(args) > 1 and isinstance(args[1], str):
        versions.check_operator(name, args[1])


def _checker(kind: str, name: str) -> Callable[[str, list[Any]], None] | None:
    if (name in _PATTERN_FIRST and kind == "filter") or (name in _PATTERN_TESTS and kind == "test"):
        return _pattern
    if name == "json_query" and kind == "filter":
        return _query
    if name in _VERSION:
        return _version
    return None


def constant_problem(kind: str, name: str, args: list[Any]) -> str | None:
    """What is wrong with the constant arguments of filter or test ``name``
    (``args``: the arguments after the piped value, ``...`` where one is not constant)."""
    checker = _checker(kind, name)
    if checker is None:
        return None
    try:
        checker(name, args)
    except VocabularyError as exc:
        return str(exc)
    return None
