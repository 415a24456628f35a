"""The maintenance loop's queries filter and order in SQL (SQLite and PostgreSQL): a pending
step past its dispatch deadline is found however many younger pending steps come before it in
the table, and steps waiting to be dispatched again go out as one queue task per group."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from noc_contracts import ResolvedRun
from noc_scheduler.flow.evaluator import InProcessEvaluator
from noc_scheduler.runs import maintenance
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import HostRun, Step, utcnow
from tests.scheduler.conftest import make_settings

RUN = ResolvedRun.model_validate({
    "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
    "graph": {"nodes": [{"id": "a", "type": "task", "task": "ping"}, {"id": "e", "type": "end"}],
              "edges": [{"from": "a", "to": "e", "on": "success"}], "start": "a"},
    "hosts": [{"name": "h1", "address": "127.0.0.1"}]})


@pytest.fixture
def rt(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = Runtime(make_settings(tmp_path, database_url, batching=True),
                      evaluator=InProcessEvaluator())
    runtime.create_tables()
    yield runtime
    runtime.close()


def _pending(rt: Runtime, count: int, timeout_s: int, step_id: str = "a") -> list[str]:
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic():
        execution, _ = create_execution(rt.box, RUN, schedule_id=None, run_vars={},
                                        check_mode=False, now=now)
        host_run = HostRun.get(HostRun.execution == execution.id)
        ids = [uuid.uuid4().hex for _ in range(count)]
        Step.insert_many([{"task_id": i, "host_run": host_run.id, "execution_id": execution.id,
                           "step_id": step_id, "task_type": "ping", "attempt": 1,
                           "params": {}, "timeout_s": timeout_s, "status": "pending",
                           "next_attempt_at": now, "created_at": now} for i in ids]).execute()
    return ids


def test_a_step_past_its_deadline_is_found_behind_many_younger_ones(rt: Runtime) -> None:
    _pending(rt, 150, timeout_s=3600)  # not due for an hour, and first in the table
    late = _pending(rt, 1, timeout_s=1)
    assert maintenance.no_node_timeout(rt, utcnow() + timedelta(seconds=60)) == 1
    with rt.db.connection_context():
        assert Step.get_by_id(late[0]).status == "done"
        assert Step.select().where(Step.status == "pending").count() == 150


def test_waiting_steps_go_out_as_one_queue_task_per_group(rt: Runtime) -> None:
    _pending(rt, 30, timeout_s=60)
    _pending(rt, 20, timeout_s=60, step_id="b")
    assert maintenance.redispatch(rt, utcnow() + timedelta(seconds=5)) == 50
    assert rt.huey.pending_count() == 2
