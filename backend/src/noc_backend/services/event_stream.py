"""Live execution events as Server-Sent Events, read from the stored events (the DB is the truth).

The stream replays what is stored after ``Last-Event-ID`` (or from the start), then follows new
events as the scheduler delivers them, and ends once the execution has finished.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from anyio import to_thread
from peewee import Database

from noc_backend.models import EventRecord, Execution

FINAL = frozenset({"success", "failed", "partial", "cancelled", "missed"})


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    type: str
    payload: dict[str, Any]


def events_after(*, execution_id: str, after: int, limit: int = 500) -> list[StoredEvent]:
    rows = (EventRecord.select().where((EventRecord.execution_id == execution_id)
                                       & (EventRecord.id > after))
            .order_by(EventRecord.id).limit(limit))
    return [StoredEvent(r.id, r.type, r.payload) for r in rows]


def is_finished(*, execution_id: str) -> bool:
    row = Execution.get_or_none(Execution.id == execution_id)
    return row is not None and row.status in FINAL


def format_sse(event: StoredEvent) -> str:
    data = json.dumps(event.payload, separators=(",", ":"), default=str)
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"


async def stream(db: Database, execution_id: str, after: int,
                 disconnected: Callable[[], Any], poll_s: float = 0.1,
                 keepalive_s: float = 15.0) -> AsyncIterator[str]:
    """SSE text for ``execution_id``: stored events after ``after``, then new ones as they come."""

    def read(last: int) -> tuple[list[StoredEvent], bool]:
        with db.connection_context():
            finished = is_finished(execution_id=execution_id)
            return events_after(execution_id=execution_id, after=last), finished

    last = after
    idle = 0.0
    yield "retry: 1000\n\n"
    while True:
        events, finished = await to_thread.run_sync(read, last)
        for event in events:
            last = event.seq
            yield format_sse(event)
        if finished and not events:
            yield "event: end\ndata: {}\n\n"
            return
        if await disconnected():
            return
        if events:
            idle = 0.0
            continue
        await anyio.sleep(poll_s)
        idle += poll_s
        if idle >= keepalive_s:
            idle = 0.0
            yield ": keep-alive\n\n"
