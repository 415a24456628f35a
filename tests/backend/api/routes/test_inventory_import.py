"""Import/export through the API: round trips lose nothing (checked by the real
``ansible-inventory``), dry runs write nothing, bad inventories are 4xx with nothing imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.inventory_io import flatten_all, parse_ini, parse_yaml
from tests.backend.inventory_io.ansible_cli import ANSIBLE_INVENTORY, run_many
from tests.backend.utils import INTERNAL, graph
from tests.support.services import require

DATA = Path(__file__).resolve().parents[2] / "inventory_io" / "data"
FIXTURES = ["noc.ini", "campus.ini", "noc.yml", "overlap.yml"]
IMPORT, EXPORT = "/api/v1/inventory/import", "/api/v1/inventory/export"


def _fmt(name: str) -> str:
    return "ini" if name.endswith(".ini") else "yaml"


def _import(client: TestClient, headers: dict[str, str], content: str, fmt: str,
            dry_run: bool = False) -> Any:
    return client.post(IMPORT, headers=headers,
                       json={"format": fmt, "content": content, "dry_run": dry_run})


def _hosts(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    data = client.get("/api/v1/hosts", headers=headers, params={"limit": 1000}).json()["data"]
    return {h["name"]: {k: v for k, v in h.items() if k not in ("id", "created_at",
                                                                "updated_at")} for h in data}


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_round_trip_and_reimport_is_unchanged(client: TestClient,
                                                      admin: dict[str, str],
                                                      name: str) -> None:
    text = (DATA / name).read_text()
    fmt = _fmt(name)
    original = parse_ini(text) if fmt == "ini" else parse_yaml(text)
    dry = _import(client, admin, text, fmt, dry_run=True)
    assert dry.status_code == 200, dry.text
    assert dry.json()["applied"] is False
    assert sorted(dry.json()["create_hosts"]) == sorted(original.hosts)
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 0

    applied = _import(client, admin, text, fmt).json()
    assert applied["applied"] and sorted(applied["create_hosts"]) == sorted(original.hosts)
    before = _hosts(client, admin)
    for export_format, parser in (("ini", parse_ini), ("yaml", parse_yaml)):
        exported = client.get(EXPORT, headers=admin, params={"format": export_format})
        assert exported.status_code == 200, exported.text
        back = parser(exported.text)
        assert flatten_all(back) == flatten_all(original)
        assert {g: (sorted(v.hosts), sorted(v.children), v.vars)
                for g, v in back.groups.items()} == {
            g: (sorted(v.hosts), sorted(v.children), v.vars)
            for g, v in original.groups.items()}
        again = _import(client, admin, exported.text, export_format).json()
        assert again["create_hosts"] == [] and again["update_hosts"] == []
        assert again["create_groups"] == [] and again["update_groups"] == []
        assert sorted(again["unchanged_hosts"]) == sorted(original.hosts)
    assert _hosts(client, admin) == before


def test_effective_vars_reach_resolve(client: TestClient, admin: dict[str, str]) -> None:
    """Resolve sends Ansible's merged vars: all < parents < children < host."""
    text = (DATA / "noc.ini").read_text()
    assert _import(client, admin, text, "ini").status_code == 200
    expected = flatten_all(parse_ini(text))
    proc = client.post("/api/v1/procedures", headers=admin,
                       json={"name": "p", "graph": graph()}).json()
    resolved = client.post("/internal/v1/resolve", headers=INTERNAL, json={
        "procedure_id": proc["id"], "target": {"group": "sp"}}).json()
    hosts = {h["name"]: h for h in resolved["hosts"]}
    assert set(hosts) == {n for n, h in expected.items() if "sp" in h.groups}
    folded = ("ansible_host", "ansible_port", "ansible_user", "ansible_connection")
    for name, host in hosts.items():
        assert host["vars"] == {k: v for k, v in expected[name].vars.items()
                                if k not in folded}
        assert host["address"] == expected[name].vars.get("ansible_host", name)
        assert host["groups"] == list(expected[name].groups)
    canary = hosts["web-canary.sp.example.net"]
    assert (canary["port"], canary["user"]) == (2222, "deploy")


