"""Credentials are write-only: encrypted at rest, shown as name/kind/fingerprint only."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import Credential
from tests.backend.utils import ed25519_key, host_body

URL = "/api/v1/credentials"


def _stored_secret(client: TestClient, name: str) -> str:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return str(Credential.get(Credential.name == name).secret)


def test_ssh_key_is_write_only(client: TestClient, admin: dict[str, str]) -> None:
    key = ed25519_key(b"key-pass")
    created = client.post(URL, headers=admin, json={
        "name": "deploy", "kind": "ssh_key", "private_key": key, "passphrase": "key-pass",
        "become_password": "sudo-pass-123"})
    assert created.status_code == 201, created.text
    listed = client.get(URL, headers=admin)
    for response in (created, listed):
        for secret in (key, "key-pass", "sudo-pass-123", "PRIVATE KEY"):
            assert secret not in response.text
    body = created.json()
    assert set(body) == {"name", "kind", "fingerprint", "created_at"}
    assert body["fingerprint"].startswith("SHA256:")
    assert listed.json()["data"] == [body]
    stored = _stored_secret(client, "deploy")
    assert "key-pass" not in stored and "PRIVATE KEY" not in stored


def test_password_credential_has_no_fingerprint(client: TestClient,
                                                admin: dict[str, str]) -> None:
    created = client.post(URL, headers=admin, json={"name": "pw", "kind": "password",
                                                    "password": "hunter2-long"})
    assert created.status_code == 201
    assert created.json()["fingerprint"] is None
    assert "hunter2-long" not in created.text
    assert "hunter2-long" not in _stored_secret(client, "pw")


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "ssh_key"}, "private_key"),
    ({"kind": "password"}, "password"),
    ({"kind": "ssh_key", "private_key": "garbage"}, "private_key"),
    ({"kind": "ssh_key", "private_key": "KEY", "passphrase": "wrong-pass"}, "passphrase"),
    ({"kind": "password", "password": "pass-word", "private_key": "key-text"}, "private_key"),
    ({"kind": "token", "password": "x"}, "kind"),
    ({"kind": "password", "password": ""}, "password"),
])
def test_bad_bodies_name_the_field(client: TestClient, admin: dict[str, str],
                                   body: dict[str, Any], field: str) -> None:
    if body.get("private_key") == "KEY":
        body = {**body, "private_key": ed25519_key(b"right")}
    response = client.post(URL, headers=admin, json={"name": "c", **body})
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    for name in ("private_key", "passphrase", "password"):
        if len(body.get(name, "")) > 3:
            assert body[name] not in response.text
    assert client.get(URL, headers=admin).json()["count"] == 0


def test_duplicate_and_delete_rules(client: TestClient, admin: dict[str, str]) -> None:
    body = {"name": "pw", "kind": "password", "password": "secret-1"}
    assert client.post(URL, headers=admin, json=body).status_code == 201
    duplicate = client.post(URL, headers=admin, json=body)
    assert duplicate.status_code == 409
    host = client.post("/api/v1/hosts", headers=admin, json=host_body(credential="pw")).json()
    in_use = client.delete(f"{URL}/pw", headers=admin)
    assert in_use.status_code == 409 and "web1" in in_use.json()["error"]["message"]
    client.delete(f"/api/v1/hosts/{host['id']}", headers=admin)
    assert client.delete(f"{URL}/pw", headers=admin).status_code == 204
    assert client.delete(f"{URL}/pw", headers=admin).status_code == 404


def test_deleting_a_credential_in_use_names_its_hosts_and_groups(
        client: TestClient, admin: dict[str, str]) -> None:
    body = {"name": "key", "kind": "password", "password": "secret-1"}
    assert client.post(URL, headers=admin, json=body).status_code == 201
    for name in ("db1", "web1"):
        client.post("/api/v1/hosts", headers=admin, json=host_body(name, credential="key"))
    group = client.post("/api/v1/groups", headers=admin, json={"name": "dc", "credential": "key"})
    assert group.status_code == 201, group.text
    in_use = client.delete(f"{URL}/key", headers=admin)
    assert in_use.status_code == 409
    error = in_use.json()["error"]
    assert error["code"] == "in_use"
    assert error["message"] == "used by hosts: db1, web1; used by groups: dc"
    assert [d["field"] for d in error["details"]] == ["name"]
    for host in client.get("/api/v1/hosts", headers=admin).json()["data"]:
        client.delete(f"/api/v1/hosts/{host['id']}", headers=admin)
    only_group = client.delete(f"{URL}/key", headers=admin)
    assert only_group.json()["error"]["message"] == "used by groups: dc"
    assert client.get(URL, headers=admin).json()["count"] == 1
