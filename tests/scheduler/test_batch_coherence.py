"""A group larger than one request leaves as the batches it came in: the hosts of the leader's
previous batch first, so each part waits for its own stragglers at the next step instead of
two batches mixing and splitting again at every step (SQLite and PostgreSQL)."""

from __future__ import annotations

from noc_contracts import TaskResult
from noc_scheduler.dispatch import batching
from noc_scheduler.runs import advance, results
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Node, Step, utcnow
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_claim_params import first_steps
from tests.scheduler.test_query_counts import (
    HOSTS,
    RUN,
    rt,  # noqa: F401 - the fixture
)

LIMIT = HOSTS // 2


def _send(runtime: Runtime, task_id: str) -> list[Step]:
    """Claim ``task_id``'s group (at most LIMIT) and mark it dispatched to n1 as one batch."""
    db = runtime.db
    with db.connection_context(), db.atomic():
        claimed = batching.claim_group(task_id, db, LIMIT).steps
        Step.update(status="dispatched", node="n1", batch_id=claimed[0].task_id,
                    dispatched_at=utcnow()).where(
            Step.task_id.in_([s.task_id for s in claimed])).execute()
    return claimed


def _answer(runtime: Runtime, batch: list[Step]) -> list[int]:
    db = runtime.db
    with db.connection_context():
        caller = Node.get(Node.name == "n1")
    body = TaskResult.model_validate({
        "task_id": batch[0].task_id, "node": "n1",
        "results": [{"host": s.host_run.host_name, "status": "ok"} for s in batch]})
    with db.connection_context(), db.atomic():
        return results.accept(caller, body, utcnow())[1]


def test_a_group_larger_than_a_request_leaves_in_the_batches_it_came_in(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, _ = rt
    db = runtime.db
    a = _send(runtime, first_steps(runtime, RUN)[0].task_id)
    with db.connection_context():
        rest = Step.get(Step.status == "pending").task_id
    b = _send(runtime, rest)
    assert len(a) == len(b) == LIMIT
    # both batches answered and advanced: all the hosts wait on s2, one group of HOSTS
    leaders = advance.advance(runtime, _answer(runtime, a) + _answer(runtime, b))
    assert len(leaders) == 1
    came_in = {s.host_run.host_name: "a" for s in a} | {s.host_run.host_name: "b" for s in b}
    with db.connection_context():
        second = {s.host_run.host_name: s.task_id for s in Step.select().where(
            Step.step_id == "s2")}
    for leader_host in (a[0].host_run.host_name, b[-1].host_run.host_name):
        with db.connection_context(), db.atomic():
            claimed = batching.claim_group(second[leader_host], db, LIMIT)
        hosts = [s.host_run.host_name for s in claimed.steps]
        assert len(hosts) == LIMIT and hosts[0] == leader_host
        assert {came_in[h] for h in hosts} == {came_in[leader_host]}  # one batch, not a mix
        assert claimed.leftover is not None and came_in[
            next(h for h, t in second.items() if t == claimed.leftover)] != came_in[leader_host]


def test_a_group_stays_its_dispatchs_until_the_claim_inside_the_block(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    # a second dispatch of the group, arriving after the first's wait ended but before its
    # claim committed, leaves its step to that claim instead of claiming what it leaves over
    runtime, _ = rt
    db = runtime.db
    one, other = [s.task_id for s in first_steps(runtime, RUN)[:2]]
    wait = batching.Wait(settle_s=0.5, running_s=5)
    again: list[str] = []
    with batching.stragglers_awaited(db, one, wait, runtime.arrivals, runtime.waiters,
                                     turned_away=again.extend) as go:
        assert go
        assert not batching.await_stragglers(db, other, wait, runtime.arrivals,
                                             runtime.waiters)
    # not claimed in the block: handed back to be dispatched again, not left to maintenance
    assert again == [other]
    assert batching.await_stragglers(db, other, wait, runtime.arrivals, runtime.waiters)
    assert len(runtime.waiters) == 0

    again.clear()
    with batching.stragglers_awaited(db, one, wait, runtime.arrivals, runtime.waiters,
                                     turned_away=again.extend) as go:
        assert go and not batching.await_stragglers(db, other, wait, runtime.arrivals,
                                                    runtime.waiters)
        with db.connection_context():  # the holder's claim took it
            Step.update(status="dispatched").where(Step.task_id == other).execute()
    assert again == []
