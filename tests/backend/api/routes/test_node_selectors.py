"""Node selectors on hosts and groups: set, clear and validate through the API, audited; the
effective one (the host's own, else the nearest group's, as for credentials) is what resolve
and a connection test send; an Ansible import leaves stored selectors alone and an export
leaves them out."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.backend.conftest import AppFactory
from tests.backend.utils import INTERNAL, fake_scheduler, graph, host_body, login

H, G = "/api/v1/hosts", "/api/v1/groups"
RIO, SP = {"site": "rio"}, {"site": "sp"}


def _fields(response: Any) -> list[str]:
    return [d["field"] for d in response.json()["error"]["details"]]


def _host(client: TestClient, admin: dict[str, str], name: str, groups: list[str],
          **extra: Any) -> dict[str, Any]:
    response = client.post(H, headers=admin, json=host_body(name, groups=groups, **extra))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _group(client: TestClient, admin: dict[str, str], name: str, **fields: Any) -> None:
    """Create the group, or change it when it exists (a host's label made it)."""
    if client.get(f"{G}/{name}", headers=admin).status_code == 404:
        response = client.post(G, headers=admin, json={"name": name, **fields})
        assert response.status_code == 201, response.text
    else:
        response = client.patch(f"{G}/{name}", headers=admin, json=fields)
        assert response.status_code == 200, response.text


def _resolve(client: TestClient, admin: dict[str, str], target: dict[str, Any]) -> Any:
    made = client.post("/api/v1/procedures", headers=admin, json={"name": "p", "graph": graph()})
    proc = made.json() if made.status_code == 201 else next(
        p for p in client.get("/api/v1/procedures", headers=admin).json()["data"]
        if p["name"] == "p")
    response = client.post("/internal/v1/resolve", headers=INTERNAL,
                           json={"procedure_id": proc["id"], "target": target})
    assert response.status_code == 200, response.text
    return {h["name"]: h["node_selector"] for h in response.json()["hosts"]}


def _audit_details(client: TestClient, admin: dict[str, str], action: str) -> list[Any]:
    entries = client.get("/api/v1/audit", headers=admin, params={"limit": 100}).json()["data"]
    return [e["details"] for e in entries if e["action"] == action]


def test_host_selector_is_set_kept_replaced_and_cleared(client: TestClient,
                                                        admin: dict[str, str]) -> None:
    host = _host(client, admin, "h1", ["web"], node_selector={"zone": "dmz", "site": "rio"})
    assert host["node_selector"] == {"site": "rio", "zone": "dmz"}
    url = f"{H}/{host['id']}"
    assert client.get(url, headers=admin).json()["node_selector"] == host["node_selector"]
    kept = client.patch(url, headers=admin, json={"port": 2222})
    assert kept.json()["node_selector"] == host["node_selector"]
    unchanged = client.patch(url, headers=admin, json={"node_selector": None})
    assert unchanged.status_code == 200 and unchanged.json()["node_selector"] == (
        host["node_selector"])
    replaced = client.patch(url, headers=admin, json={"node_selector": SP})
    assert replaced.status_code == 200 and replaced.json()["node_selector"] == SP
    listed = client.get(H, headers=admin, params={"name": "h1"}).json()["data"][0]
    assert listed["node_selector"] == SP
    cleared = client.patch(url, headers=admin, json={"node_selector": {}})
    assert cleared.status_code == 200 and cleared.json()["node_selector"] == {}
    plain = _host(client, admin, "h2", [])
    assert plain["node_selector"] == {}
    updates = _audit_details(client, admin, "host.update")
    assert {"node_selector": SP} in updates and {"node_selector": {}} in updates
    assert {"port": 2222} in updates and {} in updates  # the null selector: nothing changed
    created = _audit_details(client, admin, "host.create")
    assert [d["node_selector"] for d in created] == [{}, {"site": "rio", "zone": "dmz"}]


def test_group_selector_is_set_kept_replaced_and_cleared(client: TestClient,
                                                         admin: dict[str, str]) -> None:
    created = client.post(G, headers=admin, json={"name": "rio", "node_selector": RIO})
    assert created.status_code == 201 and created.json()["node_selector"] == RIO
    assert client.get(f"{G}/rio", headers=admin).json()["node_selector"] == RIO
    renamed = client.patch(f"{G}/rio", headers=admin, json={"name": "rio-dc", "vars": {"x": 1}})
    assert renamed.json()["node_selector"] == RIO
    unchanged = client.patch(f"{G}/rio-dc", headers=admin, json={"node_selector": None})
    assert unchanged.status_code == 200 and unchanged.json()["node_selector"] == RIO
    replaced = client.patch(f"{G}/rio-dc", headers=admin, json={"node_selector": SP})
    assert replaced.json()["node_selector"] == SP
    listed = {g["name"]: g for g in client.get(G, headers=admin).json()["data"]}
    assert listed["rio-dc"]["node_selector"] == SP
    cleared = client.patch(f"{G}/rio-dc", headers=admin, json={"node_selector": {}})
    assert cleared.status_code == 200 and cleared.json()["node_selector"] == {}
    assert client.post(G, headers=admin, json={"name": "plain"}).json()["node_selector"] == {}
    updates = _audit_details(client, admin, "group.update")
    assert {"old_name": "rio-dc", "node_selector": SP} in updates
    assert {"old_name": "rio-dc", "node_selector": {}} in updates
    assert _audit_details(client, admin, "group.create")[-1]["node_selector"] == RIO


@pytest.mark.parametrize("selector", [
    {"bad key!": "x"},
    {"site": "no spaces"},
    {"site": "-dash-first"},
    {"site": 1},
    ["site=rio"],
    {f"k{i}": "v" for i in range(33)},
])
def test_bad_selectors_are_422_naming_the_field(client: TestClient, admin: dict[str, str],
                                                selector: Any) -> None:
    host = _host(client, admin, "h1", ["web"], node_selector=RIO)
    cases = [
        client.post(H, headers=admin, json=host_body("h2", node_selector=selector)),
        client.patch(f"{H}/{host['id']}", headers=admin, json={"node_selector": selector}),
        client.post(G, headers=admin, json={"name": "g2", "node_selector": selector}),
        client.patch(f"{G}/web", headers=admin, json={"node_selector": selector}),
    ]
    for response in cases:
        assert response.status_code == 422, response.text
        assert all(f.startswith("node_selector") for f in _fields(response)), response.text
        assert _fields(response), response.text
    assert client.get(H, headers=admin).json()["count"] == 1
    assert client.get(f"{H}/{host['id']}", headers=admin).json()["node_selector"] == RIO
    assert client.get(f"{G}/web", headers=admin).json()["node_selector"] == {}
    assert client.get(f"{G}/g2", headers=admin).status_code == 404


def test_effective_selector_in_resolve(client: TestClient, admin: dict[str, str]) -> None:
    """The host's own; else breadth-first up the parents, the later name winning a tie at the
    same distance, a group with an empty selector passed over; finally ``all``'s."""
    _host(client, admin, "own", ["web"], node_selector={"site": "own"})
    _host(client, admin, "web1", ["web"])
    _host(client, admin, "db1", ["db"])
    _host(client, admin, "tie", ["alpha", "beta"])
    _host(client, admin, "near", ["b-plain", "a-sel"])
    _host(client, admin, "deep", ["leaf"])
    _host(client, admin, "loose", ["other"])
    _host(client, admin, "alone", [])
    _group(client, admin, "web", node_selector={"site": "web"})
    _group(client, admin, "db")  # no selector: its parent's applies
    _group(client, admin, "site", node_selector={"site": "parent"}, children=["web", "db"])
    _group(client, admin, "alpha", node_selector={"site": "alpha"})
    _group(client, admin, "beta", node_selector={"site": "beta"})
    _group(client, admin, "a-sel", node_selector={"site": "a-sel"})
    _group(client, admin, "z-parent", node_selector={"site": "z-parent"}, children=["b-plain"])
    _group(client, admin, "leaf", node_selector={})
    _group(client, admin, "mid", children=["leaf"])
    _group(client, admin, "top", node_selector={"site": "top"}, children=["mid"])
    before_all = _resolve(client, admin, {"group": "all"})
    assert (before_all["loose"], before_all["alone"]) == ({}, {})
    _group(client, admin, "all", node_selector={"site": "all"})
    selectors = _resolve(client, admin, {"group": "all"})
    assert selectors == {
        "own": {"site": "own"},  # the host's own wins over its group's
        "web1": {"site": "web"},  # the nearest group, not its parent
        "db1": {"site": "parent"},  # the parent when the group has none
        "tie": {"site": "beta"},  # same distance: the later name
        "near": {"site": "a-sel"},  # nearer beats a later name further up
        "deep": {"site": "top"},  # two levels up, past empty selectors
        "loose": {"site": "all"},
        "alone": {"site": "all"},
    }
    client.patch(f"{G}/web", headers=admin, json={"node_selector": {}})
    assert _resolve(client, admin, {"hosts": ["web1"]}) == {"web1": {"site": "parent"}}


def test_connection_test_carries_the_effective_selector(make_client: AppFactory) -> None:
    calls: list[httpx.Request] = []

    def probe(body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json={"node": "n1", "results": [
            {"host": h["name"], "status": "ok"} for h in body["hosts"]]})

    client = make_client(fake_scheduler(probe, calls))
    admin = login(client)
    host = _host(client, admin, "h1", ["rio"])
    _host(client, admin, "h2", ["rio"], node_selector=SP)
    _group(client, admin, "rio", node_selector=RIO)
    assert client.post(f"{H}/{host['id']}/test", headers=admin).status_code == 200
    assert client.post(f"{G}/rio/test", headers=admin).status_code == 200
    sent = [json.loads(c.content)["hosts"] for c in calls]
    assert [{h["name"]: h["node_selector"] for h in hosts} for hosts in sent] == [
        {"h1": RIO}, {"h1": RIO, "h2": SP}]


def test_ansible_import_keeps_selectors_and_export_leaves_them_out(
        client: TestClient, admin: dict[str, str]) -> None:
    host = _host(client, admin, "h1", ["rio"], node_selector=SP)
    _group(client, admin, "rio", node_selector=RIO, vars={"a": 1})
    content = "[rio]\nh1 ansible_host=10.0.0.9\nh2 ansible_host=10.0.0.8\n[rio:vars]\nb=2\n"
    imported = client.post("/api/v1/inventory/import", headers=admin,
                           json={"format": "ini", "content": content})
    assert imported.status_code == 200, imported.text
    assert imported.json()["create_hosts"] == ["h2"]
    after = client.get(f"{H}/{host['id']}", headers=admin).json()
    assert (after["address"], after["node_selector"]) == ("10.0.0.9", SP)
    group = client.get(f"{G}/rio", headers=admin).json()
    assert (group["vars"], group["node_selector"]) == ({"b": 2}, RIO)
    assert _resolve(client, admin, {"group": "rio"}) == {"h1": SP, "h2": RIO}
    for fmt in ("ini", "yaml"):
        exported = client.get("/api/v1/inventory/export", headers=admin,
                              params={"format": fmt})
        assert exported.status_code == 200, exported.text
        assert "site" not in exported.text and "selector" not in exported.text


def test_a_host_in_no_group_takes_ungroupeds_selector_before_alls(
        client: TestClient, admin: dict[str, str]) -> None:
    """As its vars do (Ansible's ``ungrouped``), and as its credential does."""
    _host(client, admin, "alone", [])
    _host(client, admin, "web1", ["web"])
    _group(client, admin, "all", node_selector={"site": "all"})
    _group(client, admin, "ungrouped", node_selector={"site": "lab"})
    assert _resolve(client, admin, {"hosts": ["alone", "web1"]}) == {
        "alone": {"site": "lab"}, "web1": {"site": "all"}}
