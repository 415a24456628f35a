"""Peewee models: users and tokens, inventory, credentials, procedures, execution history.

Times are stored as naive UTC and read back timezone-aware; JSON is stored as text so the same
schema works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from peewee import (
    JOIN,
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from noc_backend.core.db import database_proxy
from noc_contracts import jsontext


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTimeField(DateTimeField):
    """Aware datetimes in, naive UTC in the database, aware UTC out."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return super().db_value(value)  # type: ignore[no-untyped-call]

    def python_value(self, value: Any) -> Any:
        value = super().python_value(value)  # type: ignore[no-untyped-call]
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class JSONField(TextField):
    """Any JSON value, stored as text."""

    def db_value(self, value: Any) -> Any:
        return None if value is None else jsontext.dumps(value)

    def python_value(self, value: Any) -> Any:
        return None if value is None else jsontext.loads(value)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class User(BaseModel):
    id = AutoField()
    username = CharField(max_length=100, unique=True)
    password_hash = CharField(max_length=255)
    role = CharField(max_length=20)  # admin | operator | viewer
    disabled = BooleanField(default=False)
    created_at = UTCDateTimeField(default=utcnow)
    # may save procedures with command-type tasks (admins always may)
    can_run_commands = BooleanField(default=False)


class AuthToken(BaseModel):
    """A bearer token: a login ``session`` or a named ``api`` token; only its SHA-256 is stored."""

    id = AutoField()
    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, on_delete="CASCADE", backref="tokens")
    created_at = UTCDateTimeField(default=utcnow)
    expires_at = UTCDateTimeField(index=True)
    kind = CharField(max_length=10, default="session")  # session | api
    name = CharField(max_length=100, null=True)  # api tokens only
    last_used_at = UTCDateTimeField(null=True)


class Credential(BaseModel):
    """Connection secrets, Fernet-encrypted as one JSON document in ``secret``."""

    id = AutoField()
    name = CharField(max_length=100, unique=True)
    kind = CharField(max_length=20)  # ssh_key | password
    secret = TextField()
    fingerprint = CharField(max_length=100, null=True)
    created_at = UTCDateTimeField(default=utcnow)


class Host(BaseModel):
    """A registered host; ``with_credential()`` selects hosts with their own credential joined."""

    id = AutoField()
    name = CharField(max_length=255, unique=True)
    address = CharField(max_length=255, index=True)
    port = IntegerField(default=22)
    user = CharField(max_length=255, null=True)
    connection = CharField(max_length=10, default="ssh")
    vars = JSONField(default=dict)
    credential = ForeignKeyField(Credential, null=True, on_delete="RESTRICT", backref="hosts")
    enabled = BooleanField(default=True, index=True)
    created_at = UTCDateTimeField(default=utcnow, index=True)
    updated_at = UTCDateTimeField(default=utcnow)
    # connection vars an imported inventory gave explicitly (exported even when at the default)
    inventory_keys = JSONField(default=list)
    # labels a node must have to run this host's steps; empty: its nearest group's, else any
    node_selector = JSONField(default=dict)

    @classmethod
    def with_credential(cls) -> Any:
        return cls.select(cls, Credential).join(
            Credential, join_type=JOIN.LEFT_OUTER, on=(cls.credential == Credential.id))


class Group(BaseModel):
    """A group: its vars, an optional credential and node selector; members in HostGroup,
    nesting in GroupChild.

    ``all`` and ``ungrouped`` exist as rows only to hold their vars (membership is implicit).
    """

    id = AutoField()
    name = CharField(max_length=100, unique=True)
    vars = JSONField(default=dict)
    credential = ForeignKeyField(Credential, null=True, on_delete="RESTRICT", backref="groups")
    created_at = UTCDateTimeField(default=utcnow)
    # labels a node must have to run its hosts' steps (those without a nearer selector)
    node_selector = JSONField(default=dict)


class GroupChild(BaseModel):
    """One nesting edge (Ansible ``children``): ``child`` is a subgroup of ``parent``."""

    id = AutoField()
    parent = ForeignKeyField(Group, on_delete="CASCADE", backref="child_rows")
    child = ForeignKeyField(Group, on_delete="CASCADE", backref="parent_rows")

    class Meta:
        indexes = ((("parent", "child"), True),)


