"""Ansible event results -> HostResult, and what hosts without an event get."""

from __future__ import annotations

from noc_contracts import StepStatus
from noc_node.execution.outcomes import facts_of, for_missing, from_event, now, runner_end


def test_ok_event_promotes_fields_and_keeps_module_returns_as_facts() -> None:
    res = {"changed": True, "rc": 0, "stdout": "out", "stderr": "", "msg": "",
           "stdout_lines": ["out"], "invocation": {"module_args": {}}, "_ansible_no_log": False,
           "ping": "pong", "ansible_facts": {"discovered_interpreter_python": "/usr/bin/python3"}}
    result = from_event("runner_on_ok", "h1", res, now())
    assert result.status is StepStatus.ok and result.rc == 0 and result.changed
    assert result.stdout == "out"
    assert result.facts == {"ping": "pong", "discovered_interpreter_python": "/usr/bin/python3"}


def test_failed_unreachable_and_skipped_events() -> None:
    start = now()
    assert from_event("runner_on_failed", "h", {"rc": 2, "msg": "boom"}, start).status == "failed"
    unreachable = from_event("runner_on_unreachable", "h", {"msg": "refused"}, start)
    assert unreachable.status == "unreachable" and unreachable.msg == "refused"
    skipped = from_event("runner_on_skipped", "h", {}, start)
    assert skipped.status == "ok" and skipped.msg == "skipped"


def test_facts_drop_internal_keys() -> None:
    assert facts_of({"exception": "tb", "warnings": [], "_ansible_x": 1, "stat": {}}) == {
        "stat": {}}


def test_run_end_decides_hosts_without_event() -> None:
    assert runner_end("timeout", None, 7).status is StepStatus.timeout
    assert "7s" in runner_end("timeout", None, 7).message
    assert runner_end("canceled", -9, 7).status is StepStatus.cancelled
    assert runner_end("failed", 4, 7).status is StepStatus.failed
    missing = for_missing(["a", "b"], runner_end("canceled", None, 1), now())
    assert [(r.host, r.status) for r in missing] == [("a", "cancelled"), ("b", "cancelled")]
