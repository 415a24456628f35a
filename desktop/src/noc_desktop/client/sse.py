"""Server-Sent Events from the API, resumed after a dropped connection. No Qt.

``stream_events`` reads ``GET <path>`` (``/executions/{id}/events`` or ``/events``), remembers
the last event id and, when the connection drops, the server closes the stream early or a read
times out, reconnects with ``Last-Event-ID`` after a back-off, so no event is lost or repeated.
A refusal (401, 403, 404, any 4xx) raises the client's ``HttpError``: retrying cannot help.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import httpx

from noc_desktop.client.errors import ProtocolError
from noc_desktop.client.http import error_from_response

if TYPE_CHECKING:
    from noc_desktop.client.api import NocClient

logger = logging.getLogger(__name__)

END = "end"


@dataclass(frozen=True)
class SseEvent:
    """One dispatched event: its numeric id (when it has one), type and JSON object data."""

    id: int | None
    type: str
    data: dict[str, Any]


@dataclass
class SseParser:
    """The SSE wire format, one line at a time (lines already split, without their ending)."""

    retry_ms: int | None = None
    _id: str | None = None
    _type: str = ""
    _data: list[str] = field(default_factory=list)

    def feed(self, line: str) -> SseEvent | None:
        """Take one line; a blank line dispatches the event gathered so far, if any."""
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment (keep-alive)
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._type = value
        elif name == "id" and "\x00" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        raw_id, data, kind = self._id, self._data, self._type or "message"
        self._id, self._data, self._type = None, [], ""
        if not data:
            return None
        return SseEvent(id=int(raw_id) if raw_id and raw_id.isdigit() else None, type=kind,
                        data=_decode("\n".join(data)))


def _decode(text: str) -> dict[str, Any]:
    """The data as a JSON object; anything else is kept under ``value`` or ``text``."""
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


class _Dropped(Exception):
    """The stream ended before the server said ``end``: reconnect."""


async def stream_events(client: NocClient, path: str, *, last_event_id: int | None = None,
                        retry_s: float = 1.0, max_retry_s: float = 15.0,
                        stop_on_end: bool = True, read_timeout_s: float = 45.0,
                        on_drop: Callable[[str], None] | None = None,
                        ) -> AsyncGenerator[SseEvent, None]:
    """Every event of the stream at ``path`` (relative to ``/api/v1``), in order, once each.

    Ends after ``event: end`` (which is not yielded) when ``stop_on_end``; otherwise reconnects
    after it as after any drop. The server's ``retry:`` replaces ``retry_s`` as the first delay;
    each failed attempt doubles it up to ``max_retry_s``, and an event received resets it.
    ``on_drop`` is told why each time the stream drops or cannot connect (before the retry), so
    a screen can say it is reconnecting instead of staying silent.
    """
    last = last_event_id
    base = retry_s
    delay = min(base, max_retry_s)
    timeout = httpx.Timeout(read_timeout_s, connect=10.0)
    while True:
        parser = SseParser()
        headers = {**client.rest.headers(), "Accept": "text/event-stream",
                   "Cache-Control": "no-cache"}
        if last is not None:
            headers["Last-Event-ID"] = str(last)
        client.rest.ensure_open()
        try:
            async with client.rest.http.stream("GET", path, headers=headers,
                                               timeout=timeout) as response:
                if 400 <= response.status_code < 500:
                    await response.aread()
                    raise error_from_response(response)
                if response.status_code >= 300:
                    raise _Dropped(f"the server answered {response.status_code}")
                kind = response.headers.get("content-type", "")
                if not kind.startswith("text/event-stream"):
                    raise ProtocolError(f"{path} is not an event stream ({kind or 'no type'})")
                lines = cast(AsyncGenerator[str, None], response.aiter_lines())
                async with contextlib.aclosing(lines):  # closed here, not by the GC
                    async for line in lines:
                        event = parser.feed(line)
                        if parser.retry_ms is not None:
                            base = parser.retry_ms / 1000
                        if event is None:
                            continue
                        delay = min(base, max_retry_s)
                        if event.type == END:
                            if stop_on_end:
                                return
                            continue
                        if event.id is not None:
                            last = event.id
                        yield event
                raise _Dropped("the server closed the stream")
        except RuntimeError:
            client.rest.ensure_open()  # a closed client: ClientClosed, else the RuntimeError
            raise
        except (httpx.TransportError, _Dropped) as exc:
            reason = str(exc) or type(exc).__name__
            logger.info("event stream %s dropped (%s); resuming after id %s in %.2f s",
                        path, reason, last, delay)
            if on_drop is not None:
                on_drop(reason)
        await asyncio.sleep(delay)
        delay = min(max(delay, 0.001) * 2, max_retry_s)


__all__ = ["END", "SseEvent", "SseParser", "stream_events"]
