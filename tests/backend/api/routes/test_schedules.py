"""Schedules: proxied to the scheduler; run timing checked here first; missed fires recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.backend.conftest import AppFactory
from tests.backend.utils import INTERNAL, add_user, graph, host_body, login

NOW = datetime.now(UTC)


def _info(schedule_id: int = 7, **extra: Any) -> dict[str, Any]:
    return {"id": schedule_id, "procedure_id": 1, "target": {"group": "web"},
            "cron": "0 3 * * *", "timezone": "Europe/Berlin", "status": "active",
            "next_fire_at": "2030-01-02T02:00:00Z", "created_at": NOW.isoformat(), **extra}


class FakeScheduler:
    """The scheduler's schedules routes at the transport seam; records every request."""

    def __init__(self) -> None:
        self.calls: list[httpx.Request] = []
        self.vars: dict[str, Any] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        path, method = request.url.path, request.method
        if path.endswith("/99") or "/99/" in path:
            return httpx.Response(404, json={"error": {"code": "not_found",
                                                       "message": "no schedule 99"}})
        if method == "GET" and path == "/internal/v1/schedules":
            wanted = request.url.params.get_list("status") or ["active"]
            return httpx.Response(200, json=[_info(i, vars=self.vars) for i in (8, 7)
                                             if "active" in wanted])
        if path.endswith("/preview"):
            count = int(request.url.params["count"])
            return httpx.Response(200, json={"schedule_id": 7, "fire_times": [
                (NOW + timedelta(days=i)).isoformat() for i in range(count)]})
        if path.endswith("/pause"):
            return httpx.Response(200, json=_info(status="paused", vars=self.vars))
        if path.endswith("/resume"):
            return httpx.Response(200, json=_info(vars=self.vars))
        if method == "DELETE":
            return httpx.Response(204)
        if method == "POST" and path == "/internal/v1/schedules":
            body = json.loads(request.content)
            return httpx.Response(201, json={**body, "id": 9, "status": "active",
                                             "created_at": NOW.isoformat()})
        return httpx.Response(200, json=_info(vars=self.vars))


@pytest.fixture
def fake() -> FakeScheduler:
    return FakeScheduler()


@pytest.fixture
def client(make_client: AppFactory, fake: FakeScheduler) -> TestClient:
    return make_client(httpx.MockTransport(fake))


def test_schedules_are_proxied(client: TestClient, fake: FakeScheduler) -> None:
    headers = login(client)
    listed = client.get("/api/v1/schedules", headers=headers)
    assert listed.status_code == 200
    assert [s["id"] for s in listed.json()["data"]] == [8, 7] and listed.json()["count"] == 2
    assert listed.json()["data"][0]["next_fire_at"].startswith("2030-01-02T02:00:00")
    paged = client.get("/api/v1/schedules", params={"limit": 1, "offset": 1}, headers=headers)
    assert [s["id"] for s in paged.json()["data"]] == [7] and paged.json()["count"] == 2
    assert client.get("/api/v1/schedules/7", headers=headers).json()["cron"] == "0 3 * * *"
    paused = client.post("/api/v1/schedules/7/pause", headers=headers)
    assert paused.status_code == 200 and paused.json()["status"] == "paused"
    assert client.post("/api/v1/schedules/7/resume", headers=headers).json()["status"] == \
        "active"
    preview = client.get("/api/v1/schedules/7/preview?count=3", headers=headers).json()
    assert len(preview["fire_times"]) == 3
    assert client.delete("/api/v1/schedules/7", headers=headers).status_code == 204
    assert [(c.method, c.url.path) for c in fake.calls] == [
        ("GET", "/internal/v1/schedules"), ("GET", "/internal/v1/schedules"),
        ("GET", "/internal/v1/schedules/7"),
        ("POST", "/internal/v1/schedules/7/pause"), ("POST", "/internal/v1/schedules/7/resume"),
        ("GET", "/internal/v1/schedules/7/preview"), ("DELETE", "/internal/v1/schedules/7")]


def test_the_status_filter_is_the_schedulers(client: TestClient, fake: FakeScheduler) -> None:
    headers = login(client)
    paused = client.get("/api/v1/schedules", params={"status": "paused"}, headers=headers)
    assert paused.json() == {"data": [], "count": 0}
    active = client.get("/api/v1/schedules", params={"status": "active", "procedure": 2},
                        headers=headers)
    assert active.json() == {"data": [], "count": 0}  # procedure 1's: filtered here
    assert [c.url.params.get_list("status") for c in fake.calls] == [["paused"], ["active"]]


