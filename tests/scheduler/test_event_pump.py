"""The event pump sends each outbox event's stored JSON text as it is: no decoding and encoding
again of every event on its way to the backend (two events per host-step)."""

from __future__ import annotations

import json
import uuid

from noc_contracts import EventType, ExecutionEvent
from noc_scheduler.store.models import OutboxEvent, utcnow
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for


def test_events_travel_as_their_stored_text(stack: Stack) -> None:
    event = ExecutionEvent(event_id=uuid.uuid4().hex, execution_id="e1",
                           type=EventType.step_started, at=utcnow(), host="são-paulo-01")
    # as another encoder may have written it: ASCII escapes, spaces after separators
    text = json.dumps(event.model_dump(mode="json"), ensure_ascii=True)
    assert "\\u00e3" in text
    db = stack.rt.db
    with db.connection_context():
        db.execute_sql(
            f'INSERT INTO "{OutboxEvent._meta.table_name}" '  # noqa: S608 - no input
            f'("event_id", "payload", "created_at", "attempts") '
            f'VALUES ({db.param}, {db.param}, {db.param}, 0)',
            (event.event_id, text, utcnow()))
    wait_for(lambda: event.event_id in stack.backend.events, what="the event delivered")
    assert stack.backend.events[event.event_id]["host"] == "são-paulo-01"
    assert any(text.encode() in body for body in stack.backend.event_bodies)
