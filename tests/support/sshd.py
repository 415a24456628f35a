"""Real sshd test hosts on loopback addresses, and a loopback address that refuses connections.

``start_sshd_hosts`` generates a client ed25519 key pair and host keys under ``tmp_path`` and
runs one ``/usr/sbin/sshd -D -e`` per address on a free port, key-only for the current user.
"""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.services import free_port, require

SSHD = Path("/usr/sbin/sshd")
DEFAULT_ADDRESSES = ("127.0.0.2", "127.0.0.3", "127.0.0.4")


@dataclass(frozen=True)
class SshHost:
    address: str
    port: int
    user: str
    private_key: str
    key_path: Path
    #: the file every host of one ``start_sshd_hosts`` reads (append a key to authorize it)
    authorized_keys: Path | None = None


def _keygen(path: Path, comment: str) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
                   check=True, capture_output=True)


def _wait_listening(address: str, port: int, proc: subprocess.Popen[bytes],
                    timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"sshd on {address}:{port} exited: {err}")
        try:
            with socket.create_connection((address, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"sshd on {address}:{port} did not start listening")


def _config(tmp: Path, address: str, port: int, host_key: Path, authorized: Path | None,
            password_user: str | None = None) -> Path:
    """Key-only for the current user, or (``password_user``) password-only for that user."""
    path = tmp / f"sshd_{address}_{port}.conf"
    auth = ([f"AuthorizedKeysFile {authorized}", "PasswordAuthentication no",
             "PubkeyAuthentication yes"] if password_user is None else
            ["PasswordAuthentication yes", "PubkeyAuthentication no",
             f"AllowUsers {password_user}"])
    path.write_text("\n".join([
        f"ListenAddress {address}:{port}",
        f"HostKey {host_key}",
        *auth,
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "StrictModes no",
        "UsePAM no",
        f"PidFile {tmp / f'sshd_{address}_{port}.pid'}",
        "Subsystem sftp internal-sftp",
        "LogLevel ERROR",
        "",
    ]))
    return path


@contextmanager
def start_sshd_hosts(tmp_path: Path,
                     addresses: list[str] | tuple[str, ...] = DEFAULT_ADDRESSES,
                     ) -> Iterator[list[SshHost]]:
    """One running sshd per address, all accepting the generated client key; stopped on exit."""
    require(SSHD.exists(), "sshd not installed")
    tmp = tmp_path / "sshd"
    tmp.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    client_key = tmp / "client_ed25519"
    _keygen(client_key, "noc-test-client")
    host_key = tmp / "host_ed25519"
    _keygen(host_key, "noc-test-host")
    authorized = tmp / "authorized_keys"
    authorized.write_text(Path(f"{client_key}.pub").read_text())
    user = getpass.getuser()
    procs: list[subprocess.Popen[bytes]] = []
    hosts: list[SshHost] = []
    try:
        for address in addresses:
            port = free_port(address)
            config = _config(tmp, address, port, host_key, authorized)
            proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            procs.append(proc)
            _wait_listening(address, port, proc)
            hosts.append(SshHost(address, port, user, client_key.read_text(), client_key,
                                 authorized))
        yield hosts
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stderr:
                proc.stderr.close()


@dataclass(frozen=True)
class PasswordHost:
    address: str
    port: int
    user: str
    password: str


@contextmanager
def start_password_sshd(tmp_path: Path, address: str, user: str,
                        password: str) -> Iterator[PasswordHost]:
    """One sshd on ``address`` taking only ``user``'s password (a local account, see
    ``tests.support.unix_user``)."""
    require(SSHD.exists(), "sshd not installed")
    tmp = tmp_path / "sshd-password"
    tmp.mkdir(parents=True, exist_ok=True)
    host_key = tmp / "host_ed25519"
    _keygen(host_key, "noc-test-password-host")
    port = free_port(address)
    config = _config(tmp, address, port, host_key, None, password_user=user)
    proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_listening(address, port, proc)
        yield PasswordHost(address, port, user, password)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def refusing_address(address: str = "127.0.0.9") -> tuple[str, int]:
    """A loopback address and port where nothing listens: connections are refused at once."""
    return address, free_port(address)