@pytest.mark.parametrize("name", FIXTURES)
def test_export_is_identical_for_ansible_inventory(client: TestClient, admin: dict[str, str],
                                                   tmp_path: Path, name: str) -> None:
    """``ansible-inventory --list`` prints the same for both exports as for the original."""
    require(ANSIBLE_INVENTORY.exists(), "ansible-inventory not installed")
    assert _import(client, admin, (DATA / name).read_text(), _fmt(name)).status_code == 200
    jobs = {"original": (DATA / name, False)}
    for fmt in ("ini", "yaml"):
        path = tmp_path / f"export.{fmt}"
        path.write_text(client.get(EXPORT, headers=admin, params={"format": fmt}).text)
        jobs[fmt] = (path, False)
    out = run_many(jobs, tmp_path)
    assert out["ini"] == out["original"]
    assert out["yaml"] == out["original"]


@pytest.mark.parametrize(("fmt", "content", "line"), [
    ("ini", "[web]\nweb1\n[web:vars]\nnot a var line\n", 4),
    ("ini", "h1\n[bad section name]\n", 2),
    ("yaml", "all:\n  hosts:\n    h1:\n  bogus_key:\n    x: 1\n", 4),
    ("yaml", "all:\n  hosts:\n    h1: {a: 1\n  vars: {}\n", 4),
    ("ini", "[a:children]\nb\n[b:children]\na\n", 4),
])
def test_broken_inventory_is_422_with_line(client: TestClient, admin: dict[str, str],
                                           fmt: str, content: str, line: int) -> None:
    response = _import(client, admin, content, fmt)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["details"][0]["field"] == "content"
    assert f"line {line}" in error["details"][0]["message"]
    assert f"line {line}" in error["message"]
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 0


def test_one_bad_host_imports_nothing(client: TestClient, admin: dict[str, str]) -> None:
    content = "[web]\nweb1 ansible_host=10.0.0.1\nweb2 ansible_port=99999\n"
    response = _import(client, admin, content, "ini")
    assert response.status_code == 422
    assert "web2" in response.json()["error"]["message"]
    assert client.get("/api/v1/hosts", headers=admin).json()["count"] == 0
    assert client.get("/api/v1/groups", headers=admin).json()["count"] == 0
    bad_address = _import(client, admin, "h1 ansible_host='not an address!'\n", "ini")
    assert bad_address.status_code == 422 and "h1" in bad_address.json()["error"]["message"]


def test_import_cycle_with_stored_groups_is_refused(client: TestClient,
                                                    admin: dict[str, str]) -> None:
    assert _import(client, admin, "[a:children]\nb\n[b]\nh1\n", "ini").status_code == 200
    response = _import(client, admin, "[b:children]\na\n[a]\n", "ini")
    assert response.status_code == 422, response.text
    assert client.get("/api/v1/groups/b", headers=admin).json()["children"] == []


def test_reimport_reports_changes_and_keeps_other_memberships(client: TestClient,
                                                              admin: dict[str, str]) -> None:
    assert _import(client, admin, "[web]\nweb1 tier=1\n[web:vars]\nx=1\n", "ini").status_code == 200
    host = client.get("/api/v1/hosts", headers=admin).json()["data"][0]
    client.patch(f"/api/v1/hosts/{host['id']}", headers=admin,
                 json={"groups": ["web", "manual"]})
    plan = _import(client, admin, "[web]\nweb1 tier=2\n[web:vars]\nx=2\n", "ini",
                   dry_run=True).json()
    assert plan["update_hosts"] == [{"name": "web1", "changes": {
        "vars.tier": {"old": 1, "new": 2}}}]
    assert plan["update_groups"] == [{"name": "web", "changes": {"x": {"old": 1, "new": 2}}}]
    assert _import(client, admin, "[web]\nweb1 tier=2\n[web:vars]\nx=2\n", "ini").json()["applied"]
    after = client.get(f"/api/v1/hosts/{host['id']}", headers=admin).json()
    assert after["groups"] == ["manual", "web"] and after["vars"] == {"tier": 2}
