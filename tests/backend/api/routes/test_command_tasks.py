"""Command-type tasks (arbitrary commands) are saved only by admins or ``can_run_commands``."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.backend.utils import add_user, graph


def _grant(client: TestClient, admin: dict[str, str], user_id: int, allowed: bool) -> None:
    response = client.patch(f"/api/v1/users/{user_id}", headers=admin,
                            json={"can_run_commands": allowed})
    assert response.status_code == 200


def test_an_operator_without_the_right_gets_403_naming_the_node(
        client: TestClient, admin: dict[str, str]) -> None:
    operator = add_user(client, "otto", "operator", "operator-password")
    body = {"name": "p", "graph": graph(task="command", params={"cmd": "uptime"})}
    response = client.post("/api/v1/procedures", headers=operator, json=body)
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "commands_not_allowed"
    assert error["details"] == [{"field": "graph.nodes.check.task", "node": "check",
                                 "message": "task type 'command' runs arbitrary commands"}]
    assert client.get("/api/v1/procedures", headers=operator).json()["count"] == 0


def test_new_versions_are_checked_too_and_the_right_opens_them(
        client: TestClient, admin: dict[str, str]) -> None:
    operator = add_user(client, "otto", "operator", "operator-password")
    created = client.post("/api/v1/procedures", headers=operator,
                          json={"name": "p", "graph": graph()})
    assert created.status_code == 201
    proc_id = created.json()["id"]
    check = {"name": "p", "graph": graph(task="command_check", params={"cmd": "id"})}
    assert client.put(f"/api/v1/procedures/{proc_id}", headers=operator,
                      json=check).status_code == 403
    _grant(client, admin, 2, True)
    assert client.put(f"/api/v1/procedures/{proc_id}", headers=operator,
                      json=check).status_code == 200
    _grant(client, admin, 2, False)
    assert client.put(f"/api/v1/procedures/{proc_id}", headers=operator,
                      json=check).status_code == 403


def test_admins_may_and_other_tasks_need_no_right(client: TestClient,
                                                  admin: dict[str, str]) -> None:
    body = {"name": "a", "graph": graph(task="command", params={"cmd": "uptime"})}
    assert client.post("/api/v1/procedures", headers=admin, json=body).status_code == 201
    operator = add_user(client, "otto", "operator", "operator-password")
    assert client.post("/api/v1/procedures", headers=operator,
                       json={"name": "b", "graph": graph()}).status_code == 201
