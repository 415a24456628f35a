"""Who may call the node, how big a request may be, and TLS, against a real uvicorn server.

Every route declares exactly one access marker ("scheduler" = the node's token, "public" =
/healthz only) and every protected route refuses a missing, wrong, malformed or other-layer
token with 401; bodies over NOC_NODE_MAX_BODY_BYTES get 413 before the token is looked at;
NOC_NODE_TLS_* make the node serve https and verify the scheduler with the given CA.
"""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from noc_node.app import create_app
from noc_node.core.config import Settings
from tests.node.conftest import TOKEN, serve
from tests.node.receiver import Receiver, run_receiver
from tests.support.services import free_port
from tests.support.tls import make_tls_files

#: the scheduler's own API token (backend -> scheduler): a real token, of another hop
OTHER_LAYER_TOKEN = "scheduler-api-token-0123456789abcdef"
SAMPLE = {"task_id": "t-1"}
#: /metrics is on (its token set) in the served node, so that its refusals are walked too
METRICS_TOKEN = "node-metrics-token-0123456789"


def markers(dependant: Dependant) -> list[str]:
    found = [dependant.call.noc_access] if hasattr(dependant.call, "noc_access") else []
    for sub in dependant.dependencies:
        found += markers(sub)
    return found


def app_routes() -> list[tuple[str, str, list[str]]]:
    """(method, path, access markers) for EVERY route of the app; a route that is not an
    API route (docs, static files, a mount) has no markers and fails the walk below."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(token=TOKEN, data_dir=Path(tmp) / "node"))
        app.state.runtime.db.close()
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        methods = sorted(getattr(context, "methods", None) or getattr(route, "methods", None)
                         or {"*"})
        marks = markers(context.dependant) if isinstance(route, APIRoute) else []
        found += [(method, str(getattr(route, "path", route)), marks) for method in methods]
    return found


ROUTES = app_routes()
PROTECTED = [(m, p) for m, p, found in ROUTES if found != ["public"]]


def test_the_route_list_is_complete() -> None:
    assert {(m, p) for m, p, _ in ROUTES} == {
        ("GET", "/healthz"), ("GET", "/status"), ("POST", "/tasks"),
        ("POST", "/tasks/{task_id}/cancel"), ("POST", "/probe"), ("GET", "/metrics")}


@pytest.mark.parametrize(("method", "path", "found"), ROUTES)
def test_every_route_declares_exactly_one_access(method: str, path: str,
                                                 found: list[str]) -> None:
    assert len(found) == 1, f"{method} {path}: {found}"
    assert found[0] in {"scheduler", "public", "metrics"}
    assert (found[0] == "public") == (path == "/healthz")


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp = tmp_path_factory.mktemp("access")
    with run_receiver() as receiver, serve(Settings(
            token=TOKEN, data_dir=tmp / "node", scheduler_url=receiver.url, heartbeat_s=5,
            max_body_bytes=4096, metrics_token=METRICS_TOKEN)) as client:
        yield client


REFUSED = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
           {"Authorization": "Bearer"}, {"Authorization": TOKEN},
           {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {OTHER_LAYER_TOKEN}"}]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_every_protected_route_refuses_bad_tokens(node: httpx.Client, method: str,
                                                  path: str) -> None:
    url = str(node.base_url).rstrip("/") + path.format(**SAMPLE)
    for headers in REFUSED:
        response = httpx.request(method, url, headers=headers, json={})
        assert response.status_code == 401, (headers, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        body: dict[str, Any] = response.json()
        assert body["error"]["code"] == "unauthorized" and body["error"]["message"]
    # the right token gets past the check (whatever the route then says about the body)
    right = {"Authorization": f"Bearer {METRICS_TOKEN}"} if path == "/metrics" else {}
    assert node.request(method, path.format(**SAMPLE), json={},
                        headers=right).status_code != 401


def test_status_needs_the_token_and_healthz_does_not(node: httpx.Client) -> None:
    base = str(node.base_url).rstrip("/")
    assert httpx.get(f"{base}/status").status_code == 401
    assert node.get("/status").json()["name"] == "local"
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok", "layer": "node"}
    for path in ("/docs", "/openapi.json", "/redoc"):  # nothing else answers without a token
        assert httpx.get(f"{base}{path}").status_code == 404


def _too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too_large"


def test_declared_oversized_body_is_413_before_authentication(node: httpx.Client) -> None:
    base = str(node.base_url).rstrip("/")
    big = b"{" + b" " * 8000 + b"}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN}"}):
        for path in ("/tasks", "/probe", "/tasks/t-1/cancel"):
            _too_large(httpx.post(f"{base}{path}", content=big,
                                  headers={**headers, "Content-Type": "application/json"}))
    # under the limit, the token decides again
    assert httpx.post(f"{base}/tasks", content=b"{}").status_code == 401


def test_streamed_oversized_body_is_413_before_authentication(node: httpx.Client) -> None:
    base = str(node.base_url).rstrip("/")

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        yield b'{"task_id": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = httpx.post(f"{base}/tasks", content=chunks(),
                              headers={**headers, "Content-Type": "application/json"})
        assert "content-length" not in response.request.headers
        _too_large(response)
    assert node.get("/status").json()["queue_depth"] == 0  # the node goes on serving


def test_tls_serves_https_and_verifies_the_scheduler_with_the_ca(
        make_settings: Callable[..., Settings], tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path / "tls")
    with run_receiver(tls=tls) as scheduler:
        settings = make_settings(scheduler_url=scheduler.url, tls_cert_file=tls.cert,
                                 tls_key_file=tls.key, tls_ca_file=tls.ca)
        with serve(settings, verify=trusting(tls.ca)) as client:
            base = str(client.base_url).rstrip("/")
            assert base.startswith("https://")
            assert client.get("/status").status_code == 200
            with pytest.raises(httpx.HTTPError):  # a client that does not trust the CA
                httpx.get(f"{base}/healthz", verify=True)
            with pytest.raises(httpx.HTTPError):  # no plain http next to https
                httpx.get(base.replace("https://", "http://") + "/healthz")
            beat = scheduler.wait_for("/internal/v1/nodes/heartbeat")[0]
            assert beat.headers["Authorization"] == f"Bearer {TOKEN}"


def test_without_the_ca_the_node_does_not_trust_the_scheduler(
        make_settings: Callable[..., Settings], tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path / "tls")
    with run_receiver(tls=tls) as scheduler:
        with serve(make_settings(scheduler_url=scheduler.url)):
            time.sleep(1.5)  # several heartbeat periods
        assert scheduler.calls == []
        assert scheduler.handshake_failures > 0


def trusting(ca: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ca))


def _wait_https(url: str, ca: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(url, verify=trusting(ca)).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.1)


def test_cli_serves_https_from_the_devstack_env_names(tmp_path: Path,
                                                      receiver: Receiver) -> None:
    tls = make_tls_files(tmp_path / "tls")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_")}
    env.update(NOC_NODE_TOKEN=TOKEN, NOC_NODE_DATA_DIR=str(tmp_path / "d"),
               NOC_NODE_SCHEDULER_URL=receiver.url, NOC_NODE_TLS_CERT_FILE=str(tls.cert),
               NOC_NODE_TLS_KEY_FILE=str(tls.key), NOC_NODE_TLS_CA_FILE=str(tls.ca))
    proc = subprocess.Popen([sys.executable, "-m", "noc_node.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_https(f"https://127.0.0.1:{port}/healthz", tls.ca, proc)
        status = httpx.get(f"https://127.0.0.1:{port}/status", verify=trusting(tls.ca),
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert status.status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_half_a_tls_pair_is_refused(tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path / "tls")
    with pytest.raises(ValueError, match="NOC_NODE_TLS_KEY_FILE"):
        Settings(token=TOKEN, data_dir=tmp_path / "d", tls_cert_file=tls.cert)
