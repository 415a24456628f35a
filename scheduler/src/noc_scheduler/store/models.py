"""Peewee tables: the scheduler's whole state. Everything a worker does is recoverable from them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from noc_contracts import jsontext

database = DatabaseProxy()


def utcnow() -> datetime:
    """Naive UTC, as stored (SQLite and PostgreSQL ``timestamp`` compare the same way)."""
    return datetime.now(UTC).replace(tzinfo=None)


class JsonField(TextField):
    """JSON stored as text, portable across SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> str | None:
        if isinstance(value, jsontext.Encoded):
            return str(value)
        return None if value is None else jsontext.dumps(value)

    def python_value(self, value: Any) -> Any:
        return None if value is None else jsontext.loads(value)


class BaseModel(Model):
    class Meta:
        database = database


#: the capacity of a node registered without one
DEFAULT_CAPACITY = 4


class Node(BaseModel):
    """A registered node: its token encrypted, and a SHA-256 of it to recognise the caller.

    ``capacity`` is what the admin registered; a heartbeat's ``reported_capacity`` can only
    lower what placement uses. A ``draining`` node takes no new work. ``labels`` are the
    admin's too; ``load`` (1-minute load average) comes with each heartbeat.
    """

    id = AutoField()
    name = CharField(max_length=255, unique=True)
    url = CharField(max_length=1000)
    token_enc = TextField()
    token_sha256 = CharField(max_length=64, unique=True)
    capacity = IntegerField(default=DEFAULT_CAPACITY)
    reported_capacity = IntegerField(null=True)
    draining = BooleanField(default=False)
    #: what placement matches a host's selector against: {"site": "rio"}
    labels = JsonField(default=dict)
    queue_depth = IntegerField(default=0)
    running = IntegerField(default=0)
    load = DoubleField(null=True)
    #: a dispatch found it unreachable: no work until then, or until its next heartbeat
    unreachable_until = DateTimeField(null=True)
    last_seen_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    def __repr__(self) -> str:
        return f"<Node {self.name} {self.url}>"


class Schedule(BaseModel):
    id = AutoField()
    procedure_id = IntegerField()
    target = JsonField()
    at = DateTimeField(null=True)
    cron = CharField(max_length=200, null=True)
    timezone = CharField(max_length=64, null=True)
    vars = JsonField(default=dict)
    check_mode = BooleanField(default=False)
    status = CharField(max_length=16, index=True)
    next_fire_at = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(max_length=255, default="")
    execution_id = CharField(max_length=32, null=True)
    last_error = TextField(null=True)
    # issue 5: the window, the policies and the cursor of fire times already handled
    start_at = DateTimeField(null=True)
    end_at = DateTimeField(null=True)
    missed_policy = CharField(max_length=16, default="skip")
    catch_up_max = IntegerField(default=10)
    overlap_policy = CharField(max_length=16, default="skip")
    fired_through = DateTimeField(null=True)  # every fire time up to here has been planned
    last_fired_at = DateTimeField(null=True)


class ScheduleFire(BaseModel):
    """One fire time of a schedule: ``pending`` until it starts a run, or ``missed``.

    Unique per (schedule, fire time): the last guard against a double fire.
    """

    id = AutoField()
    schedule = ForeignKeyField(Schedule, backref="fires", on_delete="CASCADE")
    fire_time = DateTimeField()
    status = CharField(max_length=16, index=True)  # pending | started | missed
    catch_up = BooleanField(default=False)  # a late fire run by catch_up: waits its turn
    reason = TextField(null=True)
    execution_id = CharField(max_length=32)  # the run's id, or the missed record's id
    claimed_until = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("schedule", "fire_time"), True),)


class Execution(BaseModel):
    id = CharField(max_length=32, primary_key=True)
    schedule_id = IntegerField(null=True)
    procedure_id = IntegerField()
    procedure_name = CharField(max_length=255)
    procedure_version = IntegerField()
    graph = JsonField()
    vars = JsonField(default=dict)
    check_mode = BooleanField(default=False)
    status = CharField(max_length=16, index=True)
    started_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)


class HostRun(BaseModel):
    """One host's independent walk of the graph; ``state`` is the engine's FlowState.

    ``advance`` is set (with ``version`` bumped) in the transaction that makes the walk due to
    move on (it started, its step has a result, its wait is over); the move itself is
    evaluated outside any transaction and applied only if ``version`` is still the same.
    ``advance_at``: when the maintenance loop takes an advance nobody finished (a crash).
    """

    id = AutoField()
    execution = ForeignKeyField(Execution, backref="host_runs", on_delete="CASCADE")
    host_name = CharField(max_length=255)
    host_enc = TextField()  # the TargetHost JSON (with secrets), Fernet-encrypted
    #: the host's node selector as ``format_labels`` writes it ("" : any node)
    selector = TextField(default="")
    status = CharField(max_length=16, index=True)
    state = JsonField()
    wake_at = DateTimeField(null=True, index=True)
    finished_at = DateTimeField(null=True)
    version = IntegerField(default=0)
    advance = JsonField(null=True)
    advance_at = DateTimeField(null=True, index=True)

    class Meta:
        # "is any host of this execution still running": one index probe, not a scan
        indexes = ((("execution", "status"), False),)

    def __repr__(self) -> str:
        return f"<HostRun {self.id} {self.host_name} {self.status}>"


class Step(BaseModel):
    """One dispatch of one task node for one host run (a retry is a new row)."""

    task_id = CharField(max_length=64, primary_key=True)
    host_run = ForeignKeyField(HostRun, backref="steps", on_delete="CASCADE")
    execution_id = CharField(max_length=32, index=True)
    step_id = CharField(max_length=100)
    task_type = CharField(max_length=100)
    attempt = IntegerField()
    visit = IntegerField(default=1)  # which entry of step_id on the host's path, from 1
    params = JsonField()
    timeout_s = IntegerField()
    #: its host run's node selector: steps of one request share it (one batch, one site)
    selector = TextField(default="")
    status = CharField(max_length=16, index=True)  # pending | dispatched | done
    node = CharField(max_length=255, null=True)
    #: the task id the node knows: the first step's own id, shared by every step batched with it
    batch_id = CharField(max_length=64, null=True, index=True)
    lease_expires_at = DateTimeField(null=True, index=True)
    next_attempt_at = DateTimeField(null=True, index=True)
    #: dispatches that failed transiently (unreachable node, 5xx, 429...), and the last problem
    dispatch_attempts = IntegerField(default=0)
    last_problem = TextField(null=True)
    result = JsonField(null=True)
    created_at = DateTimeField(default=utcnow)
    dispatched_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)


class OutboxEvent(BaseModel):
    """An execution event waiting to be delivered to the backend, in ``id`` order."""

    id = AutoField()
    event_id = CharField(max_length=64, unique=True)
    payload = JsonField()
    created_at = DateTimeField(default=utcnow)
    delivered_at = DateTimeField(null=True, index=True)
    attempts = IntegerField(default=0)


MODELS: list[type[Model]] = [Node, Schedule, ScheduleFire, Execution, HostRun, Step,
                             OutboxEvent]
