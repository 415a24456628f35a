"""The two-transaction advance, driven by hand on SQLite and PostgreSQL: a process that stops
after transaction 1 loses nothing (the maintenance loop advances what it left due), a move
computed for a host run that changed meanwhile is not applied, and no expression is ever
evaluated inside a database transaction."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import ResolvedRun, TaskResult
from noc_scheduler.core.errors import SchedulerError
from noc_scheduler.flow.evaluator import Context, InProcessEvaluator, WalkBudget
from noc_scheduler.flow.expressions import BudgetError
from noc_scheduler.nodes import registry
from noc_scheduler.runs import advance, maintenance, results
from noc_scheduler.runs.executions import cancel_execution, create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Execution, HostRun, Node, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, make_settings

RUN = ResolvedRun.model_validate({
    "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
    "graph": {"nodes": [
        {"id": "a", "type": "task", "task": "copy",
         "params": {"dest": "/tmp/a", "content": "{{ host.name }}"}},
        {"id": "d", "type": "decision", "condition": "steps.a.rc == 0"},
        {"id": "w", "type": "wait", "seconds": 1},
        {"id": "b", "type": "task", "task": "copy",
         "params": {"dest": "/tmp/b", "content": "{{ steps.a.stdout }}"}},
        {"id": "e", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [{"from": "a", "to": "d", "on": "success"},
                  {"from": "d", "to": "w", "on": "true"}, {"from": "d", "to": "bad", "on": "false"},
                  {"from": "w", "to": "b", "on": "next"}, {"from": "b", "to": "e", "on": "success"}],
        "start": "a"},
    "hosts": [{"name": "h1", "address": "10.0.0.1"}, {"name": "h2", "address": "10.0.0.2"}]})


class WatchingEvaluator(InProcessEvaluator):
    """Records, for every evaluation, whether the evaluating thread was in a transaction."""

    def __init__(self, db: Any) -> None:
        super().__init__()
        self.db = db
        self.in_transaction: list[bool] = []

    def render_value(self, value: Any, context: Context) -> Any:
        self.in_transaction.append(self.db.in_transaction())
        return super().render_value(value, context)

    def condition(self, expression: str, context: Context) -> bool:
        self.in_transaction.append(self.db.in_transaction())
        return super().condition(expression, context)


@pytest.fixture
def rt(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = Runtime(make_settings(tmp_path, database_url))
    runtime.evaluator = WatchingEvaluator(runtime.db)
    runtime.create_tables()
    with runtime.db.connection_context(), runtime.db.atomic():
        node = registry.register(runtime.box, "n1", "http://127.0.0.1:9", NODE_TOKEN)
        Node.update(last_seen_at=utcnow()).where(Node.id == node.id).execute()
    yield runtime
    runtime.close()


def created(rt: Runtime) -> list[int]:
    """Transaction 1 of a start, and nothing after it (the process 'dies' here)."""
    with rt.db.connection_context(), rt.db.atomic():
        _, due = create_execution(rt.box, RUN, schedule_id=None, run_vars={}, check_mode=False,
                                  now=utcnow())
    return due


def steps(rt: Runtime, status: str | None = None) -> list[Step]:
    with rt.db.connection_context():
        query = Step.select().order_by(Step.created_at, Step.task_id)
        return [s for s in query if status is None or s.status == status]


def answer(rt: Runtime, step: Step) -> list[int]:
    """A node's result recorded (transaction 1 only), as the results route does."""
    Step.update(status="dispatched", node="n1", batch_id=step.task_id).where(
        Step.task_id == step.task_id).execute()
    with rt.db.connection_context(), rt.db.atomic():
        node = Node.get(Node.name == "n1")
        body = TaskResult(task_id=step.task_id, node="n1", results=[
            {"host": step.host_run.host_name, "status": "ok", "rc": 0, "stdout": "hi"}])
        _, due = results.accept(node, body, utcnow())
    return due


