"""``noc-scheduler migrate``: apply the pending schema steps and say which, or "up to date"."""

from __future__ import annotations

import sys

from peewee import DatabaseError

from noc_contracts.checks import without_password
from noc_contracts.config_file import settings_sources
from noc_scheduler.core.config import load_settings
from noc_scheduler.migrations import MigrationError, applied_steps, migrate_database
from noc_scheduler.store.db import close_database, open_database


def migrate(config: str | None) -> int:
    """Exit status 0 when the schema is up to date, 1 when migrating failed or the database
    is newer than this release (bad settings raise ``ConfigError``: the CLI exits 2)."""
    settings = load_settings(**settings_sources(config))
    db = open_database(settings.database_url, pool_size=1)
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
    """Tell why the schema could not be brought up to date, as ``migrate`` and the start-up
    migration of ``serve`` and ``nodes`` all do (never a traceback); exit status 1."""
    if isinstance(exc, MigrationError):
        problem = str(exc)
    else:  # unreachable, refused, or a right missing (CREATE ...)
        problem = (f"cannot use the database {without_password(url)} "
                   f"(NOC_SCHEDULER_DATABASE_URL): {exc}").rstrip()
    print(f"noc-scheduler: {command}: {problem}", file=sys.stderr)
    return 1
