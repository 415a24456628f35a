"""A batch id can name two steps of one host: a step that ended ``error`` when its request
failed keeps the batch id of its leader, which went back to pending and may lead a new request
with that host's retry. A result for the host is the step still dispatched's (SQLite and
PostgreSQL)."""

from __future__ import annotations

from noc_contracts import TaskResult
from noc_scheduler.runs import advance, results
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Node, Step, utcnow
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_claim_params import RUN
from tests.scheduler.test_query_counts import rt  # noqa: F401 - the fixture


def test_a_result_goes_to_the_hosts_step_still_dispatched(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, _ = rt
    db = runtime.db
    with db.connection_context(), db.atomic():
        _, due = create_execution(runtime.box, RUN, schedule_id=None, run_vars={},
                                  check_mode=False, now=utcnow())
    advance.advance(runtime, due)
    with db.connection_context(), db.atomic():
        old, leader, _ = (s for s in Step.select().order_by(Step.host_run))
        leader_id = leader.task_id
        # the first request failed: h0's step ended error and kept the batch id; the leader
        # went back to pending and now leads a new request with h0's retry
        Step.update(status="done", node="n1", batch_id=leader_id,
                    result={"host": "h0", "status": "error", "msg": "refused"}).where(
            Step.task_id == old.task_id).execute()
        Step.update(status="dispatched", node="n1", batch_id=leader_id).where(
            Step.task_id == leader_id).execute()
        retry = dict(Step.select().where(Step.task_id == old.task_id).dicts().get())
        retry.update(task_id="0" * 31 + "1", attempt=2, status="dispatched", result=None)
        Step.insert(retry).execute()  # sorts before the old step
        node = Node.get(Node.name == "n1")
        ack, _ = results.accept(node, TaskResult(task_id=leader_id, node="n1", results=[
            {"host": "h0", "status": "ok", "rc": 0}]), utcnow())
    assert ack.accepted == 1
    with db.connection_context():
        assert Step.get_by_id("0" * 31 + "1").result["status"] == "ok"
        assert Step.get_by_id(old.task_id).result["status"] == "error"
