"""``POST /api/v1/nodes``: an admin registers an execution node through the backend (the node
installer's way in, since only the scheduler's machine can run ``noc-scheduler nodes add``); the
real scheduler (served on a loopback port) stores it; the change is audited without the token;
other roles are refused before the body is read; refusals name the field."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.models import AuditEntry
from noc_scheduler.nodes import registry
from tests.backend.conftest import AppFactory
from tests.backend.servers import SchedulerServed, serve_scheduler
from tests.backend.utils import add_user, login

TOKEN = "the-rio-node-token-0123456789"
BODY = {"name": "rio-1", "url": "http://127.0.0.1:9", "token": TOKEN, "capacity": 8,
        "labels": {"site": "rio"}}


@pytest.fixture
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchedulerServed]:
    with serve_scheduler(tmp_path_factory.mktemp("scheduler")) as served:
        yield served


@pytest.fixture
def client(make_client: AppFactory, scheduler: SchedulerServed) -> TestClient:
    return make_client(scheduler_url=scheduler.url)


def _register_entries(client: TestClient) -> list[tuple[str, str, dict[str, object]]]:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return [(e.action, e.target_name, e.details) for e in AuditEntry.select().where(
            AuditEntry.action == "node.register").order_by(AuditEntry.id)]


def test_an_admin_registers_a_node_the_scheduler_then_knows(
        client: TestClient, scheduler: SchedulerServed) -> None:
    admin = login(client)
    answer = client.post("/api/v1/nodes", headers=admin, json=BODY)
    assert answer.status_code == 201, answer.text
    assert answer.json()["labels"] == {"site": "rio"} and answer.json()["capacity"] == 8
    assert TOKEN not in answer.text
    with scheduler.runtime.db.connection_context():
        node = registry.by_token(TOKEN)
    assert node is not None and node.name == "rio-1"
    beat = httpx.post(scheduler.url + "/internal/v1/nodes/heartbeat", timeout=10,
                      headers={"Authorization": f"Bearer {TOKEN}"},
                      json={"name": "rio-1", "url": BODY["url"], "capacity": 8,
                            "queue_depth": 0, "running": 0})
    assert beat.status_code == 200 and beat.json()["health"] == "up"
    again = client.post("/api/v1/nodes", headers=admin,
                        json={"name": "rio-1", "url": "http://127.0.0.1:10", "token": TOKEN})
    assert again.status_code == 200, again.text
    assert again.json()["labels"] == {"site": "rio"}  # left out: kept
    entries = _register_entries(client)
    assert entries == [
        ("node.register", "rio-1", {"url": "http://127.0.0.1:9", "capacity": 8,
                                    "labels": {"site": "rio"}, "new": True}),
        ("node.register", "rio-1", {"url": "http://127.0.0.1:10", "capacity": None,
                                    "labels": None, "new": False})]
    assert TOKEN not in str(entries)


def test_only_admins_register_nodes(client: TestClient, scheduler: SchedulerServed) -> None:
    operator = add_user(client, "otto", "operator", "operator-password-1")
    for headers in (operator, {}):
        answer = client.post("/api/v1/nodes", headers=headers, json=BODY)
        assert answer.status_code in (401, 403), answer.text
    with scheduler.runtime.db.connection_context():
        assert registry.by_token(TOKEN) is None
    assert _register_entries(client) == []


def test_refusals_name_the_field_and_never_echo_the_token(client: TestClient) -> None:
    admin = login(client)
    bad = client.post("/api/v1/nodes", headers=admin, json={
        "name": "", "url": "not a url", "token": "short-token", "capacity": 0})
    assert bad.status_code == 422, bad.text
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert {"name", "url", "token", "capacity"} <= fields
    assert "short-token" not in bad.text
    assert client.post("/api/v1/nodes", headers=admin, json=BODY).status_code == 201
    taken = client.post("/api/v1/nodes", headers=admin, json={**BODY, "name": "sp-1"})
    assert taken.status_code == 409, taken.text
    assert taken.json()["error"]["details"][0]["field"] == "token"
    assert "rio-1" in taken.json()["error"]["message"] and TOKEN not in taken.text
    assert [e[2]["new"] for e in _register_entries(client)] == [True]


def test_an_unreachable_scheduler_is_a_503_and_nothing_is_audited(
        make_client: AppFactory) -> None:
    client = make_client()  # the default settings' scheduler URL: nothing listens
    answer = client.post("/api/v1/nodes", headers=login(client), json=BODY)
    assert answer.status_code == 503, answer.text
    assert _register_entries(client) == []