def test_unknown_schedule_and_bad_count(client: TestClient, fake: FakeScheduler) -> None:
    headers = login(client)
    response = client.get("/api/v1/schedules/99", headers=headers)
    assert response.status_code == 404 and "99" in response.json()["error"]["message"]
    response = client.get("/api/v1/schedules/7/preview?count=0", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "count"
    assert len(fake.calls) == 1


def test_viewer_may_read_but_not_pause(client: TestClient, fake: FakeScheduler) -> None:
    login(client)
    viewer = add_user(client, "vera", "viewer", "viewer-password-1")
    assert client.get("/api/v1/schedules", headers=viewer).status_code == 200
    assert client.post("/api/v1/schedules/7/pause", headers=viewer).status_code == 403
    assert client.delete("/api/v1/schedules/7", headers=viewer).status_code == 403
    assert client.get("/api/v1/schedules").status_code == 401
    assert len(fake.calls) == 1


def _procedure(client: TestClient) -> tuple[dict[str, str], int]:
    headers = login(client)
    client.post("/api/v1/hosts", headers=headers, json=host_body("web1", groups=["web"]))
    proc = client.post("/api/v1/procedures", headers=headers,
                       json={"name": "p", "graph": graph()}).json()
    return headers, int(proc["id"])


@pytest.mark.parametrize(("timing", "fields"), [
    ({"at": (NOW - timedelta(hours=1)).isoformat()}, ["at"]),
    ({"at": "2030-01-01T09:00:00"}, ["at"]),
    ({"cron": "0 3 * * *", "timezone": "Mars/Olympus"}, ["timezone"]),
    ({"cron": "0 3 * * *", "start": "2030-02-01T00:00:00Z", "end": "2030-01-01T00:00:00Z"},
     ["end"]),
    ({"cron": "0 3 * * *", "end": "2001-01-01T00:00:00Z"}, ["end"]),
    ({"cron": "0 3 * * *", "at": "2031-01-01T00:00:00Z"}, ["cron"]),
    ({"cron": "0 3 * * *", "missed_policy": "sometimes"}, ["missed_policy"]),
    ({"cron": "0 3 * * *", "catch_up_max": 0}, ["catch_up_max"]),
])
def test_bad_timing_is_422_naming_the_field(client: TestClient, fake: FakeScheduler,
                                            timing: dict[str, Any], fields: list[str]) -> None:
    headers, proc_id = _procedure(client)
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                           json={"target": {"group": "web"}, **timing})
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == fields
    assert fake.calls == []


def test_policies_are_passed_to_the_scheduler(client: TestClient, fake: FakeScheduler) -> None:
    headers, proc_id = _procedure(client)
    body = {"target": {"group": "web"}, "cron": "*/5 * * * *", "timezone": "America/Sao_Paulo",
            "start": "2030-01-01T00:00:00+00:00", "end": "2031-01-01T00:00:00+00:00",
            "missed_policy": "catch_up", "catch_up_max": 4, "overlap_policy": "queue"}
    response = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers, json=body)
    assert response.status_code == 201, response.text
    sent = json.loads(fake.calls[0].content)
    for key in ("cron", "timezone", "missed_policy", "catch_up_max", "overlap_policy"):
        assert sent[key] == body[key]
    assert sent["start"].startswith("2030-01-01T00:00:00") and sent["created_by"] == "admin"
    assert response.json()["overlap_policy"] == "queue"


def test_secret_launch_vars_are_masked_in_every_schedule_answer(
        client: TestClient, fake: FakeScheduler) -> None:
    headers, proc_id = _procedure(client)
    secret = "launch-secret-value"
    fake.vars = {"api_token": secret, "ticket": "INC-1", "nested": {"db_password": secret}}
    made = client.post(f"/api/v1/procedures/{proc_id}/runs", headers=headers,
                       json={"target": {"group": "web"}, "cron": "0 3 * * *",
                             "vars": fake.vars})
    assert made.status_code == 201, made.text
    assert json.loads(fake.calls[0].content)["vars"] == fake.vars  # the scheduler fires with it
    answers = [made, client.get("/api/v1/schedules", headers=headers),
               client.get("/api/v1/schedules/7", headers=headers),
               client.post("/api/v1/schedules/7/pause", headers=headers),
               client.post("/api/v1/schedules/7/resume", headers=headers)]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.text
        assert secret not in answer.text, answer.request.url
        assert '"ticket":"INC-1"' in answer.text.replace(" ", ""), answer.text


def test_missed_fire_event_becomes_a_missed_execution(client: TestClient) -> None:
    headers, proc_id = _procedure(client)
    event = {"event_id": "m-1", "execution_id": "miss-1", "type": "fire_missed",
             "at": "2030-01-01T03:00:00Z",
             "data": {"schedule_id": 7, "procedure_id": proc_id,
                      "fire_time": "2030-01-01T03:00:00+00:00", "reason": "overlap"}}
    for _ in range(2):  # redelivery is ignored
        response = client.post("/internal/v1/events", headers=INTERNAL,
                               json={"events": [event]})
        assert response.status_code == 200
    listed = client.get("/api/v1/executions?status=missed", headers=headers).json()
    assert listed["count"] == 1
    [row] = listed["data"]
    assert (row["id"], row["status"], row["procedure_name"]) == ("miss-1", "missed", "p")
    assert row["started_at"].startswith("2030-01-01T03:00:00")
    assert row["reason"] == "overlap"
    detail = client.get("/api/v1/executions/miss-1", headers=headers).json()
    assert detail["reason"] == "overlap" and detail["hosts"] == []


def test_a_missed_reason_is_kept_clean_and_bounded_and_runs_have_none(
        client: TestClient) -> None:
    headers, proc_id = _procedure(client)
    events = [{"event_id": "m-2", "execution_id": "miss-2", "type": "fire_missed",
               "at": "2030-01-01T03:00:00Z",
               "data": {"schedule_id": 7, "procedure_id": proc_id,
                        "reason": "paused\x00" + "x" * 5000}},
              {"event_id": "m-3", "execution_id": "miss-3", "type": "fire_missed",
               "at": "2030-01-01T04:00:00Z", "data": {"schedule_id": 7, "reason": 42}},
              {"event_id": "s-1", "execution_id": "run-1", "type": "execution_started",
               "at": "2030-01-01T05:00:00Z", "data": {"procedure_id": proc_id, "hosts": []}}]
    assert client.post("/internal/v1/events", headers=INTERNAL,
                       json={"events": events}).status_code == 200
    rows = {r["id"]: r for r in client.get("/api/v1/executions", headers=headers).json()["data"]}
    assert rows["miss-2"]["reason"] == ("paused\ufffd" + "x" * 5000)[:1000]
    assert rows["miss-3"]["reason"] is None and rows["run-1"]["reason"] is None
