"""``noc_scheduler_dispatch_latency_seconds`` runs to the node's acceptance: a node slow to
answer the POST shows in it (SQLite and PostgreSQL)."""

from __future__ import annotations

import time

import httpx

from noc_scheduler.dispatch import send
from noc_scheduler.runtime import Runtime
from tests.scheduler.harness import FakeNode
from tests.scheduler.test_claim_params import first_steps
from tests.scheduler.test_query_counts import rt  # noqa: F401 - the fixture

SLOW_S = 0.3


def test_dispatch_latency_includes_the_nodes_answer(
        rt: tuple[Runtime, FakeNode]) -> None:  # noqa: F811
    runtime, _ = rt
    steps = first_steps(runtime)

    def slow_node(request: httpx.Request) -> httpx.Response:
        time.sleep(SLOW_S)
        return httpx.Response(202, json={"task_id": "t", "node": "n1", "queue_depth": 0})

    runtime.http.close()
    runtime.http = httpx.Client(transport=httpx.MockTransport(slow_node))
    assert send.dispatch_step(runtime, steps[0].task_id)
    registry = runtime.metrics.registry
    count = registry.get_sample_value("noc_scheduler_dispatch_latency_seconds_count")
    total = registry.get_sample_value("noc_scheduler_dispatch_latency_seconds_sum")
    assert count == len(steps)
    assert total is not None and total >= len(steps) * SLOW_S
