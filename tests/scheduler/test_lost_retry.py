"""A lost step is retried only when it is safe (SQLite and PostgreSQL): at once when its node
confirms the attempt gone (a heartbeat's ``lost_task_ids``), and only after the lease plus
``kill_grace_s`` when the lease ran out (the old attempt may still be running)."""

from __future__ import annotations

from typing import Any

import pytest

from noc_scheduler.store.models import Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, resolved, run_now

KILL_GRACE_S = 3.0


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"kill_grace_s": KILL_GRACE_S}


def retried(timeout_s: int) -> dict[str, Any]:
    return resolved([{"id": "a", "type": "task", "task": "ping", "retries": 1,
                      "timeout_s": timeout_s}, {"id": "ok", "type": "end"}],
                    [("a", "success", "ok")], ["web1"])


def attempts(stack: Stack) -> list[Step]:
    with stack.rt.db.connection_context():
        return list(Step.select().order_by(Step.attempt))


def test_after_a_lease_expiry_the_retry_waits_for_the_kill_grace(stack: Stack) -> None:
    stack.backend.resolved = retried(timeout_s=1)  # lease: 1 s + 0.3 s grace
    stack.node.script = {"a": ["silent", "ok"]}
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=15, what="the retried run")
    first, second = attempts(stack)
    assert first.result["status"] == "lost" and second.result["status"] == "ok"
    held = (second.created_at - first.finished_at).total_seconds()
    assert held >= KILL_GRACE_S - 0.2, f"retried {held:.2f} s after the lease expired"
    assert finished(stack, eid)[0]["status"] == "success"


def test_a_loss_the_node_confirms_is_retried_at_once(stack: Stack) -> None:
    stack.backend.resolved = retried(timeout_s=3600)
    stack.node.script = {"a": ["silent", "ok"]}
    eid = run_now(stack)["execution_id"]
    request = wait_for(lambda: stack.node.requests and stack.node.requests[0])
    assert stack.node.heartbeat(lost=[request["task_id"]]).status_code == 200
    wait_for(lambda: finished(stack, eid), timeout=10, what="the retried run")
    first, second = attempts(stack)
    assert first.result["status"] == "lost" and "lost the task" in first.result["msg"]
    assert (second.created_at - first.finished_at).total_seconds() < KILL_GRACE_S / 2
    assert finished(stack, eid)[0]["status"] == "success"
