"""Whole flows through a served scheduler, between a fake backend and a fake node, on both
SQLite and PostgreSQL: schedules, dispatch, results, leases, cancel, events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from noc_scheduler.store.models import Execution, HostRun, Schedule, Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for

SECRET_KEY = "-----BEGIN OPENSSH PRIVATE KEY----- top-secret"


def host(name: str) -> dict[str, Any]:
    return {"name": name, "address": f"10.0.0.{len(name)}", "groups": ["web"],
            "credential": {"name": "k", "kind": "ssh_key", "private_key": SECRET_KEY}}


def resolved(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
             hosts: list[str]) -> dict[str, Any]:
    return {"procedure_id": 7, "procedure_name": "restart nginx", "procedure_version": 3,
            "graph": {"nodes": nodes, "start": nodes[0]["id"], "allow_command": True,
                      "edges": [{"from": a, "to": b, "on": on} for a, on, b in edges]},
            "hosts": [host(h) for h in hosts]}


CHECK_THEN_ACT = resolved(
    [{"id": "check", "type": "task", "task": "ping"},
     {"id": "act", "type": "task", "task": "command",
      "params": {"cmd": "echo {{ host.name }} {{ vars.reason }}"}, "timeout_s": 1},
     {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
    [("check", "success", "act"), ("check", "failure", "bad"), ("act", "success", "ok"),
     ("act", "failure", "bad")], ["web1", "web2"])


def run_now(stack: Stack, **extra: Any) -> dict[str, Any]:
    body = {"procedure_id": 7, "target": {"group": "web"}, "vars": {"reason": "deploy"},
            "created_by": "alice", **extra}
    response = stack.api("POST", "/internal/v1/schedules", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def execution_status(stack: Stack, execution_id: str) -> str:
    with stack.rt.db.connection_context():
        return str(Execution.get_by_id(execution_id).status)


def finished(stack: Stack, execution_id: str) -> list[dict[str, Any]]:
    return stack.backend.of(execution_id, "execution_finished")


def test_run_now_walks_every_host_and_reports_events(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    info = run_now(stack)
    assert info["status"] == "done" and info["created_by"] == "alice"
    eid = info["execution_id"]
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    assert execution_status(stack, eid) == "success"
    events = stack.backend.of(eid)
    assert events[0]["type"] == "execution_started"
    assert events[0]["data"]["hosts"] == ["web1", "web2"]
    assert events[0]["data"]["procedure_version"] == 3
    assert events[-1] == finished(stack, eid)[0] and events[-1]["status"] == "success"
    for name in ("web1", "web2"):
        mine = [e["type"] for e in events if e["host"] == name]
        assert mine == ["step_started", "step_finished"] * 2 + ["host_finished"]
    acts = [r for r in stack.node.requests if r["step_id"] == "act"]
    assert sorted(r["params"]["cmd"] for r in acts) == ["echo web1 deploy", "echo web2 deploy"]
    # the secret travels to the node, and nowhere else
    assert all(r["hosts"][0]["credential"]["private_key"] == SECRET_KEY
               for r in stack.node.requests)
    assert SECRET_KEY not in str(stack.backend.events)
    with stack.rt.db.connection_context():
        assert all(SECRET_KEY not in hr.host_enc for hr in HostRun.select())


def test_failure_path_and_unhandled_failure(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    stack.node.script = {"check": ["ok", "failed"]}
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    hosts = {e["host"]: e["status"] for e in stack.backend.of(eid, "host_finished")}
    assert sorted(hosts.values()) == ["failed", "success"]
    assert finished(stack, eid)[0]["status"] == "partial"


def test_result_is_idempotent_and_checked_against_the_node(stack: Stack) -> None:
    stack.backend.resolved = resolved(
        [{"id": "a", "type": "task", "task": "ping"}, {"id": "e", "type": "end"}],
        [("a", "success", "e")], ["web1"])
    stack.node.script = {"a": ["silent"]}
    eid = run_now(stack)["execution_id"]
    request = wait_for(lambda: stack.node.requests and stack.node.requests[0])
    payload = stack.node.result(request, "ok")

    other = stack.node.post_result({**payload, "task_id": "nope"})
    assert other.status_code == 404 and other.json()["error"]["details"][0]["field"] == "task_id"
    wrong_host = stack.node.post_result(
        {**payload, "results": [{**payload["results"][0], "host": "elsewhere"}]})
    assert wrong_host.status_code == 422
    assert wrong_host.json()["error"]["details"][0]["field"] == "results.0.host"
    # a NUL can be in no stored name (PostgreSQL refuses one even in a query): 404/422, no 500
    nul_task = stack.node.post_result({**payload, "task_id": "a\x00b"})
    assert nul_task.status_code == 404, nul_task.text
    nul_host = stack.node.post_result(
        {**payload, "results": [{**payload["results"][0], "host": "web\x001"}]})
    assert nul_host.status_code == 422, nul_host.text

    first = stack.node.post_result(payload)
    assert first.status_code == 200 and first.json() == {"task_id": payload["task_id"],
                                                         "accepted": 1}
    again = stack.node.post_result(payload)
    assert again.status_code == 200 and again.json()["accepted"] == 0
    wait_for(lambda: finished(stack, eid))
    assert len(stack.backend.of(eid, "step_finished")) == 1
    assert execution_status(stack, eid) == "success"


def test_result_from_another_node_is_forbidden(stack: Stack) -> None:
    from noc_scheduler.nodes import registry

    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.register(stack.rt.box, "node-2", "http://127.0.0.1:9", "other-node-token")
    stack.backend.resolved = resolved(
        [{"id": "a", "type": "task", "task": "ping"}, {"id": "e", "type": "end"}],
        [("a", "success", "e")], ["web1"])
    stack.node.script = {"a": ["silent"]}
    run_now(stack)
    request = wait_for(lambda: stack.node.requests and stack.node.requests[0])
    import httpx

    response = httpx.post(f"{stack.url}/internal/v1/results",
                          json=stack.node.result(request, "ok"),
                          headers={"Authorization": "Bearer other-node-token"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_lease_expiry_marks_lost_then_follows_failure(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    stack.node.script = {"act": ["silent", "silent"]}  # timeout_s=1, grace 0.3 s
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=15, what="lost leases")
    lost = [e for e in stack.backend.of(eid, "step_finished") if e["status"] == "lost"]
    assert {e["host"] for e in lost} == {"web1", "web2"}
    assert all(e["step_id"] == "act" for e in lost)
    assert finished(stack, eid)[0]["status"] == "failed"
    # a late result for a lost step changes nothing
    late = stack.node.post_result(stack.node.result(
        next(r for r in stack.node.requests if r["step_id"] == "act"), "ok"))
    assert late.status_code == 200 and late.json()["accepted"] == 0


def test_heartbeat_lost_task_fails_at_once(stack: Stack) -> None:
    stack.backend.resolved = resolved(
        [{"id": "a", "type": "task", "task": "ping", "timeout_s": 3600},
         {"id": "e", "type": "end"}], [("a", "success", "e")], ["web1"])
    stack.node.script = {"a": ["silent"]}
    eid = run_now(stack)["execution_id"]
    request = wait_for(lambda: stack.node.requests and stack.node.requests[0])
    assert stack.node.heartbeat(lost=[request["task_id"], "unknown"]).status_code == 200
    wait_for(lambda: finished(stack, eid), what="lost via heartbeat")
    assert finished(stack, eid)[0]["status"] == "failed"


def test_retry_redispatches_a_new_attempt(stack: Stack) -> None:
    stack.backend.resolved = resolved(
        [{"id": "a", "type": "task", "task": "ping", "retries": 2},
         {"id": "w", "type": "wait", "seconds": 0.2}, {"id": "e", "type": "end"}],
        [("a", "success", "w"), ("w", "next", "e")], ["web1"])
    stack.node.script = {"a": ["failed", "unreachable", "ok"]}
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid))
    attempts = [(e["attempt"], e["status"]) for e in stack.backend.of(eid, "step_finished")]
    assert attempts == [(1, "failed"), (2, "unreachable"), (3, "ok")]
    assert len({r["task_id"] for r in stack.node.requests}) == 3
    assert finished(stack, eid)[0]["status"] == "success"


def test_cancel_stops_running_tasks(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    stack.node.script = {"check": ["silent", "silent"]}
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: len(stack.node.requests) == 2)
    response = stack.api("POST", f"/internal/v1/executions/{eid}/cancel")
    assert response.status_code == 202 and response.json()["status"] == "cancelled"
    wait_for(lambda: len(stack.node.cancelled) == 2, what="remote cancels")
    wait_for(lambda: finished(stack, eid))
    assert finished(stack, eid)[0]["status"] == "cancelled"
    assert stack.api("POST", "/internal/v1/executions/nope/cancel").status_code == 404


def test_backend_refusal_is_passed_through(stack: Stack) -> None:
    detail = {"field": "target.hosts", "message": "unknown host 'ghost'"}
    stack.backend.refuse = (422, {"error": {"code": "validation_error", "message": "bad target",
                                            "details": [detail]}})
    response = stack.api("POST", "/internal/v1/schedules",
                         json={"procedure_id": 7, "target": {"hosts": ["ghost"]}})
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [detail]
    stack.backend.refuse = (404, {"error": {"code": "not_found", "message": "no procedure"}})
    assert stack.api("POST", "/internal/v1/schedules",
                     json={"procedure_id": 99, "target": {"group": "x"}}).status_code == 404
    with stack.rt.db.connection_context():
        assert Schedule.select().count() == 0 and Execution.select().count() == 0


def test_invalid_graph_and_cron_are_refused(stack: Stack) -> None:
    stack.backend.resolved = resolved([{"id": "a", "type": "task", "task": "ping"}], [], ["h"])
    response = stack.api("POST", "/internal/v1/schedules",
                         json={"procedure_id": 7, "target": {"group": "web"}})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["node"] == "a"
    response = stack.api("POST", "/internal/v1/schedules",
                         json={"procedure_id": 7, "target": {"group": "web"}, "cron": "* * * *"})
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["cron"]


def test_at_schedule_fires_later_and_can_be_read_and_deleted(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    at = datetime.now(UTC) + timedelta(seconds=1)
    info = run_now(stack, at=at.isoformat())
    assert info["status"] == "active" and info["execution_id"] is None
    assert stack.backend.resolve_calls == 0
    fetched = stack.api("GET", f"/internal/v1/schedules/{info['id']}").json()
    fired = wait_for(lambda: (s := stack.api("GET", f"/internal/v1/schedules/{info['id']}")
                              .json())["execution_id"] and s, what="at schedule")
    assert fired["status"] == "done" and fired["last_fired_at"] == info["next_fire_at"]
    assert fetched["next_fire_at"] is not None
    wait_for(lambda: finished(stack, fired["execution_id"]))
    listed = stack.api("GET", "/internal/v1/schedules").json()
    assert [s["id"] for s in listed] == [info["id"]]
    assert stack.api("DELETE", f"/internal/v1/schedules/{info['id']}").status_code == 204
    assert stack.api("GET", f"/internal/v1/schedules/{info['id']}").status_code == 404


def test_backend_unreachable_is_502(stack: Stack) -> None:
    stack.rt.backend._base = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = stack.api("POST", "/internal/v1/schedules",
                         json={"procedure_id": 7, "target": {"group": "web"}})
    assert response.status_code == 502


def test_nodes_are_listed_with_health(stack: Stack) -> None:
    listed = stack.api("GET", "/internal/v1/nodes").json()
    assert [(n["name"], n["healthy"], n["capacity"]) for n in listed] == [("node-1", True, 4)]
    assert "token" not in str(listed)


def test_steps_have_leases_while_dispatched(stack: Stack) -> None:
    stack.backend.resolved = CHECK_THEN_ACT
    stack.node.script = {"check": ["silent", "silent"]}
    run_now(stack)
    wait_for(lambda: len(stack.node.requests) == 2)
    with stack.rt.db.connection_context():
        steps = list(Step.select())
    assert {s.status for s in steps} == {"dispatched"}
    assert all(s.node == "node-1" and s.lease_expires_at is not None for s in steps)
