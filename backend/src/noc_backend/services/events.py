"""Execution events from the scheduler: stored once each, applied to the execution history."""

from __future__ import annotations

import logging
from typing import Any

from peewee import PostgresqlDatabase

from noc_backend.core.bulk import among, insert_rows
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Invalid
from noc_backend.models import EventRecord, Execution, ExecutionHost, Procedure
from noc_backend.services.event_rows import CHUNK, BatchRows
from noc_contracts import EventBatch, EventType, ExecutionEvent, ExecutionStatus
from noc_contracts.masking import mask_secret_values

logger = logging.getLogger(__name__)

#: the advisory lock key that orders event-storing transactions on PostgreSQL
EVENTS_LOCK = 0x4E4F4345  # "NOCE"
#: the longest reason a ``missed`` execution keeps
MAX_REASON = 1000


def _clean(text: str) -> str:
    """Text PostgreSQL can store (task output may hold NUL bytes)."""
    return text.replace("\x00", "\ufffd")


_INT32 = range(-2_147_483_648, 2_147_483_648)


def _check_batch(batch: EventBatch) -> None:
    """Refuse values no database column can hold, before anything is written."""
    for i, event in enumerate(batch.events):
        for name in ("event_id", "execution_id", "host", "step_id", "status"):
            value = getattr(event, name)
            if isinstance(value, str) and "\x00" in value:
                raise Invalid.on_field(f"events.{i}.{name}", "must not contain NUL characters")
        numbers = {"attempt": event.attempt, "visit": event.visit,
                   "result.rc": event.result.rc if event.result else None,
                   **{f"data.{k}": event.data.get(k)
                      for k in ("procedure_id", "procedure_version")}}
        for name, number in numbers.items():
            if isinstance(number, int) and number not in _INT32:
                raise Invalid.on_field(f"events.{i}.{name}", "out of range")


def _execution_started(event: ExecutionEvent, rows: BatchRows) -> None:
    execution = rows.execution(event)
    data = event.data
    given = [h.get("name") if isinstance(h, dict) else h for h in data.get("hosts") or []]
    hosts: list[str] = [h for h in given if isinstance(h, str) and h and "\x00" not in h]
    if isinstance(data.get("procedure_id"), int):
        execution.procedure_id = data["procedure_id"]
        name = data.get("procedure_name")
        if not isinstance(name, str):
            row = Procedure.get_or_none(Procedure.id == execution.procedure_id)
            name = row.name if row else execution.procedure_name
        execution.procedure_name = name
    if isinstance(data.get("procedure_version"), int):
        execution.procedure_version = data["procedure_version"]
    _launch(execution, data)
    execution.started_at = event.at
    execution.hosts_total = max(len(hosts), execution.hosts_total)
    rows.changed(execution)
    rows.add_hosts(event.execution_id, hosts)


def _launch(execution: Execution, data: dict[str, Any]) -> None:
    """Who launched the run, its target, masked vars, dry run and schedule, as sent."""
    launched_by = data.get("launched_by")
    if isinstance(launched_by, str) and launched_by and "\x00" not in launched_by:
        execution.launched_by = launched_by[:100]
    if isinstance(data.get("target"), dict) and data["target"]:
        execution.target = data["target"]
    if isinstance(data.get("vars"), dict):
        execution.vars = mask_secret_values(data["vars"])  # masked again: never trust a copy
    if isinstance(data.get("check_mode"), bool):
        execution.dry_run = data["check_mode"]
    if isinstance(data.get("schedule_id"), int) and data["schedule_id"] in _INT32:
        execution.schedule_id = data["schedule_id"]


def _step_started(event: ExecutionEvent, host: ExecutionHost) -> None:
    if event.step_id is None:
        return
    host.current_node = event.step_id
    host.path.append(event.step_id)  # written once per batch, with the host's other changes
    if host.status == "pending":
        host.status = "running"
        host.started_at = event.at


def _step_finished(event: ExecutionEvent, host: ExecutionHost, rows: BatchRows) -> None:
    result = event.result
    if event.step_id is None:
        return
    values: dict[str, Any] = {"status": event.status or (result.status if result else "error")}
    if result is not None:
        values.update(status=result.status.value, rc=result.rc, changed=result.changed,
                      stdout=_clean(result.stdout), stderr=_clean(result.stderr),
                      msg=_clean(result.msg), facts=result.facts,
                      started_at=result.started_at, finished_at=result.finished_at or event.at)
    rows.step_result({"execution": event.execution_id, "host": host.host,
                      "step_id": event.step_id, "visit": event.visit or 1,
                      "attempt": event.attempt or 1, **values})


