"""The inventory rules as pure functions: which vars are secrets, which need an admin, which
values and names are refused, and the one error ``enforce`` raises."""

from __future__ import annotations

from typing import Any

import pytest

from noc_backend.core.errors import Forbidden, Invalid
from noc_backend.inventory_rules import (
    Refusal,
    enforce,
    group_refusals,
    host_refusals,
    is_secret_var,
    needs_admin,
    var_refusals,
)


@pytest.mark.parametrize(("name", "secret"), [
    # the names commit 8e90c82 listed, still refused
    ("ansible_password", True), ("ansible_ssh_pass", True), ("ansible_become_password", True),
    ("ansible_become_pass", True), ("ansible_sudo_pass", True),
    ("ansible_ssh_private_key_file", True), ("ansible_private_key_file", True),
    ("ansible_private_key_passphrase", True),
    # and everything the rule generalises to
    ("ansible_httpapi_pass", True), ("ansible_passphrase", True), ("ANSIBLE_PASSWORD", True),
    ("db_password", True), ("Password", True), ("mysql_passwd", True), ("api_key", True),
    ("ssh_key_data", True), ("private_key", True), ("client_secret", True),
    ("SECRET", True), ("vault_token", True), ("tokens", True),
    ("ansible_su_exe", True), ("ansible_winrm_transport", True),
    ("ansible_httpapi_use_ssl", True), ("ansible_paramiko_look_for_keys", True),
    ("ansible_host_key_checking", True),  # a `_key` name: refused, by rule
    # not secret-looking
    ("tier", False), ("passenger_count", False), ("monkey", False), ("keyboard", False),
    ("ansible_host", False), ("ansible_user", False), ("ansible_become_method", False),
    ("ansible_ssh_common_args", False), ("ansible_python_interpreter", False),
    ("sudoers", False), ("ansible_sudo", False),
])
def test_secret_var_rule(name: str, secret: bool) -> None:
    assert is_secret_var(name) is secret


@pytest.mark.parametrize(("name", "value", "admin_only"), [
    ("ansible_host", "10.0.0.1", False), ("ansible_port", 22, False),
    ("ansible_user", "deploy", False), ("ansible_become", True, False),
    ("ansible_become_user", "root", False), ("ansible_group_priority", 3, False),
    ("ansible_become_method", "sudo", False), ("ansible_become_method", "su", False),
    ("ansible_become_method", "doas", False),
    ("ansible_become_method", "runas", True), ("ansible_become_method", "pbrun", True),
    ("ansible_ssh_common_args", "-o ProxyCommand=id", True),
    ("ansible_ssh_extra_args", "-o X=y", True), ("ansible_sftp_extra_args", "", True),
    ("ansible_ssh_executable", "/bin/sh", True), ("ansible_become_exe", "/bin/sh", True),
    ("ansible_shell_executable", "/bin/sh", True), ("ansible_shell_type", "csh", True),
    ("ansible_connection", "ssh", True), ("ansible_connection", "local", True),
    ("ansible_python_interpreter", "/usr/bin/python3", True),
    ("ansible_network_os", "ios", True), ("Ansible_Ssh_Args", "x", True),
    ("ansible_ssh_host", "10.0.0.1", True),
    ("tier", "front", False), ("my_ansible_args", "x", False),
])
def test_privileged_var_rule(name: str, value: Any, admin_only: bool) -> None:
    assert needs_admin(name, value) is admin_only


@pytest.mark.parametrize(("variables", "field", "code"), [
    ({"ansible_ssh_common_args": "-o ProxyCommand=id"}, "vars.ansible_ssh_common_args",
     "forbidden"),
    ({"ansible_password": "hunter2"}, "vars.ansible_password", "invalid"),
    ({"db": {"users": [{"name": "a", "password": "x"}]}}, "vars.db.users.0.password",
     "invalid"),
    ({"ansible_host": "-oProxyCommand=id"}, "vars.ansible_host", "invalid"),
    ({"ansible_host": "{{ lookup('pipe', 'id') }}"}, "vars.ansible_host", "invalid"),
    ({"ansible_host": 10}, "vars.ansible_host", "invalid"),
    ({"ansible_user": "a b"}, "vars.ansible_user", "invalid"),
    ({"ansible_become_user": "-x"}, "vars.ansible_become_user", "invalid"),
    ({"ansible_port": 70_000}, "vars.ansible_port", "invalid"),
    ({"ansible_port": True}, "vars.ansible_port", "invalid"),
    ({"ansible_become": "maybe"}, "vars.ansible_become", "invalid"),
    ({"ansible_become_method": ["sudo"]}, "vars.ansible_become_method", "invalid"),
    ({"ansible_group_priority": "high"}, "vars.ansible_group_priority", "invalid"),
])
def test_var_refusals_for_an_operator(variables: dict[str, Any], field: str, code: str) -> None:
    assert [(r.field, r.code) for r in var_refusals(variables, is_admin=False)] == [(field, code)]


