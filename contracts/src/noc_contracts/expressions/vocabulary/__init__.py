"""The Ansible filters and tests of the expression language, written from Ansible's documented
behaviour (ansible-core is never imported here) and each bounded by the active budget.

``install(env)`` adds them to an environment; Jinja's own filters and tests (``default``/``d``,
``int``, ``float``, ``string``, ``unique``, ``select``, ``in``, ``defined``, ...) stay as they
are. ``FILTERS`` and ``TESTS`` name everything added; ``constant_problem`` checks the literal
arguments (regexes, JMESPath queries, version operators) on save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment

from noc_contracts.expressions.vocabulary import (
    logic,
    quantities,
    regexes,
    results,
    serial,
    structures,
    text,
    versions,
)
from noc_contracts.expressions.vocabulary.bounds import VocabularyError, bounded
from noc_contracts.expressions.vocabulary.static import constant_problem

__all__ = ["FILTERS", "TESTS", "VocabularyError", "constant_problem", "install"]

_Table = dict[str, Callable[..., Any]]


def _bounded(*tables: Mapping[str, Callable[..., Any]]) -> _Table:
    merged: _Table = {}
    for table in tables:
        merged.update({name: bounded(function) for name, function in table.items()})
    return merged


FILTERS = _bounded(logic.FILTERS, quantities.FILTERS, regexes.FILTERS, serial.FILTERS,
                   structures.FILTERS, text.FILTERS, versions.FILTERS)
TESTS = _bounded(logic.TESTS, regexes.TESTS, results.TESTS, structures.TESTS, versions.TESTS)


def install(env: Environment) -> None:
    """Add the Ansible filters and tests to ``env`` (over any of Jinja's with the same name)."""
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
