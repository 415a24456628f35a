"""The pure flow interpreter, driven over many small graphs (no database, no network)."""

from __future__ import annotations

from typing import Any

import pytest

from noc_contracts import HostRunStatus, ProcedureGraph
from noc_scheduler.flow import engine
from noc_scheduler.flow.engine import Finish, RetryLater, RunTask, WaitUntil
from noc_scheduler.flow.evaluator import InProcessEvaluator
from noc_scheduler.flow.flowstate import FlowState

EV = InProcessEvaluator()

CTX: dict[str, Any] = {"host": {"name": "web1", "address": "10.0.0.1", "vars": {"tier": "gold"}},
                       "vars": {"svc": "nginx"}, "execution": {"id": "e1"}}


def task(node_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "task", "task": "ping", **extra}


def graph(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
          start: str | None = None) -> ProcedureGraph:
    return ProcedureGraph.model_validate({
        "nodes": nodes, "start": start or nodes[0]["id"],
        "edges": [{"from": a, "to": b, "on": on} for a, on, b in edges]})


def run(g: ProcedureGraph, outcomes: dict[str, list[str]],
        max_actions: int = 200) -> tuple[Finish, FlowState, list[engine.Action]]:
    """Drive a graph to its end, answering each task with the next scripted status."""
    state = FlowState()
    actions: list[engine.Action] = []
    action = engine.start(g, state, CTX, EV)
    for _ in range(max_actions):
        actions.append(action)
        if isinstance(action, Finish):
            return action, state, actions
        if isinstance(action, WaitUntil | RetryLater):
            action = engine.resume(g, state, CTX, EV)
            continue
        assert isinstance(action, RunTask)
        status = outcomes[action.node_id].pop(0)
        action = engine.on_result(g, state, action.node_id,
                                  {"status": status, "rc": 0 if status == "ok" else 2,
                                   "facts": {"state": "running"}}, CTX, EV)
    raise AssertionError("graph did not finish")


def tasks_run(actions: list[engine.Action]) -> list[tuple[str, int]]:
    return [(a.node_id, a.attempt) for a in actions if isinstance(a, RunTask)]


TWO_STEP = graph([task("a"), task("b"), {"id": "ok", "type": "end"},
                  {"id": "bad", "type": "end", "result": "failure"}],
                 [("a", "success", "b"), ("a", "failure", "bad"), ("b", "success", "ok")])
NO_FAILURE_EDGE = graph([task("a"), {"id": "ok", "type": "end"}], [("a", "success", "ok")])
RETRY = graph([task("a", retries=2), {"id": "ok", "type": "end"}], [("a", "success", "ok")])
RETRY_DELAY = graph([task("a", retries=1, retry_delay_s=5), {"id": "ok", "type": "end"}],
                    [("a", "success", "ok")])


@pytest.mark.parametrize(("g", "outcomes", "final", "walked"), [
    (TWO_STEP, {"a": ["ok"], "b": ["ok"]}, HostRunStatus.success, [("a", 1), ("b", 1)]),
    (TWO_STEP, {"a": ["failed"]}, HostRunStatus.failed, [("a", 1)]),
    (TWO_STEP, {"a": ["ok"], "b": ["failed"]}, HostRunStatus.failed, [("a", 1), ("b", 1)]),
    (NO_FAILURE_EDGE, {"a": ["failed"]}, HostRunStatus.failed, [("a", 1)]),
    (NO_FAILURE_EDGE, {"a": ["unreachable"]}, HostRunStatus.unreachable, [("a", 1)]),
    (NO_FAILURE_EDGE, {"a": ["lost"]}, HostRunStatus.failed, [("a", 1)]),
    (RETRY, {"a": ["failed", "timeout", "ok"]}, HostRunStatus.success,
     [("a", 1), ("a", 2), ("a", 3)]),
    (RETRY, {"a": ["failed", "failed", "failed"]}, HostRunStatus.failed,
     [("a", 1), ("a", 2), ("a", 3)]),
    (RETRY_DELAY, {"a": ["failed", "ok"]}, HostRunStatus.success, [("a", 1), ("a", 2)]),
])
def test_task_outcomes(g: ProcedureGraph, outcomes: dict[str, list[str]],
                       final: HostRunStatus, walked: list[tuple[str, int]]) -> None:
    finish, state, actions = run(g, outcomes)
    assert finish.status == final
    assert tasks_run(actions) == walked
    assert state.status == final


