"""What the migration tests compare: a database's schema, its rows, and the release fixture.

``schema_of`` describes every table (columns, indexes, foreign keys) in the terms peewee's
introspection gives on SQLite and PostgreSQL, so a migrated database and one made from the
current models compare equal exactly when they have the same schema.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from peewee import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "release-f4c2b56"
#: the Fernet key and the admin's password of the release fixture (test data)
FIXTURE_SECRETS_KEY = "ZNJkJxUlByTNzoSRFfHvT73yrHtaxATRhIwxYs2i2Tc="
FIXTURE_ADMIN_PASSWORD = "release-admin-password"
FIXTURE_NODE_TOKEN = "release-node-token"
VERSION_TABLE = "schema_version"


def schema_of(db: Database) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """Every table but ``schema_version``: its columns, indexes and foreign keys, sorted."""
    with db.connection_context():
        return {table: {
            "columns": sorted((c.name, c.data_type.lower(), c.null, c.primary_key)
                              for c in db.get_columns(table)),
            "indexes": sorted((i.name, tuple(i.columns), i.unique)
                              for i in db.get_indexes(table)),
            "foreign_keys": sorted((f.column, f.dest_table, f.dest_column)
                                   for f in db.get_foreign_keys(table)),
        } for table in sorted(db.get_tables()) if table != VERSION_TABLE}


def rows_of(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table but ``schema_version``, as column -> value, in key order."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with db.connection_context():
        for table in sorted(db.get_tables()):
            if table == VERSION_TABLE:
                continue
            cursor = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608
            names = [d[0] for d in cursor.description]
            rows[table] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return rows


def versions_of(db: Database) -> list[tuple[int, str]]:
    with db.connection_context():
        return [(int(n), str(name)) for n, name in db.execute_sql(
            'SELECT "number", "name" FROM "schema_version" ORDER BY "number"').fetchall()]


def copy_fixture(name: str, into: Path) -> Path:
    """A private copy of one of the release's SQLite files (``backend.db``...)."""
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = into / name
    shutil.copyfile(FIXTURES / name, target)
    target.chmod(0o600)
    return target


def load_dump(url: str, name: str) -> None:
    """Run one of the release's PostgreSQL dumps (``backend.sql``...) in the database at
    ``url``."""
    import psycopg2  # type: ignore[import-untyped]

    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute((FIXTURES / name).read_text())
    finally:
        conn.close()
