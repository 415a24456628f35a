"""``/api/v1/nodes``: the real scheduler (served on a loopback port) owns the registry; the
backend lists it for every role, lets only admins label, drain, resume and remove a node, audits
each change, and passes the scheduler's refusals through naming the node or field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import AuditEntry
from noc_scheduler.nodes import registry
from tests.backend.conftest import AppFactory
from tests.backend.servers import SchedulerServed, serve_scheduler
from tests.backend.utils import add_user, login

NODE_TOKEN = "node-token-for-the-nodes-api-1234"


@pytest.fixture
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchedulerServed]:
    with serve_scheduler(tmp_path_factory.mktemp("scheduler")) as served:
        rt = served.runtime
        with rt.db.connection_context(), rt.db.atomic():
            registry.register(rt.box, "rio-1", "http://127.0.0.1:9", NODE_TOKEN,
                              labels={"site": "rio"})
        yield served


@pytest.fixture
def client(make_client: AppFactory, scheduler: SchedulerServed) -> TestClient:
    return make_client(scheduler_url=scheduler.url)


def test_every_role_lists_nodes_with_health_and_labels(client: TestClient) -> None:
    viewer = add_user(client, "vera", "viewer", "viewer-password-1")
    [node] = client.get("/api/v1/nodes", headers=viewer).json()
    assert node["name"] == "rio-1" and node["labels"] == {"site": "rio"}
    assert node["health"] == "down" and node["healthy"] is False  # never heard from
    assert "token" not in str(node)


def test_an_admin_labels_drains_resumes_and_removes_and_each_is_audited(
        client: TestClient, scheduler: SchedulerServed) -> None:
    admin = login(client)
    changed = client.patch("/api/v1/nodes/rio-1", headers=admin,
                           json={"labels": {"site": "rio", "zone": "dmz"}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["labels"] == {"site": "rio", "zone": "dmz"}
    assert client.post("/api/v1/nodes/rio-1/drain", headers=admin).json()["draining"] is True
    with scheduler.runtime.db.connection_context():
        assert registry.named("rio-1").draining is True
    assert client.post("/api/v1/nodes/rio-1/resume", headers=admin).json()["draining"] is False
    removed = client.delete("/api/v1/nodes/rio-1", headers=admin)
    assert removed.json() == {"name": "rio-1", "settled_steps": 0}
    assert client.get("/api/v1/nodes", headers=admin).json() == []
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        entries = [(e.action, e.target_name, e.details)
                   for e in AuditEntry.select().where(AuditEntry.action.startswith("node."))
                   .order_by(AuditEntry.id)]
    assert entries == [
        ("node.update", "rio-1", {"labels": {"site": "rio", "zone": "dmz"}}),
        ("node.drain", "rio-1", {}), ("node.resume", "rio-1", {}),
        ("node.remove", "rio-1", {"settled_steps": 0})]


def test_operators_may_not_change_nodes(client: TestClient,
                                        scheduler: SchedulerServed) -> None:
    operator = add_user(client, "otto", "operator", "operator-password-1")
    for method, path in (("PATCH", "/api/v1/nodes/rio-1"), ("POST", "/api/v1/nodes/rio-1/drain"),
                         ("POST", "/api/v1/nodes/rio-1/resume"),
                         ("DELETE", "/api/v1/nodes/rio-1")):
        answer = client.request(method, path, headers=operator,
                                json={"capacity": 2} if method == "PATCH" else None)
        assert answer.status_code == 403, (path, answer.text)
    with scheduler.runtime.db.connection_context():
        node = registry.named("rio-1")
    assert (node.draining, node.capacity) == (False, 4)


def test_refusals_name_the_node_or_the_field(client: TestClient) -> None:
    admin = login(client)
    missing = client.post("/api/v1/nodes/ghost/drain", headers=admin)
    assert missing.status_code == 404 and "ghost" in missing.json()["error"]["message"]
    bad = client.patch("/api/v1/nodes/rio-1", headers=admin, json={"labels": {"si te": "x"}})
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"].startswith("labels")
    assert "si te" in bad.text
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        assert AuditEntry.select().where(AuditEntry.action.startswith("node.")).count() == 0
