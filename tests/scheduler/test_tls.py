"""TLS is a setting (CONVENTIONS 3), with a self-made CA on real listeners: ``serve`` listens
with the certificate, and the scheduler's clients verify the backend and nodes with
``NOC_SCHEDULER_TLS_CA_FILE`` (a node whose certificate it cannot verify gets nothing)."""

from __future__ import annotations

import ssl
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from noc_scheduler.app import create_app
from noc_scheduler.core.config import load_settings
from noc_scheduler.core.errors import ConfigError
from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Execution, Step
from tests.scheduler.conftest import BACKEND_TOKEN, NODE_TOKEN, make_settings
from tests.scheduler.harness import FakeBackend, FakeNode, wait_for
from tests.scheduler.test_cli import VENV_BIN, env
from tests.scheduler.test_flows_http import resolved
from tests.support.server import ServerThread
from tests.support.services import free_port
from tests.support.tls import TlsFiles, make_tls_files

RUN = resolved([{"id": "a", "type": "task", "task": "ping"}, {"id": "ok", "type": "end"}],
               [("a", "success", "ok")], ["web1"])


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


def test_serve_listens_with_tls_and_keeps_its_files_private(tmp_path: Path,
                                                            tls: TlsFiles) -> None:
    port = free_port()
    data = tmp_path / "var"
    environ = {**env(tmp_path), "NOC_SCHEDULER_TLS_CERT_FILE": str(tls.cert),
               "NOC_SCHEDULER_TLS_KEY_FILE": str(tls.key),
               "NOC_SCHEDULER_DATABASE_URL": f"sqlite:///{data / 'scheduler.db'}",
               "NOC_SCHEDULER_QUEUE_URL": f"sqlite:///{data / 'queue.db'}"}
    proc = subprocess.Popen([str(VENV_BIN / "noc-scheduler"), "serve", "--port", str(port)],
                            env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        trusted = ssl.create_default_context(cafile=str(tls.ca))

        def up() -> bool:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                return httpx.get(f"https://127.0.0.1:{port}/healthz", verify=trusted,
                                 timeout=1).status_code == 200
            except httpx.HTTPError:
                return False
        wait_for(up, timeout=30, what="serve over TLS")
        with pytest.raises(httpx.ConnectError):  # the system CAs do not know our CA
            httpx.get(f"https://127.0.0.1:{port}/healthz", timeout=5)
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        loose = [f.name for f in data.iterdir() if stat.S_IMODE(f.stat().st_mode) & 0o077]
        assert list(data.iterdir()) and loose == []
    finally:
        proc.terminate()
        proc.wait(15)


def test_a_lone_tls_file_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch,
                                                 tls: TlsFiles) -> None:
    for name, value in env(Path("/nonexistent")).items():
        if name.startswith("NOC_SCHEDULER_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("NOC_SCHEDULER_TLS_CERT_FILE", str(tls.cert))
    with pytest.raises(ConfigError, match="NOC_SCHEDULER_TLS_KEY_FILE"):
        load_settings()


@pytest.fixture
def tls_node(tls: TlsFiles) -> Iterator[tuple[FakeNode, str, dict[str, str]]]:
    holder: dict[str, str] = {}
    node = FakeNode("node-1", NODE_TOKEN, lambda: holder["url"])
    with ServerThread(node.app, ssl_certfile=str(tls.cert), ssl_keyfile=str(tls.key)) as srv:
        yield node, srv.url, holder


@contextmanager
def scheduler(tmp_path: Path, backend_url: str, node: FakeNode, node_url: str,
              holder: dict[str, str], **extra: object) -> Iterator[tuple[str, Runtime]]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}",
                             backend_url=backend_url, **extra)
    app = create_app(settings)
    rt: Runtime = app.state.runtime
    with rt.db.connection_context(), rt.db.atomic():
        registry.register(rt.box, node.name, node_url, NODE_TOKEN)
    with ServerThread(app) as sched:
        holder["url"] = sched.url
        assert node.heartbeat().status_code == 200
        yield sched.url, rt


def launch(url: str) -> httpx.Response:
    return httpx.post(url + "/internal/v1/schedules", timeout=15,
                      headers={"Authorization": "Bearer api-token-123456"},
                      json={"procedure_id": 7, "target": {"group": "web"}})


def test_with_the_ca_file_backend_and_node_are_verified(
        tmp_path: Path, tls: TlsFiles, tls_node: tuple[FakeNode, str, dict[str, str]]) -> None:
    node, node_url, holder = tls_node
    backend = FakeBackend(BACKEND_TOKEN)
    backend.resolved = RUN
    with ServerThread(backend.app, ssl_certfile=str(tls.cert),
                      ssl_keyfile=str(tls.key)) as backend_srv, \
            scheduler(tmp_path, backend_srv.url, node, node_url, holder,
                      tls_ca_file=tls.ca) as (url, rt):
        response = launch(url)
        assert response.status_code == 201, response.text
        eid = response.json()["execution_id"]

        def done() -> bool:
            with rt.db.connection_context():
                return bool(Execution.get_by_id(eid).status == "success")
        wait_for(done, timeout=15, what="a run through a TLS node")
        assert len(node.requests) == 1
        wait_for(lambda: backend.of(eid, "execution_finished"), what="events over TLS")


def test_without_it_an_unverified_node_gets_nothing(
        tmp_path: Path, tls_node: tuple[FakeNode, str, dict[str, str]]) -> None:
    node, node_url, holder = tls_node
    backend = FakeBackend(BACKEND_TOKEN)
    backend.resolved = RUN
    with ServerThread(backend.app) as backend_srv, \
            scheduler(tmp_path, backend_srv.url, node, node_url, holder) as (url, rt):
        assert launch(url).status_code == 201

        def refused() -> str:
            with rt.db.connection_context():
                return str(Step.get().last_problem or "")
        assert "unreachable: ConnectError" in wait_for(refused, what="a failed dispatch")
        assert node.requests == []


def test_without_it_an_unverified_backend_is_not_called(
        tmp_path: Path, tls: TlsFiles, tls_node: tuple[FakeNode, str, dict[str, str]]) -> None:
    node, node_url, holder = tls_node
    backend = FakeBackend(BACKEND_TOKEN)
    backend.resolved = RUN
    with ServerThread(backend.app, ssl_certfile=str(tls.cert),
                      ssl_keyfile=str(tls.key)) as backend_srv, \
            scheduler(tmp_path, backend_srv.url, node, node_url, holder) as (url, _):
        assert launch(url).status_code == 502
        assert backend.resolve_calls == 0
