"""``noc-node migrate``: apply the pending schema steps of the node's database and say which,
or "up to date"."""

from __future__ import annotations

import sys
from pathlib import Path

from peewee import DatabaseError

from noc_node.core.config import Settings
from noc_node.core.db import NODE_DB, connect_sqlite
from noc_node.migrations import MigrationError, applied_steps, migrate_database


def migrate(settings: Settings) -> int:
    """Exit status 0 when the schema is up to date; 1 when migrating failed or the database
    is newer than this release."""
    path = settings.data_dir / NODE_DB
    try:
        db = connect_sqlite(path)  # makes the data folder (0700) when it is not there
    except OSError as exc:
        print(f"noc-node: migrate: NOC_NODE_DATA_DIR {settings.data_dir}: {exc.strerror}",
              file=sys.stderr)
        return 1
    try:
        applied = migrate_database(db)
        current = applied_steps(db)
    except (MigrationError, DatabaseError) as exc:
        return migration_failed("migrate", exc, path)
    finally:
        db.close_all()
    for step in applied:
        print(f"applied {step.label}")
    if not applied:
        last = current[-1]
        print(f"up to date: {last.number:04d}_{last.name}")
    return 0


def migration_failed(command: str, exc: MigrationError | DatabaseError, path: Path) -> int:
    """Tell why the database at ``path`` could not be brought up to date, as ``migrate`` and
    ``serve``'s start-up migration both do (never a traceback); exit status 1."""
    # a database error: unreadable, not a database, read-only...
    problem = f"{path}: {exc}" if isinstance(exc, MigrationError) else f"cannot use {path}: {exc}"
    print(f"noc-node: {command}: {problem}", file=sys.stderr)
    return 1
