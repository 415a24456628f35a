"""Procedures: versioned saves, graph validation naming node and field, the task catalogue."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import Procedure, ProcedureVersion
from noc_contracts import CATALOGUE
from tests.backend.utils import graph, loop_graph

URL = "/api/v1/procedures"


def _problems(response: Any) -> list[tuple[str | None, str | None]]:
    return [(d.get("node"), d.get("field")) for d in response.json()["error"]["details"]]


def _count_rows(client: TestClient) -> tuple[int, int]:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return Procedure.select().count(), ProcedureVersion.select().count()


def test_create_update_versions_delete(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post(URL, headers=admin, json={"name": "Restart nginx",
                                                    "description": "d", "graph": loop_graph()})
    assert created.status_code == 201, created.text
    proc = created.json()
    assert proc["version"] == 1 and proc["created_by"] == "admin"
    assert proc["graph"]["edges"][0] == {"from": "check", "to": "up?", "on": "success"}
    url = f"{URL}/{proc['id']}"

    updated = client.put(url, headers=admin, json={"name": "Restart nginx v2",
                                                   "graph": graph(task="command",
                                                                  params={"cmd": "uptime"})})
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == 2 and updated.json()["name"] == "Restart nginx v2"
    assert client.get(url, headers=admin).json()["graph"]["nodes"][0]["task"] == "command"

    versions = client.get(f"{url}/versions", headers=admin).json()
    assert versions["count"] == 2
    assert [v["version"] for v in versions["data"]] == [2, 1]
    assert versions["data"][1]["graph"]["nodes"][0]["task"] == "service"

    listed = client.get(URL, headers=admin).json()
    assert listed["count"] == 1 and "graph" not in listed["data"][0]

    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=admin).status_code == 404
    assert _count_rows(client) == (0, 0)


def test_duplicate_name_is_409(client: TestClient, admin: dict[str, str]) -> None:
    client.post(URL, headers=admin, json={"name": "p", "graph": graph()})
    other = client.post(URL, headers=admin, json={"name": "q", "graph": graph()}).json()
    response = client.post(URL, headers=admin, json={"name": "p", "graph": graph()})
    assert response.status_code == 409
    assert response.json()["error"]["details"][0]["field"] == "name"
    rename = client.put(f"{URL}/{other['id']}", headers=admin, json={"name": "p",
                                                                    "graph": graph()})
    assert rename.status_code == 409
    assert _count_rows(client) == (2, 2)


def _broken(kind: str) -> dict[str, Any]:
    g = graph()
    if kind == "unknown_task":
        g["nodes"][0]["task"] = "teleport"
    elif kind == "bad_params":
        g = graph(task="command", params={"cmd": "ls", "bogus": 1})
    elif kind == "dangling_edge":
        g["edges"].append({"from": "check", "to": "nowhere", "on": "failure"})
    elif kind == "unreachable":
        g["nodes"].append({"id": "orphan", "type": "end"})
    elif kind == "bad_expression":
        g["nodes"].insert(1, {"id": "d", "type": "decision", "condition": "x ==="})
        g["edges"] = [{"from": "check", "to": "d", "on": "success"},
                      {"from": "d", "to": "ok", "on": "true"},
                      {"from": "d", "to": "ok", "on": "false"}]
    return g


@pytest.mark.parametrize(("kind", "expected"), [
    ("unknown_task", ("check", "task")),
    ("bad_params", ("check", "params.bogus")),
    ("dangling_edge", ("check", "edges.1.to")),
    ("unreachable", ("orphan", "id")),
    ("bad_expression", ("d", "condition")),
])
def test_invalid_graphs_name_node_and_field(client: TestClient, admin: dict[str, str],
                                            kind: str, expected: tuple[str, str]) -> None:
    response = client.post(URL, headers=admin, json={"name": "p", "graph": _broken(kind)})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_graph"
    assert expected in _problems(response)
    assert _count_rows(client) == (0, 0)
    check = client.post(f"{URL}/validate", headers=admin, json={"graph": _broken(kind)})
    assert check.status_code == 200
    assert check.json()["valid"] is False
    assert expected in [(p.get("node"), p.get("field")) for p in check.json()["problems"]]


def test_invalid_update_keeps_the_current_version(client: TestClient,
                                                  admin: dict[str, str]) -> None:
    proc = client.post(URL, headers=admin, json={"name": "p", "graph": graph()}).json()
    response = client.put(f"{URL}/{proc['id']}", headers=admin,
                          json={"name": "p", "graph": _broken("unknown_task")})
    assert response.status_code == 422
    assert client.get(f"{URL}/{proc['id']}", headers=admin).json()["version"] == 1
    assert _count_rows(client) == (1, 1)


def test_shape_errors_name_the_node(client: TestClient, admin: dict[str, str]) -> None:
    g = graph()
    del g["nodes"][0]["task"]
    response = client.post(URL, headers=admin, json={"name": "p", "graph": g})
    assert response.status_code == 422
    assert ("check", "graph.nodes.0.task") in _problems(response)
    check = client.post(f"{URL}/validate", headers=admin, json={"graph": g}).json()
    assert check["valid"] is False
    assert ("check", "nodes.0.task") in [(p.get("node"), p["field"]) for p in check["problems"]]


def test_validate_accepts_a_good_graph(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(f"{URL}/validate", headers=admin, json={"graph": loop_graph()})
    assert response.json() == {"valid": True, "problems": []}


def test_unknown_procedure_is_404(client: TestClient, admin: dict[str, str]) -> None:
    assert client.get(f"{URL}/999", headers=admin).status_code == 404
    assert client.put(f"{URL}/999", headers=admin,
                      json={"name": "p", "graph": graph()}).status_code == 404
    assert client.get(f"{URL}/999/versions", headers=admin).status_code == 404


def test_task_types_list_the_catalogue(client: TestClient, admin: dict[str, str]) -> None:
    types = client.get("/api/v1/task-types", headers=admin).json()
    assert [t["name"] for t in types] == list(CATALOGUE)
    command = next(t for t in types if t["name"] == "command")
    assert command["kind"] == "action" and "cmd" in command["params_schema"]["properties"]
