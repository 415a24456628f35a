"""Hosts CRUD: validation naming the field, uniqueness, groups as labels, paging and filters."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import HostGroup
from tests.backend.utils import ed25519_key, host_body

URL = "/api/v1/hosts"


def _fields(response: Any) -> list[str]:
    return [d["field"] for d in response.json()["error"]["details"]]


def test_create_read_update_delete(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post(URL, headers=admin, json=host_body(
        groups=["web", "prod", "web"], user="deploy", port=2222, connection="ssh"))
    assert created.status_code == 201, created.text
    host = created.json()
    assert host["groups"] == ["prod", "web"]
    assert (host["port"], host["user"], host["enabled"]) == (2222, "deploy", True)
    url = f"{URL}/{host['id']}"
    assert client.get(url, headers=admin).json() == host

    patched = client.patch(url, headers=admin, json={"groups": ["db"], "enabled": False,
                                                     "user": None, "address": "db1.example.org"})
    assert patched.status_code == 200, patched.text
    after = patched.json()
    assert (after["groups"], after["enabled"], after["user"]) == (["db"], False, None)
    assert after["address"] == "db1.example.org" and after["port"] == 2222

    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=admin).status_code == 404
    assert client.delete(url, headers=admin).status_code == 404
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        assert HostGroup.select().count() == 0


def test_duplicate_name_is_409_naming_name(client: TestClient, admin: dict[str, str]) -> None:
    assert client.post(URL, headers=admin, json=host_body()).status_code == 201
    response = client.post(URL, headers=admin, json=host_body(address="10.0.0.2"))
    assert response.status_code == 409
    assert _fields(response) == ["name"]
    other = client.post(URL, headers=admin, json=host_body("web2")).json()
    renamed = client.patch(f"{URL}/{other['id']}", headers=admin, json={"name": "web1"})
    assert renamed.status_code == 409 and _fields(renamed) == ["name"]


@pytest.mark.parametrize(("change", "field"), [
    ({"port": 0}, "port"),
    ({"port": 65536}, "port"),
    ({"address": "not an address!"}, "address"),
    ({"address": "256.1.1.1"}, "address"),
    ({"connection": "telnet"}, "connection"),
    ({"groups": ["bad label"]}, "groups.0"),
    ({"name": "has space"}, "name"),
    ({"vars": {"1bad": 1}}, "vars"),
    ({"user": "a\u0000b"}, "user"),
    ({"surprise": 1}, "surprise"),
])
def test_bad_fields_are_422_naming_them(client: TestClient, admin: dict[str, str],
                                        change: dict[str, Any], field: str) -> None:
    response = client.post(URL, headers=admin, json=host_body(**change))
    assert response.status_code == 422, response.text
    assert _fields(response) == [field]
    assert client.get(URL, headers=admin).json()["count"] == 0


def test_ipv6_and_hostname_addresses(client: TestClient, admin: dict[str, str]) -> None:
    a = client.post(URL, headers=admin, json=host_body("a", address="2001:db8::1"))
    b = client.post(URL, headers=admin, json=host_body("b", address="srv-1.example.com",
                                                      connection="local"))
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["address"] == "2001:db8::1" and b.json()["connection"] == "local"


def test_credential_by_name(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(URL, headers=admin, json=host_body(credential="nope"))
    assert response.status_code == 422 and _fields(response) == ["credential"]
    client.post("/api/v1/credentials", headers=admin,
                json={"name": "deploy", "kind": "ssh_key", "private_key": ed25519_key()})
    host = client.post(URL, headers=admin, json=host_body(credential="deploy")).json()
    assert host["credential"] == "deploy"
    cleared = client.patch(f"{URL}/{host['id']}", headers=admin, json={"credential": None})
    assert cleared.json()["credential"] is None
    bad = client.patch(f"{URL}/{host['id']}", headers=admin, json={"credential": "ghost"})
    assert bad.status_code == 422 and _fields(bad) == ["credential"]


def test_patch_null_on_required_field_is_422(client: TestClient,
                                             admin: dict[str, str]) -> None:
    host = client.post(URL, headers=admin, json=host_body()).json()
    response = client.patch(f"{URL}/{host['id']}", headers=admin, json={"port": None})
    assert response.status_code == 422 and _fields(response) == ["port"]


def test_paging_group_filter_and_groups(client: TestClient, admin: dict[str, str]) -> None:
    for i in range(5):
        groups = ["lab", "even"] if i % 2 == 0 else ["lab"]
        client.post(URL, headers=admin, json=host_body(f"h{i}", groups=groups))
    page = client.get(URL, headers=admin, params={"limit": 2, "offset": 1}).json()
    assert page["count"] == 5 and [h["name"] for h in page["data"]] == ["h1", "h2"]
    even = client.get(URL, headers=admin, params={"group": "even"}).json()
    assert even["count"] == 3 and [h["name"] for h in even["data"]] == ["h0", "h2", "h4"]
    groups = client.get("/api/v1/groups", headers=admin).json()
    assert [(g["name"], g["hosts"]) for g in groups["data"]] == [
        ("even", ["h0", "h2", "h4"]), ("lab", ["h0", "h1", "h2", "h3", "h4"])]
    assert client.get(URL, headers=admin, params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("path", ["/api/v1/hosts/0", "/api/v1/hosts/abc", "/api/v1/hosts/-1",
                                  "/api/v1/hosts/2147483648", "/api/v1/hosts/1.5",
                                  "/api/v1/hosts/99999999999999999999"])
def test_ids_no_row_can_have_are_404(client: TestClient, admin: dict[str, str],
                                      path: str) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = client.request(method, path, headers=admin, json={"port": 22}
                                  if method == "PATCH" else None)
        assert response.status_code == 404, (method, response.text)
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("key", ["ansible_password", "ansible_ssh_pass", "ansible_become_password",
                                 "ansible_ssh_private_key_file"])
def test_secret_vars_are_refused_in_clear(client: TestClient, admin: dict[str, str],
                                          key: str) -> None:
    """Vars are stored in clear and readable by every user: secrets belong in a credential."""
    response = client.post(URL, headers=admin, json=host_body(vars={key: "hunter2"}))
    assert response.status_code == 422 and _fields(response) == [f"vars.{key}"]
    assert "hunter2" not in response.text
    assert client.get(URL, headers=admin).json()["count"] == 0
    group = client.post("/api/v1/groups", headers=admin, json={"name": "g", "vars": {key: "x"}})
    assert group.status_code == 422 and _fields(group) == [f"vars.{key}"]
