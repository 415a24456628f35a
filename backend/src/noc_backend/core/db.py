"""The database, chosen by URL: a WAL SQLite file (writers ``BEGIN IMMEDIATE``) or PostgreSQL.

Models bind to ``database_proxy``; ``open_database`` initialises it (one backend app per process).
Peewee connections are per thread, so each endpoint opens its own with ``db.connection_context()``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from peewee import Database, DatabaseProxy
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from noc_backend.core.private_files import private_sqlite
from noc_contracts.database_url import DatabaseUrlError, parse_database_url

__all__ = ["DatabaseUrlError", "close_database", "database_proxy", "make_database",
           "open_database"]

logger = logging.getLogger(__name__)

database_proxy = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "normal",
}


def make_database(url: str) -> Database:
    """A peewee database for ``url`` (``sqlite:///path`` or ``postgresql://...``), not connected.

    The URL rule every layer shares (``noc_contracts.database_url``: percent-encoded user and
    password); both through a connection pool, so an operation reuses an open connection
    instead of opening the file (and setting its pragmas) or a session each time.
    """
    parsed = parse_database_url(url)
    if parsed.kind == "sqlite":
        private_sqlite(Path(parsed.path))
        # unbounded: each thread holds at most one; idle ones close after 5 minutes
        sqlite: Database = PooledSqliteDatabase(
            parsed.path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", timeout=10,
            max_connections=0, stale_timeout=300, check_same_thread=False)
        return sqlite
    pool: Database = PooledPostgresqlDatabase(max_connections=32, stale_timeout=300, timeout=10,
                                    **parsed.connect)
    return pool


def open_database(url: str) -> Database:
    """Create the database for ``url``, bind the models to it and apply the pending schema
    steps (``noc_backend.migrations``: tables, columns, the audit table's triggers)."""
    from noc_backend.migrations import migrate_database

    db = make_database(url)
    database_proxy.initialize(db)
    try:
        migrate_database(db)
    except Exception:
        close_database(db)
        raise
    logger.info("database ready (%s)", urlsplit(url).scheme)
    return db


def close_database(db: Database) -> None:
    """Close this thread's connection and, for a pool, every idle pooled connection."""
    if not db.is_closed():
        db.close()
    close_all = getattr(db, "close_all", None)
    if close_all is not None:
        close_all()
