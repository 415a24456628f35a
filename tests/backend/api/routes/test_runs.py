"""Runs: the target is checked here first, then the schedule goes to the scheduler."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.models import Execution
from tests.backend.conftest import AppFactory
from tests.backend.utils import SCHEDULER_TOKEN, fake_scheduler, graph, host_body, login


def _setup(client: TestClient) -> tuple[dict[str, str], int]:
    headers = login(client)
    client.post("/api/v1/hosts", headers=headers, json=host_body("web1", groups=["web"]))
    client.post("/api/v1/hosts", headers=headers,
                json=host_body("web2", groups=["web", "off"], enabled=False))
    proc = client.post("/api/v1/procedures", headers=headers,
                       json={"name": "p", "graph": graph()}).json()
    return headers, int(proc["id"])


def _executions(client: TestClient) -> list[Execution]:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return list(Execution.select())


def _schedule_info(body: dict[str, Any], execution_id: str | None = "ex-1") -> httpx.Response:
    info = {**body, "id": 7, "status": "active",
            "created_at": datetime.now(UTC).isoformat(), "execution_id": execution_id}
    return httpx.Response(201, json=info)


@pytest.mark.parametrize(("target", "field"), [
    ({"hosts": ["web1", "ghost", "nobody"]}, "target.hosts"),
    ({"hosts": ["web2"]}, "target.hosts"),
    ({"group": "off"}, "target.group"),
    ({"group": "missing"}, "target.group"),
    ({"hosts": ["web1"], "group": "web"}, "target"),
    ({"hosts": []}, "target.hosts"),
])
def test_bad_targets_are_422_and_nothing_is_sent(make_client: AppFactory, target: dict[str, Any],
                                                 field: str) -> None:
    calls: list[httpx.Request] = []
    client = make_client(fake_scheduler(_schedule_info, calls))
    headers, proc_id = _setup(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": target})
    assert response.status_code == 422, response.text
    details = response.json()["error"]["details"]
    assert [d["field"] for d in details] == [field]
    if "ghost" in json.dumps(target):
        assert "ghost, nobody" in details[0]["message"]
    assert calls == [] and _executions(client) == []


def test_scheduler_unreachable_is_503(client: TestClient) -> None:
    headers, proc_id = _setup(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": {"group": "web"}})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "scheduler_unavailable"
    assert _executions(client) == []


def test_run_now_records_the_execution(make_client: AppFactory) -> None:
    calls: list[httpx.Request] = []
    client = make_client(fake_scheduler(_schedule_info, calls))
    headers, proc_id = _setup(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": {"group": "web"}, "vars": {"x": 1}})
    assert response.status_code == 201, response.text
    assert response.json()["execution_id"] == "ex-1"
    assert len(calls) == 1
    sent = json.loads(calls[0].content)
    assert calls[0].url.path == "/internal/v1/schedules"
    assert calls[0].headers["authorization"] == f"Bearer {SCHEDULER_TOKEN}"
    assert (sent["procedure_id"], sent["target"], sent["vars"], sent["created_by"]) == (
        proc_id, {"hosts": None, "group": "web"}, {"x": 1}, "admin")
    [execution] = _executions(client)
    assert (execution.id, execution.status, execution.hosts_total) == ("ex-1", "running", 1)
    listed = client.get("/api/v1/executions", headers=headers).json()
    assert listed["data"][0]["procedure_name"] == "p"


def test_scheduled_run_records_no_execution(make_client: AppFactory) -> None:
    calls: list[httpx.Request] = []
    client = make_client(fake_scheduler(lambda b: _schedule_info(b, None), calls))
    headers, proc_id = _setup(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": {"hosts": ["web1"]}, "cron": "0 3 * * *"})
    assert response.status_code == 201 and response.json()["execution_id"] is None
    assert _executions(client) == []


@pytest.mark.parametrize(("status", "body", "expected_status", "code"), [
    (422, {"error": {"code": "invalid", "message": "bad cron",
                     "details": [{"field": "cron", "message": "bad cron"}]}}, 422, "invalid"),
    (409, {"unexpected": True}, 409, "scheduler_rejected"),
    (500, {"error": {"code": "internal", "message": "boom"}}, 503, "scheduler_unavailable"),
    (401, {"error": {"code": "unauthorized", "message": "no"}}, 503, "scheduler_unavailable"),
    (201, {"not": "a schedule"}, 503, "scheduler_unavailable"),
])
def test_scheduler_answers_are_mapped(make_client: AppFactory, status: int,
                                      body: dict[str, Any], expected_status: int,
                                      code: str) -> None:
    calls: list[httpx.Request] = []
    client = make_client(fake_scheduler(lambda _: httpx.Response(status, json=body), calls))
    headers, proc_id = _setup(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": {"hosts": ["web1"]}, "cron": "nope"})
    assert response.status_code == expected_status
    assert response.json()["error"]["code"] == code
    if status == 422:
        assert response.json()["error"]["details"] == [{"field": "cron", "message": "bad cron"}]
    assert _executions(client) == []


def test_unknown_procedure_is_404(client: TestClient) -> None:
    headers = login(client)
    response = client.post("/api/v1/procedures/42/runs", headers=headers,
                           json={"target": {"group": "web"}})
    assert response.status_code == 404
