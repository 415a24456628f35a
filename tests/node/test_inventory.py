"""Inventory building: connection vars, key files (0600), decrypted passphrase keys, passwords."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from noc_contracts import TargetHost
from noc_node.inventory import build_inventory


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
    assert a == {"site": "lis", "ansible_python_interpreter": "/usr/bin/python3",
                 "ansible_connection": "ssh", "ansible_host": "10.0.0.1", "ansible_port": 2222,
                 "ansible_user": "ops"}
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
