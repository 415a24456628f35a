"""The scheduler's schema history: numbered steps, each applied once and recorded in
``schema_version`` (``runner``). ``noc-scheduler migrate`` applies what is pending, and so does
every start (``Runtime.create_tables``), through the same ``migrate_database``. Several
schedulers sharing one PostgreSQL database may start together: they take turns on the
migration lock, and each step is applied once.

To change the schema (add, rename or retype a column, add a table or an index, move data):

1. change ``noc_scheduler.store.models``;
2. add a module ``NNNN_what.py`` here, numbered after the last, with ``apply(db)``: it runs
   inside the migration transaction and uses ``playhouse.migrate`` on tables and columns
   named literally, never the current models (a step must do the same thing forever)::

       from peewee import Database, IntegerField
       from playhouse.migrate import SchemaMigrator, migrate

       def apply(db: Database) -> None:
           m = SchemaMigrator.from_database(db)
           migrate(m.rename_column("step", "node", "node_name"),
                   m.add_column("node", "weight", IntegerField(default=1)))

3. append its name to ``STEP_MODULES``.

``tests/scheduler/migrations/test_schema.py`` fails until the migrated schema equals the
models' on SQLite and PostgreSQL. A released step is never edited; a database recording a
step this code does not know (a newer release migrated it) is refused, never downgraded.
"""

from __future__ import annotations

from peewee import Database

from noc_scheduler.migrations.runner import (
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
#: the PostgreSQL advisory lock two migrating schedulers take turns on
LOCK_NAME = "noc_scheduler.migrations"


def steps() -> list[Step]:
    return load_steps(__name__, STEP_MODULES)


def migrate_database(db: Database) -> list[Step]:
    """Apply the pending steps; returns those applied now ([]: it was up to date)."""
    return migrate(db, steps(), LOCK_NAME)
