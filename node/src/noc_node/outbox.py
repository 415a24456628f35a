"""Results waiting to be delivered to the scheduler, kept in the node's local database.

A result is recorded here before the first attempt, so a crash or an unreachable scheduler
never loses it; the sender (``noc_node.sender``) deletes it once the scheduler acknowledged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from peewee import AutoField, CharField, DateTimeField, IntegerField, Model, TextField

from noc_contracts import TaskResult


class _OutboxItemBase(Model):
    id = AutoField()
    task_id = CharField(max_length=64, index=True)
    body = TextField()  # the TaskResult as JSON
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(index=True)

    class Meta:
        table_name = "outbox_item"


@dataclass(frozen=True)
class Pending:
    id: int
    task_id: str
    body: str
    attempts: int


class Outbox:
    """The result outbox (a model class bound per outbox: several nodes may share a process)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        meta = type("Meta", (), {"database": db, "table_name": "outbox_item"})
        self.Item: Any = type("OutboxItem", (_OutboxItemBase,), {"__module__": __name__,
                                                                 "Meta": meta})
        with db.connection_context():
            db.create_tables([self.Item])

    def add(self, result: TaskResult) -> int:
        with self.db.connection_context(), self.db.atomic():
            item = self.Item.create(task_id=result.task_id, body=result.model_dump_json(),
                                    next_attempt_at=datetime.now(UTC))
        return int(item.id)

    def due(self, limit: int = 50) -> list[Pending]:
        """Items whose next attempt is due, oldest first."""
        with self.db.connection_context():
            rows = (self.Item.select()
                    .where(self.Item.next_attempt_at <= datetime.now(UTC))
                    .order_by(self.Item.id).limit(limit))
            return [Pending(r.id, r.task_id, r.body, r.attempts) for r in rows]

    def remove(self, item_id: int) -> None:
        """Delivered, or refused for good."""
        with self.db.connection_context():
            self.Item.delete().where(self.Item.id == item_id).execute()

    def retry_later(self, item_id: int, delay_s: float) -> None:
        with self.db.connection_context():
            self.Item.update(attempts=self.Item.attempts + 1,
                             next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay_s)
                             ).where(self.Item.id == item_id).execute()

    def count(self) -> int:
        with self.db.connection_context():
            return int(self.Item.select().count())
