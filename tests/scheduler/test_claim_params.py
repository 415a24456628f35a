"""A batch is claimed by comparing params as stored text with the leader's own stored text,
so rows written by another JSON encoder (before an upgrade: ASCII escapes, other float forms)
still travel together, and a step is never left unclaimable (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import timedelta

from noc_contracts import ResolvedRun
from noc_scheduler.dispatch import batching
from noc_scheduler.runs import advance
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Step, utcnow
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_query_counts import rt  # noqa: F401 - the fixture

PARAMS = {"path": "/tmp/relatório", "state": "directory"}
RUN = ResolvedRun.model_validate({
    "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
    "graph": {"nodes": [{"id": "s1", "type": "task", "task": "file", "params": PARAMS},
                        {"id": "ok", "type": "end"}],
              "edges": [{"from": "s1", "to": "ok", "on": "success"}], "start": "s1"},
    "hosts": [{"name": f"h{i}", "address": "127.0.0.1", "connection": "local"}
              for i in range(3)]})


def first_steps(runtime: Runtime, run: ResolvedRun = RUN) -> list[Step]:
    """An execution of ``run`` started: each host run's first step, pending, by task id."""
    db = runtime.db
    with db.connection_context(), db.atomic():
        _, due = create_execution(runtime.box, run, schedule_id=None, run_vars={},
                                  check_mode=False, now=utcnow())
    advance.advance(runtime, due)
    with db.connection_context():
        return list(Step.select().order_by(Step.task_id))


def test_steps_whose_params_another_encoder_wrote_are_claimed_together(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, _ = rt
    db = runtime.db
    steps = first_steps(runtime)
    with db.connection_context(), db.atomic():
        assert len(steps) == 3
        old_text = json.dumps(steps[0].params)  # as the standard library wrote them
        db.execute_sql(f'UPDATE "step" SET "params" = {db.param}',  # noqa: S608 - no input
                       (old_text,))
        claimed = batching.claim_group(steps[0].task_id, db, limit=10)
    assert sorted(s.host_run.host_name for s in claimed.steps) == ["h0", "h1", "h2"]


def test_a_dispatch_whose_step_was_taken_leaves_steps_waiting_out_a_backoff(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    # a request that failed (node unreachable, busy) puts its steps back with a growing delay;
    # a stale dispatch of their group (its own step sent already) must not send them again
    # before it (each try counts against dispatch_max_attempts), but takes a fresh one
    runtime, _ = rt
    db = runtime.db
    taken, backing_off, fresh = (s.task_id for s in first_steps(runtime))
    now = utcnow()
    with db.connection_context(), db.atomic():
        Step.update(status="dispatched").where(Step.task_id == taken).execute()
        Step.update(dispatch_attempts=1, next_attempt_at=now + timedelta(seconds=60)).where(
            Step.task_id == backing_off).execute()
        claimed = batching.claim_group(taken, db, limit=10, now=now)
        assert [s.task_id for s in claimed.steps] == [fresh]
        later = batching.claim_group(taken, db, limit=10, now=now + timedelta(seconds=61))
    assert sorted(s.task_id for s in later.steps) == sorted([backing_off, fresh])