class HostGroup(BaseModel):
    """One group label on one host."""

    id = AutoField()
    host = ForeignKeyField(Host, on_delete="CASCADE", backref="group_rows")
    name = CharField(max_length=100, index=True)

    class Meta:
        indexes = ((("host", "name"), True),)


class Procedure(BaseModel):
    id = AutoField()
    name = CharField(max_length=200, unique=True)
    description = TextField(default="")
    current_version = IntegerField(default=1)
    created_by = CharField(max_length=100, default="")
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow)


class ProcedureVersion(BaseModel):
    """Every saved state of a procedure; never updated."""

    id = AutoField()
    procedure = ForeignKeyField(Procedure, on_delete="CASCADE", backref="versions")
    version = IntegerField()
    name = CharField(max_length=200)
    description = TextField(default="")
    graph = JSONField()
    created_by = CharField(max_length=100, default="")
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("procedure", "version"), True),)


class Execution(BaseModel):
    """One run of a procedure over its hosts; its id is the scheduler's execution id."""

    id = CharField(max_length=64, primary_key=True)
    procedure_id = IntegerField(null=True, index=True)  # kept when the procedure is deleted
    procedure_name = CharField(max_length=200, default="")
    procedure_version = IntegerField(null=True)
    status = CharField(max_length=20, default="running", index=True)
    started_at = UTCDateTimeField(default=utcnow, index=True)
    finished_at = UTCDateTimeField(null=True)
    hosts_total = IntegerField(default=0)
    launched_by = CharField(max_length=100, default="")
    target = JSONField(null=True)
    vars = JSONField(null=True)  # secret-looking values masked
    dry_run = BooleanField(default=False)
    schedule_id = IntegerField(null=True)
    reason = TextField(null=True)  # why a ``missed`` execution did not run


class ExecutionHost(BaseModel):
    id = AutoField()
    execution = ForeignKeyField(Execution, on_delete="CASCADE", backref="host_rows")
    host = CharField(max_length=255)
    status = CharField(max_length=20, default="pending")
    current_node = CharField(max_length=100, null=True)
    path = JSONField(default=list)
    started_at = UTCDateTimeField(null=True)
    finished_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("execution", "host"), True),)


class StepRun(BaseModel):
    """The result of one attempt of one step on one host."""

    id = AutoField()
    execution = ForeignKeyField(Execution, on_delete="CASCADE", backref="step_rows")
    host = CharField(max_length=255)
    step_id = CharField(max_length=100)
    visit = IntegerField(default=1)  # a loop enters a node again: each entry is its own row
    attempt = IntegerField(default=1)
    status = CharField(max_length=20)
    rc = IntegerField(null=True)
    changed = BooleanField(default=False)
    stdout = TextField(default="")
    stderr = TextField(default="")
    msg = TextField(default="")
    facts = JSONField(default=dict)
    started_at = UTCDateTimeField(null=True)
    finished_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("execution", "host", "step_id", "visit", "attempt"), True),)


class EventRecord(BaseModel):
    """Every execution event received, once (unique ``event_id``)."""

    id = AutoField()
    event_id = CharField(max_length=64, unique=True)
    execution_id = CharField(max_length=64, index=True)
    type = CharField(max_length=40)
    at = UTCDateTimeField()
    payload = JSONField()
    received_at = UTCDateTimeField(default=utcnow)


class AuditEntry(BaseModel):
    """One change, run launch or login, written in the change's own transaction.

    Append-only: no route changes or deletes an entry, and database triggers (installed by
    ``core.append_only``) refuse UPDATE and DELETE. ``details`` never holds a secret.
    """

    id = AutoField()
    at = UTCDateTimeField(default=utcnow, index=True)
    actor_username = CharField(max_length=100, index=True)
    actor_user_id = IntegerField(null=True)  # not a foreign key: entries outlive their rows
    actor_kind = CharField(max_length=20)  # user | api-token | cli | scheduler
    client_address = CharField(max_length=100, null=True)
    action = CharField(max_length=60, index=True)
    target_type = CharField(max_length=40, default="", index=True)
    target_id = CharField(max_length=64, null=True, index=True)
    target_name = CharField(max_length=255, null=True)
    details = JSONField(default=dict)


ALL_MODELS: list[type[BaseModel]] = [
    User, AuthToken, Credential, Host, HostGroup, Group, GroupChild, Procedure, ProcedureVersion,
    Execution, ExecutionHost, StepRun, EventRecord, AuditEntry,
]
