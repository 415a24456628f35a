"""TargetHosts -> an ansible-runner inventory dict, writing each SSH key to a 0600 file.

Everything is written inside the task's private run dir (0700), which the executor removes
after the run. A host whose credential cannot be used is left out and reported as an error.

Data is data: every value that comes from the inventory (vars, which hold the group vars
merged in, the address, the user) is marked unsafe, so Ansible never templates it, not even
the connection variables it resolves itself (``ansible_host``, ``ansible_user``,
``ansible_python_interpreter``, ``ansible_ssh_common_args``, ...). The connection settings the
node owns (which program ssh is, its control sockets, its key files) cannot be set from the
inventory, and extra ssh arguments may only carry options that run nothing on the node (no
``ProxyCommand``, ``LocalCommand``, ``KnownHostsCommand``, ...): a host that tries is left out
with an error naming the variable.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from noc_contracts import Connection, CredentialSecret, TargetHost
from noc_node.ansible.control import ControlDirs
from noc_node.ansible.modules import mark_unsafe

#: connection variables only the node sets: a host whose vars set one is not run. The module
#: compression is the node's too: Ansible names the node's payload cache file after it, so
#: ``../`` in it would have the node load (unpickle) a file of the inventory's choosing
NODE_OWNED = frozenset({
    "ansible_module_compression",
    "ansible_connection", "ansible_control_path", "ansible_control_path_dir", "ansible_ssh_args",
    "ansible_ssh_executable", "ansible_scp_executable", "ansible_sftp_executable",
    "ansible_ssh_pkcs11_provider", "ansible_private_key_file", "ansible_ssh_private_key_file",
    "ansible_private_key", "ansible_ssh_private_key", "ansible_private_key_passphrase",
    "ansible_ssh_private_key_passphrase", "ansible_ssh_host", "ansible_ssh_port",
    "ansible_ssh_user",
})
#: variables whose text Ansible splits into extra ssh/scp/sftp arguments
SSH_ARG_VARS = ("ansible_ssh_common_args", "ansible_ssh_extra_args", "ansible_scp_extra_args",
                "ansible_sftp_extra_args")
#: ``-o`` options an inventory may pass to ssh: none runs a program, loads a library, reads
#: a config or key file or writes a file on the node, or reaches another control socket
SAFE_SSH_OPTIONS = frozenset(name.lower() for name in (
    "AddressFamily", "BatchMode", "CheckHostIP", "Ciphers", "Compression", "ConnectionAttempts",
    "ConnectTimeout", "FingerprintHash", "GSSAPIAuthentication", "HashKnownHosts",
    "HostbasedAcceptedAlgorithms", "HostKeyAlgorithms", "HostKeyAlias", "IPQoS", "KexAlgorithms",
    "LogLevel", "MACs", "NumberOfPasswordPrompts", "PasswordAuthentication",
    "PreferredAuthentications", "ProxyJump", "PubkeyAcceptedAlgorithms",
    "PubkeyAcceptedKeyTypes", "PubkeyAuthentication", "RekeyLimit", "RequiredRSASize",
    "ServerAliveCountMax", "ServerAliveInterval", "StrictHostKeyChecking", "TCPKeepAlive",
    "UpdateHostKeys", "VerifyHostKeyDNS"))
SAFE_SSH_FLAGS = frozenset({"-4", "-6", "-C", "-q", "-v", "-vv", "-vvv"})
#: a ProxyJump value: ``[user@]host[:port]`` hops, comma separated, nothing ssh could take
#: for an option or a command
_JUMP = re.compile(r"^[A-Za-z0-9_.\[\]:%@-]+(,[A-Za-z0-9_.\[\]:%@-]+)*$")

_SHELL_CHARS = frozenset("\\\"'`$;|&<>(){}!*?#\n")


class RefusedHostVars(ValueError):
    """A host's vars set what the node owns, or ssh arguments that could run a program."""


