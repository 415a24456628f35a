"""Results waiting to be delivered to the scheduler, kept in the node's local database.

A result is recorded here before the first attempt, so a crash or an unreachable scheduler
never loses it; the sender (``noc_node.delivery.sender``) deletes it once the scheduler
acknowledged.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
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


#: items read from the outbox at a time
PAGE = 500

#: a coalesced message stays well under the scheduler's body limit (16 MiB by default)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Pending:
    """One message to send: an item, or several items of one task merged (``parts``)."""

    id: int
    task_id: str
    body: str
    attempts: int
    #: the items merged into this message, to be sent one by one if it is refused for good
    parts: tuple[Pending, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(p.id for p in self.parts) or (self.id,)


def coalesce(items: list[Pending], max_bytes: int = MAX_MESSAGE_BYTES) -> list[Pending]:
    """The host results of one task, reported host by host, merged into one message each (up
    to ``max_bytes``), in the order of each task's oldest item."""
    groups: dict[str, list[list[Pending]]] = {}
    sizes: dict[str, int] = {}  # bytes of each task's last run
    for item in items:
        runs = groups.setdefault(item.task_id, [[]])
        size = len(item.body.encode())
        if runs[-1] and sizes[item.task_id] + size > max_bytes:
            runs.append([])
            sizes[item.task_id] = 0
        runs[-1].append(item)
        sizes[item.task_id] = sizes.get(item.task_id, 0) + size
    merged = [_merge(run) for runs in groups.values() for run in runs]
    return sorted(merged, key=lambda p: p.id)


def _merge(run: list[Pending]) -> Pending:
    if len(run) == 1:
        return run[0]
    first = json.loads(run[0].body)
    for item in run[1:]:
        first["results"] += json.loads(item.body)["results"]
    return Pending(run[0].id, run[0].task_id, json.dumps(first), max(p.attempts for p in run),
                   tuple(run))


class Outbox:
    """The result outbox (a model class bound per outbox: several nodes may share a process)
    in the database ``core.db.open_sqlite`` opened, whose schema steps make the table."""

    def __init__(self, db: Any) -> None:
        self.db = db
        meta = type("Meta", (), {"database": db, "table_name": "outbox_item"})
        self.Item: Any = type("OutboxItem", (_OutboxItemBase,), {"__module__": __name__,
                                                                 "Meta": meta})

    def add(self, result: TaskResult) -> int:
        """One result, committed before this returns (the executor reports host by host: the
        statement's text is built once, not by the ORM for every host)."""
        values = (result.task_id, result.model_dump_json(), 0,
                  self.Item.next_attempt_at.db_value(datetime.now(UTC)))
        with self.db.connection_context(), self.db.atomic():
            cursor = self.db.execute_sql(self._insert_sql, values)
        return int(cursor.lastrowid)

    @functools.cached_property
    def _insert_sql(self) -> str:
        item, param = self.Item, self.db.param
        fields = (item.task_id, item.body, item.attempts, item.next_attempt_at)
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        values = ", ".join([param] * len(fields))
        # column names from the model's own metadata; every value goes as a parameter
        return f'INSERT INTO "outbox_item" ({columns}) VALUES ({values})'  # noqa: S608

    def due(self, limit: int = PAGE) -> list[Pending]:
        """Items whose next attempt is due, oldest first."""
        with self.db.connection_context():
            rows = (self.Item.select()
                    .where(self.Item.next_attempt_at <= datetime.now(UTC))
                    .order_by(self.Item.id).limit(limit))
            return [Pending(r.id, r.task_id, r.body, r.attempts) for r in rows]

    def remove(self, item_ids: Sequence[int]) -> None:
        """Delivered, or refused for good."""
        with self.db.connection_context():
            self.Item.delete().where(self.Item.id.in_(list(item_ids))).execute()

    def retry_later(self, item_ids: Sequence[int], delay_s: float) -> None:
        with self.db.connection_context():
            self.Item.update(attempts=self.Item.attempts + 1,
                             next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay_s)
                             ).where(self.Item.id.in_(list(item_ids))).execute()

    def count(self) -> int:
        with self.db.connection_context():
            return int(self.Item.select().count())
