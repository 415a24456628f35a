"""History retention in the scheduler (SQLite and PostgreSQL): finished executions older than
the window go with their host runs and steps, and delivered events with them, at most a batch
of rows per transaction; running and newer executions and undelivered events stay."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import ResolvedRun
from noc_scheduler.flow.evaluator import InProcessEvaluator
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store import retention
from noc_scheduler.store.models import Execution, HostRun, OutboxEvent, Step, utcnow
from noc_scheduler.store.retention import RetentionLoop, prune_history
from tests.scheduler.conftest import make_settings
from tests.support.deletes import DeletesPerTransaction

BATCH = 4
HOSTS = 5


def run(hosts: int) -> ResolvedRun:
    return ResolvedRun.model_validate({
        "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
        "graph": {"nodes": [{"id": "a", "type": "task", "task": "ping"},
                            {"id": "e", "type": "end"}],
                  "edges": [{"from": "a", "to": "e", "on": "success"}], "start": "a"},
        "hosts": [{"name": f"h{i}", "address": "127.0.0.1"} for i in range(hosts)]})


@pytest.fixture
def rt(tmp_path: Path, database_url: str, request: pytest.FixtureRequest) -> Iterator[Runtime]:
    overrides: dict[str, Any] = getattr(request, "param", {})
    runtime = Runtime(make_settings(tmp_path, database_url, **overrides),
                      evaluator=InProcessEvaluator())
    runtime.create_tables()
    yield runtime
    runtime.close()


def add_execution(rt: Runtime, status: str, ended_days_ago: float | None) -> str:
    """An execution of HOSTS host runs, two steps each, ended (or not) that long ago."""
    now = utcnow()
    with rt.db.connection_context(), rt.db.atomic():
        execution, _ = create_execution(rt.box, run(HOSTS), schedule_id=None, run_vars={},
                                        check_mode=False, now=now)
        finished = None if ended_days_ago is None else now - timedelta(days=ended_days_ago)
        Execution.update(status=status, finished_at=finished).where(
            Execution.id == execution.id).execute()
        Step.insert_many([{"task_id": uuid.uuid4().hex, "host_run": h.id,
                           "execution_id": execution.id, "step_id": "a", "task_type": "ping",
                           "attempt": attempt, "params": {}, "timeout_s": 5, "status": "done"}
                          for h in HostRun.select().where(HostRun.execution == execution.id)
                          for attempt in (1, 2)]).execute()
    return str(execution.id)


def rows_of(rt: Runtime, execution_id: str) -> tuple[int, int, int]:
    with rt.db.connection_context():
        return (Execution.select().where(Execution.id == execution_id).count(),
                HostRun.select().where(HostRun.execution == execution_id).count(),
                Step.select().where(Step.execution_id == execution_id).count())


def add_events(rt: Runtime, count: int, delivered: datetime | None) -> list[int]:
    with rt.db.connection_context():
        return [OutboxEvent.create(event_id=uuid.uuid4().hex, payload={},
                                   delivered_at=delivered).id for _ in range(count)]


def test_old_finished_history_goes_in_bounded_batches(rt: Runtime) -> None:
    old = [add_execution(rt, status, 91 + i)
           for i, status in enumerate(("success", "failed", "partial", "cancelled"))]
    running = add_execution(rt, "running", None)
    recent = add_execution(rt, "success", 89)
    with rt.db.connection_context():
        OutboxEvent.update(delivered_at=utcnow()).execute()  # the runs' own events: recent
    delivered_old = add_events(rt, 9, utcnow() - timedelta(days=100))
    waiting = add_events(rt, 3, None)
    with rt.db.connection_context():
        OutboxEvent.update(created_at=utcnow() - timedelta(days=200)).where(
            OutboxEvent.id.in_(waiting)).execute()
        assert prune_history(rt.db, days=0, batch=BATCH).executions == 0
        with DeletesPerTransaction(rt.db) as deletes:
            pruned = prune_history(rt.db, days=90, batch=BATCH)
        kept_events = {e.id for e in OutboxEvent.select(OutboxEvent.id)}
    assert (pruned.executions, pruned.events) == (4, 9)
    assert [rows_of(rt, e) for e in old] == [(0, 0, 0)] * 4
    assert rows_of(rt, running) == rows_of(rt, recent) == (1, HOSTS, 2 * HOSTS)
    assert set(waiting) <= kept_events and not set(delivered_old) & kept_events
    assert sum(deletes.committed) == 4 * (1 + HOSTS + 2 * HOSTS) + 9
    assert max(deletes.committed) <= BATCH, deletes.committed


@pytest.mark.parametrize("rt", [{"history_retention_days": 30,
                                 "history_prune_interval_s": 0.05}], indirect=True)
def test_the_retention_loop_prunes_on_its_own(rt: Runtime) -> None:
    stale, fresh = add_execution(rt, "success", 31), add_execution(rt, "failed", 29)
    loop = RetentionLoop(rt)
    loop.start()
    try:
        deadline = time.monotonic() + 10
        while rows_of(rt, stale) != (0, 0, 0) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        loop.stop()
    assert rows_of(rt, stale) == (0, 0, 0) and rows_of(rt, fresh) == (1, HOSTS, 2 * HOSTS)


@pytest.mark.parametrize("rt", [{"history_retention_days": 0,
                                 "history_prune_interval_s": 0.05}], indirect=True)
def test_retention_zero_keeps_everything(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    ancient = add_execution(rt, "success", 10_000)
    prunes: list[object] = []
    monkeypatch.setattr(retention, "prune_history",
                        lambda *args, **kwargs: prunes.append(kwargs))
    loop = RetentionLoop(rt)
    loop.start()
    loop._thread.join(5)  # not stopped: with retention 0 it ends at once, having pruned nothing
    assert not loop._thread.is_alive()
    assert prunes == []
    loop.stop()
    assert rows_of(rt, ancient) == (1, HOSTS, 2 * HOSTS)
