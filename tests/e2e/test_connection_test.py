"""Connection test end to end: public API -> backend -> scheduler -> node -> ansible ping ->
real sshd, one reachable host and one refusing address; credentials come from the group."""

from __future__ import annotations

import getpass
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_devstack import Stack
from tests.support.sshd import SshHost, start_sshd_hosts

pytestmark = [pytest.mark.e2e, pytest.mark.sshd]

TEST_HOST_VARS = {"ansible_python_interpreter": "/usr/bin/python3"}


@pytest.fixture
def sshd_host(tmp_path: Path) -> Iterator[SshHost]:
    with start_sshd_hosts(tmp_path / "sshd", addresses=["127.0.0.5"]) as hosts:
        yield hosts[0]


def _ok(response: httpx.Response, status: int = 201) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _test(api: httpx.Client, url: str) -> httpx.Response:
    """POST a connection test, waiting out the node's first heartbeat (503 until then)."""
    deadline = time.monotonic() + 30
    while True:
        response = api.post(url, json={"timeout_s": 30}, timeout=90)
        if response.status_code != 503 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A port on 127.0.0.9 bound and never listening for the whole test: every connection to
    it is refused, and no other process can take it meanwhile. A port only found free once
    can be taken before the test connects (once, on a clean clone, the host failed with a
    broken pipe instead of a refusal)."""
    with socket.socket() as held:
        held.bind(("127.0.0.9", 0))
        yield int(held.getsockname()[1])


def test_reachable_and_refusing_hosts(stack: Stack, api: httpx.Client,
                                      sshd_host: SshHost, refusing_port: int) -> None:
    _ok(api.post("/credentials", json={"name": "lab-key", "kind": "ssh_key",
                                       "private_key": sshd_host.private_key}))
    up = _ok(api.post("/hosts", json={
        "name": "up1", "address": sshd_host.address, "port": sshd_host.port,
        "user": sshd_host.user, "groups": ["lab"], "vars": TEST_HOST_VARS}))
    _ok(api.post("/hosts", json={
        "name": "down1", "address": "127.0.0.9", "port": refusing_port,
        "user": getpass.getuser(), "groups": ["lab"], "vars": TEST_HOST_VARS}))
    _ok(api.patch("/groups/lab", json={"credential": "lab-key"}), 200)

    started = time.monotonic()
    result = _ok(_test(api, "/groups/lab/test"), 200)
    assert time.monotonic() - started < 60
    by_host = {r["host"]: r for r in result["results"]}
    assert set(by_host) == {"up1", "down1"}
    assert by_host["up1"]["reachable"] is True, by_host["up1"]
    assert by_host["up1"]["status"] == "ok"
    assert by_host["down1"]["reachable"] is False
    assert by_host["down1"]["status"] == "unreachable"
    assert "refused" in by_host["down1"]["reason"].lower()
    assert result["node"]

    single = _ok(_test(api, f"/hosts/{up['id']}/test"), 200)
    assert [(r["host"], r["reachable"]) for r in single["results"]] == [("up1", True)]
    assert api.post("/hosts/999999/test").status_code == 404
    assert api.post("/groups/ghost/test").status_code == 404

    key_body = sshd_host.private_key.strip().splitlines()[1]
    for layer in ("backend", "scheduler", "node"):
        log = stack.config.var_dir / "log" / f"{layer}.log"
        if log.exists():
            assert key_body not in log.read_text(), layer
