"""Login, /me, tokens (hashed, expiring), roles, health and the error shape of bad requests."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from noc_backend.core.security import hash_token
from noc_backend.models import AuthToken, utcnow
from tests.backend.conftest import AppFactory
from tests.backend.utils import ADMIN_PASSWORD, add_user, host_body, login


def test_healthz_needs_no_token(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "layer": "backend"}


def test_login_and_me(client: TestClient) -> None:
    response = client.post("/api/v1/auth/login",
                           json={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["expires_at"] and body["token_type"] == "bearer"
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert {k: me.json()[k] for k in ("username", "role", "disabled")} == {
        "username": "admin", "role": "admin", "disabled": False}
    assert not any("hash" in key or "password" in key for key in me.json())


def test_token_is_stored_hashed(client: TestClient) -> None:
    token = login(client)["Authorization"].split()[1]
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        stored = [t.token_hash for t in AuthToken.select()]
    assert stored == [hash_token(token)]
    assert token not in stored


def test_wrong_password_and_unknown_user_get_the_same_401(client: TestClient) -> None:
    wrong = client.post("/api/v1/auth/login", json={"username": "admin", "password": "nope"})
    unknown = client.post("/api/v1/auth/login", json={"username": "ghost", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "unauthorized"


def test_missing_bad_and_expired_tokens_are_401(client: TestClient,
                                                admin: dict[str, str]) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        AuthToken.update(expires_at=utcnow() - timedelta(seconds=1)).execute()
    response = client.get("/api/v1/me", headers=admin)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


def test_bootstrap_admin_is_created_once(make_client: AppFactory) -> None:
    first = make_client()
    second = make_client(bootstrap_admin_password="another-password")
    login(second)  # still the first password: the existing admin is left alone
    assert first.post("/api/v1/auth/login", json={
        "username": "admin", "password": "another-password"}).status_code == 401


def test_viewer_may_only_read(client: TestClient, admin: dict[str, str]) -> None:
    viewer = add_user(client, "vera", "viewer", "viewer-password")
    assert client.get("/api/v1/hosts", headers=viewer).status_code == 200
    response = client.post("/api/v1/hosts", headers=viewer, json=host_body())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    operator = add_user(client, "otto", "operator", "operator-password")
    assert client.post("/api/v1/hosts", headers=operator, json=host_body()).status_code == 201


def test_malformed_json_is_422_naming_body(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/api/v1/hosts", headers={**admin, "Content-Type": "application/json"},
                           content=b'{"name": ')
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body"


def test_login_validation_names_fields(client: TestClient) -> None:
    response = client.post("/api/v1/auth/login", json={"username": "admin"})
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["password"]


def test_unknown_route_uses_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
