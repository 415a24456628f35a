"""Startup schema upgrades: add the columns newer models declare to tables an older version made.

``create_tables(safe=True)`` creates missing tables and indexes but never alters a table, so a
column added to a model is added here (with its default filled in) and an existing database
keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from peewee import Database, Model, PostgresqlDatabase
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

logger = logging.getLogger(__name__)


def _migrator(db: Database) -> SchemaMigrator:
    if isinstance(db, PostgresqlDatabase):
        return PostgresqlMigrator(db)
    return SqliteMigrator(db)


def add_missing_columns(db: Database, models: Iterable[type[Model]]) -> list[str]:
    """Add every model column missing from its table; returns ``table.column`` names added."""
    migrator = _migrator(db)
    added: list[str] = []
    with db.atomic():
        for model in models:
            table = model._meta.table_name
            present = {c.name for c in db.get_columns(table)}
            for field in model._meta.sorted_fields:
                if field.column_name in present:
                    continue
                migrate(migrator.add_column(table, field.column_name, field))
                added.append(f"{table}.{field.column_name}")
    for name in added:
        logger.info("schema upgraded: added column %s", name)
    return added
