"""A slow server without faking it: an httpx transport in front of a real backend that holds
chosen requests back, so a test can make an older request answer after a newer one."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, Run, logged_in


@dataclass
class DelayingTransport(httpx.AsyncBaseTransport):
    """Sends every request to the real server; the answer to a request ``hold`` picks is read
    at once, listed in ``held``, and handed over ``delay_s`` later (``hold`` sees the request and how many requests
    came before it). Never hold an event stream."""

    hold: Callable[[httpx.Request, int], bool] = lambda _request, _n: False
    delay_s: float = 1.0
    inner: httpx.AsyncBaseTransport = field(default_factory=httpx.AsyncHTTPTransport)
    count: int = 0
    held: list[str] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        n, self.count = self.count, self.count + 1
        if not self.hold(request, n):
            return await self.inner.handle_async_request(request)
        response = await self.inner.handle_async_request(request)
        content = await response.aread()
        await response.aclose()
        self.held.append(f"{request.method} {request.url.path}?{request.url.query!r}")
        await asyncio.sleep(self.delay_s)
        return httpx.Response(response.status_code, headers=response.headers, content=content,
                              request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
def slow_transport() -> DelayingTransport:
    return DelayingTransport()


@pytest.fixture
def slow_session(live_backend: LiveBackend, slow_transport: DelayingTransport, run: Run,
                 qtbot: QtBot) -> Iterator[Session]:
    """A session logged in as admin whose requests go through ``slow_transport``."""
    with logged_in(live_backend, run, slow_transport) as session:
        yield session


def path_is(method: str, path: str, *, first_only: bool = True) -> Callable[
        [httpx.Request, int], bool]:
    """A ``hold`` for ``method path`` (only the first such request when ``first_only``)."""
    seen = [0]

    def hold(request: httpx.Request, _n: int) -> bool:
        if request.method != method or not request.url.path.endswith(path):
            return False
        seen[0] += 1
        return seen[0] == 1 or not first_only
    return hold
