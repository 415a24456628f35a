"""Apply numbered schema steps once each, recording them in the ``schema_version`` table.

Every step runs in its own transaction together with its ``schema_version`` row, so a step is
either applied and recorded or neither. Before it reads what is applied, that transaction
takes the migration lock: ``pg_advisory_xact_lock`` on PostgreSQL, ``BEGIN IMMEDIATE`` (the
write lock) on SQLite. Two processes migrating at once therefore take turns, and the second
finds the first's steps recorded and applies none of them again.

SQLite cannot alter a column in place: peewee rebuilds the table (a copy replaces the original,
which is dropped), and with foreign keys enforced that drop deletes every row pointing at the
table through ``ON DELETE CASCADE``. So on SQLite each step runs with enforcement off, as
SQLite's own recipe for altering a table says, and every reference is checked before commit.

(The same text in every layer, kept equal by ``tests/contracts/test_layer_copies.py``: the
layers share no database code.)
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from peewee import Database, DatabaseError, PostgresqlDatabase, SqliteDatabase, Table

logger = logging.getLogger(__name__)

VERSION_TABLE = "schema_version"
_CREATE_VERSION_TABLE = (
    f'CREATE TABLE IF NOT EXISTS "{VERSION_TABLE}" ("number" INTEGER NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(200) NOT NULL, "applied_at" TIMESTAMP NOT NULL)')
_VERSIONS = Table(VERSION_TABLE)


class MigrationError(Exception):
    """The schema could not be brought up to date; nothing of the failing step was kept."""


class DatabaseTooNew(MigrationError):
    """The database records a step this code does not know: a newer release migrated it."""


@dataclass(frozen=True)
class Step:
    """One numbered schema change; ``apply`` runs inside the migration transaction."""

    number: int
    name: str
    apply: Callable[[Database], None]

    @property
    def label(self) -> str:
        return f"{self.number:04d}_{self.name}"


@dataclass(frozen=True)
class Applied:
    """A row of ``schema_version``."""

    number: int
    name: str
    applied_at: datetime


def load_steps(package: str, modules: Sequence[str]) -> list[Step]:
    """The steps of ``package``'s modules named ``NNNN_name``, which must number 1, 2, 3...
    Each module has ``apply(db)``."""
    steps = []
    for expected, module_name in enumerate(modules, start=1):
        number, _, name = module_name.partition("_")
        if not number.isdigit() or int(number) != expected or not name:
            raise MigrationError(f"{package}.{module_name}: steps are named 0001_name, "
                                 f"0002_name... in order (expected {expected:04d})")
        module = importlib.import_module(f"{package}.{module_name}")
        steps.append(Step(expected, name, module.apply))
    return steps


def applied_steps(db: Database) -> list[Applied]:
    """What ``schema_version`` records, oldest first ([] before the first migration)."""
    with db.connection_context():
        if not db.table_exists(VERSION_TABLE):
            return []
        return _read_applied(db)


def migrate(db: Database, steps: Sequence[Step], lock_name: str) -> list[Step]:
    """Apply every step not recorded yet, in order; returns those this call applied.

    Raises ``DatabaseTooNew`` when the database records a step newer than ``steps`` (nothing
    is changed), ``MigrationError`` when a step fails (earlier steps stay applied).
    ``lock_name`` names the PostgreSQL advisory lock (one per layer).
    """
    done: list[Step] = []
    with db.connection_context():
        if db.transaction_depth() > 0:
            raise MigrationError("migrations run outside any transaction")
        while (step := _apply_next(db, steps, lock_name)) is not None:
            done.append(step)
    return done


def _apply_next(db: Database, steps: Sequence[Step], lock_name: str) -> Step | None:
    with _references_unenforced(db), _locked_transaction(db, lock_name):
        # only when missing: PostgreSQL refuses even CREATE TABLE IF NOT EXISTS of an existing
        # table to a role without CREATE on the schema, which an up-to-date database needs not
        if not db.table_exists(VERSION_TABLE):
            _sql(db, _CREATE_VERSION_TABLE)
        recorded = {row.number: row for row in _read_applied(db)}
        newest = max(recorded, default=0)
        known = steps[-1].number if steps else 0
        if newest > known:
            row = recorded[newest]
            raise DatabaseTooNew(
                f"the database is at schema step {row.number:04d}_{row.name}, newer than "
                f"this release knows (up to {known:04d}): it was migrated by a newer "
                "release; run that release, or restore the backup taken before the upgrade")
        step = next((s for s in steps if s.number not in recorded), None)
        if step is None:
            return None
        try:
            step.apply(db)
            _check_references(db)
        except DatabaseError as exc:
            raise MigrationError(f"step {step.label} failed, nothing of it was kept: "
                                 f"{exc}") from exc
        _VERSIONS.insert({_VERSIONS.c.number: step.number, _VERSIONS.c.name: step.name,
                          _VERSIONS.c.applied_at: _now_text()}).execute(db)
    logger.info("schema step %s applied", step.label)
    return step


@contextmanager
def _locked_transaction(db: Database, lock_name: str) -> Iterator[None]:
    """A write transaction no other migrating process shares until it ends."""
    if isinstance(db, PostgresqlDatabase):
        with db.atomic():
            _sql(db, "SELECT pg_advisory_xact_lock(hashtext(%s))", (lock_name,))
            yield
    elif isinstance(db, SqliteDatabase):
        with db.atomic(lock_type="IMMEDIATE"):
            yield
    else:  # pragma: no cover - the layers open SQLite or PostgreSQL only
        raise MigrationError(f"no migration lock for {type(db).__name__}")


def _read_applied(db: Database) -> list[Applied]:
    columns = _VERSIONS.c
    rows = (_VERSIONS.select(columns.number, columns.name, columns.applied_at)
            .order_by(columns.number).tuples().execute(db))
    return [Applied(int(number), str(name), _as_datetime(at)) for number, name, at in rows]


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _now_text() -> str:
    """Naive UTC, as text both engines store in a TIMESTAMP column."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def _check_references(db: Database) -> None:
    if isinstance(db, SqliteDatabase) and _sql(db, "PRAGMA foreign_key_check").fetchone():
        raise DatabaseError("the step left a row pointing at a row that does not exist")


@contextmanager
def _references_unenforced(db: Database) -> Iterator[None]:
    """SQLite's foreign keys off on this connection, then back as they were (a pragma is set
    outside any transaction: inside one SQLite ignores it)."""
    if not isinstance(db, SqliteDatabase):
        yield
        return
    enforced = db.pragma("foreign_keys")
    db.pragma("foreign_keys", 0)
    try:
        yield
    finally:
        db.pragma("foreign_keys", enforced)


def _sql(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
