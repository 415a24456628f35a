"""Hostile templates through a served scheduler (SQLite and PostgreSQL): a nested ``range()``
in a param or a decision ends that host's step or run within about its budget, with a message
naming the node and the field, while another execution started at the same time completes
promptly and writes to the database never wait for the evaluation."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from noc_scheduler.store.models import Execution
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, host

NESTED_RANGE = ("{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}"
                "{% endfor %}{% endfor %}")
HANG = "{{ (10 ** 10000) ** 10000 }}"
SLOW_CONDITION = " or ".join(["range(2000000) | select('lt', 0) | list | length > 0"] * 20)
HOSTS = ["web1", "web2", "web3", "web4", "web5"]


def run(procedure_id: int, nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
        hosts: list[str]) -> dict[str, Any]:
    return {"procedure_id": procedure_id, "procedure_name": f"p{procedure_id}",
            "procedure_version": 1,
            "graph": {"nodes": nodes, "start": nodes[0]["id"],
                      "edges": [{"from": a, "to": b, "on": on} for a, on, b in edges]},
            "hosts": [host(h) for h in hosts]}


def with_param(procedure_id: int, content: str, hosts: list[str]) -> dict[str, Any]:
    return run(procedure_id, [
        {"id": "render", "type": "task", "task": "copy",
         "params": {"dest": "/tmp/x", "content": content}},
        {"id": "ok", "type": "end"}, {"id": "handled", "type": "end", "result": "failure"}],
        [("render", "success", "ok"), ("render", "failure", "handled")], hosts)


NORMAL = run(8, [{"id": "a", "type": "task", "task": "ping"},
                 {"id": "b", "type": "task", "task": "copy",
                  "params": {"dest": "/tmp/y", "content": "{{ host.name }}"}},
                 {"id": "ok", "type": "end"}],
             [("a", "success", "b"), ("b", "success", "ok")], ["db1", "db2"])


def launch(stack: Stack, procedure_id: int) -> tuple[str, float]:
    started = time.monotonic()
    response = stack.api("POST", "/internal/v1/schedules",
                         json={"procedure_id": procedure_id, "target": {"group": "x"}})
    assert response.status_code == 201, response.text
    return str(response.json()["execution_id"]), time.monotonic() - started


def step_errors(stack: Stack, eid: str) -> list[dict[str, Any]]:
    return [e for e in stack.backend.of(eid, "step_finished") if e["status"] == "error"]


def test_nested_range_in_a_param_fails_its_hosts_and_spares_other_runs(stack: Stack) -> None:
    stack.backend.by_procedure = {7: with_param(7, NESTED_RANGE, HOSTS), 8: NORMAL}
    out: dict[str, Any] = {}
    hostile = threading.Thread(target=lambda: out.update(hostile=launch(stack, 7)))
    hostile.start()
    time.sleep(0.05)
    normal_eid, _ = launch(stack, 8)
    begun = time.monotonic()
    wait_for(lambda: finished(stack, normal_eid), timeout=10, what="the normal run")
    normal_took = time.monotonic() - begun
    hostile.join(30)
    hostile_eid, hostile_took = out["hostile"]
    wait_for(lambda: finished(stack, hostile_eid), timeout=10, what="the hostile run")
    assert finished(stack, normal_eid)[0]["status"] == "success"
    assert normal_took < 8
    # five hosts, one budget (1 s): the breaker fails the other four at once
    assert hostile_took < 4
    errors = step_errors(stack, hostile_eid)
    assert sorted(e["host"] for e in errors) == HOSTS
    for event in errors:
        message = event["result"]["msg"]
        assert "'render' params.content" in message and "over budget" in message
    ends = {e["host"]: e["data"]["path"] for e in stack.backend.of(hostile_eid, "host_finished")}
    assert all(path == ["render", "handled"] for path in ends.values())  # the failure path
    assert not stack.node.requests or all(r["step_id"] != "render" for r in stack.node.requests)


@pytest.mark.parametrize("condition", [SLOW_CONDITION, "(10 ** 10000) ** 10000 > 0"])
def test_a_hostile_decision_fails_the_host_run(stack: Stack, condition: str) -> None:
    stack.backend.by_procedure = {7: run(7, [
        {"id": "check", "type": "decision", "condition": condition},
        {"id": "yes", "type": "end"}, {"id": "no", "type": "end"}],
        [("check", "true", "yes"), ("check", "false", "no")], ["web1", "web2"])}
    eid, took = launch(stack, 7)
    wait_for(lambda: finished(stack, eid), timeout=10, what="the hostile run")
    assert took < 5
    assert finished(stack, eid)[0]["status"] == "failed"
    with stack.rt.db.connection_context():
        execution = Execution.get_by_id(eid)
        messages = [hr.state["message"] for hr in execution.host_runs]
    assert len(messages) == 2
    assert all("'check' condition" in m and "over budget" in m for m in messages)


@pytest.mark.parametrize(("content", "fragment"), [
    ("{{ 'x' * 10**9 }}", "over the 2,000,000 limit"),
    ("{{ 'x'.ljust(10**9) }}", "ran out of memory"),
])
def test_memory_bombs_fail_the_step_cleanly(stack: Stack, content: str, fragment: str) -> None:
    stack.backend.by_procedure = {7: with_param(7, content, ["web1"])}
    eid, _ = launch(stack, 7)
    wait_for(lambda: finished(stack, eid), timeout=10, what="the run")
    [error] = step_errors(stack, eid)
    assert fragment in error["result"]["msg"] and "'render' params.content" in error["result"]["msg"]
