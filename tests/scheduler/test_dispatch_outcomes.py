"""No run is ever stuck on a dispatch (SQLite and PostgreSQL): params the task type refuses end
the step before any node sees it; a node's refusal for good ends it with the node's message;
transient failures are retried with a bound."""

from __future__ import annotations

from typing import Any

import pytest

from noc_scheduler.store.models import Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, resolved, run_now

PORT_CHECK = resolved(
    [{"id": "probe", "type": "task", "task": "port_open", "params": {"port": "{{ 70000 }}"}},
     {"id": "ok", "type": "end"}, {"id": "tell", "type": "task", "task": "ping"},
     {"id": "bad", "type": "end", "result": "failure"}],
    [("probe", "success", "ok"), ("probe", "failure", "tell"), ("tell", "success", "bad")],
    ["web1"])
PING = resolved([{"id": "a", "type": "task", "task": "ping"}, {"id": "ok", "type": "end"},
                 {"id": "handled", "type": "end", "result": "failure"}],
                [("a", "success", "ok"), ("a", "failure", "handled")], ["web1"])
REFUSAL = {"error": {"code": "validation_error", "message": "the request is invalid",
                     "details": [{"field": "params.port", "message": "too big"}]}}
BUSY = {"error": {"code": "unavailable", "message": "try later", "details": []}}


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"dispatch_max_attempts": 4}


def step_results(stack: Stack, eid: str) -> list[dict[str, Any]]:
    return [e["result"] for e in stack.backend.of(eid, "step_finished")]


def test_params_the_task_refuses_fail_the_host_within_seconds(stack: Stack) -> None:
    stack.backend.resolved = PORT_CHECK
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=5, what="the failed host")
    first = step_results(stack, eid)[0]
    assert first["status"] == "error"
    assert "'probe'" in first["msg"] and "params.port" in first["msg"]
    assert "65535" in first["msg"]
    assert [r["step_id"] for r in stack.node.requests] == ["tell"]  # the failure path ran
    assert finished(stack, eid)[0]["status"] == "failed"


def test_a_refusal_for_good_ends_the_step_with_the_nodes_message(stack: Stack) -> None:
    stack.backend.resolved = PING
    stack.node.answers = [(422, REFUSAL)] * 5
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=5, what="the refused step")
    [result] = step_results(stack, eid)
    assert result["status"] == "error"
    assert "answered 422" in result["msg"] and "the request is invalid" in result["msg"]
    assert "params.port: too big" in result["msg"]
    assert len(stack.node.answers) == 4  # asked once, never again
    [end] = stack.backend.of(eid, "host_finished")
    assert end["data"]["path"] == ["a", "handled"]


def test_transient_failures_are_retried_then_succeed(stack: Stack) -> None:
    stack.backend.resolved = PING
    stack.node.answers = [(503, BUSY), (429, BUSY), (503, BUSY)]
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=15, what="the retried step")
    assert finished(stack, eid)[0]["status"] == "success"
    assert stack.node.answers == [] and len(stack.node.requests) == 1
    with stack.rt.db.connection_context():
        [step] = list(Step.select())
    assert step.dispatch_attempts == 3 and "503" in (step.last_problem or "")


def test_transient_failures_end_the_step_after_the_bound(stack: Stack) -> None:
    stack.backend.resolved = PING
    stack.node.answers = [(503, BUSY)] * 10
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=15, what="the step out of attempts")
    [result] = step_results(stack, eid)
    assert result["status"] == "error"
    assert "not dispatched after 4 attempts" in result["msg"] and "503" in result["msg"]
    assert len(stack.node.answers) == 6
