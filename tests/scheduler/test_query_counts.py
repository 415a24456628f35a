"""SQL statements per operation at 200 hosts (SQLite and PostgreSQL): a step of a whole group
costs O(1) statements plus at most a fixed few per host, never a load of the batch per host,
and the hosts waiting on one step leave as one queue task (regression tests for issue 12)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from noc_contracts import ResolvedRun, TaskResult
from noc_scheduler import advance, dispatch, nodes, results
from noc_scheduler.evaluator import InProcessEvaluator
from noc_scheduler.executions import create_execution
from noc_scheduler.models import Execution, Node, Step, utcnow
from noc_scheduler.runtime import Runtime
from tests.scheduler.conftest import NODE_TOKEN, make_settings
from tests.support.server import ServerThread

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


class Statements:
    """Counts the SQL statements a database runs on this thread while inside the block: each
    ``execute_sql``, and each parameter row of an ``executemany`` (one statement per row)."""

    def __init__(self, db: Any) -> None:
        self.db, self.count = db, 0
        self._thread = threading.get_ident()

    def __enter__(self) -> Statements:
        original, original_cursor = self.db.execute_sql, self.db.cursor
        counter = self

        def counting(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() == self._thread:
                self.count += 1
            return original(sql, params, *args, **kwargs)

        class Cursor:
            def __init__(self, real: Any) -> None:
                self._real = real

            def __getattr__(self, name: str) -> Any:
                return getattr(self._real, name)

            def __iter__(self) -> Any:
                return iter(self._real)

            def executemany(self, sql: str, rows: Any) -> Any:
                rows = list(rows)
                if threading.get_ident() == counter._thread:
                    counter.count += len(rows)
                return self._real.executemany(sql, rows)

        self.db.execute_sql = counting
        self.db.cursor = lambda *a, **k: Cursor(original_cursor(*a, **k))
        return self

    def __exit__(self, *_: object) -> None:
        del self.db.execute_sql  # the class's methods again
        del self.db.cursor


def accepting_node() -> tuple[FastAPI, list[dict[str, Any]]]:
    """A node that accepts every task request and answers nothing (the test posts results)."""
    app, received = FastAPI(), []

    @app.post("/tasks")
    async def tasks(request: Request) -> JSONResponse:
        body = await request.json()
        received.append(body)
        return JSONResponse({"task_id": body["task_id"], "node": "n1", "queue_depth": 0}, 202)

    return app, received


@pytest.fixture
def rt(tmp_path: Path, database_url: str) -> Iterator[tuple[Runtime, list[dict[str, Any]]]]:
    app, received = accepting_node()
    with ServerThread(app) as node_srv:
        runtime = Runtime(make_settings(tmp_path, database_url, batching=True,
                                        batch_window_s=0.0), evaluator=InProcessEvaluator())
        runtime.create_tables()
        with runtime.db.connection_context(), runtime.db.atomic():
            node = nodes.register(runtime.box, "n1", node_srv.url, NODE_TOKEN)
            Node.update(last_seen_at=utcnow()).where(Node.id == node.id).execute()
        yield runtime, received
        runtime.close()


def _result(rt: Runtime, request: dict[str, Any]) -> TaskResult:
    return TaskResult.model_validate({
        "task_id": request["task_id"], "node": "n1",
        "results": [{"host": h["name"], "status": "ok", "rc": 0} for h in request["hosts"]]})


def test_a_step_of_200_hosts_costs_a_bounded_number_of_statements(
        rt: tuple[Runtime, list[dict[str, Any]]]) -> None:
    runtime, received = rt
    db = runtime.db
    with Statements(db) as created, db.connection_context(), db.atomic():
        _, due = create_execution(runtime.box, RUN, schedule_id=None, run_vars={},
                                  check_mode=False, now=utcnow())
    assert created.count <= 12, created.count

    with Statements(db) as started:
        leaders = advance.advance(runtime, due)
    assert started.count <= HOSTS + 20, started.count  # each host's own state: inherent
    assert len(leaders) == 1  # one queue task for the 200 hosts waiting on s1

    for step_id in STEPS:
        with Statements(db) as sent:
            assert dispatch.dispatch_step(runtime, leaders[0])
        assert sent.count <= 12, (step_id, sent.count)
        request = received[-1]
        assert request["step_id"] == step_id and len(request["hosts"]) == HOSTS

        with db.connection_context():
            caller = Node.get(Node.name == "n1")
        with Statements(db) as stored, db.connection_context(), db.atomic():
            ack, due = results.accept(caller, _result(runtime, request), utcnow())
        assert ack.accepted == HOSTS and len(due) == HOSTS
        assert stored.count <= 2 * HOSTS + 10, (step_id, stored.count)  # O(1) + 2 per host

        with Statements(db) as moved:
            leaders = advance.advance(runtime, due)
        assert moved.count <= 2 * HOSTS + 20, (step_id, moved.count)  # not O(hosts^2)
    assert leaders == []
    with db.connection_context():
        assert Execution.get().status == "success"
        assert Step.select().where(Step.status != "done").count() == 0
