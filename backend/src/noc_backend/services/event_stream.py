"""Live execution events as Server-Sent Events, read from the stored events (the DB is the truth).

The stream replays what is stored after ``Last-Event-ID`` (or from the start), then follows new
events as the scheduler delivers them (woken by ``EventSignal`` when they are stored, not by
polling), and ends once the execution has finished.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from peewee import Database

from noc_backend.models import EventRecord, Execution
from noc_backend.services.event_signal import EventSignal
from noc_contracts import FINISHED_STATUSES


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    type: str
    payload: dict[str, Any] | None
    #: the payload's JSON text as stored (sent as is: decoding and encoding every event of a
    #: 1,000-host run again was a sixth of the backend's work)
    text: str | None = None


def events_after(*, execution_id: str, after: int, limit: int = 500) -> list[StoredEvent]:
    """The execution's events stored after ``after``, their payloads as their stored text."""
    meta = EventRecord._meta
    column = {name: f'"{meta.fields[name].column_name}"' for name in (
        "id", "type", "payload", "execution_id")}
    param = meta.database.param
    cursor = meta.database.execute_sql(
        # our own model's names; every value goes as a parameter
        f'SELECT {column["id"]}, {column["type"]}, {column["payload"]} '  # noqa: S608
        f'FROM "{meta.table_name}" WHERE {column["execution_id"]} = {param} '
        f'AND {column["id"]} > {param} ORDER BY {column["id"]} LIMIT {param}',
        (execution_id, after, limit))
    return [StoredEvent(seq, kind, None, text) for seq, kind, text in cursor.fetchall()]


def is_finished(*, execution_id: str) -> bool:
    row = Execution.get_or_none(Execution.id == execution_id)
    return row is not None and row.status in FINISHED_STATUSES


def format_sse(event: StoredEvent) -> str:
    # compact JSON text never holds a line break: it fits one ``data:`` line
    data = event.text if event.text is not None else json.dumps(
        event.payload, separators=(",", ":"), default=str)
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"


#: reads the events stored after a sequence number and whether the stream is over (in a thread)
Read = Callable[[int], tuple[list[StoredEvent], bool]]


async def stream(db: Database, execution_id: str, after: int,
                 disconnected: Callable[[], Any], stored: EventSignal,
                 fallback_s: float = 1.0, keepalive_s: float = 15.0) -> AsyncIterator[str]:
    """SSE text for ``execution_id``: stored events after ``after``, then new ones as they come,
    an ``end`` event once the execution has finished."""

    def read(last: int) -> tuple[list[StoredEvent], bool]:
        with db.connection_context():
            finished = is_finished(execution_id=execution_id)
            return events_after(execution_id=execution_id, after=last), finished

    yield "retry: 1000\n\n"
    async with aclosing(follow_stored(read, after, disconnected, stored, fallback_s,
                                      keepalive_s)) as events:
        async for text in events:
            yield text


async def follow_stored(read: Read, last: int, disconnected: Callable[[], Any],
                        stored: EventSignal, fallback_s: float = 1.0,
                        keepalive_s: float = 15.0) -> AsyncGenerator[str, None]:
    """SSE text of every event ``read`` finds after ``last``, as they are stored; an ``end``
    event once ``read`` says the stream is over and nothing is left to send.

    Between reads it waits for ``stored`` (or ``fallback_s``: events another backend process
    stored, and a client that left, are noticed then); a comment every ``keepalive_s`` idle.
    """
    idle = 0.0
    while True:
        seen = stored.generation
        events, over = await to_thread.run_sync(read, last)
        for event in events:
            last = event.seq
            yield format_sse(event)
        if over and not events:
            yield "event: end\ndata: {}\n\n"
            return
        if await disconnected():
            return
        if events:
            idle = 0.0
            continue
        if not await stored.wait(seen, fallback_s):
            idle += fallback_s
        if idle >= keepalive_s:
            idle = 0.0
            yield ": keep-alive\n\n"
