"""History retention (SQLite and PostgreSQL): finished executions older than the window go with
their hosts, steps and events, at most a batch of rows per transaction; newer and running ones
and the audit log stay; the app's lifespan prunes on its own."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.models import AuditEntry, EventRecord, Execution, ExecutionHost, StepRun
from noc_backend.services.retention import prune_history
from tests.backend.conftest import AppFactory
from tests.support.deletes import DeletesPerTransaction

NOW = datetime(2031, 6, 1, tzinfo=UTC)
BATCH = 5


@pytest.fixture
def db(settings: Settings) -> Iterator[Any]:
    database = open_database(settings.database_url)
    yield database
    close_database(database)


def add_execution(execution_id: str, status: str, ended_days_ago: float | None,
                  hosts: int = 3, now: datetime = NOW) -> None:
    """An execution with ``hosts`` hosts, two steps and three events per host."""
    started = now - timedelta(days=(ended_days_ago or 0) + 1)
    finished = None if ended_days_ago is None else now - timedelta(days=ended_days_ago)
    Execution.create(id=execution_id, status=status, started_at=started, finished_at=finished)
    names = [f"h{i}" for i in range(hosts)]
    ExecutionHost.insert_many([{"execution": execution_id, "host": n} for n in names]).execute()
    StepRun.insert_many([{"execution": execution_id, "host": n, "step_id": s, "status": "ok"}
                         for n in names for s in ("a", "b")]).execute()
    EventRecord.insert_many([{"event_id": f"{execution_id}-{n}-{i}",
                              "execution_id": execution_id, "type": "step_started",
                              "at": started, "payload": {}}
                             for n in names for i in range(3)]).execute()


def rows_of(execution_id: str) -> tuple[int, int, int, int]:
    return (Execution.select().where(Execution.id == execution_id).count(),
            ExecutionHost.select().where(ExecutionHost.execution == execution_id).count(),
            StepRun.select().where(StepRun.execution == execution_id).count(),
            EventRecord.select().where(EventRecord.execution_id == execution_id).count())


def test_old_finished_executions_go_in_bounded_batches(db: Any) -> None:
    with db.connection_context():
        for i in range(4):
            add_execution(f"old-{i}", "success", 120 + i, hosts=7)
        add_execution("old-missed", "missed", 95, hosts=0)
        add_execution("old-failed", "failed", 91, hosts=1)
        add_execution("old-running", "running", None)  # started 400 days ago, still on
        Execution.update(started_at=NOW - timedelta(days=400)).where(
            Execution.id == "old-running").execute()
        add_execution("new-partial", "partial", 89)
        AuditEntry.create(at=NOW - timedelta(days=1_000), actor_username="a", actor_kind="cli",
                          action="run.launch")
        gone = [f"old-{i}" for i in range(4)] + ["old-missed", "old-failed"]
        assert prune_history(days=0, batch=BATCH, now=NOW) == 0  # 0 keeps everything
        assert all(rows_of(e)[0] == 1 for e in gone)
        with DeletesPerTransaction(db) as deletes:
            assert prune_history(days=90, batch=BATCH, now=NOW) == len(gone)
        assert [rows_of(e) for e in gone] == [(0, 0, 0, 0)] * len(gone)
        assert rows_of("old-running") == (1, 3, 6, 9) and rows_of("new-partial") == (1, 3, 6, 9)
        assert AuditEntry.select().count() == 1
        assert prune_history(days=90, batch=BATCH, now=NOW) == 0
    # 4 x 7 hosts: 28 hosts, 56 steps, 84 events, 6 executions: never more than BATCH at once
    assert sum(deletes.committed) == 28 + 56 + 84 + (1 + 2 + 3) + 6
    assert max(deletes.committed) <= BATCH, deletes.committed
    assert len([n for n in deletes.committed if n]) >= (28 + 56 + 84) // BATCH


def test_the_app_prunes_on_its_own(make_client: AppFactory) -> None:
    client = make_client(history_retention_days=30, history_prune_interval_s=0.1)
    db = client.app.state.services.db  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    with db.connection_context(), db.atomic():  # whole, as the pruner may look at any time
        add_execution("stale", "cancelled", 31, now=now)
        add_execution("fresh", "success", 29, now=now)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with db.connection_context():
            if rows_of("stale") == (0, 0, 0, 0):
                break
        time.sleep(0.05)
    with db.connection_context():
        assert rows_of("stale") == (0, 0, 0, 0)
        assert rows_of("fresh") == (1, 3, 6, 9)


def test_retention_zero_keeps_history_forever(make_client: AppFactory) -> None:
    client = make_client(history_retention_days=0, history_prune_interval_s=0.05)
    db = client.app.state.services.db  # type: ignore[attr-defined]
    with db.connection_context():
        add_execution("ancient", "success", 10_000, now=datetime.now(UTC))
    time.sleep(0.3)
    with db.connection_context():
        assert rows_of("ancient") == (1, 3, 6, 9)
