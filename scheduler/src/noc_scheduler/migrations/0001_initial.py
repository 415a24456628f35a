"""The schema of release f4c2b56, the last before schema versions were recorded.

A fresh database gets every table and index. A database that release (or an older one) made
already has its tables: the missing ones are made and the missing columns added with their
defaults; then this step is recorded like any other.

The models below are this step's own copy, frozen: a later change to
``noc_scheduler.store.models`` is a later step, never an edit here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    Database,
    DatabaseProxy,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from noc_scheduler.migrations.columns import add_missing_columns


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class _Json(TextField):
    def db_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value)


class _Base(Model):
    class Meta:
        database = DatabaseProxy()  # bound to the migrated database while the step runs


class Node(_Base):
    id = AutoField()
    name = CharField(max_length=255, unique=True)
    url = CharField(max_length=1000)
    token_enc = TextField()
    token_sha256 = CharField(max_length=64, unique=True)
    capacity = IntegerField(default=4)
    reported_capacity = IntegerField(null=True)
    draining = BooleanField(default=False)
    labels = _Json(default=dict)
    queue_depth = IntegerField(default=0)
    running = IntegerField(default=0)
    load = DoubleField(null=True)
    unreachable_until = DateTimeField(null=True)
    last_seen_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)

    class Meta:
        table_name = "node"


class Schedule(_Base):
    id = AutoField()
    procedure_id = IntegerField()
    target = _Json()
    at = DateTimeField(null=True)
    cron = CharField(max_length=200, null=True)
    timezone = CharField(max_length=64, null=True)
    vars = _Json(default=dict)
    check_mode = BooleanField(default=False)
    status = CharField(max_length=16, index=True)
    next_fire_at = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=_now)
    created_by = CharField(max_length=255, default="")
    execution_id = CharField(max_length=32, null=True)
    last_error = TextField(null=True)
    start_at = DateTimeField(null=True)
    end_at = DateTimeField(null=True)
    missed_policy = CharField(max_length=16, default="skip")
    catch_up_max = IntegerField(default=10)
    overlap_policy = CharField(max_length=16, default="skip")
    fired_through = DateTimeField(null=True)
    last_fired_at = DateTimeField(null=True)

    class Meta:
        table_name = "schedule"


class ScheduleFire(_Base):
    id = AutoField()
    schedule = ForeignKeyField(Schedule, on_delete="CASCADE")
    fire_time = DateTimeField()
    status = CharField(max_length=16, index=True)
    catch_up = BooleanField(default=False)
    reason = TextField(null=True)
    execution_id = CharField(max_length=32)
    claimed_until = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)

    class Meta:
        table_name = "schedulefire"
        indexes = ((("schedule", "fire_time"), True),)


class Execution(_Base):
    id = CharField(max_length=32, primary_key=True)
    schedule_id = IntegerField(null=True)
    procedure_id = IntegerField()
    procedure_name = CharField(max_length=255)
    procedure_version = IntegerField()
    graph = _Json()
    vars = _Json(default=dict)
    check_mode = BooleanField(default=False)
    status = CharField(max_length=16, index=True)
    started_at = DateTimeField(default=_now)
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "execution"


class HostRun(_Base):
    id = AutoField()
    execution = ForeignKeyField(Execution, on_delete="CASCADE")
    host_name = CharField(max_length=255)
    host_enc = TextField()
    selector = TextField(default="")
    status = CharField(max_length=16, index=True)
    state = _Json()
    wake_at = DateTimeField(null=True, index=True)
    finished_at = DateTimeField(null=True)
    version = IntegerField(default=0)
    advance = _Json(null=True)
    advance_at = DateTimeField(null=True, index=True)

    class Meta:
        table_name = "hostrun"
        indexes = ((("execution", "status"), False),)


class Step(_Base):
    task_id = CharField(max_length=64, primary_key=True)
    host_run = ForeignKeyField(HostRun, on_delete="CASCADE")
    execution_id = CharField(max_length=32, index=True)
    step_id = CharField(max_length=100)
    task_type = CharField(max_length=100)
    attempt = IntegerField()
    visit = IntegerField(default=1)
    params = _Json()
    timeout_s = IntegerField()
    selector = TextField(default="")
    status = CharField(max_length=16, index=True)
    node = CharField(max_length=255, null=True)
    batch_id = CharField(max_length=64, null=True, index=True)
    lease_expires_at = DateTimeField(null=True, index=True)
    next_attempt_at = DateTimeField(null=True, index=True)
    dispatch_attempts = IntegerField(default=0)
    last_problem = TextField(null=True)
    result = _Json(null=True)
    created_at = DateTimeField(default=_now)
    dispatched_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "step"


class OutboxEvent(_Base):
    id = AutoField()
    event_id = CharField(max_length=64, unique=True)
    payload = _Json()
    created_at = DateTimeField(default=_now)
    delivered_at = DateTimeField(null=True, index=True)
    attempts = IntegerField(default=0)

    class Meta:
        table_name = "outboxevent"


MODELS: list[type[Model]] = [Node, Schedule, ScheduleFire, Execution, HostRun, Step,
                             OutboxEvent]


def apply(db: Database) -> None:
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS, safe=True)
        add_missing_columns(db, MODELS)
