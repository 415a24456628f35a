"""A closed client says so with ``ClientClosed`` (an ``ApiError``), never httpx's RuntimeError:
for calls and for event streams alike."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from noc_desktop.client import ApiError, ClientClosed, NocClient
from noc_desktop.client.sse import stream_events


def _client() -> NocClient:
    return NocClient("http://noc.test:8700",
                     transport=httpx.MockTransport(lambda _: httpx.Response(200, json={})))


def test_a_call_on_a_closed_client_raises_client_closed() -> None:
    async def scenario() -> None:
        client = _client()
        await client.aclose()
        with pytest.raises(ClientClosed) as caught:
            await client.me()
        assert isinstance(caught.value, ApiError)
        assert "closed" in caught.value.message

    asyncio.run(scenario())


def test_a_stream_on_a_closed_client_raises_client_closed() -> None:
    async def scenario() -> None:
        client = _client()
        await client.aclose()
        with pytest.raises(ClientClosed):
            async with contextlib.aclosing(stream_events(client, "/events")) as stream:
                async for _ in stream:
                    pass

    asyncio.run(scenario())
