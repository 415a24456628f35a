"""``noc-scheduler check [--config FILE]``: the settings are valid, the database answers and
its schema is migrated, the queue is usable (a SQLite queue's file writable, Redis answering
PING), and the backend of ``NOC_SCHEDULER_BACKEND_URL`` answers. One line per check; exit 0
when all pass, 1 when one fails, 2 when the settings (or the config file) are wrong.
A ``NOC_SCHEDULER_*`` name in the config file or the environment that is no setting (the settings
ignore it) fails as ``unknown setting``, naming the closest setting."""

from __future__ import annotations

from functools import partial

from peewee import Database

from noc_contracts.checks import Checklist, checked_settings, schema_state
from noc_scheduler.checks.database import describe, open_checked
from noc_scheduler.checks.peer import check_peer
from noc_scheduler.checks.queue import check_queue
from noc_scheduler.core.config import ENV_PREFIX, Settings
from noc_scheduler.runtime import tls_verify


def _schema(db: Database) -> str:
    from noc_scheduler.migrations import applied_steps, steps

    return schema_state({step.number: step.label for step in steps()},
                        {row.number for row in applied_steps(db)}, f"{ENV_PREFIX}DATABASE_URL",
                        "scheduler")


def check(config: str | None, checks: Checklist | None = None) -> int:
    checks = checks or Checklist()
    settings = checked_settings(checks, Settings, ENV_PREFIX, Settings.model_fields, config)
    if settings is None:
        return 2
    opened: list[Database] = []

    def database() -> str:
        opened.append(open_checked(settings.database_url, f"{ENV_PREFIX}DATABASE_URL",
                                   "scheduler"))
        return describe(opened[0])

    try:
        if checks.run("database", database):
            checks.run("schema", lambda: _schema(opened[0]))
    finally:
        for db in opened:
            db.close()
    checks.run("queue", partial(check_queue, settings.queue_url, f"{ENV_PREFIX}QUEUE_URL"))
    verify = tls_verify(settings)
    checks.run("backend", partial(check_peer, settings.backend_url.rstrip("/"), "backend",
                                  f"{ENV_PREFIX}BACKEND_URL", verify))
    return checks.exit_code()
