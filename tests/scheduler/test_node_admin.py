"""Between layers (SQLite and PostgreSQL): the registered capacity is a ceiling heartbeats can
only lower; a draining node takes no new work; a removed node's token stops working and what
it had in hand ends ``lost`` naming the removal; ``GET /nodes`` shows it all, times aware,
with each node's health (up / late / down), labels and load; the backend's routes change
labels and capacity, drain, resume and remove, and name what they refuse."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from noc_scheduler.nodes import registry, removal
from noc_scheduler.store.models import Node, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, resolved, run_now

ONE_TASK = resolved([{"id": "a", "type": "task", "task": "ping"}, {"id": "ok", "type": "end"},
                     {"id": "handled", "type": "end", "result": "failure"}],
                    [("a", "success", "ok"), ("a", "failure", "handled")], ["web1"])


def listed(stack: Stack) -> dict[str, object]:
    [node] = stack.api("GET", "/internal/v1/nodes").json()
    return dict(node)


def test_a_heartbeat_lowers_the_capacity_but_never_raises_it(stack: Stack) -> None:
    assert listed(stack)["capacity"] == 4  # registered without one: the default
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.register(stack.rt.box, "node-1", stack.node.scheduler_url(), NODE_TOKEN,
                       capacity=2)
    assert stack.node.heartbeat(capacity=64).json()["capacity"] == 2
    assert listed(stack)["capacity"] == 2
    assert stack.node.heartbeat(capacity=1).json()["capacity"] == 1
    with stack.rt.db.connection_context(), stack.rt.db.atomic():  # re-adding keeps it
        node = registry.register(stack.rt.box, "node-1", "http://127.0.0.1:9", NODE_TOKEN)
    assert node.capacity == 2


def test_last_seen_is_an_aware_time(stack: Stack) -> None:
    seen = listed(stack)["last_seen_at"]
    assert isinstance(seen, str) and datetime.fromisoformat(seen).tzinfo is not None


def test_a_draining_node_takes_no_new_work_until_resumed(stack: Stack) -> None:
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.set_draining("node-1", True)
    assert listed(stack)["draining"] is True
    stack.backend.resolved = ONE_TASK
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: stack.backend.of(eid, "execution_started"), what="the run")
    with stack.rt.db.connection_context():
        assert [s.status for s in Step.select()] == ["pending"]
    assert stack.node.requests == []
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.set_draining("node-1", False)
    wait_for(lambda: finished(stack, eid), timeout=10, what="the run after resume")
    assert finished(stack, eid)[0]["status"] == "success"


def test_a_removed_node_is_refused_and_its_steps_end_lost(stack: Stack) -> None:
    stack.backend.resolved = ONE_TASK
    stack.node.script = {"a": ["silent"]}
    eid = run_now(stack)["execution_id"]
    request = wait_for(lambda: stack.node.requests and stack.node.requests[0])
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        assert removal.remove("node-1", utcnow(), kill_grace_s=15) == 1
    wait_for(lambda: finished(stack, eid), timeout=10, what="the settled run")
    [lost] = stack.backend.of(eid, "step_finished")
    assert lost["status"] == "lost" and "node-1 was removed" in lost["result"]["msg"]
    [end] = stack.backend.of(eid, "host_finished")
    assert end["data"]["path"] == ["a", "handled"]
    late = stack.node.post_result(stack.node.result(request, "ok"))
    assert late.status_code == 401 and late.headers["www-authenticate"] == "Bearer"
    assert stack.node.heartbeat().status_code == 401
    assert stack.api("GET", "/internal/v1/nodes").json() == []
    assert httpx.get(stack.url + "/healthz").status_code == 200


def _seen_ago(stack: Stack, seconds: float) -> None:
    with stack.rt.db.connection_context():
        Node.update(last_seen_at=utcnow() - timedelta(seconds=seconds)).execute()


def test_health_is_up_late_or_down_by_the_last_heartbeat(stack: Stack) -> None:
    assert stack.node.heartbeat(load=0.75).status_code == 200
    node = listed(stack)
    assert (node["health"], node["healthy"], node["load"]) == ("up", True, 0.75)
    late_s, stale_s = stack.rt.settings.node_late_s, stack.rt.settings.node_stale_s
    _seen_ago(stack, (late_s + stale_s) / 2)
    assert (listed(stack)["health"], listed(stack)["healthy"]) == ("late", True)
    _seen_ago(stack, stale_s + 1)
    assert (listed(stack)["health"], listed(stack)["healthy"]) == ("down", False)
    assert stack.node.heartbeat().json()["health"] == "up"


def test_the_backend_labels_drains_resumes_and_removes_a_node(stack: Stack) -> None:
    changed = stack.api("PATCH", "/internal/v1/nodes/node-1",
                        json={"labels": {"zone": "dmz", "site": "rio"}, "capacity": 3})
    assert changed.status_code == 200, changed.text
    assert changed.json()["labels"] == {"site": "rio", "zone": "dmz"}
    assert listed(stack)["labels"] == {"site": "rio", "zone": "dmz"}
    assert listed(stack)["capacity"] == 3
    kept = stack.api("PATCH", "/internal/v1/nodes/node-1", json={"capacity": 2}).json()
    assert kept["labels"] == {"site": "rio", "zone": "dmz"} and kept["capacity"] == 2
    assert stack.api("POST", "/internal/v1/nodes/node-1/drain").json()["draining"] is True
    assert listed(stack)["draining"] is True
    assert stack.api("POST", "/internal/v1/nodes/node-1/resume").json()["draining"] is False
    removed = stack.api("DELETE", "/internal/v1/nodes/node-1")
    assert removed.json() == {"name": "node-1", "settled_steps": 0}
    assert stack.api("GET", "/internal/v1/nodes").json() == []


def test_node_changes_name_what_they_refuse(stack: Stack) -> None:
    for method, path in (("PATCH", "/internal/v1/nodes/ghost"),
                         ("POST", "/internal/v1/nodes/ghost/drain"),
                         ("POST", "/internal/v1/nodes/ghost/resume"),
                         ("DELETE", "/internal/v1/nodes/ghost")):
        response = stack.api(method, path, json={} if method == "PATCH" else None)
        assert response.status_code == 404, (path, response.text)
        assert "ghost" in response.json()["error"]["message"]
    for body, field in (({"labels": {"si te": "rio"}}, "labels"),
                        ({"labels": {"site": "rio de janeiro"}}, "labels"),
                        ({"capacity": 0}, "capacity"), ({"colour": "red"}, "colour")):
        response = stack.api("PATCH", "/internal/v1/nodes/node-1", json=body)
        assert response.status_code == 422, (body, response.text)
        assert next(d["field"] for d in response.json()["error"]["details"]).startswith(field)
    assert listed(stack)["labels"] == {} and listed(stack)["capacity"] == 4
