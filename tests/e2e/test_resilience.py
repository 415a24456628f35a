"""Issue 3: nothing waits forever. Kill real processes (SIGKILL), cancel, and watch live events."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from noc_devstack.stack import restart
from tests.e2e.conftest import StackFactory, api_client
from tests.e2e.flows import (
    hosts_by_name,
    local_host,
    procedure,
    run_now,
    wait_finished,
    wait_for,
)

pytestmark = pytest.mark.e2e
FAST_LEASES = {"NOC_SCHEDULER_LEASE_GRACE_S": "2", "NOC_SCHEDULER_TICK_S": "0.2",
               "NOC_NODE_HEARTBEAT_S": "1"}


def slow_then_mark(mark: Path, sleep_s: str, timeout_s: int) -> dict[str, Any]:
    """A long step whose failure path writes a mark file and still ends the host run well."""
    nodes = [
        {"id": "slow", "type": "task", "task": "command", "params": {"cmd": f"sleep {sleep_s}"},
         "timeout_s": timeout_s},
        {"id": "mark", "type": "task", "task": "copy",
         "params": {"dest": str(mark), "content": "{{ steps.slow.status }}"}},
        {"id": "done", "type": "end", "result": "success"},
        {"id": "bad", "type": "end", "result": "failure"},
    ]
    edges = [("slow", "done", "success"), ("slow", "mark", "failure"), ("mark", "bad", "success")]
    return procedure(f"slow-{uuid.uuid4().hex[:6]}", nodes, edges, "slow")


def sleeping(marker: str) -> bool:
    out = subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def test_a_killed_node_that_comes_back_reports_its_lost_task(
        stack_factory: StackFactory, tmp_path: Path) -> None:
    stack = stack_factory(**FAST_LEASES)
    with api_client(stack) as api:
        local_host(api, "self", "here")
        mark = tmp_path / "mark"
        marker = f"{60 + int(uuid.uuid4().int % 1000) / 1000:.3f}"
        proc = api.post("/procedures", json=slow_then_mark(mark, marker, 120)).json()
        execution_id = run_now(api, proc["id"], hosts=["self"])
        wait_for(lambda: sleeping(marker), 30, "the step to be running on the node")
        stack.kill("node")  # SIGKILL: the Huey worker and its ansible process group die
        subprocess.run(["pkill", "-9", "-f", f"sleep {marker}"], check=False)
        restart(stack, "node")
        detail = wait_finished(api, execution_id, timeout=60)
    host = hosts_by_name(detail)["self"]
    assert [(s["step_id"], s["status"]) for s in host["steps"]] == [("slow", "lost"),
                                                                    ("mark", "ok")]
    assert mark.read_text() == "lost"
    assert host["path"] == ["slow", "mark", "bad"] and host["status"] == "failed"


def test_a_dead_node_s_step_is_lost_when_its_lease_expires(
        stack_factory: StackFactory, tmp_path: Path) -> None:
    stack = stack_factory(**FAST_LEASES)
    with api_client(stack) as api:
        local_host(api, "self", "here")
        marker = f"{70 + int(uuid.uuid4().int % 1000) / 1000:.3f}"
        nodes = [{"id": "slow", "type": "task", "task": "command",
                  "params": {"cmd": f"sleep {marker}"}, "timeout_s": 3},
                 {"id": "done", "type": "end", "result": "success"},
                 {"id": "bad", "type": "end", "result": "failure"}]
        proc = api.post("/procedures", json=procedure(
            "lease", nodes, [("slow", "done", "success"), ("slow", "bad", "failure")],
            "slow")).json()
        execution_id = run_now(api, proc["id"], hosts=["self"])
        wait_for(lambda: sleeping(marker), 30, "the step to be running on the node")
        killed_at = time.monotonic()
        stack.kill("node")
        subprocess.run(["pkill", "-9", "-f", f"sleep {marker}"], check=False)
        detail = wait_finished(api, execution_id, timeout=60)
        waited = time.monotonic() - killed_at
    host = hosts_by_name(detail)["self"]
    assert host["steps"][0]["status"] == "lost"
    assert host["path"] == ["slow", "bad"] and detail["status"] == "failed"
    assert waited < 3 + 2 + 10, f"lease of 3 s + 2 s grace took {waited:.1f} s to expire"


def test_a_killed_scheduler_resumes_every_running_execution(
        stack_factory: StackFactory, tmp_path: Path) -> None:
    stack = stack_factory(**FAST_LEASES)
    first, second = tmp_path / "first", tmp_path / "second"
    marker = f"{2 + int(uuid.uuid4().int % 1000) / 1000:.3f}"
    nodes = [
        {"id": "one", "type": "task", "task": "command", "params": {"cmd": f"sleep {marker}"}},
        {"id": "write1", "type": "task", "task": "copy",
         "params": {"dest": str(first) + "-{{ host.name }}", "content": "1"}},
        {"id": "pause", "type": "wait", "seconds": 2},
        {"id": "write2", "type": "task", "task": "copy",
         "params": {"dest": str(second) + "-{{ host.name }}", "content": "2"}},
        {"id": "done", "type": "end", "result": "success"},
    ]
    edges = [("one", "write1", "success"), ("write1", "pause", "success"),
             ("pause", "write2", "next"), ("write2", "done", "success")]
    with api_client(stack) as api:
        local_host(api, "a", "pair")
        local_host(api, "b", "pair")
        proc = api.post("/procedures", json=procedure("resume", nodes, edges, "one")).json()
        execution_id = run_now(api, proc["id"], group="pair")
        wait_for(lambda: sleeping(marker), 30, "the first step to run on the node")
        stack.kill("scheduler")  # results for 'one' arrive while it is down: the node retries
        wait_for(lambda: not sleeping(marker), 30, "the first step to end")
        time.sleep(1)
        restart(stack, "scheduler")
        detail = wait_finished(api, execution_id, timeout=60)
    assert detail["status"] == "success", detail
    for name in ("a", "b"):
        host = hosts_by_name(detail)[name]
        assert host["path"] == ["one", "write1", "pause", "write2", "done"], host
        assert Path(f"{second}-{name}").read_text() == "2"


def test_cancel_stops_pending_steps_and_kills_running_ones(
        stack_factory: StackFactory, tmp_path: Path) -> None:
    stack = stack_factory(**FAST_LEASES)
    marker = f"{80 + int(uuid.uuid4().int % 1000) / 1000:.3f}"
    after = tmp_path / "after"
    with api_client(stack) as api:
        local_host(api, "self", "here")
        nodes = [{"id": "slow", "type": "task", "task": "command",
                  "params": {"cmd": f"sleep {marker}"}, "timeout_s": 300},
                 {"id": "after", "type": "task", "task": "copy",
                  "params": {"dest": str(after), "content": "should not run"}},
                 {"id": "done", "type": "end", "result": "success"}]
        edges = [("slow", "after", "success"), ("slow", "after", "failure"),
                 ("after", "done", "success")]
        proc = api.post("/procedures", json=procedure("cancel-me", nodes, edges, "slow")).json()
        execution_id = run_now(api, proc["id"], hosts=["self"])
        wait_for(lambda: sleeping(marker), 30, "the step to be running on the node")
        asked = time.monotonic()
        r = api.post(f"/executions/{execution_id}/cancel")
        assert r.status_code == 202, r.text
        detail = wait_finished(api, execution_id, timeout=30)
        took = time.monotonic() - asked
        assert detail["status"] == "cancelled"
        assert hosts_by_name(detail)["self"]["status"] == "cancelled"
        wait_for(lambda: not sleeping(marker), 15, "the ansible process to be killed")
        assert took < 15, f"cancel took {took:.1f} s"
        assert not after.exists()
        assert api.post("/executions/no-such-execution/cancel").status_code == 404


def test_the_event_stream_shows_each_step_within_a_second(
        stack_factory: StackFactory, tmp_path: Path) -> None:
    stack = stack_factory()
    nodes = [{"id": f"s{i}", "type": "task", "task": "copy",
              "params": {"dest": f"{tmp_path}/f{i}", "content": str(i)}} for i in range(3)]
    nodes.append({"id": "done", "type": "end", "result": "success"})
    edges = [("s0", "s1", "success"), ("s1", "s2", "success"), ("s2", "done", "success")]
    received: list[tuple[float, dict[str, Any], str]] = []
    with api_client(stack) as api:
        local_host(api, "self", "here")
        proc = api.post("/procedures", json=procedure("stream", nodes, edges, "s0")).json()
        execution_id = run_now(api, proc["id"], hosts=["self"])
        with api.stream("GET", f"/executions/{execution_id}/events", timeout=60) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            kind = ""
            for line in response.iter_lines():
                if line.startswith("event: "):
                    kind = line[len("event: "):]
                elif line.startswith("data: ") and kind != "end":
                    received.append((time.time(), json.loads(line[len("data: "):]), kind))
                elif line.startswith("data: ") and kind == "end":
                    break
    kinds = [k for _, _, k in received]
    assert kinds[0] == "execution_started" and kinds[-1] == "execution_finished"
    finished = [(t, e) for t, e, k in received if k == "step_finished"]
    assert [e["step_id"] for _, e in finished] == ["s0", "s1", "s2"]
    for seen_at, event in finished:
        happened = datetime.fromisoformat(event["at"]).replace(tzinfo=UTC).timestamp()
        print(f"{event['step_id']} seen {seen_at - happened:.3f}s after it happened")
        assert seen_at - happened < 1.0, f"{event['step_id']} seen {seen_at - happened:.2f}s late"
    # Resuming with Last-Event-ID replays only what came after.
    with api_client(stack) as api:
        r = api.get(f"/executions/{execution_id}/events", headers={"Last-Event-ID": "0"})
        assert r.text.count("event: step_finished") == 3
