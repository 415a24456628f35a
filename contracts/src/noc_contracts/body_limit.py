"""A pure ASGI middleware every layer mounts: request bodies over a limit answer 413 unread.

It sits outside every route, so it acts before the body is parsed and before any token is
checked: a declared ``Content-Length`` over the limit is answered at once; a chunked body is
counted as it arrives and refused the moment it passes the limit, whatever the app was doing
with it. No framework import: the ASGI callables are plain ``async`` functions.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from noc_contracts.errors import ErrorCode

logger = logging.getLogger(__name__)

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """Raised into the app from ``receive`` when a streamed body passes the limit."""


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def too_large_body(max_bytes: int) -> bytes:
    """The standard error body (code ``too_large``)."""
    return json.dumps({"error": {"code": ErrorCode.too_large.value, "details": [],
                                 "message": f"request body over {max_bytes} bytes"}}).encode()


async def refuse(send: Send, max_bytes: int) -> None:
    body = too_large_body(max_bytes)
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """``app.add_middleware(BodySizeLimit, max_bytes=..., overrides={path_prefix: bytes})``.

    ``overrides`` gives some paths (the longest matching prefix wins) their own limit, e.g. an
    inventory import that is larger than any other request.
    """

    def __init__(self, app: ASGIApp, max_bytes: int,
                 overrides: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = sorted((overrides or {}).items(), key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.overrides:
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        max_bytes = self.limit_for(path)
        declared = declared_length(scope)
        if declared is not None and declared > max_bytes:
            logger.warning("refused a %d-byte body for %s", declared, path)
            await refuse(send, max_bytes)
            return
        state = {"received": 0, "over": False, "started": False, "answered": False}

        async def answer_413() -> None:
            if not state["started"] and not state["answered"]:
                state["answered"] = True
                logger.warning("refused a streamed body over %d bytes for %s", max_bytes, path)
                await refuse(send, max_bytes)

        async def counted_receive() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > max_bytes:
                    state["over"] = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:  # whatever the app answers to the cut read, the client gets 413
                await answer_413()
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        with contextlib.suppress(BodyTooLarge):
            await self.app(scope, counted_receive, guarded_send)
        if state["over"]:
            await answer_413()
