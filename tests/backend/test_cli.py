"""``noc-backend``: a real server process on a loopback port, and its refusals."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from noc_backend.main import create_app
from tests.backend.utils import ADMIN_PASSWORD, INTERNAL, host_body, login, make_settings
from tests.support.services import free_port

CLI = [sys.executable, "-m", "noc_backend.cli"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    env.update({
        "NOC_BACKEND_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'backend.db'}",
        "NOC_BACKEND_SECRETS_KEY": Fernet.generate_key().decode(),
        "NOC_BACKEND_INTERNAL_TOKEN": INTERNAL["Authorization"].split()[1],
        "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOC_BACKEND_ARGON2_TIME_COST": "1", "NOC_BACKEND_ARGON2_MEMORY_KIB": "8",
        "NOC_BACKEND_ARGON2_PARALLELISM": "1", "NOC_BACKEND_LOG_LEVEL": "WARNING",
    })
    env.update(extra)
    return env


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "backend did not start"
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_missing_secrets_key_is_refused_by_name(tmp_path: Path) -> None:
    env = _env(tmp_path)
    del env["NOC_BACKEND_SECRETS_KEY"]
    result = subprocess.run([*CLI, "serve", "--port", str(free_port())], env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "NOC_BACKEND_SECRETS_KEY" in result.stderr


def test_generate_key_prints_a_fernet_key() -> None:
    out = subprocess.run([*CLI, "generate-key"], capture_output=True, text=True, check=True)
    Fernet(out.stdout.strip().encode())


def test_concurrent_writers_on_sqlite(server: str) -> None:
    """Parallel requests on the real server: no 'database is locked', nothing lost."""
    with httpx.Client(base_url=server, timeout=30) as client:
        token = client.post("/api/v1/auth/login", json={
            "username": "admin", "password": ADMIN_PASSWORD}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}

        def add_host(i: int) -> int:
            return client.post("/api/v1/hosts", headers=auth,
                               json=host_body(f"h{i}", groups=["lab"])).status_code

        def send_events(i: int) -> int:
            event = {"event_id": f"e{i % 5}", "execution_id": "ex", "type": "step_started",
                     "at": "2026-01-01T00:00:00Z", "host": f"h{i % 3}", "step_id": "s"}
            return client.post("/internal/v1/events", headers=INTERNAL,
                               json={"events": [event]}).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            hosts = list(pool.map(add_host, range(24)))
            events = list(pool.map(send_events, range(24)))
        assert hosts == [201] * 24 and events == [200] * 24
        assert client.get("/api/v1/hosts", headers=auth).json()["count"] == 24
        detail = client.get("/api/v1/executions/ex", headers=auth).json()
        assert sum(len(h["path"]) for h in detail["hosts"]) == 5
        spec = client.get("/openapi.json").json()
        assert "/api/v1/hosts" in spec["paths"]
        assert not any(p.startswith("/internal") for p in spec["paths"])


def _reset(tmp_path: Path, env: dict[str, str], *args: str,
           stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "reset-password", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_reset_password_from_stdin_revokes_tokens(tmp_path: Path, server: str) -> None:
    """The server keeps running on the same database while the CLI resets the password
    (any valid secrets key will do: no credential is read)."""
    env = _env(tmp_path)
    with httpx.Client(base_url=server, timeout=30) as client:
        token = client.post("/api/v1/auth/login", json={
            "username": "admin", "password": ADMIN_PASSWORD}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/me", headers=auth).status_code == 200
        refused = _reset(tmp_path, env, "--username", "admin", stdin="short\n")
        assert refused.returncode == 2 and "10 to 256 characters" in refused.stderr
        unknown = _reset(tmp_path, env, "--username", "nobody", stdin="long-enough-pw\n")
        assert unknown.returncode == 2 and "nobody" in unknown.stderr
        done = _reset(tmp_path, env, "--username", "admin", stdin="the-reset-password\n")
        assert done.returncode == 0, done.stderr
        assert "1 token(s) revoked" in done.stderr and done.stdout == ""
        assert client.get("/api/v1/me", headers=auth).status_code == 401
        new = client.post("/api/v1/auth/login", json={
            "username": "admin", "password": "the-reset-password"}).json()["access_token"]
        audit = client.get("/api/v1/audit", headers={"Authorization": f"Bearer {new}"},
                           params={"action": "user.password_reset"}).json()
        assert audit["data"][0]["actor_kind"] == "cli"


def test_reset_password_generate_prints_a_working_password(tmp_path: Path,
                                                          server: str) -> None:
    env = _env(tmp_path)
    done = _reset(tmp_path, env, "--username", "admin", "--generate")
    assert done.returncode == 0, done.stderr
    password = done.stdout.strip()
    assert len(password) >= 20
    response = httpx.post(f"{server}/api/v1/auth/login",
                          json={"username": "admin", "password": password}, timeout=30)
    assert response.status_code == 200



def test_reset_password_reads_the_installed_servers_config_file(tmp_path: Path) -> None:
    """``--config FILE``: the settings of an installed server (its database) come from its
    config file alone; nothing is made in the working folder (no ./var/backend.db)."""
    settings = make_settings(f"sqlite:///{tmp_path / 'data' / 'backend.db'}")
    with TestClient(create_app(settings)):
        pass  # its first start makes the database and the admin
    config = tmp_path / "backend.env"
    config.write_text("".join(
        f"NOC_BACKEND_{name.upper()}="
        f"{value.get_secret_value() if hasattr(value, 'get_secret_value') else value}\n"
        for name, value in settings.model_dump().items() if value is not None))
    config.chmod(0o600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    done = subprocess.run([*CLI, "reset-password", "--config", str(config), "--username",
                           "admin"], env=env, cwd=elsewhere, input="the-reset-password\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert list(elsewhere.iterdir()) == []
    with TestClient(create_app(settings)) as client:
        login(client, password="the-reset-password")
