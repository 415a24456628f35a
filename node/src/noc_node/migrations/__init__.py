"""The schema history of the node's local database (``node.db``: task records, result
outbox): numbered steps, each applied once and recorded in ``schema_version`` (``runner``).
``noc-node migrate`` applies what is pending, and so does every opening of the database
(``core.db.open_sqlite``), through the same ``migrate_database``.

To change the schema:

1. change the model in ``tasks.store`` or ``delivery.outbox``;
2. add a module ``NNNN_what.py`` here, numbered after the last, with ``apply(db)``: it runs
   inside the migration transaction (``BEGIN IMMEDIATE``) and uses ``playhouse.migrate`` on
   tables and columns named literally, never the current models::

       from peewee import Database, IntegerField
       from playhouse.migrate import SchemaMigrator, migrate

       def apply(db: Database) -> None:
           m = SchemaMigrator.from_database(db)
           migrate(m.add_column("outbox_item", "size", IntegerField(default=0)))

3. append its name to ``STEP_MODULES``.

``tests/node/migrations/test_migrate_cli.py`` fails until the migrated schema equals the
models'. A released step is never edited; a database recording a step this code does not know (a
newer release migrated it) is refused, never downgraded.
"""

from __future__ import annotations

from peewee import Database

from noc_node.migrations.runner import (
    Applied,
    DatabaseTooNew,
    MigrationError,
    Step,
    applied_steps,
    load_steps,
    migrate,
)

__all__ = ["Applied", "DatabaseTooNew", "MigrationError", "Step", "applied_steps",
           "migrate_database", "steps"]

STEP_MODULES = ("0001_initial",)
#: names the PostgreSQL advisory lock (the node's database is SQLite: BEGIN IMMEDIATE)
LOCK_NAME = "noc_node.migrations"


def steps() -> list[Step]:
    return load_steps(__name__, STEP_MODULES)


def migrate_database(db: Database) -> list[Step]:
    """Apply the pending steps; returns those applied now ([]: it was up to date)."""
    return migrate(db, steps(), LOCK_NAME)
