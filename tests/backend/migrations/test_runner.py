"""The migration runner on SQLite and PostgreSQL: each step applied once and recorded, a failed
step leaves nothing, a newer database is refused, and two migrating at once take turns.

The steps here are the test's own: each writes a row to ``step_log`` (not idempotent, so a
step applied twice shows as two rows) and sleeps a little, so two racing migrations overlap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from peewee import Database

from noc_backend.core.db import close_database, make_database
from noc_backend.migrations import DatabaseTooNew, MigrationError, Step, applied_steps
from noc_backend.migrations.runner import migrate
from tests.support.services import postgres_database

LOCK = "noc_backend.migrations.tests"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
    else:
        with postgres_database() as pg:
            yield pg


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = make_database(url)
    yield database
    close_database(database)


def _logging(number: int, name: str, pause_s: float = 0.0) -> Step:
    def apply(db: Database) -> None:
        db.execute_sql('CREATE TABLE IF NOT EXISTS "step_log" ("step" INTEGER NOT NULL)')
        db.execute_sql(f'INSERT INTO "step_log" VALUES ({number})')  # noqa: S608
        time.sleep(pause_s)
    return Step(number, name, apply)


def _failing(number: int) -> Step:
    def apply(db: Database) -> None:
        db.execute_sql('CREATE TABLE "half_done" ("x" INTEGER)')
        db.execute_sql('ALTER TABLE "no_such_table" ADD COLUMN "y" INTEGER')
    return Step(number, "broken", apply)


def _log(db: Database) -> list[int]:
    with db.connection_context():
        return [n for (n,) in db.execute_sql('SELECT "step" FROM "step_log" ORDER BY 1')]


def test_each_step_is_applied_once_and_recorded(db: Database) -> None:
    steps = [_logging(1, "first"), _logging(2, "second")]
    before = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=2)
    assert [s.label for s in migrate(db, steps, LOCK)] == ["0001_first", "0002_second"]
    assert migrate(db, steps, LOCK) == []
    assert _log(db) == [1, 2]
    recorded = applied_steps(db)
    assert [(r.number, r.name) for r in recorded] == [(1, "first"), (2, "second")]
    assert all(before <= r.applied_at <= before + timedelta(seconds=60) for r in recorded)


def test_a_later_step_is_applied_on_top_of_the_recorded_ones(db: Database) -> None:
    migrate(db, [_logging(1, "first")], LOCK)
    applied = migrate(db, [_logging(1, "first"), _logging(2, "second")], LOCK)
    assert [s.label for s in applied] == ["0002_second"]
    assert _log(db) == [1, 2]


def test_a_failed_step_leaves_nothing_and_is_not_recorded(db: Database) -> None:
    with pytest.raises(MigrationError, match="step 0002_broken failed"):
        migrate(db, [_logging(1, "first"), _failing(2)], LOCK)
    assert [r.number for r in applied_steps(db)] == [1]  # the step before it stays
    with db.connection_context():
        assert not db.table_exists("half_done")
    fixed = migrate(db, [_logging(1, "first"), _logging(2, "fixed")], LOCK)
    assert [s.label for s in fixed] == ["0002_fixed"]


def test_a_database_a_newer_release_migrated_is_refused(db: Database) -> None:
    migrate(db, [_logging(1, "first"), _logging(2, "second")], LOCK)
    with pytest.raises(DatabaseTooNew, match=r"0002_second, newer than this release knows "
                                             r"\(up to 0001\)"):
        migrate(db, [_logging(1, "first")], LOCK)
    assert _log(db) == [1, 2]


def test_migrating_inside_a_transaction_is_refused(db: Database) -> None:
    with db.connection_context(), db.atomic(), pytest.raises(MigrationError, match="outside"):
        migrate(db, [_logging(1, "first")], LOCK)


def test_two_migrating_at_once_apply_each_step_once(url: str) -> None:
    """Each thread has its own database object and connection; both start together, on a
    database whose version table exists (so creating it does not order them)."""
    steps = [_logging(1, "first", pause_s=0.3), _logging(2, "second", pause_s=0.3)]
    first = make_database(url)
    assert migrate(first, [], LOCK) == []
    close_database(first)
    start = threading.Barrier(2)
    applied: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        database = make_database(url)
        try:
            start.wait()
            applied.append([s.label for s in migrate(database, steps, LOCK)])
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            close_database(database)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(label for labels in applied for label in labels) == ["0001_first",
                                                                        "0002_second"]
    check = make_database(url)
    try:
        assert _log(check) == [1, 2]
        assert [r.number for r in applied_steps(check)] == [1, 2]
    finally:
        close_database(check)


def test_the_step_modules_are_numbered_in_order() -> None:
    from noc_backend.migrations import STEP_MODULES, steps

    folder = Path(__file__).resolve().parents[3] / "backend/src/noc_backend/migrations"
    on_disk = sorted(p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert list(STEP_MODULES) == on_disk
    assert [s.number for s in steps()] == list(range(1, len(on_disk) + 1))
