"""The SSE reader against a real backend fed events as the scheduler would: events stored
before and after the stream opens arrive once each, in order, across a dropped connection."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from noc_contracts import ExecutionEvent
from noc_desktop.client import NocClient, NotFound, Unauthorized
from noc_desktop.client.sse import SseEvent, stream_events
from tests.desktop.monitor.conftest import admin_token, post_events
from tests.desktop.monitor.scripted import host_names, scripted_events


class _Dropping(httpx.AsyncBaseTransport):
    """The real network, except the first event stream is cut after ``after`` events."""

    def __init__(self, after: int) -> None:
        self.real = httpx.AsyncHTTPTransport()
        self.after = after
        self.streams: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.real.handle_async_request(request)
        if not request.url.path.endswith("/events"):
            return response
        self.streams.append(request)
        if len(self.streams) > 1:
            return response
        return httpx.Response(response.status_code, headers=response.headers,
                              stream=_Cut(response, self.after), request=request)

    async def aclose(self) -> None:
        await self.real.aclose()


class _Cut(httpx.AsyncByteStream):
    def __init__(self, response: httpx.Response, after: int) -> None:
        self.response, self.after = response, after

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        buffer, seen = b"", 0
        async for chunk in self.response.aiter_raw():
            buffer += chunk
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                if block.startswith(b"id: "):
                    if seen == self.after:  # half of the next event, then a reset
                        yield block[: len(block) // 2]
                        await self.response.aclose()
                        raise httpx.ReadError("connection reset")
                    seen += 1
                yield block + b"\n\n"
        await self.response.aclose()


def _read(url: str, path: str, transport: httpx.AsyncBaseTransport | None,
          feed_later: list[dict[str, Any]], token: str) -> list[SseEvent]:
    async def run() -> list[SseEvent]:
        client = NocClient(url, token=token, transport=transport)
        got: list[SseEvent] = []
        try:
            async for ev in stream_events(client, path, retry_s=0.01, max_retry_s=0.05):
                got.append(ev)
                if len(got) == 3 and feed_later:
                    await asyncio.to_thread(post_events, url, feed_later)
            return got
        finally:
            await client.aclose()
    return asyncio.run(asyncio.wait_for(run(), 30))


@pytest.mark.parametrize("cut_after", [None, 5, 17])
def test_live_stream_with_a_dropped_connection(monitor_backend: str,
                                               cut_after: int | None) -> None:
    events = scripted_events("ex-live", host_names(6))
    post_events(monitor_backend, events[:10])  # stored before the stream opens
    transport = _Dropping(cut_after) if cut_after is not None else None
    got = _read(monitor_backend, "/executions/ex-live/events", transport, events[10:],
                admin_token(monitor_backend))
    assert [ExecutionEvent.model_validate(e.data).event_id for e in got] == \
        [e["event_id"] for e in events]
    assert [e.type for e in got] == [e["type"] for e in events]
    ids = [e.id or 0 for e in got]
    assert ids == sorted(set(ids)) and 0 not in ids
    if transport is not None and cut_after is not None:
        assert len(transport.streams) == 2
        assert "last-event-id" not in transport.streams[0].headers
        assert transport.streams[1].headers["last-event-id"] == str(ids[cut_after - 1])


def test_refusals_are_raised(monitor_backend: str) -> None:
    with pytest.raises(NotFound):
        _read(monitor_backend, "/executions/nope/events", None, [],
              admin_token(monitor_backend))
    with pytest.raises(Unauthorized):
        _read(monitor_backend, "/executions/nope/events", None, [], "not-a-token")
