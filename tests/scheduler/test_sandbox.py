"""The sandbox worker pool with real processes: hostile templates end within their budget with
a clear message, memory bombs fail cleanly, a stuck worker is killed and replaced, the breaker
makes a hostile template cost one budget per execution, and others are not held up."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from noc_scheduler.flow.expressions import BudgetError, ExpressionError
from noc_scheduler.sandbox import Limits, SandboxEvaluator, SandboxPool

NESTED_RANGE = ("{% for i in range(100000) %}{% for j in range(100000) %}"
                "{% endfor %}{% endfor %}")
PRINTING_RANGE = ("{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}"
                  "{% endfor %}{% endfor %}")
HANG = "{{ (10 ** 10000) ** 10000 }}"  # one C-level operation: the soft budget cannot stop it
BUDGET_S = 0.5


def ctx(execution: str = "e1") -> dict[str, Any]:
    return {"host": {"name": "web1", "vars": {"n": 3}}, "execution": {"id": execution},
            "steps": {}, "loop": {}, "vars": {}}


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    """One pool for the module: its processes start once (forks of the fork server)."""
    sandbox = SandboxPool(2, Limits(BUDGET_S, 200_000, 128 * 1024 * 1024), BUDGET_S * 1.5)
    yield sandbox
    sandbox.close()


@pytest.fixture
def ev(pool: SandboxPool) -> SandboxEvaluator:
    return SandboxEvaluator(pool)  # a fresh breaker per test


def timed(call: Any) -> tuple[Any, float]:
    started = time.monotonic()
    try:
        return call(), time.monotonic() - started
    except ExpressionError as exc:
        return exc, time.monotonic() - started


def test_same_semantics_as_in_process(ev: SandboxEvaluator) -> None:
    assert ev.render_value("{{ host.vars.n + 1 }}", ctx()) == 4
    assert ev.render_value({"a": ["{{ host.name }}", 1]}, ctx()) == {"a": ["web1", 1]}
    assert ev.render_value("on {{ host.name }}\n", ctx()) == "on web1\n"
    assert ev.condition("host.vars.n > 2", ctx()) is True
    assert ev.evaluate("range(3)", ctx()) == [0, 1, 2]
    with pytest.raises(ExpressionError, match="'nope' is undefined") as info:
        ev.render_value("{{ nope }}", ctx())
    assert not isinstance(info.value, BudgetError)


def test_text_that_is_not_a_template_never_reaches_a_worker() -> None:
    idle = SandboxPool(1, Limits(1.0, 10_000, 64 * 1024 * 1024), 1.5)
    try:
        ev = SandboxEvaluator(idle)
        assert ev.render_value({"path": "/tmp/x", "n": 3, "l": ["a"]}, ctx()) == {
            "path": "/tmp/x", "n": 3, "l": ["a"]}
        assert ev.render("plain", ctx()) == "plain"
        assert idle._live == 0
    finally:
        idle.close()


def test_nested_range_ends_within_its_budget(ev: SandboxEvaluator) -> None:
    error, took = timed(lambda: ev.render_value(NESTED_RANGE, ctx()))
    assert isinstance(error, BudgetError)
    assert "over budget" in str(error) and f"{BUDGET_S:g} s budget" in str(error)
    assert took < BUDGET_S + 3
    error, took = timed(lambda: ev.render_value(PRINTING_RANGE, ctx()))  # memory goes first
    assert isinstance(error, BudgetError) and "over budget" in str(error)
    assert took < BUDGET_S + 3


@pytest.mark.parametrize(("template", "fragment"), [
    ("{{ 'x' * 10**9 }}", "over the"),
    ("{{ 'x'.ljust(10**9) | length }}", "ran out of memory"),
    ("{{ 'x' * 150000 ~ 'y' * 150000 }}", "bytes, over the 200,000 limit"),
])
def test_memory_and_size_bombs_fail_cleanly(ev: SandboxEvaluator, template: str,
                                            fragment: str) -> None:
    error, took = timed(lambda: ev.render_value(template, ctx()))
    assert isinstance(error, BudgetError), error
    assert fragment in str(error)
    assert took < 5
    assert ev.render_value("{{ 1 + 1 }}", ctx()) == 2  # the pool still serves


def test_a_stuck_worker_is_killed_and_replaced(pool: SandboxPool, ev: SandboxEvaluator) -> None:
    ev.render_value("{{ 1 }}", ctx())
    before = set(pool.pids())
    error, took = timed(lambda: ev.render_value(HANG, ctx()))
    assert isinstance(error, BudgetError)
    assert f"took longer than its {BUDGET_S:g} s budget" in str(error)
    assert took < BUDGET_S * 1.5 + 3
    for pid in before - set(pool.pids()):
        with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
            os.kill(pid, 0)
    assert ev.render_value("{{ 2 + 2 }}", ctx()) == 4


def test_a_worker_killed_from_outside_is_replaced(pool: SandboxPool,
                                                  ev: SandboxEvaluator) -> None:
    ev.render_value("{{ 1 }}", ctx())
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert ev.render_value("{{ 3 + 3 }}", ctx()) == 6


def test_the_breaker_costs_one_budget_per_execution(ev: SandboxEvaluator) -> None:
    first, took_first = timed(lambda: ev.render_value(NESTED_RANGE, ctx("e-hostile")))
    again = [timed(lambda: ev.render_value(NESTED_RANGE, ctx("e-hostile"))) for _ in range(20)]
    assert took_first >= BUDGET_S * 0.8
    assert all(str(error) == str(first) for error, _ in again)
    assert sum(took for _, took in again) < BUDGET_S  # 20 more hosts, no second budget
    elsewhere, took = timed(lambda: ev.render_value(NESTED_RANGE, ctx("e-other")))
    assert isinstance(elsewhere, BudgetError) and took >= BUDGET_S * 0.8
    # an ordinary error does not trip it: each host may see different data
    for _ in range(2):
        with pytest.raises(ExpressionError) as info:
            ev.render_value("{{ nope }}", ctx("e-hostile"))
        assert not isinstance(info.value, BudgetError)


def test_a_hostile_template_does_not_hold_up_the_others(ev: SandboxEvaluator) -> None:
    hostile = threading.Thread(target=timed, args=(lambda: ev.render_value(HANG, ctx("e9")),))
    hostile.start()
    try:
        time.sleep(0.1)
        value, took = timed(lambda: ev.render_value("{{ host.name }}", ctx("e10")))
        assert value == "web1" and took < BUDGET_S
    finally:
        hostile.join(10)
