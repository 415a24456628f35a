"""Limits (SQLite and PostgreSQL): bodies over ``NOC_SCHEDULER_MAX_BODY_BYTES`` answer 413
before they are read and before any token is checked, declared or streamed; ids no row can
have answer 404, and values no column holds 422 naming the field, never a database error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from noc_scheduler.app import create_app
from noc_scheduler.nodes import registry
from tests.scheduler.conftest import API_TOKEN, NODE_TOKEN, make_settings
from tests.support.server import ServerThread

LIMIT = 4_096
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture
def client(tmp_path: Path, database_url: str) -> Iterator[httpx.Client]:
    app = create_app(make_settings(tmp_path, database_url, max_body_bytes=LIMIT),
                     background=False)
    with ServerThread(app) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("headers", [{}, AUTH])
def test_a_declared_oversized_body_is_refused_before_authentication(
        client: httpx.Client, headers: dict[str, str]) -> None:
    body = b'{"x": "' + b"a" * LIMIT + b'"}'
    assert_too_large(client.post("/internal/v1/results", content=body, headers={
        **headers, "Content-Type": "application/json"}))
    assert_too_large(client.post("/internal/v1/schedules", content=body, headers={
        **headers, "Content-Type": "application/json"}))


def test_a_streamed_oversized_body_is_refused_as_it_arrives(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(64):
            yield b"a" * 1_024

    assert_too_large(client.post("/internal/v1/schedules", content=chunks(),
                                 headers={**AUTH, "Content-Type": "application/json"}))


def test_a_body_within_the_limit_goes_on_to_authentication(client: httpx.Client) -> None:
    response = client.post("/internal/v1/results", json={"task_id": "t"})
    assert response.status_code == 401


@pytest.mark.parametrize("path", [
    "/internal/v1/schedules/99999999999", "/internal/v1/schedules/2147483648",
    "/internal/v1/schedules/0", "/internal/v1/schedules/-1",
    "/internal/v1/schedules/2147483647", "/internal/v1/schedules/99999999999/preview",
])
def test_ids_beyond_the_range_are_404(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers=AUTH)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_other_routes_with_ids_are_404_too(client: httpx.Client, method: str) -> None:
    path = ("/internal/v1/schedules/99999999999/pause" if method == "POST"
            else "/internal/v1/schedules/99999999999")
    assert client.request(method, path, headers=AUTH).status_code == 404
    for execution_id in ("x" * 65, "a" * 200, "NOT-HEX", "abc"):
        response = client.post(f"/internal/v1/executions/{execution_id}/cancel", headers=AUTH)
        assert response.status_code == 404, response.text


@pytest.mark.parametrize(("field", "value"), [
    ("procedure_id", 99_999_999_999), ("procedure_id", 0), ("procedure_id", -5),
    ("created_by", "x" * 256)])
def test_values_no_column_holds_are_422(client: httpx.Client, field: str, value: object) -> None:
    at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    body = {"procedure_id": 7, "target": {"group": "web"}, "at": at, field: value}
    response = client.post("/internal/v1/schedules", json=body, headers=AUTH)
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert client.get("/internal/v1/schedules", headers=AUTH).json() == []


def test_a_heartbeat_with_huge_figures_is_recorded_capped(tmp_path: Path,
                                                          database_url: str) -> None:
    app = create_app(make_settings(tmp_path, database_url), background=False)
    rt = app.state.runtime
    with rt.db.connection_context(), rt.db.atomic():
        registry.register(rt.box, "n1", "http://127.0.0.1:9", NODE_TOKEN, capacity=3)
    with ServerThread(app) as server:
        huge = 2**40
        response = httpx.post(server.url + "/internal/v1/nodes/heartbeat", json={
            "name": "n1", "url": "", "capacity": huge, "queue_depth": huge, "running": huge},
            headers={"Authorization": f"Bearer {NODE_TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.json()["capacity"] == 3
