"""``GET /metrics`` of the backend: off (404) without NOC_BACKEND_METRICS_TOKEN, 401 without the
right bearer token, and Prometheus text counting requests by route template, the executions by
status and the hosts (from the database, at scrape time), and the event streams open."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from noc_backend.main import create_app
from noc_backend.models import Execution, Host
from tests.backend.conftest import AppFactory
from tests.backend.servers import serve_app
from tests.backend.utils import login, make_settings
from tests.support.pool import exhausted_pool
from tests.support.services import postgres_database
from tests.support.statements import Statements

TOKEN = "metrics-token-0123456789"
SCRAPE = {"Authorization": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an exposition, keyed by name and sorted labels (parsed strictly)."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def scrape(client: TestClient | httpx.Client) -> dict[tuple[str, tuple[tuple[str, str], ...]],
                                                      float]:
    response = client.get("/metrics", headers=SCRAPE)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    return samples(response.text)


def test_without_a_token_set_metrics_is_not_there(client: TestClient) -> None:
    for headers in ({}, SCRAPE):
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_missing_or_wrong_token_is_refused(make_client: AppFactory) -> None:
    client = make_client(metrics_token=TOKEN)
    admin = login(client)
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"},
                    {"Authorization": f"Basic {TOKEN}"}, admin):
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "unauthorized"
    assert client.get("/metrics", headers=SCRAPE).status_code == 200


def test_requests_are_counted_by_route_template_and_status(make_client: AppFactory) -> None:
    client = make_client(metrics_token=TOKEN)
    admin = login(client)
    for _ in range(2):
        assert client.get("/api/v1/hosts/424242", headers=admin).status_code == 404
    assert client.get("/api/v1/hosts", headers=admin).status_code == 200
    assert client.get("/no/such/path/99").status_code == 404
    found = scrape(client)
    requests = {labels: value for (name, labels), value in found.items()
                if name == "noc_backend_http_requests_total"}
    by_route = {(dict(k)["route"], dict(k)["status"]): v for k, v in requests.items()}
    assert by_route[("/api/v1/hosts/{host_id}", "404")] == 2
    assert by_route[("/api/v1/hosts", "200")] == 1
    assert by_route[("/api/v1/auth/login", "200")] == 1
    assert by_route[("unmatched", "404")] == 1
    assert not any("424242" in route or "/no/such" in route for route, _ in by_route)
    latency = found[("noc_backend_http_request_duration_seconds_count",
                     (("method", "GET"), ("route", "/api/v1/hosts/{host_id}")))]
    assert latency == 2


def test_invented_methods_and_paths_add_no_series(make_client: AppFactory) -> None:
    """An unauthenticated client inventing method names and paths gets one ``OTHER`` series
    and the ``unmatched`` route, however many it invents (h11 takes any method token)."""
    client = make_client(metrics_token=TOKEN)
    for i in range(20):
        client.request(f"FOO{i}", f"/x/{i}")
        client.request(f"BAR{i}", "/api/v1/hosts")
    client.request("OPTIONS", "/healthz")
    found = scrape(client)
    requests = [dict(labels) for (name, labels) in found
                if name == "noc_backend_http_requests_total"]
    methods = {labels["method"] for labels in requests}
    assert methods <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"}
    assert "OTHER" in methods and "OPTIONS" in methods
    routes = {labels["route"] for labels in requests if labels["method"] == "OTHER"}
    assert routes <= {"unmatched", "/api/v1/hosts", "/healthz"}, routes
    counted = sum(value for (name, labels), value in found.items()
                  if name == "noc_backend_http_requests_total" and dict(labels)["method"] == "OTHER")
    assert counted == 40
    assert len(requests) <= 8, requests


def test_executions_by_status_and_hosts_come_from_the_database(make_client: AppFactory) -> None:
    """One grouped query for the executions, one count for the hosts, however many rows."""
    client = make_client(metrics_token=TOKEN)
    admin = login(client)
    for name in ("h1", "h2", "h3"):
        assert client.post("/api/v1/hosts", headers=admin, json={
            "name": name, "address": "127.0.0.1", "connection": "local"}).status_code == 201
    db = client.app.state.services.db  # type: ignore[attr-defined]
    with db.connection_context():
        for i, status in enumerate(["running", "success", "success", "failed", "partial"]):
            Execution.create(id=f"ex{i}", status=status)
    with Statements(db) as statements:
        found = scrape(client)
    assert statements.count == 2
    executions = {dict(labels)["status"]: value for (name, labels), value in found.items()
                  if name == "noc_backend_executions"}
    assert executions == {"running": 1, "success": 2, "failed": 1, "partial": 1,
                          "cancelled": 0, "missed": 0}
    assert found[("noc_backend_hosts", ())] == 3
    assert found[("noc_backend_database_up", ())] == 1
    with db.connection_context():
        Host.delete().where(Host.name == "h3").execute()
    assert scrape(client)[("noc_backend_hosts", ())] == 2


def test_a_full_connection_pool_is_database_down_not_a_failed_scrape() -> None:
    """peewee's ``MaxConnectionsExceeded`` is a ValueError, not a database error: the scrape
    still answers, with ``noc_backend_database_up 0`` and the process's own series."""
    with postgres_database() as url, TestClient(create_app(
            make_settings(url, metrics_token=TOKEN))) as client:
        db = client.app.state.services.db  # type: ignore[attr-defined]
        assert scrape(client)[("noc_backend_database_up", ())] == 1
        with exhausted_pool(db):
            found = scrape(client)
        assert found[("noc_backend_database_up", ())] == 0
        assert ("noc_backend_hosts", ()) not in found
        assert any(name == "noc_backend_http_requests_total" for name, _ in found)
        assert scrape(client)[("noc_backend_database_up", ())] == 1


@pytest.fixture
def live(tmp_path: Path) -> Iterator[str]:
    settings = make_settings(f"sqlite:///{tmp_path / 'b.db'}", metrics_token=TOKEN)
    with serve_app(settings) as url:
        yield url


def stream_clients(http: httpx.Client) -> float:
    return scrape(http)[("noc_backend_event_stream_clients", ())]


def test_open_event_streams_are_counted_while_open(live: str) -> None:
    with httpx.Client(base_url=live, timeout=10) as http:
        token = http.post("/api/v1/auth/login", json={
            "username": "admin", "password": "admin-test-password"}).json()["access_token"]
        assert stream_clients(http) == 0
        opened, release = threading.Event(), threading.Event()

        def follow() -> None:
            with httpx.Client(base_url=live, timeout=10) as other, other.stream(
                    "GET", "/api/v1/events",
                    headers={"Authorization": f"Bearer {token}"}) as response:
                assert response.status_code == 200
                opened.set()
                release.wait(10)

        reader = threading.Thread(target=follow)
        reader.start()
        try:
            assert opened.wait(10)
            assert stream_clients(http) == 1
        finally:
            release.set()
            reader.join(10)
        deadline = time.monotonic() + 10  # the server notices the client left at its next read
        while stream_clients(http) != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert stream_clients(http) == 0
