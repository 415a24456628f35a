"""The audit log: who did what, written in the change's transaction, masked, append-only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import peewee
import pytest
from fastapi.testclient import TestClient

from noc_backend.models import AuditEntry, Execution, Host
from noc_backend.services import audit
from tests.backend.conftest import AppFactory
from tests.backend.utils import INTERNAL, add_user, graph, host_body, login


def _entries(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/audit", headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _actions(client: TestClient, headers: dict[str, str], **params: Any) -> list[str]:
    return [e["action"] for e in _entries(client, headers, **params)["data"]]


def test_inventory_changes_are_audited_with_actor_and_target(client: TestClient,
                                                             admin: dict[str, str]) -> None:
    operator = add_user(client, "otto", "operator", "operator-password")
    host = client.post("/api/v1/hosts", headers=operator, json=host_body("web1")).json()
    client.patch(f"/api/v1/hosts/{host['id']}", headers=operator, json={"port": 2222})
    client.post("/api/v1/groups", headers=operator, json={"name": "db"})
    client.delete(f"/api/v1/hosts/{host['id']}", headers=operator)
    entries = _entries(client, admin, actor="otto")["data"]
    assert [e["action"] for e in entries] == [
        "host.delete", "group.create", "host.update", "host.create", "login.succeeded"]
    create = entries[3]
    assert (create["actor_kind"], create["actor_user_id"], create["client_address"],
            create["target_type"], create["target_id"], create["target_name"]) == (
        "user", 2, "testclient", "host", str(host["id"]), "web1")
    assert create["details"]["address"] == "10.0.0.1"
    assert entries[2]["details"] == {"port": 2222}


def test_api_token_calls_are_audited_as_api_token(client: TestClient,
                                                  admin: dict[str, str]) -> None:
    token = client.post("/api/v1/tokens", headers=admin,
                        json={"name": "ci", "expires_in_days": 1}).json()
    bearer = {"Authorization": f"Bearer {token['token']}"}
    client.post("/api/v1/hosts", headers=bearer, json=host_body("web1"))
    [entry] = _entries(client, admin, action="host.")["data"]
    assert entry["actor_kind"] == "api-token" and entry["actor"] == "admin"
    [created] = _entries(client, admin, action="token.create")["data"]
    assert created["target_name"] == "ci" and token["token"] not in json.dumps(created)


def test_credential_secrets_never_reach_the_log(client: TestClient,
                                                admin: dict[str, str]) -> None:
    response = client.post("/api/v1/credentials", headers=admin, json={
        "name": "db", "kind": "password", "password": "hunter2-secret-value"})
    assert response.status_code == 201
    client.delete("/api/v1/credentials/db", headers=admin)
    entries = _entries(client, admin, target_type="credential")
    assert [e["action"] for e in entries["data"]] == ["credential.delete", "credential.create"]
    assert "hunter2" not in json.dumps(entries)
    assert entries["data"][1]["details"]["fields"] == ["password"]


def test_a_failed_audit_write_rolls_the_change_back(make_client: AppFactory,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()
    headers = login(client)

    def broken(*_: Any, **__: Any) -> None:
        raise peewee.OperationalError("audit table unavailable")

    monkeypatch.setattr(audit, "record", broken)
    quiet = TestClient(client.app, raise_server_exceptions=False)
    assert quiet.post("/api/v1/hosts", headers=headers, json=host_body()).status_code == 500
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        assert Host.select().count() == 0


def test_a_refused_change_writes_no_entry(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/api/v1/hosts", headers=admin,
                           json=host_body("web1", credential="missing"))
    assert response.status_code == 422
    assert _actions(client, admin, target_type="host") == []


def test_logins_logouts_users_and_passwords_are_audited(client: TestClient,
                                                        admin: dict[str, str]) -> None:
    client.post("/api/v1/auth/login", json={"username": "ghost", "password": "nope-nope"})
    client.post("/api/v1/auth/login", json={"username": "admin", "password": "wrong-pass"})
    user = client.post("/api/v1/users", headers=admin, json={
        "username": "otto", "password": "operator-password", "role": "viewer"}).json()
    client.patch(f"/api/v1/users/{user['id']}", headers=admin,
                 json={"role": "operator", "password": "another-password"})
    otto = login(client, "otto", "another-password")
    client.post("/api/v1/me/password", headers=otto, json={
        "current_password": "another-password", "new_password": "a-third-password"})
    client.post("/api/v1/auth/logout", headers=otto)
    failed = _entries(client, admin, action="login.failed")["data"]
    assert [(e["actor"], e["actor_user_id"], e["details"]["reason"]) for e in failed] == [
        ("admin", 1, "wrong password"), ("ghost", None, "unknown user")]
    assert _actions(client, admin, actor="otto") == [
        "logout", "password.change", "login.succeeded"]
    update = _entries(client, admin, action="user.update")["data"][0]
    assert update["details"]["role"] == "operator" and update["details"]["password_reset"]
    assert "another-password" not in json.dumps(_entries(client, admin))


def test_filters_paging_and_newest_first(client: TestClient, admin: dict[str, str]) -> None:
    for i in range(5):
        client.post("/api/v1/hosts", headers=admin, json=host_body(f"h{i}"))
    page = _entries(client, admin, action="host.create", limit=2, offset=1)
    assert page["count"] == 5
    assert [e["target_name"] for e in page["data"]] == ["h3", "h2"]
    one = _entries(client, admin, target_type="host", target_id="1")["data"]
    assert [e["target_name"] for e in one] == ["h0"]
    assert _entries(client, admin, action="host_")["count"] == 0  # a prefix, not a pattern
    now = datetime.now(UTC)
    assert _entries(client, admin, since=(now + timedelta(minutes=1)).isoformat())["count"] == 0
    assert _entries(client, admin, until=(now + timedelta(minutes=1)).isoformat(),
                    action="host.")["count"] == 5
    assert client.get("/api/v1/audit", headers=admin,
                      params={"limit": 0}).status_code == 422


def test_the_database_refuses_update_and_delete(client: TestClient,
                                                admin: dict[str, str]) -> None:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        before = AuditEntry.select().count()
        assert before >= 1
        for statement in (AuditEntry.update(action="x"), AuditEntry.delete()):
            with pytest.raises(peewee.DatabaseError, match="append-only"), services.db.atomic():
                statement.execute()
        with pytest.raises(peewee.DatabaseError, match="append-only"), services.db.atomic():
            services.db.execute_sql('DELETE FROM "audit_entry"')
        assert AuditEntry.select().count() == before
        assert {e.action for e in AuditEntry.select()} >= {"login.succeeded"}


def _scheduler(calls: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if request.url.path.endswith("/cancel"):
            return httpx.Response(202, json={})
        now = datetime.now(UTC).isoformat()
        if request.url.path.endswith("/pause"):
            return httpx.Response(200, json={"id": 7, "procedure_id": 1, "status": "paused",
                                             "target": {"group": "web"}, "created_at": now})
        body = json.loads(request.content)
        return httpx.Response(201, json={**body, "id": 7, "status": "active",
                                         "created_at": now, "execution_id": "ex-1"})
    return httpx.MockTransport(handle)


def test_a_launch_records_who_what_and_masked_vars(make_client: AppFactory) -> None:
    calls: list[httpx.Request] = []
    client = make_client(_scheduler(calls))
    admin = login(client)
    client.post("/api/v1/hosts", headers=admin, json=host_body("web1", groups=["web"]))
    proc = client.post("/api/v1/procedures", headers=admin,
                       json={"name": "p", "graph": graph()}).json()
    operator = add_user(client, "otto", "operator", "operator-password")
    response = client.post(f"/api/v1/procedures/{proc['id']}/runs", headers=operator, json={
        "target": {"group": "web"}, "check_mode": True,
        "vars": {"db_password": "hunter2", "tier": "front"}})
    assert response.status_code == 201, response.text
    assert json.loads(calls[0].content)["created_by"] == "otto"
    detail = client.get("/api/v1/executions/ex-1", headers=operator).json()
    assert (detail["launched_by"], detail["target"], detail["vars"], detail["dry_run"],
            detail["schedule_id"]) == ("otto", {"group": "web"},
                                       {"db_password": "********", "tier": "front"}, True, 7)
    [listed] = client.get("/api/v1/executions", headers=operator).json()["data"]
    assert listed["launched_by"] == "otto"  # the list says who, too
    [launch] = _entries(client, admin, action="execution.launch")["data"]
    assert (launch["actor"], launch["target_id"], launch["target_name"]) == ("otto", "ex-1", "p")
    assert launch["details"]["vars"] == {"db_password": "********", "tier": "front"}
    assert launch["details"]["dry_run"] is True and launch["details"]["schedule_id"] == 7
    assert "hunter2" not in json.dumps(_entries(client, admin))

    assert client.post("/api/v1/executions/ex-1/cancel", headers=operator).status_code == 202
    assert client.post("/api/v1/schedules/7/pause", headers=operator).status_code == 200
    assert _actions(client, admin, actor="otto")[:2] == ["schedule.pause", "execution.cancel"]


def test_execution_started_event_fills_the_launch_columns(client: TestClient,
                                                          admin: dict[str, str]) -> None:
    event = {"event_id": "e1", "execution_id": "ex-9", "type": "execution_started",
             "at": "2026-01-01T12:00:00Z",
             "data": {"procedure_id": 1, "schedule_id": 3, "check_mode": False,
                      "hosts": ["web1"], "launched_by": "cron-owner",
                      "target": {"hosts": ["web1"]},
                      "vars": {"api_token": "leaked?", "n": 1}}}
    response = client.post("/internal/v1/events", headers=INTERNAL, json={"events": [event]})
    assert response.status_code == 200, response.text
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        row = Execution.get_by_id("ex-9")
    assert (row.launched_by, row.target, row.vars, row.dry_run, row.schedule_id) == (
        "cron-owner", {"hosts": ["web1"]}, {"api_token": "********", "n": 1}, False, 3)
