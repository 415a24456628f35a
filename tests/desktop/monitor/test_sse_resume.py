"""The SSE reader over a scripted transport: drops mid-way and resumes with ``Last-Event-ID``,
no event lost or repeated; refusals raise without retrying."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from noc_desktop.client import NocClient, NotFound, ProtocolError, Unauthorized
from noc_desktop.client.sse import SseEvent, stream_events

TOTAL = 10


def _block(seq: int) -> bytes:
    return f'id: {seq}\nevent: step_started\ndata: {{"n": {seq}}}\n\n'.encode()


class _Body(httpx.AsyncByteStream):
    """Chunks, then either a clean close or a network failure."""

    def __init__(self, chunks: list[bytes], fail: bool) -> None:
        self.chunks, self.fail = chunks, fail

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.fail:
            raise httpx.ReadError("connection reset by peer")


class _Server:
    """Serves ids after ``Last-Event-ID``; connection k stops after ``cut[k]`` events, failing
    (reset) or closing cleanly; the last connection ends the stream with ``event: end``."""

    def __init__(self, cuts: list[tuple[int, bool]]) -> None:
        self.cuts = cuts
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        after = int(request.headers.get("last-event-id", "0"))
        chunks = [b"retry: 1\n\n", b": keep-alive\n\n"]
        k = len(self.requests) - 1
        stop, fail = self.cuts[k] if k < len(self.cuts) else (TOTAL, False)
        seqs = range(after + 1, min(after + stop, TOTAL) + 1)
        for seq in seqs:
            block = _block(seq)
            # split each event across chunk boundaries, as TCP may
            chunks += [block[:7], block[7:]]
        if k < len(self.cuts):
            chunks.append(b"id: 99\nevent: step_started\n")  # half an event, then the cut
        else:
            chunks.append(b"event: end\ndata: {}\n\n")
        return httpx.Response(200, headers={"content-type": "text/event-stream"},
                              stream=_Body(chunks, fail and k < len(self.cuts)))


def _collect(handler: Callable[[httpx.Request], httpx.Response],
             last_event_id: int | None = None) -> list[SseEvent]:
    async def run() -> list[SseEvent]:
        client = NocClient("http://noc.test", token="tok",
                           transport=httpx.MockTransport(handler))
        try:
            return [e async for e in stream_events(client, "/executions/x/events",
                                                   last_event_id=last_event_id,
                                                   retry_s=0.001, max_retry_s=0.01)]
        finally:
            await client.aclose()
    return asyncio.run(asyncio.wait_for(run(), 10))


@pytest.mark.parametrize("cuts", [
    [(3, True)],                       # reset after 3 events
    [(3, False), (0, True), (4, True)],  # closed early, then an empty reset, then another
    [(1, True)] * 9,                   # one event per connection
])
def test_resumes_after_drops_without_loss_or_repeat(cuts: list[tuple[int, bool]]) -> None:
    server = _Server(cuts)
    events = _collect(server)
    assert [e.id for e in events] == list(range(1, TOTAL + 1))
    assert [e.data["n"] for e in events] == list(range(1, TOTAL + 1))
    assert len(server.requests) == len(cuts) + 1
    sent = [r.headers.get("last-event-id") for r in server.requests]
    expected: list[str | None] = [None]
    seen = 0
    for stop, _ in cuts:
        seen += stop
        expected.append(str(seen))
    assert sent == expected
    assert all(r.headers["authorization"] == "Bearer tok" for r in server.requests)
    assert all(r.url.path == "/api/v1/executions/x/events" for r in server.requests)


def test_starts_after_the_given_id() -> None:
    server = _Server([])
    events = _collect(server, last_event_id=7)
    assert [e.id for e in events] == [8, 9, 10]
    assert server.requests[0].headers["last-event-id"] == "7"


def test_connection_refused_is_retried() -> None:
    attempts: list[httpx.Request] = []
    server = _Server([])

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        if len(attempts) < 3:
            raise httpx.ConnectError("connection refused")
        return server(request)

    assert len(_collect(handler)) == TOTAL
    assert len(attempts) == 3


@pytest.mark.parametrize(("status", "error"), [(401, Unauthorized), (404, NotFound)])
def test_refusal_raises_without_retry(status: int, error: type[Exception]) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(status, json={"error": {"code": "x", "message": "refused",
                                                      "details": []}})

    with pytest.raises(error, match="refused"):
        _collect(handler)
    assert len(calls) == 1


def test_server_error_is_retried() -> None:
    calls: list[httpx.Request] = []
    server = _Server([])

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503) if len(calls) == 1 else server(request)

    assert len(_collect(handler)) == TOTAL
    assert len(calls) == 2


def test_not_an_event_stream() -> None:
    with pytest.raises(ProtocolError):
        _collect(lambda request: httpx.Response(200, html="<html>proxy login</html>"))