def _check_ssh_option(var: str, option: str) -> None:
    name, sep, value = option.partition("=")
    if not sep:
        name, _, value = option.partition(" ")
    name, value = name.strip(), value.strip()
    if name.lower() not in SAFE_SSH_OPTIONS:
        raise RefusedHostVars(f"{var}: the ssh option '{name}' is not allowed on the node")
    if not value or value.startswith("-") or any(c.isspace() or c in _SHELL_CHARS
                                                 for c in value):
        raise RefusedHostVars(f"{var}: the value of the ssh option '{name}' is not allowed")
    if name.lower() == "proxyjump" and not _JUMP.match(value):
        raise RefusedHostVars(f"{var}: the ProxyJump value is not a list of hosts")


def check_ssh_args(var: str, value: Any) -> None:
    """Refuse extra ssh arguments unless each is a known-harmless flag or ``-o`` option."""
    if not isinstance(value, str):
        raise RefusedHostVars(f"{var}: must be text")
    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise RefusedHostVars(f"{var}: cannot be split into arguments ({exc})") from exc
    index = 0
    while index < len(words):
        word = words[index]
        if word in SAFE_SSH_FLAGS:
            index += 1
            continue
        if word in ("-o", "-J"):
            if index + 1 >= len(words):
                raise RefusedHostVars(f"{var}: '{word}' needs a value")
            option = words[index + 1] if word == "-o" else f"ProxyJump={words[index + 1]}"
            index += 2
        elif word.startswith("-o") and len(word) > 2:
            option, index = word[2:], index + 1
        elif word.startswith("-J") and len(word) > 2:
            option, index = f"ProxyJump={word[2:]}", index + 1
        else:
            raise RefusedHostVars(f"{var}: the ssh argument '{word}' is not allowed on the node")
        _check_ssh_option(var, option)


def check_host_vars(variables: dict[str, Any]) -> None:
    """Raise RefusedHostVars when the inventory's vars reach into what the node owns."""
    owned = sorted(NODE_OWNED.intersection(variables))
    if owned:
        raise RefusedHostVars(f"host vars may not set {', '.join(owned)} (the node sets them)")
    for var in SSH_ARG_VARS:
        if var in variables:
            check_ssh_args(var, variables[var])


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


def host_vars(host: TargetHost, control: ControlDirs | None = None) -> dict[str, Any]:
    """Connection variables for one host over its own vars (which may set the interpreter).

    Every value from the inventory is marked unsafe (literal text to Ansible); raises
    RefusedHostVars when the vars set what only the node may.
    """
    check_host_vars(host.vars)
    result: dict[str, Any] = mark_unsafe(dict(host.vars))
    # A local host runs modules with the node's own Python, as Ansible's implicit localhost does.
    default_python = sys.executable if host.connection is Connection.local else "auto_silent"
    result.setdefault("ansible_python_interpreter", default_python)
    result["ansible_connection"] = host.connection.value
    if host.connection is Connection.ssh:
        result["ansible_host"] = mark_unsafe(host.address)
        result["ansible_port"] = host.port
        directory = control.dir_for(host.credential) if control is not None else None
        if directory is not None:
            result["ansible_control_path_dir"] = mark_unsafe(str(directory))
    if host.user:
        result["ansible_user"] = mark_unsafe(host.user)
    return result


def build_inventory(hosts: list[TargetHost], run_dir: Path,
                    control: ControlDirs | None = None) -> Inventory:
    """The inventory for one run; secrets go to 0600 files or the 0600 inventory in ``run_dir``.

    ``control`` gives each SSH host the control socket directory of its credential (None: no
    per-credential directory, which only tests of the inventory itself use).
    """
    inventory = Inventory(data={"all": {"hosts": {}}})
    key_files: dict[str, Path] = {}
    for host in hosts:
        try:
            variables = host_vars(host, control)
            if host.credential is not None:
                variables.update(_credential_vars(host.credential, run_dir / "keys", key_files))
        except ValueError as exc:
            inventory.problems[host.name] = str(exc)
            continue
        inventory.data["all"]["hosts"][host.name] = variables
    return inventory
