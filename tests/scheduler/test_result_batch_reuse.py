"""A batch id names the steps of one request only: steps that end ``error`` when their request
fails give its id up, since the leader goes back to pending and may lead a later request (with
a retry of the same host) under that id. A result for the host is the retry's (SQLite and
PostgreSQL)."""

from __future__ import annotations

from noc_contracts import TaskResult
from noc_scheduler.dispatch import send
from noc_scheduler.runs import results
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Node, Step, utcnow
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_claim_params import first_steps
from tests.scheduler.test_dispatch_outcomes import BUSY
from tests.scheduler.test_query_counts import rt  # noqa: F401 - the fixture


def test_a_result_goes_to_the_hosts_step_still_dispatched(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, node = rt
    db = runtime.db
    old, leader, _ = sorted(first_steps(runtime), key=lambda s: s.host_run_id)
    leader_id = leader.task_id
    with db.connection_context():
        Step.update(dispatch_attempts=runtime.settings.dispatch_max_attempts - 1).where(
            Step.task_id == old.task_id).execute()
    # the first request fails: h0's step is out of attempts and ends error, the leader and h2
    # go back to pending
    node.answers = [(503, BUSY)]
    assert not send.dispatch_step(runtime, leader_id)
    with db.connection_context(), db.atomic():
        # the leader now leads a new request with h0's retry
        Step.update(status="dispatched", node="n1", batch_id=leader_id).where(
            Step.task_id == leader_id).execute()
        retry = dict(Step.select().where(Step.task_id == old.task_id).dicts().get())
        retry.update(task_id="0" * 31 + "1", attempt=2, status="dispatched", node="n1",
                     batch_id=leader_id, result=None)
        Step.insert(retry).execute()  # sorts before the old step
        caller = Node.get(Node.name == "n1")
        ack, _ = results.accept(caller, TaskResult(task_id=leader_id, node="n1", results=[
            {"host": "h0", "status": "ok", "rc": 0}]), utcnow())
    assert ack.accepted == 1
    with db.connection_context():
        assert Step.get_by_id("0" * 31 + "1").result["status"] == "ok"
        assert Step.get_by_id(old.task_id).result["status"] == "error"
