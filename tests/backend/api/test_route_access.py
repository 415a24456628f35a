"""Every route declares exactly one access marker, and every non-public route refuses callers
without the right: no token, garbage, expired, the other layer's token (401), and a role that
lacks the route's permission (403) -- never a 422 about the body, since auth runs first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from noc_backend.auth.permissions import ALL_PERMISSIONS, permissions_of
from noc_backend.core.security import hash_token
from noc_backend.main import create_app
from noc_backend.models import AuthToken, utcnow
from tests.backend.utils import INTERNAL, SCHEDULER_TOKEN, add_user, make_settings

USER_MARKERS = {"authenticated", *ALL_PERMISSIONS}
MARKERS = {"public", "scheduler", "metrics", *USER_MARKERS}
#: /metrics is on (its token set) in the walked app, so that its refusals are walked too
METRICS_TOKEN = "metrics-token-0123456789"
PUBLIC_ROUTES = {("GET", "/healthz"), ("POST", "/api/v1/auth/login")}
#: admitted callers are not called here: logout ends the token; the live list never ends
#: (its roles are checked in routes/test_executions_stream.py)
NOT_CALLED = {"/api/v1/auth/logout", "/api/v1/events"}


def _markers(dependant: Dependant) -> Iterator[str]:
    """Every access marker in the dependency tree (router-level dependencies included)."""
    marker = getattr(dependant.call, "noc_access", None)
    if marker is not None:
        yield marker
    for dep in dependant.dependencies:
        yield from _markers(dep)


def _routes(app: FastAPI) -> list[tuple[str, str, str]]:
    """(method, path, marker) of every API route; fails listing the routes that are wrong.

    This FastAPI keeps included routers whole in ``app.routes``: ``iter_route_contexts``
    flattens them, with their effective paths and dependencies."""
    found, wrong = [], []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue  # /docs, /openapi.json: FastAPI's own, not ours
        markers = list(_markers(context.dependant))
        path = str(context.path)
        for method in sorted(context.methods or ()):
            if len(markers) != 1 or markers[0] not in MARKERS:
                wrong.append(f"{method} {path}: {markers}")
            else:
                found.append((method, path, markers[0]))
    assert not wrong, "routes without exactly one known access marker:\n" + "\n".join(wrong)
    return found


def _url(path: str) -> str:
    """Valid-looking path parameters: ids are numbers, names are labels."""
    return re.sub(r"\{(\w*id)\}", "1", re.sub(r"\{(name|execution_id)\}", "abc1", path))


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app (SQLite) for the whole walk: the check is about routing, not storage."""
    db = tmp_path_factory.mktemp("access") / "backend.db"
    with TestClient(create_app(make_settings(f"sqlite:///{db}",
                                             metrics_token=METRICS_TOKEN))) as client:
        yield client


@pytest.fixture(scope="module")
def tokens(app_client: TestClient) -> dict[str, dict[str, str]]:
    """Headers per caller: each role, and a token that has expired."""
    found = {role: add_user(app_client, f"u-{role}", role, f"{role}-password-1")
             for role in ("viewer", "operator", "admin")}
    expired = add_user(app_client, "u-expired", "admin", "expired-password-1")
    services = app_client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        AuthToken.update(expires_at=utcnow() - timedelta(seconds=1)).where(
            AuthToken.token_hash == hash_token(expired["Authorization"].split()[1])).execute()
    return {**found, "expired": expired}


def _call(client: TestClient, method: str, path: str,
          headers: dict[str, str]) -> int:
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    return client.request(method, _url(path), headers=headers, json=body).status_code


def test_every_route_declares_one_access_marker(app_client: TestClient) -> None:
    routes = _routes(app_client.app)  # type: ignore[arg-type]
    public = {(m, p) for m, p, marker in routes if marker == "public"}
    assert public == PUBLIC_ROUTES
    internal = {p for _, p, marker in routes if marker == "scheduler"}
    assert internal and all(p.startswith("/internal/") for p in internal)
    assert all(marker == "scheduler" for _, p, marker in routes if p.startswith("/internal/"))


def test_a_route_without_a_marker_is_caught() -> None:
    """The walk itself can fail: an unmarked route is reported."""
    app = FastAPI()
    app.get("/naked")(lambda: None)
    with pytest.raises(AssertionError, match="GET /naked"):
        _routes(app)


def test_non_public_routes_refuse_wrong_callers(app_client: TestClient,
                                                tokens: dict[str, dict[str, str]]) -> None:
    checked = 0
    for method, path, marker in _routes(app_client.app):  # type: ignore[arg-type]
        if marker == "public":
            continue
        other_layer = ([tokens["admin"], {"Authorization": f"Bearer {SCHEDULER_TOKEN}"}]
                       if marker == "scheduler" else [INTERNAL])
        refused = [{}, {"Authorization": "Bearer garbage-token"}, tokens["expired"],
                   *other_layer]
        for headers in refused:
            status = _call(app_client, method, path, headers)
            assert status == 401, (method, path, headers, status)
        if method in {"POST", "PUT", "PATCH"}:  # not even JSON: still 401, not 422
            status = app_client.request(method, _url(path), content=b"{",
                                        headers={"Content-Type": "application/json"}).status_code
            assert status == 401, (method, path, "malformed body", status)
        if marker in ALL_PERMISSIONS:
            for role in ("viewer", "operator"):
                if marker not in permissions_of(role):
                    status = _call(app_client, method, path, tokens[role])
                    assert status == 403, (method, path, role, status)
        checked += 1
    assert checked > 40


def test_permission_routes_admit_their_roles(app_client: TestClient,
                                             tokens: dict[str, dict[str, str]]) -> None:
    """The other side: a role holding the permission gets past auth (neither 401 nor 403;
    the body or the unreachable scheduler may still refuse)."""
    for method, path, marker in _routes(app_client.app):  # type: ignore[arg-type]
        if marker not in USER_MARKERS or path in NOT_CALLED:
            continue
        for role in ("viewer", "operator", "admin"):
            if marker == "authenticated" or marker in permissions_of(role):
                status = _call(app_client, method, path, tokens[role])
                assert status not in (401, 403), (method, path, role, status)
