"""``noc-backend migrate``: apply the pending schema steps and say which, or "up to date"."""

from __future__ import annotations

import sys

from peewee import DatabaseError

from noc_backend.cli_support import CommandRefused, load_settings, refuse
from noc_backend.core.db import DatabaseUrlError, close_database, make_database
from noc_backend.migrations import MigrationError, applied_steps, migrate_database
from noc_contracts.checks import without_password


def migrate(config: str | None) -> int:
    """Exit status 0 when the schema is up to date; 2 for bad settings, 1 when migrating
    failed or the database is newer than this release."""
    try:
        settings = load_settings(config)
        try:
            db = make_database(settings.database_url)
        except DatabaseUrlError as exc:
            raise refuse(f"NOC_BACKEND_DATABASE_URL: {exc}") from exc
    except CommandRefused:
        return 2
    try:
        applied = migrate_database(db)
        current = applied_steps(db)
    except (MigrationError, DatabaseError) as exc:
        return migration_failed("migrate", exc, settings.database_url)
    finally:
        close_database(db)
    for step in applied:
        print(f"applied {step.label}")
    if not applied:
        last = current[-1]
        print(f"up to date: {last.number:04d}_{last.name}")
    return 0


def migration_failed(command: str, exc: MigrationError | DatabaseError, url: str) -> int:
    """Tell why the schema could not be brought up to date, as ``migrate`` and ``serve``'s
    start-up migration both do (never a traceback); exit status 1."""
    if isinstance(exc, MigrationError):
        problem = str(exc)
    else:  # unreachable, refused, or a right missing (CREATE ...)
        problem = (f"cannot use the database {without_password(url)} "
                   f"(NOC_BACKEND_DATABASE_URL): {exc}").rstrip()
    print(f"noc-backend: {command}: {problem}", file=sys.stderr)
    return 1
