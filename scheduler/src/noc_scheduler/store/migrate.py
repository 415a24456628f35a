"""Schema upgrades at startup: tables are created with ``safe=True``, so a column added to a
model later must be added to an existing database here (an old ``./var/`` keeps working)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from peewee import Database, Model
from playhouse.migrate import SchemaMigrator, migrate

logger = logging.getLogger(__name__)


def missing_columns(db: Database, model: type[Model]) -> list[str]:
    """The model's column names the table does not have yet."""
    table = model._meta.table_name
    present = {column.name for column in db.get_columns(table)}
    return [f.column_name for f in model._meta.sorted_fields if f.column_name not in present]


def add_missing_columns(db: Database, models: Iterable[type[Model]]) -> list[str]:
    """Add every missing (nullable or defaulted) column; returns ``table.column`` names added."""
    migrator = SchemaMigrator.from_database(db)
    added: list[str] = []
    for model in models:
        table = model._meta.table_name
        if not db.table_exists(table):
            continue
        fields = {f.column_name: f for f in model._meta.sorted_fields}
        for column in missing_columns(db, model):
            with db.atomic():
                migrate(migrator.add_column(table, column, fields[column]))
            added.append(f"{table}.{column}")
    if added:
        logger.info("database upgraded: added %s", ", ".join(added))
    return added
