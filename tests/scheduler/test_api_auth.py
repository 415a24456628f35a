"""Every internal route refuses a missing or wrong token with the standard 401 body."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from noc_scheduler.app import create_app
from tests.scheduler.conftest import API_TOKEN, NODE_TOKEN, make_settings
from tests.scheduler.harness import ServerThread

ROUTES = [("POST", "/internal/v1/schedules"), ("GET", "/internal/v1/schedules"),
          ("GET", "/internal/v1/schedules/1"), ("DELETE", "/internal/v1/schedules/1"),
          ("POST", "/internal/v1/executions/abc/cancel"), ("GET", "/internal/v1/nodes"),
          ("POST", "/internal/v1/results"), ("POST", "/internal/v1/nodes/heartbeat")]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp = tmp_path_factory.mktemp("auth")
    app = create_app(make_settings(tmp, f"sqlite:///{tmp / 's.db'}"), background=False)
    with ServerThread(app) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic abc", "Bearer"])
def test_unauthorised(client: httpx.Client, method: str, path: str, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = client.request(method, path, headers=headers, json={})
    assert response.status_code == 401
    body = response.json()
    assert body["error"]["code"] == "unauthorized"
    assert body["error"]["message"]


def test_api_token_is_not_a_node_token(client: httpx.Client) -> None:
    response = client.post("/internal/v1/nodes/heartbeat", json={},
                           headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 401
    response = client.get("/internal/v1/nodes", headers={"Authorization": f"Bearer {NODE_TOKEN}"})
    assert response.status_code == 401


def test_healthz_needs_no_token(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "layer": "scheduler"}


def test_bad_body_names_the_field(client: httpx.Client) -> None:
    response = client.post("/internal/v1/schedules", json={"procedure_id": "x", "target": {}},
                           headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["error"]["details"]}
    assert "procedure_id" in fields
