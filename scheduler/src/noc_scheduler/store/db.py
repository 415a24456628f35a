"""The database chosen by URL, and the two primitives every writer uses: a write
transaction and a row claim that two scheduler processes never share.

SQLite: WAL, a busy timeout, and ``BEGIN IMMEDIATE`` for every transaction, so a
read-then-write never fails with "database is locked". PostgreSQL: ordinary transactions,
rows claimed with ``SELECT ... FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peewee import SQL, Database, DatabaseProxy, Field, PostgresqlDatabase, Value, fn
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from noc_contracts import jsontext
from noc_contracts.database_url import DatabaseUrlError, parse_database_url
from noc_scheduler.core.config import DEFAULT_POOL_SIZE
from noc_scheduler.core.errors import ConfigError

logger = logging.getLogger(__name__)

SQLITE_PRAGMAS = {"journal_mode": "wal", "busy_timeout": 30_000, "foreign_keys": 1,
                  "synchronous": "normal"}


def open_database(url: str, pool_size: int = DEFAULT_POOL_SIZE) -> Database:
    """A Peewee database for ``sqlite:///path`` or ``postgresql://user:pass@host:port/name``
    (the URL rule of every layer: percent-encoded user and password); PostgreSQL through a
    pool of up to ``pool_size`` connections, SQLite through an unbounded one, so an operation
    reuses a connection instead of opening a session or the file."""
    try:
        parsed = parse_database_url(url)
    except DatabaseUrlError as exc:
        raise ConfigError(str(exc)) from None
    if parsed.kind == "sqlite":
        Path(parsed.path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # pooled too: reopening the file and setting its pragmas per operation cost more
        # than the operation; unbounded (each thread holds at most one), idle ones close
        sqlite: Database = PooledSqliteDatabase(
            parsed.path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", timeout=30,
            max_connections=0, stale_timeout=300, check_same_thread=False)
        return sqlite
    pool: Database = PooledPostgresqlDatabase(max_connections=pool_size, stale_timeout=300,
                                              timeout=30, **parsed.connect)
    return pool


def close_database(db: Database) -> None:
    """Close this thread's connection and every idle one of the pool ``open_database`` made."""
    if not db.is_closed():
        db.close()
    close_all = getattr(db, "close_all", None)
    if close_all is not None:
        close_all()


def is_postgres(db: Database | DatabaseProxy) -> bool:
    if isinstance(db, DatabaseProxy):
        db = db.obj
    return isinstance(db, PostgresqlDatabase)


def claim(query: Any, db: Database | DatabaseProxy, of: Any = None) -> Any:
    """Lock the selected rows for this transaction; on PostgreSQL skip rows others hold.

    ``of``: the model whose rows to lock when the query joins others. On SQLite the
    surrounding ``BEGIN IMMEDIATE`` already serialises writers.
    """
    if is_postgres(db):
        return query.for_update(skip_locked=True, of=of)
    return query


def lock(query: Any, db: Database | DatabaseProxy, of: Any = None) -> Any:
    """Lock the selected rows, waiting for other holders (use where skipping would lie);
    ``of``: the model whose rows to lock when the query joins others."""
    if is_postgres(db):
        return query.for_update(of=of)
    return query


def lock_no_key(query: Any, db: Database | DatabaseProxy) -> Any:
    """Lock a parent row against other updaters but not against foreign-key checks.

    Rows that reference it (host runs, steps, events) take ``KEY SHARE`` on it as they are
    written; ``FOR UPDATE`` would conflict with those and deadlock two writers of one
    execution, ``FOR NO KEY UPDATE`` does not.
    """
    if is_postgres(db):
        return query.for_update("FOR NO KEY UPDATE")
    return query


def among(field: Field, values: Iterable[Any], db: Database | DatabaseProxy) -> Any:
    """``field IN values`` as one parameter however many values (ids, names, task ids):
    Peewee builds SQL for a list of values one node per value, which for the hundreds of hosts
    of one result or one advance cost more than running the query. PostgreSQL compares with
    ``= ANY`` of an array, SQLite with the values of a JSON array (``json_each``)."""
    listed = list(values)
    if is_postgres(db):
        return field == fn.ANY(Value(listed, converter=False, unpack=False))
    return field.in_(SQL("(SELECT value FROM json_each(?))", [jsontext.dumps(listed)]))


def seconds_after(moment: Field, seconds: Any, db: Database | DatabaseProxy) -> Any:
    """SQL for ``moment + seconds`` as a number both engines compare alike (Julian days on
    SQLite, epoch seconds on PostgreSQL); compare it with ``seconds_after`` of another."""
    if is_postgres(db):
        return fn.date_part("epoch", moment) + seconds
    return fn.julianday(moment) + seconds / 86400.0


def moment_value(when: Any, db: Database | DatabaseProxy) -> Any:
    """``when`` (a naive UTC datetime) in the unit of ``seconds_after``."""
    if is_postgres(db):
        return fn.date_part("epoch", Value(when))
    return fn.julianday(Value(when))
