"""``POST /api/v1/procedures/simulate``: the backend checks the graph, resolves the host (an
inventory host's effective vars, never its credential) and the real scheduler (served on a
loopback port, its sandbox evaluating) walks it; nothing is stored or audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import AuditEntry
from tests.backend.conftest import AppFactory
from tests.backend.servers import SchedulerServed, serve_scheduler
from tests.backend.utils import add_user, host_body, login

URL = "/api/v1/procedures/simulate"
GRAPH: dict[str, Any] = {
    "nodes": [{"id": "check", "type": "task", "task": "service_status",
               "params": {"name": "{{ host.vars.service }}"}},
              {"id": "up?", "type": "decision",
               "condition": "steps.check.facts.state == 'running'"},
              {"id": "tries", "type": "loop", "max_iterations": 2},
              {"id": "start", "type": "task", "task": "service",
               "params": {"name": "{{ host.vars.service }}", "state": "started"}},
              {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
    "edges": [{"from": "check", "to": "up?", "on": "success"},
              {"from": "check", "to": "bad", "on": "failure"},
              {"from": "up?", "to": "ok", "on": "true"},
              {"from": "up?", "to": "tries", "on": "false"},
              {"from": "tries", "to": "start", "on": "body"},
              {"from": "tries", "to": "bad", "on": "done"},
              {"from": "start", "to": "check", "on": "success"}],
    "start": "check"}
DOWN = {"facts": {"state": "stopped"}}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchedulerServed]:
    """The real scheduler app (its API only) on 127.0.0.1, trusting the backend's token."""
    with serve_scheduler(tmp_path_factory.mktemp("scheduler")) as served:
        yield served


@pytest.fixture
def client(make_client: AppFactory, scheduler: SchedulerServed) -> TestClient:
    return make_client(scheduler_url=scheduler.url)


def test_a_described_host_walks_the_loop_to_its_bound(client: TestClient) -> None:
    headers = login(client)
    answer = client.post(URL, headers=headers, json={
        "graph": GRAPH, "host": {"name": "web1", "vars": {"service": "nginx"}},
        "default_outcome": DOWN})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["path"] == ["check", "up?", "tries", "start", "check", "up?", "tries",
                              "start", "check", "up?", "tries", "bad"]
    assert result["status"] == "failed"
    assert [s["loop"]["index"] for s in result["steps"] if s["type"] == "loop"] == [1, 2, 2]
    assert result["steps"][-2]["loop"]["done"] is True
    assert result["steps"][0]["params"] == {"name": "nginx"}


def test_an_inventory_host_brings_its_effective_vars(client: TestClient) -> None:
    headers = login(client)
    assert client.post("/api/v1/hosts", headers=headers, json=host_body(
        "db1", groups=["db"], vars={})).status_code == 201
    client.patch("/api/v1/groups/db", headers=headers, json={"vars": {"service": "postgres"}})
    answer = client.post(URL, headers=headers, json={
        "graph": GRAPH, "host_name": "db1", "outcomes": {"check": [DOWN, DOWN]},
        "default_outcome": {"facts": {"state": "running"}}})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["steps"][0]["params"] == {"name": "postgres"}
    assert result["path"][-1] == "ok" and result["status"] == "success"
    scripted = [s["scripted"] for s in result["steps"] if s["node_id"] == "check"]
    assert scripted == [True, True, False]


def test_a_viewer_may_simulate_and_nothing_is_audited(client: TestClient) -> None:
    viewer = add_user(client, "vera", "viewer", "viewer-password-1")
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        before = AuditEntry.select().count()
    answer = client.post(URL, headers=viewer, json={
        "graph": GRAPH, "host": {"name": "web1", "vars": {"service": "x"}}})
    assert answer.status_code == 200, answer.text
    with services.db.connection_context():
        assert AuditEntry.select().count() == before
    assert client.post(URL, json={"graph": GRAPH, "host": {"name": "a"}}).status_code == 401


def test_an_expression_error_is_a_step_with_its_error(client: TestClient) -> None:
    answer = client.post(URL, headers=login(client), json={
        "graph": GRAPH, "host": {"name": "web1"}})  # no host.vars.service
    assert answer.status_code == 200, answer.text
    first = answer.json()["steps"][0]
    assert first["outcome"]["status"] == "error" and "params.name" in first["error"]
    assert answer.json()["path"] == ["check", "bad"]


@pytest.mark.parametrize(("body", "field", "code"), [
    ({"host_name": "nowhere"}, "host_name", "unknown_hosts"),
    ({"host": {"name": "h", "address": "-oProxyCommand=x"}}, "host.address", "invalid"),
    ({"host": {"name": "h"}, "host_name": "h"}, "body", "invalid"),
    ({"host": {"name": "h"}, "max_steps": 0}, "max_steps", "invalid"),
])
def test_bad_requests_are_422_naming_the_field(client: TestClient, body: dict[str, Any],
                                               field: str, code: str) -> None:
    answer = client.post(URL, headers=login(client), json={"graph": GRAPH, **body})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == code
    assert field in {d.get("field") for d in error["details"]}


def test_a_graph_that_cannot_run_is_422_naming_the_node(client: TestClient) -> None:
    broken = {**GRAPH, "nodes": [*GRAPH["nodes"][:1],
                                 {"id": "up?", "type": "decision", "condition": "1 +"},
                                 *GRAPH["nodes"][2:]]}
    answer = client.post(URL, headers=login(client), json={"graph": broken,
                                                          "host": {"name": "h"}})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"] == "invalid_graph"
    assert "up?" in {d.get("node") for d in answer.json()["error"]["details"]}
    shapeless = client.post(URL, headers=login(client), json={
        "graph": {**GRAPH, "nodes": [{"id": "check", "type": "task"}]}, "host": {"name": "h"}})
    assert shapeless.status_code == 422
    assert any(d.get("field", "").startswith("graph.nodes") and d.get("node") == "check"
               for d in shapeless.json()["error"]["details"])


def test_outcomes_for_unknown_nodes_come_back_from_the_scheduler(client: TestClient) -> None:
    answer = client.post(URL, headers=login(client), json={
        "graph": GRAPH, "host": {"name": "h", "vars": {"service": "x"}},
        "outcomes": {"ghost": [{}]}})
    assert answer.status_code == 422
    assert [d["field"] for d in answer.json()["error"]["details"]] == ["outcomes.ghost"]
