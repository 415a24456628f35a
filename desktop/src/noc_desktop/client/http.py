"""``RestClient``: one long-lived ``httpx.AsyncClient`` per server, the bearer token, and every
failure turned into an ``ApiError``. The transport is the only network seam (tests pass
``httpx.MockTransport`` or a real server's URL)."""

from __future__ import annotations

import ipaddress
import json
import ssl
from collections.abc import Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from noc_contracts import ErrorResponse
from noc_desktop.client.errors import (
    ApiError,
    ClientClosed,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    http_error,
)

M = TypeVar("M")
API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT_S = 15.0


def normalise_server_url(url: str) -> str:
    """``host:8700`` -> ``http://host:8700``; no trailing slash, no ``/api/v1``."""
    url = url.strip().rstrip("/")
    if not url:
        raise ValueError("the server URL is empty")
    if "://" not in url:
        url = f"http://{url}"
    if url.endswith(API_PREFIX):
        url = url[: -len(API_PREFIX)]
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"not an http(s) URL: {url}")
    return url


def travels_unencrypted(url: str) -> bool:
    """Whether ``url`` is plain ``http://`` to another machine (the password and the token
    would cross the network readable); loopback addresses are fine."""
    try:
        parsed = httpx.URL(normalise_server_url(url))
    except ValueError:
        return False
    if parsed.scheme != "http":
        return False
    host = parsed.host.lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def tls_context(verify: bool | str) -> ssl.SSLContext | bool:
    """httpx's ``verify`` for ``True``/``False`` or a CA bundle's path (``--ca-file``)."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify


class RestClient:
    """JSON over HTTP to ``<server>/api/v1``, with the token when there is one."""

    def __init__(self, server_url: str, *, token: str | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S, verify: bool | str = True) -> None:
        self.server_url = normalise_server_url(server_url)
        self.token = token
        self._http = httpx.AsyncClient(base_url=self.server_url + API_PREFIX,
                                       transport=transport, timeout=timeout_s,
                                       verify=tls_context(verify))

    @property
    def http(self) -> httpx.AsyncClient:
        """The underlying client (the event stream reuses its connection pool)."""
        return self._http

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def aclose(self) -> None:
        await self._http.aclose()

    def ensure_open(self) -> None:
        """Raise ``ClientClosed`` once the client is closed (httpx would raise RuntimeError)."""
        if self._http.is_closed:
            raise ClientClosed(f"the connection to {self.server_url} is closed")

    async def request(self, method: str, path: str, *, json_body: Any = None,
                      params: Mapping[str, Any] | None = None,
                      timeout_s: float | None = None) -> httpx.Response:
        """Send one request; an error status or a network failure raises ``ApiError``."""
        kwargs: dict[str, Any] = {"headers": self.headers()}
        if json_body is not None:
            kwargs["json"] = (json_body.model_dump(mode="json", exclude_unset=True)
                              if isinstance(json_body, BaseModel) else json_body)
        if params is not None:
            kwargs["params"] = {k: v for k, v in params.items() if v is not None}
        if timeout_s is not None:
            kwargs["timeout"] = timeout_s
        self.ensure_open()
        try:
            response = await self._http.request(method, path, **kwargs)
        except RuntimeError as exc:  # closed while the request was on its way
            if self._http.is_closed:
                raise ClientClosed(f"the connection to {self.server_url} is closed") from exc
            raise
        except httpx.TimeoutException as exc:
            raise RequestTimedOut(f"the server at {self.server_url} did not answer in time"
                                  ) from exc
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"cannot reach the server at {self.server_url}: "
                                    f"{_reason(exc)}") from exc
        if response.status_code >= 400:
            raise error_from_response(response)
        return response

    async def get(self, path: str, model: type[M], *,
                  params: Mapping[str, Any] | None = None) -> M:
        return parse(await self.request("GET", path, params=params), model)

    async def send(self, method: str, path: str, model: type[M], *,
                   json_body: Any = None, params: Mapping[str, Any] | None = None,
                   timeout_s: float | None = None) -> M:
        response = await self.request(method, path, json_body=json_body, params=params,
                                      timeout_s=timeout_s)
        return parse(response, model)


def parse(response: httpx.Response, model: type[M]) -> M:
    """The body as ``model`` (a pydantic model or any type ``TypeAdapter`` takes)."""
    try:
        result: M = TypeAdapter(model).validate_json(response.content)
    except ValidationError as exc:
        raise ProtocolError(f"unexpected answer from {response.request.url}: "
                            f"{exc.error_count()} field(s) do not match the API") from exc
    return result


def error_from_response(response: httpx.Response) -> ApiError:
    """The API's error body as an ``HttpError``; anything else named by its status."""
    try:
        body = ErrorResponse.model_validate_json(response.content).error
    except (ValidationError, json.JSONDecodeError, ValueError):
        reason = response.reason_phrase or "error"
        return http_error(response.status_code, f"http_{response.status_code}",
                          f"the server answered {response.status_code} {reason}")
    return http_error(response.status_code, body.code, body.message, list(body.details))


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    if isinstance(exc, httpx.ConnectError):
        if "CERTIFICATE" in text.upper():
            return "its TLS certificate is not trusted"
        return text or "connection refused or no route to it"
    return text or type(exc).__name__


__all__ = ["API_PREFIX", "ApiError", "RestClient", "error_from_response", "normalise_server_url",
           "parse", "travels_unencrypted"]
