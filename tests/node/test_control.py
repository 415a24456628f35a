"""One credential, one connection: a warm SSH master is only ever reused with its own credential.

Against a real node and a real sshd: right after a successful connection with the right key
(its ControlPersist master stays up), entries for the same address, port and user with a
wrong key or with no credential are refused; the right key finds its master again.
"""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_contracts import REVEAL, ProbeRequest
from noc_node.ansible.control import choose_base
from noc_node.core.config import Settings
from noc_node.processes.reap import alive_with
from tests.node.conftest import PY, serve
from tests.node.receiver import Receiver
from tests.support.sshd import SshHost, start_sshd_hosts

pytestmark = pytest.mark.sshd


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshHost]:
    with start_sshd_hosts(tmp_path, ["127.0.0.3"]) as hosts:
        yield hosts[0]


def _probe(client: httpx.Client, host: dict[str, Any]) -> dict[str, Any]:
    body = ProbeRequest.model_validate({"hosts": [host], "timeout_s": 20}).model_dump(
        mode="json", by_alias=True, context=REVEAL)
    response = client.post("/probe", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def _masters(base: Path) -> list[int]:
    """The ssh ControlPersist masters with a socket under ``base``."""
    found = []
    for pid in alive_with(base):
        try:
            if b"[mux]" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


def test_a_warm_connection_is_never_lent_to_another_credential(
        make_settings: Callable[..., Settings], receiver: Receiver, sshd: SshHost,
        tmp_path: Path) -> None:
    wrong_key = tmp_path / "wrong_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(wrong_key)],
                   check=True)
    entry = {"name": "web", "address": sshd.address, "port": sshd.port, "user": sshd.user,
             "vars": dict(PY)}
    right = dict(entry, credential={"name": "right", "kind": "ssh_key",
                                    "private_key": sshd.private_key})
    # same credential NAME, other secret: the name must not be what keys the connection
    wrong = dict(entry, credential={"name": "right", "kind": "ssh_key",
                                    "private_key": wrong_key.read_text()})
    settings = make_settings(scheduler_url=receiver.url)
    with serve(settings) as client:
        base = choose_base(settings.data_dir)
        first = _probe(client, right)
        assert first["status"] == "ok", first
        masters = _masters(base)
        assert len(masters) == 1  # ControlPersist is on: the master stays after the run
        for other in (wrong, entry):  # right after it: a wrong key, then no credential
            refused = _probe(client, other)
            assert refused["status"] == "unreachable", refused
            assert "permission denied" in refused["msg"].lower()
        assert set(masters) <= set(_masters(base))  # the right key's master is still up
        again = _probe(client, right)
        assert again["status"] == "ok", again
        dirs = [p for p in base.iterdir() if p.is_dir()]
        assert len(dirs) == 3  # right key, wrong key, no credential: one private dir each
        for path in [base, *dirs]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o700
            assert sshd.private_key.split()[4][:16] not in path.name
    assert _masters(base) == []  # a stopped node leaves no connection behind
