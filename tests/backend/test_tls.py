"""TLS as a setting: ``TLS_CERT_FILE``/``TLS_KEY_FILE`` make ``noc-backend serve`` speak https
(verified with the test CA, plain http refused); ``TLS_CA_FILE`` is what the scheduler client
trusts. Half a pair is a configuration error naming the missing one."""

from __future__ import annotations

import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from noc_backend.core.errors import SchedulerUnavailable
from noc_backend.scheduler_client import SchedulerClient
from tests.backend.servers import CLI, backend_env, backend_process
from tests.backend.utils import ADMIN_PASSWORD, make_settings
from tests.support.services import free_port
from tests.support.tls import TlsFiles, make_tls_files


@pytest.fixture
def tls(tmp_path: Path) -> TlsFiles:
    return make_tls_files(tmp_path / "tls")


def _tls_env(tls: TlsFiles, tmp_path: Path) -> dict[str, str]:
    return backend_env(f"sqlite:///{tmp_path / 'var' / 'backend.db'}",
                       NOC_BACKEND_TLS_CERT_FILE=str(tls.cert),
                       NOC_BACKEND_TLS_KEY_FILE=str(tls.key),
                       NOC_BACKEND_TLS_CA_FILE=str(tls.ca))


def test_the_backend_serves_https_with_its_certificate(tls: TlsFiles, tmp_path: Path) -> None:
    ca = ssl.create_default_context(cafile=str(tls.ca))
    with backend_process(_tls_env(tls, tmp_path), tmp_path, verify=ca) as served:
        url = served.url
        assert url.startswith("https://127.0.0.1:")
        login = httpx.post(f"{url}/api/v1/auth/login", verify=ca, timeout=10,
                           json={"username": "admin", "password": ADMIN_PASSWORD})
        assert login.status_code == 200, login.text
        with pytest.raises(httpx.HTTPError):  # a TLS listener does not speak plain http
            httpx.get(url.replace("https://", "http://") + "/healthz",
                      timeout=5).raise_for_status()
        with pytest.raises(httpx.ConnectError):  # a client without the CA does not trust it
            httpx.get(f"{url}/healthz", timeout=5)


@pytest.mark.parametrize(("given", "missing"), [
    ("NOC_BACKEND_TLS_CERT_FILE", "NOC_BACKEND_TLS_KEY_FILE"),
    ("NOC_BACKEND_TLS_KEY_FILE", "NOC_BACKEND_TLS_CERT_FILE"),
])
def test_half_a_pair_is_refused_naming_the_missing_file(tls: TlsFiles, tmp_path: Path,
                                                        given: str, missing: str) -> None:
    env = _tls_env(tls, tmp_path)
    del env[missing]
    result = subprocess.run([*CLI, "serve", "--port", str(free_port())], env=env,
                            capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert missing in result.stderr and given not in result.stderr.replace(missing, "")


def test_a_tls_file_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="NOC_BACKEND_TLS_CA_FILE"):
        make_settings(f"sqlite:///{tmp_path / 'b.db'}", tls_ca_file=tmp_path / "nope.pem")


@pytest.fixture
def tls_scheduler(tls: TlsFiles) -> Iterator[str]:
    """A stand-in scheduler serving https with the test certificate."""
    app = FastAPI()

    @app.get("/internal/v1/nodes")
    def nodes() -> list[object]:
        return []

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", ssl_certfile=str(tls.cert),
                                           ssl_keyfile=str(tls.key)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "scheduler did not start"
        time.sleep(0.02)
    try:
        yield f"https://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def test_the_scheduler_client_verifies_with_the_ca_file(tls: TlsFiles, tls_scheduler: str,
                                                        tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    trusting = SchedulerClient(make_settings(db, scheduler_url=tls_scheduler,
                                             tls_ca_file=tls.ca))
    try:
        assert trusting.list_nodes() == []
    finally:
        trusting.close()
    system_cas = SchedulerClient(make_settings(db, scheduler_url=tls_scheduler))
    try:
        with pytest.raises(SchedulerUnavailable):
            system_cas.list_nodes()
    finally:
        system_cas.close()


def test_settings_read_the_devstack_names(tls: TlsFiles, monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    """The names ``noc_devstack.layer_env`` sets when the stack has TLS."""
    from noc_devstack import StackConfig, StackTls, load_or_create_secrets
    from noc_devstack.stack import layer_env

    cfg = StackConfig(var_dir=tmp_path, tls=StackTls(ca=tls.ca, cert=tls.cert, key=tls.key))
    env = layer_env(cfg, load_or_create_secrets(tmp_path / "devstack"))
    for name in ("TLS_CERT_FILE", "TLS_KEY_FILE", "TLS_CA_FILE"):
        monkeypatch.setenv(f"NOC_BACKEND_{name}", env["backend"][f"NOC_BACKEND_{name}"])
    settings = make_settings(f"sqlite:///{tmp_path / 'b.db'}")
    assert (settings.tls_cert_file, settings.tls_key_file, settings.tls_ca_file) == (
        tls.cert, tls.key, tls.ca)
