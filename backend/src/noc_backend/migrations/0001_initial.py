"""The schema of release f4c2b56, the last before schema versions were recorded.

A fresh database gets every table, index and the audit table's append-only triggers. A
database that release (or an older one) made already has its tables: the missing ones are
made, the missing columns added with their defaults, the triggers installed where absent;
then this step is recorded like any other.

The models below are this step's own copy, frozen: a later change to ``noc_backend.models``
is a later step, never an edit here.
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
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from noc_backend.core.append_only import drop_append_only, install_append_only
from noc_backend.migrations.columns import add_missing_columns, missing_columns


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class _Json(TextField):
    def db_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value)


class _Base(Model):
    class Meta:
        database = DatabaseProxy()  # bound to the migrated database while the step runs
        legacy_table_names = False


class User(_Base):
    id = AutoField()
    username = CharField(max_length=100, unique=True)
    password_hash = CharField(max_length=255)
    role = CharField(max_length=20)
    disabled = BooleanField(default=False)
    created_at = DateTimeField(default=_now)
    can_run_commands = BooleanField(default=False)


class AuthToken(_Base):
    id = AutoField()
    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, on_delete="CASCADE")
    created_at = DateTimeField(default=_now)
    expires_at = DateTimeField(index=True)
    kind = CharField(max_length=10, default="session")
    name = CharField(max_length=100, null=True)
    last_used_at = DateTimeField(null=True)


class Credential(_Base):
    id = AutoField()
    name = CharField(max_length=100, unique=True)
    kind = CharField(max_length=20)
    secret = TextField()
    fingerprint = CharField(max_length=100, null=True)
    created_at = DateTimeField(default=_now)


class Host(_Base):
    id = AutoField()
    name = CharField(max_length=255, unique=True)
    address = CharField(max_length=255, index=True)
    port = IntegerField(default=22)
    user = CharField(max_length=255, null=True)
    connection = CharField(max_length=10, default="ssh")
    vars = _Json(default=dict)
    credential = ForeignKeyField(Credential, null=True, on_delete="RESTRICT")
    enabled = BooleanField(default=True, index=True)
    created_at = DateTimeField(default=_now, index=True)
    updated_at = DateTimeField(default=_now)
    inventory_keys = _Json(default=list)
    node_selector = _Json(default=dict)


class Group(_Base):
    id = AutoField()
    name = CharField(max_length=100, unique=True)
    vars = _Json(default=dict)
    credential = ForeignKeyField(Credential, null=True, on_delete="RESTRICT")
    created_at = DateTimeField(default=_now)
    node_selector = _Json(default=dict)


class GroupChild(_Base):
    id = AutoField()
    parent = ForeignKeyField(Group, on_delete="CASCADE", backref="child_rows")
    child = ForeignKeyField(Group, on_delete="CASCADE", backref="parent_rows")

    class Meta:
        indexes = ((("parent", "child"), True),)


class HostGroup(_Base):
    id = AutoField()
    host = ForeignKeyField(Host, on_delete="CASCADE")
    name = CharField(max_length=100, index=True)

    class Meta:
        indexes = ((("host", "name"), True),)


class Procedure(_Base):
    id = AutoField()
    name = CharField(max_length=200, unique=True)
    description = TextField(default="")
    current_version = IntegerField(default=1)
    created_by = CharField(max_length=100, default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


class ProcedureVersion(_Base):
    id = AutoField()
    procedure = ForeignKeyField(Procedure, on_delete="CASCADE")
    version = IntegerField()
    name = CharField(max_length=200)
    description = TextField(default="")
    graph = _Json()
    created_by = CharField(max_length=100, default="")
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("procedure", "version"), True),)


class Execution(_Base):
    id = CharField(max_length=64, primary_key=True)
    procedure_id = IntegerField(null=True, index=True)
    procedure_name = CharField(max_length=200, default="")
    procedure_version = IntegerField(null=True)
    status = CharField(max_length=20, default="running", index=True)
    started_at = DateTimeField(default=_now, index=True)
    finished_at = DateTimeField(null=True)
    hosts_total = IntegerField(default=0)
    launched_by = CharField(max_length=100, default="")
    target = _Json(null=True)
    vars = _Json(null=True)
    dry_run = BooleanField(default=False)
    schedule_id = IntegerField(null=True)
    reason = TextField(null=True)


class ExecutionHost(_Base):
    id = AutoField()
    execution = ForeignKeyField(Execution, on_delete="CASCADE")
    host = CharField(max_length=255)
    status = CharField(max_length=20, default="pending")
    current_node = CharField(max_length=100, null=True)
    path = _Json(default=list)
    started_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("execution", "host"), True),)


class StepRun(_Base):
    id = AutoField()
    execution = ForeignKeyField(Execution, on_delete="CASCADE")
    host = CharField(max_length=255)
    step_id = CharField(max_length=100)
    visit = IntegerField(default=1)
    attempt = IntegerField(default=1)
    status = CharField(max_length=20)
    rc = IntegerField(null=True)
    changed = BooleanField(default=False)
    stdout = TextField(default="")
    stderr = TextField(default="")
    msg = TextField(default="")
    facts = _Json(default=dict)
    started_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("execution", "host", "step_id", "visit", "attempt"), True),)


class EventRecord(_Base):
    id = AutoField()
    event_id = CharField(max_length=64, unique=True)
    execution_id = CharField(max_length=64, index=True)
    type = CharField(max_length=40)
    at = DateTimeField()
    payload = _Json()
    received_at = DateTimeField(default=_now)


class AuditEntry(_Base):
    id = AutoField()
    at = DateTimeField(default=_now, index=True)
    actor_username = CharField(max_length=100, index=True)
    actor_user_id = IntegerField(null=True)
    actor_kind = CharField(max_length=20)
    client_address = CharField(max_length=100, null=True)
    action = CharField(max_length=60, index=True)
    target_type = CharField(max_length=40, default="", index=True)
    target_id = CharField(max_length=64, null=True, index=True)
    target_name = CharField(max_length=255, null=True)
    details = _Json(default=dict)


MODELS: list[type[Model]] = [
    User, AuthToken, Credential, Host, HostGroup, Group, GroupChild, Procedure, ProcedureVersion,
    Execution, ExecutionHost, StepRun, EventRecord, AuditEntry,
]
AUDIT = AuditEntry._meta.table_name


def apply(db: Database) -> None:
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS, safe=True)
        if any(table == AUDIT for table, _ in missing_columns(db, [AuditEntry])):
            # filling a new column's default on old entries is an UPDATE the triggers refuse
            drop_append_only(db, AUDIT)
        add_missing_columns(db, MODELS)
        install_append_only(db, AUDIT)