def test_two_step_failure_follows_failure_edge_to_end() -> None:
    _, state, _ = run(TWO_STEP, {"a": ["failed"]})
    assert state.path == ["a", "bad"]
    assert state.steps["a"]["status"] == "failed"


def test_retry_delay_asks_to_retry_later() -> None:
    _, _, actions = run(RETRY_DELAY, {"a": ["failed", "ok"]})
    assert RetryLater("a", 2, 5.0) in actions


DECISION = graph(
    [task("check"), {"id": "d", "type": "decision",
                     "condition": "steps.check.facts.state == 'running' and host.vars.tier == 'gold'"},
     {"id": "yes", "type": "end"}, {"id": "no", "type": "end", "result": "failure"}],
    [("check", "success", "d"), ("d", "true", "yes"), ("d", "false", "no")])


@pytest.mark.parametrize(("tier", "final", "end"), [
    ("gold", HostRunStatus.success, "yes"), ("bronze", HostRunStatus.failed, "no")])
def test_decision_true_and_false(tier: str, final: HostRunStatus, end: str) -> None:
    state = FlowState()
    ctx = {**CTX, "host": {**CTX["host"], "vars": {"tier": tier}}}
    action = engine.start(DECISION, state, ctx, EV)
    assert isinstance(action, RunTask)
    action = engine.on_result(DECISION, state, "check",
                              {"status": "ok", "facts": {"state": "running"}}, ctx, EV)
    assert action == Finish(final, f"ended at '{end}'")
    assert state.path[-1] == end


def loop_graph(**loop: Any) -> ProcedureGraph:
    return graph([{"id": "L", "type": "loop", **loop}, task("work"), {"id": "out", "type": "end"}],
                 [("L", "body", "work"), ("L", "done", "out"), ("work", "success", "L")])


@pytest.mark.parametrize(("loop", "runs"), [
    ({"max_iterations": 3}, 3),
    ({"max_iterations": 1}, 1),
    ({"max_iterations": 10, "while": "loop.L.index <= 2"}, 2),
    ({"max_iterations": 10, "while": "loop.L.index0 < 4"}, 4),
    ({"max_iterations": 10, "items": ["a", "b"]}, 2),
    ({"max_iterations": 2, "items": ["a", "b", "c"]}, 2),
    ({"max_iterations": 10, "items": "{{ host.vars.disks }}"}, 3),
    ({"max_iterations": 10, "items": []}, 0),
])
def test_loop_counts(loop: dict[str, Any], runs: int) -> None:
    g = loop_graph(**loop)
    ctx = {**CTX, "host": {"name": "h", "vars": {"disks": ["sda", "sdb", "sdc"]}}}
    state = FlowState()
    action = engine.start(g, state, ctx, EV)
    count = 0
    while isinstance(action, RunTask):
        count += 1
        assert state.loops["L"]["index"] == count
        assert state.loops["L"]["index0"] == count - 1
        action = engine.on_result(g, state, "work", {"status": "ok"}, ctx, EV)
    assert action == Finish(HostRunStatus.success, "ended at 'out'")
    assert count == runs
    # After done the last iteration stays readable; the next entry starts again at 1.
    assert state.loops["L"]["done"] is True and state.loops["L"]["index"] == runs


