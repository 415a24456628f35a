"""Request limits on a real server: bodies over the limit answer 413 before they are read or
any token is checked (declared or streamed), the import route has its own larger limit; ids
no row can have are 404 and offsets the database cannot take are 422 naming the param."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from tests.backend.servers import serve_app

LIMIT, IMPORT_LIMIT = 2_048, 8_192
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    limited = Settings(**{**settings.model_dump(), "max_body_bytes": LIMIT,
                          "max_import_bytes": IMPORT_LIMIT})
    with serve_app(limited) as url:
        yield url


def _body(size: int) -> bytes:
    head, tail = b'{"name": "', b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def _chunks(size: int, chunk: int = 512) -> Iterator[bytes]:
    body = _body(size)
    for start in range(0, len(body), chunk):
        yield body[start:start + chunk]


def _too_large(response: httpx.Response) -> bool:
    return response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_the_defaults() -> None:
    fields = Settings.model_fields
    assert fields["max_body_bytes"].default == 1 << 20
    assert fields["max_import_bytes"].default == 16 << 20


def test_declared_length_over_the_limit_is_413_without_a_token(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as client:
        response = client.post("/api/v1/hosts", content=_body(LIMIT + 1), headers=JSON)
        assert _too_large(response), response.text
        within = client.post("/api/v1/hosts", content=_body(LIMIT), headers=JSON)
        assert within.status_code == 401, within.text


def test_streamed_body_over_the_limit_is_413(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as client:
        response = client.post("/api/v1/hosts", content=_chunks(LIMIT + 600), headers=JSON)
        assert "content-length" not in response.request.headers
        assert _too_large(response), response.text
        within = client.post("/api/v1/hosts", content=_chunks(LIMIT - 100), headers=JSON)
        assert within.status_code == 401, within.text


def test_the_import_route_has_its_own_limit(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as client:
        url = "/api/v1/inventory/import"
        assert client.post(url, content=_body(IMPORT_LIMIT - 10), headers=JSON
                           ).status_code == 401
        assert client.post(url, content=_chunks(IMPORT_LIMIT - 10), headers=JSON
                           ).status_code == 401
        assert _too_large(client.post(url, content=_body(IMPORT_LIMIT + 1), headers=JSON))
        assert _too_large(client.post(url, content=_chunks(IMPORT_LIMIT + 600), headers=JSON))
        # the larger limit is the import's alone
        assert _too_large(client.post("/api/v1/groups", content=_body(LIMIT + 1),
                                      headers=JSON))


@pytest.mark.parametrize("path", [
    "/api/v1/procedures/0", "/api/v1/procedures/2147483648", "/api/v1/procedures/-3",
    "/api/v1/procedures/99999999999999999999", "/api/v1/procedures/x",
    "/api/v1/procedures/99999999999999999999/versions",
    "/api/v1/schedules/2147483648", "/api/v1/hosts/2147483647",
])
def test_ids_no_row_can_have_are_404(client: TestClient, admin: dict[str, str],
                                     path: str) -> None:
    response = client.get(path, headers=admin)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"


def test_a_path_id_is_checked_after_the_token(client: TestClient) -> None:
    assert client.get("/api/v1/hosts/99999999999999999999").status_code == 401


@pytest.mark.parametrize("url", ["/api/v1/hosts", "/api/v1/procedures", "/api/v1/executions",
                                 "/api/v1/credentials"])
@pytest.mark.parametrize("offset", ["1000000001", "99999999999999999999999", "-1"])
def test_offsets_the_database_cannot_take_are_422(client: TestClient, admin: dict[str, str],
                                                  url: str, offset: str) -> None:
    response = client.get(url, headers=admin, params={"offset": offset})
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == ["offset"]


@pytest.mark.parametrize(("url", "param"), [("/api/v1/executions", "procedure"),
                                            ("/api/v1/schedules", "procedure")])
def test_id_filters_the_database_cannot_take_are_422(client: TestClient, admin: dict[str, str],
                                                     url: str, param: str) -> None:
    response = client.get(url, headers=admin, params={param: "2147483648"})
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == [param]
