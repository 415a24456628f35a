"""Groups as rows: CRUD, rename keeping members, moves, nesting without cycles, group vars and
credentials flowing into resolve (host wins, then the nearest group)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.backend.utils import INTERNAL, ed25519_key, graph, host_body

G = "/api/v1/groups"


def _fields(response: Any) -> list[str]:
    return [d["field"] for d in response.json()["error"]["details"]]


def _hosts(client: TestClient, admin: dict[str, str], *names: str, groups: list[str]) -> None:
    for name in names:
        assert client.post("/api/v1/hosts", headers=admin,
                           json=host_body(name, groups=groups, vars={})).status_code == 201


def test_crud_rename_and_move(client: TestClient, admin: dict[str, str]) -> None:
    _hosts(client, admin, "a1", "a2", groups=["old"])
    _hosts(client, admin, "b1", groups=[])
    created = client.post(G, headers=admin, json={"name": "new", "vars": {"x": 1},
                                                  "hosts": ["b1"]})
    assert created.status_code == 201, created.text
    assert created.json()["hosts"] == ["b1"]
    renamed = client.patch(f"{G}/old", headers=admin, json={"name": "core"})
    assert renamed.status_code == 200 and renamed.json()["hosts"] == ["a1", "a2"]
    assert client.get(f"{G}/old", headers=admin).status_code == 404
    host = client.get("/api/v1/hosts", headers=admin, params={"name": "a1"}).json()["data"][0]
    assert host["groups"] == ["core"]
    moved = client.post(f"{G}/new/hosts", headers=admin,
                        json={"add": ["a1"], "remove": ["b1"], "move_from": "core"})
    assert moved.status_code == 200 and moved.json()["hosts"] == ["a1"]
    assert client.get(f"{G}/core", headers=admin).json()["hosts"] == ["a2"]
    assert client.delete(f"{G}/core", headers=admin).status_code == 204
    listed = client.get(G, headers=admin).json()
    assert [g["name"] for g in listed["data"]] == ["new"]
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 3


def test_bad_group_input_is_4xx_and_changes_nothing(client: TestClient,
                                                    admin: dict[str, str]) -> None:
    _hosts(client, admin, "h1", groups=["a"])
    client.post(G, headers=admin, json={"name": "b", "children": ["a"]})
    assert client.post(G, headers=admin, json={"name": "a"}).status_code == 409
    cases = [
        (client.patch(f"{G}/a", headers=admin, json={"children": ["b"]}), "children"),
        (client.patch(f"{G}/a", headers=admin, json={"children": ["a"]}), "children"),
        (client.patch(f"{G}/a", headers=admin, json={"children": ["nope"]}), "children"),
        (client.patch(f"{G}/a", headers=admin, json={"credential": "nope"}), "credential"),
        (client.post(G, headers=admin, json={"name": "c", "hosts": ["ghost"]}), "hosts"),
        (client.post(f"{G}/a/hosts", headers=admin, json={"add": ["ghost"]}), "add"),
        (client.post(f"{G}/a/hosts", headers=admin, json={"add": ["h1"], "move_from": "zz"}),
         "move_from"),
        (client.patch(f"{G}/a", headers=admin, json={"name": "b"}), "name"),
        (client.post(G, headers=admin, json={"name": "bad name"}), "name"),
    ]
    for response, field in cases:
        assert 400 <= response.status_code < 500 and _fields(response) == [field], response.text
    assert client.get(f"{G}/a", headers=admin).json()["children"] == []
    assert client.get(f"{G}/c", headers=admin).status_code == 404
    assert client.post(f"{G}/zz/hosts", headers=admin, json={"add": []}).status_code == 404


def _resolve(client: TestClient, admin: dict[str, str], target: dict[str, Any]) -> Any:
    proc = client.post("/api/v1/procedures", headers=admin,
                       json={"name": "p", "graph": graph()}).json()
    response = client.post("/internal/v1/resolve", headers=INTERNAL,
                           json={"procedure_id": proc["id"], "target": target})
    assert response.status_code == 200, response.text
    return {h["name"]: h for h in response.json()["hosts"]}


def test_nested_group_vars_and_credentials_in_resolve(client: TestClient,
                                                      admin: dict[str, str]) -> None:
    for name in ("k-site", "k-web", "k-host"):
        assert client.post("/api/v1/credentials", headers=admin, json={
            "name": name, "kind": "password", "password": f"pw-{name}"}).status_code == 201
    _hosts(client, admin, "w1", groups=["web"])
    client.post("/api/v1/hosts", headers=admin, json=host_body(
        "w2", groups=["web", "canary"], vars={"tier": "host"}, credential="k-host"))
    _hosts(client, admin, "d1", groups=["db"])
    client.post(G, headers=admin, json={"name": "site", "vars": {"tier": "site", "dc": "sp"},
                                        "children": ["web", "db"], "credential": "k-site"})
    client.patch(f"{G}/web", headers=admin, json={"vars": {"tier": "web"},
                                                 "credential": "k-web"})
    client.patch(f"{G}/canary", headers=admin, json={"vars": {"tier": "canary", "c": 1}})
    client.post(G, headers=admin, json={"name": "all", "vars": {"tier": "all", "ntp": "x"}})
    hosts = _resolve(client, admin, {"group": "site"})
    assert set(hosts) == {"w1", "w2", "d1"}
    plain = {n: h["vars"] for n, h in hosts.items()}
    assert hosts["w1"]["address"] == "10.0.0.1"
    assert plain["w1"] == {"tier": "web", "dc": "sp", "ntp": "x"}
    assert hosts["w1"]["groups"] == ["site", "web"]
    assert plain["w2"] == {"tier": "host", "dc": "sp", "ntp": "x", "c": 1}
    assert hosts["d1"]["vars"]["tier"] == "site"
    assert hosts["w1"]["credential"]["password"] == "pw-k-web"  # nearest group
    assert hosts["w2"]["credential"]["password"] == "pw-k-host"  # the host's own wins
    assert hosts["d1"]["credential"]["password"] == "pw-k-site"  # inherited from the parent
    assert client.delete("/api/v1/credentials/k-web", headers=admin).status_code == 409


def test_ssh_key_credential_on_group(client: TestClient, admin: dict[str, str]) -> None:
    client.post("/api/v1/credentials", headers=admin, json={
        "name": "key", "kind": "ssh_key", "private_key": ed25519_key(b"pp"),
        "passphrase": "pp", "become_password": "bp"})
    _hosts(client, admin, "h1", groups=["g"])
    client.patch(f"{G}/g", headers=admin, json={"credential": "key"})
    assert client.get(f"{G}/g", headers=admin).json()["credential"] == "key"
    credential = _resolve(client, admin, {"hosts": ["h1"]})["h1"]["credential"]
    assert (credential["passphrase"], credential["become_password"]) == ("pp", "bp")
    assert "PRIVATE KEY" not in client.get(G, headers=admin).text
