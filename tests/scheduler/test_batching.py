"""Batched dispatch: host runs on the same step with the same rendered params travel as one
TaskRequest; each host still gets its own step row, lease and result (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from noc_scheduler.dispatch import batching
from noc_scheduler.store.models import HostRun, Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, resolved, run_now

GRAPH = resolved(
    [{"id": "same", "type": "task", "task": "file", "params": {"path": "/tmp/x"}},
     {"id": "own", "type": "task", "task": "copy",
      "params": {"dest": "/tmp/y", "content": "{{ host.name }}"}},
     {"id": "tell", "type": "task", "task": "telegram", "params": {"text": "done"}},
     {"id": "ok", "type": "end"}],
    [("same", "success", "own"), ("own", "success", "tell"), ("tell", "success", "ok")],
    ["web1", "web2", "web3"])


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"batching": True, "batch_window_s": 0.5}


def hosts_by_step(stack: Stack) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for request in stack.node.requests:
        found.setdefault(request["step_id"], []).append(
            sorted(h["name"] for h in request["hosts"]))
    return found


def test_same_params_go_as_one_request_different_params_and_notifications_alone(
        stack: Stack) -> None:
    stack.backend.resolved = GRAPH
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    assert finished(stack, eid)[0]["status"] == "success"
    seen = hosts_by_step(stack)
    assert seen["same"] == [["web1", "web2", "web3"]]
    assert sorted(seen["own"]) == [["web1"], ["web2"], ["web3"]]
    assert sorted(seen["tell"]) == [["web1"], ["web2"], ["web3"]]
    batch = next(r for r in stack.node.requests if r["step_id"] == "same")
    with stack.rt.db.connection_context():
        rows = list(Step.select().where(Step.step_id == "same"))
    assert len(rows) == 3
    assert {r.batch_id for r in rows} == {batch["task_id"]}
    assert batch["task_id"] in {r.task_id for r in rows}
    assert all(r.status == "done" and r.result["status"] == "ok" for r in rows)
    started = [e for e in stack.backend.of(eid, "step_started") if e["step_id"] == "same"]
    assert sorted(e["host"] for e in started) == ["web1", "web2", "web3"]
    assert {e["data"]["batch_size"] for e in started} == {3}


def test_batch_results_keep_the_node_check_and_idempotency(stack: Stack) -> None:
    stack.node.script["same"] = ["silent"]
    stack.backend.resolved = GRAPH
    eid = run_now(stack)["execution_id"]
    batch = wait_for(lambda: next((r for r in stack.node.requests if r["step_id"] == "same"),
                                  None), what="the batched request")
    assert len(batch["hosts"]) == 3
    one = stack.node.result({**batch, "hosts": batch["hosts"][:1]}, "ok")
    assert stack.node.post_result(one).json()["accepted"] == 1
    assert stack.node.post_result(one).json()["accepted"] == 0  # idempotent per host
    stranger = {**one, "results": [{**one["results"][0], "host": "db9"}]}
    response = stack.node.post_result(stranger)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "results.0.host"
    rest = stack.node.result({**batch, "hosts": batch["hosts"][1:]}, "ok")
    assert stack.node.post_result(rest).json()["accepted"] == 2
    try:
        wait_for(lambda: finished(stack, eid), what="execution_finished")
    except AssertionError:
        for e in stack.backend.of(eid):
            print(e["type"], e.get("host"), e.get("step_id"), e.get("status"), e.get("data"))
        print([(r["step_id"], [h["name"] for h in r["hosts"]]) for r in stack.node.requests])
        raise
    assert finished(stack, eid)[0]["status"] == "success"


def test_cancel_asks_the_node_once_per_batch(stack: Stack) -> None:
    stack.node.script["same"] = ["silent"]
    stack.backend.resolved = GRAPH
    eid = run_now(stack)["execution_id"]
    batch = wait_for(lambda: next((r for r in stack.node.requests if r["step_id"] == "same"),
                                  None), what="the batched request")
    assert stack.api("POST", f"/internal/v1/executions/{eid}/cancel").status_code == 202
    wait_for(lambda: stack.node.cancelled, what="the remote cancel")
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    assert stack.node.cancelled == [batch["task_id"]]


TWO_ALIKE = resolved(
    [{"id": "same", "type": "task", "task": "file", "params": {"path": "/tmp/x"}},
     {"id": "again", "type": "task", "task": "file", "params": {"path": "/tmp/z"}},
     {"id": "ok", "type": "end"}],
    [("same", "success", "again"), ("again", "success", "ok")],
    ["web1", "web2", "web3"])


def started_silent(stack: Stack, graph: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Run ``graph`` with its step "same" accepted and never answered: the execution id and
    the batched request, whose results the test posts."""
    stack.node.script["same"] = ["silent"]
    stack.backend.resolved = graph
    eid = run_now(stack)["execution_id"]
    batch = wait_for(lambda: next((r for r in stack.node.requests if r["step_id"] == "same"),
                                  None), what="the batched request")
    return eid, batch


