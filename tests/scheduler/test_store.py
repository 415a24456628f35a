"""Store-level behaviour on SQLite and PostgreSQL, driven by hand (no consumer threads):
claims, restart recovery, lease expiry, and steps no node could take."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from noc_contracts import ResolvedRun
from noc_scheduler.core.config import Settings
from noc_scheduler.dispatch import send
from noc_scheduler.nodes import registry
from noc_scheduler.runs import maintenance
from noc_scheduler.runs.advance import advance
from noc_scheduler.runs.executions import create_execution
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Execution, HostRun, Node, OutboxEvent, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, make_settings
from tests.scheduler.harness import FakeNode
from tests.support.server import ServerThread

RUN = ResolvedRun.model_validate({
    "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
    "graph": {"nodes": [{"id": "a", "type": "task", "task": "ping", "timeout_s": 5},
                        {"id": "bad", "type": "end", "result": "failure"},
                        {"id": "e", "type": "end"}],
              "edges": [{"from": "a", "to": "e", "on": "success"},
                        {"from": "a", "to": "bad", "on": "failure"}], "start": "a"},
    "hosts": [{"name": "h1", "address": "10.0.0.1"}, {"name": "h2", "address": "10.0.0.2"}]})


@pytest.fixture
def node() -> Iterator[tuple[FakeNode, str]]:
    fake = FakeNode("n1", NODE_TOKEN, lambda: "http://127.0.0.1:9")
    fake.script = {"a": ["silent"] * 10}
    with ServerThread(fake.app) as srv:
        yield fake, srv.url


def runtime(tmp_path: Path, database_url: str, settings: Settings | None = None) -> Runtime:
    rt = Runtime(settings or make_settings(tmp_path, database_url))
    rt.create_tables()
    return rt


def start(rt: Runtime, node_url: str | None) -> list[str]:
    with rt.db.connection_context(), rt.db.atomic():
        if node_url:
            n = registry.register(rt.box, "n1", node_url, NODE_TOKEN)
            Node.update(last_seen_at=utcnow(), capacity=2).where(Node.id == n.id).execute()
        _, due = create_execution(rt.box, RUN, schedule_id=None, run_vars={}, check_mode=False,
                                  now=utcnow())
    return advance(rt, due)


def test_two_dispatchers_never_send_the_same_step(
        tmp_path: Path, database_url: str, node: tuple[FakeNode, str]) -> None:
    rt = runtime(tmp_path, database_url)
    new = start(rt, node[1])
    assert len(new) == 2
    outcomes: list[bool] = []
    barrier = threading.Barrier(8)

    def race(task_id: str) -> None:
        barrier.wait()
        outcomes.append(send.dispatch_step(rt, task_id))

    threads = [threading.Thread(target=race, args=(new[i % 2],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(True) == 2
    assert sorted(r["task_id"] for r in node[0].requests) == sorted(new)
    rt.close()


def test_restart_recovers_pending_steps_and_expires_leases(
        tmp_path: Path, database_url: str, node: tuple[FakeNode, str]) -> None:
    settings = make_settings(tmp_path, database_url)
    first = runtime(tmp_path, database_url, settings)
    new = start(first, node[1])  # "crash" before anything was dispatched
    first.close()
    rt = runtime(tmp_path, database_url, settings)  # the restarted process
    later = utcnow() + timedelta(seconds=10)
    assert maintenance.redispatch(rt, later) == 2
    assert rt.huey.pending_count() == 2
    for _ in range(2):
        task = rt.huey.dequeue()
        rt.huey.execute(task)
    with rt.db.connection_context():
        assert {s.status for s in Step.select()} == {"dispatched"}
    assert sorted(r["task_id"] for r in node[0].requests) == sorted(new)
    # nothing answers: the leases (5 s + grace) run out, the steps end lost -> failure edge
    assert maintenance.expire_leases(rt, utcnow() + timedelta(seconds=60)) == 2
    with rt.db.connection_context():
        assert {s.result["status"] for s in Step.select()} == {"lost"}
        assert {h.status for h in HostRun.select()} == {"failed"}
        assert Execution.get().status == "failed"
        types = [e.payload["type"] for e in OutboxEvent.select().order_by(OutboxEvent.id)]
    assert types[0] == "execution_started" and types[-1] == "execution_finished"
    assert types.count("step_finished") == 2
    rt.close()


def test_without_a_healthy_node_steps_wait_then_error(tmp_path: Path, database_url: str) -> None:
    rt = runtime(tmp_path, database_url)
    new = start(rt, None)
    assert send.dispatch_step(rt, new[0]) is False
    with rt.db.connection_context():
        assert Step.get_by_id(new[0]).status == "pending"
    assert maintenance.no_node_timeout(rt, utcnow() + timedelta(seconds=2)) == 0
    assert maintenance.no_node_timeout(rt, utcnow() + timedelta(seconds=60)) == 2
    with rt.db.connection_context():
        assert {s.result["status"] for s in Step.select()} == {"error"}
        messages = {s.task_id: s.result["msg"] for s in Step.select()}
        assert messages.pop(new[0]) == "not dispatched in time: no healthy node could take it"
        assert list(messages.values()) == ["not dispatched in time: no healthy node took the task"]
        assert Execution.get().status == "failed"
    rt.close()


def test_stale_node_is_not_chosen(tmp_path: Path, database_url: str) -> None:
    rt = runtime(tmp_path, database_url)
    with rt.db.connection_context(), rt.db.atomic():
        for name, age, load in [("old", 600, 0), ("busy", 1, 3), ("idle", 1, 1)]:
            n = registry.register(rt.box, name, f"http://127.0.0.1:9/{name}", f"token-{name}")
            Node.update(last_seen_at=utcnow() - timedelta(seconds=age), capacity=4,
                        running=load).where(Node.id == n.id).execute()
        chosen = registry.choose(utcnow(), stale_s=30)
        assert chosen is not None and chosen.name == "idle"
        # registering again updates in place; a token is never shared by two nodes
        registry.register(rt.box, "idle", "http://127.0.0.1:9/moved", "token-idle2")
        assert Node.select().count() == 3
        assert registry.by_token("token-idle2").url == "http://127.0.0.1:9/moved"  # type: ignore[union-attr]
        assert registry.by_token("token-idle") is None
        with pytest.raises(ValueError, match="already belongs"):
            registry.register(rt.box, "new", "http://x", "token-busy")
        assert all("token-" not in n.token_enc for n in Node.select())
    rt.close()
