"""The shared expression language: what compiles, what is refused, and the soft budget."""

from __future__ import annotations

import time

import pytest

from noc_contracts.expressions import (
    BudgetExceeded,
    budget,
    check_expression,
    check_template,
    make_environment,
)

STEPS = ["check", "start"]
LOOPS = ["tries"]


@pytest.mark.parametrize("source", [
    "plain text",
    "{{ steps.check.rc == 0 }}",
    "{% if host.name %}x{% endif %}",
    "{{ steps['check'].facts.state }}",
    "{{ host.vars.anything.deep }} {{ vars.ticket }} {{ execution.started_at }}",
    "{% for i in range(3) %}{{ loop.index }}{% endfor %}",
    "{% set n = 2 %}{{ n * 3 }}",
    "{{ loop.tries.index0 }} {{ loop.tries.item }}",
    "{{ 'a' | upper }} {{ 1 if vars.x is defined else 2 }}",
])
def test_sound_templates_have_no_problems(source: str) -> None:
    assert check_template(source, steps=STEPS, loops=LOOPS) == []


@pytest.mark.parametrize(("source", "fragment"), [
    ("{{ steps.check.rc == }}", "does not compile"),
    ("{% if host.name %}", "does not compile"),
    ("{{ 'a' ", "does not compile"),
    ("{{ host.name | no_such_filter }}", "filter named 'no_such_filter'"),
    ("{% if host.name is no_such_test %}x{% endif %}", "no test named 'no_such_test'"),
    ("{% if host.name | no_such_filter %}x{% endif %}", "no filter named 'no_such_filter'"),
    ("{{ steps.ghost.rc }}", "no task node 'ghost'"),
    ("{{ steps['ghost'].rc }}", "no task node 'ghost'"),
    ("{{ loop.ghost.index }}", "no loop node 'ghost'"),
    ("{{ steps.check.stauts }}", "steps.check.stauts: unknown field"),
    ("{{ host.nmae }}", "host.nmae: unknown field"),
    ("{{ execution.who }}", "execution.who: unknown field"),
    ("{{ hots.name }}", "unknown name 'hots'"),
])
def test_problems_are_named(source: str, fragment: str) -> None:
    problems = check_template(source, steps=STEPS, loops=LOOPS)
    assert any(fragment in p for p in problems), problems


def test_expressions_are_checked_as_expressions() -> None:
    assert check_expression("steps.check.facts.state == 'running'", steps=STEPS) == []
    assert check_expression("1 }} {{ 2")[0].startswith("does not compile")
    assert "no task node 'gone'" in check_expression("steps.gone.rc == 0", steps=STEPS)[0]


def render(source: str, seconds: float = 0.5, **ctx: object) -> str:
    with budget(seconds=seconds, max_output=100_000):
        return make_environment().from_string(source).render(**ctx)


@pytest.mark.parametrize("source", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 1000000000 }}",
    "{{ [1] * 1000000000 }}",
    "{{ 7 ** 99999999 }}",
    "{{ '%999999999d' % 1 }}",
    "{{ range(10000000) | list }}",
])
def test_the_budget_stops_runaway_templates_quickly(source: str) -> None:
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        render(source)
    assert time.monotonic() - started < 3


def test_ordinary_templates_render_within_the_budget() -> None:
    assert render("{% for i in range(3) %}{{ i }}{% endfor %}-{{ 2 ** 10 }}-{{ 'ab' * 2 }}"
                  "-{{ '%05d' % 7 }}") == "012-1024-abab-00007"