def _host_finished(event: ExecutionEvent, host: ExecutionHost) -> None:
    host.status = event.status or "failed"
    host.finished_at = event.at
    host.current_node = None
    walked = event.data.get("path")
    if isinstance(walked, list) and all(isinstance(n, str) for n in walked):
        host.path = walked  # every node entered (decisions, loops, waits, ends), not just tasks


def _execution_finished(event: ExecutionEvent, execution: Execution) -> None:
    execution.status = event.status or "failed"
    execution.finished_at = event.at


def _fire_missed(event: ExecutionEvent) -> None:
    """A schedule's fire that did not run: an execution in status ``missed`` at its fire time.

    Its ``reason`` (late by policy, overlap, pause, refused target) is kept on the row.
    """
    reason = event.data.get("reason")
    procedure_id = event.data.get("procedure_id")
    procedure_id = procedure_id if isinstance(procedure_id, int) else None
    row = Procedure.get_or_none(Procedure.id == procedure_id) if procedure_id else None
    (Execution.insert(id=event.execution_id, procedure_id=procedure_id,
                      procedure_name=row.name if row else "",
                      procedure_version=row.current_version if row else None,
                      status=ExecutionStatus.missed.value, started_at=event.at,
                      finished_at=event.at, hosts_total=0,
                      reason=_clean(reason)[:MAX_REASON] if isinstance(reason, str) else None)
     .on_conflict_ignore().execute())


def _apply(event: ExecutionEvent, rows: BatchRows) -> None:
    if event.type == EventType.execution_started:
        _execution_started(event, rows)
        return
    if event.type == EventType.fire_missed:
        _fire_missed(event)
        return
    execution = rows.execution(event)
    if event.type == EventType.execution_finished:
        _execution_finished(event, execution)
        rows.changed(execution)
        return
    if event.host is None:
        logger.warning("event %s (%s) has no host; stored only", event.event_id, event.type)
        return
    host = rows.host(event.execution_id, event.host)
    if event.type == EventType.step_finished:
        _step_finished(event, host, rows)
        return
    handlers = {EventType.step_started: _step_started, EventType.host_finished: _host_finished}
    handlers[event.type](event, host)
    rows.changed(host)


def _new_events(batch: EventBatch) -> list[ExecutionEvent]:
    """The batch's events not stored before (nor repeated within it), in order."""
    ids = [e.event_id for e in batch.events]
    stored: set[str] = set()
    for first in range(0, len(ids), CHUNK):
        stored.update(r.event_id for r in EventRecord.select(EventRecord.event_id).where(
            among(EventRecord.event_id, ids[first:first + CHUNK], db)))
    fresh: dict[str, ExecutionEvent] = {}
    for event in batch.events:
        if event.event_id not in stored:
            fresh.setdefault(event.event_id, event)
    return list(fresh.values())


def record_events(*, batch: EventBatch) -> int:
    """Store and apply the batch's new events in one transaction; how many were new.

    Transactions that store events run one at a time (``in_commit_order``), so the sequence
    numbers the live streams follow become visible in order.
    """
    _check_batch(batch)
    with db.atomic():
        in_commit_order()
        fresh = _new_events(batch)
        records = [{"event_id": e.event_id, "execution_id": e.execution_id,
                    "type": e.type.value, "at": e.at, "payload": e.model_dump(mode="json")}
                   for e in fresh]
        insert_rows(db, EventRecord, records, CHUNK)
        rows = BatchRows()
        rows.prefetch(fresh)
        for event in fresh:
            _apply(event, rows)
        rows.save(db)
    logger.debug("events: %d of %d new", len(fresh), len(batch.events))
    return len(fresh)


def in_commit_order() -> None:
    """Inside the transaction that stores events: wait for any other such transaction to end.

    PostgreSQL hands out ids when rows are inserted, not when they commit: two concurrent
    writers could make id 11 visible before id 10, and a stream past 11 would never see 10.
    A transaction-scoped advisory lock orders them; SQLite's writers are serial already.
    """
    if isinstance(db.obj, PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (EVENTS_LOCK,))
