"""The node's small local SQLite database (task records and the result outbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playhouse.pool import PooledSqliteDatabase

#: the node's database in its data folder (``NOC_NODE_DATA_DIR``)
NODE_DB = "node.db"


def connect_sqlite(path: Path) -> Any:
    """WAL SQLite whose transactions start with ``BEGIN IMMEDIATE`` (writers never deadlock),
    its connections pooled: opening the file, setting its pragmas and closing it (a WAL
    checkpoint) per host result cost more than recording the result. Unbounded (each thread
    holds at most one); idle ones close after 5 minutes. Not migrated: see ``open_sqlite``."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return PooledSqliteDatabase(str(path), lock_type="IMMEDIATE", pragmas={
        "journal_mode": "wal", "busy_timeout": 10_000, "synchronous": "normal"},
        max_connections=0, stale_timeout=300, check_same_thread=False)


def open_sqlite(path: Path) -> Any:
    """The database at ``path`` with its pending schema steps applied
    (``noc_node.migrations``): the tables the stores use are there."""
    from noc_node.migrations import migrate_database

    db = connect_sqlite(path)
    try:
        migrate_database(db)
    except Exception:
        db.close_all()
        raise
    return db
