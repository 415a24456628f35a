"""A dispatch claims its step's group even when its own step is held by another dispatcher:
on PostgreSQL rows another transaction holds are skipped, and the rest of the group is still
this dispatch's to send (it used to claim nothing, leaving them to the 3 s redispatch)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from noc_scheduler.dispatch import batching
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.db import claim
from noc_scheduler.store.models import Step
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_claim_params import first_steps
from tests.scheduler.test_query_counts import rt  # noqa: F401 - the fixture
from tests.support.services import postgres_database


@pytest.fixture
def database_url() -> Iterator[str]:
    # SQLite serialises writers (BEGIN IMMEDIATE): no row is ever skipped there
    with postgres_database() as url:
        yield url


def test_a_group_whose_leader_another_dispatcher_holds_is_still_claimed(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, _ = rt
    db = runtime.db
    steps = first_steps(runtime)  # three alike
    assert len(steps) == 3
    held, release = threading.Event(), threading.Event()

    def other_dispatcher() -> None:  # holds the first two steps, as a claim in flight does
        with db.connection_context(), db.atomic():
            list(claim(Step.select().where(Step.task_id.in_([s.task_id for s in steps[:2]])),
                       db, of=Step))
            held.set()
            release.wait(30)

    thread = threading.Thread(target=other_dispatcher)
    thread.start()
    try:
        assert held.wait(10)
        with db.connection_context(), db.atomic():
            claimed = batching.claim_group(steps[0].task_id, db, limit=10)
    finally:
        release.set()
        thread.join(30)
    assert [s.task_id for s in claimed.steps] == [steps[2].task_id]
    assert claimed.leftover is None
