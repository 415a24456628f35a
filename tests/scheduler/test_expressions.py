"""The Jinja2 sandbox: rendering, native values, and refused escapes."""

from __future__ import annotations

from typing import Any

import pytest

from noc_contracts.expressions import ExpressionEnvironment, budget
from noc_scheduler.flow import expressions
from noc_scheduler.flow.expressions import BudgetError, ExpressionError

CTX: dict[str, Any] = {"host": {"name": "web1", "groups": ["dc1"]},
                       "steps": {"check": {"rc": 0, "facts": {"state": "running"}}},
                       "loop": {"L": {"index": 2, "item": "sdb"}}, "vars": {"n": 3}}


@pytest.mark.parametrize(("value", "expected"), [
    ("plain", "plain"),
    ("{{ host.name }}", "web1"),
    ("disk {{ loop.L.item }} #{{ loop.L.index }}", "disk sdb #2"),
    ("{{ vars.n + 1 }}", 4),
    ("{{ host.groups }}", ["dc1"]),
    ({"a": ["{{ host.name }}", 1]}, {"a": ["web1", 1]}),
    ("{{ 'dc1' in host.groups }}", True),
])
def test_render_value(value: Any, expected: Any) -> None:
    assert expressions.render_value(value, CTX) == expected


@pytest.mark.parametrize(("expr", "expected"), [
    ("steps.check.rc == 0", True), ("steps.check.facts.state == 'stopped'", False),
    ("steps.missing is defined", False), ("vars.n > 2 and host.name.startswith('web')", True)])
def test_condition(expr: str, expected: bool) -> None:
    assert expressions.condition(expr, CTX) is expected


@pytest.mark.parametrize("template", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ host.__class__.__init__.__globals__ }}",
    "{{ host.name.__class__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ (1).__class__.__base__ }}",
])
def test_escapes_are_refused(template: str) -> None:
    with pytest.raises(ExpressionError) as info:
        expressions.render_value(template, CTX)
    assert "unsafe" in str(info.value) or "undefined" in str(info.value)


@pytest.mark.parametrize(("template", "fragment"), [
    ("{{ nope.x }}", "'nope' is undefined"),
    ("{{ steps.check.nothing.deeper }}", "nothing"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ("{% for x in %}", "expected"),
    ("x" * 20_000 + "{{ 1 }}", "too long"),
])
def test_errors_are_messages_not_crashes(template: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as info:
        expressions.render_value(template, CTX)
    assert fragment.lower() in str(info.value).lower()


def test_the_environment_is_the_shared_one() -> None:
    assert isinstance(expressions._env, ExpressionEnvironment)
    assert expressions.render_value("{{ range(3) | list }}", CTX) == [0, 1, 2]
    assert expressions.to_data(expressions.render_value("{{ range(2) }}", CTX)) == [0, 1]


@pytest.mark.parametrize("template", [
    "{{ 'x' * 10**9 }}",
    "{% for i in range(10**6) %}{% for j in range(10**6) %}{{ i }}{% endfor %}{% endfor %}",
    "{{ 2 ** 100000 }}",
])
def test_budget_failures_are_budget_errors(template: str) -> None:
    with budget(0.3), pytest.raises(BudgetError, match="over budget"):
        expressions.render_value(template, CTX)


def test_a_trailing_newline_is_kept() -> None:
    assert expressions.render_value("hello {{ host.name }}\n", CTX) == "hello web1\n"


def test_long_sources_are_cut_in_messages() -> None:
    with pytest.raises(ExpressionError) as info:
        expressions.render_value("{{ nope }}" + "x" * 5_000, CTX)
    assert len(str(info.value)) < 300
