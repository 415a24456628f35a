"""Import takes the host names Ansible takes (``ansible-inventory --list`` is the oracle), uses a
name as the address only when it is one, and never creates empty ``all``/``ungrouped`` groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.backend.inventory_io.ansible_cli import ANSIBLE_INVENTORY, run_many
from tests.support.services import require

IMPORT, EXPORT = "/api/v1/inventory/import", "/api/v1/inventory/export"

ODD_NAMES_INI = """\
db_1
dc01_core.example.net ansible_port=2222
foo@bar ansible_host=10.0.0.2
сервер ansible_host=10.0.0.4
h+1~x/y;z ansible_host=10.0.0.5
10.0.0.9
[web]
web_1 ansible_host=10.0.0.1
w_2.example.com
[site:children]
web
"""

ODD_NAMES_YAML = """\
all:
  hosts:
    db_1:
    "a#b,c": {ansible_host: 10.0.0.6}
  children:
    web:
      hosts:
        web_1: {ansible_host: 10.0.0.1}
        "'q'\\\"": {ansible_host: 10.0.0.7}
"""


def _import(client: TestClient, headers: dict[str, str], content: str, fmt: str,
            dry_run: bool = False) -> Any:
    return client.post(IMPORT, headers=headers,
                       json={"format": fmt, "content": content, "dry_run": dry_run})


def _groups(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    return {g["name"]: g for g in client.get("/api/v1/groups", headers=headers).json()["data"]}


def _ansible_list(tmp_path: Path, text: str, suffix: str) -> dict[str, Any]:
    require(ANSIBLE_INVENTORY.exists(), "ansible-inventory not installed")
    path = tmp_path / f"inventory{suffix}"
    path.write_text(text)
    return run_many({"it": (path, False)}, tmp_path)["it"]


def _host_names(listed: dict[str, Any]) -> set[str]:
    return {h for g, v in listed.items() if g != "_meta" for h in v.get("hosts", [])}


@pytest.mark.parametrize(("fmt", "text", "suffix"), [("ini", ODD_NAMES_INI, ".ini"),
                                                     ("yaml", ODD_NAMES_YAML, ".yml")])
def test_names_ansible_takes_are_imported_as_ansible_reads_them(
        client: TestClient, admin: dict[str, str], tmp_path: Path, fmt: str, text: str,
        suffix: str) -> None:
    oracle = _ansible_list(tmp_path, text, suffix)
    response = _import(client, admin, text, fmt)
    assert response.status_code == 200, response.text
    hosts = {h["name"]: h for h in client.get("/api/v1/hosts", headers=admin,
                                              params={"limit": 100}).json()["data"]}
    assert set(hosts) == _host_names(oracle)
    for name, host in hosts.items():
        ansible_vars = oracle["_meta"]["hostvars"].get(name, {})
        assert host["address"] == ansible_vars.get("ansible_host", name)  # as Ansible connects
        assert host["port"] == ansible_vars.get("ansible_port", 22)
    ansible_groups = {g for g in oracle if g not in ("_meta", "all", "ungrouped")}
    assert set(_groups(client, admin)) == ansible_groups
    for export, ext in (("ini", ".ini"), ("yaml", ".yml")):  # Ansible reads them back alike
        exported = client.get(EXPORT, headers=admin, params={"format": export})
        assert exported.status_code == 200, exported.text
        again = _ansible_list(tmp_path, exported.text, f"-export{ext}")
        assert again["_meta"]["hostvars"] == oracle["_meta"]["hostvars"]
        assert _host_names(again) == _host_names(oracle)


def test_a_name_that_is_no_address_needs_ansible_host(client: TestClient,
                                                      admin: dict[str, str]) -> None:
    for text in ("web_1\nfoo@bar\n", "[web]\nfoo@bar ansible_port=22\n"):
        response = _import(client, admin, text, "ini", dry_run=True)
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid_inventory"
        assert "host 'foo@bar'" in error["message"] and "needs ansible_host" in error["message"]
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 0


@pytest.mark.parametrize("name", ["'my host'", "'{{x}}'", "'a{b'", '"tab\\there"', "k=v",
                                  "'web[1]'"])
def test_names_no_inventory_should_hold_are_refused(client: TestClient, admin: dict[str, str],
                                                    name: str) -> None:
    text = f"all:\n  hosts:\n    {name}: {{ansible_host: 10.0.0.1}}\n"
    response = _import(client, admin, text, "yaml")
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "content"
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 0


def test_an_underscored_host_can_be_added_by_name_alone(client: TestClient,
                                                        admin: dict[str, str]) -> None:
    body = {"name": "db_1", "address": "db_1.dc_2.example.net"}
    response = client.post("/api/v1/hosts", headers=admin, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["address"] == "db_1.dc_2.example.net"
    for bad in ("-db_1", "db 1", "db_1.-x"):
        refused = client.post("/api/v1/hosts", headers=admin, json={"name": "x", "address": bad})
        assert refused.status_code == 422, bad


def test_no_empty_all_or_ungrouped_group_is_created(client: TestClient,
                                                    admin: dict[str, str]) -> None:
    text = "[site:children]\nweb\n[web]\nweb1\n[lone]\n"
    plan = _import(client, admin, text, "ini").json()
    assert sorted(plan["create_groups"]) == ["lone", "site", "web"]
    assert set(_groups(client, admin)) == {"lone", "site", "web"}
    ungrouped_only = _import(client, admin, "h1\nh2 ansible_host=10.0.0.2\n", "ini").json()
    assert ungrouped_only["create_groups"] == [] and ungrouped_only["create_hosts"] == ["h1",
                                                                                        "h2"]
    assert set(_groups(client, admin)) == {"lone", "site", "web"}
    # vars for all or ungrouped still need their row: it holds them
    with_vars = _import(client, admin, "h3\n[all:vars]\nntp=10.0.0.1\n", "ini").json()
    assert with_vars["create_groups"] == ["all"]
    assert _groups(client, admin)["all"]["vars"] == {"ntp": "10.0.0.1"}
    # an inventory that gives `all` no vars leaves the stored ones alone
    assert _import(client, admin, "h4\n", "ini").json()["update_groups"] == []
    assert _groups(client, admin)["all"]["vars"] == {"ntp": "10.0.0.1"}