def test_a_loop_entered_again_after_done_starts_over() -> None:
    g = graph([{"id": "L", "type": "loop", "max_iterations": 2}, task("work"),
               {"id": "out", "type": "end"}],
              [("L", "body", "work"), ("L", "done", "out"), ("work", "success", "L")])
    state = FlowState()
    engine.start(g, state, CTX, EV)
    engine.on_result(g, state, "work", {"status": "ok"}, CTX, EV)
    engine.on_result(g, state, "work", {"status": "ok"}, CTX, EV)
    assert state.loops["L"] == {"index": 2, "index0": 1, "item": None, "done": True}
    again = FlowState(loops=state.loops)
    engine.start(g, again, CTX, EV)
    assert again.loops["L"] == {"index": 1, "index0": 0, "item": None}


def test_loop_item_is_rendered_into_task_params() -> None:
    g = graph([{"id": "L", "type": "loop", "max_iterations": 5, "items": ["nginx", "sshd"]},
               task("svc", task="service_status", params={"name": "{{ loop.L.item }}"}),
               {"id": "out", "type": "end"}],
              [("L", "body", "svc"), ("L", "done", "out"), ("svc", "success", "L")])
    state = FlowState()
    first = engine.start(g, state, CTX, EV)
    second = engine.on_result(g, state, "svc", {"status": "ok"}, CTX, EV)
    assert isinstance(first, RunTask) and isinstance(second, RunTask)
    assert [first.params, second.params] == [{"name": "nginx"}, {"name": "sshd"}]


def test_wait_then_next() -> None:
    g = graph([{"id": "w", "type": "wait", "seconds": 7.5}, task("a"), {"id": "e", "type": "end"}],
              [("w", "next", "a"), ("a", "success", "e")])
    state = FlowState()
    assert engine.start(g, state, CTX, EV) == WaitUntil("w", 7.5)
    assert state.waiting == {"kind": "wait", "node": "w"}
    action = engine.resume(g, state, CTX, EV)
    assert isinstance(action, RunTask) and action.node_id == "a"
    assert state.waiting is None


@pytest.mark.parametrize(("result", "final"), [
    ("success", HostRunStatus.success), ("failure", HostRunStatus.failed)])
def test_end_result(result: str, final: HostRunStatus) -> None:
    g = graph([{"id": "e", "type": "end", "result": result}], [])
    assert engine.start(g, FlowState(), CTX, EV).status == final  # type: ignore[union-attr]


def test_template_error_fails_the_step_with_error_and_follows_failure() -> None:
    g = graph([task("a", params={"text": "{{ nope.missing }}"}), {"id": "ok", "type": "end"},
               {"id": "handler", "type": "end", "result": "failure"}],
              [("a", "success", "ok"), ("a", "failure", "handler")])
    state = FlowState()
    action = engine.start(g, state, CTX, EV)
    assert action == Finish(HostRunStatus.failed, "ended at 'handler'")
    assert state.steps["a"]["status"] == "error"
    assert "nope" in state.steps["a"]["msg"]
    assert state.drain_errors() == ["a"]


def test_condition_error_fails_the_host_run_with_the_message() -> None:
    g = graph([{"id": "d", "type": "decision", "condition": "''.__class__.__mro__"},
               {"id": "t", "type": "end"}, {"id": "f", "type": "end"}],
              [("d", "true", "t"), ("d", "false", "f")])
    state = FlowState()
    action = engine.start(g, state, CTX, EV)
    assert isinstance(action, Finish) and action.status == HostRunStatus.failed
    assert "unsafe" in action.message
    assert state.steps["d"]["status"] == "error"


def test_params_are_rendered_with_native_types_and_text() -> None:
    g = graph([task("a", task="port_open",
                    params={"host": "down on {{ host.name }}", "port": "{{ 2 * 3 }}"}),
               {"id": "e", "type": "end"}], [("a", "success", "e")])
    action = engine.start(g, FlowState(), CTX, EV)
    assert isinstance(action, RunTask)
    assert action.params == {"host": "down on web1", "port": 6}
    assert action.task_type == "port_open"