def test_admin_may_set_privileged_vars_but_not_secrets_or_bad_values() -> None:
    assert var_refusals({"ansible_ssh_common_args": "-o X=y", "ansible_become_method": "runas",
                         "ansible_python_interpreter": "/usr/bin/python3"}, is_admin=True) == []
    refused = var_refusals({"ansible_password": "x", "ansible_port": "0"}, is_admin=True)
    assert [(r.field, r.code) for r in refused] == [("vars.ansible_password", "invalid"),
                                                    ("vars.ansible_port", "invalid")]


def test_secret_message_says_credential_and_never_echoes_the_value() -> None:
    (refusal,) = var_refusals({"ansible_password": "hunter2"}, is_admin=True)
    assert "credential" in refusal.message and "hunter2" not in refusal.message
    (refusal,) = var_refusals({"ansible_shell_type": "csh"}, is_admin=False)
    assert "ansible_shell_type" in refusal.message and "admin role" in refusal.message


def test_plain_vars_and_allowed_connection_vars_pass() -> None:
    assert var_refusals({"tier": "front", "nested": {"a": [1, {"b": 2}]}, "ansible_port": "22",
                         "ansible_host": "db1.example.org", "ansible_become": "yes",
                         "ansible_user": "deploy", "ansible_group_priority": "2"},
                        is_admin=False) == []


def test_a_privileged_var_kept_as_stored_needs_no_admin() -> None:
    stored = {"ansible_python_interpreter": "/usr/bin/python3", "tier": "a"}
    kept = {"ansible_python_interpreter": "/usr/bin/python3", "tier": "b"}
    assert var_refusals(kept, is_admin=False, stored=stored) == []
    changed = {"ansible_python_interpreter": "/tmp/evil"}
    assert [r.code for r in var_refusals(changed, is_admin=False, stored=stored)] == ["forbidden"]


def test_deeply_nested_vars_do_not_recurse() -> None:
    value: dict[str, Any] = {}
    inner = value
    for _ in range(5_000):
        inner["x"] = {}
        inner = inner["x"]
    inner["token"] = "t"
    (refusal,) = var_refusals({"deep": value}, is_admin=True)
    assert refusal.field.endswith(".x.token")


@pytest.mark.parametrize(("fields", "expected"), [
    ({"name": "all"}, [("name", "invalid")]),
    ({"name": "ALL"}, [("name", "invalid")]),
    ({"name": "Ungrouped"}, [("name", "invalid")]),
    ({"name": "allhosts"}, []),
    ({"address": "-oProxyCommand=id"}, [("address", "invalid")]),
    ({"address": " 10.0.0.1"}, [("address", "invalid")]),
    ({"address": "10.0.0.1\n"}, [("address", "invalid")]),
    ({"address": ""}, [("address", "invalid")]),
    ({"address": None}, [("address", "invalid")]),
    ({"address": "db1.example.org"}, []),
    ({"user": "-oProxyCommand=id"}, [("user", "invalid")]),
    ({"user": "de ploy"}, [("user", "invalid")]),
    ({"user": "a\x07"}, [("user", "invalid")]),
    ({"user": ""}, [("user", "invalid")]),
    ({"user": None}, []),
    ({"groups": ["web", "ALL"]}, [("groups", "invalid")]),
    ({"connection": "local"}, [("connection", "forbidden")]),
    ({"connection": "ssh"}, []),
    ({"vars": {"ansible_shell_type": "sh"}}, [("vars.ansible_shell_type", "forbidden")]),
])
def test_host_refusals_for_an_operator(fields: dict[str, Any],
                                       expected: list[tuple[str, str]]) -> None:
    assert [(r.field, r.code) for r in host_refusals(fields, is_admin=False)] == expected


def test_local_connection_is_for_admins_or_kept_as_stored() -> None:
    assert host_refusals({"connection": "local"}, is_admin=True) == []
    assert host_refusals({"connection": "local"}, is_admin=False,
                         stored={"connection": "local"}) == []


@pytest.mark.parametrize(("name", "refused"), [
    ("all", False), ("ungrouped", False), ("ALL", True), ("UnGrouped", True), ("web", False)])
def test_group_names(name: str, refused: bool) -> None:
    assert bool(group_refusals({"name": name}, is_admin=True)) is refused


def test_enforce_raises_422_before_403_with_every_refusal_of_that_kind() -> None:
    enforce([])
    forbidden = Refusal("vars.a", "a needs the admin role", "forbidden")
    invalid = [Refusal("vars.b", "b bad", "invalid"), Refusal("vars.c", "c bad", "invalid")]
    with pytest.raises(Invalid) as caught:
        enforce([forbidden, *invalid])
    assert [d.field for d in caught.value.details] == ["vars.b", "vars.c"]
    assert caught.value.message == "b bad (and 1 more)"
    with pytest.raises(Forbidden) as denied:
        enforce([forbidden])
    assert denied.value.code == "forbidden" and denied.value.details[0].field == "vars.a"
