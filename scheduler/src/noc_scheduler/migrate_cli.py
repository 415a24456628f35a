"""``noc-scheduler migrate``: apply the pending schema steps and say which, or "up to date"."""

from __future__ import annotations

import sys

from peewee import DatabaseError

from noc_contracts.checks import without_password
from noc_contracts.config_file import settings_sources
from noc_scheduler.core.config import load_settings
from noc_scheduler.migrations import MigrationError, applied_steps, migrate_database
from noc_scheduler.store.db import open_database


def migrate(config: str | None) -> int:
    """Exit status 0 when the schema is up to date, 1 when migrating failed or the database
    is newer than this release (bad settings raise ``ConfigError``: the CLI exits 2)."""
    settings = load_settings(**settings_sources(config))
    db = open_database(settings.database_url, pool_size=1)
    try:
        applied = migrate_database(db)
        current = applied_steps(db)
    except MigrationError as exc:
        print(f"noc-scheduler: migrate: {exc}", file=sys.stderr)
        return 1
    except DatabaseError as exc:  # unreachable, refused, or a right missing (CREATE ...)
        print(f"noc-scheduler: migrate: cannot use the database "
              f"{without_password(settings.database_url)} (NOC_SCHEDULER_DATABASE_URL): "
              f"{exc}".rstrip(), file=sys.stderr)
        return 1
    finally:
        if not db.is_closed():
            db.close()
        db.close_all()  # type: ignore[attr-defined]  # a pool's idle connections
    for step in applied:
        print(f"applied {step.label}")
    if not applied:
        last = current[-1]
        print(f"up to date: {last.number:04d}_{last.name}")
    return 0
