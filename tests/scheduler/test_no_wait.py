"""No transaction waits for an evaluation (SQLite and PostgreSQL): while a hostile template
holds a sandbox worker (its budget raised to 3 s here, to watch it), a write transaction, a
cancel of that very execution and another run all go through at once; the move computed for
the cancelled host run is then not applied."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from noc_scheduler.store.models import Execution, Node, Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished
from tests.scheduler.test_hostile_templates import HANG, NORMAL, launch, run

AFTER_A_RESULT = run(7, [
    {"id": "a", "type": "task", "task": "ping"},
    {"id": "b", "type": "task", "task": "copy", "params": {"dest": "/tmp/x", "content": HANG}},
    {"id": "ok", "type": "end"}], [("a", "success", "b"), ("b", "success", "ok")], ["web1"])


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"template_timeout_s": 3.0}


def test_writes_do_not_wait_for_an_evaluation(stack: Stack) -> None:
    stack.backend.by_procedure = {7: AFTER_A_RESULT, 8: NORMAL}
    pool = stack.rt.evaluator.pool  # type: ignore[attr-defined]
    hostile_eid, _ = launch(stack, 7)  # the node answers 'a'; then 'b' is evaluated
    wait_for(lambda: pool.busy > 0, timeout=10, what="the hostile evaluation")
    began = time.monotonic()
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        Node.update(queue_depth=0).execute()
    wrote = time.monotonic() - began
    began = time.monotonic()
    cancel = stack.api("POST", f"/internal/v1/executions/{hostile_eid}/cancel")
    cancelled = time.monotonic() - began
    normal_eid, _ = launch(stack, 8)
    wait_for(lambda: finished(stack, normal_eid), timeout=10, what="the normal run")
    still_evaluating = pool.busy > 0
    assert wrote < 1.0 and cancelled < 1.0, (wrote, cancelled)
    assert cancel.status_code == 202 and cancel.json()["status"] == "cancelled"
    assert still_evaluating, "the hostile evaluation ended before the checks: inconclusive"
    wait_for(lambda: pool.busy == 0, timeout=15, what="the hostile evaluation's end")
    time.sleep(0.3)
    with stack.rt.db.connection_context():
        assert Execution.get_by_id(hostile_eid).status == "cancelled"
        assert [s.step_id for s in Step.select().where(Step.execution_id == hostile_eid)] == ["a"]
    assert httpx.get(stack.url + "/healthz").status_code == 200
