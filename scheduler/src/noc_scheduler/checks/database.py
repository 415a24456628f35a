"""``check``'s look at a database URL: it parses, the database exists and a query runs on it.
Opened apart from the layer's pool, with a short connect timeout, and never created: a SQLite
file that is not there yet is a failed check (``migrate`` creates it). The same text in the
backend and the scheduler (a test keeps it so)."""

from __future__ import annotations

from pathlib import Path

from peewee import Database, PeeweeException, PostgresqlDatabase, SqliteDatabase

from noc_contracts.checks import CheckFailed
from noc_contracts.database_url import DatabaseUrlError, parse_database_url

TIMEOUT_S = 5


def open_checked(url: str, setting: str, layer: str) -> Database:
    """The database of ``url``, connected and answering; ``CheckFailed`` naming ``setting``."""
    try:
        parsed = parse_database_url(url)
    except DatabaseUrlError as exc:
        raise CheckFailed(f"{setting}: {exc}") from None
    db: Database
    if parsed.kind == "sqlite":
        if not Path(parsed.path).is_file():
            raise CheckFailed(f"{setting}: no database at {parsed.path} yet "
                              f"(noc-{layer} migrate creates it)")
        db = SqliteDatabase(parsed.path, timeout=TIMEOUT_S)
    else:
        db = PostgresqlDatabase(**{**parsed.connect, "connect_timeout": TIMEOUT_S})
    try:
        db.connect()
        db.execute_sql("SELECT 1")  # type: ignore[no-untyped-call]
    except PeeweeException as exc:
        db.close()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CheckFailed(f"{setting}: cannot connect: {reason}") from None
    return db


def describe(db: Database) -> str:
    if isinstance(db, SqliteDatabase):
        return f"SQLite {db.database} answers"
    return f"PostgreSQL database {db.database} answers"
