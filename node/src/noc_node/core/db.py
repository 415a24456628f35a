"""The node's small local SQLite database (task records and the result outbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peewee import SqliteDatabase


def open_sqlite(path: Path) -> Any:
    """WAL SQLite whose transactions start with ``BEGIN IMMEDIATE`` (writers never deadlock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(str(path), lock_type="IMMEDIATE", pragmas={
        "journal_mode": "wal", "busy_timeout": 10_000, "synchronous": "normal"})
