"""Logout, named API tokens (shown once, stored hashed, expiring), listing and revoking."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from noc_backend.core.security import hash_token
from noc_backend.models import AuthToken, utcnow
from tests.backend.utils import add_user, login


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_logout_revokes_only_the_presented_token(client: TestClient,
                                                 admin: dict[str, str]) -> None:
    other = login(client)
    assert client.post("/api/v1/auth/logout", headers=admin).status_code == 204
    assert client.get("/api/v1/me", headers=admin).status_code == 401
    assert client.post("/api/v1/auth/logout", headers=admin).status_code == 401
    assert client.get("/api/v1/me", headers=other).status_code == 200


def test_api_token_is_shown_once_stored_hashed_and_works(client: TestClient,
                                                         admin: dict[str, str]) -> None:
    response = client.post("/api/v1/tokens", headers=admin,
                           json={"name": "backup script", "expires_in_days": 30})
    assert response.status_code == 201, response.text
    created = response.json()
    token = created["token"]
    assert created["kind"] == "api" and created["name"] == "backup script"
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        row = AuthToken.get_by_id(created["id"])
        assert row.token_hash == hash_token(token) and token not in row.token_hash
        days = (row.expires_at - row.created_at) / timedelta(days=1)
    assert round(days) == 30
    assert client.get("/api/v1/hosts", headers=_bearer(token)).status_code == 200
    listed = client.get("/api/v1/tokens", headers=admin).json()
    assert token not in str(listed)
    kinds = {t["kind"]: t for t in listed["data"]}
    assert set(kinds) == {"session", "api"} and kinds["session"]["current"] is True
    assert kinds["api"]["last_used_at"] is not None
    assert set(kinds["api"]) == {"id", "user_id", "username", "name", "kind", "created_at",
                                 "expires_at", "last_used_at", "current"}


def test_token_body_limits_name_the_field(client: TestClient, admin: dict[str, str]) -> None:
    for body, field in (({"name": "x", "expires_in_days": 0}, "expires_in_days"),
                        ({"name": "x", "expires_in_days": 366}, "expires_in_days"),
                        ({"name": "", "expires_in_days": 1}, "name")):
        response = client.post("/api/v1/tokens", headers=admin, json=body)
        assert response.status_code == 422
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]


def test_expired_api_token_is_401(client: TestClient, admin: dict[str, str]) -> None:
    token = client.post("/api/v1/tokens", headers=admin,
                        json={"name": "t", "expires_in_days": 1}).json()
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        AuthToken.update(expires_at=utcnow() - timedelta(seconds=1)).where(
            AuthToken.id == token["id"]).execute()
    response = client.get("/api/v1/hosts", headers=_bearer(token["token"]))
    assert response.status_code == 401
    assert [t["id"] for t in client.get("/api/v1/tokens", headers=admin).json()["data"]
            if t["kind"] == "api"] == []


def test_revoke_own_and_others_only_with_tokens_admin(client: TestClient,
                                                      admin: dict[str, str]) -> None:
    operator = add_user(client, "otto", "operator", "operator-password")
    mine = client.post("/api/v1/tokens", headers=operator,
                       json={"name": "mine", "expires_in_days": 5}).json()
    admins = client.post("/api/v1/tokens", headers=admin,
                         json={"name": "admins", "expires_in_days": 5}).json()
    # an operator neither sees nor revokes another user's token: 404, no oracle
    assert client.delete(f"/api/v1/tokens/{admins['id']}", headers=operator).status_code == 404
    assert client.get("/api/v1/tokens", headers=operator,
                      params={"user_id": 1}).status_code == 404
    otto_id = mine["user_id"]
    seen = client.get("/api/v1/tokens", headers=admin, params={"user_id": otto_id}).json()
    assert {t["name"] for t in seen["data"]} == {None, "mine"}
    assert client.delete(f"/api/v1/tokens/{mine['id']}", headers=admin).status_code == 204
    assert client.get("/api/v1/me", headers=_bearer(mine["token"])).status_code == 401
    own = client.post("/api/v1/tokens", headers=operator,
                      json={"name": "again", "expires_in_days": 5}).json()
    assert client.delete(f"/api/v1/tokens/{own['id']}", headers=operator).status_code == 204
    assert client.delete(f"/api/v1/tokens/{own['id']}", headers=operator).status_code == 404
    assert client.get("/api/v1/me", headers=operator).status_code == 200
