"""The simulator's Qt-free logic: rows per task and visit, the request they build, the field a
bad value names, and an answer read back as a path and block states (no Qt, no server)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from noc_contracts import SimulationResult
from noc_desktop.simulator.reading import block_states, path_until, task_visits
from noc_desktop.simulator.script import HostChoice, Script, ScriptProblem, build_request

GRAPH: dict[str, Any] = {
    "nodes": [{"id": "check", "type": "task", "task": "ping"},
              {"id": "up?", "type": "decision", "condition": "steps.check.rc == 0"},
              {"id": "fix", "type": "task", "task": "ping", "retries": 1},
              {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
    "edges": [{"from": "check", "to": "up?", "on": "success"},
              {"from": "up?", "to": "ok", "on": "true"}, {"from": "up?", "to": "fix", "on": "false"},
              {"from": "fix", "to": "ok", "on": "success"},
              {"from": "fix", "to": "bad", "on": "failure"}],
    "start": "check"}


def script() -> Script:
    made = Script()
    made.reset(["check", "fix"])
    return made


def test_one_row_per_task_then_one_per_visit() -> None:
    rows = script()
    assert [r.node_id for r in rows.rows] == ["check", "fix"]
    rows.rows[1].status = "failed"
    assert rows.add_visit(1) == 2 and rows.rows[2].status == "failed"
    assert [rows.visit_of(i) for i in range(3)] == [1, 1, 2]
    assert not rows.can_remove(0)
    rows.remove_visit(0)
    assert len(rows.rows) == 3
    rows.remove_visit(2)
    assert [r.node_id for r in rows.rows] == ["check", "fix"]


def test_reset_keeps_rows_of_tasks_still_there() -> None:
    rows = script()
    rows.rows[0].details = '{"rc": 3}'
    rows.reset(["check"])  # "fix" is a decision now
    assert [(r.node_id, r.details) for r in rows.rows] == [("check", '{"rc": 3}')]
    rows.reset(["new", "check"])  # a new task (of a draft) gets its row
    assert [(r.node_id, r.details) for r in rows.rows] == [("new", ""), ("check", '{"rc": 3}')]


def test_grow_to_adds_a_row_per_dispatch() -> None:
    rows = script()
    assert rows.grow_to({"fix": 3, "check": 1, "gone": 2})
    assert [r.node_id for r in rows.rows] == ["check", "fix", "fix", "fix"]
    assert not rows.grow_to({"fix": 2})


def test_the_request_holds_the_outcomes_in_order() -> None:
    rows = script()
    rows.rows[0].details = '{"rc": 3, "facts": {"state": "stopped"}, "stdout": "x"}'
    rows.add_visit(1)
    rows.rows[1].status, rows.rows[2].status = "failed", "ok"
    rows.default_status = "failed"
    request = build_request(GRAPH, HostChoice(name="web1", groups=["web"], vars={"port": 80}),
                            {"env": "prod"}, rows, procedure="p")
    body = request.model_dump(mode="json", exclude_none=True)
    assert body["host"] == {"name": "web1", "port": 22, "connection": "ssh", "groups": ["web"],
                            "vars": {"port": 80}}
    assert body["vars"] == {"env": "prod"} and body["default_outcome"]["status"] == "failed"
    assert [o["status"] for o in body["outcomes"]["fix"]] == ["failed", "ok"]
    assert body["outcomes"]["check"][0]["facts"] == {"state": "stopped"}
    inventory = build_request(GRAPH, HostChoice(inventory=" db1 "), {}, rows)
    assert inventory.host_name == "db1" and inventory.host is None


@pytest.mark.parametrize(("host", "details", "field"), [
    (HostChoice(name=" "), "", "host.name"),
    (HostChoice(inventory=""), "", "host_name"),
    (HostChoice(name="h"), '{"rc": "x"}', "outcomes.check.1"),
    (HostChoice(name="h"), '{"code": 1}', "outcomes.check.1"),
    (HostChoice(name="h"), '"text"', "outcomes.check.1"),
])
def test_a_bad_value_names_its_field(host: HostChoice, details: str, field: str) -> None:
    rows = script()
    rows.rows[0].details = details
    with pytest.raises(ScriptProblem) as caught:
        build_request(GRAPH, host, {}, rows)
    assert caught.value.field == field and caught.value.message


RESULT = SimulationResult.model_validate({
    "status": "failed", "path": ["check", "up?", "fix", "bad"], "steps": [
        {"node_id": "check", "type": "task", "visit": 1, "outcome": {"status": "ok", "rc": 3}},
        {"node_id": "up?", "type": "decision", "visit": 1, "value": False},
        {"node_id": "fix", "type": "task", "visit": 1, "outcome": {"status": "failed"}},
        {"node_id": "fix", "type": "task", "visit": 1, "attempt": 2,
         "outcome": {"status": "failed"}},
        {"node_id": "bad", "type": "end", "visit": 1}]})


def test_stepping_reveals_the_path_and_states_step_by_step() -> None:
    assert path_until(RESULT, 2) == ["check", "up?"]
    assert path_until(RESULT, 4) == ["check", "up?", "fix"]
    assert path_until(RESULT) == RESULT.path
    partial = block_states(RESULT, 2)
    assert {k: (v.status, v.hosts_here) for k, v in partial.items()} == {
        "check": ("success", 0), "up?": ("visited", 1)}
    final = block_states(RESULT)
    assert {k: (v.status, v.hosts_here) for k, v in final.items()} == {
        "check": ("success", 0), "up?": ("visited", 0), "fix": ("failed", 0),
        "bad": ("failed", 1)}
    assert task_visits(RESULT) == {"check": 1, "fix": 2}


def test_the_logic_modules_never_import_qt() -> None:
    code = ("import sys, noc_desktop.simulator.script, noc_desktop.simulator.reading; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'qasync'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
