"""SQL statements per operation at 200 hosts (SQLite and PostgreSQL): a step of a whole group
costs O(1) statements plus at most a fixed few per host, never a load of the batch per host,
and the hosts waiting on one step leave as one queue task (regression tests for issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from noc_contracts import ResolvedRun, TaskResult
from noc_scheduler.dispatch import send
from noc_scheduler.flow.evaluator import InProcessEvaluator
from noc_scheduler.nodes import registry
from noc_scheduler.runs import advance, results
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Execution, Node, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, make_settings
from tests.scheduler.harness import FakeNode
from tests.support.server import ServerThread
from tests.support.statements import Statements

HOSTS = 200
STEPS = ["s1", "s2"]
RUN = ResolvedRun.model_validate({
    "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
    "graph": {"nodes": [*[{"id": s, "type": "task", "task": "ping"} for s in STEPS],
                        {"id": "ok", "type": "end"}],
              "edges": [{"from": "s1", "to": "s2", "on": "success"},
                        {"from": "s2", "to": "ok", "on": "success"}],
              "start": "s1"},
    "hosts": [{"name": f"h{i:03d}", "address": "127.0.0.1", "connection": "local"}
              for i in range(HOSTS)]})


@pytest.fixture
def rt(tmp_path: Path, database_url: str) -> Iterator[tuple[Runtime, FakeNode]]:
    # a node that accepts every task request and answers nothing (the test posts results)
    node = FakeNode("n1", NODE_TOKEN, lambda: "http://127.0.0.1:9")
    node.script = {step: ["silent"] for step in STEPS}
    with ServerThread(node.app) as node_srv:
        runtime = Runtime(make_settings(tmp_path, database_url, batching=True,
                                        batch_window_s=0.0), evaluator=InProcessEvaluator())
        runtime.create_tables()
        with runtime.db.connection_context(), runtime.db.atomic():
            registered = registry.register(runtime.box, "n1", node_srv.url, NODE_TOKEN)
            Node.update(last_seen_at=utcnow()).where(Node.id == registered.id).execute()
        yield runtime, node
        runtime.close()


def test_a_step_of_200_hosts_costs_a_bounded_number_of_statements(
        rt: tuple[Runtime, FakeNode]) -> None:
    runtime, node = rt
    db = runtime.db
    with Statements(db, this_thread_only=True) as created, db.connection_context(), db.atomic():
        _, due = create_execution(runtime.box, RUN, schedule_id=None, run_vars={},
                                  check_mode=False, now=utcnow())
    assert created.count <= 12, created.count

    with Statements(db, this_thread_only=True) as started:
        leaders = advance.advance(runtime, due)
    assert started.count <= HOSTS + 20, started.count  # each host's own state: inherent
    assert len(leaders) == 1  # one queue task for the 200 hosts waiting on s1

    for step_id in STEPS:
        with Statements(db, this_thread_only=True) as sent:
            assert send.dispatch_step(runtime, leaders[0])
        assert sent.count <= 12, (step_id, sent.count)
        request = node.requests[-1]
        assert request["step_id"] == step_id and len(request["hosts"]) == HOSTS

        with db.connection_context():
            caller = Node.get(Node.name == "n1")
        with Statements(db, this_thread_only=True) as stored, db.connection_context(), db.atomic():
            ack, due = results.accept(
                caller, TaskResult.model_validate(node.result(request, "ok")), utcnow())
        assert ack.accepted == HOSTS and len(due) == HOSTS
        assert stored.count <= 2 * HOSTS + 10, (step_id, stored.count)  # O(1) + 2 per host

        with Statements(db, this_thread_only=True) as moved:
            leaders = advance.advance(runtime, due)
        assert moved.count <= 2 * HOSTS + 20, (step_id, moved.count)  # not O(hosts^2)
    assert leaders == []
    with db.connection_context():
        assert Execution.get().status == "success"
        assert Step.select().where(Step.status != "done").count() == 0
