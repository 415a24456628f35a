"""Execution events: written to the outbox inside the caller's transaction, delivered in
order to the backend by the maintenance loop, retried until the backend answers 2xx."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from peewee import Database

from noc_contracts import EventType, ExecutionEvent, HostResult, jsontext
from noc_scheduler.core.errors import BackendError
from noc_scheduler.peers.backend_client import BackendClient
from noc_scheduler.store.db import among
from noc_scheduler.store.models import OutboxEvent, database, utcnow
from noc_scheduler.store.row_updates import insert_rows

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
#: rows per INSERT when collected events are stored
INSERT_CHUNK = 200
#: Set whenever an event is written; the event pump waits on it.
written = threading.Event()
_local = threading.local()


@contextmanager
def collected() -> Iterator[None]:
    """Inside a write transaction: the events emitted in the block are stored together, in
    emit order, a few INSERTs in all, when it ends (nested blocks join the outer one)."""
    if getattr(_local, "rows", None) is not None:
        yield
        return
    rows: list[dict[str, Any]] = []
    _local.rows = rows
    try:
        yield
    finally:
        _local.rows = None
    insert_rows(database, OutboxEvent, rows, INSERT_CHUNK)
    if rows:
        written.set()


def emit(execution_id: str, type_: EventType, now: datetime, *, host: str | None = None,
         step_id: str | None = None, attempt: int | None = None, status: str | None = None,
         visit: int | None = None,
         result: HostResult | None = None, data: dict[str, Any] | None = None) -> None:
    """Queue one event; call inside the transaction that made it true. Never pass secrets."""
    event = ExecutionEvent(
        event_id=uuid.uuid4().hex, execution_id=execution_id, type=type_,
        at=now.replace(tzinfo=UTC), host=host, step_id=step_id, visit=visit, attempt=attempt,
        status=status, result=result, data=data or {})
    # encoded once, by the model: the event pump sends this text as it is
    row = {"event_id": event.event_id, "payload": jsontext.Encoded(event.model_dump_json()),
           "created_at": now}
    pending: list[dict[str, Any]] | None = getattr(_local, "rows", None)
    if pending is not None:
        pending.append(row)
        return
    OutboxEvent.insert(row).execute()
    written.set()


def flush(db: Database, backend: BackendClient, limit: int = BATCH_SIZE) -> int:
    """Deliver the oldest undelivered events in one batch; returns how many were delivered.

    Each event goes as the JSON text ``emit`` stored (read without decoding it: two events
    per host-step, decoding and encoding them again was a fifth of the scheduler's CPU)."""
    query = (OutboxEvent.select(OutboxEvent.id, OutboxEvent.payload)
             .where(OutboxEvent.delivered_at.is_null())
             .order_by(OutboxEvent.id).limit(limit))
    with db.connection_context():
        rows = db.execute(query).fetchall()  # type: ignore[no-untyped-call]  # raw rows
    if not rows:
        return 0
    ids = [row[0] for row in rows]
    try:
        backend.post_event_texts([row[1] for row in rows])  # written by ``emit``
    except BackendError as exc:
        logger.warning("event delivery failed (%d pending, will retry): %s", len(rows), exc)
        with db.connection_context(), db.atomic():
            OutboxEvent.update(attempts=OutboxEvent.attempts + 1).where(
                among(OutboxEvent.id, ids, db)).execute()
        return 0
    with db.connection_context(), db.atomic():
        OutboxEvent.update(delivered_at=utcnow()).where(among(OutboxEvent.id, ids, db)).execute()
    return len(rows)
