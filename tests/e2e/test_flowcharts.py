"""Issue 3 on real sshd hosts: each host of a group walks its own path through a flowchart."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.e2e.flows import TEST_HOST_VARS, created, hosts_by_name, procedure, wait_finished
from tests.support.sshd import SshHost

pytestmark = pytest.mark.e2e

# ARCHITECTURE.md's example, with the service played by a state file: check it, decide, loop
# (start, pause, check again) at most twice, alert and end failed when it cannot be brought up.
NODES = [
    {"id": "check", "type": "task", "task": "command",
     "params": {"cmd": "cat {{ host.vars.state_file }}"}, "timeout_s": 60},
    {"id": "up?", "type": "decision", "condition": "steps.check.stdout == 'running'"},
    {"id": "tries", "type": "loop", "max_iterations": 2},
    {"id": "start", "type": "task", "task": "copy",
     "params": {"dest": "{{ host.vars.start_dest }}", "content": "running"}},
    {"id": "pause", "type": "wait", "seconds": 1},
    {"id": "alert", "type": "task", "task": "copy",
     "params": {"dest": "{{ host.vars.alert_file }}",
                "content": "down on {{ host.name }} after {{ loop.tries.index }} tries"}},
    {"id": "ok", "type": "end", "result": "success"},
    {"id": "bad", "type": "end", "result": "failure"},
]
EDGES = [
    ("check", "up?", "success"), ("check", "alert", "failure"),
    ("up?", "ok", "true"), ("up?", "tries", "false"),
    ("tries", "start", "body"), ("tries", "alert", "done"),
    ("start", "pause", "success"), ("start", "alert", "failure"),
    ("pause", "check", "next"), ("alert", "bad", "success"),
]


def test_hosts_of_a_group_take_their_own_branches(
        api: httpx.Client, sshd_hosts: list[SshHost], tmp_path: Path) -> None:
    work = tmp_path / "svc"
    work.mkdir()
    created(api.post("/credentials", json={"name": "k", "kind": "ssh_key",
                                           "private_key": sshd_hosts[0].private_key}))
    # up: already running; fixable: starting works; broken: starting fails;
    # stubborn: starting "works" but the service never comes up, so the loop runs out.
    plan = {
        "up": ("running", "state"),
        "fixable": ("stopped", "state"),
        "broken": ("stopped", "no-such-dir/state"),
        "stubborn": ("stopped", "elsewhere"),
    }
    for (name, (state, start_dest)), h in zip(plan.items(), sshd_hosts, strict=True):
        (work / name).mkdir()
        (work / name / "state").write_text(state)
        created(api.post("/hosts", json={
            "name": name, "address": h.address, "port": h.port, "user": h.user,
            "groups": ["svc"], "credential": "k",
            "vars": {**TEST_HOST_VARS, "state_file": str(work / name / "state"),
                     "start_dest": str(work / name / start_dest),
                     "alert_file": str(work / name / "alert")}}))
    proc = created(api.post("/procedures", json=procedure("keep-it-up", NODES, EDGES, "check")))
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": "svc"}}))
    execution = wait_finished(api, run["execution_id"], timeout=180)

    hosts = hosts_by_name(execution)
    assert hosts["up"]["path"] == ["check", "up?", "ok"]
    assert hosts["fixable"]["path"] == [
        "check", "up?", "tries", "start", "pause", "check", "up?", "ok"]
    assert hosts["broken"]["path"] == ["check", "up?", "tries", "start", "alert", "bad"]
    assert hosts["stubborn"]["path"] == [
        "check", "up?", "tries", "start", "pause", "check", "up?",
        "tries", "start", "pause", "check", "up?", "tries", "alert", "bad"]
    assert {n: h["status"] for n, h in hosts.items()} == {
        "up": "success", "fixable": "success", "broken": "failed", "stubborn": "failed"}
    assert execution["status"] == "partial"

    # The effects on disk match each branch.
    assert (work / "fixable" / "state").read_text() == "running"
    assert not (work / "up" / "alert").exists() and not (work / "fixable" / "alert").exists()
    assert (work / "broken" / "alert").read_text() == "down on broken after 1 tries"
    assert (work / "stubborn" / "alert").read_text() == "down on stubborn after 2 tries"
    # Every attempt of a repeated step is kept, in order.
    checks = [s for s in hosts["stubborn"]["steps"] if s["step_id"] == "check"]
    assert [(s["visit"], s["stdout"]) for s in checks] == [(1, "stopped"), (2, "stopped"),
                                                           (3, "stopped")]
    failed_start = [s for s in hosts["broken"]["steps"] if s["step_id"] == "start"]
    assert failed_start[0]["status"] == "failed" and failed_start[0]["msg"]