def test_a_crash_after_transaction_1_is_recovered_by_maintenance(rt: Runtime) -> None:
    due = created(rt)
    assert len(due) == 2 and steps(rt) == []  # marked due, nothing evaluated yet
    assert advance.redo_due(rt, utcnow()) == 0  # not yet: the live path may still do it
    assert advance.redo_due(rt, utcnow() + timedelta(seconds=advance.REDO_S + 1)) == 2
    first = steps(rt)
    assert sorted(s.params["content"] for s in first) == ["h1", "h2"]
    # a result recorded, then the process dies again before advancing
    for step in first:
        with rt.db.connection_context():
            assert answer(rt, step)
    later = utcnow() + timedelta(seconds=advance.REDO_S + 1)
    maintenance.tick(rt)  # too early for the redo; nothing lost either
    assert len(steps(rt)) == 2
    assert advance.redo_due(rt, later) == 2
    with rt.db.connection_context():
        waiting = list(HostRun.select())
    assert all(hr.wake_at is not None and hr.advance is None for hr in waiting)
    # the wait is over: marked due (transaction 1) and advanced by the same tick
    assert maintenance.wake(rt, utcnow() + timedelta(seconds=5)) == 2
    assert sorted(s.params["content"] for s in steps(rt, "pending") if s.step_id == "b") == [
        "hi", "hi"]
    assert rt.evaluator.in_transaction and not any(rt.evaluator.in_transaction)  # type: ignore[attr-defined]


def test_a_move_for_a_host_run_that_changed_is_not_applied(rt: Runtime) -> None:
    due = created(rt)
    with rt.db.connection_context():
        rows = list(HostRun.select().where(HostRun.id.in_(due)))
        execution = Execution.get()
    graph = RUN.graph
    plans = [advance._plan(rt, row, execution, graph, None) for row in rows]
    assert all(plan.action is not None for plan in plans)
    with rt.db.connection_context(), rt.db.atomic():  # meanwhile: the execution is cancelled
        cancel_execution(Execution.get(), utcnow())
    assert advance._apply(rt, plans) == []
    assert steps(rt) == []
    with rt.db.connection_context():
        assert {hr.status for hr in HostRun.select()} == {"cancelled"}
        assert all(hr.advance is None for hr in HostRun.select())
    # and the maintenance loop has nothing left to redo
    assert advance.redo_due(rt, utcnow() + timedelta(seconds=advance.REDO_S + 1)) == 0


def test_the_same_advance_twice_applies_once(rt: Runtime) -> None:
    due = created(rt)
    assert len(advance.advance(rt, due)) == 2
    assert advance.advance(rt, due) == []
    assert len(steps(rt)) == 2


def test_two_evaluations_of_one_advance_apply_once(rt: Runtime) -> None:
    """The live path and a maintenance redo may both evaluate one advance: one move wins."""
    due = created(rt)
    with rt.db.connection_context():
        rows = list(HostRun.select().where(HostRun.id.in_(due)))
        execution = Execution.get()
    live = [advance._plan(rt, row, execution, RUN.graph, None) for row in rows]
    redo = [advance._plan(rt, row, execution, RUN.graph, None) for row in rows]
    assert len(advance._apply(rt, live)) == 2
    assert advance._apply(rt, redo) == []
    assert len(steps(rt)) == 2


class Broken(InProcessEvaluator):
    def render_value(self, value: Any, context: Context) -> Any:
        raise RuntimeError("a bug")


def test_a_bug_while_advancing_ends_the_host_run_instead_of_leaving_it_running(
        rt: Runtime) -> None:
    due = created(rt)
    rt.evaluator = Broken()
    assert advance.advance(rt, due) == []
    with rt.db.connection_context():
        runs = list(HostRun.select())
        assert {hr.status for hr in runs} == {"failed"}
        assert all("could not advance this host: RuntimeError" in hr.state["message"]
                   for hr in runs)
        assert Execution.get().status == "failed"


def test_advancing_inside_a_transaction_is_refused(rt: Runtime) -> None:
    due = created(rt)
    with rt.db.connection_context(), rt.db.atomic(), pytest.raises(SchedulerError):
        advance.advance(rt, due)
    assert steps(rt) == []


def test_a_walk_budget_bounds_many_evaluations_in_a_row() -> None:
    class Slow(InProcessEvaluator):
        def condition(self, expression: str, context: Context) -> bool:
            time.sleep(0.05)
            return True

    walk = WalkBudget(Slow(), seconds=0.12)
    for _ in range(3):
        assert walk.condition("true", {}) is True
    with pytest.raises(BudgetError, match=r"this walk spent more than 0\.12 s"):
        walk.condition("true", {})
