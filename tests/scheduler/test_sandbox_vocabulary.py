"""Ansible's filters and tests in the scheduler's sandbox worker processes: the same values as
in process, hostile regexes and documents end within their bounds, and a template's own error
is an ordinary expression error that names the filter."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from noc_scheduler.flow import expressions
from noc_scheduler.flow.expressions import BudgetError, ExpressionError
from noc_scheduler.sandbox import Limits, SandboxEvaluator, SandboxPool

BUDGET_S = 0.5


def ctx(execution: str = "e1") -> dict[str, Any]:
    return {"host": {"name": "web1", "groups": ["web"],
                     "vars": {"nginx": "1.18.0", "doc": "a: 1\nb: [x, y]\n"}},
            "execution": {"id": execution},
            "steps": {"check": {"status": "ok", "changed": False, "rc": 0,
                                "stdout": "active (running) since Mon", "stderr": "", "msg": "",
                                "facts": {"units": [{"name": "nginx", "up": True},
                                                    {"name": "php", "up": False}]}},
                      "fix": {"status": "lost", "changed": False, "rc": None, "stdout": "",
                              "stderr": "", "msg": "lease expired", "facts": {}}},
            "loop": {}, "vars": {"force": "yes"}}


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    sandbox = SandboxPool(2, Limits(BUDGET_S, 200_000, 128 * 1024 * 1024), BUDGET_S * 1.5)
    yield sandbox
    sandbox.close()


@pytest.fixture
def ev(pool: SandboxPool) -> SandboxEvaluator:
    return SandboxEvaluator(pool)


@pytest.mark.parametrize("condition", [
    "steps.check is succeeded and steps.check is not changed",
    "steps.fix is failed and steps.fix is reachable",
    "steps.check.stdout is search('active \\\\(running\\\\)')",
    "host.vars.nginx is version('1.16', '>=') and vars.force | bool",
    "(host.vars.doc | from_yaml).b | length == 2",
])
def test_conditions_in_a_worker_as_in_process(ev: SandboxEvaluator, condition: str) -> None:
    assert ev.condition(condition, ctx()) is True
    assert expressions.condition(condition, ctx()) is True


def test_rendered_values_keep_their_types(ev: SandboxEvaluator) -> None:
    assert ev.render_value("{{ steps.check.facts | json_query('units[?up].name') }}",
                           ctx()) == ["nginx"]
    assert ev.render_value("{{ host.vars.doc | from_yaml | combine({'c': 3}) }}", ctx()) == {
        "a": 1, "b": ["x", "y"], "c": 3}
    assert ev.render_value("{{ '2 GB' | human_to_bytes }}", ctx()) == 2 * 1024 ** 3
    assert ev.render("{{ host.name }} is {{ steps.check | ternary('up', 'down') }}",
                     ctx()) == "web1 is up"


def test_a_catastrophic_regex_is_ended_by_the_worker_deadline(ev: SandboxEvaluator) -> None:
    started = time.monotonic()
    with pytest.raises(BudgetError, match=f"took longer than its {BUDGET_S:g} s budget"):
        ev.condition("('a' * 40 ~ '!') is match('(a+)+$')", ctx("e-regex"))
    assert time.monotonic() - started < BUDGET_S * 1.5 + 3
    assert ev.condition("'aaa' is match('(a+)+$')", ctx()) is True  # a fresh worker serves


def test_an_amplifying_replace_is_over_budget(ev: SandboxEvaluator) -> None:
    with pytest.raises(BudgetError, match="over budget"):
        ev.render_value("{{ ('a' * 5000) | regex_replace('', 'x' * 100) }}", ctx("e-amp"))


def test_the_filters_own_errors_name_the_filter(ev: SandboxEvaluator) -> None:
    for template, fragment in [("{{ host.name | regex_search(vars.force ~ '(') }}",
                                "regex_search: bad pattern"),
                               ("{{ 'a: &a [*a]' | from_yaml }}", "from_yaml: the document"),
                               ("{{ 'x' is failed }}", "failed: expects a step"),
                               ("{{ steps.gone is failed }}", "has no attribute 'gone'")]:
        with pytest.raises(ExpressionError, match=fragment) as info:
            ev.render_value(template, ctx())
        assert not isinstance(info.value, BudgetError)
