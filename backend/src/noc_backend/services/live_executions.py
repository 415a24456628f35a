"""The executions list, live: every execution's start and end (and each host's end) across all
executions as Server-Sent Events, read from the stored events (the DB is the truth) and
resumable with ``Last-Event-ID``. Each event carries the execution's row as it is when sent,
so a list updates a row without refetching, and an older event never rolls a row back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from typing import Any

from anyio import to_thread
from peewee import Database, fn

from noc_backend.models import EventRecord, Execution
from noc_backend.services.event_signal import EventSignal
from noc_backend.services.event_stream import StoredEvent, follow_stored
from noc_backend.services.executions import public
from noc_contracts import EventType

#: the event types that change a row of the executions list
LIST_EVENTS = (EventType.execution_started.value, EventType.execution_finished.value,
               EventType.host_finished.value, EventType.fire_missed.value)


def last_sequence() -> int:
    """The newest stored event's sequence number (0 when there is none)."""
    return int(EventRecord.select(fn.MAX(EventRecord.id)).scalar() or 0)


def changes_after(after: int, limit: int = 200) -> list[StoredEvent]:
    """The list's events stored after ``after``, oldest first, each with its execution's row."""
    rows = list(EventRecord.select(EventRecord.id, EventRecord.type, EventRecord.execution_id,
                                   EventRecord.payload)
                .where((EventRecord.id > after) & EventRecord.type.in_(LIST_EVENTS))
                .order_by(EventRecord.id).limit(limit))
    wanted = {r.execution_id for r in rows}
    executions = {e.id: e for e in Execution.select().where(Execution.id.in_(wanted))} if (
        wanted) else {}
    found = []
    for row in rows:
        execution = executions.get(row.execution_id)
        if execution is None:  # every event creates its execution row: never seen
            continue
        data: dict[str, Any] = {"execution_id": execution.id,
                                **public(execution).model_dump(mode="json")}
        if row.type == EventType.host_finished.value:
            payload = row.payload if isinstance(row.payload, dict) else {}
            data.update(host=payload.get("host"), host_status=payload.get("status"))
        found.append(StoredEvent(row.id, row.type, data))
    return found


async def follow(db: Database, after: int | None, disconnected: Callable[[], Any],
                 stored: EventSignal, fallback_s: float = 1.0,
                 keepalive_s: float = 15.0) -> AsyncIterator[str]:
    """SSE text: a ``ready`` event whose ``id`` is the starting point (``after``, or the newest
    stored event), then every list event after it as it is stored (woken by ``stored``, or
    every ``fallback_s`` for another process's events); never ends by itself."""

    def read(last: int) -> tuple[list[StoredEvent], bool]:
        with db.connection_context():
            return changes_after(last), False  # the list never ends

    def newest() -> int:
        with db.connection_context():
            return last_sequence()

    last = after if after is not None else await to_thread.run_sync(newest)
    yield f"retry: 1000\nid: {last}\nevent: ready\ndata: {{}}\n\n"
    async with aclosing(follow_stored(read, last, disconnected, stored, fallback_s,
                                      keepalive_s)) as events:
        async for text in events:
            yield text
