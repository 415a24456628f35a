"""``noc-backend check [--config FILE]``: the settings are valid, the database answers and
its schema is migrated, and every scheduler of ``NOC_BACKEND_SCHEDULER_URL`` answers and
takes ``NOC_BACKEND_SCHEDULER_TOKEN``. One line per check; exit 0 when all pass, 1 when one
fails, 2 when the settings (or the config file) are wrong and nothing else could be checked.
A ``NOC_BACKEND_*`` name in the config file or the environment that is no setting (the settings
ignore it) fails as ``unknown setting``, naming the closest setting."""

from __future__ import annotations

import ssl
from functools import partial

import httpx
from peewee import Database

from noc_backend.checks.database import describe, open_checked
from noc_backend.checks.peer import TIMEOUT_S, check_peer
from noc_backend.core.config import ENV_PREFIX, Settings
from noc_backend.scheduler_client import tls_verify
from noc_contracts.checks import (
    CheckFailed,
    Checklist,
    checked_settings,
    schema_state,
)


def _schema(db: Database) -> str:
    from noc_backend.migrations import applied_steps, steps

    return schema_state({step.number: step.label for step in steps()},
                        {row.number for row in applied_steps(db)}, f"{ENV_PREFIX}DATABASE_URL",
                        "backend")


def _token(url: str, settings: Settings, verify: ssl.SSLContext | bool) -> str:
    token = settings.scheduler_token
    if token is None:
        raise CheckFailed(f"{ENV_PREFIX}SCHEDULER_TOKEN is unset: the scheduler refuses "
                          "the backend's calls")
    try:
        response = httpx.get(f"{url}/internal/v1/nodes", timeout=TIMEOUT_S, verify=verify,
                             headers={"Authorization": f"Bearer {token.get_secret_value()}"})
    except httpx.HTTPError as exc:
        raise CheckFailed(f"{ENV_PREFIX}SCHEDULER_URL: {url} unreachable "
                          f"({type(exc).__name__})") from None
    if response.status_code in (401, 403):
        raise CheckFailed(f"{ENV_PREFIX}SCHEDULER_TOKEN: refused by {url} "
                          f"({response.status_code}): not the scheduler's API token")
    if response.status_code != 200:
        raise CheckFailed(f"{ENV_PREFIX}SCHEDULER_URL: {url} answered {response.status_code} "
                          "to an authenticated call")
    return f"{url} takes it"


def check(config: str | None, checks: Checklist | None = None) -> int:
    checks = checks or Checklist()
    settings = checked_settings(checks, Settings, ENV_PREFIX, Settings.model_fields, config)
    if settings is None:
        return 2
    opened: list[Database] = []

    def database() -> str:
        opened.append(open_checked(settings.database_url, f"{ENV_PREFIX}DATABASE_URL",
                                   "backend"))
        return describe(opened[0])

    try:
        if checks.run("database", database):
            checks.run("schema", lambda: _schema(opened[0]))
    finally:
        for db in opened:
            db.close()
    verify = tls_verify(settings)
    for url in settings.scheduler_urls:
        if checks.run("scheduler", partial(check_peer, url, "scheduler",
                                           f"{ENV_PREFIX}SCHEDULER_URL", verify)):
            checks.run("scheduler token", partial(_token, url, settings, verify))
    return checks.exit_code()
