"""The node's small local SQLite database (task records and the result outbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playhouse.pool import PooledSqliteDatabase


def open_sqlite(path: Path) -> Any:
    """WAL SQLite whose transactions start with ``BEGIN IMMEDIATE`` (writers never deadlock),
    its connections pooled: opening the file, setting its pragmas and closing it (a WAL
    checkpoint) per host result cost more than recording the result. Unbounded (each thread
    holds at most one); idle ones close after 5 minutes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return PooledSqliteDatabase(str(path), lock_type="IMMEDIATE", pragmas={
        "journal_mode": "wal", "busy_timeout": 10_000, "synchronous": "normal"},
        max_connections=0, stale_timeout=300, check_same_thread=False)
