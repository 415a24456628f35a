"""Who may call what (CONVENTIONS 1): every route of the scheduler declares exactly one access
marker, and each refuses a missing, wrong, malformed or other-layer token with the standard
401 body and ``WWW-Authenticate: Bearer``; /healthz is the one public route."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from noc_scheduler.app import create_app
from noc_scheduler.nodes import registry
from tests.scheduler.conftest import API_TOKEN, NODE_TOKEN, make_settings
from tests.support.server import ServerThread

SAMPLE = {"schedule_id": "1", "execution_id": "abc", "name": "n1"}
OTHER_LAYER = {"backend": NODE_TOKEN, "node": API_TOKEN, "metrics": API_TOKEN}
#: /metrics is on (its token set) in the served app, so that it is walked like the rest
METRICS_TOKEN = "metrics-token-0123456789"


def markers(dependant: Dependant) -> list[str]:
    found = [dependant.call.noc_access] if hasattr(dependant.call, "noc_access") else []
    for sub in dependant.dependencies:
        found += markers(sub)
    return found


def app_routes() -> list[RouteContext]:
    """The app's API routes with their effective dependencies (router-level ones included),
    read at collection time from an app built on a throwaway database. This FastAPI keeps
    included routers whole in ``app.routes``: ``iter_route_contexts`` flattens them."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(make_settings(Path(tmp), f"sqlite:///{tmp}/s.db"), background=False)
        app.state.runtime.close()
    return [rc for rc in iter_route_contexts(app.routes)
            if isinstance(rc.original_route, APIRoute)]


ROUTES = [(method, str(rc.path), markers(rc.dependant)) for rc in app_routes()
          for method in sorted(rc.methods or ())]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp = tmp_path_factory.mktemp("auth")
    app = create_app(make_settings(tmp, f"sqlite:///{tmp / 's.db'}",
                                   metrics_token=METRICS_TOKEN), background=False)
    rt = app.state.runtime
    with rt.db.connection_context(), rt.db.atomic():
        registry.register(rt.box, "n1", "http://127.0.0.1:9", NODE_TOKEN)
    with ServerThread(app) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


def test_the_route_list_is_complete() -> None:
    paths = {path for _, path, _ in ROUTES}
    assert {"/healthz", "/internal/v1/results", "/internal/v1/nodes/heartbeat",
            "/internal/v1/nodes", "/internal/v1/schedules", "/internal/v1/probe",
            "/internal/v1/executions/{execution_id}/cancel"} <= paths


@pytest.mark.parametrize(("method", "path", "found"), ROUTES)
def test_every_route_declares_exactly_one_access(method: str, path: str,
                                                 found: list[str]) -> None:
    assert len(found) == 1, f"{method} {path}: {found}"
    assert found[0] in {"backend", "node", "public", "metrics"}
    assert (found[0] == "public") == (path == "/healthz")


def refusals(kind: str) -> list[dict[str, str]]:
    return [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Basic abc"},
            {"Authorization": "Bearer"}, {"Authorization": f"Bearer {OTHER_LAYER[kind]}"}]


@pytest.mark.parametrize(("method", "path", "found"),
                         [r for r in ROUTES if r[2] != ["public"]])
def test_every_protected_route_refuses_bad_tokens(client: httpx.Client, method: str,
                                                  path: str, found: list[str]) -> None:
    url = path.format(**SAMPLE)
    for headers in refusals(found[0]):
        response = client.request(method, url, headers=headers, json={})
        assert response.status_code == 401, (headers, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        body: dict[str, Any] = response.json()
        assert body["error"]["code"] == "unauthorized" and body["error"]["message"]


def test_healthz_needs_no_token(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "layer": "scheduler"}


def test_bad_body_names_the_field(client: httpx.Client) -> None:
    response = client.post("/internal/v1/schedules", json={"procedure_id": "x", "target": {}},
                           headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["error"]["details"]}
    assert "procedure_id" in fields