def test_results_arriving_seconds_apart_still_send_the_next_step_as_one_request(
        stack: Stack) -> None:
    # over SSH the hosts of one Ansible run end seconds apart, longer than batch_window_s
    # (0.5 s here): the next step waits while the others still run instead of leaving alone
    eid, batch = started_silent(stack, TWO_ALIKE)
    for host in batch["hosts"]:
        one = stack.node.result({**batch, "hosts": [host]}, "ok")
        assert stack.node.post_result(one).json()["accepted"] == 1
        time.sleep(1.0)
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    assert finished(stack, eid)[0]["status"] == "success"
    assert hosts_by_step(stack)["again"] == [["web1", "web2", "web3"]]


def test_a_second_dispatch_of_a_group_being_waited_for_leaves_its_step_to_the_first(
        stack: Stack) -> None:
    eid, batch = started_silent(stack, TWO_ALIKE)
    for host in batch["hosts"][:2]:  # web3 still runs: the first "again" dispatch waits
        stack.node.post_result(stack.node.result({**batch, "hosts": [host]}, "ok"))

    def pending_again() -> list[str]:
        with stack.rt.db.connection_context():
            return [s.task_id for s in Step.select().where(Step.step_id == "again",
                                                           Step.status == "pending")]

    waiting = wait_for(lambda: len(pending_again()) == 2 and pending_again(),
                       what="two pending 'again' steps")
    wait_for(lambda: len(stack.rt.waiters) == 1, what="a dispatch waiting for web3")
    wait = batching.Wait(settle_s=0.5, running_s=30)
    # without the first dispatch's claim on the group this would wait up to 30 s and say True
    assert not any(batching.await_stragglers(stack.rt.db, task_id, wait, stack.rt.arrivals,
                                             stack.rt.waiters) for task_id in waiting)
    stack.node.post_result(stack.node.result({**batch, "hosts": batch["hosts"][2:]}, "ok"))
    wait_for(lambda: "again" in hosts_by_step(stack), what="the 'again' request")
    assert hosts_by_step(stack)["again"] == [["web1", "web2", "web3"]]
    wait_for(lambda: finished(stack, eid), what="execution_finished")  # the node answered


def test_the_settle_window_runs_from_the_last_host_advanced_not_the_first(
        stack: Stack) -> None:
    # the hosts of a large batch are advanced a few hundred at a time: while they still move
    # on, the next step waits for them (leaving without them costs another Ansible run)
    stack.backend.resolved = TWO_ALIKE
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    with stack.rt.db.connection_context():
        again = {s.host_run.host_name: s for s in Step.select().where(Step.step_id == "again")}
        leader = again["web1"]
        Step.update(status="pending").where(Step.task_id == leader.task_id).execute()
        behind = [again[h].host_run.id for h in ("web2", "web3")]
        # their results stored, not advanced yet: the previous batch is behind
        HostRun.update(advance={"kind": "result"}).where(HostRun.id.in_(behind)).execute()

    def advance_slowly() -> None:
        for host_run_id in behind:
            time.sleep(0.6)
            with stack.rt.db.connection_context():
                HostRun.update(advance=None).where(HostRun.id == host_run_id).execute()
            stack.rt.arrivals.notify()

    mover = threading.Thread(target=advance_slowly)
    mover.start()
    began = time.monotonic()
    try:
        assert batching.await_stragglers(stack.rt.db, leader.task_id,
                                         batching.Wait(settle_s=1.0, running_s=5),
                                         stack.rt.arrivals)
        waited = time.monotonic() - began
    finally:
        mover.join()
    assert 1.15 <= waited < 3.0, waited  # for the last host (1.2 s), not 1.0 s after the start
