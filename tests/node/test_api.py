"""The node API served by real uvicorn, results delivered to a real HTTP stand-in scheduler."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from noc_node.core.config import Settings
from tests.node.conftest import TOKEN, local_host, serve, task
from tests.node.receiver import Receiver

RESULTS = "/internal/v1/results"
HEARTBEAT = "/internal/v1/nodes/heartbeat"


def body(request_task: object) -> dict[str, object]:
    from noc_contracts import REVEAL, TaskRequest

    assert isinstance(request_task, TaskRequest)
    return request_task.model_dump(mode="json", by_alias=True, context=REVEAL)


def test_auth_health_and_status(make_settings: Callable[..., Settings],
                                receiver: Receiver) -> None:
    with serve(make_settings(scheduler_url=receiver.url, workers=3)) as client:
        payload = body(task("t-a", "ping", {}, [local_host()]))
        base = str(client.base_url)
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
            response = httpx.post(f"{base}/tasks", json=payload, headers=headers)
            assert response.status_code == 401
            assert response.json()["error"]["code"] == "unauthorized"
        assert httpx.post(f"{base}/tasks/t-a/cancel").status_code == 401
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok", "layer": "node"}
        assert httpx.get(f"{base}/status").status_code == 401
        status = client.get("/status").json()
        assert status == {"name": "local", "capacity": 3, "queue_depth": 0, "running": 0}
        assert client.post("/tasks/never-sent/cancel").status_code == 404


@pytest.mark.parametrize(("task_type", "params", "field"), [
    ("format_disk", {}, "task_type"),
    ("file", {"path": "/x", "state": "melted"}, "params.state"),
    ("command", {}, "params.cmd"),
])
def test_invalid_tasks_are_422_naming_the_field(make_settings: Callable[..., Settings],
                                                receiver: Receiver, task_type: str,
                                                params: dict[str, object], field: str) -> None:
    with serve(make_settings(scheduler_url=receiver.url)) as client:
        payload = body(task("t-bad", "ping", {}, [local_host()]))
        payload.update(task_type=task_type, params=params)
        response = client.post("/tasks", json=payload)
        assert response.status_code == 422
        assert field in [d.get("field") for d in response.json()["error"]["details"]]
        missing_hosts = dict(payload, task_type="ping", params={}, hosts=[])
        response = client.post("/tasks", json=missing_hosts)
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["field"] == "hosts"
        # nothing was queued or reported
        assert client.get("/status").json()["queue_depth"] == 0
    assert receiver.received(RESULTS, status=None) == []


def test_task_runs_and_result_is_retried_until_acknowledged(
        make_settings: Callable[..., Settings], receiver: Receiver, tmp_path: Path) -> None:
    receiver.script[RESULTS] = [503, 503]
    target = tmp_path / "made-by-node"
    with serve(make_settings(scheduler_url=receiver.url)) as client:
        request = task("t-run", "file", {"path": str(target)}, [local_host()])
        response = client.post("/tasks", json=body(request))
        assert response.status_code == 202
        assert response.json()["task_id"] == "t-run" and response.json()["node"] == "local"
        again = client.post("/tasks", json=body(request))  # duplicate: accepted, not re-run
        assert again.status_code == 202
        delivered = receiver.wait_for(RESULTS)
    assert target.is_dir()
    refused = receiver.received(RESULTS, status=503)
    assert len(refused) == 2 and refused[0].body == delivered[0].body
    assert delivered[0].headers["Authorization"] == f"Bearer {TOKEN}"
    result = receiver.host_results("t-run")["me"]
    assert result["status"] == "ok" and result["changed"] is True
    assert len(receiver.received(RESULTS, status=None)) == 3  # ran once, sent until acked


def test_cancel_running_and_queued(make_settings: Callable[..., Settings],
                                   receiver: Receiver) -> None:
    with serve(make_settings(scheduler_url=receiver.url, workers=1)) as client:
        slow = task("t-slow", "command", {"cmd": "sleep 30"}, [local_host()])
        queued = task("t-queued", "command", {"cmd": "sleep 30"}, [local_host("q1"),
                                                                    local_host("q2")])
        assert client.post("/tasks", json=body(slow)).status_code == 202
        assert client.post("/tasks", json=body(queued)).status_code == 202
        deadline = time.monotonic() + 10
        while client.get("/status").json()["running"] != 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert client.get("/status").json()["queue_depth"] == 1
        response = client.post("/tasks/t-queued/cancel")
        assert response.status_code == 202 and response.json()["status"] == "accepted"
        receiver.wait_for(RESULTS, 1)
        assert {h: r["status"] for h, r in receiver.host_results("t-queued").items()} == {
            "q1": "cancelled", "q2": "cancelled"}
        time.sleep(1.0)  # the running one is still running
        assert receiver.host_results("t-slow") == {}
        started = time.monotonic()
        assert client.post("/tasks/t-slow/cancel").json()["status"] == "running"
        receiver.wait_for(RESULTS, 2)
        assert time.monotonic() - started < 10
        assert receiver.host_results("t-slow")["me"]["status"] == "cancelled"
        time.sleep(0.5)  # the worker now skips the cancelled queued task
        assert client.get("/status").json() == {"name": "local", "capacity": 1,
                                                "queue_depth": 0, "running": 0}
    assert len(receiver.received(RESULTS)) == 2


def test_secrets_never_in_queue_storage_or_logs(make_settings: Callable[..., Settings],
                                                receiver: Receiver,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    key_text = "-----BEGIN OPENSSH PRIVATE KEY-----\nSECRETKEYMATERIAL0123456789\n" \
               "-----END OPENSSH PRIVATE KEY-----\n"
    secrets = ["SECRETKEYMATERIAL0123456789", "pw-Zq8-very-secret", "become-Xy7-secret"]
    settings = make_settings(scheduler_url=receiver.url, workers=1)
    with serve(settings) as client:
        blocker = task("t-block", "command", {"cmd": "sleep 30"}, [local_host()])
        assert client.post("/tasks", json=body(blocker)).status_code == 202
        secret_hosts = [
            local_host("k", credential={"name": "key", "kind": "ssh_key",
                                        "private_key": key_text,
                                        "become_password": secrets[2]}),
            local_host("p", credential={"name": "pw", "kind": "password",
                                        "password": secrets[1]})]
        waiting = task("t-secret", "ping", {}, secret_hosts)
        assert client.post("/tasks", json=body(waiting)).status_code == 202
        assert client.get("/status").json()["queue_depth"] >= 1  # it sits in the queue now
        stored = b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())
        for secret in secrets:
            assert secret.encode() not in stored
        assert stat_mode(settings.data_dir / "queue.key") == 0o600
        client.post("/tasks/t-secret/cancel")
        client.post("/tasks/t-block/cancel")
        receiver.wait_for(RESULTS, 2)
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in secrets:
        assert secret not in logged
    sent = str([c.body for c in receiver.calls])
    for secret in secrets:
        assert secret not in sent


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_an_unacknowledged_heartbeat_is_tried_again_soon(
        make_settings: Callable[..., Settings], receiver: Receiver) -> None:
    settings = make_settings(scheduler_url=receiver.url, heartbeat_s=30)
    receiver.script[HEARTBEAT] = [503, 503]
    with serve(settings):
        started = time.monotonic()
        receiver.wait_for(HEARTBEAT, 1, status=200, timeout=10)
        took = time.monotonic() - started
    assert len(receiver.received(HEARTBEAT, status=503)) == 2
    assert took < 5, f"the acknowledged heartbeat came {took:.1f} s later (interval 30 s)"


def test_heartbeats_and_lost_tasks_after_restart(make_settings: Callable[..., Settings],
                                                 receiver: Receiver) -> None:
    settings = make_settings(scheduler_url=receiver.url, workers=1, name="n1",
                             url="http://127.0.0.1:9999")
    with serve(settings) as client:
        client.post("/tasks", json=body(task("t-busy", "command", {"cmd": "sleep 30"},
                                             [local_host()])))
        client.post("/tasks", json=body(task("t-left", "ping", {}, [local_host()])))
        beat = receiver.wait_for(HEARTBEAT)[0]
        assert beat.headers["Authorization"] == f"Bearer {TOKEN}"
        assert beat.body["name"] == "n1" and beat.body["url"] == "http://127.0.0.1:9999"
        assert beat.body["capacity"] == 1 and beat.body["lost_task_ids"] == []
    # shutdown cancelled the running task; the queued one was never started
    assert receiver.host_results("t-busy")["me"]["status"] == "cancelled"
    receiver.calls.clear()
    receiver.script[HEARTBEAT] = [503]
    with serve(settings):
        beats = receiver.wait_for(HEARTBEAT, 1, status=200)
        time.sleep(3 * settings.heartbeat_s)
    refused = receiver.received(HEARTBEAT, status=503)
    assert refused[0].body["lost_task_ids"] == ["t-left"]
    assert beats[0].body["lost_task_ids"] == ["t-left"]  # re-sent until acknowledged
    later = receiver.received(HEARTBEAT)[1:]
    assert later and all(b.body["lost_task_ids"] == [] for b in later)
    assert receiver.host_results("t-left") == {}  # a lost task is not run after the restart
