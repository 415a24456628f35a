"""A dispatch stands for its step's group: steps left to a dispatch waiting for its group's
stragglers are never stranded when that dispatch's own step was taken meanwhile; they leave
when its wait ends, not after the maintenance loop's redispatch (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from noc_scheduler.dispatch import send
from noc_scheduler.store.models import HostRun, Step, utcnow
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_batching import TWO_ALIKE, hosts_by_step, started_silent


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    # a silent host ends the wait after 1 s
    return {"batching": True, "batch_window_s": 0.2, "batch_wait_running_s": 1.0}


def test_steps_left_to_a_wait_whose_own_step_was_taken_leave_when_it_ends(
        stack: Stack) -> None:
    _, batch = started_silent(stack, TWO_ALIKE)
    web1, web2, _ = sorted(batch["hosts"], key=lambda h: h["name"])

    def pending_again() -> list[Step]:
        with stack.rt.db.connection_context():
            return list(Step.select(Step, HostRun).join(HostRun).where(
                Step.step_id == "again", Step.status == "pending"))

    # web1's "again" dispatch waits (web3 still runs); web2's is left to it
    stack.node.post_result(stack.node.result({**batch, "hosts": [web1]}, "ok"))
    wait_for(lambda: len(stack.rt.waiters) == 1, what="a dispatch waiting for web3")
    leader = next(s.task_id for s in pending_again() if s.host_run.host_name == "web1")
    stack.node.post_result(stack.node.result({**batch, "hosts": [web2]}, "ok"))
    left = wait_for(lambda: [s for s in pending_again() if s.task_id != leader],
                    what="web2's step pending, left to the waiting dispatch")[0]
    with stack.rt.db.connection_context():
        # the maintenance loop would redispatch pending steps after 3 s: not within this test
        Step.update(next_attempt_at=utcnow() + timedelta(hours=1)).where(
            Step.status == "pending").execute()
    # another dispatcher (a second scheduler process, a leftover dispatch) takes the waiting
    # dispatch's own step alone while it waits
    other = copy.copy(stack.rt)
    other.settings = stack.rt.settings.model_copy(update={"batching": False})
    assert send.dispatch_step(other, leader)
    # the wait ends (web3 stays silent) with its own step gone: it takes web2's
    wait_for(lambda: len(hosts_by_step(stack).get("again", [])) == 2,
             what="the step left to the wait dispatched")
    with stack.rt.db.connection_context():
        assert Step.get(Step.task_id == left.task_id).status != "pending"
    assert sorted(hosts_by_step(stack)["again"]) == [["web1"], ["web2"]]
