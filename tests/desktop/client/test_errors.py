"""``NocClient`` turns every failure into the right ``ApiError`` (transport seam only)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import httpx
import pytest

from noc_desktop.client import (
    ApiError,
    Conflict,
    Forbidden,
    HttpError,
    Invalid,
    NocClient,
    NotFound,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    Unauthorized,
)

URL = "http://noc.test:8700"


def client_answering(status: int, body: Any = None, content: bytes | None = None) -> NocClient:
    def handle(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content)
        return httpx.Response(status, json=body)
    return NocClient(URL, transport=httpx.MockTransport(handle))


def error_body(code: str, message: str, details: list[dict[str, str]] | None = None
               ) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


@pytest.mark.parametrize(("status", "kind"), [
    (401, Unauthorized), (403, Forbidden), (404, NotFound), (409, Conflict), (422, Invalid),
    (429, HttpError), (500, HttpError), (503, HttpError)])
def test_each_status_raises_its_class_with_the_body(status: int, kind: type[HttpError]) -> None:
    client = client_answering(status, error_body("some_code", "the reason"))
    with pytest.raises(kind) as caught:
        asyncio.run(client.me())
    assert type(caught.value) is kind
    assert caught.value.status == status and caught.value.code == "some_code"
    assert caught.value.message == "the reason"


def test_details_name_the_fields_and_nodes() -> None:
    details = [{"field": "address", "message": "is empty"},
               {"node": "check", "message": "unknown task"}]
    client = client_answering(422, error_body("invalid", "bad input", details))
    with pytest.raises(Invalid) as caught:
        asyncio.run(client.me())
    assert caught.value.field_messages() == {"address": "is empty", "check": "unknown task"}
    assert "address: is empty" in str(caught.value)


def test_a_non_json_error_is_named_by_its_status() -> None:
    client = client_answering(502, content=b"<html>Bad Gateway</html>")
    with pytest.raises(HttpError) as caught:
        asyncio.run(client.me())
    assert caught.value.status == 502 and caught.value.code == "http_502"
    assert "502" in caught.value.message


def test_an_answer_that_is_not_the_api_is_a_protocol_error() -> None:
    client = client_answering(200, {"not": "a user"})
    with pytest.raises(ProtocolError):
        asyncio.run(client.me())


def test_connection_refused_is_server_unreachable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    client = NocClient(f"http://127.0.0.1:{port}")
    with pytest.raises(ServerUnreachable) as caught:
        asyncio.run(client.me())
    assert f"127.0.0.1:{port}" in caught.value.message
    assert isinstance(caught.value, ApiError)


def test_a_silent_server_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        client = NocClient(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout_s=0.3)
        with pytest.raises(RequestTimedOut):
            asyncio.run(client.me())


def test_the_token_is_sent_as_a_bearer() -> None:
    seen: list[str | None] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization"))
        return httpx.Response(401, json=error_body("unauthorized", "no"))
    client = NocClient(URL, token="tok", transport=httpx.MockTransport(handle))
    with pytest.raises(Unauthorized):
        asyncio.run(client.me())
    assert seen == ["Bearer tok"]
