"""What became of every task this node accepted: accepted -> running -> done, or cancelled / lost.

A node that restarts cannot finish what it was running, so on start every task accepted but
not finished becomes ``orphaned``, and ``lost`` once the node has confirmed that nothing of it
still runs (its processes dead, its run dir gone); heartbeats report lost ids (only those)
until the scheduler has seen them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from peewee import BooleanField, CharField, DateTimeField, IntegrityError, Model, TextField

ACCEPTED, RUNNING, DONE, CANCELLED, LOST = "accepted", "running", "done", "cancelled", "lost"
#: unfinished by a previous node process, not yet confirmed gone
ORPHANED = "orphaned"


class _TaskRecordBase(Model):
    task_id = CharField(primary_key=True, max_length=64)
    status = CharField(max_length=16, index=True)
    hosts = TextField()  # JSON list of host names
    lost_reported = BooleanField(default=False)
    updated_at = DateTimeField()

    class Meta:
        table_name = "task_record"


@dataclass(frozen=True)
class Cancelled:
    """What a cancel found: the status the task had, and its host names."""

    previous: str
    hosts: list[str]


class TaskStore:
    """Task records in the node's local database (one model class bound per store), opened
    by ``core.db.open_sqlite``, whose schema steps make the table."""

    def __init__(self, db: Any) -> None:
        self.db = db
        meta = type("Meta", (), {"database": db, "table_name": "task_record"})
        self.Record: Any = type("TaskRecord", (_TaskRecordBase,),
                                {"__module__": __name__, "Meta": meta})

    def _set(self, task_id: str, status: str, *, where: str | None = None) -> bool:
        query = self.Record.update(status=status, updated_at=datetime.now(UTC)).where(
            self.Record.task_id == task_id)
        if where is not None:
            query = query.where(self.Record.status == where)
        with self.db.connection_context():
            return bool(query.execute())

    def accept(self, task_id: str, hosts: list[str]) -> bool:
        """Record a new task; False when this task id was already accepted (a duplicate)."""
        with self.db.connection_context():
            try:
                with self.db.atomic():
                    self.Record.create(task_id=task_id, status=ACCEPTED, hosts=json.dumps(hosts),
                                       updated_at=datetime.now(UTC))
            except IntegrityError:
                return False
        return True

    def start(self, task_id: str) -> bool:
        """Claim an accepted task for running; False when it was cancelled or lost meanwhile."""
        return self._set(task_id, RUNNING, where=ACCEPTED)

    def finish(self, task_id: str) -> None:
        self._set(task_id, DONE)

    def status(self, task_id: str) -> str | None:
        with self.db.connection_context():
            row = self.Record.get_or_none(self.Record.task_id == task_id)
        return None if row is None else str(row.status)

    def cancel(self, task_id: str) -> Cancelled | None:
        """Mark a queued task cancelled (a running one is left to the executor); None if unknown."""
        with self.db.connection_context(), self.db.atomic():
            row = self.Record.get_or_none(self.Record.task_id == task_id)
            if row is None:
                return None
            previous = str(row.status)
            if previous == ACCEPTED:
                row.status, row.updated_at = CANCELLED, datetime.now(UTC)
                row.save()
            return Cancelled(previous, list(json.loads(row.hosts)))

    def mark_unfinished_orphaned(self) -> list[str]:
        """On start: every accepted or running task can no longer be finished by us."""
        with self.db.connection_context(), self.db.atomic():
            ids = [r.task_id for r in self.Record.select(self.Record.task_id).where(
                self.Record.status.in_([ACCEPTED, RUNNING]))]
            if ids:
                self.Record.update(status=ORPHANED, lost_reported=False,
                                   updated_at=datetime.now(UTC)).where(
                    self.Record.task_id.in_(ids)).execute()
        return ids

    def confirm_orphans(self, gone: Callable[[str], bool]) -> list[str]:
        """Orphaned tasks for which ``gone(task_id)`` holds become lost; returns those ids."""
        with self.db.connection_context():
            ids = [r.task_id for r in self.Record.select(self.Record.task_id).where(
                self.Record.status == ORPHANED)]
        confirmed = [task_id for task_id in ids if gone(task_id)]
        if confirmed:
            with self.db.connection_context():
                self.Record.update(status=LOST, updated_at=datetime.now(UTC)).where(
                    self.Record.task_id.in_(confirmed)
                    & (self.Record.status == ORPHANED)).execute()
        return confirmed

    def unreported_lost(self) -> list[str]:
        with self.db.connection_context():
            return [r.task_id for r in self.Record.select(self.Record.task_id).where(
                (self.Record.status == LOST) & ~self.Record.lost_reported)]

    def mark_lost_reported(self, task_ids: list[str]) -> None:
        if task_ids:
            with self.db.connection_context():
                self.Record.update(lost_reported=True).where(
                    self.Record.task_id.in_(task_ids)).execute()

    def forget(self, task_id: str) -> None:
        """Drop a record whose task never reached the queue (so it may be sent again)."""
        with self.db.connection_context():
            self.Record.delete().where(self.Record.task_id == task_id).execute()
