"""Inventory building: connection vars, key files (0600), decrypted passphrase keys, passwords."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from noc_contracts import TargetHost
from noc_node.ansible.control import ControlDirs
from noc_node.ansible.inventory import build_inventory

U = "__ansible_unsafe"


def _keypair(tmp_path: Path, passphrase: str = "") -> str:
    path = tmp_path / f"k{len(list(tmp_path.iterdir()))}"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", str(path)],
                   check=True)
    return path.read_text()


def _host(name: str, **kw: object) -> TargetHost:
    return TargetHost.model_validate({"name": name, "address": "10.0.0.1", **kw})


def test_connection_vars_and_host_vars(tmp_path: Path) -> None:
    hosts = [_host("a", port=2222, user="ops", vars={"site": "lis", "ansible_python_interpreter":
                                                     "/usr/bin/python3"}),
             _host("b", connection="local"), _host("c")]
    inv = build_inventory(hosts, tmp_path)
    a, b = inv.data["all"]["hosts"]["a"], inv.data["all"]["hosts"]["b"]
    # everything from the inventory is literal text to Ansible (marked unsafe)
    assert a == {"site": {U: "lis"}, "ansible_python_interpreter": {U: "/usr/bin/python3"},
                 "ansible_connection": "ssh", "ansible_host": {U: "10.0.0.1"},
                 "ansible_port": 2222, "ansible_user": {U: "ops"}}
    assert b["ansible_connection"] == "local"
    # A local host runs modules with the node's own Python; a remote one discovers its own.
    assert b["ansible_python_interpreter"] == sys.executable
    assert inv.data["all"]["hosts"]["c"]["ansible_python_interpreter"] == "auto_silent"
    assert inv.host_names == ["a", "b", "c"] and inv.problems == {}


def test_key_written_0600_once_per_credential(tmp_path: Path) -> None:
    key = _keypair(tmp_path)
    cred = {"name": "ops-key", "kind": "ssh_key", "private_key": key}
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    inv = build_inventory([_host("a", credential=cred), _host("b", credential=cred)], run_dir)
    paths = {h["ansible_ssh_private_key_file"] for h in inv.data["all"]["hosts"].values()}
    assert len(paths) == 1
    path = Path(paths.pop())
    assert path.parent.parent == run_dir
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == key.strip()
    assert key not in str(inv.data)


def test_passphrase_key_is_decrypted_for_ssh(tmp_path: Path) -> None:
    key = _keypair(tmp_path, passphrase="s3cret-pass")
    cred = {"name": "locked", "kind": "ssh_key", "private_key": key, "passphrase": "s3cret-pass"}
    inv = build_inventory([_host("a", credential=cred)], tmp_path)
    written = Path(inv.data["all"]["hosts"]["a"]["ansible_ssh_private_key_file"]).read_bytes()
    loaded = serialization.load_ssh_private_key(written, password=None)  # no passphrase needed
    original = serialization.load_ssh_private_key(key.encode(), password=b"s3cret-pass")
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert loaded.public_key().public_bytes(*raw) == original.public_key().public_bytes(*raw)


def test_wrong_passphrase_leaves_host_out_with_a_problem(tmp_path: Path) -> None:
    key = _keypair(tmp_path, passphrase="right-one")
    cred = {"name": "locked", "kind": "ssh_key", "private_key": key, "passphrase": "not-it-42"}
    inv = build_inventory([_host("a", credential=cred), _host("b")], tmp_path)
    assert inv.host_names == ["b"]
    assert "cannot decrypt" in inv.problems["a"]
    assert "not-it-42" not in inv.problems["a"]


def test_password_and_become_password_are_unsafe_inventory_vars(tmp_path: Path) -> None:
    cred = {"name": "pw", "kind": "password", "password": "p{{w}}", "become_password": "b"}
    inv = build_inventory([_host("a", credential=cred)], tmp_path)
    host = inv.data["all"]["hosts"]["a"]
    assert host["ansible_password"] == {"__ansible_unsafe": "p{{w}}"}
    assert host["ansible_become_password"] == {"__ansible_unsafe": "b"}
    assert "ansible_ssh_private_key_file" not in host


def test_nested_vars_are_unsafe_all_the_way_down(tmp_path: Path) -> None:
    inv = build_inventory([_host("a", vars={"d": {"k": ["{{ x }}", 3, {"n": "{{ y }}"}]}})],
                          tmp_path)
    assert inv.data["all"]["hosts"]["a"]["d"] == {"k": [{U: "{{ x }}"}, 3, {"n": {U: "{{ y }}"}}]}


@pytest.mark.parametrize(("var", "value"), [
    ("ansible_ssh_common_args", "-o ProxyCommand='touch /tmp/x'"),
    ("ansible_ssh_common_args", "-oProxyCommand=nc %h %p"),
    ("ansible_ssh_extra_args", "-o LocalCommand=id -o PermitLocalCommand=yes"),
    ("ansible_ssh_common_args", "-o KnownHostsCommand=/bin/id"),
    ("ansible_ssh_common_args", "-F /tmp/other_config"),
    ("ansible_ssh_common_args", "-o ControlPath=/tmp/shared"),
    ("ansible_ssh_common_args", "-J -oProxyCommand=id"),
    ("ansible_ssh_common_args", "-o PKCS11Provider=/tmp/lib.so"),
    ("ansible_scp_extra_args", "-S /tmp/prog"),
    ("ansible_sftp_extra_args", "-D /tmp/prog"),
    ("ansible_ssh_common_args", "{{ lookup('pipe', 'touch /tmp/x') }}"),
    ("ansible_ssh_common_args", ["-o", "ProxyCommand=id"]),
    ("ansible_ssh_executable", "/tmp/not-ssh"),
    ("ansible_ssh_args", "-o ControlMaster=no"),
    ("ansible_control_path_dir", "/tmp/shared"),
    ("ansible_ssh_private_key_file", "/etc/ssh/ssh_host_ed25519_key"),
    ("ansible_connection", "local"),
    # names the node's payload cache file: ../ would have it unpickle a file of our choosing
    ("ansible_module_compression", "ZIP_STORED/../../../../tmp/evil"),
])
def test_vars_reaching_into_the_nodes_connection_leave_the_host_out(
        tmp_path: Path, var: str, value: object) -> None:
    inv = build_inventory([_host("a", vars={var: value}), _host("b")], tmp_path)
    assert inv.host_names == ["b"]
    assert var in inv.problems["a"]


def test_harmless_ssh_arguments_pass_as_literal_text(tmp_path: Path) -> None:
    args = "-o ServerAliveInterval=15 -o ProxyJump=ops@bastion.example:2222 -C -4"
    inv = build_inventory([_host("a", vars={"ansible_ssh_common_args": args})], tmp_path)
    assert inv.problems == {}
    assert inv.data["all"]["hosts"]["a"]["ansible_ssh_common_args"] == {U: args}


def test_each_credential_has_its_own_private_control_dir(tmp_path: Path) -> None:
    control = ControlDirs.for_node(tmp_path / "d", b"node-secret")
    one = {"name": "one", "kind": "ssh_key", "private_key": _keypair(tmp_path)}
    same_secret_other_name = dict(one, name="again")
    two = {"name": "two", "kind": "ssh_key", "private_key": _keypair(tmp_path)}
    hosts = [_host("a", credential=one), _host("b", credential=same_secret_other_name),
             _host("c", credential=two), _host("d"), _host("e", connection="local")]
    inv = build_inventory(hosts, tmp_path, control)
    dirs = {name: v.get("ansible_control_path_dir") for name, v in
            inv.data["all"]["hosts"].items()}
    assert dirs["e"] is None  # no ssh, no socket
    paths = {name: Path(d[U]) for name, d in dirs.items() if d is not None}
    assert paths["a"] == paths["b"]  # same secret: the same warm connection
    assert len({paths["a"], paths["c"], paths["d"]}) == 3  # other key, or none: never shared
    for path in paths.values():
        assert path.parent == control.base
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
        assert one["private_key"][40:60] not in path.name
    other_node = ControlDirs.for_node(tmp_path / "d", b"another-secret")
    assert other_node.dir_for(None) != control.dir_for(None)  # names keyed by the node secret
