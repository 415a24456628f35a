"""TargetHosts -> an ansible-runner inventory dict, writing each SSH key to a 0600 file.

Everything is written inside the task's private run dir (0700), which the executor removes
after the run. A host whose credential cannot be used is left out and reported as an error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from noc_contracts import Connection, CredentialSecret, TargetHost
from noc_node.modules import mark_unsafe


@dataclass
class Inventory:
    """The inventory dict for ansible-runner plus hosts that had to be left out (name -> why)."""

    data: dict[str, Any]
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def host_names(self) -> list[str]:
        return list(self.data["all"]["hosts"])


def write_secret_file(path: Path, content: str) -> Path:
    """Write ``content`` to a new file readable only by us (0600 from the first byte)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(content if content.endswith("\n") else content + "\n")
    return path


def usable_private_key(credential: CredentialSecret) -> str:
    """The key as text ssh reads without a prompt (decrypted when it has a passphrase)."""
    if credential.private_key is None:
        raise ValueError(f"credential '{credential.name}' has no private key")
    text = credential.private_key.get_secret_value()
    if credential.passphrase is None:
        return text
    password = credential.passphrase.get_secret_value().encode()
    data = text.encode()
    try:
        if b"OPENSSH PRIVATE KEY" in data:
            key: Any = serialization.load_ssh_private_key(data, password=password)
        else:
            key = serialization.load_pem_private_key(data, password=password)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"credential '{credential.name}': cannot decrypt the private key "
                         "(wrong passphrase or unsupported format)") from exc
    raw: bytes = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                   serialization.NoEncryption())
    return raw.decode()


def _credential_vars(credential: CredentialSecret, keys_dir: Path,
                     key_files: dict[str, Path]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if credential.kind == "ssh_key":
        if credential.name not in key_files:
            keys_dir.mkdir(mode=0o700, exist_ok=True)
            path = keys_dir / f"key{len(key_files)}"
            key_files[credential.name] = write_secret_file(path, usable_private_key(credential))
        found["ansible_ssh_private_key_file"] = str(key_files[credential.name])
    elif credential.password is not None:
        found["ansible_password"] = mark_unsafe(credential.password.get_secret_value())
    if credential.become_password is not None:
        become = credential.become_password.get_secret_value()
        found["ansible_become_password"] = mark_unsafe(become)
    return found


def host_vars(host: TargetHost) -> dict[str, Any]:
    """Connection variables for one host over its own vars (which may set the interpreter)."""
    result = dict(host.vars)
    # A local host runs modules with the node's own Python, as Ansible's implicit localhost does.
    default_python = sys.executable if host.connection is Connection.local else "auto_silent"
    result.setdefault("ansible_python_interpreter", default_python)
    result["ansible_connection"] = host.connection.value
    if host.connection is Connection.ssh:
        result["ansible_host"] = host.address
        result["ansible_port"] = host.port
    if host.user:
        result["ansible_user"] = host.user
    return result


def build_inventory(hosts: list[TargetHost], run_dir: Path) -> Inventory:
    """The inventory for one run; secrets go to 0600 files or the 0600 inventory in ``run_dir``."""
    inventory = Inventory(data={"all": {"hosts": {}}})
    key_files: dict[str, Path] = {}
    for host in hosts:
        variables = host_vars(host)
        if host.credential is not None:
            try:
                variables.update(_credential_vars(host.credential, run_dir / "keys", key_files))
            except ValueError as exc:
                inventory.problems[host.name] = str(exc)
                continue
        inventory.data["all"]["hosts"][host.name] = variables
    return inventory
