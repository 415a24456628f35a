"""Startup schema upgrades: add the columns newer models declare to tables an older version made.

``create_tables(safe=True)`` creates missing tables and indexes but never alters a table, so a
column added to a model is added here (with its default filled in) and an existing database
keeps working.

SQLite cannot add ``NOT NULL`` to a column, so peewee rebuilds the table: a copy replaces the
original, which is dropped. With foreign keys enforced that drop deletes every row that points
at the table through ``ON DELETE CASCADE`` (a host's group memberships, a group's nesting), so
the upgrade runs with enforcement off, as SQLite's own recipe for altering a table says, and
checks every reference before it commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from peewee import Database, DatabaseError, Field, Model, PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

logger = logging.getLogger(__name__)


def _migrator(db: Database) -> SchemaMigrator:
    if isinstance(db, PostgresqlDatabase):
        return PostgresqlMigrator(db)
    return SqliteMigrator(db)


def add_missing_columns(db: Database, models: Iterable[type[Model]]) -> list[str]:
    """Add every model column missing from its table; returns ``table.column`` names added."""
    missing: list[tuple[str, Field]] = []
    for model in models:
        table = model._meta.table_name
        present = {c.name for c in db.get_columns(table)}
        missing.extend((table, field) for field in model._meta.sorted_fields
                       if field.column_name not in present)
    if not missing:
        return []
    migrator = _migrator(db)
    with _references_unenforced(db), db.atomic():
        for table, field in missing:
            migrate(migrator.add_column(table, field.column_name, field))
        if isinstance(db, SqliteDatabase) and db.execute_sql(  # type: ignore[no-untyped-call]
                "PRAGMA foreign_key_check").fetchone():
            raise DatabaseError("schema upgrade left a broken foreign key; nothing changed")
    added = [f"{table}.{field.column_name}" for table, field in missing]
    for name in added:
        logger.info("schema upgraded: added column %s", name)
    return added


@contextmanager
def _references_unenforced(db: Database) -> Iterator[None]:
    """SQLite's foreign keys off on this connection, then back as they were (a pragma is set
    outside any transaction: inside one SQLite ignores it)."""
    if not isinstance(db, SqliteDatabase):
        yield
        return
    enforced = db.pragma("foreign_keys")
    db.pragma("foreign_keys", 0)
    try:
        yield
    finally:
        db.pragma("foreign_keys", enforced)