def test_runaway_walk_is_stopped() -> None:
    # two loops feeding each other with huge bounds and no task between them
    g = graph([{"id": "A", "type": "loop", "max_iterations": 10_000},
               {"id": "B", "type": "loop", "max_iterations": 10_000},
               {"id": "e", "type": "end"}],
              [("A", "body", "B"), ("A", "done", "e"), ("B", "body", "A"), ("B", "done", "A")])
    action = engine.start(g, FlowState(), CTX, EV)
    assert isinstance(action, Finish) and "runaway" in action.message


def test_architecture_example_walks_to_alert_after_three_tries() -> None:
    g = ProcedureGraph.model_validate({
        "nodes": [task("check"), {"id": "up?", "type": "decision",
                                  "condition": "steps.check.facts.state == 'running'"},
                  {"id": "tries", "type": "loop", "max_iterations": 3}, task("start"),
                  {"id": "pause", "type": "wait", "seconds": 10}, task("alert"),
                  {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [{"from": a, "to": b, "on": on} for a, on, b in [
            ("check", "success", "up?"), ("check", "failure", "alert"), ("up?", "true", "ok"),
            ("up?", "false", "tries"), ("tries", "body", "start"), ("tries", "done", "alert"),
            ("start", "success", "pause"), ("start", "failure", "alert"),
            ("pause", "next", "check"), ("alert", "success", "bad")]],
        "start": "check"})
    state = FlowState()
    action = engine.start(g, state, CTX, EV)
    checks = 0
    while not isinstance(action, Finish):
        if isinstance(action, WaitUntil):
            action = engine.resume(g, state, CTX, EV)
            continue
        assert isinstance(action, RunTask)
        facts = {"state": "stopped"} if action.node_id == "check" else {}
        checks += action.node_id == "check"
        action = engine.on_result(g, state, action.node_id, {"status": "ok", "facts": facts}, CTX, EV)
    assert action.status == HostRunStatus.failed
    assert checks == 4
    assert state.path[-2:] == ["alert", "bad"]


def test_rendered_params_the_task_refuses_end_the_step_with_the_field() -> None:
    g = graph([task("a", task="port_open", params={"port": "{{ 70000 }}"}),
               {"id": "ok", "type": "end"}, {"id": "handler", "type": "end", "result": "failure"}],
              [("a", "success", "ok"), ("a", "failure", "handler")])
    state = FlowState()
    action = engine.start(g, state, CTX, EV)
    assert action == Finish(HostRunStatus.failed, "ended at 'handler'")
    assert state.steps["a"]["status"] == "error"
    assert "'a' rendered params are invalid: params.port:" in state.steps["a"]["msg"]
    assert state.drain_errors() == ["a"]


def test_unknown_rendered_keys_are_refused_too() -> None:
    g = graph([task("a", params={"nope": "{{ 1 }}"}), {"id": "ok", "type": "end"}],
              [("a", "success", "ok")])
    state = FlowState()
    action = engine.start(g, state, CTX, EV)
    assert isinstance(action, Finish) and action.status == HostRunStatus.failed
    assert "params.nope" in state.steps["a"]["msg"]


@pytest.mark.parametrize(("loop", "field"), [
    ({"max_iterations": 3, "while": "nope.x"}, "while"),
    ({"max_iterations": 3, "items": "{{ nope }}"}, "items"),
    ({"max_iterations": 3, "items": "{{ 3 }}"}, "items"),
])
def test_loop_errors_name_the_node_and_field(loop: dict[str, Any], field: str) -> None:
    action = engine.start(loop_graph(**loop), FlowState(), CTX, EV)
    assert isinstance(action, Finish) and action.status == HostRunStatus.failed
    assert action.message.startswith(f"'L' {field}:")


def test_a_param_error_names_the_field() -> None:
    g = graph([task("a", task="copy", params={"dest": "/x", "content": "{{ nope }}"}),
               {"id": "ok", "type": "end"}], [("a", "success", "ok")])
    state = FlowState()
    engine.start(g, state, CTX, EV)
    assert state.steps["a"]["msg"].startswith("'a' params.content: ")
