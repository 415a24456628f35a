"""Add the columns a step's models declare to tables an older release made without them.

For a database made before schema versions were recorded: ``create_tables(safe=True)`` makes
missing tables and indexes but never alters a table, so the first step adds each missing
column (its default filled in on existing rows). Runs inside the migration transaction, whose
runner keeps SQLite's table rebuilds from deleting the rows that point at a rebuilt table.

(The same text in every layer, kept equal by ``tests/contracts/test_layer_copies.py``.)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from peewee import Database, Field, Model
from playhouse.migrate import SchemaMigrator, migrate

logger = logging.getLogger(__name__)


def missing_columns(db: Database, models: Iterable[type[Model]]) -> list[tuple[str, Field]]:
    """``(table, field)`` for every model column its existing table lacks."""
    missing: list[tuple[str, Field]] = []
    for model in models:
        table = model._meta.table_name
        if not db.table_exists(table):
            continue
        present = {column.name for column in db.get_columns(table)}
        missing.extend((table, field) for field in model._meta.sorted_fields
                       if field.column_name not in present)
    return missing


def add_missing_columns(db: Database, models: Iterable[type[Model]]) -> list[str]:
    """Add every missing column (nullable, or with a default for the rows already there);
    returns the ``table.column`` names added."""
    missing = missing_columns(db, models)
    if not missing:
        return []
    migrator = SchemaMigrator.from_database(db)
    for table, field in missing:
        migrate(migrator.add_column(table, field.column_name, field))
    added = [f"{table}.{field.column_name}" for table, field in missing]
    logger.info("added the columns an older release lacked: %s", ", ".join(added))
    return added
