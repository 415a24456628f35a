"""Failover (SQLite and PostgreSQL), between a fake backend and two fake nodes: a node whose
heartbeats stop has its dispatched steps end ``lost`` within a maintenance tick of going
stale (not at the end of their lease), their retries run on the other node, it is given no
new work, and when it comes back it is told to cancel what was taken from it; a node that
refuses connections loses the request to another node at once, without a backoff."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from noc_scheduler.nodes import registry
from noc_scheduler.store.models import Node, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, Stack
from tests.scheduler.harness import FakeNode, wait_for
from tests.scheduler.test_flows_http import finished, resolved, run_now
from tests.support.server import ServerThread
from tests.support.services import free_port

OTHER_TOKEN = "node-token-other-0123456789"
RETRIED = resolved([{"id": "a", "type": "task", "task": "ping", "retries": 1},
                    {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
                   [("a", "success", "ok"), ("a", "failure", "bad")], ["web1"])


@pytest.fixture
def other(stack: Stack) -> Iterator[FakeNode]:
    node = FakeNode("node-2", OTHER_TOKEN, lambda: stack.url)
    with ServerThread(node.app) as served:
        with stack.rt.db.connection_context(), stack.rt.db.atomic():
            registry.register(stack.rt.box, "node-2", served.url, OTHER_TOKEN)
            # node-1 is the less loaded: the first dispatch goes there
            Node.update(queue_depth=2).where(Node.name == "node-2").execute()
        assert node.heartbeat().status_code == 200
        yield node


def _silent_since(stack: Stack, name: str, seconds: float) -> None:
    with stack.rt.db.connection_context():
        Node.update(last_seen_at=utcnow() - timedelta(seconds=seconds)).where(
            Node.name == name).execute()


def test_a_silent_nodes_steps_fail_over_and_it_cancels_them_when_back(
        stack: Stack, other: FakeNode) -> None:
    stack.backend.resolved = RETRIED
    stack.node.script = {"a": ["silent"]}
    eid = run_now(stack)["execution_id"]
    first = wait_for(lambda: stack.node.requests and stack.node.requests[0], what="dispatch")
    with stack.rt.db.connection_context():
        lease = Step.get(Step.task_id == first["task_id"]).lease_expires_at
    assert lease - utcnow() > timedelta(seconds=200)  # the lease alone would wait minutes
    stack.rt.started -= stack.rt.settings.node_stale_s  # up long enough to have heard it
    _silent_since(stack, "node-1", stack.rt.settings.node_stale_s + 1)
    went_silent = time.monotonic()
    wait_for(lambda: finished(stack, eid), timeout=10, what="the run after failover")
    assert time.monotonic() - went_silent < 5
    lost, retried = stack.backend.of(eid, "step_finished")
    assert lost["status"] == "lost"
    assert lost["result"]["msg"] == "node node-1 stopped sending heartbeats"
    assert retried["status"] == "ok" and retried["attempt"] == 2
    assert [r["step_id"] for r in other.requests] == ["a"]
    assert len(stack.node.requests) == 1  # nothing new went to the silent node
    assert finished(stack, eid)[0]["status"] == "success"
    # back: it is told to stop the task failover gave to another node
    assert stack.node.heartbeat().json()["health"] == "up"
    wait_for(lambda: stack.node.cancelled, timeout=5, what="the cancel")
    assert stack.node.cancelled == [first["task_id"]]
    stack.node.heartbeat()
    time.sleep(0.3)
    assert stack.node.cancelled == [first["task_id"]]  # once


def test_a_scheduler_just_started_fails_nobody_over(stack: Stack, other: FakeNode) -> None:
    """Its own downtime is not the node's silence: heartbeats had nowhere to go meanwhile."""
    stack.backend.resolved = RETRIED
    stack.node.script = {"a": ["silent"]}
    eid = run_now(stack)["execution_id"]
    first = wait_for(lambda: stack.node.requests and stack.node.requests[0], what="dispatch")
    _silent_since(stack, "node-1", stack.rt.settings.node_stale_s + 1)
    time.sleep(1)  # ten maintenance ticks
    with stack.rt.db.connection_context():
        assert Step.get(Step.task_id == first["task_id"]).status == "dispatched"
    stack.rt.started -= stack.rt.settings.node_stale_s  # now it has been up long enough
    wait_for(lambda: finished(stack, eid), timeout=10, what="the run after failover")
    assert stack.backend.of(eid, "step_finished")[0]["status"] == "lost"


def test_a_node_refusing_connections_loses_the_request_to_another_at_once(
        stack: Stack, other: FakeNode) -> None:
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.register(stack.rt.box, "node-1", f"http://127.0.0.1:{free_port()}", NODE_TOKEN)
    stack.backend.resolved = RETRIED
    started = time.monotonic()
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=10, what="the run")
    assert time.monotonic() - started < 3  # the first retry backoff alone is longer
    assert finished(stack, eid)[0]["status"] == "success"
    assert [r["step_id"] for r in other.requests] == ["a"]
    with stack.rt.db.connection_context():
        [step] = list(Step.select())
        assert (step.node, step.dispatch_attempts, step.attempt) == ("node-2", 1, 1)
        assert "node node-1 unreachable" in step.last_problem
        assert Node.get(Node.name == "node-1").unreachable_until is not None
    stack.node.heartbeat()  # it reaches us again: back in placement
    with stack.rt.db.connection_context():
        assert Node.get(Node.name == "node-1").unreachable_until is None


def test_the_defaults_fail_a_node_over_within_a_few_heartbeats() -> None:
    from noc_node.core.config import Settings as NodeSettings
    from noc_scheduler.core.config import Settings

    fields: dict[str, Any] = Settings.model_fields
    stale = fields["node_stale_s"].default
    beat = NodeSettings.model_fields["heartbeat_s"].default
    assert 2 * beat < stale <= 4 * beat and stale + fields["tick_s"].default < 15
