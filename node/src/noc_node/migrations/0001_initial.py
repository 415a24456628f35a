"""The schema of release f4c2b56, the last before schema versions were recorded: the task
records and the result outbox of the node's local database.

A fresh database gets both tables and their indexes; one that release made keeps its rows,
gains any missing column, and this step is recorded like any other. The models below are
this step's own copy, frozen: a later change to ``tasks.store`` or ``delivery.outbox`` is a
later step, never an edit here.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    Database,
    DatabaseProxy,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)

from noc_node.migrations.columns import add_missing_columns


class _Base(Model):
    class Meta:
        database = DatabaseProxy()  # bound to the migrated database while the step runs


class TaskRecord(_Base):
    task_id = CharField(primary_key=True, max_length=64)
    status = CharField(max_length=16, index=True)
    hosts = TextField()
    lost_reported = BooleanField(default=False)
    updated_at = DateTimeField()

    class Meta:
        table_name = "task_record"


class OutboxItem(_Base):
    id = AutoField()
    task_id = CharField(max_length=64, index=True)
    body = TextField()
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(index=True)

    class Meta:
        table_name = "outbox_item"


MODELS: list[type[Model]] = [TaskRecord, OutboxItem]


def apply(db: Database) -> None:
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS, safe=True)
        add_missing_columns(db, MODELS)
