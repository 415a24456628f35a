"""What every admin command does first: read the settings and open the database, telling the
admin what is wrong (exit status 2) instead of a traceback."""

from __future__ import annotations

import sys

from peewee import Database
from pydantic import ValidationError

from noc_backend.core.config import ENV_PREFIX, Settings
from noc_backend.core.db import DatabaseUrlError, open_database
from noc_contracts.config_file import ConfigFileError, settings_sources


class CommandRefused(Exception):
    """Already told to the admin on stderr; the command exits 2 with nothing changed."""


def refuse(message: str) -> CommandRefused:
    print(f"noc-backend: {message}", file=sys.stderr)
    return CommandRefused(message)


def configuration_errors(exc: ValidationError) -> CommandRefused:
    """One line per problem, naming its ``NOC_BACKEND_*`` setting."""
    for err in exc.errors():
        name = f"{ENV_PREFIX}{err['loc'][0]}".upper() + ": " if err["loc"] else ""
        print(f"noc-backend: configuration error: {name}{err['msg']}", file=sys.stderr)
    return CommandRefused("configuration error")


def load_settings(config: str | None = None) -> Settings:
    """The settings from the environment and ``config`` (``--config FILE``), if given."""
    try:
        return Settings(**settings_sources(config))
    except ConfigFileError as exc:
        raise refuse(str(exc)) from exc
    except ValidationError as exc:
        raise configuration_errors(exc) from exc


def open_configured_database(settings: Settings) -> Database:
    try:
        return open_database(settings.database_url)
    except DatabaseUrlError as exc:
        raise refuse(f"NOC_BACKEND_DATABASE_URL: {exc}") from exc
