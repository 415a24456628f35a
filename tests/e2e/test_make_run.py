"""`make run`'s launcher: first start creates secrets and admin, Ctrl-C stops all, data is reused."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.services import free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def launch(var_dir: Path, base_port: int) -> subprocess.Popen[str]:
    """``make run`` with no display, so a run at a workstation never opens the real app."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NOC_") and k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.update(NOC_RUN_VAR_DIR=str(var_dir), NOC_RUN_BASE_PORT=str(base_port))
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "run_stack.py")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def read_until(proc: subprocess.Popen[str], marker: str, timeout: float = 90) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError(f"no {marker!r} in output: {lines}")


def base_port_with_room() -> int:
    for _ in range(50):
        port = free_port()
        if port < 65000 and all(free_port_is(port + i) for i in (1, 2)):
            return port
    raise AssertionError("no three consecutive free ports")


def free_port_is(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a server binds: TIME_WAIT is fine
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, rest
    assert "stopped." in rest


def test_first_start_bootstraps_and_a_second_start_reuses_everything(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    port = base_port_with_room()
    proc = launch(var_dir, port)
    try:
        out = read_until(proc, "Ctrl-C stops everything")
    except BaseException:
        proc.kill()
        raise
    text = "\n".join(out)
    assert any("no display" in line and "servers only" in line for line in out), text
    assert f"http://127.0.0.1:{port}" in text and f"http://127.0.0.1:{port + 2}" in text
    password_line = next(line for line in out if "admin password" in line)
    password = password_line.rsplit(" ", 1)[1]
    password_file = var_dir / "admin-password"
    assert password_file.read_text().strip() == password
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    for secret in (var_dir / "secrets").iterdir():
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600, secret
    for layer in ("backend", "scheduler", "node"):
        assert (var_dir / "log" / f"{layer}.log").exists()
    login = httpx.post(f"http://127.0.0.1:{port}/api/v1/auth/login",
                       json={"username": "admin", "password": password})
    assert login.status_code == 200
    token = login.json()["access_token"]
    created = httpx.post(f"http://127.0.0.1:{port}/api/v1/hosts",
                         headers={"Authorization": f"Bearer {token}"},
                         json={"name": "kept", "address": "127.0.0.1", "connection": "local",
                               "groups": ["g"]})
    assert created.status_code == 201, created.text
    assert any("sample procedures added" in line for line in out), text
    procedures = httpx.get(f"http://127.0.0.1:{port}/api/v1/procedures",
                           headers={"Authorization": f"Bearer {token}"}).json()
    assert sorted(p["name"] for p in procedures["data"]) == [
        "Web tier health check", "nginx watchdog"]
    stop(proc)
    for p in (port, port + 1, port + 2):
        assert free_port_is(p), f"port {p} still bound after Ctrl-C"

    again = launch(var_dir, port)
    try:
        out = read_until(again, "Ctrl-C stops everything")
        assert not any("admin password" in line for line in out), "password printed twice"
        assert not any("sample procedures added" in line for line in out), "samples twice"
        login = httpx.post(f"http://127.0.0.1:{port}/api/v1/auth/login",
                           json={"username": "admin", "password": password})
        assert login.status_code == 200
        hosts = httpx.get(f"http://127.0.0.1:{port}/api/v1/hosts",
                          headers={"Authorization": f"Bearer {login.json()['access_token']}"})
        assert [h["name"] for h in hosts.json()["data"]] == ["kept"]
        procedures = httpx.get(f"http://127.0.0.1:{port}/api/v1/procedures", headers={
            "Authorization": f"Bearer {login.json()['access_token']}"}).json()
        assert procedures["count"] == 2
    finally:
        stop(again)
