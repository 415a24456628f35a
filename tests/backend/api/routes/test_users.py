"""Users API: admin-only CRUD, the password policy, the last admin, revocation, ``/me``."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from noc_backend.models import AuthToken
from tests.backend.utils import ADMIN_PASSWORD, add_user, login

PASSWORD = "a-long-password"


def _create(client: TestClient, admin: dict[str, str], username: str, role: str = "operator",
            password: str = PASSWORD, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/v1/users", headers=admin, json={
        "username": username, "password": password, "role": role, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _tokens(client: TestClient) -> int:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return int(AuthToken.select().count())


def test_admin_creates_lists_and_reads_users_without_hashes(client: TestClient,
                                                           admin: dict[str, str]) -> None:
    created = _create(client, admin, "otto", can_run_commands=True)
    assert created["role"] == "operator" and created["can_run_commands"] is True
    assert not any("hash" in k or "password" in k for k in created)
    listed = client.get("/api/v1/users", headers=admin, params={"limit": 1, "offset": 1}).json()
    assert listed["count"] == 2 and [u["username"] for u in listed["data"]] == ["otto"]
    assert client.get(f"/api/v1/users/{created['id']}", headers=admin).json() == created
    assert "hash" not in client.get("/api/v1/users", headers=admin).text
    login(client, "otto", "a-long-password")
    assert client.get("/api/v1/users/999", headers=admin).status_code == 404


def test_duplicate_username_is_409_naming_it(client: TestClient, admin: dict[str, str]) -> None:
    _create(client, admin, "otto")
    response = client.post("/api/v1/users", headers=admin, json={
        "username": "otto", "password": "another-password", "role": "viewer"})
    assert response.status_code == 409
    assert response.json()["error"]["details"][0]["field"] == "username"


def test_password_policy_names_the_field_and_the_limits(client: TestClient,
                                                        admin: dict[str, str]) -> None:
    for password in ("short", "x" * 257):
        response = client.post("/api/v1/users", headers=admin, json={
            "username": "otto", "password": password, "role": "viewer"})
        assert response.status_code == 422, response.text
        detail = response.json()["error"]["details"][0]
        assert detail["field"] == "password"
        assert "10 to 256 characters" in detail["message"]
    _create(client, admin, "ten", password="x" * 10)
    _create(client, admin, "max", password="x" * 256)
    response = client.patch("/api/v1/users/2", headers=admin, json={"password": "short"})
    assert response.status_code == 422


def test_non_admins_may_not_manage_users(client: TestClient, admin: dict[str, str]) -> None:
    operator = add_user(client, "otto", "operator", "operator-password")
    for method, path in (("GET", "/api/v1/users"), ("GET", "/api/v1/users/1"),
                         ("PATCH", "/api/v1/users/1"), ("POST", "/api/v1/users")):
        body = {} if method != "GET" else None
        assert client.request(method, path, headers=operator,
                              json=body).status_code == 403, path


def test_disabling_revokes_tokens_and_refuses_login(client: TestClient,
                                                    admin: dict[str, str]) -> None:
    user = _create(client, admin, "otto")
    token = login(client, "otto", "a-long-password")
    assert client.get("/api/v1/me", headers=token).status_code == 200
    response = client.patch(f"/api/v1/users/{user['id']}", headers=admin,
                            json={"disabled": True})
    assert response.status_code == 200 and response.json()["disabled"] is True
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert client.post("/api/v1/auth/login", json={
        "username": "otto", "password": "a-long-password"}).status_code == 401
    client.patch(f"/api/v1/users/{user['id']}", headers=admin, json={"disabled": False})
    login(client, "otto", "a-long-password")


def test_admin_reset_revokes_tokens_and_sets_the_password(client: TestClient,
                                                          admin: dict[str, str]) -> None:
    user = _create(client, admin, "otto")
    token = login(client, "otto", "a-long-password")
    response = client.patch(f"/api/v1/users/{user['id']}", headers=admin,
                            json={"password": "the-new-password"})
    assert response.status_code == 200
    assert client.get("/api/v1/me", headers=token).status_code == 401
    login(client, "otto", "the-new-password")
    assert client.post("/api/v1/auth/login", json={
        "username": "otto", "password": "a-long-password"}).status_code == 401


def test_role_and_command_right_change(client: TestClient, admin: dict[str, str]) -> None:
    user = _create(client, admin, "otto", role="viewer")
    token = login(client, "otto", "a-long-password")
    assert client.get("/api/v1/audit", headers=token).status_code == 403
    response = client.patch(f"/api/v1/users/{user['id']}", headers=admin,
                            json={"role": "admin", "can_run_commands": True})
    assert response.json()["role"] == "admin" and response.json()["can_run_commands"]
    assert client.get("/api/v1/audit", headers=token).status_code == 200  # same token


def test_the_last_enabled_admin_cannot_be_disabled_or_demoted(client: TestClient,
                                                              admin: dict[str, str]) -> None:
    for body, field in (({"disabled": True}, "disabled"), ({"role": "operator"}, "role")):
        response = client.patch("/api/v1/users/1", headers=admin, json=body)
        assert response.status_code == 409, response.text
        error = response.json()["error"]
        assert error["code"] == "last_admin" and error["details"][0]["field"] == field
    second = _create(client, admin, "ada", role="admin")
    assert client.patch("/api/v1/users/1", headers=admin,
                        json={"role": "operator"}).status_code == 200
    ada = login(client, "ada", "a-long-password")
    assert client.patch(f"/api/v1/users/{second['id']}", headers=ada,
                        json={"disabled": True}).status_code == 409
    # a disabled admin does not count: the one enabled admin stays protected
    assert client.get("/api/v1/me", headers=ada).json()["role"] == "admin"


def test_me_and_own_password_change(client: TestClient, admin: dict[str, str]) -> None:
    other_session = login(client)
    me = client.get("/api/v1/me", headers=admin).json()
    assert me["username"] == "admin" and me["role"] == "admin" and me["id"] == 1
    wrong = client.post("/api/v1/me/password", headers=admin, json={
        "current_password": "not-it", "new_password": "a-brand-new-password"})
    assert wrong.status_code == 403
    assert wrong.json()["error"]["details"][0]["field"] == "current_password"
    weak = client.post("/api/v1/me/password", headers=admin, json={
        "current_password": ADMIN_PASSWORD, "new_password": "short"})
    assert weak.status_code == 422
    assert weak.json()["error"]["details"][0]["field"] == "new_password"
    ok = client.post("/api/v1/me/password", headers=admin, json={
        "current_password": ADMIN_PASSWORD, "new_password": "a-brand-new-password"})
    assert ok.status_code == 204
    assert client.get("/api/v1/me", headers=admin).status_code == 200  # this session stays
    assert client.get("/api/v1/me", headers=other_session).status_code == 401
    assert _tokens(client) == 1
    login(client, "admin", "a-brand-new-password")
