"""Issue 11's proof for the simulator: a real run on local hosts whose outcomes differ per host
(a touch that fails twice, retried, on a path from a host var; an open and a closed port
decided on its facts, in a bounded loop; disk facts and a decision on them), then ``POST /procedures/simulate`` of the
same graph per host with the outcomes the run produced: the simulated path and final status
equal the real ones."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.flows import created, hosts_by_name, local_host, procedure, run_now, wait_finished

pytestmark = pytest.mark.e2e

NODES: list[dict[str, Any]] = [
    {"id": "touch", "type": "task", "task": "file", "retries": 1,
     "params": {"path": "{{ host.vars.touch_path }}", "state": "touch"}},
    {"id": "port", "type": "task", "task": "port_open",
     "params": {"port": "{{ host.vars.port }}", "timeout_s": 1}},
    {"id": "open?", "type": "decision", "condition": "steps.port.facts.open"},
    {"id": "tries", "type": "loop", "max_iterations": 2},
    {"id": "disk", "type": "task", "task": "disk_usage", "params": {"path": "/"}},
    {"id": "roomy?", "type": "decision",
     "condition": "steps.disk.facts.percent <= host.vars.max_full"},
    {"id": "ok", "type": "end", "result": "success"},
    {"id": "bad", "type": "end", "result": "failure"},
]
EDGES = [
    ("touch", "port", "success"), ("touch", "disk", "failure"),
    ("port", "open?", "success"), ("port", "disk", "failure"),
    ("open?", "disk", "true"), ("open?", "tries", "false"),
    ("tries", "port", "body"), ("tries", "disk", "done"),
    ("disk", "roomy?", "success"), ("disk", "bad", "failure"),
    ("roomy?", "ok", "true"), ("roomy?", "bad", "false"),
]
OUTCOME_KEYS = ("status", "rc", "changed", "stdout", "stderr", "msg", "facts")


@pytest.fixture
def open_port() -> Iterator[int]:
    """A port that accepts connections for the whole test."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once it is closed


def scripted(steps: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The real run's results as a simulation script: per task, by visit then attempt."""
    outcomes: dict[str, list[dict[str, Any]]] = {}
    for step in sorted(steps, key=lambda s: (s["visit"], s["attempt"])):
        outcomes.setdefault(step["step_id"], []).append({k: step[k] for k in OUTCOME_KEYS})
    return outcomes


@pytest.mark.parametrize("stack_factory", ["sqlite"], indirect=True)
def test_simulating_with_a_runs_outcomes_walks_its_path(api: httpx.Client, tmp_path: Path,
                                                        open_port: int) -> None:
    missing = tmp_path / "no-such-dir" / "mark"
    plan = {  # host: (where it touches, the port it checks, the fullest disk it accepts)
        "sim-good": (tmp_path / "good-mark", open_port, 100),
        "sim-closed": (tmp_path / "closed-mark", closed_port(), 100),
        "sim-bad": (missing, open_port, -1),
    }
    for name, (touch, port, max_full) in plan.items():
        local_host(api, name, "sim", touch_path=str(touch), port=port, max_full=max_full)
    proc = created(api.post("/procedures", json=procedure("sim-proof", NODES, EDGES, "touch")))
    execution = wait_finished(api, run_now(api, proc["id"], group="sim"), timeout=180)
    hosts = hosts_by_name(execution)
    assert hosts["sim-good"]["path"] == ["touch", "port", "open?", "disk", "roomy?", "ok"]
    assert hosts["sim-closed"]["path"] == ["touch"] + ["port", "open?", "tries"] * 3 + [
        "disk", "roomy?", "ok"]
    assert hosts["sim-bad"]["path"] == ["touch", "disk", "roomy?", "bad"]
    touches = [(s["attempt"], s["status"]) for s in hosts["sim-bad"]["steps"]
               if s["step_id"] == "touch"]
    assert touches == [(1, "failed"), (2, "failed")]

    for name, real in hosts.items():
        answer = api.post("/procedures/simulate", json={
            "graph": proc["graph"], "host_name": name, "outcomes": scripted(real["steps"]),
            "default_outcome": {"status": "failed", "msg": "not in the real run"}})
        assert answer.status_code == 200, answer.text
        simulated = answer.json()
        assert simulated["path"] == real["path"], name
        assert simulated["status"] == real["status"], name
        assert all(s["scripted"] for s in simulated["steps"] if s["type"] == "task"), name
        walked = [(s["node_id"], s["visit"], s["attempt"]) for s in simulated["steps"]
                  if s["type"] == "task"]
        assert sorted(walked) == sorted((s["step_id"], s["visit"], s["attempt"])
                                        for s in real["steps"]), name
