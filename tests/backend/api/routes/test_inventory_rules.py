"""The inventory rules through the API: hosts, groups and imports alike refuse privileged vars
to non-admins (403), secrets and option-like values to everyone (422), and write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.backend.utils import add_user, host_body

HOSTS, GROUPS, IMPORT = "/api/v1/hosts", "/api/v1/groups", "/api/v1/inventory/import"


@pytest.fixture
def operator(client: TestClient, admin: dict[str, str]) -> dict[str, str]:
    return add_user(client, "oper", "operator", "operator-password-1")


def _error(response: Any) -> tuple[int, str, list[str]]:
    error = response.json()["error"]
    return response.status_code, error["code"], [d["field"] for d in error["details"]]


def _count(client: TestClient, headers: dict[str, str], url: str = HOSTS) -> int:
    count: int = client.get(url, headers=headers).json()["count"]
    return count


@pytest.mark.parametrize(("var", "value"), [
    ("ansible_ssh_common_args", "-o ProxyCommand=id"),
    ("ansible_ssh_extra_args", "-o ProxyCommand=id"),
    ("ansible_ssh_executable", "/bin/sh"),
    ("ansible_python_interpreter", "/tmp/evil"),
    ("ansible_connection", "local"),
    ("ansible_shell_type", "csh"),
    ("ansible_become_method", "runas"),
])
def test_privileged_vars_need_the_admin_role(client: TestClient, admin: dict[str, str],
                                             operator: dict[str, str], var: str,
                                             value: str) -> None:
    refused = client.post(HOSTS, headers=operator, json=host_body(vars={var: value}))
    assert _error(refused) == (403, "forbidden", [f"vars.{var}"])
    assert var in refused.json()["error"]["message"]
    assert "admin role" in refused.json()["error"]["message"]
    group = client.post(GROUPS, headers=operator, json={"name": "g", "vars": {var: value}})
    assert _error(group) == (403, "forbidden", [f"vars.{var}"])
    assert _count(client, admin) == 0 and _count(client, admin, GROUPS) == 0

    host = client.post(HOSTS, headers=admin, json=host_body(vars={var: value}))
    assert host.status_code == 201, host.text
    url = f"{HOSTS}/{host.json()['id']}"
    # an operator may edit the host, keeping the admin's value, but not change it
    kept = client.patch(url, headers=operator, json={"vars": {var: value, "tier": "back"}})
    assert kept.status_code == 200, kept.text
    changed = client.patch(url, headers=operator, json={"vars": {var: value + "x"}})
    assert _error(changed) == (403, "forbidden", [f"vars.{var}"])
    assert client.get(url, headers=admin).json()["vars"] == {var: value, "tier": "back"}


def test_local_connection_is_admin_only(client: TestClient, admin: dict[str, str],
                                        operator: dict[str, str]) -> None:
    refused = client.post(HOSTS, headers=operator, json=host_body(connection="local"))
    assert _error(refused) == (403, "forbidden", ["connection"])
    host = client.post(HOSTS, headers=operator, json=host_body()).json()
    url = f"{HOSTS}/{host['id']}"
    assert _error(client.patch(url, headers=operator, json={"connection": "local"})) == (
        403, "forbidden", ["connection"])
    assert client.patch(url, headers=admin, json={"connection": "local"}).status_code == 200
    assert client.patch(url, headers=operator, json={"connection": "local",
                                                     "port": 2222}).status_code == 200
    assert client.patch(url, headers=operator, json={"connection": "ssh"}).status_code == 200


@pytest.mark.parametrize("var", ["ansible_ssh_pass", "db_password", "api_key", "vault_token",
                                 "client_secret", "ansible_winrm_transport", "mysql_passwd"])
def test_secret_vars_are_refused_for_everyone(client: TestClient, admin: dict[str, str],
                                              var: str) -> None:
    response = client.post(HOSTS, headers=admin, json=host_body(vars={var: "hunter2"}))
    assert _error(response) == (422, "invalid", [f"vars.{var}"])
    assert "credential" in response.json()["error"]["message"]
    assert "hunter2" not in response.text
    nested = client.post(HOSTS, headers=admin,
                         json=host_body(vars={"app": {"db": {var: "hunter2"}}}))
    assert _error(nested) == (422, "invalid", [f"vars.app.db.{var}"])
    host = client.post(HOSTS, headers=admin, json=host_body()).json()
    patched = client.patch(f"{HOSTS}/{host['id']}", headers=admin, json={"vars": {var: "x"}})
    assert _error(patched) == (422, "invalid", [f"vars.{var}"])
    assert client.get(f"{HOSTS}/{host['id']}", headers=admin).json()["vars"] == {"tier": "front"}


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "all"}, "name"), ({"name": "ALL"}, "name"), ({"name": "Ungrouped"}, "name"),
    ({"address": "-oProxyCommand=id"}, "address"), ({"address": " 10.0.0.1"}, "address"),
    ({"address": "10.0.0.1\t"}, "address"), ({"address": ""}, "address"),
    ({"user": "-oProxyCommand=id"}, "user"), ({"user": "de ploy"}, "user"),
    ({"user": "root\n"}, "user"), ({"user": ""}, "user"),
    ({"groups": ["All"]}, "groups"),
    ({"vars": {"ansible_host": "-oProxyCommand=id"}}, "vars.ansible_host"),
    ({"vars": {"ansible_user": "{{ lookup('pipe', 'id') }}"}}, "vars.ansible_user"),
    ({"vars": {"ansible_port": 0}}, "vars.ansible_port"),
])
def test_bad_names_and_connection_words_are_422(client: TestClient, admin: dict[str, str],
                                                change: dict[str, Any], field: str) -> None:
    response = client.post(HOSTS, headers=admin, json=host_body(**change))
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert _count(client, admin) == 0


def test_group_names_that_read_as_implicit_groups(client: TestClient,
                                                  admin: dict[str, str]) -> None:
    for name in ("ALL", "Ungrouped"):
        response = client.post(GROUPS, headers=admin, json={"name": name})
        assert _error(response) == (422, "invalid", ["name"])
    assert client.post(GROUPS, headers=admin, json={"name": "all",
                                                    "vars": {"x": 1}}).status_code == 201
    client.post(GROUPS, headers=admin, json={"name": "web"})
    renamed = client.patch(f"{GROUPS}/web", headers=admin, json={"name": "UNGROUPED"})
    assert _error(renamed) == (422, "invalid", ["name"])


def _import(client: TestClient, headers: dict[str, str], content: str,
            dry_run: bool = False) -> Any:
    return client.post(IMPORT, headers=headers,
                       json={"format": "ini", "content": content, "dry_run": dry_run})


def test_import_plan_lists_refusals_and_apply_imports_nothing(
        client: TestClient, admin: dict[str, str], operator: dict[str, str]) -> None:
    content = ("[web]\nweb1 ansible_host=10.0.0.1\n"
               "web2 ansible_ssh_common_args='-o ProxyCommand=id'\n"
               "web3 ansible_connection=local\n"
               "[web:vars]\nansible_python_interpreter=/tmp/evil\n")
    plan = _import(client, operator, content, dry_run=True)
    assert plan.status_code == 200, plan.text
    refused = {(r.get("host"), r.get("group"), r["field"], r["code"])
               for r in plan.json()["refused"]}
    assert refused == {("web2", None, "vars.ansible_ssh_common_args", "forbidden"),
                       ("web3", None, "connection", "forbidden"),
                       (None, "web", "vars.ansible_python_interpreter", "forbidden")}
    assert plan.json()["applied"] is False

    applied = _import(client, operator, content)
    status, code, fields = _error(applied)
    assert (status, code) == (403, "forbidden")
    assert set(fields) == {"hosts.web2.vars.ansible_ssh_common_args", "hosts.web3.connection",
                           "groups.web.vars.ansible_python_interpreter"}
    assert applied.json()["error"]["message"].startswith(
        "group 'web': 'ansible_python_interpreter' needs the admin role")
    assert _count(client, admin) == 0 and _count(client, admin, GROUPS) == 0

    by_admin = _import(client, admin, content)
    assert by_admin.status_code == 200 and by_admin.json()["refused"] == []
    # re-importing what the admin stored needs no admin
    again = _import(client, operator, content)
    assert again.status_code == 200, again.text
    assert sorted(again.json()["unchanged_hosts"]) == ["web1", "web2", "web3"]


@pytest.mark.parametrize(("content", "field"), [
    ("h1 ansible_password=hunter2\n", "hosts.h1.vars.ansible_password"),
    ("[g]\nh1\n[g:vars]\napi_token=hunter2\n", "groups.g.vars.api_token"),
    ("h1 ansible_host=-oProxyCommand=id\n", "hosts.h1.address"),
    ("h1 ansible_user=-oProxyCommand=id\n", "hosts.h1.user"),
    ("ALL ansible_host=10.0.0.1\n", "hosts.ALL.name"),
    ("[Ungrouped]\nh1\n", "groups.Ungrouped.name"),
])
def test_import_refuses_for_everyone_what_no_one_may_store(
        client: TestClient, admin: dict[str, str], content: str, field: str) -> None:
    plan = _import(client, admin, content, dry_run=True)
    assert plan.status_code == 200, plan.text
    (refusal,) = plan.json()["refused"]
    kind, name, inner = field.split(".", 2)
    assert (refusal[kind[:-1]], refusal["field"], refusal["code"]) == (name, inner, "invalid")
    applied = _import(client, admin, content)
    assert _error(applied) == (422, "invalid", [field])
    assert "hunter2" not in applied.text
    assert _count(client, admin) == 0 and _count(client, admin, GROUPS) == 0
