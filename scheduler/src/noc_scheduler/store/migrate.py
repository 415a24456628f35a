"""Schema upgrades at startup: tables are created with ``safe=True``, so a column added to a
model later must be added to an existing database here (an old ``./var/`` keeps working).

SQLite cannot add ``NOT NULL`` to a column, so peewee rebuilds the table: a copy replaces the
original, which is dropped. With foreign keys enforced that drop deletes every row pointing at
the table through ``ON DELETE CASCADE`` (rebuilding ``hostrun`` deleted every step), so the
upgrade runs with enforcement off, as SQLite's own recipe for altering a table says, and checks
every reference before it commits. (The backend's ``core.migrations`` does the same for its own
tables; the layers share no database code.)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from peewee import Database, DatabaseError, Field, Model, SqliteDatabase
from playhouse.migrate import SchemaMigrator, migrate

logger = logging.getLogger(__name__)


def missing_columns(db: Database, model: type[Model]) -> list[str]:
    """The model's column names the table does not have yet."""
    table = model._meta.table_name
    present = {column.name for column in db.get_columns(table)}
    return [f.column_name for f in model._meta.sorted_fields if f.column_name not in present]


def add_missing_columns(db: Database, models: Iterable[type[Model]]) -> list[str]:
    """Add every missing (nullable or defaulted) column, in one transaction; returns
    ``table.column`` names added."""
    missing: list[tuple[str, Field]] = []
    for model in models:
        if not db.table_exists(model._meta.table_name):
            continue
        fields = {f.column_name: f for f in model._meta.sorted_fields}
        missing.extend((model._meta.table_name, fields[column])
                       for column in missing_columns(db, model))
    if not missing:
        return []
    migrator = SchemaMigrator.from_database(db)
    with _references_unenforced(db), db.atomic():
        for table, field in missing:
            migrate(migrator.add_column(table, field.column_name, field))
        if isinstance(db, SqliteDatabase) and db.execute_sql(  # type: ignore[no-untyped-call]
                "PRAGMA foreign_key_check").fetchone():
            raise DatabaseError("schema upgrade left a broken foreign key; nothing changed")
    added = [f"{table}.{field.column_name}" for table, field in missing]
    logger.info("database upgraded: added %s", ", ".join(added))
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
